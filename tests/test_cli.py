"""The `ogpstats` command line: output contract and exit codes."""

import json

import pytest
from click.testing import CliRunner
from test_template import nap_tables

from ogpstats.cli import main
from ogpstats.io.template import write_workbook

JSON_KEYS = {"group", "n_items", "n_assessed", "not_started", "limited", "substantial", "complete",
             "high_completion_rate", "completion_rate", "implementation_index", "mean_percent", "overdue",
             "round", "scheme"}


@pytest.fixture
def workbook(tmp_path):
    items, assessments = nap_tables()
    return write_workbook(tmp_path / "nap.xlsx", "nap", plan="NAP test", items=items, assessments=assessments)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_indicators_json_has_exactly_the_contract_keys(workbook):
    result = run("indicators", workbook, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and set(rows[0]) == JSON_KEYS
    # 2017-H2: 1.1 complete, 1.10 substantial (75.5 %), 2.1 blank → not assessed.
    assert rows[0]["group"] == "all" and rows[0]["round"] == "2017-H2" and rows[0]["scheme"] == "irm"
    assert (rows[0]["n_items"], rows[0]["n_assessed"]) == (3, 2)
    # 1.10 has weight 2: index = 100 * (1*1 + 2*2/3) / 3, mean percent = (100 + 2*75.5) / 3.
    assert rows[0]["implementation_index"] == 77.777778
    assert rows[0]["mean_percent"] == 83.666667


def test_indicators_by_commitment_and_scheme(workbook):
    result = run("indicators", workbook, "--by", "commitment", "--scheme", "caerc", "--format", "json")
    rows = {r["group"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"1", "2"}
    assert rows["1"]["implementation_index"] == 66.666667  # (1*1 + 2*0.5) / 3, 1.10 weighs 2
    assert rows["2"]["implementation_index"] is None and rows["2"]["n_assessed"] == 0


def test_round_accepts_azerbaijani_wording(workbook):
    result = run("indicators", workbook, "--round", "2017-ci ilin I yarımili", "--format", "csv")
    assert result.exit_code == 0
    header, values = result.stdout.strip().splitlines()
    record = dict(zip(header.split(","), values.split(",")))
    assert record["round"] == "2017-H1" and record["n_assessed"] == "1" and record["limited"] == "1"


def test_unusable_input_exits_2_with_one_line(tmp_path):
    result = run("indicators", tmp_path / "missing.xlsx")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"ogpstats: {tmp_path / 'missing.xlsx'}: no such file"]
    assert "Traceback" not in result.output


def test_data_errors_exit_1_and_name_the_cell(tmp_path):
    items, assessments = nap_tables()
    assessments = assessments.assign(status_text=["icra olunb", None, None, None])
    path = write_workbook(tmp_path / "bad.xlsx", "nap", plan="P", items=items, assessments=assessments)
    result = run("indicators", path)
    assert result.exit_code == 1
    assert (f"{path}: Qiymətləndirmə!C2: error: unknown status word 'icra olunb' (did you mean 'icra olunub'?)"
            in result.stderr)
    validated = run("validate", path, "--format", "json")
    assert validated.exit_code == 1
    problems = json.loads(validated.stdout)
    assert problems == [{"code": "status.unknown", "severity": "error", "file": str(path), "sheet": "Qiymətləndirmə",
                         "cell": "C2", "fields": {"value": "icra olunb"},
                         "message": "unknown status word 'icra olunb'", "suggestion": "icra olunub"}]


def test_usage_errors_exit_2(workbook):
    assert run("indicators", workbook, "--scheme", "nope").exit_code == 2
    assert run("indicators", workbook, "--round", "soon").exit_code == 2


def test_template_command_writes_a_workbook_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "plan.xlsx"
    assert run("template", "srm", out, "--years", "2017-2019").exit_code == 0
    assert out.exists()
    again = run("template", "srm", out)
    assert again.exit_code == 2 and "exists" in again.stderr
