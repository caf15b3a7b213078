"""The Russian catalogue: complete, same placeholders as English, Russian words, Russian numbers and dates."""

import re
import string

import pytest

from ogpstats.i18n import (
    CASES,
    LANGS,
    catalogue,
    format_number,
    messages,
    period_phrase,
    plan_label,
)
from ogpstats.vocab import LEVEL_LABELS

# Placeholders a language may use although English does not (Roman numerals, day/month parts),
# and the per-number forms only Russian needs ("во II полугодии", but "в I полугодии").
EXTRA_FIELDS = {"roman", "dd", "mm", "day", "month"}
RU_ONLY_KEY = re.compile(r"^period\.(half|quarter)\.(in|from)\.[1-4]$")

# Latin words a Russian text may contain: acronyms, file types, the program's name, Excel.
ACRONYMS = {"ogp", "irm", "kpi", "csv", "utf", "sha", "xlsx", "xlsm", "xls", "ods", "ogpstats", "excel"}


def _fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _words(text):
    return set(re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", " ", text).lower()))


def test_ru_is_a_language():
    assert "ru" in LANGS
    assert set(LEVEL_LABELS["ru"]) == set(LEVEL_LABELS["en"])


def test_ru_catalogue_has_the_same_keys_as_en():
    ru, en = catalogue("ru"), catalogue("en")
    assert set(en) - set(ru) == set()
    extra = set(ru) - set(en)
    assert extra == {"period.half.in.2", "period.half.from.2", "period.quarter.in.2", "period.quarter.from.2"}
    assert all(RU_ONLY_KEY.match(k) for k in extra)


def test_ru_placeholders_match_en():
    ru, en = catalogue("ru"), catalogue("en")
    for key, text in ru.items():
        base = en[key.rsplit(".", 1)[0]] if RU_ONLY_KEY.match(key) else en[key]
        assert _fields(text) <= _fields(base) | EXTRA_FIELDS, key
        # whatever the call site fills in for English, Russian must be able to show (n: as a Roman numeral)
        assert _fields(base) - {"n", "day", "month"} <= _fields(text), key
        # a case spec ({period:in}) only on fields that hold a period
        for _, field, spec, _ in string.Formatter().parse(text):
            if spec:
                assert spec in CASES and field in {"period", "previous", "first", "last", "round", "year"}, key


def test_ru_has_no_english_words():
    """No English word of the catalogue in Russian: Latin letters only in acronyms, file types and Azerbaijani
    examples of what a user types into a sheet (they are also in the az catalogue)."""
    en_words = set().union(*map(_words, catalogue("en").values()))
    az_words = set().union(*map(_words, catalogue("az").values()))
    english = en_words - az_words - ACRONYMS
    for key, text in catalogue("ru").items():
        if key.startswith("lang."):
            continue  # each language's own name
        words = _words(text)
        latin = {w for w in words if re.fullmatch(r"[a-z]+", w)}
        assert not words & english, (key, words & english)
        assert latin <= ACRONYMS | az_words, (key, latin - ACRONYMS - az_words)
        if words and key not in ("format.percent",):
            assert re.search(r"[а-яё]", text.lower()) or latin <= ACRONYMS, key


def test_ru_numbers_dates_and_levels():
    nbsp = "\u00a0"
    assert format_number(1650, "ru", 0) == f"1{nbsp}650"
    assert format_number(1234567.25, "ru", 2) == f"1{nbsp}234{nbsp}567,25"
    assert format_number(-0.04, "ru") == "0,0"
    ru = messages("ru")
    assert ru.percent(0.625) == "62,5%"
    assert ru.date("2018-12-31") == "31 декабря 2018 г."
    assert ru.date("2017-05-01") == "1 мая 2017 г."
    assert ru.level("complete") == "Выполнено"
    assert ru.level(None) == "Не оценено"
    assert ru.round_label("2018-H2") == "II полугодие 2018"
    assert ru.round_label("2019") == "2019"


@pytest.mark.parametrize(("round_id", "case", "text"), [
    ("2021", "in", "в 2021 году"),
    ("2021", "nom", "2021 год"),
    ("2021", "gen", "2021 года"),
    ("2016", "from", "с 2016 года"),
    ("2018", "until", "по 2018 год"),
    ("2019-H2", "in", "во II полугодии 2019 года"),
    ("2019-H1", "in", "в I полугодии 2019 года"),
    ("2019-H2", "from", "со II полугодия 2019 года"),
    ("2018-H2", "gen", "II полугодия 2018 года"),
    ("2017-Q2", "in", "во II квартале 2017 года"),
    ("2017-Q3", "in", "в III квартале 2017 года"),
    ("2017-Q4", "from", "с IV квартала 2017 года"),
    ("end_of_term", "in", "в конце срока"),
])
def test_ru_periods_in_sentences(round_id, case, text):
    assert period_phrase(round_id, "ru", case) == text


def test_ru_sentences_name_periods_in_their_case():
    ru = messages("ru")
    assert ru("report.status_at", period=ru.round_label("2018-H2"), date=ru.date("2018-12-31")) == \
        "Положение по итогам II полугодия 2018 года (на 31 декабря 2018 г.)"
    assert ru("chart.rounds_span", first=ru.round_label("2016-H2"), last=ru.round_label("2018-H2")) == \
        "Периоды мониторинга со II полугодия 2016 года по II полугодие 2018 года"
    assert ru("kpi.reason.no_actual_by", year="2019") == "нет фактических значений по 2019 год включительно"
    assert plan_label("NAP 2016-2018", "ru") == "НПД 2016–2018"
