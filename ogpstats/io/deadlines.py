"""Deadlines and periods: a plan's deadline column read into text, start, end and "ongoing"."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..deadlines import parse_deadline
from .cells import cell_text
from .columns import blank_cells
from .reader import Reader

DEADLINE_FIELDS = ("deadline_text", "start", "deadline_end", "ongoing")


def read_deadlines(reader: Reader, sheet: str, raw: pd.Series, col: int) -> pd.DataFrame:
    """The deadline fields of each row (index = sheet rows) of a deadline column.

    Each distinct text is parsed once (:func:`ogpstats.vocab.parse_deadline`);
    a text that cannot be read is a warning at its cell, and the measure has
    no deadline.
    """
    codes, distinct = pd.factorize(raw.where(~blank_cells(raw), None), use_na_sentinel=True)
    parsed = [parse_deadline(v) for v in distinct]
    table_of = pd.DataFrame({
        "deadline_text": [d.text or None for d in parsed] + [None],
        "start": [d.start for d in parsed] + [None],
        "deadline_end": [d.end for d in parsed] + [None],
        "ongoing": [d.ongoing for d in parsed] + [False],
        "_bad": [not d.parsed for d in parsed] + [False],
    }).iloc[np.where(codes < 0, len(parsed), codes)]
    for r in raw.index[table_of["_bad"].to_numpy()]:
        reader.problem("deadline.unreadable", "warning", sheet, r, col, value=cell_text(raw.loc[r]))
    return table_of[list(DEADLINE_FIELDS)].set_axis(raw.index)
