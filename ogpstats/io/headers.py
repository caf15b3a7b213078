"""Recognise table headers written in Azerbaijani, English or Russian.

Every reader finds its table the same way: :func:`find_header` scans the
first rows of a sheet for a row whose cells name the fields it needs.
"""

from __future__ import annotations

import re

from ..vocab import normalize, parse_round

# field -> header texts (compared through vocab.normalize). A header cell such as
# "Tədbirin adı / Measure" matches when the whole text or any "/"-part matches;
# then the text without parentheses, footnote marks or a trailing "(%)" is tried.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "item_id": ("№", "no", "no.", "#", "nömrə", "sıra №", "s/s", "s/n", "№ п/п", "№ п.п.", "п/п", "номер",
                "tədbir №", "tədbirin №", "tədbirin nömrəsi", "measure no", "measure number", "number", "nr"),
    "commitment": ("istiqamət", "öhdəlik", "direction", "commitment", "направление", "обязательство"),
    "section_title": ("istiqamətin adı", "öhdəliyin adı", "prioritetin adı", "bölmə", "bölmənin adı",
                      "direction title", "commitment title", "priority title", "section", "section title",
                      "наименование направления", "наименование приоритета", "раздел"),
    "roadmap": ("yol xəritəsi", "strateji yol xəritəsi", "road map", "roadmap", "strategic road map",
                "дорожная карта"),
    "priority": ("prioritet", "priority", "приоритет"),
    "title": ("tədbirin adı", "tədbir", "tədbirlər", "tədbirin məzmunu", "measure", "measures", "action",
              "activity", "мероприятие", "наименование мероприятия", "мероприятия", "наименование"),
    "indicator": ("qiymətləndirmə indikatoru", "qiymətləndirmə indikatorları", "gözlənilən nəticə",
                  "gözlənilən nəticələr", "evaluation indicator", "evaluation indicators", "indicator",
                  "expected result", "expected results", "индикатор оценки", "индикаторы оценки",
                  "ожидаемый результат", "ожидаемые результаты"),
    "agencies": ("icraçı qurumlar", "icraçı qurum", "icraçılar", "icraçı", "icra edən qurumlar",
                 "implementing agencies", "implementing agency", "implementing bodies", "responsible agencies",
                 "responsible bodies", "responsible", "исполнители", "исполнитель", "ответственные органы",
                 "ответственные исполнители"),
    "lead_agency": ("məsul icraçı", "məsul icraçılar", "məsul qurum", "əsas icraçı", "lead agency",
                    "lead agencies", "lead", "lead implementer", "ответственный исполнитель",
                    "основной исполнитель"),
    "related_agencies": ("əlaqədar qurumlar", "əlaqəli qurumlar", "əlaqədar icraçılar", "tərəfdaş qurumlar",
                         "related agencies", "related bodies", "partners", "соисполнители", "связанные органы"),
    "deadline": ("icra müddəti", "icra müddətləri", "icra tarixi", "müddət", "icra vaxtı", "deadline",
                 "deadlines", "timeline", "timeframe", "due date", "срок исполнения", "сроки исполнения",
                 "срок", "сроки"),
    "weight": ("çəki", "weight", "вес"),
    "round": ("dövr", "monitorinq dövrü", "hesabat dövrü", "round", "period", "reporting period", "период",
              "отчетный период"),
    "status": ("icra vəziyyəti", "icra statusu", "vəziyyət", "icra səviyyəsi", "icra dərəcəsi", "status",
               "implementation status", "completion", "completion level", "level", "статус",
               "состояние исполнения", "статус исполнения"),
    "percent": ("icra faizi", "faiz", "icra faizi (%)", "%", "percent", "percentage", "completion %",
                "% completion", "процент исполнения", "процент", "% исполнения"),
    "evidence": ("sübut", "sübutlar", "mənbə", "mənbələr", "təsdiqedici sənəd", "təsdiqedici sənədlər", "link",
                 "keçid", "evidence", "source", "sources", "доказательства", "источник", "источники"),
    "comment": ("şərh", "şərhlər", "qeyd", "qeydlər", "comment", "comments", "note", "notes", "комментарий",
                "комментарии", "примечание", "примечания"),
    "kpi": ("göstərici", "göstəricilər", "əsas göstərici", "əsas göstəricilər", "göstəricinin adı",
            "indicator name", "kpi", "key performance indicator", "показатель", "наименование показателя"),
    "unit": ("ölçü vahidi", "vahid", "unit", "units", "единица измерения", "ед. изм", "ед изм"),
    "baseline_year": ("baza ili", "baza ilі", "baseline year", "базовый год"),
    "baseline": ("baza dəyəri", "baza göstəricisi", "baza", "baseline", "baseline value", "базовое значение"),
    "target_year": ("hədəf ili", "target year", "целевой год"),
    "target": ("hədəf dəyəri", "hədəf göstəricisi", "hədəf", "target", "target value", "целевое значение"),
}

_LOOKUP: dict[str, str] = {normalize(alias): field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MARKS = re.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def header_field(text: object) -> str | None:
    """The field a header cell names, or ``None``."""
    if text is None or not isinstance(text, str) or not text.strip():
        return None
    text = _MARKS.sub("", text)
    full = normalize(text)
    if full in _LOOKUP:
        return _LOOKUP[full]
    for part in text.split("/"):
        key = normalize(part)
        if key in _LOOKUP:
            return _LOOKUP[key]
    bare = normalize(_PARENS.sub(" ", text))
    if bare in _LOOKUP:
        return _LOOKUP[bare]
    for part in _PARENS.sub(" ", text).split("/"):
        key = normalize(part)
        if key in _LOOKUP:
            return _LOOKUP[key]
    return None


def match_header(row: list) -> dict[str, int]:
    """Map fields to 0-based column indexes for a candidate header row (first match wins)."""
    found: dict[str, int] = {}
    for col, cell in enumerate(row):
        field = header_field(cell)
        if field and field not in found:
            found[field] = col
    return found


def find_header(rows: list[list], required: tuple[str, ...], scan: int = 30,
                any_of: tuple[str, ...] = ()) -> tuple[int, dict[str, int]] | None:
    """The first row (within ``scan`` rows) whose cells name every ``required`` field
    (and, when ``any_of`` is given, at least one of those).

    Returns ``(row index, {field: column})`` or ``None``.
    """
    for i, row in enumerate(rows[:scan]):
        found = match_header(row)
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
        isinstance(value, float) and value != value)


def is_column_numbers_row(row: list, width: int) -> bool:
    """True for the row of column numbers ``1 2 3 4 5`` printed under a decree's header."""
    values = []
    for cell in row[:width]:
        if is_blank_header(cell):
            continue
        if isinstance(cell, bool):
            return False
        try:
            number = float(str(cell).strip().rstrip("."))
        except ValueError:
            return False
        if not number.is_integer():
            return False
        values.append(int(number))
    return len(values) >= 3 and values == list(range(values[0], values[0] + len(values))) and values[0] in (0, 1)
