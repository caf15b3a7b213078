"""Completion indicators: pure functions, tidy frames in, indicator frames out.

The definitions are in ``docs/indicators.md``; in short, for a round R an
item's status is its latest assessment at or before R, and the indicators
count and score those statuses per group.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .groups import GROUP_FIELDS
from .levels import LEVELS, SCHEME_NAMES, SCHEMES, items_scheme
from .model import LEVEL_DTYPE
from .rounds import data_rounds, latest_round, round_ranks
from .vocab import normalize, round_as_of

INDICATOR_COLUMNS: tuple[str, ...] = (
    "group", "n_items", "n_assessed", *LEVELS, "high_completion_rate", "completion_rate",
    "implementation_index", "mean_percent", "overdue", "round", "scheme",
)
NO_AGENCY = "(no agency)"
_KEY = ["plan", "item_id"]


def effective_levels(assessments: pd.DataFrame) -> pd.Series:
    """The level of each assessment: the status word's level, else the percent's level.

    A percent maps 0 → not_started, below 50 → limited, 50 to below 100 →
    substantial, 100 → complete.
    """
    from_percent = pd.cut(assessments["percent"], bins=[-np.inf, 0, 50, 100, np.inf],
                          labels=list(LEVELS), right=False)
    # pd.cut with right=False puts 0 in [0, 50); move exact zeros to not_started.
    from_percent = from_percent.where(assessments["percent"] != 0, "not_started")
    from_percent = from_percent.where(~(assessments["percent"] < 0), None)
    level = assessments["level"].astype(LEVEL_DTYPE)
    return level.fillna(from_percent.astype(LEVEL_DTYPE))


def status_at(items: pd.DataFrame, assessments: pd.DataFrame, round: str | None = None) -> pd.DataFrame:
    """Each item with its status at a round (carried forward).

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    round
        Canonical round id; default the latest round in ``assessments``.

    Returns
    -------
    pandas.DataFrame
        ``items`` plus ``level`` (categorical, null when never assessed),
        ``percent`` and ``assessed_round`` — the round the status comes from.
        Assessments with neither a level nor a percent (blank, "no evidence")
        are skipped, so an earlier status carries forward.
    """
    if round is None:
        round = latest_round(assessments)
    return _status_from(items, _leveled(assessments), round)


def _leveled(assessments: pd.DataFrame) -> pd.DataFrame:
    """The assessments that carry a status (a level or a percent): key, round, percent and effective level.

    Computed once for all the rounds of :func:`index_over_rounds`.
    """
    a = assessments[["plan", "item_id", "round", "percent"]].copy()
    a["level"] = effective_levels(assessments)
    return a[a["level"].notna().to_numpy()]


def _status_from(items: pd.DataFrame, leveled: pd.DataFrame, round: str | None) -> pd.DataFrame:
    """:func:`status_at` from :func:`_leveled` assessments."""
    # Carry-forward: only the rounds at or before ``round`` count (rank -1 otherwise; ogpstats.rounds).
    rank = round_ranks(leveled["round"], round)
    keep = rank >= 0
    a, rank = leveled[keep], rank[keep]
    # Order by round (stable, so a later row of the same round wins), keep each item's last.
    a = a.iloc[np.argsort(rank, kind="stable")].drop_duplicates(_KEY, keep="last")
    a = a.rename(columns={"round": "assessed_round"})
    # ``a`` now has one row per item key, so the merge cannot multiply item rows
    # (a ``validate=`` check here cost a third of the function at 10^6 rows).
    out = items.merge(a, on=_KEY, how="left")
    out["level"] = out["level"].astype(LEVEL_DTYPE)
    return out


def due_mask(status: pd.DataFrame, as_of: object) -> pd.Series:
    """Items whose deadline has passed at ``as_of``: deadline end on or before it, not ongoing.

    ``as_of`` is a date (a round's as-of date); ``None`` or NaT (OGP's
    undated rounds) makes nothing due. An item without a deadline end is
    never due.
    """
    if as_of is None or pd.isna(as_of):
        return pd.Series(False, index=status.index)
    return (status["deadline_end"] <= pd.Timestamp(as_of)) & ~status["ongoing"]


def overdue_mask(status: pd.DataFrame, as_of: object) -> pd.Series:
    """The one definition of **overdue**: due at ``as_of`` (:func:`due_mask`) and not complete.

    ``status`` is a :func:`status_at` frame (its ``level`` carried forward);
    an item never assessed counts as not complete. Every overdue figure of
    indicators, analytics and reports comes from here.

    Examples
    --------
    At 2017-H2 (as of 2017-12-31): a measure due 2017-06-30 assessed
    ``substantial`` is overdue; the same measure ``complete`` is not; one due
    2018-12-31 is not yet due; an ongoing (``Daimi``) one never is; one due
    2017-12-31 and never assessed is overdue (the deadline day counts).
    """
    return due_mask(status, as_of) & (status["level"] != "complete")


def group_keys(status: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Attach a ``group`` column (see :data:`GROUP_FIELDS`); for ``agency`` an item appears once per agency."""
    rows, group = _groups(status, by)
    return (status if rows is None else status.iloc[rows]).assign(group=group)


