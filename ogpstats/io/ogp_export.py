"""OGP's public commitment export (CSV or XLSX, as OGP publishes it).

One row per commitment: ``Commitment Unique Identifier``, ``Country/Locality``,
``Action Plan Number``, ``Action Plan End Year``, ``Commitment Title``,
``Lead Institution``, ``Completion (Progress Report)``,
``Completion (End Of Term)`` … Items are of kind ``ogp``; each completion
column is one round, ``progress_report`` then ``end_of_term``, so carrying
the status forward gives OGP's own rule: the end-of-term level, else the
progress-report level. ``ND``, ``NR``, ``N/A``, ``Withdrawn``, ``Unclear`` and
blanks are not assessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..model import Dataset, make_assessments, make_items, make_kpis
from ..validate import UnusableInput, cell_ref
from ..vocab import StatusVocabulary, normalize
from .cells import Book, Sheet, cell_text, field_value, is_blank
from .reader import Reader

OGP_COLUMNS: dict[str, tuple[str, ...]] = {
    "item_id": ("commitment unique identifier", "unique identifier", "commitment id", "commitment unique id"),
    "country": ("country/locality", "country", "locality", "member"),
    "region": ("region", "ogp region"),
    "plan": ("action plan number", "action plan", "action plan no"),
    "end_year": ("action plan end year", "end year"),
    "commitment": ("commitment number", "commitment no"),
    "title": ("commitment title", "title"),
    "lead": ("lead institution", "lead institutions", "lead agency"),
    "progress_report": ("completion (progress report)", "completion (mid-term)", "completion (midterm)",
                        "completion (mid term)", "completion (design report)", "completion progress report"),
    "end_of_term": ("completion (end of term)", "completion (end-of-term)", "completion (eot)",
                    "completion (results report)", "completion (implementation report)",
                    "completion end of term"),
}
ROUND_FIELDS = ("progress_report", "end_of_term")
_LOOKUP = {normalize(a): f for f, aliases in OGP_COLUMNS.items() for a in aliases}

# Words OGP's export uses besides the shared vocabulary.
OGP_WORDS: dict[str, str] = {
    "not started": "not_started", "limited": "limited", "substantial": "substantial", "complete": "complete",
    "completed": "complete", "no evidence available": "not_assessed", "not applicable": "not_assessed",
    "na": "not_assessed", "n/a": "not_assessed", "nd": "not_assessed", "nr": "not_assessed",
    "withdrawn": "not_assessed", "unclear": "not_assessed", "not assessed": "not_assessed",
    "did not submit": "not_assessed", "pending": "not_assessed",
}


@dataclass
class OGPTable:
    sheet: Sheet
    header: int
    cols: dict[str, int]


def find_ogp_table(book: Book, scan: int = 10) -> OGPTable | None:
    """The first sheet whose header names OGP's export columns, or ``None``."""
    for sheet in book.sheets:
        if not sheet.visible:
            continue
        for i, row in enumerate(sheet.rows[:scan]):
            cols: dict[str, int] = {}
            for c, value in enumerate(row):
                if isinstance(value, str) and (f := _LOOKUP.get(normalize(value))) and f not in cols:
                    cols[f] = c
            if ("item_id" in cols or "title" in cols) and any(f in cols for f in ROUND_FIELDS) and (
                    "item_id" in cols or "country" in cols or "plan" in cols):
                return OGPTable(sheet, i, cols)
    return None


