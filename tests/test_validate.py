"""`ogpstats validate`: every problem with its file, sheet, cell and severity; exit codes; indicators refuse errors."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from ogpstats.cli import main
from ogpstats.io import load_dataset
from ogpstats.validate import Problem

from fixtures.workbooks import build_nap

PROBLEM_KEYS = {"code", "severity", "file", "sheet", "cell", "fields", "message", "suggestion"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def build_broken(path: Path) -> Path:
    """A NAP with one of each problem; the rows are numbered in the comments."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])            # 1
    ws.append(["1. Birinci istiqamət"])                                               # 2
    ws.append(["1.1", "A", "Ədliyyə Nazirliyi", "2017-ci il"])                      # 3
    ws.append(["1.2", "B", "Ədliyyə Nazirliyi, Vergilər Nazirliyi", "tezliklə"])    # 4: deadline D4
    ws.append(["1.2", "C", "Ədliye Nazirliyi", "2018-ci il"])                        # 5: duplicate; agency typo C5
    ws.append(["1.3", "D", "Vergilər Nazirliyi", "Daimi"])                            # 6
    rs = wb.create_sheet("2017-ci il")
    rs.append(["№", "İcra vəziyyəti", "İcra faizi"])                                  # 1
    rs.append(["1.1", "icra olunb", None])                                            # 2: unknown word B2
    rs.append(["1.3", None, 150])                                                     # 3: percent C3
    rs.append(["9.9", "icra olunub", None])                                           # 4: not in plan A4
    empty = wb.create_sheet("2018 H1")
    empty.append(["№", "Status"])                                                     # 1
    empty.append(["1.1", None])                                                       # 2: empty round B2
    empty.append(["1.3", ""])
    wb.save(path)
    return path


EXPECTED = [
    # (severity, sheet, cell, message, suggestion)
    ("warning", "Plan", "D4", "cannot read the deadline 'tezliklə'; the measure has no deadline", None),
    ("error", "Plan", "A4", "duplicate measure number '1.2' in Plan!A4 and Plan!A5", None),
    ("error", "2017-ci il", "B2", "unknown status word 'icra olunb'", "icra olunub"),
    ("error", "2017-ci il", "C3", "percent 150 is outside 0–100", None),
    ("error", "2017-ci il", "A4", "measure '9.9' is not in the plan", None),
    ("warning", "2018 H1", "B2", "round 2018-H1 has no status or percent for any measure", None),
    ("warning", "Plan", "C5", "agency 'Ədliye Nazirliyi' appears only once and is close to 'Ədliyyə Nazirliyi'; "
     "a typo? (an alias table can map it)", "Ədliyyə Nazirliyi"),
]


@pytest.fixture
def broken(tmp_path):
    return build_broken(tmp_path / "broken.xlsx")


def test_each_problem_has_its_cell_and_severity(broken):
    problems = load_dataset(broken).problems
    assert sorted((p.severity, p.sheet, p.cell, p.message, p.suggestion) for p in problems) == sorted(EXPECTED)
    assert {p.file for p in problems} == {str(broken)}


def test_validate_json_keys_and_exit_1(broken):
    result = run("validate", broken, "--format", "json")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert all(set(r) == PROBLEM_KEYS for r in rows)
    assert sorted((r["severity"], r["sheet"], r["cell"], r["message"], r["suggestion"]) for r in rows) == sorted(
        EXPECTED)


def test_validate_text_lines(broken):
    result = run("validate", broken)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{broken}: 2017-ci il!B2: error: unknown status word 'icra olunb' (did you mean 'icra olunub'?)" in lines
    assert len(lines) == len(EXPECTED)
    assert "4 error(s), 3 warning(s)" in result.stderr


def test_indicators_refuse_errors_with_the_same_messages(broken):
    result = run("indicators", broken)
    assert result.exit_code == 1
    assert result.stdout == ""
    for severity, sheet, cell, message, _ in EXPECTED:
        if severity == "error":
            assert f"{broken}: {sheet}!{cell}: error: {message}" in result.stderr
    assert "Traceback" not in result.output