def _groups(status: pd.DataFrame, by: str | None) -> tuple[np.ndarray | None, object]:
    """The rows of :func:`group_keys` (positions in ``status``; ``None``: every row once) and their groups."""
    if by is None:
        return None, "all"
    if by not in GROUP_FIELDS:
        raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUP_FIELDS)}")
    if by == "agency":
        # Explode the lists alone and take rows by position: no per-row Python and
        # no join of every column (DataFrame.explode's cost). An empty list gives NaN.
        group = status["agencies"].reset_index(drop=True).explode()
        return group.index.to_numpy(), group.fillna(NO_AGENCY).to_numpy()
    if by == "priority":
        key = status["roadmap"].fillna("").astype(str) + "/" + status["priority"].fillna("").astype(str)
        return None, key.str.strip("/")
    if by == "year":
        year = status["end_year"].astype("Float64")
        year = year.fillna(status["deadline_end"].dt.year.astype("Float64"))
        key = year.astype("Int64").astype(str).where(year.notna(), None)
        key = key.where(~status["ongoing"] | key.notna(), "ongoing")
        return None, key.fillna("(no deadline)")
    return None, status[by].fillna("(none)").astype(str)


def natural_key(text: str) -> list:
    """Sort key that puts ``"2"`` before ``"10"`` and ``"1.2"`` before ``"1.10"``."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, normalize(t) or t) for t in re.split(r"(\d+)", str(text)) if t]


def item_scores(status: pd.DataFrame, scheme: str) -> pd.Series:
    """Each item's score 0-1 under a scheme (NaN when not assessed)."""
    if scheme not in SCHEME_NAMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {', '.join(SCHEME_NAMES)}")
    codes = status["level"].astype(LEVEL_DTYPE).cat.codes.to_numpy()  # -1: not assessed (or no level)
    if scheme == "percent":
        caerc = pd.Series(_by_level(codes, SCHEMES["caerc"]), index=status.index)
        return (status["percent"] / 100).where(status["percent"].notna(), caerc).where(codes >= 0)
    return pd.Series(_by_level(codes, SCHEMES[scheme]), index=status.index)


def _by_level(codes: np.ndarray, values: dict[str, float]) -> np.ndarray:
    """``values`` of each level code (:data:`~ogpstats.model.LEVEL_DTYPE`'s), NaN for code -1."""
    return np.array([values[lv] for lv in LEVELS] + [np.nan], dtype=float)[codes]


