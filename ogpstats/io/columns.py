"""Whole columns of cell values: blanks, texts, measure numbers, agency lists (vectorised).

Per-cell Python work is limited to distinct values; these helpers are what
the plan and round readers apply to a column at a time.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from ..validate import column_letter
from ..vocab import normalize, split_agencies
from .cells import MEASURE_NUMBER, cell_text, is_blank, measure_number
from .headers import is_column_numbers_row, printed_number
from .tables import Table


def blank_cells(col: pd.Series) -> pd.Series:
    """Vectorised :func:`is_blank` for a column of cell values."""
    return pd.Series(_blank_array(col.to_numpy(dtype=object)), index=col.index)


def blank_frame(df: pd.DataFrame) -> pd.DataFrame:
    """:func:`blank_cells` of every column of ``df`` at once (one pass over all its cells)."""
    arr = df.to_numpy(dtype=object)
    blank = _blank_array(arr.ravel()).reshape(arr.shape)
    return pd.DataFrame(blank, index=df.index, columns=df.columns)


def _blank_array(arr: np.ndarray) -> np.ndarray:
    """Vectorised :func:`is_blank` of a 1-D object array."""
    # C loops (map): text is blank when empty or spaces only; other values when missing (None, NaN, NaT).
    try:  # all text (a sheet's usual columns): one pass, 2x faster; a value that is not text stops it
        return np.fromiter(map(operator.not_, map(str.strip, arr)), dtype=bool, count=len(arr))
    except TypeError:
        pass
    types = np.fromiter(map(type, arr), dtype=object, count=len(arr))
    is_str = np.equal(types, np.array(str, dtype=object))
    out = np.empty(len(arr), dtype=bool)
    text, other = np.flatnonzero(is_str), np.flatnonzero(~is_str)
    if len(text):
        values = arr[text]
        out[text] = (values == "") | np.fromiter(map(str.isspace, values), dtype=bool, count=len(values))
    if len(other):
        values = arr[other]
        out[other] = pd.isna(values) | (values == "")
    return out


def texts(col: pd.Series) -> pd.Series:
    """:func:`cell_text` of a column (stripped, inner whitespace collapsed, ``None`` for blanks)."""
    # Text already in that form (printable: no whitespace but single inner spaces; nearly every cell) is
    # kept as it is, not split and joined again into a copy: faster, and the tables hold one string less.
    return pd.Series([(v if v.isprintable() and "  " not in v and v[0] != " " and v[-1] != " "
                       else " ".join(v.split()) or None) if type(v) is str and v else cell_text(v) for v in col],
                     index=col.index, dtype=object)


def numbers(col: pd.Series) -> pd.Series:
    """:func:`measure_number` of a column ("1.2." → "1.2", the float 1.1 → "1.1")."""
    # ASCII text (nearly every cell) is stripped here; other text and other values go through measure_number.
    return objects([(v.strip().rstrip(".").strip() or None) if type(v) is str and v.isascii() else measure_number(v)
                    for v in col.to_numpy()], col.index)


def measure_numbers(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """:func:`numbers` of a column and :func:`is_measure_number` of them, in one pass where it can."""
    values = col.to_numpy(dtype=object)
    if infer_dtype(values, skipna=False) != "string":
        nums = numbers(col)
        return nums, is_measure_number(nums)
    # Text that is a measure number as it stands ("1.2": nearly every № cell) is its own number.
    hit = np.fromiter(map(bool, map(MEASURE_NUMBER.fullmatch, values)), dtype=bool, count=len(values))
    nums = values.copy()
    rest = np.flatnonzero(~hit)
    if len(rest):
        other = numbers(pd.Series(values[rest], dtype=object))
        nums[rest] = other.to_numpy()
        hit[rest] = is_measure_number(other).to_numpy()
    return objects(nums, col.index), pd.Series(hit, index=col.index)


def is_measure_number(numbers: pd.Series) -> pd.Series:
    """Whether each of :func:`numbers` is a measure number (:data:`~ogpstats.io.cells.MEASURE_NUMBER`)."""
    match = MEASURE_NUMBER.fullmatch  # as str.fullmatch: "$" alone would let a final newline through
    return pd.Series(np.fromiter((type(n) is str and match(n) is not None for n in numbers.to_numpy()),
                                 dtype=bool, count=len(numbers)), index=numbers.index)



def cell_refs(col: int, rows) -> np.ndarray:
    """The A1 references of column ``col`` at the 0-based sheet rows ``rows`` (an object array of text)."""
    letter = column_letter(col)
    return np.array([letter + n for n in _row_numbers(np.asarray(rows, dtype=np.int64).tobytes())], dtype=object)


@lru_cache(maxsize=2)  # a sheet's rows and its measure rows; small, as it outlives the read
def _row_numbers(rows: bytes) -> list[str]:
    """The 1-based row numbers, as text, of 0-based rows (int64 bytes: hashable). A reader asks for the
    same rows in several columns; the text of the numbers is the costly part (Python ints, not numpy's)."""
    return list(map(str, (np.frombuffer(rows, dtype=np.int64) + 1).tolist()))


def nones(index) -> pd.Series:
    """An object column of ``None`` (``pd.Series(None, dtype=object)`` holds NaN)."""
    return pd.Series([None] * len(index), index=index, dtype=object)


def objects(values, index=None) -> pd.Series:
    """``values`` (an array or list) as a column of Python objects.

    pandas infers its Arrow-backed string dtype from text put into a frame; the
    tidy tables hold Python text, and every step between (``map``, ``where``,
    iterating) is several times slower on Arrow strings. Text columns of the
    readers are built with this.
    """
    return pd.Series(values, index=index, dtype=object, copy=False)


def repeated(value: object, index) -> pd.Series:
    """``value`` at every row of ``index``, as a column of Python objects (see :func:`objects`)."""
    out = np.empty(len(index), dtype=object)
    out.fill(value)
    return objects(out, index)


_RESET = "\uffff(reset)"


def ffill_until(values: pd.Series, reset: pd.Series) -> pd.Series:
    """Forward-fill ``values``, but not past a row where ``reset`` is true."""
    marked = values.astype(object).where(~reset, _RESET).ffill()
    return marked.where(marked != _RESET, None)



def dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        k = normalize(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def factorize_cells(col: pd.Series) -> tuple[np.ndarray, list]:
    """Codes and distinct values of a column's non-blank cells; code -1 for a blank cell.

    Blankness is tested once per distinct value, not per cell.
    """
    codes, distinct = pd.factorize(col.to_numpy(dtype=object))  # None and NaN: -1
    blank = np.array([is_blank(v) for v in distinct] + [True], dtype=bool)  # the last: code -1
    if not blank[:-1].any():
        return codes, list(distinct)
    keep = np.flatnonzero(~blank[:-1])
    renumber = np.full(len(distinct) + 1, -1)
    renumber[keep] = np.arange(len(keep))
    return renumber[codes], [distinct[i] for i in keep]


def split_column(col: pd.Series) -> pd.Series:
    """:func:`split_agencies` of a column, once per distinct cell value."""
    codes, distinct = factorize_cells(col)
    split = np.empty(len(distinct) + 1, dtype=object)
    for i, v in enumerate(distinct):  # distinct values only
        split[i] = split_agencies(v if isinstance(v, str) else cell_text(v))
    split[-1] = []
    return pd.Series(split[np.where(codes < 0, len(distinct), codes)], index=col.index, dtype=object)



def _page_header_rows(table: Table, rows: list[list], frame: pd.DataFrame) -> list[int]:
    """Positions in ``rows`` of the header (and column-number row) a printed table repeats on every page.

    ``frame`` holds ``rows`` (padded). Each row's exact test runs only on the few rows that pass a
    column-wise necessary condition: every non-blank cell is one of the header's texts, or (in the
    header's width) a small whole number. Each test is evaluated once per distinct cell value.
    """
    sheet = table.sheet
    width = len(sheet.rows[table.header])
    keys = {_row_key(sheet.rows[r]) for r in range(table.header, table.body)} - {()}
    words = {k for key in keys for k in key}
    columns = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    # normalize keeps ASCII digits: when no header word has a digit, text with one (a measure number,
    # nearly every № cell) is no header word, without normalizing it.
    digit_free = not any(ch.isdigit() for w in words for ch in w)

    def is_word(v: object) -> bool:
        return not (digit_free and type(v) is str and _ASCII_DIGIT(v)) and _cell_key(v) in words

    # A repeated header has as many filled cells as a header row; a column-number row 3 at least.
    least = min([3] + [len(key) for key in keys])

    def enough(at: np.ndarray) -> np.ndarray:
        filled = np.zeros(len(at), dtype=np.int64)
        for values in columns:
            filled += ~_blank_each(values[at])
        return filled >= least

    whole: dict[int, tuple] = {}
    candidate = _all_cells(columns, is_word, whole, enough)
    if width:
        candidate |= _all_cells(columns[:width], lambda v: _whole_number_upto(v, width), whole, enough)
    return [int(i) for i in np.flatnonzero(candidate)
            if _row_key(rows[i]) in keys or is_column_numbers_row(rows[i], width)]


_ASCII_DIGIT = re.compile("[0-9]").search


def _cell_key(v: object) -> str:
    """A non-blank cell as a header key compares it (text through :func:`normalize`)."""
    return normalize(v) if isinstance(v, str) else cell_text(v) or ""


def _row_key(row: list) -> tuple:
    return tuple(_cell_key(v) for v in row if not is_blank(v))


def _whole_number_upto(v: object, width: int) -> bool:
    """Whether a cell may be one of a column-number row's numbers: 0 … ``width`` (a necessary condition)."""
    number = printed_number(v)
    return number is not None and 0 <= number <= width


def _all_cells(columns: list[np.ndarray], test, whole: dict[int, tuple] | None = None,
               enough=None) -> np.ndarray:
    """Rows where every cell of ``columns`` is blank or passes ``test`` (and ``enough`` of the rows, if given).

    Columns with fewer distinct values (among their first 1,000) go first, and each column is tested
    only on the rows still in, once per distinct value there. :func:`pandas.factorize` takes True, 1
    and 1.0 as one value, so a value equal to 0 or 1 always passes (the exact test decides it).
    ``whole`` keeps the factorization of a column tested on all its rows, for the next call.
    ``enough`` (row positions → a mask) is asked once, before the first column of many distinct values:
    a № column of measure numbers is then tested on the rows that may pass at all.
    """
    keep = np.ones(len(columns[0]) if columns else 0, dtype=bool)
    whole = {} if whole is None else whole
    for n_distinct, i in sorted((len(set(values[:1000])), i) for i, values in enumerate(columns)):
        values = columns[i]
        rows = np.flatnonzero(keep)
        if len(rows) and enough is not None and n_distinct > _MANY_VALUES:
            keep[rows] = enough(rows)
            rows, enough = np.flatnonzero(keep), None
        if not len(rows):
            break
        if len(rows) == len(values):  # all rows: the same factorization as the other test's
            if i not in whole:
                whole[i] = pd.factorize(values)
            codes, distinct = whole[i]
        else:
            codes, distinct = pd.factorize(values[rows])  # code -1: None or NaN, blank
        # Non-blank text (most values) goes straight to the test: it is neither blank nor 0 or 1.
        ok = np.array([test(v) if type(v) is str and v.strip() else is_blank(v) or _is_zero_or_one(v) or test(v)
                       for v in distinct] + [True], dtype=bool)
        keep[rows] = ok[codes]
    return keep


_MANY_VALUES = 100  # distinct values among a column's first 1,000, from which _all_cells asks `enough` first


def _blank_each(values: np.ndarray) -> np.ndarray:
    """:func:`is_blank` of each value (exactly: NaT, say, is no blank here, as in a header key)."""
    if infer_dtype(values, skipna=False) == "string":
        return _blank_array(values)
    return np.fromiter(map(is_blank, values), dtype=bool, count=len(values))


def _is_zero_or_one(v: object) -> bool:
    return isinstance(v, (bool, int, float)) and v in (0, 1)


def table_frame(table: Table) -> pd.DataFrame:
    """The table's rows under the header as a frame indexed by sheet row.

    Rows that repeat the header or its row of column numbers ``1 2 3 4 5`` (a
    printed table repeats them on every page) are blank in the frame.
    """
    rows = table.sheet.rows[table.body:]
    width = max([len(table.sheet.rows[table.header])] + [len(r) for r in rows[:50]])
    if rows and len({len(r) for r in rows}) > 1:  # CSV rows are ragged; calamine's are not
        longest = max(len(r) for r in rows)
        rows = [r if len(r) == longest else list(r) + [""] * (longest - len(r)) for r in rows]
    df = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(columns=range(width), dtype=object)
    repeated = _page_header_rows(table, rows, df)
    if repeated:
        df.iloc[repeated] = ""
    for c in range(width):
        if c not in df.columns:
            df[c] = None
    df.index = np.arange(table.body, table.body + len(df))
    return df
