"""A second table to the right of the first, after at least one blank column, with its own № column.

Monitoring teams often paste a round's results beside the plan (``№ | İcra
vəziyyəti 2017``). Read as one table, the second table's columns would be
taken for the plan's, row by row, or dropped without a word. The sheet is
split at the blank column: the plan keeps the columns left of it, and the
table beside gets a copy of the sheet whose other columns are blank, so that
its cells keep their own A1 references.
"""

from __future__ import annotations

from .cells import Sheet, is_blank
from .headers import find_header


def _blank_columns(rows: list[list], width: int) -> list[bool]:
    # Column by column, stopping at the first filled cell: a filled column costs a few rows, not all.
    return [not any(c < len(row) and not is_blank(row[c]) for row in rows) for c in range(width)]


def split_beside(sheet: Sheet) -> tuple[Sheet, Sheet | None, int]:
    """The sheet without the table beside its first one, that table (or ``None``) and its first column.

    A table beside is the block of columns right of the first column that is
    blank in every row, when that block has a header naming a № column.
    """
    width = max(map(len, sheet.rows), default=0)
    blank = _blank_columns(sheet.rows, width)
    first = next((c for c, b in enumerate(blank) if not b), None)
    if first is None:
        return sheet, None, 0
    gap = next((c for c in range(first, width) if blank[c]), None)
    start = next((c for c in range(gap, width) if not blank[c]), None) if gap is not None else None
    if gap is None or start is None:
        return sheet, None, 0
    right_rows = [[""] * start + list(r[start:]) for r in sheet.rows]
    if find_header(right_rows, ("item_id",)) is None:
        return sheet, None, 0
    left = Sheet(sheet.name, [list(r[:gap]) for r in sheet.rows], sheet.visible,
                 [m for m in sheet.merged if m[1][1] < gap], sheet.index)
    right = Sheet(sheet.name, right_rows, sheet.visible, [m for m in sheet.merged if m[0][1] >= start], sheet.index)
    return left, right, start
