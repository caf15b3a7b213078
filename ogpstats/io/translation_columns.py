"""The plan's text in other languages, read from columns such as ``Title (EN)`` beside the original.

A header tagged with a language (``Title (EN)``, ``Başlıq (EN)``,
``Название (RU)``, ``İcraçı qurumlar (RU)``, ``Göstərici (EN)``) names the
field ``<field>@<lang>`` (:func:`ogpstats.io.headers.header_field`). Its
cells are the texts of that row in that language: measure titles, section
titles (directions, priorities), agencies, deadlines, KPI names and units.
They are kept as :class:`~ogpstats.translations.Translations` under the keys
``translations.csv`` uses, so the same lookups find them; the original is
kept under the plan's own language (guessed from its measure titles).

These columns never count as content of the plan table itself: a section
row ``1. Elektron xidmətlər`` with ``1. Electronic services`` beside it is
still a section row.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..translations import Translations, item_key, section_key
from ..vocab import normalize, split_agencies
from .cells import cell_text, is_blank
from .headers import translation_field
from .reader import Reader
from .sections import strip_section_number

TextRow = tuple[str, str, str, dict[str, str]]
"""``(kind, key, original, {lang: text})``: one text of the plan and its translations."""

_AGENCY_FIELDS = ("lead_agency", "related_agencies", "agencies")


def translation_columns(cols: Mapping[str, int]) -> dict[str, dict[str, int]]:
    """``{field: {lang: column}}`` of a table's translation columns (``title@en`` → ``{"title": {"en": 5}}``)."""
    out: dict[str, dict[str, int]] = {}
    for name, col in cols.items():
        tagged = translation_field(name)
        if tagged:
            out.setdefault(tagged[0], {})[tagged[1]] = col
    return out


def translation_column_set(cols: Mapping[str, int]) -> list[int]:
    """The columns of ``cols`` that hold translations (left out when finding sections and notes)."""
    return sorted(c for name, c in cols.items() if translation_field(name))


def _texts(row: pd.Series, by_lang: Mapping[str, int]) -> dict[str, str]:
    return {lang: text for lang, c in by_lang.items() if (text := cell_text(row.get(c))) and text.strip()}


def section_texts(frame: pd.DataFrame, rows: pd.Index, titles: pd.Series,
                  cols: Mapping[str, int]) -> dict[str, dict[str, str]]:
    """``{normalized section title: {lang: text}}`` from the translation cells of the section rows.

    A section row's translation is its first filled translation cell of each
    language (a direction title column first, then the measure title column),
    without its number (``1. Electronic services`` → ``Electronic services``).
    """
    tr = translation_columns(cols)
    order = [f for f in ("section_title", "title") if f in tr] + [f for f in tr if f not in ("section_title", "title")]
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        title = titles.get(r)
        if not isinstance(title, str) or not title.strip():
            continue
        texts: dict[str, str] = {}
        for f in order:
            for lang, text in _texts(frame.loc[r], tr[f]).items():
                texts.setdefault(lang, strip_section_number(text))
        if texts:
            out.setdefault(normalize(title), texts)
    return out


def measure_texts(reader: Reader, sheet: str, frame: pd.DataFrame, items: pd.DataFrame,
                  cols: Mapping[str, int], sections: Mapping[str, dict[str, str]]) -> list[TextRow]:
    """The translations of the measure rows ``items`` (indexed by sheet row, fields of the items table).

    Titles, section titles (a direction title column, else the section row
    above), agencies (paired in order: ``A; B`` with ``A'; B'``; a count that
    differs is a warning at the translation's cell) and deadlines.
    """
    tr = translation_columns(cols)
    out: list[TextRow] = []
    for r, item in items.iterrows():
        row = frame.loc[r]
        if "title" in tr and item["title"]:
            out.append(("measure", str(item_key(item)), item["title"], _texts(row, tr["title"])))
        sec, stitle = section_key(item), item.get("section_title")
        if sec and isinstance(stitle, str) and stitle.strip():
            texts = _texts(row, tr["section_title"]) if "section_title" in tr else {}
            out.append((sec[0], sec[1], stitle, {**sections.get(normalize(stitle), {}), **texts}))
        if "deadline" in tr and isinstance(item.get("deadline_text"), str):
            out.append(("deadline", item["deadline_text"], item["deadline_text"], _texts(row, tr["deadline"])))
        for f in _AGENCY_FIELDS:
            if f in tr and f in cols:
                out += _agency_texts(reader, sheet, r, row.get(cols[f]), row, tr[f])
    return [t for t in out if t[3]]


def _agency_texts(reader: Reader, sheet: str, r: int, original: object, row: pd.Series,
                  by_lang: Mapping[str, int]) -> list[TextRow]:
    names = split_agencies(cell_text(original))
    out: list[TextRow] = []
    for lang, c in by_lang.items():
        value = row.get(c)
        if not names or is_blank(value):
            continue
        texts = [cell_text(value) or ""] if len(names) == 1 else split_agencies(cell_text(value))
        if len(texts) != len(names):
            reader.problem("translation.agencies", "warning", sheet, r, c, lang=lang.upper(), n=len(texts),
                           count=len(names))
            continue
        out += [("agency", name, name, {lang: text}) for name, text in zip(names, texts)]
    return out


def kpi_texts(row: list, cols: Mapping[str, int], name: str, unit: str | None) -> list[TextRow]:
    """The translations of one KPI row: its name and unit (``Göstərici (EN)``, ``Ölçü vahidi (EN)``)."""
    tr = translation_columns(cols)
    cells = pd.Series(row, dtype=object)
    out: list[TextRow] = []
    if "kpi" in tr:
        out.append(("kpi", name, name, _texts(cells, tr["kpi"])))
    if "unit" in tr and unit:
        out.append(("unit", unit, unit, _texts(cells, tr["unit"])))
    return [t for t in out if t[3]]


def build_translations(rows: list[TextRow], original_lang: str) -> Translations:
    """The :class:`Translations` of the text rows, each original kept under ``original_lang``.

    A translation column wins over the original for its own language (a
    ``Title (AZ)`` column of an English plan).
    """
    out = Translations()
    for kind, key, original, texts in rows:
        out.add(kind, key, {**texts, original_lang: texts.get(original_lang, original)})
    return out
