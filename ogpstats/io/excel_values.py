"""Excel's own values that calamine reads as blank: error cells and formulas without a saved value.

python-calamine returns ``""`` for a cell holding ``#N/A`` or ``#REF!`` and for
a formula whose result was never saved (a workbook written by a program, not
by Excel). Read as blank, such a status is silently "not assessed". These
cells are found in the sheet's XML, streamed with ``iterparse`` (the part is
never held in memory whole), and only for sheets whose XML has a formula or
an error cell at all: a quick byte scan decides that first.

* .xlsx/.xlsm: ``<c t="e"><v>#N/A</v></c>`` and ``<c><f>…</f></c>`` with no
  (or an empty) ``<v>`` that is not a text result (``t="str"``);
* .ods: cells with ``calcext:value-type="error"`` or an error text, and
  formula cells (``table:formula``) with no value at all.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Mapping
from itertools import compress, count
from operator import itemgetter, not_
from pathlib import Path

ERROR_VALUES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!")
"""Excel's error values (the first seven are in every version)."""

NO_VALUE = "="
"""The value :func:`special_cells` gives a formula without a saved value."""

WORKSHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
"""A worksheet's zip member, as the guard and :func:`formula_parts` find them (``fullmatch``)."""

_MARKERS = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b't="e"', b"table:formula=")  # not <formula1> (validations)
_CHUNK = 1 << 20


def sheet_part(z: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the XML of the sheet named ``sheet_name`` (``xl/worksheets/sheet1.xml``)."""
    workbook = z.read("xl/workbook.xml").decode("utf-8")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    rid = None
    for attrs in re.findall(r"<(?:\w+:)?sheet\b([^>]*)>", workbook):
        name = re.search(r'\bname="([^"]*)"', attrs)
        if name and html.unescape(name.group(1)) == sheet_name:
            found = re.search(r'\br:id="([^"]*)"|\bid="([^"]*)"', attrs)
            rid = found and (found.group(1) or found.group(2))
            break
    target = None
    for attrs in re.findall(r"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        if re.search(rf'\bId="{re.escape(rid or "")}"', attrs):
            found_target = re.search(r'\bTarget="([^"]*)"', attrs)
            target = found_target.group(1) if found_target else None
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def has_markers(data: bytes) -> bool:
    """Whether XML bytes hold a formula or an error cell (a marker may end in the last 15 bytes of a chunk:
    scan each chunk with the 16 bytes before it)."""
    # Every marker holds "<f", ":f" or "e" in quotes (t="e"). numpy compares the bytes a few times over
    # (40 ms for 40 MB of XML; three bytes searches took 90 ms), and rules most parts out.
    # numpy is imported here, not with the module: the ogpstats command runs the resource guard (which
    # imports this module) before anything needs numpy, and asks it for no formulas (read_ahead).
    import numpy as np

    a = np.frombuffer(data, dtype=np.uint8)
    before_f = a[:-1][a[1:] == 0x66]  # the byte before each "f"
    quoted_e = (a[:-2] == 0x22) & (a[1:-1] == 0x65) & (a[2:] == 0x22)
    if not (np.any((before_f == 0x3C) | (before_f == 0x3A)) or quoted_e.any()):
        return False
    return any(m in data for m in _MARKERS)


def _has_markers(z: zipfile.ZipFile, member: str) -> bool:
    """Whether the member's bytes hold a formula or an error cell at all (read in 1 MB chunks)."""
    tail = b""
    with z.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            if has_markers(data):
                return True
            tail = data[-16:]
    return False


def formula_parts(path: str | Path) -> dict[str, bool]:
    """For each worksheet part of an .xlsx/.xlsm (``xl/worksheets/sheet1.xml``): whether it holds a formula or
    an error cell at all (:func:`has_markers`). Only for a file the resource guard has passed: each part is
    inflated. Empty when the file cannot be read (:func:`special_cells` then scans a sheet when asked)."""
    try:
        with zipfile.ZipFile(path) as z:
            parts = [n for n in z.namelist() if WORKSHEET_PART.fullmatch(n)]
            return {part: _has_markers(z, part) for part in parts}
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, EOFError, NotImplementedError, zlib.error):
        return {}


