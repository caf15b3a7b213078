"""Usage errors instead of silent nonsense: ``--by`` and ``--round`` checked against the data.

Grouping by a field no item has would print one group ``(none)``, and a round
after the data's last one would print the latest figures as if they were that
round's. Both are refused with exit 2 and one line that names what the data
has. A round *between* two rounds of the data is fine: each item's status is
carried forward from the latest round at or before it (docs/indicators.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import EXIT_UNUSABLE, fail

if TYPE_CHECKING:
    import pandas as pd


def _has(values: pd.Series) -> bool:
    return bool(values.notna().any())


# Whether the items carry the field a ``--by`` groups on (the grouping of ogpstats.indicators):
# a field is missing when no item has it; some items without it are the group "(none)".
_FIELD_TESTS = {
    "commitment": lambda items: _has(items["commitment"]),
    "agency": lambda items: bool(items["agencies"].map(bool).any()),
    "roadmap": lambda items: _has(items["roadmap"]),
    "priority": lambda items: _has(items["priority"]),
    "country": lambda items: _has(items["country"]),
    "plan": lambda items: _has(items["plan"]),
    "year": lambda items: _has(items["end_year"]) or _has(items["deadline_end"]) or bool(items["ongoing"].any()),
}


def fields_present(items: pd.DataFrame, fields) -> list[str]:
    """The ones of ``fields`` that at least one item has, in the order given.

    Parameters
    ----------
    items : pandas.DataFrame
        The items table (:mod:`ogpstats.model`).
    fields : iterable of str
        Grouping fields, e.g. :data:`ogpstats.indicators.GROUP_FIELDS`.

    Returns
    -------
    list of str
    """
    return [f for f in fields if f in _FIELD_TESTS and _FIELD_TESTS[f](items)]


def check_by(items: pd.DataFrame, by: str | None, fields) -> None:
    """Exit 2 when ``--by`` names a field no item has, listing the ones they have.

    Nothing is checked without ``--by`` or without items (an empty plan has no
    groups whatever the field).
    """
    if by is None or not len(items):
        return
    present = fields_present(items, fields)
    if by not in present:
        fail(f"--by {by}: the data has no {by}; group by one of: {', '.join(present)}", EXIT_UNUSABLE)


def check_round(assessments: pd.DataFrame, round_: str | None, option: str = "--round") -> None:
    """Exit 2 when a round is after the data's last round or before its first.

    After the last round means ending on a later day (:func:`ogpstats.rounds.ends_after`):
    ``--round 2018`` on half-yearly data ending ``2018-H2`` ends the same day and
    shows 2018-H2's statuses. Before the first round is in round order
    (:func:`ogpstats.rounds.is_after`), as the statuses are carried: ``2016-H2``
    comes before an annual round ``2016`` and would see none. A round between
    two of the data's rounds passes: the statuses are carried forward to it.
    Nothing is checked without a round or when the data has no rounds at all.
    """
    from ..rounds import data_rounds, ends_after, is_after  # pandas: imported once the data is read

    rounds = data_rounds(assessments)
    if round_ is None or not rounds:
        return
    if ends_after(round_, rounds[-1]):
        where = f"after the data's last round {rounds[-1]}"
    elif is_after(rounds[0], round_):
        where = f"before the data's first round {rounds[0]}"
    else:
        return
    fail(f"{option} {round_} is {where}; the data's rounds: {', '.join(rounds)}", EXIT_UNUSABLE)
