"""A column map: read a table of any layout by naming the header that holds each field.

A map is a CSV file with the columns ``field,header``::

    field,header
    item_id,order_num+order_letter
    title,name_en
    agencies,lead_agency
    deadline,deadline
    status@2019,status_2019
    percent@2020-H1,progress_2020_h1

Fields: ``item_id``, ``title``, ``commitment``, ``agencies``, ``deadline``,
``weight``, ``evidence``, ``comment``, and per monitoring round
``status@ROUND`` and ``percent@ROUND`` (ROUND any round ogpstats reads:
``2019``, ``2018-H1``, ``2017-Q3``). Several headers joined by ``+`` are
one field, their values concatenated (``34`` + ``a`` → ``34a``).

The map does not read anything itself: on each sheet whose header row has
every mapped header it renames those header cells to the words the plan
reader knows (and blanks the others), so a mapped file is read, checked and
reported exactly like a plan of ogpstats' own layout, its problems pointing
at the file's real cells. A map saved beside a workbook as
``<workbook stem>.columns.csv`` is used without being named.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path

from ..user_tables import read_rows
from ..validate import UnusableInput
from ..vocab import normalize, parse_round
from .cells import Book, Sheet, cell_text, is_blank
from .headers import round_columns

# The header a mapped column is given: words of data/header_words.csv the plan reader knows.
FIELD_HEADERS = {
    "item_id": "№", "title": "Tədbirin adı", "commitment": "İstiqamət", "agencies": "İcraçı qurumlar",
    "deadline": "İcra müddəti", "weight": "Çəki", "evidence": "Sübut", "comment": "Şərh",
}
ROUND_FIELDS = {"status": "İcra vəziyyəti {round}", "percent": "İcra faizi {round}"}
REQUIRED = ("item_id", "title")
SUFFIX = ".columns.csv"
_SCAN = 30  # rows searched for the header, as the plan reader does


@dataclass(frozen=True)
class ColumnMap:
    """Which headers of a file hold which field.

    Attributes
    ----------
    path : Path
        The map file (named in messages).
    fields : dict
        ``{field: headers}``; the headers as written in the map, several for a
        ``+`` join. Round fields are keyed ``status@<round id>``.
    labels : dict
        ``{field: the header the mapped column is given}``.
    """

    path: Path
    fields: dict[str, tuple[str, ...]]
    labels: dict[str, str]

    @classmethod
    def load(cls, path: str | Path) -> ColumnMap:
        """Read a map file (CSV, UTF-8, columns ``field,header``).

        Raises
        ------
        UnusableInput
            A missing or unreadable map, an unknown field, an unreadable round,
            a field named twice, or no ``item_id`` / ``title``.
        """
        path = Path(path)
        rows = read_rows(path, "columns")
        if not rows or [normalize(h) for h in rows[0][:2]] != ["field", "header"]:
            raise UnusableInput("columns.columns", path, columns="field,header")
        fields: dict[str, tuple[str, ...]] = {}
        labels: dict[str, str] = {}
        for line, row in enumerate(rows[1:], start=2):
            if not any(c.strip() for c in row):
                continue
            key, label = _field(path, line, row[0])
            headers = tuple(h.strip() for h in (row[1] if len(row) > 1 else "").split("+"))
            if not all(headers):
                raise UnusableInput("columns.no_header", path, line=line, value=row[0].strip())
            if key in fields:
                raise UnusableInput("columns.duplicate", path, line=line, value=key)
            # One column is read as one field: its header cell is renamed to that field's.
            taken = {normalize(h) for hs in fields.values() for h in hs}
            if twice := next((h for h in headers if normalize(h) in taken), None):
                raise UnusableInput("columns.header_twice", path, line=line, header=twice)
            fields[key], labels[key] = headers, label
        missing = [f for f in REQUIRED if f not in fields]
        if missing:
            raise UnusableInput("columns.required", path, value=", ".join(missing))
        return cls(path, fields, labels)

    @classmethod
    def beside(cls, workbook: str | Path) -> ColumnMap | None:
        """The map saved beside a workbook (``plan.xlsx`` → ``plan.columns.csv``), if there is one."""
        candidate = Path(workbook).with_name(Path(workbook).stem + SUFFIX)
        return cls.load(candidate) if candidate.is_file() else None

    def apply(self, book: Book) -> Book:
        """The book with each mapped sheet's header renamed (a copy; the file is not touched).

        Raises
        ------
        UnusableInput
            When no sheet has every mapped header: names the map and the first header missing.
        """
        sheets, best, mapped = [], None, 0
        for sheet in book.sheets:
            found = self._find(sheet)
            if found is not None and len(found[1]) == len(self._headers()):
                sheets.append(self._rename(sheet, *found))
                mapped += 1
                continue
            sheets.append(sheet)
            if found is not None and (best is None or len(found[1]) > len(best[2])):
                best = (sheet, found[0], found[1])
        if not mapped:
            raise self._header_missing(book, best)
        return dataclasses.replace(book, sheets=sheets)  # the file's own warnings (its encoding) kept

    def _headers(self) -> set[str]:
        return {normalize(h) for hs in self.fields.values() for h in hs}

    def _find(self, sheet: Sheet) -> tuple[int, dict[str, int]] | None:
        """The row (within the first rows) naming the most mapped headers, and their columns."""
        wanted, best = self._headers(), None
        for i, row in enumerate(sheet.rows[:_SCAN]):
            cols: dict[str, int] = {}
            for c, v in enumerate(row):
                key = normalize(v) if isinstance(v, str) else normalize(cell_text(v))
                if key in wanted and key not in cols:
                    cols[key] = c
            if cols and (best is None or len(cols) > len(best[1])):
                best = (i, cols)
                if len(cols) == len(wanted):
                    break
        return best

    def _rename(self, sheet: Sheet, header: int, cols: dict[str, int]) -> Sheet:
        head = [""] * len(sheet.rows[header])
        joins: list[list[int]] = []
        for key, headers in self.fields.items():
            columns = [cols[normalize(h)] for h in headers]
            head[columns[0]] = self.labels[key]
            if len(columns) > 1:
                joins.append(columns)
        rows = sheet.rows[:header] + [head] + [_joined(r, joins) for r in sheet.rows[header + 1:]]
        return Sheet(sheet.name, rows, sheet.visible, sheet.merged, sheet.index)

    def _header_missing(self, book: Book, best) -> UnusableInput:
        sheet, row, cols = best if best is not None else (None, 0, {})
        missing = next(h for hs in self.fields.values() for h in hs if normalize(h) not in cols)
        texts = [cell_text(v) or "" for v in sheet.rows[row]] if sheet is not None else []
        close = difflib.get_close_matches(missing, texts, n=1, cutoff=0.6)
        return UnusableInput("columns.header_missing", book.path, suggestion=close[0] if close else None,
                             map=self.path.name, header=missing)


def _field(path: Path, line: int, text: str) -> tuple[str, str]:
    """The key (``title``, ``status@2019-H1``) and the header label of a map's field cell."""
    name, _, round_text = text.strip().partition("@")
    name = normalize(name)
    if not round_text and name in FIELD_HEADERS:
        return name, FIELD_HEADERS[name]
    if round_text and name in ROUND_FIELDS:
        round_id = parse_round(round_text.strip())
        if round_id is None:
            raise UnusableInput("columns.round", path, line=line, value=text.strip())
        return f"{name}@{round_id}", _round_label(path, line, text, name, round_id)
    known = list(FIELD_HEADERS) + [f"{f}@ROUND" for f in ROUND_FIELDS]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    raise UnusableInput("columns.field", path, suggestion=close[0] if close else None, line=line,
                        value=text.strip(), fields=", ".join(known))


def _round_label(path: Path, line: int, text: str, what: str, round_id: str) -> str:
    """A header the round reader reads as ``(round_id, what)``; the bare round when only that reads back
    (then a cell may hold a status word or a percent)."""
    label = ROUND_FIELDS[what].format(round=round_id)
    for candidate, kind in ((label, what), (round_id, "any")):
        if round_columns([candidate], set()) == {0: (round_id, kind)}:
            return candidate
    raise UnusableInput("columns.round", path, line=line, value=text.strip())


def _joined(row: list, joins: list[list[int]]) -> list:
    """A body row with each ``+`` join's text in its first column (``34`` + ``a`` → ``34a``)."""
    if not joins:
        return row
    row = list(row)
    for columns in joins:
        parts = [cell_text(row[c]) if c < len(row) and not is_blank(row[c]) else "" for c in columns]
        if columns[0] < len(row):
            row[columns[0]] = "".join(p for p in parts if p)
    return row
