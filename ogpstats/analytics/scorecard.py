"""Agency scorecard: a league table of implementing agencies."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..indicators import compute_indicators, effective_levels, group_keys, item_scores, overdue_mask, status_at
from ..levels import items_scheme
from ..rounds import data_rounds, rounds_upto
from ..vocab import round_as_of
from ._common import KEY, resolve_round

SCORECARD_COLUMNS: tuple[str, ...] = (
    "rank", "agency", "n_items", "n_assessed", "implementation_index", "completion_rate", "overdue",
    "n_due", "completed_on_time", "on_time_rate", "worst_items", "round", "scheme",
)


def on_time_completion(items: pd.DataFrame, assessments: pd.DataFrame, round: str | None = None) -> pd.DataFrame:
    """Per item: is it due for an on-time verdict at ``round``, and was it completed on time?

    The item's *verdict round* is the first round of the data whose as-of
    date is on or after its deadline end. An item is **due** when it has a
    deadline end, is not ongoing and its verdict round is at or before
    ``round``; it was **completed on time** when it was first assessed
    ``complete`` at or before its verdict round.

    Returns
    -------
    pandas.DataFrame
        ``plan``, ``item_id``, ``verdict_round`` (null when none yet),
        ``first_complete_round`` (null when never complete up to ``round``),
        ``due`` and ``on_time`` (booleans), in the order of ``items``.
    """
    round = resolve_round(assessments, round)
    # The dated rounds up to ``round`` (none when ``round`` is one of OGP's undated rounds).
    dated = [r for r in data_rounds(assessments) if round_as_of(r) is not None]
    rounds = rounds_upto(dated, round) if round_as_of(round) is not None else []
    n = len(items)
    verdict_rank = np.full(n, -1, dtype=np.int64)
    first_rank = np.full(n, -1, dtype=np.int64)
    due = np.zeros(n, dtype=bool)
    if rounds:
        as_of = pd.to_datetime(pd.Series([round_as_of(r) for r in rounds])).to_numpy()
        deadline = items["deadline_end"].to_numpy()
        has_deadline = items["deadline_end"].notna().to_numpy() & ~items["ongoing"].astype(bool).to_numpy()
        pos = np.searchsorted(as_of, deadline, side="left")  # first round whose as-of >= the deadline
        due = has_deadline & (pos < len(rounds))
        verdict_rank = np.where(due, pos, -1)
        # The first round each item was complete (only rounds up to ``round`` count).
        complete = assessments[effective_levels(assessments) == "complete"]
        rank_of = {r: i for i, r in enumerate(rounds)}
        codes, uniques = pd.factorize(complete["round"])
        lookup = np.array([rank_of.get(u, -1) for u in uniques], dtype=np.int64)
        ranks = lookup[codes] if len(uniques) else np.zeros(0, dtype=np.int64)
        firsts = (complete[KEY].assign(_rank=ranks)[ranks >= 0].groupby(KEY, sort=False)["_rank"].min()
                  .rename("_first").reset_index())
        first_rank = items[KEY].merge(firsts, on=KEY, how="left")["_first"].fillna(-1).astype(np.int64).to_numpy()
    on_time = due & (first_rank >= 0) & (first_rank <= verdict_rank)
    names = np.array(list(rounds) + [None], dtype=object)  # index -1 → None
    return pd.DataFrame({
        "plan": items["plan"].to_numpy(), "item_id": items["item_id"].to_numpy(),
        "verdict_round": pd.Series(names[verdict_rank], dtype=object, index=items.index),
        "first_complete_round": pd.Series(names[first_rank], dtype=object, index=items.index),
        "due": due, "on_time": on_time,
    }, index=items.index)


def agency_scorecard(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    round: str | None = None,
    scheme: str | None = None,
    worst: int = 3,
) -> pd.DataFrame:
    """Per agency: items, implementation index, overdue, on-time completion, worst items.

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    round
        Default the latest round in the data.
    scheme
        Scheme of the implementation index; ``None`` (default): by the data's kind
        (:func:`ogpstats.levels.scheme_for`).
    worst
        How many worst items to list per agency.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCORECARD_COLUMNS`, one row per agency (an item with
        several agencies counts once for each; items without one under
        ``(no agency)``). ``n_items``, ``n_assessed``,
        ``implementation_index``, ``completion_rate`` and ``overdue`` are
        those of ``compute_indicators(by="agency")``. ``n_due`` items have
        had their verdict round (see :func:`on_time_completion`),
        ``completed_on_time`` of them were complete by it, ``on_time_rate`` =
        completed_on_time / n_due (null when nothing is due).
        ``worst_items``: up to ``worst`` item ids, overdue first, then lowest
        score (not assessed lowest), then earliest deadline. Sorted best
        first: index descending (null last), then fewer overdue, then name;
        ``rank`` 1, 2, … for a league-table chart.
    """
    round = resolve_round(assessments, round)
    scheme = items_scheme(items, scheme)
    base = compute_indicators(items, assessments, scheme=scheme, by="agency", round=round)
    status = status_at(items, assessments, round)
    as_of = round_as_of(round)
    timing = on_time_completion(items, assessments, round)
    multi_plan = items["plan"].nunique() > 1
    label = (status["plan"].astype(str) + ": " + status["item_id"].astype(str)) if multi_plan \
        else status["item_id"].astype(str)
    frame = pd.DataFrame({
        "agencies": status["agencies"],
        "_due": timing["due"].to_numpy().astype(int),
        "_on_time": timing["on_time"].to_numpy().astype(int),
        "_overdue": overdue_mask(status, as_of).to_numpy(),
        "_score": item_scores(status, scheme).fillna(-1.0).to_numpy(),
        "_deadline": status["deadline_end"].to_numpy(),
        "_label": label.to_numpy(),
    }, index=status.index)
    keyed = group_keys(frame, "agency")
    sums = keyed.groupby("group", sort=False)[["_due", "_on_time"]].sum()
    ranked = keyed.sort_values(["group", "_overdue", "_score", "_deadline"], ascending=[True, False, True, True],
                               na_position="last", kind="stable")
    worst_items = ranked.groupby("group", sort=False).head(worst).groupby("group", sort=False)["_label"] \
        .agg(", ".join)
    sums = sums.reindex(base["group"]).fillna(0)
    n_due = sums["_due"].astype(int).to_numpy()
    n_on_time = sums["_on_time"].astype(int).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(n_due > 0, n_on_time / np.maximum(n_due, 1), np.nan)
    out = pd.DataFrame({
        "agency": base["group"],
        "n_items": base["n_items"],
        "n_assessed": base["n_assessed"],
        "implementation_index": base["implementation_index"],
        "completion_rate": base["completion_rate"],
        "overdue": base["overdue"],
        "n_due": n_due,
        "completed_on_time": n_on_time,
        "on_time_rate": np.round(rate, 6),
        "worst_items": worst_items.reindex(base["group"]).fillna("").to_numpy(),
        "round": round,
        "scheme": scheme,
    })
    # ``base`` comes in natural name order; a stable sort keeps it among ties.
    out = out.sort_values(["implementation_index", "overdue"], ascending=[False, True], na_position="last",
                          kind="stable")
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out[list(SCORECARD_COLUMNS)].reset_index(drop=True)
