"""Message catalogue: same keys in az and en, language-specific numbers, no English in az."""

import json
import re
import string
from importlib import resources

import pytest

from ogpstats.i18n import LANGS, Messages, catalogue, format_number, messages
from ogpstats.vocab import LEVEL_LABELS


def _fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_az_catalogue_has_the_same_keys_as_en():
    assert set(catalogue("az")) == set(catalogue("en"))


def test_placeholders_match_between_languages():
    az, en = catalogue("az"), catalogue("en")
    for key in en:
        assert _fields(az[key]) <= _fields(en[key]) | {"roman", "dd", "mm", "day", "month", "year_ord"}, key
        # every placeholder English uses must be fillable in az too (same call site);
        # a period's year is written with its ordinal suffix in az (year_ord: "2016-cı")
        year = {"year"} if "year_ord" in _fields(az[key]) else set()
        assert _fields(en[key]) - {"n", "day", "month", "dd", "mm"} <= _fields(az[key]) | {"n"} | year, key


def test_catalogue_files_are_valid_json_without_duplicates():
    for lang in LANGS:
        text = resources.files("ogpstats").joinpath(f"data/messages_{lang}.json").read_text("utf-8")
        pairs = json.loads(text, object_pairs_hook=lambda kv: kv)
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), lang


# Words that must not appear in Azerbaijani text (proper names like ogpstats excepted).
ENGLISH = {"the", "and", "of", "to", "status", "measure", "measures", "index", "source", "level", "levels",
           "round", "rounds", "complete", "limited", "substantial", "not", "started", "overdue", "agency",
           "report", "data", "deadline", "target", "progress", "on", "track", "file", "sheet", "cell",
           "error", "warning", "commitment", "road", "map", "priority", "share", "period", "method"}


def test_az_catalogue_has_no_english_words():
    for key, text in catalogue("az").items():
        if key == "lang.en":
            continue  # the language's own name
        text = re.sub(r"\{[^}]*\}", " ", text)  # placeholders are not words
        words = set(re.findall(r"\w+", text.lower()))
        assert not words & ENGLISH, (key, words & ENGLISH)


def test_numbers_by_language():
    assert format_number(62.5, "az") == "62,5"
    assert format_number(62.5, "en") == "62.5"
    assert format_number(1234.5, "az") == "1\u00a0234,5"  # issue 11: no-break space between thousands
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(-0.04, "en") == "0.0"
    assert format_number(None, "az") == "–"
    assert format_number(float("nan"), "en") == "–"
    assert messages("az").percent(0.625) == "62,5%"
    assert messages("en").percent(0.625) == "62.5%"
    assert messages("az").integer(12) == "12"


def test_levels_in_the_users_language():
    for lang in LANGS:
        m = messages(lang)
        for level, label in LEVEL_LABELS[lang].items():
            assert m.level(level) == label
    assert messages("az").level(None) == "Qiymətləndirilməyib"
    assert messages("en").level(float("nan")) == "Not assessed"


def test_rounds_and_dates():
    az, en = messages("az"), messages("en")
    assert az.round_label("2018-H2") == "2018, II yarımil"
    assert az.round_label("2017-Q3") == "2017, III rüb"
    assert en.round_label("2018-H2") == "H2 2018"
    assert en.round_label("2018") == "2018"
    assert az.date("2018-12-31") == "31.12.2018"
    assert en.date("2018-06-30") == "30 Jun 2018"


def test_missing_key_names_the_key():
    with pytest.raises(KeyError, match="no.such.key"):
        Messages("en")("no.such.key")
    with pytest.raises(ValueError):
        messages("fr")


# -- problem messages of the readers, translated ------------------------------------------------

from ogpstats.validate import Problem, UnusableInput  # noqa: E402

