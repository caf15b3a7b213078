"""`ogpstats indicators` on a government plan in each file type gives the hand-computed numbers.

NAP fixture (``tests/fixtures/workbooks.py``), latest round 2017 (as of 2017-12-31):

====  ==========  ===========  ==========================  =========================
item  commitment  deadline     2017-H1                     2017
====  ==========  ===========  ==========================  =========================
1.1   1           2017-12-31   limited                     complete
1.2   1           2018-12-31   substantial (60 %)          75 % → substantial
1.3   1           2017-06-30   —                           100 % → complete
2.1   2           2017-12-31   not_started                 (blank: H1 carries)
2.2   2           Daimi        —                           —
====  ==========  ===========  ==========================  =========================

Status at 2017: complete, substantial (75), complete (100), not_started, not assessed.

* n_items 5, n_assessed 4; not_started 1, limited 0, substantial 1, complete 2
* high_completion_rate 3/4 = 0.75, completion_rate 2/4 = 0.5
* irm 100 × (1 + 2/3 + 1 + 0) / 4 = 66.666667; caerc 100 × (1 + 0.5 + 1 + 0) / 4 = 62.5;
  percent (100 [word only: caerc × 100] + 75 + 100 + 0) / 4 = 68.75
* mean_percent (75 + 100) / 2 = 87.5
* overdue: 2.1 (due 2017-12-31, not started) = 1; 1.1 and 1.3 are complete, 1.2 is due in
  2018, 2.2 is ongoing.
"""

import json

import pytest
from click.testing import CliRunner

from ogpstats.cli import main

from fixtures.workbooks import HERE, build_nap, build_srm, write_nap_csv

FORMATS = {
    "xlsx": lambda d: build_nap(d / "nap.xlsx"),
    "xlsx-round-columns": lambda d: build_nap(d / "nap.xlsx", round_columns=True),
    "xlsm": lambda d: HERE / "nap_government.xlsm",
    "xls": lambda d: HERE / "nap_government.xls",
    "ods": lambda d: HERE / "nap_government.ods",
    "csv": lambda d: write_nap_csv(d / "nap.csv", bom=True),
}


def indicators(path, *args) -> dict:
    result = CliRunner().invoke(main, ["indicators", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return {row["group"]: row for row in json.loads(result.stdout)}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_nap_indicators_in_every_format(tmp_path, fmt):
    path = FORMATS[fmt](tmp_path)
    row = indicators(path)["all"]
    assert row["round"] == "2017" and row["scheme"] == "irm"
    assert [row[k] for k in ("n_items", "n_assessed", "not_started", "limited", "substantial", "complete")] == [
        5, 4, 1, 0, 1, 2]
    assert (row["high_completion_rate"], row["completion_rate"]) == (0.75, 0.5)
    assert row["implementation_index"] == 66.666667
    assert row["mean_percent"] == 87.5 and row["overdue"] == 1
    assert indicators(path, "--scheme", "caerc")["all"]["implementation_index"] == 62.5
    assert indicators(path, "--scheme", "percent")["all"]["implementation_index"] == 68.75


def test_nap_by_commitment_agency_and_earlier_round(tmp_path):
    path = build_nap(tmp_path / "nap.xlsx")
    by = indicators(path, "--by", "commitment")
    # 1: complete, substantial, complete → 100 × (1 + 2/3 + 1) / 3 = 88.888889; 2: 2.1 not started → 0.
    assert {g: (r["n_items"], r["n_assessed"], r["implementation_index"]) for g, r in by.items()} == {
        "1": (3, 3, 88.888889), "2": (2, 1, 0.0)}
    by = indicators(path, "--by", "agency")
    # Ədliyyə Nazirliyi: 1.1 (complete), 1.3 (complete; "ədliyyə   NAZİRLİYİ"), 2.2 (not assessed) → 100.
    assert (by["Ədliyyə Nazirliyi"]["n_items"], by["Ədliyyə Nazirliyi"]["implementation_index"]) == (3, 100.0)
    # Rabitə və Yüksək Texnologiyalar Nazirliyi is one ministry: 1.2 substantial → 66.666667.
    assert by["Rabitə və Yüksək Texnologiyalar Nazirliyi"]["implementation_index"] == 66.666667
    row = indicators(path, "--round", "2017-ci ilin I yarımili")["all"]
    # 2017-H1: limited, substantial (60 %), not_started → 100 × (1/3 + 2/3 + 0) / 3 = 33.333333;
    # overdue as of 2017-06-30: 1.3 (due that day, unassessed).
    assert (row["round"], row["n_assessed"], row["implementation_index"], row["overdue"]) == (
        "2017-H1", 3, 33.333333, 1)


def test_nap_due_only(tmp_path):
    row = indicators(build_nap(tmp_path / "nap.xlsx"), "--due-only")["all"]
    # Due by 2017-12-31: 1.1 (complete), 1.3 (complete), 2.1 (not started) → 100 × 2/3 = 66.666667.
    assert (row["n_items"], row["n_assessed"], row["implementation_index"]) == (3, 3, 66.666667)


@pytest.mark.parametrize("source", ["xlsx", "ods", "xls"])
def test_srm_indicators_by_road_map(tmp_path, source):
    path = build_srm(tmp_path / "srm.xlsx") if source == "xlsx" else HERE / f"srm_government.{source}"
    by = indicators(path, "--by", "roadmap", "--scheme", "caerc")
    # Round 2017: tourism 1.1.1 complete, 1.1.2 limited, 1.2.1 not assessed → 100 × (1 + 0.5) / 2 = 75;
    # finance 1.1.1 substantial → 50; finance 1.1.1 is due 2017-12-31 and not complete: overdue.
    assert {g: (r["n_items"], r["n_assessed"], r["implementation_index"], r["overdue"]) for g, r in by.items()} == {
        "tourism": (3, 2, 75.0, 0), "finance": (1, 1, 50.0, 1)}
    by = indicators(path, "--by", "priority", "--scheme", "irm")  # a road map's default is caerc: irm asked for
    assert set(by) == {"tourism/1.1", "tourism/1.2", "finance/1.1"}
    # tourism/1.1: complete + limited → irm 100 × (1 + 1/3) / 2 = 66.666667.
    assert by["tourism/1.1"]["implementation_index"] == 66.666667
