"""Indicator values computed by hand on the small_plan fixture (see conftest.py)."""

import math

import pandas as pd
import pytest

from ogpstats.indicators import INDICATOR_COLUMNS, compute_indicators, effective_levels, index_over_rounds, status_at
from ogpstats.levels import level_from_percent
from ogpstats.model import make_assessments

from conftest import row


def test_carry_forward_takes_latest_assessment_at_or_before_round(small_plan):
    items, assessments = small_plan
    status = status_at(items, assessments, "2017-H2").set_index("item_id")
    assert status["level"].astype(object).where(status["level"].notna(), None).to_dict() == {
        "1.1": "complete", "1.2": "substantial", "2.1": "not_started", "2.2": "substantial", "3.1": None}
    # 2.1 was blank in H2, so its status comes from H1.
    assert status.loc["2.1", "assessed_round"] == "2017-H1"
    earlier = status_at(items, assessments, "2017-H1").set_index("item_id")
    assert earlier.loc["1.1", "level"] == "limited"
    assert pd.isna(earlier.loc["2.2", "level"])


def test_all_schemes_at_latest_round(small_plan):
    items, assessments = small_plan
    irm = row(compute_indicators(items, assessments), "all")
    assert irm["round"] == "2017-H2"  # the latest round is the default
    assert (irm["n_items"], irm["n_assessed"]) == (5, 4)
    assert (irm["not_started"], irm["limited"], irm["substantial"], irm["complete"]) == (1, 0, 2, 1)
    assert irm["high_completion_rate"] == 0.75  # (2 + 1) / 4
    assert irm["completion_rate"] == 0.25  # 1 / 4
    assert irm["implementation_index"] == 58.333333  # 100 * (1 + 2/3 + 0 + 2/3) / 4
    assert irm["mean_percent"] == 70.0  # (60 + 80) / 2
    assert irm["overdue"] == 1  # 2.2: due 2016-12-31, substantial
    caerc = row(compute_indicators(items, assessments, scheme="caerc"), "all")
    assert caerc["implementation_index"] == 50.0  # 100 * (1 + 0.5 + 0 + 0.5) / 4
    pct = row(compute_indicators(items, assessments, scheme="percent"), "all")
    assert pct["implementation_index"] == 60.0  # (100 [word only] + 60 + 0 [word only] + 80) / 4


def test_earlier_round_and_overdue(small_plan):
    items, assessments = small_plan
    h1 = row(compute_indicators(items, assessments, round="2017-H1"), "all")
    assert h1["n_assessed"] == 3
    assert h1["implementation_index"] == 22.222222  # 100 * (1/3 + 1/3 + 0) / 3
    assert h1["mean_percent"] == 40.0
    # As of 2017-06-30: 1.1 due that day and only limited; 2.2 due and unassessed.
    assert h1["overdue"] == 2


def test_due_only_keeps_items_due_by_the_round(small_plan):
    items, assessments = small_plan
    due = row(compute_indicators(items, assessments, due_only=True), "all")
    assert (due["n_items"], due["n_assessed"], due["complete"], due["substantial"]) == (2, 2, 1, 1)
    assert due["implementation_index"] == 83.333333  # (1 + 2/3) / 2
    assert due["overdue"] == 1


def test_multi_agency_items_count_once_per_agency(small_plan):
    items, assessments = small_plan
    by_agency = compute_indicators(items, assessments, by="agency")
    assert list(by_agency["group"]) == ["(no agency)", "A", "B", "C"]
    a, b, c = row(by_agency, "A"), row(by_agency, "B"), row(by_agency, "C")
    assert (a["n_items"], a["implementation_index"]) == (2, 83.333333)  # 1.1 complete, 1.2 substantial
    assert (b["n_items"], b["implementation_index"]) == (2, 50.0)  # 1.1 complete, 2.1 not started
    assert (c["n_items"], c["implementation_index"]) == (1, 66.666667)
    # 1.1 is counted for A and for B: the agency rows add up to more than the plan.
    assert by_agency["n_items"].sum() == 6


def test_group_with_nothing_assessed_has_null_rates(small_plan):
    items, assessments = small_plan
    by_commitment = compute_indicators(items, assessments, by="commitment")
    assert list(by_commitment["group"]) == ["1", "2", "3"]
    three = row(by_commitment, "3")
    assert three["n_items"] == 1 and three["n_assessed"] == 0
    for key in ("high_completion_rate", "completion_rate", "implementation_index", "mean_percent"):
        assert math.isnan(three[key])
    assert row(by_commitment, "2")["implementation_index"] == 33.333333  # (0 + 2/3) / 2


def test_weights(small_plan):
    items, assessments = small_plan
    items.loc[items["item_id"] == "1.1", "weight"] = 2.0
    irm = row(compute_indicators(items, assessments), "all")
    assert irm["implementation_index"] == 66.666667  # 100 * (2*1 + 2/3 + 0 + 2/3) / 5


def test_columns_and_over_rounds(small_plan):
    items, assessments = small_plan
    assert tuple(compute_indicators(items, assessments).columns) == INDICATOR_COLUMNS
    series = index_over_rounds(items, assessments)
    assert list(series["round"]) == ["2017-H1", "2017-H2"]
    assert list(series["implementation_index"]) == [22.222222, 58.333333]


@pytest.mark.parametrize("percent, level", [(0, "not_started"), (0.5, "limited"), (49.9, "limited"),
                                            (50, "substantial"), (99.9, "substantial"), (100, "complete")])
def test_percent_maps_to_level(percent, level):
    assert level_from_percent(percent) == level
    frame = make_assessments([dict(plan="P", item_id="1", round="2017", percent=percent)])
    assert effective_levels(frame).iloc[0] == level


def test_unknown_scheme_and_grouping_are_refused(small_plan):
    items, assessments = small_plan
    with pytest.raises(ValueError, match="scheme"):
        compute_indicators(items, assessments, scheme="mean")
    with pytest.raises(ValueError, match="grouping"):
        compute_indicators(items, assessments, by="colour")


def test_overdue_definition_worked_example():
    from ogpstats.indicators import due_mask, overdue_mask

    # The docstring's example at 2017-H2 (as of 2017-12-31).
    status = pd.DataFrame({
        "deadline_end": pd.to_datetime(["2017-06-30", "2017-06-30", "2018-12-31", None, "2017-12-31"]),
        "ongoing": [False, False, False, True, False],
        "level": pd.Categorical(["substantial", "complete", "limited", None, None]),
    })
    as_of = pd.Timestamp("2017-12-31")
    assert due_mask(status, as_of).tolist() == [True, True, False, False, True]
    assert overdue_mask(status, as_of).tolist() == [True, False, False, False, True]
    # OGP's rounds have no as-of date: nothing is due.
    assert not overdue_mask(status, None).any()
    assert not overdue_mask(status, pd.NaT).any()