def special_cells(path: str | Path, suffix: str, sheet_name: str,
                  scanned: Mapping[str, bool] | None = None) -> dict[tuple[int, int], str]:
    """The cells of a sheet that calamine reads as blank but hold an error value or an unsaved formula.

    ``scanned`` maps worksheet parts to whether they hold a formula or an error cell at all, as
    the file's guard found while it streamed them (:attr:`ogpstats.io.guards.Footprint.formulas`);
    a part not in it is scanned here.

    Returns
    -------
    dict
        ``{(row, column): value}`` (0-based), the value an error text such as
        ``"#N/A"`` or :data:`NO_VALUE` for a formula without a saved value.
        Empty for .xls and .csv (calamine reads .xls errors itself) and when
        the file cannot be scanned: the values were read, this only refines them.
    """
    try:
        with zipfile.ZipFile(path) as z:
            if suffix in (".xlsx", ".xlsm"):
                member = sheet_part(z, sheet_name)
                known = scanned.get(member) if scanned is not None and member is not None else None
                if member is None or not (known if known is not None else _has_markers(z, member)):
                    return {}
                with z.open(member) as fh:
                    return _xlsx_special(fh)
            if suffix == ".ods" and _has_markers(z, "content.xml"):
                with z.open("content.xml") as fh:
                    return _ods_special(fh, sheet_name)
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
        return {}
    return {}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_REF = re.compile(r"([A-Z]+)(\d+)")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _xlsx_special(fh) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    row, col = -1, -1
    for event, el in ET.iterparse(fh, events=("start", "end")):
        tag = _local(el.tag)
        if event == "start":
            if tag == "row":
                row = int(el.get("r")) - 1 if el.get("r") else row + 1
                col = -1
            continue
        if tag == "c":
            ref = _REF.fullmatch(el.get("r") or "")
            col = _col_index(ref.group(1)) if ref else col + 1
            kind = el.get("t", "n")
            children = {_local(ch.tag): ch for ch in el}
            value = children.get("v")
            text = value.text if value is not None else None
            if kind == "e":
                out[(row, col)] = (text or "#N/A").strip()
            elif "f" in children and not text and kind not in ("str", "s", "inlineStr"):
                out[(row, col)] = NO_VALUE
            el.clear()
        elif tag == "row":
            el.clear()
    return out


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


def _ods_special(fh, sheet_name: str) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    inside, r = False, 0
    for event, el in ET.iterparse(fh, events=("start", "end")):
        if el.tag == _TABLE + "table":
            if event == "start":
                inside, r = el.get(_TABLE + "name") == sheet_name, 0
            elif inside:
                return out
            continue
        if event != "end" or el.tag != _TABLE + "table-row":
            continue
        if inside:
            _ods_row(el, r, out)
        r += int(el.get(_TABLE + "number-rows-repeated", "1"))
        el.clear()
    return out


def _ods_row(el, r: int, out: dict[tuple[int, int], str]) -> None:
    c = 0
    for cell in el:
        if cell.tag not in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            continue
        text = "".join(cell.itertext()).strip()
        if cell.get(_CALCEXT + "value-type") == "error" or (cell.get(_TABLE + "formula") and text in ERROR_VALUES):
            out[(r, c)] = text or "#VALUE!"
        elif cell.get(_TABLE + "formula") and cell.get(_OFFICE + "value-type") is None and not text:
            out[(r, c)] = NO_VALUE
        c += int(cell.get(_TABLE + "number-columns-repeated", "1"))


# ---------------------------------------------------------------------------
# What a reader says about them
# ---------------------------------------------------------------------------

