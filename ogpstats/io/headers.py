"""Recognise table headers written in Azerbaijani, English or Russian."""

from __future__ import annotations

from ..vocab import normalize

# field -> header texts (compared through vocab.normalize). A header cell such as
# "Tədbirin adı / Measure" matches when the whole text or any "/"-part matches.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "item_id": ("№", "no", "#", "nömrə", "sıra №", "s/s", "№ п/п", "номер", "tədbir №", "measure no"),
    "commitment": ("istiqamət", "öhdəlik", "direction", "commitment", "направление", "обязательство"),
    "roadmap": ("yol xəritəsi", "road map", "roadmap", "дорожная карта"),
    "priority": ("prioritet", "priority", "приоритет"),
    "title": ("tədbirin adı", "tədbir", "tədbirlər", "measure", "measures", "action", "мероприятие",
              "наименование мероприятия", "мероприятия"),
    "indicator": ("qiymətləndirmə indikatoru", "gözlənilən nəticə", "evaluation indicator", "indicator",
                  "expected result", "индикатор оценки", "ожидаемый результат"),
    "agencies": ("icraçı qurumlar", "icraçılar", "icraçı", "implementing agencies", "implementing agency",
                 "responsible agencies", "исполнители", "исполнитель", "ответственные органы"),
    "lead_agency": ("məsul icraçı", "məsul qurum", "lead agency", "lead", "ответственный исполнитель"),
    "related_agencies": ("əlaqədar qurumlar", "əlaqəli qurumlar", "related agencies", "partners",
                         "соисполнители", "связанные органы"),
    "deadline": ("icra müddəti", "icra tarixi", "müddət", "deadline", "timeline", "срок исполнения", "срок"),
    "weight": ("çəki", "weight", "вес"),
    "round": ("dövr", "monitorinq dövrü", "round", "period", "период"),
    "status": ("icra vəziyyəti", "icra statusu", "vəziyyət", "status", "статус", "состояние исполнения"),
    "percent": ("icra faizi", "faiz", "%", "percent", "completion %", "процент исполнения", "процент"),
    "evidence": ("sübut", "sübutlar", "mənbə", "evidence", "source", "доказательства", "источник"),
    "comment": ("şərh", "qeyd", "comment", "comments", "note", "комментарий", "примечание"),
    "kpi": ("göstərici", "əsas göstərici", "indicator name", "kpi", "показатель"),
    "unit": ("ölçü vahidi", "vahid", "unit", "единица измерения", "ед. изм"),
    "baseline_year": ("baza ili", "baseline year", "базовый год"),
    "baseline": ("baza dəyəri", "baza göstəricisi", "baseline", "baseline value", "базовое значение"),
    "target_year": ("hədəf ili", "target year", "целевой год"),
    "target": ("hədəf dəyəri", "hədəf", "target", "target value", "целевое значение"),
}

_LOOKUP: dict[str, str] = {normalize(alias): field for field, aliases in HEADER_ALIASES.items() for alias in aliases}


def header_field(text: object) -> str | None:
    """The field a header cell names, or ``None``."""
    if text is None:
        return None
    full = normalize(text)
    if full in _LOOKUP:
        return _LOOKUP[full]
    for part in str(text).split("/"):
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


def find_header(rows: list[list], required: tuple[str, ...], scan: int = 30) -> tuple[int, dict[str, int]] | None:
    """The first row (within ``scan`` rows) whose cells name every ``required`` field.

    Returns ``(row index, {field: column})`` or ``None``.
    """
    for i, row in enumerate(rows[:scan]):
        found = match_header(row)
        if all(f in found for f in required):
            return i, found
    return None
