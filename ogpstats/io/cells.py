"""Load: the cells of a workbook or CSV file, and what a single cell means.

Cell values are read with python-calamine (fast; reads .xlsx, .xlsm, .xls
and .ods without running macros). What calamine cannot see is read only
where it is needed:

* merged ranges — calamine reports them for .xlsx/.xlsm/.xls; for .ods they
  are read from ``content.xml`` only when the file has any;
* number formats — openpyxl (.xlsx/.xlsm) or ``content.xml`` (.ods), only for
  a percent column whose values are all between 0 and 1 (a cell formatted as
  a percent stores 75 % as 0.75).

Every failure to open a file is an :class:`~ogpstats.validate.UnusableInput`
with one line naming the file and what was expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..validate import Problem, UnusableInput
from . import background
from .csv_text import read_csv_rows
from .excel_values import formula_parts, sheet_part, special_cells
from .guards import Footprint, Progress, check_workbook
from .ods import add_ods_merges, ods_tables
from .sheet_parse import PARALLEL_SUFFIXES, SheetGate, parse_sheets, sheet_values

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = EXCEL_SUFFIXES + (".csv",)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    """The cell values of one sheet: rows of Python values, ``""`` for blank.

    ``rows[r][c]`` is the cell at 0-based row ``r`` and column ``c`` (A1 is
    ``rows[0][0]``); rows may be shorter than the widest row.
    """

    name: str
    rows: list[list]
    visible: bool = True
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    index: int = 0
    # Error values and unsaved formulas (read as ""), found on first use: see Book.excel_values.
    special: dict[tuple[int, int], str] | None = field(default=None, repr=False)

    def value(self, row: int, col: int) -> object:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass
class Book:
    """A file's sheets, where they came from, and what reading the file itself found.

    ``problems`` are warnings about the file as a whole (the legacy encoding a
    CSV file was read in); every reader starts its problem list with them.
    """

    path: Path
    sheets: list[Sheet]
    problems: list[Problem] = field(default_factory=list)
    formulas: dict[str, bool] = field(default_factory=dict)  # see guards.Footprint.formulas

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def excel_values(self, sheet: Sheet) -> dict[tuple[int, int], str]:
        """The cells of ``sheet`` holding an error value (``#N/A``) or a formula without a saved value.

        Scanned once per sheet, on first use (see :mod:`ogpstats.io.excel_values`).
        """
        if sheet.special is None:
            sheet.special = special_cells(self.path, self.suffix, sheet.name, self.formulas) if sheet.rows else {}
        return sheet.special


# ---------------------------------------------------------------------------
# Opening files
# ---------------------------------------------------------------------------


def check_file(path: Path) -> None:
    """Raise :class:`UnusableInput` for a missing, empty or unsupported path."""
    if not path.exists():
        raise UnusableInput("file.missing", path)
    if path.is_dir():
        raise UnusableInput("file.directory", path)
    if path.stat().st_size == 0:
        raise UnusableInput("file.empty", path)
    if path.suffix.lower() not in SUFFIXES:
        raise UnusableInput("file.type", path, value=path.suffix or "(none)")


def read_book(path: str | Path, encoding: str | None = None) -> Book:
    """All sheets of a workbook or CSV file.

    Parameters
    ----------
    path
        A workbook (.xlsx, .xlsm, .xls, .ods) or a CSV file.
    encoding
        A CSV file's text encoding (``cp1254``, ``utf-8`` …); ``None`` detects
        it (:mod:`ogpstats.io.csv_text`). Workbooks ignore it.

    Raises
    ------
    UnusableInput
        Missing, empty, corrupt, encrypted or mislabelled files.

    Notes
    -----
    Inside :func:`~ogpstats.io.read_ahead.read_ahead` for the same path and encoding, the sheets parsed
    ahead are taken (once) instead: the same sheets, the same errors.
    """
    path = Path(path)
    ahead = background.take(ahead_key(path, encoding))
    if ahead is not None:
        # An .xlsx/.xlsm the guard passed: which sheets hold formulas is found while the sheets still parse.
        formulas = formula_parts(path) if ahead.started and path.suffix.lower() in PARALLEL_SUFFIXES else None
        footprint, metas, parsed = ahead.result()
        if formulas is not None:
            footprint.formulas = formulas
        return build_book(path, footprint, metas, parsed)
    checked = check_book(path, encoding)
    return checked if isinstance(checked, Book) else build_book(path, *parse_book(path, checked))


def check_book(path: Path, encoding: str | None = None, progress: Progress | None = None) -> Book | Footprint:
    """Everything :func:`read_book` does before parsing a workbook: the path, the resource limits, the magic bytes.

    ``progress`` is told what the resource guard has passed as it goes (:func:`~ogpstats.io.guards.check_workbook`).

    Returns
    -------
    Book or Footprint
        A CSV file's book (read here: it is text), or a workbook's footprint for :func:`parse_book`.

    Raises
    ------
    UnusableInput
        As :func:`read_book`.
    """
    check_file(path)
    # Resource limits (issue 10): refuse a hostile file first. A caller parsing meanwhile (progress) finds the
    # sheets with formulas itself, while it waits for the parse (read_book).
    footprint = check_workbook(path, progress=progress, formulas=progress is None)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = read_csv_rows(path, encoding)
        return Book(path, [Sheet(path.stem, text.rows)], list(text.warnings))
    _check_magic(path, suffix)
    return footprint


def parse_book(path: Path, footprint: Footprint | None, gate: SheetGate | None = None) -> tuple[Footprint, list, list]:
    """The sheets of a workbook that :func:`check_book` accepted, parsed by python-calamine (GIL released).

    Parameters
    ----------
    path
        The workbook.
    footprint
        What :func:`check_book` measured; ``None`` with ``gate``: the gate's, once the guard has finished.
    gate
        The guard still runs: open the workbook and parse each sheet as the gate allows.

    Returns
    -------
    tuple
        The footprint, the sheets' metadata and :func:`~ogpstats.io.sheet_parse.parse_sheets`' result, for
        :func:`build_book` (nothing parsed once the gate refused the file).

    Raises
    ------
    UnusableInput
        ``file.encrypted``, ``file.corrupt`` (a file calamine cannot open).
    """
    from python_calamine import CalamineWorkbook

    if gate is not None and not gate.wait_opened():
        return footprint or Footprint(0), [], []
    size = footprint.file_bytes if footprint is not None else path.stat().st_size
    with _calamine_errors(path):
        wb = CalamineWorkbook.from_path(str(path))
        try:
            metas = list(wb.sheets_metadata)
            parsed = parse_sheets(wb, str(path), [m.name for m in metas], size, gate)
        finally:
            wb.close()
    if gate is not None and gate.wait_finished():
        footprint = gate.footprint
    return footprint or Footprint(0), metas, parsed


def build_book(path: Path, footprint: Footprint, metas: list, parsed: list) -> Book:
    """The :class:`Book` of what :func:`parse_book` parsed: the cell values as Python values (GIL held).

    Raises
    ------
    UnusableInput
        ``file.encrypted``, ``file.corrupt``: the first sheet calamine could not parse.
    """
    from python_calamine import SheetVisibleEnum

    with _calamine_errors(path):
        values = [sheet_values(p) for p in parsed]
    sheets = [Sheet(meta.name, rows, meta.visible == SheetVisibleEnum.Visible, merged, i)
              for i, (meta, (rows, merged)) in enumerate(zip(metas, values))]
    if path.suffix.lower() == ".ods":
        add_ods_merges(path, sheets)
    return Book(path, sheets, formulas=footprint.formulas)


@contextmanager
def _calamine_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except Exception as exc:  # calamine raises several error types for bad files
        name = type(exc).__name__
        if "Password" in name or "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise UnusableInput("file.encrypted", path) from None
        raise UnusableInput("file.corrupt", path, error=name, value=path.suffix.lower()) from None


def ahead_key(path: Path, encoding: str | None) -> tuple:
    """The key under which :func:`ogpstats.io.read_ahead.read_ahead` keeps a book it reads (:mod:`.background`)."""
    return ("book", str(path), encoding)


def _check_magic(path: Path, suffix: str) -> None:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE2) and suffix != ".xls":
        # Excel stores a password-protected .xlsx inside an OLE2 container.
        raise UnusableInput("file.encrypted_or_xls", path)
    if suffix in (".xlsx", ".xlsm", ".ods") and not head.startswith(b"PK"):
        if _looks_like_text(path):
            raise UnusableInput("file.text_renamed", path, value=suffix)
        raise UnusableInput("file.not_workbook", path, value=suffix)
    if suffix == ".xls" and not head.startswith(_OLE2):
        if head.startswith(b"PK"):
            raise UnusableInput("file.xlsx_named_xls", path)
        if _looks_like_text(path):
            raise UnusableInput("file.text_named_xls", path)
        raise UnusableInput("file.not_xls", path)


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as fh:
        chunk = fh.read(4096)
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end is fine
        if exc.start < len(chunk) - 4:
            return False
    return b"\x00" not in chunk


# ---------------------------------------------------------------------------
# Merged cells
# ---------------------------------------------------------------------------


def fill_merged_down(sheet: Sheet, first_row: int = 0) -> None:
    """Copy the value of each vertically merged range down its first column.

    A cell merged over several measure rows (an agency responsible for four
    measures) then gives its value to every row. Horizontal merges (a
    section title across the table) are left alone: their other cells stay
    blank.
    """
    rows = sheet.rows
    for (r0, c0), (r1, _c1) in sheet.merged:
        if r1 <= r0 or r1 < first_row or r0 >= len(rows):
            continue
        value = sheet.value(r0, c0)
        for r in range(max(r0 + 1, first_row), min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 >= len(row):
                row.extend([""] * (c0 + 1 - len(row)))
            if is_blank(row[c0]):
                row[c0] = value


def percent_formatted(book: Book, sheet: Sheet, rows: list[int], col: int) -> list[bool] | None:
    """Whether each cell of column ``col`` at ``rows`` (0-based) is formatted as a percent; ``None`` when the
    file type cannot tell.

    .xlsx/.xlsm: the cells' styles are read from the sheet's XML part and
    ``styles.xml`` (one pass over the part, no full workbook load); .ods: from
    ``content.xml``; .xls and .csv cannot tell.
    """
    if not rows:
        return []
    if book.suffix in (".xlsx", ".xlsm"):
        percent_rows = _xlsx_percent_rows(book.path, sheet.name, col)
        if percent_rows is None:  # a part written without cell references: ask openpyxl
            return _openpyxl_percent(book, sheet, [(r, col) for r in rows])
        return [r in percent_rows for r in rows] if percent_rows else [False] * len(rows)
    if book.suffix == ".ods":
        for name, _, percents in ods_tables(book.path, want_types=True):
            if name == sheet.name:
                return [(r, col) in percents for r in rows]
        return [False] * len(rows)
    return None


_BUILTIN_PERCENT_FORMATS = {9, 10}  # 0%, 0.00%


def _xlsx_percent_rows(path: Path, sheet_name: str, col: int) -> set[int] | None:
    """0-based rows of column ``col`` whose cell style is a percent format.

    ``None`` when the sheet's XML has no cell references (some writers omit them).
    """
    import html

    from ..validate import column_letter

    with zipfile.ZipFile(path) as z:
        part = sheet_part(z, sheet_name)
        if part is None:
            return set()
        styles = z.read("xl/styles.xml").decode("utf-8") if "xl/styles.xml" in z.namelist() else ""
    # Which styles (cellXfs indexes) show a percent.
    custom = {int(i): "%" in html.unescape(code).replace("\\%", "").replace('"%"', "")
              for i, code in re.findall(r'<(?:\w+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)}
    xfs = re.search(r"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", styles, re.DOTALL)
    percent_styles = set()
    for i, attrs in enumerate(re.findall(r"<(?:\w+:)?xf\b([^>]*?)/?>", xfs.group(1) if xfs else "")):
        m = re.search(r'numFmtId="(\d+)"', attrs)
        fmt_id = int(m.group(1)) if m else 0
        if fmt_id in _BUILTIN_PERCENT_FORMATS or custom.get(fmt_id, False):
            percent_styles.add(i)
    if not percent_styles:
        return set()  # no cell can show a percent: the sheet's XML need not be inflated
    with zipfile.ZipFile(path) as z:
        data = z.read(part)
    if not re.search(rb"<(?:\w+:)?c\b[^>]*\br=\"", data[:1_000_000]):
        return None
    letter = column_letter(col).encode()
    out = set()
    for before, row, after in re.findall(rb'<(?:\w+:)?c\b([^>]*?)\br="' + letter + rb'(\d+)"([^>]*)>', data):
        style = re.search(rb'\bs="(\d+)"', before + b" " + after)
        if style and int(style.group(1)) in percent_styles:
            out.add(int(row) - 1)
    return out


def _openpyxl_percent(book: Book, sheet: Sheet, cells: list[tuple[int, int]]) -> list[bool]:
    from openpyxl import load_workbook

    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells})
    wanted = set(cells)
    fmt: dict[tuple[int, int], bool] = {}
    wb = load_workbook(book.path, read_only=True, data_only=True, keep_links=False)
    try:
        ws = wb[sheet.name]
        for r_idx, row in enumerate(ws.iter_rows(min_row=rows[0] + 1, max_row=rows[-1] + 1,
                                                 min_col=cols[0] + 1, max_col=cols[-1] + 1), start=rows[0]):
            for c_idx, cell in enumerate(row, start=cols[0]):
                if (r_idx, c_idx) in wanted:
                    fmt[(r_idx, c_idx)] = "%" in str(getattr(cell, "number_format", "") or "")
    finally:
        wb.close()
    return [fmt.get(c, False) for c in cells]


# ---------------------------------------------------------------------------
# What one cell means
# ---------------------------------------------------------------------------


def field_value(row: list, cols: dict[str, int], field: str) -> object:
    """The value in ``row`` of the column found for ``field``; ``None`` when the table has no
    such column or the row is shorter than the header."""
    c = cols.get(field)
    return row[c] if c is not None and c < len(row) else None


def is_blank(value: object) -> bool:
    """True for ``None``, ``""``, whitespace and NaN."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and value != value


def cell_text(value: object) -> str | None:
    """A cell as stripped text (whitespace collapsed), ``None`` when blank."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


MEASURE_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)*[a-zа-яə]?$")  # other scripts' digits are read as 0-9 first


def measure_number(value: object) -> str | None:
    """A measure number as text: ``"1.2."`` → ``"1.2"``, ``1.1`` (float) → ``"1.1"``, ``3.0`` → ``"3"``."""
    if is_blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = ascii_digits(str(value)).strip().rstrip(".").strip()
    return text or None


_DOTS = {"\uff0e": ".", "\u066b": ".", "\u06d4": "."}  # fullwidth full stop, Arabic decimal separator, Urdu full stop


def ascii_digits(text: str) -> str:
    """``text`` with decimal digits of any script as 0–9 (fullwidth ``１.２``, Arabic-Indic ``١.٢`` → ``1.2``).

    Superscripts and other digits that are not decimal (``1¹``) stay as they
    are: they are no measure number, and the reader says so.
    """
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else _DOTS.get(ch, ch) for ch in text)


def float_candidates(value: object) -> tuple[str, ...] | None:
    """The numbers a non-integer float may have been typed as (1.1 → ``1.1``, ``1.10``).

    ``None`` when the cell is not such a float (text, integers): its number is
    certain.
    """
    if isinstance(value, float) and not value.is_integer() and math.isfinite(value):
        text = repr(value)
        if "e" in text:
            return None
        return (text, text + "0")
    return None


_PERCENT_TEXT = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*%?\s*$")


def parse_percent(value: object) -> float | None:
    """A percent from ``75``, ``75.0``, ``"75%"`` or ``"75,5 %"``; ``None`` when blank.

    Raises ``ValueError`` for text that is not a number.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    m = _PERCENT_TEXT.match(str(value))
    if not m:
        raise ValueError(value)
    return float(m.group(1).replace(",", "."))


def looks_like_percent(value: object) -> bool:
    """True for numbers and text such as ``75%`` (not for status words)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_PERCENT_TEXT.match(value))