# One problem per code, with the English text users saw when the readers wrote sentences.
READER_MESSAGES = {
    "status.unknown": ({"value": "icra olunb"}, "unknown status word 'icra olunb'"),
    "percent.not_number": ({"value": "abc"}, "percent 'abc' is not a number"),
    "percent.range": ({"value": 150.0}, "percent 150 is outside 0–100"),
    "deadline.unreadable": ({"value": "tezliklə"}, "cannot read the deadline 'tezliklə'; the measure has no deadline"),
    "roadmap.unknown": ({"value": "turism", "names": "national_economy, oil_gas"},
                        "unknown road map 'turism'; expected one of national_economy, oil_gas"),
    "roadmap.which": ({"value": "Vərəq1"}, "cannot tell which road map the sheet 'Vərəq1' holds; name the sheet or "
                      "its title after one of the 12 road maps (e.g. Turizm, Tourism)"),
    "weight.not_number": ({"value": "x"}, "weight 'x' is not a number"),
    "number.missing": ({}, "this row has a measure but no number in the № column; it is skipped"),
    "round.no_numbered_rows": ({}, "the round sheet has no numbered rows"),
    "round.unreadable": ({"value": "bu il"}, "cannot read the round 'bu il'; expected e.g. 2017, 2017-H1, 2017-Q3"),
    "round.empty": ({"round": "2017-H1"}, "round 2017-H1 has no status or percent for any measure"),
    "status.sheet_no_round": ({}, "the sheet has a status column but its name names no round; name the sheet after "
                              "the round (e.g. 2017-ci ilin I yarımili, 2018 H1, 2017-Q3)"),
    "status.no_round": ({}, "the plan has a status column but no round: name the sheet after the round "
                        "(e.g. 2017-ci ilin I yarımili) or head the column with it (İcra vəziyyəti, 2017)"),
    "kpi.baseline_year.not_number": ({"value": "iki"}, "baseline year 'iki' is not a number"),
    "kpi.actual.not_number": ({"value": "n/a"}, "actual value 'n/a' is not a number"),
    "number.not_in_roadmap": ({"value": "9.9", "roadmap": "tourism"},
                              "measure '9.9' is not in the plan of road map tourism"),
    "number.not_in_plan": ({"value": "9.9"}, "measure '9.9' is not in the plan"),
    "number.ambiguous": ({"a": "Tədbirlər!C2", "b": "Tədbirlər!C11", "num": "1.1"},
                         "ambiguous measure number: Tədbirlər!C2 and Tədbirlər!C11 — 1.1 is stored as a number, so it "
                         "may have been typed 1.1 or 1.10; type the № column as text"),
    "number.ambiguous_in_round": ({"value": "1.1", "options": ["1.1", "1.10"],
                                   "cells": ["Tədbirlər!C2", "Tədbirlər!C11"]},
                                  "ambiguous measure number 1.1: stored as a number, it may be 1.1 or 1.10 "
                                  "(Tədbirlər!C2 and Tədbirlər!C11); type the № column as text"),
    "number.several_roadmaps": ({"value": "1.1", "names": "tourism, finance"},
                                "measure '1.1' is in several road maps (tourism, finance); add a road map column or "
                                "name the sheet after the road map"),
    "number.duplicate": ({"value": "1.2", "cells": ["Tədbirlər!C3", "Tədbirlər!C9"]},
                         "duplicate measure number '1.2' in Tədbirlər!C3 and Tədbirlər!C9"),
    "number.matches_several": ({"value": "1.2", "cells": ["Tədbirlər!C3", "Tədbirlər!C8"]},
                               "measure '1.2' matches more than one measure of the plan "
                               "(Tədbirlər!C3 and Tədbirlər!C8)"),
    "number.duplicate_in_round": ({"value": "1.2", "round": "2017-H2", "cells": ["Q!A3", "Q!A9"]},
                                  "measure '1.2' appears more than once in round 2017-H2: Q!A3 and Q!A9"),
    "agency.typo": ({"value": "Ədliyə Nazirliyi", "other": "Ədliyyə Nazirliyi"},
                    "agency 'Ədliyə Nazirliyi' appears only once and is close to 'Ədliyyə Nazirliyi'; a typo? "
                    "(an alias table can map it)"),
    "ogp.no_id": ({}, "the commitment has no identifier"),
    "ogp.end_year": ({"value": "soon"}, "action plan end year 'soon' is not a year"),
    "ogp.level_unknown": ({"value": "meh"}, "unknown completion level 'meh'"),
    "ogp.round_empty": ({"round": "end_of_term"}, "round end_of_term has no completion level for any commitment"),
    "file.missing": ({}, "no such file"),
    "file.empty": ({}, "the file is empty (0 bytes)"),
    "file.type": ({"value": ".txt"}, "unsupported file type .txt; expected .xlsx, .xlsm, .xls, .ods or .csv"),
    "file.encrypted": ({}, "the workbook is encrypted (password-protected); save an unprotected copy"),
    "file.corrupt": ({"error": "BadZipFile", "value": ".xlsx"},
                     "the workbook is corrupt or unreadable (BadZipFile); expected a .xlsx workbook"),
    "file.text_renamed": ({"value": ".xlsx"},
                          "this is a text (CSV?) file renamed to .xlsx; rename it to .csv or save it as a workbook"),
    "file.xlsx_named_xls": ({}, "this is an .xlsx/.ods workbook named .xls; rename it"),
    "file.not_workbook": ({"value": ".xlsx"}, "not a .xlsx workbook (the file is corrupt or of another type)"),
    "file.not_text": ({}, "not a CSV text file (binary content)"),
    "table.none": ({}, "no sheet holds a plan table; expected a header like №, Tədbirin adı, İcraçı qurumlar, "
                   "İcra müddəti"),
    "table.no_measures": ({"value": "Tədbirlər"}, "the plan table (Tədbirlər) has a header but no measures; "
                          "expected numbered rows such as 1.1, 1.2 under the header"),
    "ogp.not_export": ({}, "expected OGP's commitment export columns such as Commitment Unique Identifier, "
                       "Country/Locality, Action Plan Number, Commitment Title, Completion (End Of Term)"),
}


