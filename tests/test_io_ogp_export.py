"""OGP's public commitment export (CSV with or without BOM, XLSX) and its indicators.

The export fixture (``OGP_ROWS`` in ``tests/fixtures/workbooks.py``), progress report → end of term:

========  =========  ====  ===  ===================  =================
id        country    plan  end  progress report      end of term
========  =========  ====  ===  ===================  =================
AZ0001    Azerbaijan 2     2014 Limited              Complete
AZ0002    Azerbaijan 2     2014 Substantial          (blank)
AZ0003    Azerbaijan 3     2018 Not Started          ND
AZ0004    Azerbaijan 3     2018 Limited              Withdrawn
GE0001    Georgia    3     2018 Substantial          Completed
GE0002    Georgia    3     2018 N/A                  NR
========  =========  ====  ===  ===================  =================

Latest status (end of term, else progress report — OGP's rule): AZ0001
complete, AZ0002 substantial, AZ0003 not_started, AZ0004 limited, GE0001
complete, GE0002 not assessed.
"""

import json

import pytest
from click.testing import CliRunner

from ogpstats.cli import main
from ogpstats.io import load_dataset

from fixtures.workbooks import OGP_HEADER, build_ogp_xlsx, write_ogp_csv


def indicators(path, *args):
    result = CliRunner().invoke(main, ["indicators", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return {row["group"]: row for row in json.loads(result.stdout)}


@pytest.fixture(params=["csv-bom", "csv", "xlsx"])
def export(request, tmp_path):
    if request.param == "xlsx":
        return build_ogp_xlsx(tmp_path / "ogp.xlsx")
    return write_ogp_csv(tmp_path / "ogp.csv", bom=request.param == "csv-bom")


def test_items_and_rounds(export):
    ds = load_dataset(export)
    items = ds.items.set_index("item_id")
    assert list(items.index) == ["AZ0001", "AZ0002", "AZ0003", "AZ0004", "GE0001", "GE0002"]
    assert set(items["kind"]) == {"ogp"}
    assert items.loc["AZ0001", ["country", "plan", "end_year", "commitment", "title"]].tolist() == [
        "Azerbaijan", "2", 2014, "1", "Open data portal"]
    assert items.loc["GE0001", "agencies"] == ["Public Service Development Agency"]
    a = ds.assessments
    levels = {(i, r): (None if lv != lv else str(lv)) for i, r, lv in zip(a["item_id"], a["round"], a["level"])}
    # ND, NR, N/A, Withdrawn and blanks are not assessed; "Completed" is complete.
    assert levels == {
        ("AZ0001", "progress_report"): "limited", ("AZ0001", "end_of_term"): "complete",
        ("AZ0002", "progress_report"): "substantial", ("AZ0002", "end_of_term"): None,
        ("AZ0003", "progress_report"): "not_started", ("AZ0003", "end_of_term"): None,
        ("AZ0004", "progress_report"): "limited", ("AZ0004", "end_of_term"): None,
        ("GE0001", "progress_report"): "substantial", ("GE0001", "end_of_term"): "complete",
        ("GE0002", "progress_report"): None, ("GE0002", "end_of_term"): None,
    }
    assert ds.problems == []
    # Where each level was read: "Completion (End Of Term)" is column J.
    assert a[(a["item_id"] == "AZ0001") & (a["round"] == "end_of_term")]["cell"].tolist() == ["J2"]


def test_indicators_all(export):
    row = indicators(export)["all"]
    assert row["round"] == "end_of_term"
    # 6 commitments, 5 assessed (GE0002 never): not_started 1, limited 1, substantial 1, complete 2.
    assert [row[k] for k in ("n_items", "n_assessed", "not_started", "limited", "substantial", "complete")] == [
        6, 5, 1, 1, 1, 2]
    # high = 3/5, completion = 2/5, irm = 100 * (0 + 1/3 + 2/3 + 1 + 1) / 5 = 60; no deadlines: nothing overdue.
    assert (row["high_completion_rate"], row["completion_rate"], row["implementation_index"]) == (0.6, 0.4, 60.0)
    assert row["overdue"] == 0 and row["mean_percent"] is None


def test_indicators_at_the_progress_report(export):
    row = indicators(export, "--round", "progress_report")["all"]
    # Limited, substantial, not started, limited, substantial (GE0002 N/A):
    # irm = 100 * (1/3 + 2/3 + 0 + 1/3 + 2/3) / 5 = 40.
    assert (row["n_assessed"], row["complete"], row["implementation_index"]) == (5, 0, 40.0)


def test_groups_country_plan_year_agency(export):
    by_country = indicators(export, "--by", "country")
    # Azerbaijan: 0, 1/3, 2/3, 1 → 50; Georgia: GE0001 complete (GE0002 not assessed) → 100.
    assert {g: (r["n_items"], r["n_assessed"], r["implementation_index"]) for g, r in by_country.items()} == {
        "Azerbaijan": (4, 4, 50.0), "Georgia": (2, 1, 100.0)}
    by_plan = indicators(export, "--by", "plan")
    # Plan 2: complete + substantial → 100 * (1 + 2/3) / 2 = 83.333333;
    # plan 3: not_started, limited, complete (+ GE0002 unassessed) → 100 * (0 + 1/3 + 1) / 3 = 44.444444.
    assert {g: r["implementation_index"] for g, r in by_plan.items()} == {"2": 83.333333, "3": 44.444444}
    by_year = indicators(export, "--by", "year")
    assert {g: r["implementation_index"] for g, r in by_year.items()} == {"2014": 83.333333, "2018": 44.444444}
    by_agency = indicators(export, "--by", "agency")
    # Ministry of Justice: AZ0001 complete, AZ0004 limited → 100 * (1 + 1/3) / 2 = 66.666667.
    assert by_agency["Ministry of Justice"]["implementation_index"] == 66.666667
    assert by_agency["Parliament"]["n_assessed"] == 0 and by_agency["Parliament"]["implementation_index"] is None


def test_end_of_term_wins_over_the_progress_report_even_when_lower(tmp_path):
    path = tmp_path / "ogp.csv"
    path.write_text(",".join(OGP_HEADER[:10]) + "\n"
                    "X1,Azerbaijan,Europe,4,2022,1,A,Ministry of Justice,Substantial,Limited\n"
                    "X2,Azerbaijan,Europe,4,2022,2,B,Ministry of Justice,Complete,Not Started\n"
                    "X3,Azerbaijan,Europe,4,2022,3,C,Ministry of Justice,Limited,Unclear\n", encoding="utf-8")
    row = indicators(path)["all"]
    # X1 limited, X2 not_started (end of term), X3 limited (Unclear: the progress report stands).
    assert [row[k] for k in ("not_started", "limited", "substantial", "complete")] == [1, 2, 0, 0]


def test_unknown_completion_level_is_an_error_with_cell_and_suggestion(tmp_path):
    path = tmp_path / "ogp.csv"
    path.write_text(",".join(OGP_HEADER[:10]) + "\n"
                    "X1,Azerbaijan,Europe,4,2022,1,A,Ministry of Justice,Substantial,Complet\n", encoding="utf-8")
    problems = load_dataset(path).problems
    (problem,) = [p for p in problems if p.severity == "error"]
    assert (problem.severity, problem.sheet, problem.cell, problem.suggestion) == ("error", "ogp", "J2", "Complete")
    assert "'Complet'" in problem.message
    # With its only end-of-term cell unreadable, that round is empty: a warning at its header cell.
    (empty,) = [p for p in problems if p.severity == "warning"]
    assert (empty.cell, empty.message) == ("J1", "round end_of_term has no completion level for any commitment")
    result = CliRunner().invoke(main, ["indicators", str(path)])
    assert result.exit_code == 1 and "ogp!J2" in result.stderr


def test_kind_nap_on_the_export_is_refused(export):
    result = CliRunner().invoke(main, ["indicators", str(export), "--kind", "nap"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(export) in result.stderr and "--kind ogp" in result.stderr


def test_region_column_of_the_export_serves_benchmark_by_region(tmp_path):
    # Latest levels (end of term, else progress report): AZ1 complete (IRM score 1), AZ2 limited (1/3),
    # KZ1 not_started (0). Europe = (1 + 1/3) / 2 = 66.666667; Asia = 0; OGP = (1 + 1/3 + 0) / 3 = 44.444444.
    path = tmp_path / "ogp.csv"
    path.write_text(
        "Commitment Unique Identifier,Country/Locality,Region,Action Plan Number,Action Plan End Year,"
        "Commitment Title,Completion (Progress Report),Completion (End Of Term)\n"
        "AZ1,Azerbaijan,Europe,3,2018,Open data,Limited,Complete\n"
        "AZ2,Azerbaijan,Europe,3,2018,E-services,Limited,ND\n"
        "KZ1,Kazakhstan,Asia,1,2018,Budget,Not Started,\n", "utf-8")
    assert load_dataset(path).items["region"].tolist() == ["Europe", "Europe", "Asia"]
    result = CliRunner().invoke(main, ["benchmark", str(path), "--by", "region", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {(r["scope"], r["group"]): r["implementation_index"] for r in json.loads(result.stdout)}
    assert rows[("OGP", "Europe")] == pytest.approx(66.666667)
    assert rows[("OGP", "Asia")] == 0.0
    assert rows[("OGP", "all")] == pytest.approx(44.444444)


def test_benchmark_by_region_without_a_region_says_so(tmp_path):
    path = tmp_path / "ogp.csv"
    path.write_text("Commitment Unique Identifier,Country/Locality,Commitment Title,Completion (End Of Term)\n"
                    "AZ1,Azerbaijan,Open data,Complete\n", "utf-8")
    result = CliRunner().invoke(main, ["benchmark", str(path), "--by", "region"])
    assert result.exit_code == 2
    assert "region" in result.output and "Traceback" not in result.output
