"""Finding a table on a sheet: its header row, what each column holds, and the rows under it.

The header is found by its words (:mod:`ogpstats.io.headers`), with title
rows above it and an optional row of column numbers ``1 2 3 4 5`` under it;
the sheet's name or a title above the header may name the monitoring round
and the road map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..validate import UnusableInput, cell_ref
from ..vocab import normalize, parse_round
from .cells import Book, Sheet, cell_text, fill_merged_down, is_blank
from .header_words import PLAN_FIELDS, HeaderWords, guess_language
from .headers import DEFAULT_WORDS, is_column_numbers_row, match_header, round_columns
from .roadmaps import roadmap_key

_ROUND_TITLE = re.compile(r"monitorinq|monitoring|мониторинг|hesabat|report|отчет|netice|result|результат|"
                          r"yarimil|rub|quarter|half|полугоди|квартал|^\S+$")
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


def make_table(sheet: Sheet, header: int, cols: dict[str, int]) -> Table:
    """The :class:`Table` whose header is row ``header`` (fields ``cols``) of ``sheet``."""
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
        fill_cols = [c for f, c in cols.items()  # a translation (agencies@en) is filled like its original
                     if f.split("@")[0] in _FILL_FIELDS + ("status", "percent", "evidence", "comment")] + list(rounds)
        if fill_cols:
            sub = Sheet(sheet.name, sheet.rows, merged=[m for m in sheet.merged
                                                        if m[0][1] in fill_cols and m[1][1] == m[0][1]])
            fill_merged_down(sub, body)
    return Table(sheet, header, cols, body, rounds, sheet_round, roadmap, titles)


def no_table(book: Book, words: HeaderWords | None = None, scan: int = 30) -> UnusableInput:
    """The exception for a file where no sheet holds a plan table (raise it).

    Its text lists the header looked for in the file's language (az/en/ru,
    guessed from its text) and points at the row that came closest: the row
    naming the most of №, title, agencies and deadline (sheet, row, which).
    """
    words = words or DEFAULT_WORDS
    sheets = [s for s in book.sheets if s.visible]
    lang = guess_language(v for s in sheets for r in s.rows[:200] for v in r if isinstance(v, str))
    best: tuple[int, Sheet, int, dict[str, int]] | None = None
    for sheet in sheets:
        for i, row in enumerate(sheet.rows[:scan]):
            found = {_PLAN_FIELD.get(f, f): c for f, c in reversed(match_header(row, words).items())
                     if _PLAN_FIELD.get(f, f) in PLAN_FIELDS}
            if found and (best is None or len(found) > best[0]):
                best = (len(found), sheet, i, found)
    if best is None:
        if lang == "az":
            return UnusableInput("table.none", book.path)
        return UnusableInput("table.none_lang", book.path, words=words.expected(lang), lang=lang)
    named, sheet, at, found = best
    cols = sorted(found.values())
    return UnusableInput("table.closest", book.path, sheet=sheet.name, cell=cell_ref(at, cols[0]),
                         words=words.expected(lang), lang=lang, name=sheet.name, row=at + 1, named=named,
                         needed=len(PLAN_FIELDS),
                         found=", ".join(cell_text(sheet.rows[at][c]) or "" for c in cols))


# A lead agency or related agencies column counts as the agencies a plan table needs.
_PLAN_FIELD = {"lead_agency": "agencies", "related_agencies": "agencies"}