def _problem(code):
    return Problem(code, "error", "f.xlsx", "S", "A1", READER_MESSAGES[code][0])


@pytest.mark.parametrize("code", sorted(READER_MESSAGES))
def test_english_text_of_each_code_is_what_the_reader_wrote(code):
    assert _problem(code).message == READER_MESSAGES[code][1]


def test_translated_problems_keep_values_and_have_no_english():
    az = messages("az")
    for code in READER_MESSAGES:
        out = az.problem(_problem(code))
        assert not out.startswith("tərcümə olunmamış"), code
        words = set(re.findall(r"\w+", re.sub(r"'[^']*'", " ", out).lower()))
        assert not words & ENGLISH, (code, out)
    assert az.problem(_problem("status.unknown")) == "naməlum icra vəziyyəti sözü 'icra olunb'"
    assert az.problem(_problem("number.duplicate")) == "təkrarlanan tədbir nömrəsi '1.2': Tədbirlər!C3 və Tədbirlər!C9"
    assert az.problem(_problem("round.empty")).startswith("2017, I yarımil dövründə")
    assert messages("en").problem(_problem("round.empty")) == \
        "round H1 2017 has no status or percent for any measure"
    assert _problem("round.empty").render("en") == "round H1 2017 has no status or percent for any measure"
    assert messages("en").problem("something new") == "something new"
    # an unusable file's problem names its sheet as data, not in the text
    exc = UnusableInput("weight.not_number", "f.xlsx", sheet="Vərəq1", value="x")
    assert (exc.problem.sheet, exc.problem.render("az")) == ("Vərəq1", "çəki 'x' rəqəm deyil")
    assert str(exc) == "f.xlsx: weight 'x' is not a number"
    assert az.problem("something new") == "tərcümə olunmamış mesaj: something new"


def test_problem_to_dict_carries_code_and_fields():
    d = _problem("number.duplicate").to_dict()
    assert (d["code"], d["fields"], d["message"]) == (
        "number.duplicate", {"value": "1.2", "cells": ["Tədbirlər!C3", "Tədbirlər!C9"]},
        "duplicate measure number '1.2' in Tədbirlər!C3 and Tədbirlər!C9")
    assert _problem("number.duplicate").to_dict("az")["message"] == \
        "təkrarlanan tədbir nömrəsi '1.2': Tədbirlər!C3 və Tədbirlər!C9"


