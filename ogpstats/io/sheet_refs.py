"""Cell references in worksheet XML bytes: how far a sheet reaches, found without collecting them all.

The resource guard (:mod:`ogpstats.io.guards`) streams each worksheet's XML in
chunks and needs the largest row and column any cell reference names (calamine
pads a sheet to a full grid from A1). A chunk holds some 16,000 references;
:func:`grown_extent` collects them only when one of them grows the sheet.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A cell's r attribute, wherever it is in its tag (a tag padded over two chunks still counts). No word
# boundary (3x slower): another attribute ending in r with a cell reference as value would only count more.
CELL_REF = re.compile(rb'r="([A-Z]{1,4})([0-9]{1,10})"')
ROW_OF_REF = re.compile(rb'r="[A-Z]{1,4}([0-9]{1,10})"')  # the same references, their row only


def grown_extent(data: bytes, rows: int, cols: int) -> tuple[int, int]:
    """The rows and columns of a sheet known to reach ``rows`` × ``cols``, after the references in ``data``.

    Parameters
    ----------
    data
        Worksheet XML (a chunk of it, with the end of the previous chunk before it).
    rows, cols
        The largest row and column (1-based) seen so far (or declared).

    Returns
    -------
    tuple of int
        ``max(rows, every row in data)``, ``max(cols, every column in data)``,
        references as :data:`CELL_REF` matches them.
    """
    rows = max(rows, _last_row(data))  # in a sheet written in order, the largest row: the rest stays below
    if _beyond(rows, cols).search(data):  # a reference that grows the sheet: rare but for the last
        # C loops over the references, Python only on distinct values.
        refs = CELL_REF.findall(data)
        rows = max(rows, max(map(int, {r for _, r in refs}), default=0))
        cols = max(cols, max(map(column_number, {c.decode("ascii") for c, _ in refs}), default=0))
    return rows, cols


def column_number(letters: str) -> int:
    """1-based column number of Excel letters (``A`` → 1, ``XFD`` → 16384)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _last_row(data: bytes, tries: int = 16) -> int:
    """The row of the last cell reference in ``data`` (0 when none is among its last ``tries`` ``r="``)."""
    end = len(data)
    for _ in range(tries):
        at = data.rfind(b'r="', 0, end)
        if at < 0:
            return 0
        m = ROW_OF_REF.match(data, at)
        if m:
            return int(m.group(1))
        end = at
    return 0


def _wider_than(cols: int) -> bytes:
    """The letters of a cell reference (as :data:`CELL_REF`) whose column is right of column ``cols`` (1-based)."""
    return ("[A-Z]{1,4}" if cols == 0 else f"[A-Z]{{2,4}}|[{chr(65 + cols)}-Z]" if cols < 26 else "[A-Z]{2,4}").encode()


def _greater_than(n: int) -> bytes:
    """Digits (no leading zero) of a whole number greater than ``n`` >= 0: longer, or as long and larger at the
    first digit that differs."""
    digits = str(n)
    alternatives = [f"[1-9][0-9]{{{len(digits)},}}"]  # more digits
    for i, d in enumerate(digits):
        if d != "9":
            rest = len(digits) - i - 1
            alternatives.append(digits[:i] + f"[{int(d) + 1}-9]" + (f"[0-9]{{{rest}}}" if rest else ""))
    return "|".join(alternatives).encode()


@lru_cache(maxsize=64)
def _beyond(rows: int, cols: int) -> re.Pattern[bytes]:
    """A cell reference below row ``rows`` or right of column ``cols``: one that grows the sheet scanned so
    far (a trigger only: :data:`CELL_REF` says what counts; it ignores, say, eleven digits)."""
    return re.compile(b'r="(?:(?:' + _wider_than(cols) + b')[0-9]|[A-Z]{1,4}0*(?:' + _greater_than(rows) + b')")')
