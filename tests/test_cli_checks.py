"""Usage errors instead of silent nonsense (`--by`, `--round`), and `--format table` made readable.

Two canonical workbooks, written with the template writer:

NAP "P" (commitment 1, three measures due 2017-12-31, rounds 2016 and 2018):

====  =========  ===========  ===========
item  agencies   2016         2018
====  =========  ===========  ===========
1.1   A          limited      complete
1.2   B          not_started  limited
1.3   A          —            complete
====  =========  ===========  ===========

SRM "S" (round 2017): tourism 1.1 T1 complete, tourism 1.1 T2 limited, finance 2.1 F1 substantial.
"""

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from ogpstats.cli import main
from ogpstats.cli.output import readable, roadmap_title
from ogpstats.io.template import write_workbook
from ogpstats.model import make_assessments, make_items

NAP_ROUNDS = "the data's rounds: 2016, 2018"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def nap(tmp_path):
    items = make_items([
        {"plan": "P", "kind": "nap", "commitment": "1", "section_title": "Bölmə", "item_id": i,
         "title": f"Tədbir {i}", "agencies": [a], "deadline_text": "2017-ci il", "start": "2017-01-01",
         "deadline_end": "2017-12-31"}
        for i, a in (("1.1", "A"), ("1.2", "B"), ("1.3", "A"))])
    levels = [("1.1", "2016", "limited"), ("1.2", "2016", "not_started"),
              ("1.1", "2018", "complete"), ("1.2", "2018", "limited"), ("1.3", "2018", "complete")]
    assessments = make_assessments([{"plan": "P", "item_id": i, "round": r, "level": lv}
                                     for i, r, lv in levels])
    return write_workbook(tmp_path / "nap.xlsx", "nap", plan="P", items=items, assessments=assessments)


@pytest.fixture
def srm(tmp_path):
    items = make_items([
        {"plan": "S", "kind": "srm", "roadmap": rm, "priority": p, "section_title": "Prioritet",
         "item_id": f"{rm}/{i}", "title": i, "agencies": ["Nazirlik"], "deadline_text": "2017-ci il",
         "start": "2017-01-01", "deadline_end": "2017-12-31"}
        for rm, p, i in (("tourism", "1.1", "1.1.1"), ("tourism", "1.1", "1.1.2"), ("finance", "2.1", "2.1.1"))])
    assessments = make_assessments([
        {"plan": "S", "item_id": i, "round": "2017", "level": lv}
        for i, lv in (("tourism/1.1.1", "complete"), ("tourism/1.1.2", "limited"), ("finance/2.1.1", "substantial"))])
    return write_workbook(tmp_path / "srm.xlsx", "srm", plan="S", items=items, assessments=assessments)


