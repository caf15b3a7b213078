"""Check and tidy: plan tables as governments publish them, and monitoring results.

One reader serves every plan-shaped workbook — the canonical ogpstats
template, a National Action Plan pasted from a decree, a Strategic Road Map
(one sheet per road map) — because they differ only in where things are:

* the header row is found by its words (:mod:`ogpstats.io.headers`), with
  title rows above it and an optional row of column numbers ``1 2 3 4 5``
  under it;
* **section rows** (``1. Elektron xidmətlərin təkmilləşdirilməsi``,
  ``Prioritet 1.2. …``), usually one cell merged across the row, give the
  commitment / priority and its title to the measures below;
* notes under the table (``Qeyd: …``) end it;
* monitoring results are a sheet per round (the sheet's name names the
  round), a long-form sheet with a round column (the template), columns to
  the right of the plan headed by a round, or a status column on a plan
  sheet named after a round.

Columns are processed as whole pandas columns; per-cell Python work is
limited to distinct values (deadline texts, agency cells, status words) and
to the rows that are wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from ..model import Dataset, make_assessments, make_items, make_kpis
from ..validate import Problem, UnusableInput, cell_ref, column_letter
from ..vocab import StatusVocabulary, normalize, parse_deadline, parse_round, split_agencies
from .cells import (Book, Sheet, cell_text, field_value, fill_merged_down, float_candidates, is_blank,
                    looks_like_percent, measure_number, parse_percent, percent_formatted)
from .headers import find_header, is_column_numbers_row, match_header, round_columns
from .roadmaps import ROADMAPS, roadmap_key

EXPECTED_HEADER = "expected a header like №, Tədbirin adı, İcraçı qurumlar, İcra müddəti"
INSTRUCTIONS_SHEET = "Təlimat"
PLAN_NAME_LABEL = "Planın adı / Plan name"
KIND_LABEL = "Növ / Kind"

# A section row: "1. Elektron xidmətlər…", "Prioritet 1.2. …", "II. …", "Bölmə 3: …".
_SECTION = re.compile(
    r"^(?:(?:prioritet|priority|приоритет|istiqamet|direction|направление|bolme|section|раздел|"
    r"strateji hedef|strategic target|hedef|oehdelik|ohdelik|commitment)\s*(?:№\s*)?)?"
    r"(\d+(?:\.\d+)*)(?:\s*[.):\-–]?\s+|[.)](?=[^\W\d_]))(\S.*)$")  # "1. Elektron", "1.Elektron"
# "I. Elektron xidmətlər", "II.Şəffaflıq": sections numbered in Roman numerals, as decrees often do.
_ROMAN_SECTION = re.compile(r"^\s*([IVX]{1,5})\s*(?:[.):\-–]\s*|\s+)(\S.*)$")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int | None:
    """The value of a Roman numeral up to XXXIX (``None`` for letters that are not one)."""
    values = [_ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total < 40 and _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
_NO_ROADMAP = "cannot tell which road map"
_NOTE = re.compile(r"^(?:qeyd|qeydler|izah|note|notes|примечани|\*)")
_ROUND_TITLE = re.compile(r"monitorinq|monitoring|мониторинг|hesabat|report|отчет|netice|result|результат|"
                          r"yarimil|rub|quarter|half|полугоди|квартал|^\S+$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)*[a-zа-яə]?$")
_PLAN_FIELDS = ("title", "indicator", "agencies", "lead_agency", "related_agencies", "deadline", "weight",
                "commitment", "roadmap", "priority", "section_title")
_FILL_FIELDS = ("agencies", "lead_agency", "related_agencies", "deadline", "indicator", "commitment",
                "roadmap", "priority", "section_title", "weight")


@dataclass
class Table:
    """A table found on a sheet: its header row and what each column holds."""

    sheet: Sheet
    header: int
    cols: dict[str, int]
    body: int  # first row under the header (and under a row of column numbers)
    rounds: dict[int, tuple[str, str]] = field(default_factory=dict)  # column -> (round, what)
    sheet_round: str | None = None
    roadmap: str | None = None
    titles: list[str] = field(default_factory=list)  # texts above the header

    @property
    def has_status(self) -> bool:
        return "status" in self.cols or "percent" in self.cols


def _text_above(sheet: Sheet, header: int) -> list[str]:
    out = []
    for row in sheet.rows[:header]:
        for value in row:
            text = cell_text(value)
            if text and not re.fullmatch(r"[\d.\s]+", text):
                out.append(text)
    return out


def _blank(col: pd.Series) -> pd.Series:
    """Vectorised :func:`is_blank` for a column of cell values."""
    arr = col.to_numpy(dtype=object)
    out = pd.isna(arr) | (arr == "")
    # Text of spaces only is blank too; the type test runs in one pass, the rest only on text.
    is_str = np.fromiter((type(v) is str for v in arr), dtype=bool, count=len(arr)) & ~out
    if is_str.any():
        idx = np.flatnonzero(is_str)
        out[idx] = np.fromiter((arr[i].isspace() for i in idx), dtype=bool, count=len(idx))
    return pd.Series(out, index=col.index)


def _texts(col: pd.Series) -> pd.Series:
    """:func:`cell_text` of a column (stripped, inner whitespace collapsed, ``None`` for blanks)."""
    return pd.Series([(" ".join(v.split()) or None) if type(v) is str else cell_text(v) for v in col],
                     index=col.index, dtype=object)


def _numbers(col: pd.Series) -> pd.Series:
    """:func:`measure_number` of a column ("1.2." → "1.2", the float 1.1 → "1.1")."""
    return pd.Series([(v.strip().rstrip(".").strip() or None) if type(v) is str else measure_number(v) for v in col],
                     index=col.index, dtype=object)


class GovernmentReader:
    """Reads one plan-shaped workbook into a :class:`~ogpstats.model.Dataset`.

    Parameters
    ----------
    book
        The file's sheets (:func:`ogpstats.io.cells.read_book`).
    vocabulary
        Status words.
    kind
        ``nap`` or ``srm``; default: detected (road map columns or titles).
    """

    def __init__(self, book: Book, vocabulary: StatusVocabulary, kind: str | None = None):
        self.book = book
        self.file = str(book.path)
        self.vocab = vocabulary
        self.kind = kind
        self.problems: list[Problem] = []
        self.plan: str | None = None
        self._agency_cells: list[str] = []

    def problem(self, severity: str, sheet: str, row: int | None, col: int | None, message: str,
                suggestion: str | None = None) -> None:
        cell = cell_ref(row, col) if row is not None and col is not None else ""
        self.problems.append(Problem(severity, self.file, sheet, cell, message, suggestion))

    # -- top level -------------------------------------------------------------------

    def read(self) -> Dataset:
        sheets = [s for s in self.book.sheets if s.visible and any(any(not is_blank(v) for v in r)
                                                                    for r in s.rows[:200])]
        self._read_instructions(sheets)
        plans, round_sheets, long_sheets, kpi_sheets = self._classify(sheets)
        if not plans:
            raise UnusableInput(f"{self.file}: no sheet holds a plan table; {EXPECTED_HEADER}")
        if self.kind is None:
            self.kind = "srm" if any(self._looks_srm(t) for t in plans) else "nap"
        if self.plan is None:
            self.plan = self._plan_title(plans) or self.book.path.stem

        frames, extras, records = [], [], []
        for table in plans:
            items, extra, recs = self._read_plan(table)
            frames.append(items)
            extras.append(extra)
            records.append(recs)
        items = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        extra = pd.concat(extras, ignore_index=True) if extras else pd.DataFrame()
        if not len(items):
            unknown = [p for p in self.problems if p.message.startswith(_NO_ROADMAP)]
            if unknown:  # SRM measures of no known road map were dropped: that is the cause to name
                raise UnusableInput(f"{self.file}: {unknown[0].message}")  # the message names the sheet
            names = ", ".join(t.sheet.name for t in plans)
            raise UnusableInput(f"{self.file}: the plan table ({names}) has a header but no measures; "
                                "expected numbered rows such as 1.1, 1.2 under the header")
        keep = self._check_numbers(items, extra)
        items, extra = items[keep].reset_index(drop=True), extra[keep].reset_index(drop=True)
        self._agency_cells = list(extra["agency_cell"])

        lookup = _PlanLookup(items, extra)
        for table in round_sheets + long_sheets:
            records.append(self._read_rounds(table, lookup))
        assessments = pd.concat([r for r in records if len(r)], ignore_index=True) if any(
            len(r) for r in records) else pd.DataFrame()
        assessments = self._check_assessments(assessments)
        kpis = [rec for t in kpi_sheets for rec in self._read_kpis(t)]
        ds = Dataset(make_items(items), make_assessments(assessments), make_kpis(kpis), self.problems)
        ds.agency_cells = self._agency_cells
        return ds

    def _read_instructions(self, sheets: list[Sheet]) -> None:
        for sheet in sheets:
            if sheet.name != INSTRUCTIONS_SHEET:
                continue
            for row in sheet.rows[:10]:
                label = normalize(row[0]) if row else ""
                if label == normalize(PLAN_NAME_LABEL) and len(row) > 1:
                    self.plan = cell_text(row[1])
                if label == normalize(KIND_LABEL) and len(row) > 1 and self.kind is None:
                    kind = cell_text(row[1])
                    self.kind = kind if kind in ("nap", "srm") else None

    def _classify(self, sheets: list[Sheet]):
        plans: list[Table] = []
        round_sheets: list[Table] = []
        long_sheets: list[Table] = []
        kpi_sheets: list[Table] = []
        for sheet in sheets:
            if sheet.name == INSTRUCTIONS_SHEET:
                continue
            found = find_header(sheet.rows, ("kpi",), any_of=("baseline", "target", "baseline_year", "target_year"))
            if found is not None and "title" not in found[1]:
                kpi_sheets.append(self._table(sheet, *found))
                continue
            found = find_header(sheet.rows, ("item_id",), any_of=("title", "status", "percent", "round"))
            if found is None:
                continue
            table = self._table(sheet, *found)
            if "round" in table.cols:
                long_sheets.append(table)
            elif table.has_status and table.sheet_round and "title" not in table.cols:
                round_sheets.append(table)
            elif table.has_status and table.sheet_round:
                round_sheets.append(table)  # a copy of the plan with statuses: a round sheet, unless it is the plan
            elif "title" in table.cols:
                plans.append(table)
            elif table.has_status:
                col = table.cols.get("status", table.cols.get("percent"))
                self.problem("error", sheet.name, table.header, col,
                             "the sheet has a status column but its name names no round; name the sheet after "
                             "the round (e.g. 2017-ci ilin I yarımili, 2018 H1, 2017-Q3)")
        if not plans:
            # A single sheet holding the plan and one round's statuses.
            with_titles = [t for t in round_sheets if "title" in t.cols]
            if with_titles:
                plans.append(with_titles[0])
                with_titles[0].rounds.update(self._status_as_round(with_titles[0]))
                round_sheets.remove(with_titles[0])
        for table in plans:
            if table.has_status and not any(w in ("status", "percent") for _, w in table.rounds.values()):
                if table.sheet_round:
                    table.rounds.update(self._status_as_round(table))
                else:
                    col = table.cols.get("status", table.cols.get("percent"))
                    self.problem("error", table.sheet.name, table.header, col,
                                 "the plan has a status column but no round: name the sheet after the round "
                                 "(e.g. 2017-ci ilin I yarımili) or head the column with it (İcra vəziyyəti, 2017)")
        return plans, round_sheets, long_sheets, kpi_sheets

    def _status_as_round(self, table: Table) -> dict[int, tuple[str, str]]:
        out = {}
        if "status" in table.cols:
            out[table.cols["status"]] = (table.sheet_round, "status")
        if "percent" in table.cols:
            out[table.cols["percent"]] = (table.sheet_round, "percent")
        return out

    def _table(self, sheet: Sheet, header: int, cols: dict[str, int]) -> Table:
        head = sheet.rows[header]
        # A status / percent / blank header cell naming a round is a round column.
        taken = {c for f, c in cols.items() if f not in ("status", "percent", "comment", "evidence")}
        rounds = round_columns(head, taken)
        for c in rounds:
            for f in [f for f, col in cols.items() if col == c]:
                del cols[f]
        body = header + 1
        # A second header row: rounds under a merged "Monitorinq nəticələri" cell.
        if body < len(sheet.rows):
            below = round_columns(sheet.rows[body], set(cols.values()) | set(rounds))
            if below and all(is_blank(v) or c in below for c, v in enumerate(sheet.rows[body]) if c not in cols.values()):
                rounds.update(below)
                body += 1
        while body < len(sheet.rows) and all(is_blank(v) for v in sheet.rows[body]):
            body += 1
        if body < len(sheet.rows) and is_column_numbers_row(sheet.rows[body], len(head)):
            body += 1
        titles = _text_above(sheet, header)
        sheet_round = parse_round(sheet.name)
        if sheet_round is None:
            # A title such as "2017-ci ilin I yarımili üzrə monitorinq nəticələri" (not the decree's
            # "… 2016-cı il … tarixli Sərəncamı ilə təsdiq edilmişdir").
            for text in titles:
                if _ROUND_TITLE.search(normalize(text)) and (sheet_round := parse_round(text)) is not None:
                    break
        roadmap = roadmap_key(sheet.name)
        if roadmap is None:
            for text in titles:
                if (roadmap := roadmap_key(text)) is not None:
                    break
        if sheet.merged:
            # A status merged over several measures' rows is each one's status.
            fill_cols = [cols[f] for f in _FILL_FIELDS + ("status", "percent", "evidence", "comment")
                         if f in cols] + list(rounds)
            if fill_cols:
                sub = Sheet(sheet.name, sheet.rows, merged=[m for m in sheet.merged
                                                            if m[0][1] in fill_cols and m[1][1] == m[0][1]])
                fill_merged_down(sub, body)
        return Table(sheet, header, cols, body, rounds, sheet_round, roadmap, titles)

    def _looks_srm(self, table: Table) -> bool:
        if any(f in table.cols for f in ("roadmap", "priority", "lead_agency", "related_agencies")):
            return True
        if table.roadmap is None:
            return False
        col = table.cols["item_id"]
        numbers = [measure_number(r[col]) for r in table.sheet.rows[table.body:table.body + 200] if col < len(r)]
        return any(n and _NUMBER.match(n) and n.count(".") >= 2 for n in numbers)

    def _plan_title(self, plans: list[Table]) -> str | None:
        if self.kind == "srm":
            return None
        for text in plans[0].titles:
            key = normalize(text)
            if ("plan" in key or "план" in key) and len(text) <= 300:
                return text
        return None

    # -- the plan --------------------------------------------------------------------

    def _frame(self, table: Table) -> pd.DataFrame:
        rows = table.sheet.rows[table.body:]
        width = max([len(table.sheet.rows[table.header])] + [len(r) for r in rows[:50]])
        if rows and len({len(r) for r in rows}) > 1:  # CSV rows are ragged; calamine's are not
            longest = max(len(r) for r in rows)
            rows = [r if len(r) == longest else list(r) + [""] * (longest - len(r)) for r in rows]
        df = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(columns=range(width), dtype=object)
        for c in range(width):
            if c not in df.columns:
                df[c] = None
        df.index = np.arange(table.body, table.body + len(df))
        return df

    def _read_plan(self, table: Table) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        sheet, cols = table.sheet, table.cols
        df = self._frame(table)
        id_col = cols["item_id"]
        raw_id = df[id_col]
        blank = pd.DataFrame({c: _blank(df[c]) for c in df.columns})
        n_filled = (~blank).sum(axis=1)
        numbers = _numbers(raw_id)
        is_number = numbers.str.fullmatch(_NUMBER.pattern).fillna(False).astype(bool)
        has = {f: ~blank[c] for f, c in cols.items() if f in _PLAN_FIELDS}
        has_title = has.get("title", pd.Series(False, index=df.index))
        has_detail = pd.Series(False, index=df.index)
        for f in ("agencies", "lead_agency", "related_agencies", "deadline", "indicator"):
            if f in has:
                has_detail |= has[f]

        # The table ends at the first note under it.
        cut = len(df)
        first_measure = df.index[is_number][0] if is_number.any() else None
        candidates = df.index[(n_filled > 0) & ~is_number]
        for r in candidates:
            if first_measure is None or r <= first_measure:
                continue
            first_text = next(cell_text(v) for v in df.loc[r] if not is_blank(v))
            if _NOTE.match(normalize(first_text)):
                cut = int(np.searchsorted(df.index, r))
                break
        if cut < len(df):
            df, numbers, is_number, n_filled, has_title, has_detail = (
                x.iloc[:cut] for x in (df, numbers, is_number, n_filled, has_title, has_detail))
            has = {f: v.iloc[:cut] for f, v in has.items()}
            blank = blank.iloc[:cut]

        # Section rows: one text in the row ("1. Elektron …", merged across), or a number whose
        # title has no details and whose next numbered row continues it (1 → 1.1).
        section_num = _nones(df.index)
        section_title = _nones(df.index)
        single = df.index[(n_filled == 1) & ~(is_number & ~has_title)]  # a lone number: nothing to read
        found_rows, found_num, found_title = [], [], []
        for r, values in zip(single, df.loc[single].itertuples(index=False)):
            text = next(cell_text(v) for v in values if not is_blank(v))
            m = _SECTION.match(normalize(text))
            roman = _ROMAN_SECTION.match(text) if not m else None
            if m:
                found_rows.append(r), found_num.append(m.group(1)), found_title.append(_strip_section_number(text))
            elif roman and _roman(roman.group(1)):
                found_rows.append(r), found_num.append(str(_roman(roman.group(1)))), found_title.append(roman.group(2))
            elif not _NUMBER.match(text):  # an unnumbered section
                found_rows.append(r), found_num.append(""), found_title.append(text)
        section_num.loc[found_rows] = found_num
        section_title.loc[found_rows] = found_title
        numbered = numbers[is_number & has_title]
        nxt = numbered.shift(-1)
        parent = numbered.index[[isinstance(n2, str) and n2.startswith(n1 + ".")
                                 for n1, n2 in zip(numbered, nxt)]]
        parent = [r for r in parent if not has_detail.loc[r]]
        for r in parent:
            section_num.loc[r] = numbers.loc[r]
            section_title.loc[r] = cell_text(df.at[r, cols["title"]]) if "title" in cols else None
        is_section = section_num.notna()
        is_measure = is_number & has_title & ~is_section
        if "title" not in cols:
            is_measure = is_number & ~is_section

        # Rows that look like a measure but have no number: say so.
        orphan = ~is_number & ~is_section & has_title & has_detail & (n_filled >= 3)
        for r in df.index[orphan]:
            self.problem("warning", sheet.name, r, id_col,
                         "this row has a measure but no number in the № column; it is skipped")

        # Sections give their number and title to the measures below. Unnumbered sections
        # count only when no section is numbered (then they are numbered 1, 2, … in order).
        numbered_sec = is_section & (section_num != "")
        if numbered_sec.any():
            is_section_used = numbered_sec
            sec_number = section_num
        else:
            is_section_used = is_section
            sec_number = is_section.cumsum().astype(str).where(is_section, None)
        depth = sec_number.map(lambda n: n.count(".") + 1 if isinstance(n, str) and n else 0)
        top = depth[is_section_used].min() if is_section_used.any() else 0
        is_top = is_section_used & (depth == top)
        is_deep = is_section_used & (depth > top)
        sec_commitment = sec_number.where(is_top, None).ffill()
        sec_unnumbered = not numbered_sec.any()
        sec_title_top = section_title.where(is_top, None).ffill()
        # A deeper section (a priority under a strategic target) lasts until the next top-level one.
        sec_deep = _ffill_until(sec_number.where(is_deep, None), is_top)
        sec_title_deep = _ffill_until(section_title.where(is_deep, None), is_top)

        m = df.index[is_measure]
        number = numbers.loc[m]
        out = pd.DataFrame(index=m)

        def col(f):
            return df.loc[m, cols[f]] if f in cols else _nones(m)

        kind = self.kind
        title = _texts(col("title"))
        agencies = _split_column(col("lead_agency")) if "lead_agency" in cols else None
        related = _split_column(col("related_agencies")) if "related_agencies" in cols else None
        plain = _split_column(col("agencies")) if "agencies" in cols else None
        parts = [p for p in (agencies, related, plain) if p is not None]
        if not parts:
            all_agencies = pd.Series([[] for _ in m], index=m, dtype=object)
        elif len(parts) == 1:
            all_agencies = parts[0].map(list)
        else:
            all_agencies = pd.Series([_dedupe(sum(x, [])) for x in zip(*parts)], index=m, dtype=object)
        agency_col = cols.get("lead_agency", cols.get("agencies", cols.get("related_agencies", id_col)))

        # Deadlines: one parse per distinct value.
        if "deadline" in cols:
            # One parse per distinct value; the rows take theirs by code.
            raw_deadline = col("deadline")
            codes, distinct = pd.factorize(raw_deadline.where(~_blank(raw_deadline), None), use_na_sentinel=True)
            parsed = [parse_deadline(v) for v in distinct]
            table_of = pd.DataFrame({
                "deadline_text": [d.text or None for d in parsed] + [None],
                "start": [d.start for d in parsed] + [None],
                "deadline_end": [d.end for d in parsed] + [None],
                "ongoing": [d.ongoing for d in parsed] + [False],
                "_bad": [not d.parsed for d in parsed] + [False],
            }).iloc[np.where(codes < 0, len(parsed), codes)]
            for r in m[table_of["_bad"].to_numpy()]:
                self.problem("warning", sheet.name, r, cols["deadline"],
                             f"cannot read the deadline {cell_text(df.at[r, cols['deadline']])!r}; "
                             "the measure has no deadline")
            for f in ("deadline_text", "start", "deadline_end", "ongoing"):
                out[f] = table_of[f].to_numpy()
        if kind == "srm":
            roadmap = col("roadmap").map(roadmap_key) if "roadmap" in cols else _nones(m)
            roadmap = roadmap.where(roadmap.notna(), table.roadmap)
            unknown = roadmap.isna()
            if unknown.any():
                if "roadmap" in cols:
                    for r in m[unknown.to_numpy()]:
                        self.problem("error", sheet.name, r, cols["roadmap"],
                                     f"unknown road map {cell_text(df.at[r, cols['roadmap']])!r}; expected one of "
                                     + ", ".join(ROADMAPS))
                else:
                    self.problem("error", sheet.name, table.header, id_col,
                                 f"{_NO_ROADMAP} the sheet {sheet.name!r} holds; name the sheet or its "
                                 "title after one of the 12 road maps (e.g. Turizm, Tourism)")
            out["roadmap"] = roadmap
            priority = col("priority").map(measure_number) if "priority" in cols else _nones(m)
            from_number = number.map(lambda n: n.rsplit(".", 1)[0] if n.count(".") >= 2 else None)
            priority = priority.where(priority.notna(), from_number)
            priority = priority.where(priority.notna(), sec_deep.loc[m].where(sec_deep.loc[m].notna(),
                                                                             sec_commitment.loc[m]))
            priority = priority.where(priority.notna(), number.map(lambda n: n.rsplit(".", 1)[0] if "." in n else None))
            out["priority"] = priority
            out["item_id"] = roadmap.fillna("?") + "/" + number
            stitle = _texts(col("section_title")) if "section_title" in cols else _nones(m)
            deep_or_top = sec_title_deep.loc[m].where(sec_title_deep.loc[m].notna(), sec_title_top.loc[m])
            out["section_title"] = stitle.where(stitle.notna(), deep_or_top)
            out["commitment"] = None
        else:
            commitment = col("commitment").map(measure_number) if "commitment" in cols else pd.Series(
                None, index=m, dtype=object)
            first_part = number.str.extract(r"^([^.]*)", expand=False)  # the part before the first dot
            if sec_unnumbered:  # unnumbered sections yield to two-part measure numbers
                commitment = commitment.where(commitment.notna(), first_part.where(number.str.contains(".", regex=False)))
            commitment = commitment.where(commitment.notna(), sec_commitment.loc[m])
            commitment = commitment.where(commitment.notna(), first_part)
            out["commitment"] = commitment
            out["item_id"] = number
            stitle = _texts(col("section_title")) if "section_title" in cols else _nones(m)
            out["section_title"] = stitle.where(stitle.notna(), sec_title_top.loc[m])
            out["roadmap"] = None
            out["priority"] = None
        out["plan"] = self.plan
        out["kind"] = kind
        out["title"] = title.fillna("")
        out["agencies"] = all_agencies
        if "weight" in cols:
            w = pd.to_numeric(col("weight").map(lambda v: None if is_blank(v) else v), errors="coerce")
            bad_w = w.isna() & ~_blank(col("weight"))
            for r in m[bad_w.to_numpy()]:
                self.problem("error", sheet.name, r, cols["weight"],
                             f"weight {cell_text(df.at[r, cols['weight']])!r} is not a number")
            out["weight"] = w
        out["file"] = self.file
        out["sheet"] = sheet.name
        id_letter = column_letter(id_col)
        out["cell"] = (id_letter + pd.Series(m + 1, index=m).astype(str)).to_numpy()
        extra = pd.DataFrame({
            "candidates": [float_candidates(v) for v in raw_id.loc[m]],
            "number": number.to_numpy(),
            "agency_cell": column_letter(agency_col) + pd.Series(m + 1).astype(str),
            "keep": ~out["item_id"].str.startswith("?/").to_numpy(),
        })
        if kind == "srm":
            extra["roadmap"] = out["roadmap"].to_numpy()
        else:
            extra["roadmap"] = None
        out = out.reset_index(drop=True)
        keep = extra["keep"].to_numpy()
        out, extra = out[keep].reset_index(drop=True), extra[keep].reset_index(drop=True)

        # Round columns to the right of the plan (a status and a percent column of one round
        # make one assessment).
        recs = []
        if table.rounds:
            frame = df.loc[m[keep]]
            by_round: dict[str, list[tuple[int, str]]] = {}
            for c, (round_id, what) in table.rounds.items():
                by_round.setdefault(round_id, []).append((c, what))
            for round_id, columns in by_round.items():
                parts = []
                for c, what in columns:
                    values = frame[c] if c in frame.columns else _nones(frame.index)
                    parts.append(self._statuses(table, values, c, what, round_id))
                rec = _merge_statuses(parts)
                rec["item_id"] = out["item_id"].to_numpy()
                rec["_id_cell"] = out["cell"].to_numpy()
                recs.append(rec)
        recs = pd.concat(recs, ignore_index=True) if recs else pd.DataFrame()
        return out, extra, recs

    def _check_numbers(self, items: pd.DataFrame, extra: pd.DataFrame) -> np.ndarray:
        """Duplicate and ambiguous measure numbers (errors naming both cells).

        Returns a mask of the items to keep (all of them: a duplicate is an error,
        and errors block indicators anyway).
        """
        ambiguous_pairs: set[tuple[int, int]] = set()
        floats = extra.index[extra["candidates"].notna()]
        if len(floats):
            by_key: dict[tuple, list[int]] = {}
            for i, (rm, n) in enumerate(zip(extra["roadmap"], extra["number"])):
                by_key.setdefault((rm if isinstance(rm, str) else None, n), []).append(i)
            for i in floats:
                rm = extra.at[i, "roadmap"]
                rm = rm if isinstance(rm, str) else None
                for cand in extra.at[i, "candidates"]:
                    for j in by_key.get((rm, cand), []):
                        if j == i or (min(i, j), max(i, j)) in ambiguous_pairs:
                            continue
                        ambiguous_pairs.add((min(i, j), max(i, j)))
                        a, b = items.loc[min(i, j)], items.loc[max(i, j)]
                        num = extra.at[i, "number"]
                        self.problems.append(Problem(
                            "error", self.file, items.at[i, "sheet"], items.at[i, "cell"],
                            f"ambiguous measure number: {a['sheet']}!{a['cell']} and {b['sheet']}!{b['cell']} "
                            f"— {num} is stored as a number, so it may have been typed {num} or {num}0; "
                            "type the № column as text"))
        dup = items.duplicated(["plan", "item_id"], keep=False)
        if dup.any():
            for item_id, grp in items[dup].groupby("item_id", sort=False):
                idx = list(grp.index)
                pairs = {(min(i, j), max(i, j)) for i in idx for j in idx if i != j}
                if pairs <= ambiguous_pairs:
                    continue
                cells = [f"{s}!{c}" for s, c in zip(grp["sheet"], grp["cell"])]
                first = grp.iloc[0]
                shown = item_id.split("/", 1)[1] if "/" in item_id else item_id
                self.problems.append(Problem("error", self.file, first["sheet"], first["cell"],
                                             f"duplicate measure number {shown!r} in {' and '.join(cells)}"))
        return np.ones(len(items), dtype=bool)

    # -- monitoring rounds -----------------------------------------------------------

    def _statuses(self, table: Table, values: pd.Series, col: int, what: str,
                  round_id: str | None, rounds: pd.Series | None = None) -> pd.DataFrame:
        """Levels and percents of one column of status cells (index = sheet rows)."""
        sheet = table.sheet
        values = values.astype(object).where(~_blank(values), None)
        level = _nones(values.index)
        percent = pd.Series(np.nan, index=values.index, dtype=float)
        bad = pd.Series(False, index=values.index)
        present = values.notna()
        if what == "percent":
            as_pct = present
        elif what == "status":
            as_pct = pd.Series(False, index=values.index)
        else:
            as_pct = present & values.map(looks_like_percent)
        as_word = present & ~as_pct
        if as_word.any():
            words = values[as_word]
            levels = {w: self.vocab.level(w) for w in words.unique()}
            lv = words.map(levels)
            for r in lv.index[lv.isna()]:
                self.problem("error", sheet.name, r, col, f"unknown status word {cell_text(values.loc[r])!r}",
                             self.vocab.suggest(values.loc[r]))
            bad |= lv.isna().reindex(values.index, fill_value=False)
            level.loc[lv.index] = lv.where(lv != "not_assessed", None)
        if as_pct.any():
            pv = values[as_pct]
            is_num = np.fromiter((type(v) is int or type(v) is float for v in pv), dtype=bool, count=len(pv))
            nums = pd.to_numeric(pv.where(is_num), errors="coerce")
            text_rows = nums.isna()
            if text_rows.any():
                cache = {}
                for v in pv[text_rows].unique():
                    try:
                        cache[v] = parse_percent(v)
                    except ValueError:
                        cache[v] = None
                parsed = pv[text_rows].map(cache)
                for r in parsed.index[parsed.isna()]:
                    self.problem("error", sheet.name, r, col, f"percent {cell_text(values.loc[r])!r} is not a number")
                bad |= parsed.isna().reindex(values.index, fill_value=False)
                nums = nums.where(~text_rows, pd.to_numeric(parsed, errors="coerce"))
            numeric = nums[~text_rows]
            # A cell formatted as a percent stores 75 % as 0.75; look at formats only when such a
            # value is there at all.
            if len(numeric) and ((numeric > 0) & (numeric <= 1)).any():
                nums.loc[numeric.index] = numeric * self._fraction_scale(table, numeric, col)
            out_of_range = (nums < 0) | (nums > 100)
            for r in nums.index[out_of_range]:
                self.problem("error", sheet.name, r, col, f"percent {nums.loc[r]:g} is outside 0–100")
            bad |= out_of_range.reindex(values.index, fill_value=False)
            percent.loc[nums.index] = nums.where(~out_of_range)
        letter = column_letter(col)
        return pd.DataFrame({
            "plan": self.plan, "round": round_id if rounds is None else rounds.to_numpy(),
            "level": level.to_numpy(), "percent": percent.to_numpy(),
            "file": self.file, "sheet": sheet.name, "cell": letter + pd.Series(values.index + 1).astype(str).to_numpy(),
            "_bad": bad.to_numpy(), "_row": values.index.to_numpy(), "_col": col,
        })

    def _fraction_scale(self, table: Table, numeric: pd.Series, col: int) -> np.ndarray | float:
        """×100 for cells that store a percent as a fraction (Excel's 75 % is 0.75).

        .xlsx/.xlsm/.ods: the cells formatted as a percent. .xls/.csv keep no
        formats: a column whose numbers are all between 0 and 1 holds fractions.
        """
        cells = [(int(r), col) for r in numeric.index]
        formatted = percent_formatted(self.book, table.sheet, cells)
        if formatted is None:
            return 100.0 if numeric.min() >= 0 and numeric.max() <= 1 and (
                (numeric > 0) & (numeric < 1)).any() else 1.0
        return np.where(formatted, 100.0, 1.0)

    def _read_rounds(self, table: Table, lookup: "_PlanLookup") -> pd.DataFrame:
        """A round sheet (``2017-ci ilin I yarımili``) or the template's long-form sheet."""
        sheet, cols = table.sheet, table.cols
        df = self._frame(table)
        id_col = cols["item_id"]
        raw = df[id_col]
        numbers = _numbers(raw)
        rows = df.index[numbers.str.fullmatch(_NUMBER.pattern).fillna(False).astype(bool)]
        if not len(rows):
            self.problem("warning", sheet.name, table.header, id_col, "the round sheet has no numbered rows")
            return pd.DataFrame()
        sub = df.loc[rows]
        # Round: per row (long form) or the sheet's.
        round_series = None
        if "round" in cols:
            raw_round = sub[cols["round"]]
            parsed = {v: parse_round(v) for v in raw_round.map(lambda v: None if is_blank(v) else v).dropna().unique()}
            round_series = raw_round.map(lambda v: None if is_blank(v) else parsed.get(v))
            for r in round_series.index[round_series.isna()]:
                self.problem("error", sheet.name, r, cols["round"],
                             f"cannot read the round {cell_text(sub.at[r, cols['round']])!r}; "
                             "expected e.g. 2017, 2017-H1, 2017-Q3")
        frames = []
        status_cols = [(cols["status"], "status")] if "status" in cols else []
        pct_col = cols.get("percent")
        if status_cols:
            rec = self._statuses(table, sub[cols["status"]], cols["status"], "status", table.sheet_round,
                                 round_series)
            if pct_col is not None:
                prec = self._statuses(table, sub[pct_col], pct_col, "percent", table.sheet_round, round_series)
                rec = _merge_statuses([rec, prec])
            frames.append(rec)
        elif pct_col is not None:
            frames.append(self._statuses(table, sub[pct_col], pct_col, "percent", table.sheet_round, round_series))
        by_round: dict[str, list] = {}
        for c, (round_id, what) in table.rounds.items():
            by_round.setdefault(round_id, []).append(
                self._statuses(table, sub[c] if c in sub.columns else _nones(rows),
                               c, what, round_id))
        frames += [_merge_statuses(parts) for parts in by_round.values()]
        if not frames:
            return pd.DataFrame()
        # Which measure each row is: by number (and road map for SRM).
        roadmap = None
        if self.kind == "srm":
            if "roadmap" in cols:
                roadmap = sub[cols["roadmap"]].map(roadmap_key)
                roadmap = roadmap.where(roadmap.notna(), table.roadmap)
            else:
                roadmap = pd.Series(table.roadmap, index=rows, dtype=object)
        item_ids = lookup.resolve(self, sheet, id_col, rows, numbers.loc[rows], raw.loc[rows], roadmap)
        evidence = _texts(sub[cols["evidence"]]).to_numpy() if "evidence" in cols else None
        comment = _texts(sub[cols["comment"]]).to_numpy() if "comment" in cols else None
        out = []
        for rec in frames:
            rec["item_id"] = item_ids.to_numpy()
            rec["evidence"] = evidence
            rec["comment"] = comment
            rec["_id_cell"] = [f"{column_letter(id_col)}{r + 1}" for r in rows]
            out.append(rec[rec["item_id"].notna() & (rec["round"].notna())])
        return pd.concat(out, ignore_index=True)

    def _check_assessments(self, a: pd.DataFrame) -> pd.DataFrame:
        """Drop bad rows; duplicate rows of one round; warn about empty rounds."""
        if not len(a):
            return a
        a = a[~a["_bad"].astype(bool)]
        key = ["plan", "item_id", "round", "sheet", "_col"]
        dup = a.duplicated(key, keep=False)
        if dup.any():
            for _, grp in a[dup].groupby(key, sort=False):
                id_cells = grp["_id_cell"].where(grp["_id_cell"].notna(), grp["cell"])
                cells = [f"{s}!{c}" for s, c in zip(grp["sheet"], id_cells)]
                shown = grp["item_id"].iloc[0].split("/", 1)[-1]
                self.problems.append(Problem("error", self.file, grp["sheet"].iloc[0], id_cells.iloc[0],
                                             f"measure {shown!r} appears more than once in round "
                                             f"{grp['round'].iloc[0]}: {' and '.join(cells)}"))
        filled = a["level"].notna() | a["percent"].notna()
        by_round = filled.groupby([a["round"], a["sheet"], a["_col"]], sort=False).any()
        for (round_id, sheet, col), ok in by_round.items():
            if not ok:
                first = a[(a["round"] == round_id) & (a["sheet"] == sheet) & (a["_col"] == col)]["_row"].min()
                self.problem("warning", sheet, int(first), int(col),
                             f"round {round_id} has no status or percent for any measure")
        return a.drop(columns=[c for c in a.columns if c.startswith("_")])

    # -- KPIs ------------------------------------------------------------------------

    def _read_kpis(self, table: Table) -> list[dict]:
        sheet, cols = table.sheet, table.cols
        head = sheet.rows[table.header]
        year_cols = {c: int(y) for c, v in enumerate(head)
                     if (y := cell_text(v)) and re.fullmatch(r"(19|20)\d\d", y) and c not in cols.values()}
        records = []
        for r in range(table.header + 1, len(sheet.rows)):
            row = sheet.rows[r]

            get = partial(field_value, row, cols)
            name = cell_text(get("kpi"))
            if name is None or _NOTE.match(normalize(name)):
                continue
            roadmap = roadmap_key(get("roadmap")) or table.roadmap
            if "roadmap" in cols and roadmap is None and not is_blank(get("roadmap")):
                self.problem("error", sheet.name, r, cols["roadmap"],
                             f"unknown road map {cell_text(get('roadmap'))!r}; expected one of " + ", ".join(ROADMAPS))
            base = {"plan": self.plan, "roadmap": roadmap, "kpi": name, "unit": cell_text(get("unit"))}
            for f in ("baseline_year", "baseline", "target_year", "target"):
                value = get(f)
                base[f] = None
                if not is_blank(value):
                    try:
                        base[f] = float(str(value).replace(",", ".").replace(" ", ""))
                    except ValueError:
                        self.problem("error", sheet.name, r, cols[f], f"{f.replace('_', ' ')} {cell_text(value)!r} "
                                     "is not a number")
            actuals = [(c, y, row[c]) for c, y in year_cols.items() if c < len(row) and not is_blank(row[c])]
            if not actuals:
                records.append(base)
            for c, year, value in actuals:
                try:
                    records.append({**base, "year": year, "value": float(str(value).replace(",", ".").replace(" ", ""))})
                except ValueError:
                    self.problem("error", sheet.name, r, c, f"actual value {cell_text(value)!r} is not a number")
        return records


def _nones(index) -> pd.Series:
    """An object column of ``None`` (``pd.Series(None, dtype=object)`` holds NaN)."""
    return pd.Series([None] * len(index), index=index, dtype=object)


_RESET = "\uffff(reset)"


def _ffill_until(values: pd.Series, reset: pd.Series) -> pd.Series:
    """Forward-fill ``values``, but not past a row where ``reset`` is true."""
    marked = values.astype(object).where(~reset, _RESET).ffill()
    return marked.where(marked != _RESET, None)


def _merge_statuses(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One assessment per row from a status column and a percent column of the same round."""
    if len(parts) == 1:
        return parts[0]
    rec = parts[0].copy()
    for other in parts[1:]:
        only_other = (rec["level"].isna() & rec["percent"].isna()).to_numpy() & (
            other["level"].notna() | other["percent"].notna()).to_numpy()
        rec["cell"] = np.where(only_other, other["cell"].to_numpy(), rec["cell"].to_numpy())
        rec["level"] = rec["level"].where(rec["level"].notna(), other["level"].to_numpy())
        rec["percent"] = rec["percent"].where(rec["percent"].notna(), other["percent"].to_numpy())
        rec["_bad"] = rec["_bad"].to_numpy() | other["_bad"].to_numpy()
    return rec


def _strip_section_number(text: str) -> str:
    """A section row's title without its number: "Prioritet 1.2. Turizm" → "Turizm"."""
    m = re.match(r"^\s*(?:\S+\s+)?\d+(?:\.\d+)*(?:\s*[.):\-–]?\s+|[.)](?=[^\W\d_]))", text)
    if m and re.search(r"\d", m.group(0)):
        rest = text[m.end():].strip()
        return rest or text
    return text


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        k = normalize(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def _split_column(col: pd.Series) -> pd.Series:
    """:func:`split_agencies` of a column, once per distinct cell value."""
    blank = _blank(col).to_numpy()
    codes, distinct = pd.factorize(col.where(~blank, None))
    split = np.empty(len(distinct) + 1, dtype=object)
    for i, v in enumerate(distinct):  # distinct values only
        split[i] = split_agencies(v if isinstance(v, str) else cell_text(v))
    split[-1] = []
    return pd.Series(split[np.where(codes < 0, len(distinct), codes)], index=col.index, dtype=object)


class _PlanLookup:
    """Find the plan's measure for a number read in a round sheet.

    The lookup is one vectorised map per key: ``<road map>\\x1f<number>`` (NAP measures
    have no road map), plus ``\\x1e<number>`` for SRM round sheets that name no road map.
    """

    _SEP, _ANY = "\x1f", "\x1e"

    def __init__(self, items: pd.DataFrame, extra: pd.DataFrame):
        self.items = items
        rm = extra["roadmap"].where(extra["roadmap"].notna(), "").astype(str)
        number = extra["number"].astype(str)
        keys = pd.concat([rm + self._SEP + number, self._ANY + number], ignore_index=True)
        pos = np.concatenate([np.arange(len(extra)), np.arange(len(extra))])
        self.positions = pd.Series(pos, index=pd.Index(keys))
        self.count = keys.value_counts()
        self.first = self.positions[~self.positions.index.duplicated()]

    def _keys(self, numbers: pd.Series, rm: pd.Series, by_number: pd.Series) -> pd.Series:
        return (rm.fillna("") + self._SEP + numbers).where(~by_number, self._ANY + numbers)

    def resolve(self, reader: GovernmentReader, sheet: Sheet, id_col: int, rows, numbers: pd.Series,
                raw: pd.Series, roadmap: pd.Series | None) -> pd.Series:
        """The item id of each row (``None`` where the number is not in the plan, ambiguous or
        in several road maps — each reported as an error at the row's № cell)."""
        items = self.items
        numbers = pd.Series(numbers.to_numpy(), index=rows, dtype=object).astype(str)
        rm = (pd.Series(roadmap.to_numpy(), index=rows, dtype=object) if roadmap is not None
              else _nones(rows))
        rm = rm.where(rm.map(lambda v: isinstance(v, str)), None)
        # An SRM round sheet without a road map: the number must be unique across road maps.
        by_number = rm.isna() if roadmap is not None else pd.Series(False, index=rows)
        # A float such as 1.1 may have been typed 1.1 or 1.10: look both up.
        raw = pd.Series(raw.to_numpy(), index=rows, dtype=object)
        is_float = raw.map(lambda v: float_candidates(v) is not None).astype(bool)
        key1 = self._keys(numbers, rm, by_number)
        n1 = key1.map(self.count).fillna(0).astype(int)
        n2 = pd.Series(0, index=rows)
        if is_float.any():
            key2 = self._keys(numbers[is_float] + "0", rm[is_float], by_number[is_float])
            n2.loc[is_float] = key2.map(self.count).fillna(0).astype(int).to_numpy()
        hits = n1 + n2
        ok = hits == 1
        pos = key1.map(self.first)
        if is_float.any():
            pos2 = key2.map(self.first)
            pos.loc[pos2.index] = pos.loc[pos2.index].where(n1.loc[pos2.index] == 1, pos2)
        ids = items["item_id"].to_numpy()
        out = _nones(rows)
        good = ok & pos.notna()
        out.loc[good] = ids[pos[good].astype(int).to_numpy()]
        # The rows that are wrong: one message each.
        for r in rows[(~ok).to_numpy()]:
            shown, value, row_rm = numbers.loc[r], raw.loc[r], rm.loc[r]
            if hits.loc[r] == 0:
                where = f" of road map {row_rm}" if row_rm else ""
                reader.problem("error", sheet.name, r, id_col, f"measure {shown!r} is not in the plan{where}")
                continue
            keys = [key1.loc[r]] + ([self._keys(pd.Series([shown + "0"]), pd.Series([row_rm], dtype=object),
                                                pd.Series([bool(by_number.loc[r])])).iloc[0]]
                                    if is_float.loc[r] else [])
            found = list(dict.fromkeys(int(p) for k in keys for p in np.atleast_1d(self.positions.get(k, []))))
            if is_float.loc[r]:
                cells = " and ".join(f"{items.at[h, 'sheet']}!{items.at[h, 'cell']}" for h in found)
                reader.problem("error", sheet.name, r, id_col,
                               f"ambiguous measure number {shown}: stored as a number, it may be "
                               f"{' or '.join(ids[h].split('/')[-1] for h in found)} "
                               f"({cells}); type the № column as text")
            elif len(roadmaps := {items.at[h, "roadmap"] for h in found}) > 1:
                names = ", ".join(sorted(str(x) for x in roadmaps))
                reader.problem("error", sheet.name, r, id_col,
                               f"measure {shown!r} is in several road maps ({names}); add a road map column "
                               "or name the sheet after the road map")
            else:  # the plan itself has the number twice (reported there too)
                cells = " and ".join(f"{items.at[h, 'sheet']}!{items.at[h, 'cell']}" for h in found)
                reader.problem("error", sheet.name, r, id_col,
                               f"measure {shown!r} matches more than one measure of the plan ({cells})")
        return out
