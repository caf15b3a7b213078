"""What changed between two monitoring rounds: the "since the last report" section."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..indicators import overdue_mask, status_at
from ..levels import LEVELS
from ..rounds import is_after
from ..vocab import round_as_of
from ._common import check_round_in_data

NOT_ASSESSED_LABEL = "not_assessed"
MATRIX_LEVELS: tuple[str, ...] = (NOT_ASSESSED_LABEL, *LEVELS)
CHANGES: tuple[str, ...] = ("improved", "unchanged", "worsened", "newly_assessed", "not_assessed")
CHANGE_ITEM_COLUMNS: tuple[str, ...] = (
    "plan", "item_id", "title", "agencies", "deadline_end", "from_level", "to_level", "change",
    "overdue_from", "overdue_to", "became_overdue",
)


@dataclass
class Transitions:
    """Level-to-level changes of every item between two rounds.

    Attributes
    ----------
    from_round, to_round : str
    matrix : pandas.DataFrame
        Item counts; rows = level at ``from_round``, columns = level at
        ``to_round``, both in the order :data:`MATRIX_LEVELS` (``not_assessed``
        first). Index and columns are named ``from`` and ``to``.
    counts : dict
        ``improved``, ``unchanged``, ``worsened`` (items assessed at both
        rounds, by the order of the levels), ``newly_assessed`` (not assessed
        at ``from_round``, assessed at ``to_round``), ``not_assessed`` (at
        neither), and ``became_overdue``.
    items : pandas.DataFrame
        Every item with :data:`CHANGE_ITEM_COLUMNS`.
    flagged : pandas.DataFrame
        The items that worsened or became overdue (same columns), worsened
        first.
    """

    from_round: str
    to_round: str
    matrix: pd.DataFrame
    counts: dict
    items: pd.DataFrame = field(repr=False)
    flagged: pd.DataFrame = field(repr=False)

    def to_dict(self) -> dict:
        """JSON-ready: ``from``, ``to``, ``counts``, ``matrix`` ({from: {to: n}}), ``flagged`` (records)."""
        flagged = self.flagged.assign(
            deadline_end=self.flagged["deadline_end"].dt.strftime("%Y-%m-%d").astype(object)
            .where(self.flagged["deadline_end"].notna(), None),
        )
        records = [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()}
                   for r in flagged.to_dict(orient="records")]
        return {
            "from": self.from_round,
            "to": self.to_round,
            "counts": {k: int(v) for k, v in self.counts.items()},
            "matrix": {str(r): {str(c): int(n) for c, n in row.items()}
                       for r, row in self.matrix.to_dict(orient="index").items()},
            "flagged": records,
        }


def transitions(items: pd.DataFrame, assessments: pd.DataFrame, from_round: str, to_round: str) -> Transitions:
    """Compare item statuses (carried forward) at two rounds.

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    from_round, to_round
        Rounds present in the data, ``from_round`` not after ``to_round``.

    Returns
    -------
    Transitions
        The level matrix (with a ``not_assessed`` row and column), the counts
        improved / unchanged / worsened / newly_assessed / not_assessed /
        became_overdue, every item's change and the list of items that
        worsened or became overdue. ``overdue`` is the definition of
        :func:`~ogpstats.indicators.compute_indicators` at each round's as-of
        date (never for OGP's undated rounds).

    Raises
    ------
    ValueError
        A round not in the data, or ``from_round`` after ``to_round``.
    """
    check_round_in_data(assessments, from_round, "from round")
    check_round_in_data(assessments, to_round, "to round")
    if is_after(from_round, to_round):
        raise ValueError(f"from round {from_round!r} is after to round {to_round!r}")
    before = status_at(items, assessments, from_round)
    after = status_at(items, assessments, to_round)
    code_from = before["level"].cat.codes.to_numpy()  # -1 = not assessed, then 0..3 in LEVELS order
    code_to = after["level"].cat.codes.to_numpy()
    both = (code_from >= 0) & (code_to >= 0)
    change = np.select(
        [both & (code_to > code_from), both & (code_to == code_from), both & (code_to < code_from),
         (code_from < 0) & (code_to >= 0)],
        ["improved", "unchanged", "worsened", "newly_assessed"], default="not_assessed",
    )
    overdue_from = overdue_mask(before, round_as_of(from_round)).to_numpy()
    overdue_to = overdue_mask(after, round_as_of(to_round)).to_numpy()
    labels = np.array(MATRIX_LEVELS, dtype=object)
    table = pd.DataFrame({
        "plan": after["plan"], "item_id": after["item_id"], "title": after["title"],
        "agencies": after["agencies"], "deadline_end": after["deadline_end"],
        "from_level": labels[code_from + 1], "to_level": labels[code_to + 1],
        "change": change.astype(object),
        "overdue_from": overdue_from, "overdue_to": overdue_to,
        "became_overdue": overdue_to & ~overdue_from,
    })
    # 5 x 5 counts without a Python loop: one bincount over the pair codes.
    n = len(MATRIX_LEVELS)
    pairs = np.bincount((code_from + 1) * n + (code_to + 1), minlength=n * n).reshape(n, n)
    matrix = pd.DataFrame(pairs, index=pd.Index(MATRIX_LEVELS, name="from"),
                          columns=pd.Index(MATRIX_LEVELS, name="to"))
    counts = {c: int((change == c).sum()) for c in CHANGES}
    counts["became_overdue"] = int(table["became_overdue"].sum())
    flag = (table["change"] == "worsened") | table["became_overdue"]
    flagged = table[flag]
    flagged = (flagged.assign(_later=flagged["change"] != "worsened")
               .sort_values(["_later", "deadline_end"], kind="stable", na_position="last").drop(columns="_later"))
    return Transitions(from_round, to_round, matrix, counts, table.reset_index(drop=True),
                       flagged.reset_index(drop=True))
