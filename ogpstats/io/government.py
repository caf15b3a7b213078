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

import pandas as pd

from ..model import Dataset, make_assessments, make_items, make_kpis
from ..vocab import StatusVocabulary, normalize
from .cells import MEASURE_NUMBER, Book, Sheet, cell_text, is_blank, measure_number
from .excel_values import check_table
from .header_words import HeaderWords, guess_language
from .headers import find_header
from .kpis import KpiReading
from .layout import ILLUSTRATIVE_LABEL, INSTRUCTIONS_SHEET, KIND_LABEL, PLAN_NAME_LABEL
from .plan import PlanReading
from .rounds import PlanLookup, RoundReading
from .sections import check_numbers
from .side_tables import split_beside
from .tables import Table, make_table, no_table
from .translation_columns import TextRow, build_translations


class GovernmentReader(PlanReading, RoundReading, KpiReading):
    """Reads one plan-shaped workbook into a :class:`~ogpstats.model.Dataset`.

    Parameters
    ----------
    book
        The file's sheets (:func:`ogpstats.io.cells.read_book`).
    vocabulary
        Status words.
    kind
        ``nap`` or ``srm``; default: detected (road map columns or titles).
    headers
        Header words; default the packaged ones.
    """

    def __init__(self, book: Book, vocabulary: StatusVocabulary, kind: str | None = None,
                 headers: HeaderWords | None = None):
        super().__init__(book)
        self.vocab = vocabulary
        self.headers = headers
        self.kind = kind
        self.plan: str | None = None
        self.illustrative = False
        self.text_rows: list[TextRow] = []

    # -- top level -------------------------------------------------------------------

    def read(self) -> Dataset:
        sheets = [s for s in self.book.sheets if s.visible and any(any(not is_blank(v) for v in r)
                                                                    for r in s.rows[:200])]
        self._read_instructions(sheets)
        plans, round_sheets, long_sheets, kpi_sheets = self._classify(sheets)
        for table in plans + round_sheets + long_sheets:
            check_table(self, table)  # error values and unsaved formulas read as blank, dates in the № column
        if not plans:
            raise no_table(self.book, self.headers)
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
            unknown = [p for p in self.problems if p.code == "roadmap.which"]
            if unknown:  # SRM measures of no known road map were dropped: that is the cause to name
                raise self.unusable("roadmap.which", sheet=unknown[0].sheet, **unknown[0].fields)
            raise self.unusable("table.no_measures", value=", ".join(t.sheet.name for t in plans))
        check_numbers(self, items, extra)

        lookup = PlanLookup(items, extra)
        for table in round_sheets + long_sheets:
            records.append(self._read_rounds(table, lookup))
        assessments = pd.concat([r for r in records if len(r)], ignore_index=True) if any(
            len(r) for r in records) else pd.DataFrame()
        assessments = self._check_assessments(assessments)
        kpis = [rec for t in kpi_sheets for rec in self._read_kpis(t)]
        # The original text is kept under the plan's language, as the ``az`` column of translations.csv holds it.
        translations = build_translations(self.text_rows, guess_language([t for t in items["title"].tolist() if t]))
        return Dataset(make_items(items), make_assessments(assessments), make_kpis(kpis), self.problems,
                       agency_cells=list(extra["agency_cell"]), illustrative=[self.file] if self.illustrative else [],
                       translations=translations)

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
                if label == normalize(ILLUSTRATIVE_LABEL) and len(row) > 1:
                    # "bəli / yes", "yes", "bəli", "да", TRUE: any yes word; blank or "no" is real data
                    words = set(normalize(cell_text(row[1]) or "").replace("/", " ").split())
                    self.illustrative = bool(words & {normalize(w) for w in ("bəli", "yes", "да", "true", "1")})

    def _classify(self, sheets: list[Sheet]):
        plans: list[Table] = []
        round_sheets: list[Table] = []
        long_sheets: list[Table] = []
        kpi_sheets: list[Table] = []
        for sheet in sheets:
            if sheet.name == INSTRUCTIONS_SHEET:
                continue
            sheet, beside, start = split_beside(sheet)
            if beside is not None:
                self._read_beside(beside, start, round_sheets)
            found = find_header(sheet.rows, ("kpi",), any_of=("baseline", "target", "baseline_year", "target_year"),
                                words=self.headers)
            if found is not None and "title" not in found[1]:
                kpi_sheets.append(make_table(sheet, *found))
                continue
            found = find_header(sheet.rows, ("item_id",), any_of=("title", "status", "percent", "round"),
                                words=self.headers)
            if found is None:
                continue
            table = make_table(sheet, *found)
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
                self.problem("status.sheet_no_round", "error", sheet.name, table.header, col)
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
                    self.problem("status.no_round", "error", table.sheet.name, table.header, col)
        return plans, round_sheets, long_sheets, kpi_sheets

    def _read_beside(self, sheet: Sheet, start: int, round_sheets: list[Table]) -> None:
        """A table beside the first one: a round table is read, any other is a warning at its top-left cell."""
        found = find_header(sheet.rows, ("item_id",), words=self.headers)
        if found is None:  # not reached: split_beside split at a № header, and header words only add words
            return
        header, cols = found
        table = make_table(sheet, header, cols)
        if "title" not in table.cols and (table.rounds or (table.has_status and table.sheet_round)):
            round_sheets.append(table)
        else:
            self.problem("table.beside", "warning", sheet.name, header, start)

    def _status_as_round(self, table: Table) -> dict[int, tuple[str, str]]:
        out: dict[int, tuple[str, str]] = {}
        round_id = table.sheet_round
        if not round_id:  # not reached: the callers take only tables named after a round
            return out
        if "status" in table.cols:
            out[table.cols["status"]] = (round_id, "status")
        if "percent" in table.cols:
            out[table.cols["percent"]] = (round_id, "percent")
        return out

    def _looks_srm(self, table: Table) -> bool:
        if any(f in table.cols for f in ("roadmap", "priority", "lead_agency", "related_agencies")):
            return True
        if table.roadmap is None:
            return False
        col = table.cols["item_id"]
        numbers = [measure_number(r[col]) for r in table.sheet.rows[table.body:table.body + 200] if col < len(r)]
        return any(n and MEASURE_NUMBER.match(n) and n.count(".") >= 2 for n in numbers)

    def _plan_title(self, plans: list[Table]) -> str | None:
        if self.kind == "srm":
            return None
        for text in plans[0].titles:
            key = normalize(text)
            if ("plan" in key or "план" in key) and len(text) <= 300:
                return text
        return None

    # -- the plan --------------------------------------------------------------------


