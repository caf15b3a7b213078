"""Deadlines and periods: a plan's deadline column read into text, start, end and "ongoing"."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..deadlines import parse_deadline
from .cells import cell_text
from .columns import factorize_cells, objects
from .reader import Reader

DEADLINE_FIELDS = ("deadline_text", "start", "deadline_end", "ongoing")


def read_deadlines(reader: Reader, sheet: str, raw: pd.Series, col: int) -> pd.DataFrame:
    """The deadline fields of each row (index = sheet rows) of a deadline column.

    Each distinct text is parsed once (:func:`ogpstats.vocab.parse_deadline`);
    a text that cannot be read is a warning at its cell, and the measure has
    no deadline.
    """
    codes, distinct = factorize_cells(raw)
    parsed = [parse_deadline(v) for v in distinct]
    take = np.where(codes < 0, len(parsed), codes)  # a blank cell takes the last entry: no deadline

    def per_row(values: list) -> pd.Series:
        """One value per distinct text (and the blank's last) spread to the rows, as Python objects."""
        distinct_values = np.empty(len(values), dtype=object)
        distinct_values[:] = values
        return objects(distinct_values[take], raw.index)

    bad = np.array([not d.parsed for d in parsed] + [False], dtype=bool)[take]
    for r in raw.index[bad]:
        reader.problem("deadline.unreadable", "warning", sheet, r, col, value=cell_text(raw.loc[r]))
    return pd.DataFrame({
        "deadline_text": per_row([d.text or None for d in parsed] + [None]),
        "start": per_row([d.start for d in parsed] + [None]),
        "deadline_end": per_row([d.end for d in parsed] + [None]),
        "ongoing": np.array([d.ongoing for d in parsed] + [False], dtype=bool)[take],
    }, index=raw.index)