def _codes_in_source() -> set[str]:
    """Every problem code written in ogpstats/ (the first argument of Problem/UnusableInput/problem calls)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "ogpstats"
    pattern = re.compile(r'(?:Problem|UnusableInput|problem|problem_at|unusable|refusal)'
                         r'\(\s*f?"([a-z_]+(?:\.[a-z_{}]+)+)"')
    codes = set()
    for path in root.rglob("*.py"):
        for code in pattern.findall(path.read_text("utf-8")):
            if "{f}" in code:  # kpi.{f}.not_number: one code per KPI field
                codes |= {code.replace("{f}", f) for f in ("baseline_year", "baseline", "target_year", "target")}
            else:
                codes.add(code)
    from ogpstats.analytics.kpis import KPI_REASONS

    return codes | set(KPI_REASONS)


def test_every_code_has_catalogue_texts_and_a_doc_entry():
    from pathlib import Path

    codes = _codes_in_source()
    assert len(codes) >= 50 and "status.unknown" in codes and "file.encrypted" in codes
    doc = (Path(__file__).resolve().parents[1] / "docs" / "problems.md").read_text("utf-8")
    for code in sorted(codes):
        for lang in LANGS:
            assert f"problem.{code}" in messages(lang), (lang, code)
        assert f"`{code}`" in doc, code


def test_problems_of_a_broken_workbook_are_all_translated(tmp_path):
    """Real reader output, not examples: a copy of the sample plan with typical mistakes."""
    from pathlib import Path

    import openpyxl

    from ogpstats.io import load_dataset
    from ogpstats.validate import UnusableInput

    root = Path(__file__).resolve().parents[1]
    wb = openpyxl.load_workbook(root / "data" / "raw" / "nap_2016_2018.xlsx")
    plan, rounds = wb["Tədbirlər"], wb["Qiymətləndirmə"]
    plan["F5"] = "tezliklə"          # unreadable deadline
    plan["G6"] = "ağır"              # weight not a number
    plan["C8"] = "1.2"               # duplicate measure number
    rounds["C3"] = "icra olunb"      # status word typo
    rounds["D4"] = 150               # percent out of range
    rounds["D5"] = "çox"             # percent not a number
    rounds.append(["9.9", "2018-H2", "İcra olunub", None, None, None])  # not in the plan
    rounds.append(["1.1", "gələn il", "İcra olunub", None, None, None])  # unreadable round
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    problems = load_dataset(path).problems
    assert len(problems) >= 7
    untranslated = [p for p in problems if f"problem.{p.code}" not in messages("az")]
    assert untranslated == []
    assert {p.code for p in problems} >= {
        "deadline.unreadable", "weight.not_number", "number.duplicate", "status.unknown", "percent.range",
        "percent.not_number", "number.not_in_plan", "round.unreadable"}
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "notes.xlsx").write_text("a,b\n1,2\n", "utf-8")
    for name in ("empty.xlsx", "notes.xlsx"):
        with pytest.raises(UnusableInput) as exc:
            load_dataset(tmp_path / name)
        assert f"problem.{exc.value.problem.code}" in messages("az"), str(exc.value)


def test_monthly_round_labels():
    assert messages("en").round_label("2022-03") == "March 2022"
    assert messages("az").round_label("2022-03") == "2022, mart"
    assert messages("az").round_label("2021-12") == "2021, dekabr"
    assert messages("ru").round_label("2022-03") == "март 2022"


@pytest.mark.parametrize(("lang", "case", "text"), [
    ("az", "in", "2022-ci ilin mart ayında"), ("az", "until", "2022-ci ilin mart ayınadək"),
    ("en", "in", "in March 2022"), ("ru", "in", "в марте 2022 года"), ("ru", "from", "с марта 2022 года"),
])
def test_monthly_rounds_inside_sentences(lang, case, text):
    assert period_phrase("2022-03", lang, case) == text


# -- periods inside sentences (issue 11 item 6) ------------------------------------------------

from ogpstats.i18n import (  # noqa: E402
    CASES,
    az_ordinal,
    decimal_separator,
    period_phrase,
    plan_label,
)


@pytest.mark.parametrize(("n", "text"), [
    # the suffix's vowel follows the last vowel of the number's last non-zero word as read aloud
    (1, "1-ci"), (2, "2-ci"), (3, "3-cü"), (4, "4-cü"), (5, "5-ci"), (6, "6-cı"), (7, "7-ci"), (8, "8-ci"),
    (9, "9-cu"), (10, "10-cu"), (20, "20-ci"), (30, "30-cu"), (40, "40-cı"), (50, "50-ci"), (60, "60-cı"),
    (70, "70-ci"), (80, "80-ci"), (90, "90-cı"), (100, "100-cü"), (1000, "1000-ci"),
    (2016, "2016-cı"),  # iki min on altı
    (2020, "2020-ci"),  # iki min iyirmi
    (2000, "2000-ci"),  # iki min
    (2023, "2023-cü"),  # iki min iyirmi üç
    (2019, "2019-cu"),  # iki min on doqquz
    (2010, "2010-cu"),  # iki min on
    (2030, "2030-cu"),  # iki min otuz
    (2100, "2100-cü"),  # iki min yüz
    (2017, "2017-ci"), (2018, "2018-ci"), (2025, "2025-ci"), (2014, "2014-cü"), (2040, "2040-cı"),
    (1_000_000, "1000000-cu"),  # bir milyon
])
def test_azerbaijani_ordinal_suffix(n, text):
    assert az_ordinal(n) == text


@pytest.mark.parametrize(("round_id", "case", "text"), [
    ("2018-H2", "nom", "2018-ci ilin II yarımili"),
    ("2019-H2", "in", "2019-cu ilin II yarımilində"),
    ("2021", "in", "2021-ci ildə"),
    ("2016", "nom", "2016-cı il"),
    ("2023", "nom", "2023-cü il"),
    ("2018-H2", "gen", "2018-ci ilin II yarımilinin"),
    ("2016-H2", "from", "2016-cı ilin II yarımilindən"),
    ("2018", "until", "2018-ci ilədək"),
    ("2017-Q3", "in", "2017-ci ilin III rübündə"),
    ("2016-Q4", "gen", "2016-cı ilin IV rübünün"),
    ("end_of_term", "in", "müddətin sonunda"),
    ("bu il", "in", "bu il"),  # not a round: as it is
])
def test_azerbaijani_periods_take_their_case(round_id, case, text):
    assert period_phrase(round_id, "az", case) == text
    assert messages("az").period(round_id, case) == text


def test_period_phrases_in_every_language_and_case():
    for lang in LANGS:
        for case in CASES:
            for rnd in ("2019", "2019-H1", "2019-Q2", "progress_report", "end_of_term"):
                assert period_phrase(rnd, lang, case)
    assert period_phrase("2019-H2", "en", "in") == "in H2 2019"
    with pytest.raises(ValueError, match="unknown case"):
        period_phrase("2019", "az", "dative")


def test_sentences_ask_the_catalogue_for_the_case():
    az, en = messages("az"), messages("en")
    # a round label put into a sentence becomes the phrase the sentence asks for ({round:in})
    fields = {"slope": az.number(30.5), "projected": az.number(95.2), "date": az.date("2018-12-31"),
              "round": az.round_label("2019-H2")}
    assert az("forecast.sentence_reaches", **fields) == (
        "Xətti trendə görə indeks ildə orta hesabla 30,5 bal artır; bu templə planın sonunda (31.12.2018) "
        "indeks 95,2 olacaq, 100-ə isə 2019-cu ilin II yarımilində çatacaq. Bu, rəsmi proqnoz deyil, "
        "mövcud trendin davamıdır.")
    assert az("report.status_at", period=az.round_label("2018-H2"), date="31.12.2018") == \
        "2018-ci ilin II yarımilinin yekunlarına görə vəziyyət (31.12.2018 tarixinə)"
    assert az("chart.rounds_span", first=az.round_label("2016-H2"), last=az.round_label("2018-H2")) == \
        "Monitorinq dövrləri: 2016-cı ilin II yarımilindən 2018-ci ilin II yarımilinədək"
    assert az("kpi.reason.no_actual_by", year="2019") == "2019-cu ilədək faktiki dəyər yoxdur"
    assert en("chart.status_at", period=en.round_label("2018-H2")) == "Status at H2 2018"
    # the text shown when there is no period has no cases: it stays as it is
    assert az("method.srm", period=az("report.no_data")).startswith("Hər tədbirin vəziyyəti onun Bu dövr")
    assert az("donor.intro", plan="MFP", period=az.round_label(None)) == "MFP: – yekunlarına görə icra vəziyyəti."


def test_plan_labels_and_separators_by_language():
    assert plan_label("NAP 2016-2018", "az") == "MFP 2016–2018"
    assert plan_label("SRM 2016-2020", "az") == "SYX 2016–2020"
    assert plan_label("NAP 2016-2018", "en") == "NAP 2016–2018"
    assert plan_label("Azerbaijan 4", "en") == "Azerbaijan 4"
    assert format_number(1650, "az", 0) == "1\u00a0650"
    assert format_number(1650, "en", 0) == "1,650"
    assert [decimal_separator(lg) for lg in ("az", "en", "ru")] == [",", ".", ","]


def test_azerbaijani_wording_of_the_review():
    az = catalogue("az")
    assert az["headline.overdue"] == "Vaxtı keçmiş tədbirlər"
    assert az["headline.n_assessed"] == "Qiymətləndirilmiş tədbirlər"
    assert az["col.attainment"] == "Hədəfə çatma dərəcəsi"
    assert az["change.worsened"] == "Geriləyib"
    assert az["chart.league.title"] == "Qurumlar üzrə icra indeksi"
    texts = " ".join(az.values()).lower()
    for word in ("bənd", "reytinq", "pisləş", "başlanğıc", "öhdəlik", "nailiyyət", "tendensiya"):
        # "öhdəlik" stays for OGP's own commitments (kind.ogp and the problems of OGP's export)
        hits = [k for k, v in az.items() if word in v.lower() and k != "kind.ogp" and not k.startswith("problem.")]
        assert hits == [], (word, hits)
    assert "yekunlarına" in texts
