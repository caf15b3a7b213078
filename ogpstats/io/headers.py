"""Recognise table headers written in Azerbaijani, English or Russian.

Every reader finds its table the same way: :func:`find_header` scans the
first rows of a sheet for a row whose cells name the fields it needs.
"""

from __future__ import annotations

import math
import re

from ..vocab import normalize, parse_round
from .header_words import HeaderWords

# field -> header texts (compared through vocab.normalize), kept as data so that a new header word
# is a line in a CSV file (:mod:`ogpstats.io.header_words`). A header cell such as
# "Tədbirin adı / Measure" matches when the whole text or any "/"-part matches; then the text without
# parentheses, footnote marks or a trailing "(%)" is tried.
DEFAULT_WORDS = HeaderWords.default()

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MARKS = re.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# "Title (EN)", "Başlıq [RU]", "Tədbirin adı (EN) / Measure (EN)": a column of the plan's text in another language.
_LANG_TAG = re.compile(r"[(\[]\s*(en|eng|ru|rus|az|aze)\s*[)\]]", re.IGNORECASE)
_TAG_LANG = {"en": "en", "eng": "en", "ru": "ru", "rus": "ru", "az": "az", "aze": "az"}

TRANSLATED_FIELDS = ("title", "section_title", "agencies", "lead_agency", "related_agencies", "deadline",
                     "kpi", "unit")
"""Fields whose text a column tagged with a language (``Title (EN)``) gives in that language."""


def translation_field(name: str) -> tuple[str, str] | None:
    """``("title", "en")`` for the field name ``title@en`` of a translation column, else ``None``."""
    field, at, lang = name.partition("@")
    return (field, lang) if at and field in TRANSLATED_FIELDS else None


def header_field(text: object, words: HeaderWords | None = None) -> str | None:
    """The field a header cell names, or ``None`` (``words``: default the packaged header words).

    A header of a translatable field tagged with one language, ``(EN)``,
    ``(RU)`` or ``(AZ)`` (``Title (EN)``, ``İcraçı qurumlar (RU)``), names
    ``<field>@<lang>``: the same text in that language (:data:`TRANSLATED_FIELDS`).
    """
    if text is None or not isinstance(text, str) or not text.strip():
        return None
    text = _MARKS.sub("", text)
    langs = {_TAG_LANG[t.lower()] for t in _LANG_TAG.findall(text)}
    if len(langs) == 1:
        field = _plain_field(_LANG_TAG.sub(" ", text), words)
        if field in TRANSLATED_FIELDS:
            return f"{field}@{langs.pop()}"
    return _plain_field(text, words)


def _plain_field(text: str, words: HeaderWords | None) -> str | None:
    lookup = (words or DEFAULT_WORDS).lookup
    full = normalize(text)
    if full in lookup:
        return lookup[full]
    for part in text.split("/"):
        key = normalize(part)
        if key in lookup:
            return lookup[key]
    bare = normalize(_PARENS.sub(" ", text))
    if bare in lookup:
        return lookup[bare]
    for part in _PARENS.sub(" ", text).split("/"):
        key = normalize(part)
        if key in lookup:
            return lookup[key]
    return None


def match_header(row: list, words: HeaderWords | None = None) -> dict[str, int]:
    """Map fields to 0-based column indexes for a candidate header row (first match wins).

    A field with only language-tagged columns (``Tədbirin adı (AZ)``, ``Title (EN)``)
    takes the first of them as its original.
    """
    found: dict[str, int] = {}
    for col, cell in enumerate(row):
        field = header_field(cell, words)
        if field and field not in found:
            found[field] = col
    for name, _col in sorted(found.items(), key=lambda fc: fc[1]):
        tagged = translation_field(name)
        if tagged and tagged[0] not in found:
            found[tagged[0]] = found.pop(name)
    return found


def find_header(rows: list[list], required: tuple[str, ...], scan: int = 30,
                any_of: tuple[str, ...] = (), words: HeaderWords | None = None) -> tuple[int, dict[str, int]] | None:
    """The first row (within ``scan`` rows) whose cells name every ``required`` field
    (and, when ``any_of`` is given, at least one of those).

    Returns ``(row index, {field: column})`` or ``None``.
    """
    for i, row in enumerate(rows[:scan]):
        found = match_header(row, words)
        if all(f in found for f in required) and (not any_of or any(f in found for f in any_of)):
            return i, found
    return None


_PERCENT_WORDS = re.compile(r"%|\bfaiz|\bpercent|процент")
_STATUS_WORDS = re.compile(r"veziyyet|status|seviyye|derece|level|статус|состояни")


def round_columns(row: list, taken: set[int]) -> dict[int, tuple[str, str]]:
    """Columns of a header row that are headed by a monitoring round.

    Returns ``{column: (round id, what)}`` where ``what`` is ``percent``,
    ``status`` or ``any`` (a cell holding either a status word or a
    percent), from the words next to the round (``İcra faizi, 2017-ci il``).
    """
    out: dict[int, tuple[str, str]] = {}
    for col, cell in enumerate(row):
        if col in taken or is_blank_header(cell):
            continue
        text = str(cell) if not isinstance(cell, (int, float)) else cell
        round_id = parse_round(text)
        if round_id is None or round_id in ("progress_report", "end_of_term"):
            continue
        key = normalize(cell)
        what = "percent" if _PERCENT_WORDS.search(key) else "status" if _STATUS_WORDS.search(key) else "any"
        out[col] = (round_id, what)
    return out


def is_blank_header(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def printed_number(cell: object) -> int | None:
    """A cell read as a printed column number (``3``, ``"3."``, ``3.0``); ``None`` for anything else (a bool too)."""
    if isinstance(cell, bool):
        return None
    try:
        number = float(str(cell).strip().rstrip("."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def is_column_numbers_row(row: list, width: int) -> bool:
    """True for the row of column numbers ``1 2 3 4 5`` printed under a decree's header."""
    values = []
    for cell in row[:width]:
        if is_blank_header(cell):
            continue
        number = printed_number(cell)
        if number is None:
            return False
        values.append(number)
    return len(values) >= 3 and values == list(range(values[0], values[0] + len(values))) and values[0] in (0, 1)