def compute_indicators(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    scheme: str | None = None,
    by: str | None = None,
    round: str | None = None,
    due_only: bool = False,
) -> pd.DataFrame:
    """Completion indicators, one row per group.

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    scheme
        ``irm`` (levels score 0, 1/3, 2/3, 1), ``caerc`` (0, 0.5, 0.5, 1) or
        ``percent`` (mean percent; a status word alone scores as caerc × 100);
        ``None`` (default): by the data's kind (:func:`ogpstats.levels.scheme_for`: CAERC for road maps, IRM for
        the NAP and OGP).
    by
        One of :data:`GROUP_FIELDS`, or ``None`` for one row ``"all"``.
    round
        Round id; default the latest round in the data.
    due_only
        Keep only items whose deadline end is on or before the round's as-of
        date (ongoing items excluded).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`INDICATOR_COLUMNS`. Rates are fractions 0-1 and the
        implementation index is 0-100, both rounded to 6 decimals; a group
        with nothing assessed has null rates.
    """
    scheme = items_scheme(items, scheme)
    if round is None:
        round = latest_round(assessments)
    return _indicators(items, _leveled(assessments), scheme, by, round, due_only)


def _indicators(items: pd.DataFrame, leveled: pd.DataFrame, scheme: str, by: str | None, round: str | None,
                due_only: bool) -> pd.DataFrame:
    """:func:`compute_indicators` from :func:`_leveled` assessments, with the scheme and round decided."""
    status = _status_from(items, leveled, round)
    as_of = round_as_of(round) if round else None
    if due_only:
        status = status[due_mask(status, as_of)]
    level = status["level"]
    score = item_scores(status, scheme)
    assessed = level.notna()
    w = status["weight"]
    has_pct = status["percent"].notna() & assessed
    frame = pd.DataFrame({
        "n_items": 1,
        "n_assessed": assessed.astype(int),
        **{lv: (level == lv).astype(int) for lv in LEVELS},
        "_w": w.where(assessed, 0.0),
        "_ws": (w * score).where(assessed, 0.0),
        "_wp": w.where(has_pct, 0.0),
        "_wpp": (w * status["percent"]).where(has_pct, 0.0),
        "overdue": overdue_mask(status, as_of).astype(int),
    }, index=status.index)
    rows, group = _groups(status, by)
    keyed = (frame if rows is None else frame.iloc[rows]).assign(group=group)
    cols = list(frame.columns)
    if len(keyed):
        sums = keyed.groupby("group", sort=False)[cols].sum()
    else:
        empty = pd.Index(["all"] if by is None else [], name="group")
        sums = pd.DataFrame(columns=cols, index=empty, dtype=float).fillna(0)
    sums = sums.loc[sorted(sums.index, key=natural_key)]
    n = sums["n_assessed"].where(sums["n_assessed"] > 0)
    out = pd.DataFrame({
        "group": sums.index.astype(str),
        "n_items": sums["n_items"].astype(int).to_numpy(),
        "n_assessed": sums["n_assessed"].astype(int).to_numpy(),
        **{lv: sums[lv].astype(int).to_numpy() for lv in LEVELS},
        "high_completion_rate": ((sums["substantial"] + sums["complete"]) / n).round(6).to_numpy(),
        "completion_rate": (sums["complete"] / n).round(6).to_numpy(),
        "implementation_index": (100 * sums["_ws"] / sums["_w"].where(sums["_w"] > 0)).round(6).to_numpy(),
        "mean_percent": (sums["_wpp"] / sums["_wp"].where(sums["_wp"] > 0)).round(6).to_numpy(),
        "overdue": sums["overdue"].astype(int).to_numpy(),
        "round": round,
        "scheme": scheme,
    })
    return out.reset_index(drop=True)


def index_over_rounds(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    scheme: str | None = None,
    by: str | None = None,
    rounds: list[str] | None = None,
) -> pd.DataFrame:
    """:func:`compute_indicators` at every round (carry-forward at each), stacked.

    Returns the indicator columns for each round, earliest round first; ``scheme=None`` is by the
    data's kind, as there.
    """
    scheme = items_scheme(items, scheme)
    if rounds is None:
        rounds = data_rounds(assessments)
    leveled = _leveled(assessments)
    frames = [_indicators(items, leveled, scheme, by, r, False) for r in rounds]
    if not frames:
        return pd.DataFrame(columns=list(INDICATOR_COLUMNS))
    return pd.concat(frames, ignore_index=True)