class OGPReader(Reader):
    """Reads OGP's commitment export into items (kind ``ogp``) and assessments."""

    def __init__(self, book: Book, vocabulary: StatusVocabulary):
        super().__init__(book)
        self.vocab = vocabulary

    def level(self, value: object) -> str | None:
        key = normalize(value)
        if key in OGP_WORDS:
            return OGP_WORDS[key]
        return self.vocab.level(value)

    def read(self, table: OGPTable) -> Dataset:
        sheet, cols = table.sheet, table.cols
        items, assessments = [], []
        seen: dict[str, str] = {}
        agency_cells = []
        for r in range(table.header + 1, len(sheet.rows)):
            row = sheet.rows[r]

            get = partial(field_value, row, cols)
            if all(is_blank(v) for v in row):
                continue
            plan = cell_text(get("plan")) or self.book.path.stem
            country = cell_text(get("country"))
            commitment = cell_text(get("commitment"))
            item_id = cell_text(get("item_id"))
            if item_id is None:
                if "item_id" in cols or commitment is None:
                    self.problem("ogp.no_id", "error", sheet.name, r, cols.get("item_id", cols.get("title", 0)))
                    continue
                item_id = "/".join(p for p in (country, plan, commitment) if p)
            id_cell = cell_ref(r, cols.get("item_id", cols.get("commitment", 0)))
            key = f"{plan}\x00{item_id}"
            if key in seen:
                self.problem_at("ogp.duplicate", "error", sheet.name, id_cell, value=item_id,
                                cells=[f"{sheet.name}!{seen[key]}", f"{sheet.name}!{id_cell}"])
                continue
            seen[key] = id_cell
            end_year = None
            raw_year = get("end_year")
            if not is_blank(raw_year):
                try:
                    end_year = int(float(str(raw_year).strip()))
                except ValueError:
                    self.problem("ogp.end_year", "warning", sheet.name, r, cols["end_year"], value=cell_text(raw_year))
            lead = cell_text(get("lead"))
            items.append({
                "plan": plan, "kind": "ogp", "commitment": commitment, "item_id": item_id,
                "title": cell_text(get("title")) or "", "agencies": [lead] if lead else [],
                "country": country, "region": cell_text(get("region")), "end_year": end_year,
                "file": self.file, "sheet": sheet.name, "cell": id_cell,
            })
            agency_cells.append(cell_ref(r, cols.get("lead", cols.get("item_id", 0))))
            for round_id in ROUND_FIELDS:
                if round_id not in cols:
                    continue
                value = get(round_id)
                level = self.level(value)
                if level is None:
                    self.problem("ogp.level_unknown", "error", sheet.name, r, cols[round_id], self._suggest(value),
                                 value=cell_text(value))
                    continue
                assessments.append({
                    "plan": plan, "item_id": item_id, "round": round_id,
                    "level": None if level == "not_assessed" else level,
                    "file": self.file, "sheet": sheet.name, "cell": cell_ref(r, cols[round_id]),
                })
        if not items:
            raise self.unusable("ogp.no_commitments")
        for round_id in ROUND_FIELDS:
            if round_id in cols and not any(a["round"] == round_id and a["level"] for a in assessments):
                self.problem("ogp.round_empty", "warning", sheet.name, table.header, cols[round_id], round=round_id)
        return Dataset(make_items(items), make_assessments(assessments), make_kpis([]), self.problems,
                       agency_cells=agency_cells)

    def _suggest(self, value: object) -> str | None:
        """OGP's nearest level word (as OGP spells it), else the nearest status word."""
        import difflib

        close = difflib.get_close_matches(normalize(value), list(_OGP_SPELLING), n=1, cutoff=0.6)
        return _OGP_SPELLING[close[0]] if close else self.vocab.suggest(value)


_OGP_SPELLING = {"not started": "Not Started", "limited": "Limited", "substantial": "Substantial",
                 "complete": "Complete", "completed": "Completed"}


def read_ogp(book: Book, vocabulary: StatusVocabulary, table: OGPTable | None = None) -> Dataset:
    """Read OGP's commitment export into a :class:`~ogpstats.model.Dataset`.

    Parameters
    ----------
    book
        The file's sheets (:func:`ogpstats.io.cells.read_book`).
    vocabulary
        Status words, used besides OGP's own level words.
    table
        Where the export's header is; default: found with :func:`find_ogp_table`.

    Returns
    -------
    Dataset
        Items of kind ``ogp`` and one assessment per commitment and round
        (``progress_report``, ``end_of_term``); ``ND``, ``NR``, ``N/A``,
        ``Withdrawn``, ``Unclear`` and blanks have no level.

    Raises
    ------
    UnusableInput
        No export header, or a header with no commitments under it.
    """
    table = table or find_ogp_table(book)
    if table is None:
        raise UnusableInput("ogp.not_export", book.path)
    return OGPReader(book, vocabulary).read(table)
