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

# Placeholders a language may use although English does not (Roman numerals, day/month parts, the
# genitive month name period_phrase gives),
# and the per-number forms only Russian needs ("во II полугодии", but "в I полугодии"; "в январе":
# the month's prepositional case, which neither month_name.N nor month.N gives).
EXTRA_FIELDS = {"roman", "dd", "mm", "day", "month", "month_gen"}
RU_ONLY_KEY = re.compile(r"^period\.(half|quarter)\.(in|from)\.[1-4]$|^period\.month\.in\.([1-9]|1[0-2])$")

# Latin words a Russian text may contain: acronyms, file types, the program's name, Excel.
ACRONYMS = {"ogp", "irm", "kpi", "csv", "utf", "sha", "xlsx", "xlsm", "xls", "ods", "html", "xml", "ogpstats", "excel"}


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
    assert extra == {"period.half.in.2", "period.half.from.2", "period.quarter.in.2", "period.quarter.from.2"} | {
        f"period.month.in.{n}" for n in range(1, 13)}
    assert all(RU_ONLY_KEY.match(k) for k in extra)


def test_ru_placeholders_match_en():
    ru, en = catalogue("ru"), catalogue("en")
    for key, text in ru.items():
        base = en[key.rsplit(".", 1)[0]] if RU_ONLY_KEY.match(key) else en[key]
        assert _fields(text) <= _fields(base) | EXTRA_FIELDS, key
        # whatever the call site fills in for English, Russian must be able to show (n: as a Roman numeral)
        assert _fields(base) - {"n", "day", "month"} <= _fields(text), key
        # a case spec ({period:in}) only on fields that hold a period; any other spec as in English
        en_specs = {(f, s) for _, f, s, _ in string.Formatter().parse(base) if f}
        for _, field, spec, _ in string.Formatter().parse(text):
            if spec in CASES:
                assert field in {"period", "previous", "first", "last", "round", "year"}, key
            elif spec:
                assert (field, spec) in en_specs, key


def _signature(text):
    return sorted((f, conv, spec) for _, f, spec, conv in string.Formatter().parse(text) if f is not None)


def test_ru_problem_texts_have_exactly_the_english_placeholders():
    """A problem's fields, conversions (!r puts the quotes) and number formats ({value:g}, {cells:,}) are
    the code's, not the translator's: Russian keeps them as English has them."""
    ru, en = catalogue("ru"), catalogue("en")
    problem_keys = [k for k in en if k.startswith("problem.")]
    assert len(problem_keys) > 70
    for key in problem_keys:
        assert _signature(ru[key]) == _signature(en[key]), key


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


def test_ru_problems_render_with_their_fields():
    from ogpstats.validate import Problem

    ru = messages("ru")
    assert ru.problem(Problem("percent.range", "error", fields={"value": 150.0})) == "процент 150 вне диапазона 0–100"
    assert ru.problem(Problem("status.unknown", "error", fields={"value": "icra olunb"})) == \
        "неизвестное слово статуса 'icra olunb'"
    assert ru.problem(Problem("number.duplicate", "error", fields={
        "value": "1.2", "cells": ["Tədbirlər!C5", "Tədbirlər!C8"]})) == \
        "повторяющийся номер мероприятия '1.2' в ячейках Tədbirlər!C5 и Tədbirlər!C8"
    assert ru.problem(Problem("number.ambiguous_in_round", "error", fields={
        "value": 1.1, "options": ["1.1", "1.10"], "cells": ["A2"]})) == \
        "неоднозначный номер мероприятия 1.1: он хранится как число и может означать 1.1 или 1.10 (A2); " \
        "задайте столбцу № текстовый формат"
    assert ru.problem(Problem("round.empty", "warning", fields={"round": "2018-H2"})) == \
        "за период «II полугодие 2018» нет ни статуса, ни процента ни для одного мероприятия"
    assert ru.problem(Problem("kpi.no_actual_by", "warning", fields={"year": 2019})) == \
        "нет фактических значений за 2019 год или ранее"


# --- Russian road map names -----------------------------------------------------------------------

