"""The same plan in two files (issue 10 item 5): an error naming both files and cells."""

import shutil

from click.testing import CliRunner
from test_template import nap_tables

from ogpstats.cli import main
from ogpstats.io import duplicates_across_files, load_dataset
from ogpstats.io.template import PLAN_SHEET, write_workbook
from ogpstats.model import make_items


def nap(path, plan="NAP test"):
    items, assessments = nap_tables()
    items["plan"], assessments["plan"] = plan, plan
    return write_workbook(path, "nap", plan=plan, items=items, assessments=assessments)


def test_a_copy_of_a_plan_is_an_error_naming_both_files(tmp_path):
    a = nap(tmp_path / "a.xlsx")
    b = shutil.copy(a, tmp_path / "b.xlsx")
    ds = load_dataset([a, b])
    # nap_tables: measures 1.1, 1.10 and 2.1 in cells C2, C3, C4 of the plan sheet.
    assert [(p.code, p.severity, p.file, p.sheet, p.cell) for p in ds.problems] == [
        ("number.duplicate_across_files", "error", str(a), PLAN_SHEET, c) for c in ("C2", "C3", "C4")]
    first = ds.problems[0]
    assert dict(first.fields) == {"value": "1.1", "plan": "NAP test",
                                  "cells": [f"{a}: {PLAN_SHEET}!C2", f"{b}: {PLAN_SHEET}!C2"]}
    assert first.message == (
        f"measure '1.1' of the plan 'NAP test' is in more than one file: {a}: {PLAN_SHEET}!C2 and "
        f"{b}: {PLAN_SHEET}!C2; keep one copy, or give each plan its own name (the plan name cell of the "
        "template, or the plan's title)")
    assert first.render("az").startswith("'NAP test' planının '1.1' nömrəli tədbiri bir neçə faylda var: ")


def test_ten_copies_do_not_count_30_measures(tmp_path):
    a = nap(tmp_path / "a.xlsx")
    copies = [a] + [shutil.copy(a, tmp_path / f"copy{i:02d}.xlsx") for i in range(9)]
    result = CliRunner().invoke(main, ["indicators", *map(str, copies), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if "number.duplicate" in line or "more than one file" in line]
    assert len(lines) == 3  # one per measure, each naming the 10 cells
    assert lines[0].count(f"{PLAN_SHEET}!C2") == 11  # where it is, and the 10 places in the text


def test_two_plans_of_the_same_kind_are_told_apart_by_their_names(tmp_path):
    a = nap(tmp_path / "a.xlsx", plan="NAP 2016-2018")
    b = nap(tmp_path / "b.xlsx", plan="NAP 2020-2022")
    ds = load_dataset([a, b])
    assert ds.problems == [] and len(ds.items) == 6
    assert sorted(set(ds.items["plan"])) == ["NAP 2016-2018", "NAP 2020-2022"]


def test_one_file_alone_is_not_checked_against_itself(tmp_path):
    assert load_dataset(nap(tmp_path / "a.xlsx")).problems == []


def test_duplicates_across_files_rule():
    items = make_items([
        dict(plan="P", kind="srm", item_id="tourism/1.1.1", file="a.xlsx", sheet="S", cell="D5"),
        dict(plan="P", kind="srm", item_id="tourism/1.1.2", file="a.xlsx", sheet="S", cell="D6"),
        dict(plan="P", kind="srm", item_id="tourism/1.1.2", file="a.xlsx", sheet="S", cell="D9"),  # same file
        dict(plan="Q", kind="srm", item_id="tourism/1.1.1", file="b.xlsx", sheet="S", cell="D5"),  # other plan
        dict(plan="P", kind="srm", item_id="tourism/1.1.1", file="c.xlsx", sheet="T", cell="D7"),
    ])
    problems = duplicates_across_files(items)
    assert [(p.file, p.sheet, p.cell, dict(p.fields)) for p in problems] == [
        ("a.xlsx", "S", "D5", {"value": "1.1.1", "plan": "P", "cells": ["a.xlsx: S!D5", "c.xlsx: T!D7"]})]
