"""Report tables as HTML (escaped), CSV and formatted XLSX, in the user's language.

A table is a frame plus a list of :class:`Column` specs: which column, how
to show it (``text``, ``int``, ``rate``, ``index``, ``number``, ``value``
(a measured value: up to 2 decimals, no trailing zeros), ``year`` (no
thousands separator), ``level``, ``list``, ``round``, ``date``, or a code
kind of :data:`CODE_KINDS`) and its header key in the message catalogue
(``col.<key>``).

User text is data: the HTML template (``templates/table.html.j2``, autoescaping)
escapes every cell, and a CSV or XLSX cell that
starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) is
prefixed with ``'`` so a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import MISSING, Messages, decimal_separator, messages
from ..text_safety import for_csv, for_xlsx  # the one rule for user text in files (ogpstats.text_safety)

CODE_KINDS: dict[str, str] = {"change": "change", "kpi_status": "kpi", "severity": "severity", "kind": "kind"}
"""Column kinds whose values are codes shown through the catalogue (``change`` → ``change.<code>``)."""
KINDS: tuple[str, ...] = ("text", "int", "rate", "index", "number", "value", "year", "level", "list", "round", "date",
                          *CODE_KINDS)


@dataclass(frozen=True)
class Column:
    """One column of a report table.

    Attributes
    ----------
    name : str
        Column of the frame.
    kind : str
        One of :data:`KINDS`.
    header : str or None
        Catalogue key of the header; default ``col.<name>``.
    """

    name: str
    kind: str = "text"
    header: str | None = None

    def title(self, m: Messages) -> str:
        return m(self.header or f"col.{self.name}")


def _isnull(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _code(value: object, kind: str, m: Messages) -> str:
    if _isnull(value):
        return ""
    return m.get(f"{CODE_KINDS[kind]}.{value}", str(value))


def display_value(value: Any, kind: str, m: Messages) -> str:
    """A cell as text for a reader in ``m``'s language."""
    if kind in CODE_KINDS:
        return _code(value, kind, m)
    if kind == "level":
        return m.level(None if _isnull(value) else value)
    if kind == "list":
        if isinstance(value, (list, tuple)):
            return "; ".join(str(v) for v in value)
        return "" if _isnull(value) else str(value)
    if _isnull(value):
        return MISSING if kind in ("int", "rate", "index", "number", "value", "year") else ""
    if kind == "int":
        return m.integer(value)
    if kind == "year":
        return str(int(value))
    if kind == "value":
        return trim_decimals(m.number(value, 2), m)
    if kind == "rate":
        return m.percent(value)
    if kind in ("index", "number"):
        return m.number(value, 1)
    if kind == "round":
        return m.round_label(value)
    if kind == "date":
        return m.date(value)
    return str(value)


def trim_decimals(text: str, m: Messages) -> str:
    """``1 250,00`` → ``1 250`` and ``2,50`` → ``2,5`` (az, ru); ``1,650.00`` → ``1,650`` (en)."""
    sep = decimal_separator(m.lang)
    if sep not in text:
        return text
    whole, frac = text.rsplit(sep, 1)
    frac = frac.rstrip("0")
    return f"{whole}{sep}{frac}" if frac else whole


def data_value(value: Any, kind: str, m: Messages) -> object:
    """A cell's value for CSV/XLSX: numbers stay numbers, words are in ``m``'s language.

    The text is as the user wrote it; each writer makes it safe for its format
    (:mod:`ogpstats.text_safety`).
    """
    if kind in CODE_KINDS:
        return _code(value, kind, m) or None
    if kind == "level":
        return m.level(None if _isnull(value) else value)
    if kind == "list":
        return "; ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else (
            "" if _isnull(value) else str(value))
    if _isnull(value):
        return None
    if kind in ("int", "year"):
        return int(value)
    if kind in ("rate", "index", "number", "value"):
        x = float(value)
        return None if math.isnan(x) else round(x, 6)
    if kind == "date":
        return pd.Timestamp(value).date().isoformat()
    return str(value)