RU_TITLES = {
    "national_economy": "Перспективы национальной экономики",
    "oil_gas": "Нефтегазовая промышленность, включая химическую продукцию",
    "agriculture": "Производство и переработка сельскохозяйственной продукции",
    "sme": "Потребительские товары на уровне малого и среднего предпринимательства",
    "heavy_industry": "Тяжёлая промышленность и машиностроение",
    "tourism": "Специализированная туристическая индустрия",
    "logistics_trade": "Логистика и торговля",
    "housing": "Доступное жильё",
    "vocational": "Профессиональное образование и обучение",
    "finance": "Финансовые услуги",
    "telecom_ict": "Телекоммуникации и информационные технологии",
    "utilities": "Коммунальные услуги: электро- и теплоэнергия, вода и газ",
}


def test_road_maps_have_russian_titles_third():
    from ogpstats.io.roadmaps import ROADMAPS, roadmap_titles

    assert roadmap_titles("ru") == RU_TITLES
    # az and en stay at indexes 0 and 1, as callers that index by position expect
    assert ROADMAPS["tourism"][:2] == ("İxtisaslaşmış turizm sənayesinin inkişafı", "Specialised tourism industry")
    assert roadmap_titles("en")["housing"] == "Affordable housing"
    assert roadmap_titles("az")["finance"] == "Maliyyə xidmətlərinin inkişafı"


@pytest.mark.parametrize(("name", "key"), [
    *((title, key) for key, title in RU_TITLES.items()),
    ("ТЯЖЕЛАЯ ПРОМЫШЛЕННОСТЬ", "heavy_industry"), ("Туризм", "tourism"), ("Туристическая индустрия", "tourism"),
    ("Сельское хозяйство", "agriculture"), ("Потребительские товары", "sme"), ("МСБ", "sme"),
    ("Жилищное строительство", "housing"), ("Информационные технологии", "telecom_ict"), ("ИКТ", "telecom_ict"),
    ("Коммунальные услуги", "utilities"), ("Лист1", None),
])
def test_russian_road_map_names_are_read(name, key):
    from ogpstats.io.roadmaps import roadmap_key

    assert roadmap_key(name) == key


def test_srm_sheet_titled_in_russian(tmp_path):
    from openpyxl import Workbook

    from ogpstats.io import load_dataset

    wb = Workbook()
    ws = wb.active
    ws.title = "Лист1"  # names no road map: the Russian title row does
    ws.append(["Доступное жильё — стратегическая дорожная карта"])
    ws.append(["№", "Tədbirin adı", "Məsul icraçı", "Əlaqədar qurumlar", "İcra müddəti"])
    ws.append(["Prioritet 1.1. Ipoteka"])
    ws.append(["1.1.1", "Ipoteka krediti", "Mənzil Agentliyi", None, "2019-cu il"])
    ws2 = wb.create_sheet("Туристическая индустрия")  # a Russian short name
    ws2.append(["№", "Tədbirin adı", "Məsul icraçı", "Əlaqədar qurumlar", "İcra müddəti"])
    ws2.append(["Prioritet 2.1. Marketinq"])
    ws2.append(["2.1.1", "Brend", "Turizm Agentliyi", None, "2018-ci il"])
    wb.save(tmp_path / "srm.xlsx")
    items = load_dataset(tmp_path / "srm.xlsx").items
    assert list(items["item_id"]) == ["housing/1.1.1", "tourism/2.1.1"]


@pytest.mark.parametrize("lang", ["ru", "all"])
def test_report_command_accepts_russian(tmp_path, monkeypatch, lang):
    """--lang ru and --lang all reach the report runner (which expands all to every language of LANGS)."""
    import importlib

    from click.testing import CliRunner

    cli_report = importlib.import_module("ogpstats.cli.report")  # the module: ogpstats.cli.report is the command

    calls = []
    monkeypatch.setattr(cli_report, "run", lambda out, **kw: calls.append(kw["lang"]))
    (tmp_path / "data").mkdir()
    result = CliRunner().invoke(cli_report.report, ["--lang", lang, "--data", str(tmp_path / "data"),
                                                    "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert calls == [lang]
    refused = CliRunner().invoke(cli_report.report, ["--lang", "fr", "--data", str(tmp_path / "data")])
    assert refused.exit_code == 2 and "'fr' is not one of 'az', 'en', 'ru', 'all'" in refused.output
