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
        assert _fields(az[key]) <= _fields(en[key]) | {"roman", "dd", "mm", "day", "month"}, key
        # every placeholder English uses must be fillable in az too (same call site)
        assert _fields(en[key]) - {"n", "day", "month", "dd", "mm"} <= _fields(az[key]) | {"n"}, key


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
    assert format_number(1234.5, "az") == "1.234,5"
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
                               "measure '1.2' matches more than one measure of the plan (Tədbirlər!C3 and Tədbirlər!C8)"),
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
    pattern = re.compile(r'(?:Problem|UnusableInput|problem|problem_at|unusable)\(\s*f?"([a-z_]+(?:\.[a-z_{}]+)+)"')
    codes = set()
    for path in root.rglob("*.py"):
        for code in pattern.findall(path.read_text("utf-8")):
            if "{f}" in code:  # kpi.{f}.not_number: one code per KPI field
                codes |= {code.replace("{f}", f) for f in ("baseline_year", "baseline", "target_year", "target")}
            else:
                codes.add(code)
    return codes


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