def html_table(frame: pd.DataFrame, columns: list[Column], lang: str, *, css_class: str = "report-table",
               merge_repeats: tuple[str, ...] | list[str] = ()) -> str:
    """An HTML ``<table>`` with every header and cell escaped (by the template).

    Parameters
    ----------
    frame, columns, lang
        The rows, the column specs, the language of headers and values.
    css_class
        Class of the table.
    merge_repeats
        Column names whose cell is left empty when it repeats the row above
        (a road map named once above its priorities); the files keep every value.
    """
    from .templates import render

    m = messages(lang)
    numeric = {"int", "rate", "index", "number", "value", "year"}
    headers = [{"text": c.title(m), "num": c.kind in numeric} for c in columns]
    rows = []
    previous: dict[str, str] = {}
    for _, row in frame.iterrows():
        shown = {c.name: display_value(row[c.name], c.kind, m) for c in columns}
        starts = any(shown[n] != previous.get(n) for n in merge_repeats if n in shown)
        cells = [{"text": "" if c.name in merge_repeats and not starts else shown[c.name], "num": c.kind in numeric}
                 for c in columns]
        # a darker rule above each new group (inline in the template: the page's CSS belongs to the renderer)
        rows.append({"cells": cells, "group_start": bool(merge_repeats and starts and previous)})
        previous = shown
    return render("table.html.j2", css_class=css_class, headers=headers, rows=rows)


def drop_empty_columns(frame: pd.DataFrame, columns: list[Column]) -> list[Column]:
    """The columns without the text columns that are empty in every row (kept when the frame is empty)."""
    if not len(frame):
        return list(columns)
    keep = []
    for c in columns:
        if c.kind in ("text", "list") and all(display_value(v, c.kind, messages("en")) == "" for v in frame[c.name]):
            continue
        keep.append(c)
    return keep


def write_csv(frame: pd.DataFrame, columns: list[Column], lang: str, path: Path) -> Path:
    """Write the table as UTF-8 CSV with headers in ``lang`` and neutralised text."""
    m = messages(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([for_csv(c.title(m)) for c in columns])
        for _, row in frame.iterrows():
            w.writerow(["" if (v := data_value(row[c.name], c.kind, m)) is None else for_csv(v) for c in columns])
    return path


_XLSX_FORMATS = {"int": "0", "year": "0", "rate": "0.0%", "index": "0.0", "number": "#,##0.0##",
                 "value": "#,##0.##"}


def write_xlsx(frame: pd.DataFrame, columns: list[Column], lang: str, path: Path, *, sheet: str) -> Path:
    """Write the table as a formatted workbook: bold frozen header, filters, widths, number formats.

    Text cells are written as strings (never formulas), so ``=1+2`` needs no
    ``'`` prefix there; control characters, which openpyxl refuses, are removed.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    m = messages(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = "".join(ch for ch in sheet if ch not in '[]:*?/\\')[:31] or "table"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF4")
    for j, c in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j)
        cell.value = c.title(m)
        cell.data_type = "s"
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(c.title(m)) for c in columns]
    for i, (_, row) in enumerate(frame.iterrows(), start=2):
        for j, c in enumerate(columns, start=1):
            value = for_xlsx(data_value(row[c.name], c.kind, m))
            cell = ws.cell(row=i, column=j)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
                cell.alignment = Alignment(wrap_text=len(value) > 50, vertical="top")
            elif c.kind in _XLSX_FORMATS:
                cell.number_format = _XLSX_FORMATS[c.kind]
            widths[j - 1] = max(widths[j - 1], len(str(value)) if value is not None else 0)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, 8), 60)
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 1)}"
    fixed = pd.Timestamp("2000-01-01").to_pydatetime()
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "ogpstats"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    try:  # equal tables give equal bytes (fixed zip and core.xml stamps)
        from ..io.template import make_reproducible

        make_reproducible(path)
    except ImportError:  # pragma: no cover - the helper lives in the io package
        pass
    return path


def write_table(frame: pd.DataFrame, columns: list[Column], lang: str, out_dir: str | Path, name: str) -> list[Path]:
    """Write ``<name>.csv`` and ``<name>.xlsx`` into ``out_dir``; returns both paths."""
    out = Path(out_dir)
    return [write_csv(frame, columns, lang, out / f"{name}.csv"),
            write_xlsx(frame, columns, lang, out / f"{name}.xlsx", sheet=name)]
