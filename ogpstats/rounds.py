"""The order of monitoring rounds and which round applies when: one definition for everyone.

Indicators, analytics, reports and the command line all ask the same few
questions of a list of rounds; they are answered here, and nowhere else.

Order
    Rounds order by their as-of date (:func:`ogpstats.vocab.round_sort_key`);
    a whole year sorts after its own halves and quarters (same end date, the
    longer period last); OGP's undated rounds ``progress_report`` then
    ``end_of_term`` come before every dated round.
Carry-forward
    At a round R an item's status is its latest assessment at or before R, so
    the round that *applies* at R is the last data round at or before R
    (:func:`applicable_round`), and a report for R sees only the rounds up to
    R (:func:`rounds_upto`, :func:`upto_mask`).

Worked example, data rounds ``2017``, ``2016-H2`` and ``2017-H1``:

>>> rounds = rounds_in_order(["2017", "2016-H2", "2017-H1", "2017-H1"])
>>> rounds
['2016-H2', '2017-H1', '2017']
>>> applicable_round(rounds, "2017-Q3")        # 30 Sep 2017: the H1 statuses carry forward
'2017-H1'
>>> applicable_round(rounds, "2016-H1") is None  # before the first round: nothing applies
True
>>> previous_round(rounds, "2017")
'2017-H1'
>>> rounds_upto(rounds, "2017-H2")               # 2017-H2 ends with the year, but before it
['2016-H2', '2017-H1']
>>> report_round(rounds, "latest"), report_round(rounds, "2017-Q3"), report_round(rounds, "2016-Q1")
('2017', '2017-Q3', None)
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .vocab import round_as_of, round_sort_key

LATEST = "latest"
"""The period name that means "the latest round of the data"."""


def rounds_in_order(rounds: Iterable[object]) -> list[str]:
    """Distinct round ids, earliest first (blanks and nulls left out)."""
    return sorted({str(r) for r in rounds if isinstance(r, str) and r}, key=round_sort_key)


def data_rounds(assessments: pd.DataFrame) -> list[str]:
    """The distinct rounds of an assessments table, earliest first."""
    return rounds_in_order(assessments["round"].dropna().unique())


def latest_round(assessments: pd.DataFrame) -> str | None:
    """The latest round in the assessments, or ``None`` when there are none."""
    rounds = data_rounds(assessments)
    return rounds[-1] if rounds else None


def is_after(round: str, other: str) -> bool:
    """``round`` comes later than ``other`` in round order (``2017`` is after ``2017-H2``)."""
    return round_sort_key(round) > round_sort_key(other)


def ends_after(round: str, other: str) -> bool:
    """``round``'s period ends on a later day than ``other``'s (rounds without a date: :func:`is_after`).

    Unlike the round order, a year does not end after its own second half:

    >>> ends_after("2018", "2018-H2"), is_after("2018", "2018-H2"), ends_after("2019-Q1", "2018")
    (False, True, True)
    """
    mine, theirs = round_as_of(round), round_as_of(other)
    if mine is None or theirs is None:
        return is_after(round, other)
    return mine > theirs


def rounds_upto(rounds: Iterable[object], round: str | None, *, strict: bool = False) -> list[str]:
    """The rounds at or before ``round`` (strictly before with ``strict``), earliest first.

    ``round`` need not be one of ``rounds``; ``None`` gives no rounds.
    """
    if round is None:
        return []
    limit = round_sort_key(round)
    return [r for r in rounds_in_order(rounds)
            if (round_sort_key(r) < limit if strict else round_sort_key(r) <= limit)]


def applicable_round(rounds: Iterable[object], round: str | None) -> str | None:
    """The round whose statuses apply at ``round``: the last one at or before it (carry-forward)."""
    upto = rounds_upto(rounds, round)
    return upto[-1] if upto else None


def previous_round(rounds: Iterable[object], round: str | None) -> str | None:
    """The last round strictly before ``round`` (the one a change is measured from)."""
    earlier = rounds_upto(rounds, round, strict=True)
    return earlier[-1] if earlier else None


def report_round(rounds: Iterable[object], period: str | None) -> str | None:
    """The round a report for ``period`` shows.

    ``latest`` (or ``None``) is the latest data round; any other period is
    shown as itself, provided a data round applies at it; ``None`` when
    nothing does (no data at or before ``period``).
    """
    ordered = rounds_in_order(rounds)
    if not ordered:
        return None
    if period in (None, LATEST):
        return ordered[-1]
    return period if applicable_round(ordered, period) is not None else None


def round_ranks(values: pd.Series, upto: str | None = None) -> np.ndarray:
    """Each row's round as its rank in round order (0 = earliest), -1 for a null round or one after ``upto``.

    One :func:`~ogpstats.vocab.round_sort_key` call per distinct round, not per
    row: assessment tables reach 10^6 rows with about ten rounds.

    >>> round_ranks(pd.Series(["2017", "2016-H2", None, "2017-H1"]), upto="2017-H1").tolist()
    [-1, 0, -1, 1]
    """
    codes, uniques = pd.factorize(values)
    keys = [round_sort_key(r) for r in uniques]
    rank_of = np.empty(len(uniques) + 1, dtype=np.int64)
    rank_of[sorted(range(len(uniques)), key=keys.__getitem__)] = np.arange(len(uniques))
    if upto is not None:
        limit = round_sort_key(upto)
        rank_of[:-1][[k > limit for k in keys]] = -1
    rank_of[-1] = -1  # code -1 (null) indexes the last slot
    return rank_of[codes]


def upto_mask(values: pd.Series, round: str | None) -> np.ndarray:
    """Rows whose round is at or before ``round`` (every dated or OGP round when ``None``; never a null round)."""
    return round_ranks(values, round) >= 0