CHECKED_FIELDS = ("item_id", "status", "percent", "weight", "deadline", "round")
"""The columns whose blank-looking cells must not hide an error value or an unsaved formula."""


def check_table(reader, table) -> None:
    """Report what a table's cells hide: Excel errors, unsaved formulas, dates and odd digits in the № column.

    Parameters
    ----------
    reader
        A :class:`~ogpstats.io.reader.Reader` (its ``book`` and ``problem``).
    table
        A :class:`~ogpstats.io.tables.Table`: its sheet, header row, body and columns.

    Notes
    -----
    * ``cell.excel_error``: an error value (``#N/A``) in a №, status, percent,
      weight, deadline or round cell, read as blank otherwise;
    * ``cell.formula_no_value``: a formula whose result was never saved;
    * ``number.excel_date``: a date in the № column (Excel turned 1.10 into 1 October);
    * ``number.digit_form``: a measure number with superscript or other non-decimal digits (``1¹``).
    """
    sheet = table.sheet
    head = sheet.rows[table.header] if table.header < len(sheet.rows) else []
    columns = {c: f for f, c in table.cols.items() if f in CHECKED_FIELDS}
    columns.update({c: "round" for c in table.rounds})
    special = reader.book.excel_values(sheet)
    for (r, c), value in sorted(special.items()):
        if r < table.body or c not in columns:
            continue
        header = _header_text(head, c)
        if value == NO_VALUE:
            reader.problem("cell.formula_no_value", "error", sheet.name, r, c, column=header)
        else:
            reader.problem("cell.excel_error", "error", sheet.name, r, c, value=value, column=header)
    id_col = table.cols.get("item_id")
    if id_col is not None:
        _check_numbers(reader, sheet, table.body, id_col)


def _header_text(head: list, col: int) -> str:
    value = head[col] if col < len(head) else ""
    return " ".join(str(value).split()) if value not in (None, "") else f"column {col + 1}"


def _check_numbers(reader, sheet, body: int, col: int) -> None:
    import datetime as dt

    rows = sheet.rows
    for r in _suspect_rows(rows, body, col):
        value = rows[r][col]
        if isinstance(value, str):
            # ASCII text has only decimal digits: the per-character test runs on other text only.
            if not value.isascii() and odd_digits(value):
                reader.problem("number.digit_form", "error", sheet.name, r, col, value=value.strip(),
                               chars=odd_digits(value))
        elif isinstance(value, dt.date):
            shown = value.date() if isinstance(value, dt.datetime) and value.time() == dt.time(0) else value
            reader.problem("number.excel_date", "error", sheet.name, r, col, date=shown.isoformat())


def _suspect_rows(rows: list[list], body: int, col: int) -> list[int]:
    """The rows from ``body`` on whose cell in column ``col`` is neither ASCII text nor a number: the only ones
    that may hold a date or odd digits."""
    below = rows[body:]
    if below and min(map(len, below)) > col:  # every row reaches the column (calamine's rows are all as wide)
        # C loops over the column (nearly every cell is ASCII text or a number).
        values = list(map(itemgetter(col), below))
        kinds = set(map(type, values))
        if str not in kinds and kinds <= {int, float}:
            return []
        if kinds == {str}:
            return list(compress(count(body), map(not_, map(str.isascii, values))))
    return [r for r, row in enumerate(below, start=body) if col < len(row)
            and not ((type(v := row[col]) is str and v.isascii()) or type(v) in (int, float))]


def odd_digits(text: str) -> str:
    """The digits of ``text`` that are not decimal digits (superscripts ``¹``, circled ``①``); ``""`` when none.

    Decimal digits of any script (fullwidth ``１``, Arabic-Indic ``١``) are read as 0–9
    (:func:`ogpstats.io.cells.ascii_digits`); these cannot be read as a number safely.
    """
    return "".join(dict.fromkeys(ch for ch in text if ch.isdigit() and not ch.isdecimal()))
