"""The order of rounds and which round applies when (ogpstats.rounds), by hand."""

import pandas as pd

from ogpstats.model import make_assessments
from ogpstats.rounds import (
    applicable_round,
    data_rounds,
    is_after,
    latest_round,
    previous_round,
    report_round,
    round_ranks,
    rounds_in_order,
    rounds_upto,
    upto_mask,
)

ROUNDS = ["2018", "2017-H1", "2017-Q3", "2017-H2", "2017", "end_of_term", "progress_report", "2017-H1", None, ""]


def test_order_by_as_of_date_year_after_its_halves_ogp_rounds_first():
    assert rounds_in_order(ROUNDS) == [
        "progress_report", "end_of_term", "2017-H1", "2017-Q3", "2017-H2", "2017", "2018"]
    assert is_after("2017", "2017-H2") and not is_after("2017-H2", "2017")
    assert not is_after("2017-H1", "2017-H1")


def test_applicable_round_carries_the_last_round_at_or_before():
    rounds = ["2016-H2", "2017-H1", "2018"]
    assert applicable_round(rounds, "2017-H1") == "2017-H1"   # itself
    assert applicable_round(rounds, "2017-Q4") == "2017-H1"   # 31 Dec 2017 < 2018's 31 Dec 2018
    assert applicable_round(rounds, "2016-Q2") is None         # before the first round
    assert applicable_round(rounds, None) is None
    assert previous_round(rounds, "2018") == "2017-H1"
    assert previous_round(rounds, "2016-H2") is None
    assert rounds_upto(rounds, "2017-H2") == ["2016-H2", "2017-H1"]
    assert rounds_upto(rounds, "2017-H1", strict=True) == ["2016-H2"]


def test_report_round_latest_a_period_or_nothing():
    rounds = ["2017-H2", "2016-H2"]
    assert report_round(rounds, "latest") == "2017-H2"
    assert report_round(rounds, None) == "2017-H2"
    assert report_round(rounds, "2017-H1") == "2017-H1"  # shown as itself, 2016-H2 carried forward
    assert report_round(rounds, "2016-H1") is None
    assert report_round([], "latest") is None


def test_ranks_and_mask_per_row():
    values = pd.Series(["2017", "2016-H2", None, "2017-H1", "2016-H2"])
    assert round_ranks(values).tolist() == [2, 0, -1, 1, 0]
    assert round_ranks(values, upto="2017-H1").tolist() == [-1, 0, -1, 1, 0]
    assert upto_mask(values, "2016-H2").tolist() == [False, True, False, False, True]
    assert upto_mask(values, None).tolist() == [True, True, False, True, True]
    assert upto_mask(pd.Series([], dtype=object), "2017").tolist() == []


def test_rounds_of_an_assessments_table():
    a = make_assessments([dict(plan="P", item_id="1", round=r) for r in ("2017-H2", "2016", "2017-H2")])
    assert data_rounds(a) == ["2016", "2017-H2"]
    assert latest_round(a) == "2017-H2"
    assert latest_round(a.iloc[0:0]) is None