def test_warnings_never_block(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1.1", "A", "Ədliyyə Nazirliyi", "tezliklə"])          # warning: deadline B… D2
    rs = wb.create_sheet("2017-ci il")
    rs.append(["№", "Status"])
    rs.append(["1.1", "icra olunub"])
    wb.save(tmp_path / "w.xlsx")
    result = run("validate", tmp_path / "w.xlsx", "--format", "json")
    assert result.exit_code == 0
    assert [(r["severity"], r["cell"]) for r in json.loads(result.stdout)] == [("warning", "D2")]
    result = run("indicators", tmp_path / "w.xlsx", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["complete"] == 1
    assert "Plan!D2: warning: cannot read the deadline 'tezliklə'" in result.stderr


def test_clean_file_validates_with_exit_0(tmp_path):
    result = run("validate", build_nap(tmp_path / "nap.xlsx"), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_ambiguous_float_numbers_name_both_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append([1.1, "A", "X", "2017"])      # A2: the float 1.1 — typed 1.1 or 1.10?
    ws.append(["1.10", "B", "Y", "2017"])   # A3
    ws.append([1.2, "C", "X", "2017"])      # A4: a float, but no 1.20: certain
    rs = wb.create_sheet("2017-Q3")
    rs.append(["№", "Status"])
    rs.append([1.1, "complete"])            # A2: ambiguous again
    rs.append([1.2, "complete"])
    wb.save(tmp_path / "amb.xlsx")
    ds = load_dataset(tmp_path / "amb.xlsx")
    errors = sorted((p.sheet, p.cell, p.message) for p in ds.problems if p.severity == "error")
    assert errors == [
        ("2017-Q3", "A2", "ambiguous measure number 1.1: stored as a number, it may be 1.1 or 1.10 "
                          "(Plan!A2 and Plan!A3); type the № column as text"),
        ("Plan", "A2", "ambiguous measure number: Plan!A2 and Plan!A3 — 1.1 is stored as a number, so it may "
                       "have been typed 1.1 or 1.10; type the № column as text"),
    ]
    assert list(ds.items["item_id"]) == ["1.1", "1.10", "1.2"]
    assert ds.assessments["item_id"].tolist() == ["1.2"]


def test_duplicate_round_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1.1", "A", "X", "2017"])
    rs = wb.create_sheet("2017")
    rs.append(["№", "Status"])
    rs.append(["1.1", "complete"])     # A2
    rs.append(["1.1.", "limited"])     # A3: the same measure again
    wb.save(tmp_path / "d.xlsx")
    (p,) = load_dataset(tmp_path / "d.xlsx").problems
    assert (p.severity, p.sheet, p.cell) == ("error", "2017", "A2")
    assert p.message == "measure '1.1' appears more than once in round 2017: 2017!A2 and 2017!A3"


def test_round_row_of_a_number_the_plan_has_twice(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1.1", "A", "X", "2017"])   # A2
    ws.append(["1.1", "B", "Y", "2017"])   # A3: the same number again
    rs = wb.create_sheet("2017")
    rs.append(["№", "Status"])
    rs.append(["1.1", "complete"])         # A2: which of the two?
    wb.save(tmp_path / "d.xlsx")
    problems = sorted((p.sheet, p.cell, p.message) for p in load_dataset(tmp_path / "d.xlsx").problems)
    assert problems == [("2017", "A2", "measure '1.1' matches more than one measure of the plan (Plan!A2 and Plan!A3)"),
                        ("Plan", "A2", "duplicate measure number '1.1' in Plan!A2 and Plan!A3")]


def test_alias_table_maps_abbreviations_and_old_names(tmp_path, broken):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,agency\nƏN,Ədliyyə Nazirliyi\nƏdliye Nazirliyi,Ədliyyə Nazirliyi\n"
                       "Rabitə və İnformasiya Texnologiyaları Nazirliyi,Nəqliyyat Nazirliyi\n", encoding="utf-8")
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1.1", "A", "ƏN; Vergilər Nazirliyi", "2017"])
    ws.append(["1.2", "B", "ədliyyə nazirliyi", "2017"])
    ws.append(["1.3", "C", "Rabitə və İnformasiya Texnologiyaları Nazirliyi", "2017"])
    wb.save(tmp_path / "a.xlsx")
    items = load_dataset(tmp_path / "a.xlsx", aliases=aliases).items
    # The table's spelling wins; "ədliyyə nazirliyi" differs only in case.
    assert list(items["agencies"]) == [["Ədliyyə Nazirliyi", "Vergilər Nazirliyi"], ["Ədliyyə Nazirliyi"],
                                       ["Nəqliyyat Nazirliyi"]]
    # From the command line: the typo warning of the broken file disappears with --aliases.
    result = run("validate", broken, "--format", "json", "--aliases", aliases)
    assert "C5" not in {r["cell"] for r in json.loads(result.stdout)}
    result = run("validate", broken, "--aliases", tmp_path / "missing.csv")
    assert result.exit_code == 2 and "missing.csv: no such alias table" in result.stderr


def test_problem_format_is_one_line():
    p = Problem("status.unknown", "error", "f.xlsx", "Plan", "B3", {"value": "x"}, "icra olunub")
    assert p.format() == "f.xlsx: Plan!B3: error: unknown status word 'x' (did you mean 'icra olunub'?)"


def test_srm_round_sheet_without_road_map_needs_unique_numbers(tmp_path):
    from openpyxl import load_workbook

    from fixtures.workbooks import build_srm

    path = build_srm(tmp_path / "srm.xlsx")
    wb = load_workbook(path)
    rs = wb.create_sheet("2018-ci il")     # names no road map, has no road map column
    rs.append(["№", "İcra vəziyyəti"])
    rs.append(["1.1.1", "icra olunub"])    # A2: tourism/1.1.1 or finance/1.1.1?
    rs.append(["1.1.2", "icra olunub"])    # A3: only tourism has it
    wb.save(path)
    ds = load_dataset(path)
    assert [(p.severity, p.sheet, p.cell, p.message) for p in ds.problems] == [
        ("error", "2018-ci il", "A2", "measure '1.1.1' is in several road maps (finance, tourism); add a road map "
                                      "column or name the sheet after the road map")]
    a = ds.assessments
    assert a[a["round"] == "2018"]["item_id"].tolist() == ["tourism/1.1.2"]


def test_validate_json_gives_a_code_and_fields_for_every_problem(broken):
    rows = json.loads(run("validate", broken, "--format", "json").stdout)
    assert sorted((r["code"], r["cell"], r["fields"].get("value")) for r in rows) == sorted([
        ("deadline.unreadable", "D4", "tezliklə"), ("number.duplicate", "A4", "1.2"),
        ("status.unknown", "B2", "icra olunb"), ("percent.range", "C3", 150.0),
        ("number.not_in_plan", "A4", "9.9"), ("round.empty", "B2", None), ("agency.typo", "C5", "Ədliye Nazirliyi")])
    dup = next(r for r in rows if r["code"] == "number.duplicate")
    assert dup["fields"] == {"value": "1.2", "cells": ["Plan!A4", "Plan!A5"]}


def test_validate_json_of_an_unusable_file_is_a_list_of_one_problem(tmp_path):
    missing = tmp_path / "yoxdur.xlsx"
    result = run("validate", missing, "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == [{
        "code": "file.missing", "severity": "error", "file": str(missing), "sheet": "", "cell": "",
        "fields": {}, "message": "no such file", "suggestion": None}]
    assert result.stderr == f"ogpstats: {missing}: no such file\n"
    # The text format prints nothing on stdout, as before.
    text = run("validate", missing)
    assert (text.exit_code, text.stdout) == (2, "")


def test_validate_json_of_a_bad_encoding_name_and_of_a_usage_error(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("№,Tədbirin adı,İcraçı qurumlar,İcra müddəti\n1.1,A,B,2017-ci il\n", encoding="utf-8")
    result = run("validate", plan, "--encoding", "klingon", "--format", "json")
    assert result.exit_code == 2
    [problem] = json.loads(result.stdout)
    assert (problem["code"], problem["fields"], problem["file"]) == ("file.encoding_name", {"encoding": "klingon"},
                                                                     str(plan))
    usage = run("validate", plan, "--format=json", "--kind", "xyz")
    assert usage.exit_code == 2
    [problem] = json.loads(usage.stdout)
    assert (problem["code"], problem["severity"]) == ("usage.invalid", "error")
    assert "'xyz' is not one of 'nap', 'srm', 'ogp'" in problem["message"]
    # Without --format json a usage error is click's usage text on stderr only.
    assert run("validate", plan, "--kind", "xyz").stdout == ""
