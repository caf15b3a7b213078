"""Read monitoring workbooks into the tidy tables.

Load → check → tidy: cells are read with python-calamine (fast, reads
.xlsx/.xlsm/.xls/.ods without running macros), tables are found by their
header row, and every cell that cannot be understood becomes a
:class:`~ogpstats.validate.Problem` naming its file, sheet and cell.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..model import Dataset, make_assessments, make_items, make_kpis
from ..validate import Problem, UnusableInput, cell_ref
from ..vocab import StatusVocabulary, normalize, parse_deadline, parse_round, split_agencies
from .headers import find_header
from .template import INSTRUCTIONS_SHEET, KIND_LABEL, PLAN_NAME_LABEL, ROADMAPS

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
EXPECTED_HEADER = "expected a header like №, Tədbirin adı, İcraçı qurumlar, İcra müddəti"


@dataclass
class Sheet:
    """The cell values of one sheet (rows of Python values, '' for blank)."""

    name: str
    rows: list[list]
    visible: bool = True


def read_sheets(path: Path) -> list[Sheet]:
    """All sheets of a workbook or CSV file, as rows of values.

    Raises
    ------
    UnusableInput
        Missing, empty, corrupt or encrypted files.
    """
    if not path.exists():
        raise UnusableInput(f"{path}: no such file")
    if path.is_dir():
        raise UnusableInput(f"{path}: is a directory, expected a workbook (.xlsx, .xlsm, .xls, .ods, .csv)")
    if path.stat().st_size == 0:
        raise UnusableInput(f"{path}: the file is empty (0 bytes)")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [Sheet(path.stem, _read_csv(path))]
    if suffix not in EXCEL_SUFFIXES:
        raise UnusableInput(f"{path}: unsupported file type {suffix or '(none)'}; "
                            "expected .xlsx, .xlsm, .xls, .ods or .csv")
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in wb.sheets_metadata:
            rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.append(Sheet(meta.name, rows, str(meta.visible).lower().endswith("visible")
                                and "hidden" not in str(meta.visible).lower()))
    except Exception as exc:  # calamine raises several error types for bad files
        head = path.read_bytes()[:8]
        if head.startswith(b"\xd0\xcf\x11\xe0") and suffix != ".xls":
            reason = "the workbook is encrypted (password-protected) or not a valid Excel file"
        elif not head.startswith(b"PK") and suffix in (".xlsx", ".xlsm", ".ods"):
            reason = f"not a {suffix} workbook (is it a CSV or another file renamed?)"
        else:
            reason = f"the workbook is corrupt or unreadable ({type(exc).__name__})"
        raise UnusableInput(f"{path}: {reason}") from None
    return sheets


def _read_csv(path: Path) -> list[list]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInput(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(text.splitlines(), dialect)]


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and value != value)


def cell_text(value: object) -> str | None:
    """A cell as stripped text, ``None`` when blank."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def measure_number(value: object) -> str | None:
    """A measure number as text: ``"1.2."`` → ``"1.2"``, ``1.1`` (float) → ``"1.1"``."""
    if is_blank(value):
        return None
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    text = str(value).strip().rstrip(".").strip()
    return text or None


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


_ROADMAP_NAMES: dict[str, str] = {}
for _key, (_az, _en) in ROADMAPS.items():
    for _name in (_key, _az, _en, _key.replace("_", " ")):
        _ROADMAP_NAMES[normalize(_name)] = _key


def roadmap_key(value: object) -> str | None:
    """One of the 12 road map keys from a key, or an Azerbaijani or English title."""
    text = normalize(value)
    if not text:
        return None
    if text in _ROADMAP_NAMES:
        return _ROADMAP_NAMES[text]
    for name, key in _ROADMAP_NAMES.items():
        if len(name) > 6 and (name in text or text in name):
            return key
    return None


