"""`ogpstats tidy`: the tidy tables of the inputs as files, refused when the data has errors.

The workbook is the one of ``test_cli_options`` (three measures, one round 2017):
1.1 icra olunub → complete, 1.2 icra prosesindədir → limited, 1.3 icra olunmayıb → not_started.
"""

import json

import pytest
from click.testing import CliRunner
from test_cli_options import STATUS_WORDS, build

from ogpstats.cli import main
from ogpstats.indicators import compute_indicators
from ogpstats.tidy import parquet_available, read_tidy


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_tidy_writes_the_three_tables_and_names_them(tmp_path):
    plan = build(tmp_path / "plan.xlsx")
    out = tmp_path / "processed" / "new"  # created, parents too
    result = run("tidy", plan, "--out", out)
    assert result.exit_code == 0, result.output
    expected = [out / f"{name}.csv" for name in ("items", "assessments", "kpis")]
    if parquet_available():
        expected += [out / f"{name}.parquet" for name in ("items", "assessments", "kpis")]
    assert result.stdout.splitlines() == [f"wrote {path}" for path in expected]
    # UTF-8 with a byte-order mark, so Excel reads the Azerbaijani letters.
    raw = (out / "items.csv").read_bytes()
    assert raw.startswith("\ufeffplan,kind,".encode("utf-8")) and "Ədliyyə Nazirliyi".encode() in raw


def test_tidy_round_trips_to_the_same_indicators(tmp_path):
    out = tmp_path / "tidy"
    assert run("tidy", build(tmp_path / "plan.xlsx"), "--out", out).exit_code == 0
    ds = read_tidy(out)
    assert sorted(zip(ds.assessments["item_id"], ds.assessments["level"].astype(str))) == [
        ("1.1", "complete"), ("1.2", "limited"), ("1.3", "not_started")]
    row = compute_indicators(ds.items, ds.assessments, scheme="irm").iloc[0]
    # IRM scores 1, 1/3, 0 → 100 × (4/3) / 3 = 44.444444; all three due 2017-12-31, two not complete.
    assert (row["round"], row["n_assessed"], row["implementation_index"], row["overdue"]) == (
        "2017", 3, 44.444444, 2)
    # The CLI on the workbook itself says the same.
    cli = run("indicators", build(tmp_path / "again.xlsx"), "--scheme", "irm", "--format", "json")
    assert json.loads(cli.stdout)[0]["implementation_index"] == 44.444444


def test_tidy_refuses_data_with_errors_and_writes_nothing(tmp_path):
    plan = build(tmp_path / "plan.xlsx", {**STATUS_WORDS, "1.2": "yarımçıq"})
    out = tmp_path / "tidy"
    result = run("tidy", plan, "--out", out)
    assert result.exit_code == 1
    assert "2017-ci il!B3: error: unknown status word 'yarımçıq'" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("args", [["--out"], []])
def test_tidy_without_a_folder_is_a_usage_error(tmp_path, args):
    result = run("tidy", build(tmp_path / "plan.xlsx"), *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
