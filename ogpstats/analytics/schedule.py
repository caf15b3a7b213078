"""Expected against actual: how much of each item's time has passed, and is the work keeping up?"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..indicators import compute_indicators, group_keys, item_scores, overdue_mask, status_at
from ..levels import items_scheme
from ._common import require_as_of, resolve_round

SCHEDULE_COLUMNS: tuple[str, ...] = (
    "group", "n_items", "n_scheduled", "expected_share", "implementation_index", "gap", "overdue",
    "round", "scheme",
)
SCHEDULE_ITEM_COLUMNS: tuple[str, ...] = (
    "plan", "item_id", "title", "agencies", "start", "deadline_end", "expected_share", "level", "score",
    "gap", "overdue",
)
_DAY = pd.Timedelta(days=1)


def elapsed_share(items: pd.DataFrame, as_of) -> pd.Series:
    """Share of each item's time elapsed at a date, 0-1.

    Parameters
    ----------
    items
        Tidy items (needs ``start``, ``deadline_end``, ``ongoing``).
    as_of
        A date (the round's as-of date).

    Returns
    -------
    pandas.Series
        ``(as_of - start + 1 day) / (deadline_end - start + 1 day)`` clipped
        to 0..1: both the as-of date and the deadline count to the end of
        their day, so an item running 2017-01-01 to 2018-12-31 is at 0.5 on
        2017-12-31 and at 1 on its deadline. NaN for items without a start or
        a deadline end, ongoing items, and a deadline before the start.
    """
    as_of = pd.Timestamp(as_of)
    start, end = items["start"], items["deadline_end"]
    total = (end - start + _DAY).dt.days.astype(float)
    done = (as_of - start + _DAY).dt.days.astype(float)
    valid = start.notna() & end.notna() & ~items["ongoing"].astype(bool) & (total > 0)
    share = (done / total.where(valid)).clip(0.0, 1.0)
    return share.where(valid).astype(float)


def schedule_items(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    round: str | None = None,
    scheme: str | None = None,
) -> pd.DataFrame:
    """Per item: time elapsed against the item's score at a round.

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    round
        A dated round (``2017-H2``); default the latest in the data.
    scheme
        Scoring scheme for ``score`` (see :func:`ogpstats.indicators.item_scores`); ``None``
        (default): by the data's kind (:func:`ogpstats.levels.scheme_for`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCHEDULE_ITEM_COLUMNS`: ``expected_share`` (0-1, see
        :func:`elapsed_share`), ``level`` and ``score`` (0-1, NaN when not
        assessed) at the round, ``gap`` = score - expected_share (negative:
        behind schedule) and ``overdue``. Most behind first.
    """
    round = resolve_round(assessments, round)
    as_of = require_as_of(round)
    scheme = items_scheme(items, scheme)
    status = status_at(items, assessments, round)
    out = status.assign(
        expected_share=elapsed_share(status, as_of).round(6),
        score=item_scores(status, scheme).round(6),
        overdue=overdue_mask(status, as_of),
    )
    out["gap"] = (out["score"] - out["expected_share"]).round(6)
    out = out.sort_values(["gap", "expected_share"], ascending=[True, False], na_position="last", kind="stable")
    return out[list(SCHEDULE_ITEM_COLUMNS)].reset_index(drop=True)


def schedule_tracking(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    round: str | None = None,
    by: str | None = None,
    scheme: str | None = None,
) -> pd.DataFrame:
    """Expected progress (time elapsed) beside the implementation index, per group.

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    round
        A dated round (``2017-H2``); default the latest in the data.
    by
        Grouping as in :func:`ogpstats.indicators.compute_indicators`
        (``agency`` counts an item once per agency), or ``None`` for ``"all"``.
    scheme
        Scheme of the implementation index; ``None`` (default): by the data's kind
        (:func:`ogpstats.levels.scheme_for`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCHEDULE_COLUMNS`, one row per group:
        ``n_scheduled`` items with a start and a deadline end (not ongoing);
        ``expected_share`` their weighted mean share of time elapsed (0-1,
        see :func:`elapsed_share`); ``implementation_index`` and ``overdue``
        exactly as :func:`~ogpstats.indicators.compute_indicators` gives
        them; ``gap`` = implementation_index - 100 x expected_share, in index
        points (negative: behind the time elapsed). Null where a group has no
        scheduled or no assessed items.

    Examples
    --------
    One item 2017-01-01 to 2018-12-31, ``limited`` at 2017-H2 (IRM 33.3):
    half its time has passed, so the gap is 33.333333 - 50 = -16.666667.
    """
    round = resolve_round(assessments, round)
    as_of = require_as_of(round)
    scheme = items_scheme(items, scheme)
    base = compute_indicators(items, assessments, scheme=scheme, by=by, round=round)
    share = elapsed_share(items, as_of)
    w = items["weight"].astype(float)
    frame = pd.DataFrame({
        "_n": share.notna().astype(int),
        "_w": w.where(share.notna(), 0.0),
        "_ws": (w * share).where(share.notna(), 0.0),
    }, index=items.index)
    keyed = group_keys(pd.concat([items, frame], axis=1), by)
    sums = keyed.groupby("group", sort=False)[["_n", "_w", "_ws"]].sum()
    sums.index = sums.index.astype(str)
    sums = sums.reindex(base["group"]).fillna(0)
    expected = (sums["_ws"] / sums["_w"].where(sums["_w"] > 0)).to_numpy(dtype=float)
    out = pd.DataFrame({
        "group": base["group"],
        "n_items": base["n_items"],
        "n_scheduled": sums["_n"].astype(int).to_numpy(),
        "expected_share": np.round(expected, 6),
        "implementation_index": base["implementation_index"],
        "gap": np.round(base["implementation_index"].to_numpy(dtype=float) - 100 * expected, 6),
        "overdue": base["overdue"],
        "round": round,
        "scheme": scheme,
    })
    return out[list(SCHEDULE_COLUMNS)].reset_index(drop=True)