class WorkbookReader:
    """Reads one file into a :class:`~ogpstats.model.Dataset`.

    Parameters
    ----------
    path
        The workbook or CSV file.
    vocabulary
        Status words; default :meth:`StatusVocabulary.default`.
    kind
        ``nap`` or ``srm``; default: detected from the headers.
    """

    def __init__(self, path: str | Path, vocabulary: StatusVocabulary | None = None, kind: str | None = None):
        self.path = Path(path)
        self.file = str(path)
        self.vocab = vocabulary or StatusVocabulary.default()
        self.kind = kind
        self.problems: list[Problem] = []

    def problem(self, severity: str, sheet: str, row: int | None, col: int | None, message: str,
                suggestion: str | None = None) -> None:
        cell = cell_ref(row, col) if row is not None and col is not None else ""
        self.problems.append(Problem(severity, self.file, sheet, cell, message, suggestion))

    # -- top level -----------------------------------------------------------------

    def read(self) -> Dataset:
        sheets = [s for s in read_sheets(self.path) if s.visible and s.rows]
        plan = self._plan_name(sheets) or self.path.stem
        item_frames, assessment_records, kpi_records = [], [], []
        plan_tables = assessment_tables = 0
        for sheet in sheets:
            if sheet.name == INSTRUCTIONS_SHEET:
                continue
            if (found := find_header(sheet.rows, ("item_id", "title"))) is not None:
                item_frames.append(self._read_plan_sheet(sheet, plan, *found))
                plan_tables += 1
            elif (found := find_header(sheet.rows, ("kpi", "baseline"))) is not None:
                kpi_records += self._read_kpi_sheet(sheet, plan, *found)
            elif (found := find_header(sheet.rows, ("item_id", "round"))) is not None:
                assessment_records += self._read_assessment_sheet(sheet, plan, *found)
                assessment_tables += 1
        if not plan_tables:
            raise UnusableInput(f"{self.file}: no sheet holds a plan table; {EXPECTED_HEADER}")
        items = make_items(pd.concat(item_frames, ignore_index=True)) if item_frames else make_items([])
        if not len(items):
            raise UnusableInput(f"{self.file}: the plan table has a header but no measures")
        self._check_duplicates(items)
        self._check_unknown_items(items, assessment_records)
        assessments = make_assessments(assessment_records)
        return Dataset(items, assessments, make_kpis(kpi_records), self.problems)

    def _plan_name(self, sheets: list[Sheet]) -> str | None:
        for sheet in sheets:
            if sheet.name != INSTRUCTIONS_SHEET:
                continue
            for row in sheet.rows[:10]:
                label = normalize(row[0]) if row else ""
                if label == normalize(PLAN_NAME_LABEL) and len(row) > 1:
                    return cell_text(row[1])
                if label == normalize(KIND_LABEL) and len(row) > 1 and self.kind is None:
                    self.kind = cell_text(row[1])
        return None

    # -- plan ----------------------------------------------------------------------

    def _read_plan_sheet(self, sheet: Sheet, plan: str, header: int, cols: dict[str, int]) -> pd.DataFrame:
        kind = self.kind or ("srm" if "roadmap" in cols or "priority" in cols else "nap")

        def get(row: list, field: str):
            col = cols.get(field)
            return row[col] if col is not None and col < len(row) else None

        sheet_roadmap = roadmap_key(sheet.name)
        records = []
        for r in range(header + 1, len(sheet.rows)):
            row = sheet.rows[r]
            number = measure_number(get(row, "item_id"))
            if number is None:
                continue
            roadmap = priority = None
            if kind == "srm":
                roadmap = roadmap_key(get(row, "roadmap")) or sheet_roadmap
                if roadmap is None:
                    self.problem("error", sheet.name, r, cols.get("roadmap", cols["item_id"]),
                                 f"unknown road map {cell_text(get(row, 'roadmap'))!r}; expected one of "
                                 + ", ".join(ROADMAPS))
                    continue
                priority = measure_number(get(row, "priority")) or number.rsplit(".", 1)[0]
                item_id = f"{roadmap}/{number}"
                agencies = split_agencies(get(row, "lead_agency")) + split_agencies(get(row, "related_agencies"))
                agencies += split_agencies(get(row, "agencies"))
            else:
                item_id = number
                agencies = split_agencies(get(row, "agencies"))
            commitment = measure_number(get(row, "commitment")) or number.split(".")[0]
            deadline_cell = get(row, "deadline")
            deadline = parse_deadline(deadline_cell)
            if not deadline.parsed:
                self.problem("warning", sheet.name, r, cols["deadline"],
                             f"cannot read the deadline {deadline.text!r}; the measure has no deadline")
            weight = get(row, "weight")
            records.append({
                "plan": plan, "kind": kind, "commitment": commitment if kind == "nap" else None,
                "roadmap": roadmap, "priority": priority, "item_id": item_id,
                "title": cell_text(get(row, "title")) or "", "agencies": agencies,
                "deadline_text": deadline.text or None, "start": deadline.start, "deadline_end": deadline.end,
                "ongoing": deadline.ongoing, "weight": None if is_blank(weight) else weight,
                "file": self.file, "sheet": sheet.name, "cell": cell_ref(r, cols["item_id"]),
            })
        return make_items(records)

    def _check_duplicates(self, items: pd.DataFrame) -> None:
        dup = items[items.duplicated(["plan", "item_id"], keep=False)]
        for item_id, grp in dup.groupby("item_id", sort=False):
            cells = [f"{s}!{c}" for s, c in zip(grp["sheet"], grp["cell"])]
            first = grp.iloc[0]
            self.problems.append(Problem("error", self.file, first["sheet"], first["cell"],
                                         f"duplicate measure number {item_id!r} in {' and '.join(cells)}"))

    # -- assessments -------------------------------------------------------------

    def _read_assessment_sheet(self, sheet: Sheet, plan: str, header: int, cols: dict[str, int]) -> list[dict]:
        sheet_roadmap = roadmap_key(sheet.name)

        def get(row: list, field: str):
            col = cols.get(field)
            return row[col] if col is not None and col < len(row) else None

        records = []
        for r in range(header + 1, len(sheet.rows)):
            row = sheet.rows[r]
            number = measure_number(get(row, "item_id"))
            if number is None:
                continue
            item_id = number
            if "roadmap" in cols or sheet_roadmap:
                roadmap = roadmap_key(get(row, "roadmap")) or sheet_roadmap
                item_id = f"{roadmap}/{number}"
            round_id = parse_round(get(row, "round"))
            if round_id is None:
                self.problem("error", sheet.name, r, cols["round"],
                             f"cannot read the round {cell_text(get(row, 'round'))!r}; "
                             "expected e.g. 2017, 2017-H1, 2017-Q3")
                continue
            level = None
            if "status" in cols:
                word = get(row, "status")
                level = self.vocab.level(word)
                if level is None:
                    self.problem("error", sheet.name, r, cols["status"], f"unknown status word {cell_text(word)!r}",
                                 self.vocab.suggest(word))
                    continue
            percent = None
            if "percent" in cols:
                try:
                    percent = parse_percent(get(row, "percent"))
                except ValueError:
                    self.problem("error", sheet.name, r, cols["percent"],
                                 f"percent {cell_text(get(row, 'percent'))!r} is not a number")
                    continue
                if percent is not None and not 0 <= percent <= 100:
                    self.problem("error", sheet.name, r, cols["percent"], f"percent {percent:g} is outside 0–100")
                    continue
            records.append({
                "plan": plan, "item_id": item_id, "round": round_id,
                "level": level if level != "not_assessed" else None, "percent": percent,
                "evidence": cell_text(get(row, "evidence")), "comment": cell_text(get(row, "comment")),
                "file": self.file, "sheet": sheet.name,
                "cell": cell_ref(r, cols.get("status", cols.get("percent", cols["item_id"]))),
                "_id_cell": cell_ref(r, cols["item_id"]),
            })
        return records

    def _check_unknown_items(self, items: pd.DataFrame, records: list[dict]) -> None:
        known = set(zip(items["plan"], items["item_id"]))
        for rec in records:
            if (rec["plan"], rec["item_id"]) not in known:
                self.problems.append(Problem("error", self.file, rec["sheet"], rec["_id_cell"],
                                             f"measure {rec['item_id']!r} is not in the plan"))

    # -- KPIs ----------------------------------------------------------------------

    def _read_kpi_sheet(self, sheet: Sheet, plan: str, header: int, cols: dict[str, int]) -> list[dict]:
        head = sheet.rows[header]
        year_cols = {c: int(y) for c, v in enumerate(head)
                     if (y := cell_text(v)) and re.fullmatch(r"(19|20)\d\d", y) and c not in cols.values()}
        sheet_roadmap = roadmap_key(sheet.name)
        records = []
        for r in range(header + 1, len(sheet.rows)):
            row = sheet.rows[r]

            def get(field: str):
                col = cols.get(field)
                return row[col] if col is not None and col < len(row) else None

            name = cell_text(get("kpi"))
            if name is None:
                continue
            base = {"plan": plan, "roadmap": roadmap_key(get("roadmap")) or sheet_roadmap, "kpi": name,
                    "unit": cell_text(get("unit"))}
            for field in ("baseline_year", "baseline", "target_year", "target"):
                value = get(field)
                try:
                    base[field] = None if is_blank(value) else float(str(value).replace(",", "."))
                except ValueError:
                    self.problem("error", sheet.name, r, cols[field], f"{field} {value!r} is not a number")
                    base[field] = None
            actuals = [(y, row[c]) for c, y in year_cols.items() if c < len(row) and not is_blank(row[c])]
            if not actuals:
                records.append(base)
            for year, value in actuals:
                try:
                    records.append({**base, "year": year, "value": float(str(value).replace(",", "."))})
                except ValueError:
                    self.problem("error", sheet.name, r, next(c for c, y in year_cols.items() if y == year),
                                 f"actual value {value!r} is not a number")
        return records


def read_workbook(path: str | Path, *, kind: str | None = None,
                  vocabulary: StatusVocabulary | None = None) -> Dataset:
    """Read one workbook or CSV file into a :class:`~ogpstats.model.Dataset`.

    Raises
    ------
    UnusableInput
        When the file cannot be read or holds no plan table.
    """
    return WorkbookReader(path, vocabulary, kind).read()

