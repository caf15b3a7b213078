"""Small report helpers over the tidy tables: which round to show, overdue items, priorities.

Pure functions: tidy frames in, frames out, no I/O and no language. KPI
status, changes between rounds and agency scorecards come from
:mod:`ogpstats.analytics`, so reports and the CLI agree.
"""

from __future__ import annotations

import pandas as pd

from ..indicators import compute_indicators, natural_key, status_at
from ..model import rounds_in_order
from ..vocab import round_as_of, round_period, round_sort_key

def resolve_round(rounds: list[str], period: str | None) -> str | None:
    """The round a report shows: the latest data round for ``latest``, else ``period`` itself.

    Returns ``None`` when no round of the data is at or before ``period``
    (nothing to show).
    """
    rounds = rounds_in_order(rounds)
    if not rounds:
        return None
    if period in (None, "latest"):
        return rounds[-1]
    if round_sort_key(rounds[0]) > round_sort_key(period):
        return None
    return period


def data_round(rounds: list[str], round: str | None) -> str | None:
    """The last data round at or before ``round`` (where carried-forward statuses come from)."""
    upto = [r for r in rounds_in_order(rounds) if round and round_sort_key(r) <= round_sort_key(round)]
    return upto[-1] if upto else None


def previous_round(rounds: list[str], round: str) -> str | None:
    """The data round before ``round``: the last one strictly earlier."""
    earlier = [r for r in rounds_in_order(rounds) if round_sort_key(r) < round_sort_key(round)]
    return earlier[-1] if earlier else None


def _sorted(frame: pd.DataFrame, col: str = "item_id") -> pd.DataFrame:
    if not len(frame):
        return frame.reset_index(drop=True)
    order = sorted(range(len(frame)), key=lambda i: (natural_key(frame["plan"].iloc[i]) if "plan" in frame else [],
                                                      natural_key(frame[col].iloc[i])))
    return frame.iloc[order].reset_index(drop=True)


def overdue_items(items: pd.DataFrame, assessments: pd.DataFrame, round: str) -> pd.DataFrame:
    """Items whose deadline ended on or before the round's as-of date and that are not complete.

    Same rule as the ``overdue`` indicator: unassessed items count, ongoing
    items never do. Returns the :func:`~ogpstats.indicators.status_at`
    columns, sorted by item number.
    """
    status = status_at(items, assessments, round)
    as_of = round_as_of(round)
    if as_of is None:
        return status.iloc[0:0]
    due = (status["deadline_end"] <= pd.Timestamp(as_of)) & ~status["ongoing"]
    return _sorted(status[due & (status["level"] != "complete")])


def priorities(items: pd.DataFrame, assessments: pd.DataFrame, round: str, *,
               scheme: str = "caerc") -> pd.DataFrame:
    """Indicators per road-map priority, with ``roadmap`` and ``priority`` columns split out."""
    ind = compute_indicators(items, assessments, by="priority", round=round, scheme=scheme)
    parts = ind["group"].str.split("/", n=1, expand=True).reindex(columns=[0, 1])
    return ind.assign(roadmap=parts[0], priority=parts[1])


def period_year(round: str | None) -> int | None:
    """The calendar year a round falls in (``2018-H2`` → 2018)."""
    p = round_period(round) if round else None
    return p.year if p else None