def one_line_exit_2(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    return line


def test_by_a_field_the_data_does_not_have_names_the_fields_it_has(nap, srm):
    line = one_line_exit_2(run("indicators", nap, "--by", "roadmap"))
    assert line == "ogpstats: --by roadmap: the data has no roadmap; group by one of: commitment, agency, plan, year"
    line = one_line_exit_2(run("indicators", srm, "--by", "commitment"))
    assert line == ("ogpstats: --by commitment: the data has no commitment; "
                    "group by one of: agency, roadmap, priority, plan, year")
    assert "group by one of: commitment, agency" in one_line_exit_2(run("schedule", nap, "--by", "country"))


@pytest.mark.parametrize("round_, where", [("2019", "after the data's last round 2018"),
                                           ("2018-ci ilin II yarımili", None),  # 2018-H2 sorts before the year 2018
                                           ("2018-H1", None),  # between 2016 and 2018: carried forward
                                           ("2015", "before the data's first round 2016"),
                                           ("2016-H2", "before the data's first round 2016")])
def test_round_outside_the_data_is_exit_2_naming_its_rounds(nap, round_, where):
    result = run("indicators", nap, "--round", round_)
    if where is None:
        assert result.exit_code == 0, result.output
        return
    assert one_line_exit_2(result) == f"ogpstats: --round {round_} is {where}; {NAP_ROUNDS}"


@pytest.mark.parametrize("command", [["indicators"], ["scorecard"], ["schedule"], ["schedule", "--items"]])
def test_every_command_with_round_refuses_one_after_the_data(nap, command):
    line = one_line_exit_2(run(*command, nap, "--round", "2019"))
    assert line == f"ogpstats: --round 2019 is after the data's last round 2018; {NAP_ROUNDS}"


def test_benchmark_refuses_a_dated_round_on_ogp_rounds():
    from pathlib import Path

    export = Path(__file__).resolve().parents[1] / "data" / "raw" / "ogp_commitments.csv"
    line = one_line_exit_2(run("benchmark", export, "--round", "2017"))
    assert line == ("ogpstats: --round 2017 is after the data's last round end_of_term; "
                    "the data's rounds: progress_report, end_of_term")


def test_a_round_between_two_rounds_is_carried_forward(nap):
    result = run("indicators", nap, "--round", "2017", "--scheme", "irm", "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    # At 2017 the 2016 statuses stand: 1.1 limited (1/3), 1.2 not started (0), 1.3 not assessed.
    assert (row["round"], row["n_assessed"], row["limited"], row["not_started"]) == ("2017", 2, 1, 1)
    assert row["implementation_index"] == 16.666667  # 100 × (1/3 + 0) / 2
    assert row["overdue"] == 3  # all due 2017-12-31, none complete


def table_rows(result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return [line.split() for line in result.stdout.splitlines()]


def test_table_shows_rates_as_percents_and_the_index_with_one_decimal(nap):
    header, row = table_rows(run("indicators", nap, "--scheme", "irm"))
    values = dict(zip(header, row))
    # Round 2018: complete, limited, complete → completion 2/3, index 100 × (1 + 1/3 + 1) / 3 = 77.777778.
    assert values["completion_rate"] == "66.7%" and values["high_completion_rate"] == "66.7%"
    assert values["implementation_index"] == "77.8" and values["mean_percent"] == "—"
    assert "77.777778" not in run("indicators", nap, "--scheme", "irm").stdout
    csv = run("indicators", nap, "--scheme", "irm", "--format", "csv").stdout  # CSV keeps the exact values
    assert ",0.666667,77.777778," in csv


def test_table_names_road_maps_by_their_titles(srm):
    result = run("indicators", srm, "--by", "roadmap", "--scheme", "irm")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # Groups in key order: finance, tourism.
    assert lines[1].split()[:2] == ["Financial", "services"]
    assert [line.split()[0] for line in lines[1:]] == ["Financial", "Specialised"]  # no key left
    # finance: one substantial (2/3) → 66.7, high completion 100 %, completion 0 %.
    assert lines[1].split()[2:] == ["1", "1", "0", "0", "1", "0", "100.0%", "0.0%", "66.7", "—", "1", "2017", "irm"]
    # tourism: complete + limited → 100 × (1 + 1/3) / 2 = 66.666667.
    assert lines[2].split()[:3] == ["Specialised", "tourism", "industry"]
    assert lines[2].split()[3:] == ["2", "2", "0", "1", "0", "1", "50.0%", "50.0%", "66.7", "—", "1", "2017", "irm"]
    by_priority = run("indicators", srm, "--by", "priority").stdout
    assert "Specialised tourism industry / 1.1" in by_priority and "Financial services / 2.1" in by_priority
    keys = json.loads(run("indicators", srm, "--by", "roadmap", "--format", "json").stdout)
    assert [r["group"] for r in keys] == ["finance", "tourism"]  # JSON keeps the keys


def test_readable_formats_each_kind_of_number():
    df = pd.DataFrame({"group": ["tourism", "x/1"], "completion_rate": [0.45, None], "gap": [-31.666667, 5.0],
                       "progress_ratio": [0.723684, -0.0], "baseline": [1650.0, 2.25], "n_items": [3, 4]})
    out = readable(df, by="roadmap")
    assert out.to_dict("list") == {
        "group": ["Specialised tourism industry", "x/1"], "completion_rate": ["45.0%", None],
        "gap": ["-31.7", "5.0"], "progress_ratio": ["0.724", "0"], "baseline": ["1650", "2.25"], "n_items": [3, 4]}
    assert readable(df, percents=("gap",))["gap"].tolist() == ["-3166.7%", "500.0%"]
    assert readable(df)["group"].tolist() == ["tourism", "x/1"]  # titles only for a road map grouping
    assert roadmap_title("finance/2.1") == "Financial services / 2.1" and roadmap_title("1.2") == "1.2"


def test_a_year_ending_with_the_last_half_year_round_is_that_round():
    """--round 2018 on data ending 2018-H2 ends the same day: 2018-H2's statuses, not a usage error."""
    from ogpstats.cli.checks import check_round
    from ogpstats.indicators import compute_indicators
    from ogpstats.model import make_assessments, make_items
    from ogpstats.rounds import ends_after, is_after

    assert not ends_after("2018", "2018-H2") and is_after("2018", "2018-H2")
    items = make_items([dict(plan="P", kind="nap", commitment="1", item_id="1.1", title="a")])
    assessments = make_assessments([dict(plan="P", item_id="1.1", round="2018-H2", level="complete")])
    check_round(assessments, "2018")  # returns: no exit
    assert compute_indicators(items, assessments, round="2018").iloc[0]["completion_rate"] == 1.0
