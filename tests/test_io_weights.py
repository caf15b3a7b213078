"""Weights (issue 10 item 6): finite, from 0 to WEIGHT_MAX, else an error at the cell."""

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from ogpstats.cli import main
from ogpstats.indicators import compute_indicators
from ogpstats.io import load_dataset
from ogpstats.io.plan import WEIGHT_MAX, invalid_weights
from ogpstats.io.template import PLAN_SHEET, write_workbook
from ogpstats.model import make_assessments, make_items

LEVELS = {"1.1": "complete", "1.2": "complete", "1.3": "complete", "1.4": "not_started", "1.5": "not_started"}


@pytest.fixture
def plan(tmp_path):
    """Five measures (plan sheet rows 2-6, weight column G), three complete and two not started in 2017."""
    items = make_items([dict(plan="NAP w", kind="nap", commitment="1", item_id=i, title=f"Tədbir {i}",
                             agencies=["Ədliyyə Nazirliyi"], deadline_text="2017-ci il") for i in LEVELS])
    assessments = make_assessments([dict(plan="NAP w", item_id=i, round="2017", level=lv) for i, lv in LEVELS.items()])
    return write_workbook(tmp_path / "w.xlsx", "nap", plan="NAP w", items=items, assessments=assessments)


def with_weight(path, cell: str, value):
    wb = openpyxl.load_workbook(path)
    wb[PLAN_SHEET][cell] = value
    wb.save(path)
    return path


def index(ds) -> float:
    return compute_indicators(ds.items, ds.assessments)["implementation_index"].iloc[0]


def test_weights_one_give_the_plain_index(plan):
    ds = load_dataset(plan)
    assert ds.problems == [] and list(ds.items["weight"]) == [1.0] * 5
    assert index(ds) == 60.0  # 100 * 3 complete / 5


def test_weight_zero_leaves_the_measure_out(plan):
    ds = load_dataset(with_weight(plan, "G5", 0))  # 1.4, not started
    assert ds.problems == [] and list(ds.items["weight"]) == [1, 1, 1, 0, 1]
    assert index(ds) == 75.0  # 100 * 3 / 4
    assert compute_indicators(ds.items, ds.assessments)["n_items"].iloc[0] == 5


def test_weights_up_to_the_bound_are_valid(plan):
    ds = load_dataset(with_weight(plan, "G2", WEIGHT_MAX))  # 1.1, complete
    assert ds.problems == []
    assert index(ds) == pytest.approx(100 * (WEIGHT_MAX + 2) / (WEIGHT_MAX + 4), abs=1e-6)  # 99.9998


@pytest.mark.parametrize(("value", "shown"), [(-2, "-2"), ("inf", "inf"), ("-inf", "-inf"), (1e308, "1e+308"),
                                              (1_000_001, "1000001")])
def test_invalid_weight_is_an_error_at_its_cell(plan, value, shown):
    ds = load_dataset(with_weight(plan, "G5", value))
    assert [(p.code, p.severity, p.sheet, p.cell, dict(p.fields)) for p in ds.problems] == [
        ("weight.invalid", "error", PLAN_SHEET, "G5", {"value": shown, "max": WEIGHT_MAX})]
    assert ds.problems[0].message == (f"weight {shown!r} is not valid: a weight is a number from 0 to 1000000 "
                                      "(0 leaves the measure out of the weighted figures)")
    assert ds.items["weight"].iloc[3] == 1.0  # read as the default; the error blocks indicators anyway


def test_negative_and_infinite_weights_stop_the_command_line(plan):
    # Taken as they were, -2 on 1.4 would give 100 * 3 / (5 - 3) = 150.0 and inf a null index
    # (with a RuntimeWarning from pandas on stderr): both are refused, naming the cell.
    for value, shown in ((-2, "-2"), ("inf", "inf")):
        result = CliRunner().invoke(main, ["indicators", str(with_weight(plan, "G5", value)), "--format", "json"])
        assert result.exit_code == 1
        assert f"{plan}: {PLAN_SHEET}!G5: error: weight {shown!r} is not valid" in result.stderr
        assert "Warning" not in result.stderr and result.stdout == ""


def test_the_weights_the_reader_refuses_would_break_the_index():
    """Why the rule: the indicators taken on such weights (the reader never gives them)."""
    items = make_items([dict(plan="P", kind="nap", item_id=i, title="t", weight=1.0) for i in LEVELS])
    assessments = make_assessments([dict(plan="P", item_id=i, round="2017", level=lv) for i, lv in LEVELS.items()])
    assert compute_indicators(items, assessments)["implementation_index"].iloc[0] == 60.0
    items.loc[3, "weight"] = -2.0
    assert compute_indicators(items, assessments)["implementation_index"].iloc[0] == 150.0
    items.loc[[0, 3], "weight"] = 1e308
    with pytest.warns(RuntimeWarning):
        assert pd.isna(compute_indicators(items, assessments)["implementation_index"].iloc[0])


def test_invalid_weights_rule():
    w = pd.Series([0.0, 1.0, 2.5, WEIGHT_MAX, None, -0.5, float("inf"), float("-inf"), WEIGHT_MAX + 1])
    assert list(invalid_weights(w)) == [False, False, False, False, False, True, True, True, True]
