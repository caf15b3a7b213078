"""Analytics (issue 4): values computed by hand in the comments."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest

from ogpstats.analytics import (
    BENCHMARK_COLUMNS,
    KPI_STATUS_COLUMNS,
    MATRIX_LEVELS,
    NOT_AT_CURRENT_PACE,
    SCHEDULE_COLUMNS,
    SCORECARD_COLUMNS,
    agency_scorecard,
    elapsed_share,
    forecast,
    kpi_status,
    ogp_benchmark,
    on_time_completion,
    schedule_items,
    schedule_tracking,
    transitions,
)
from ogpstats.indicators import compute_indicators, status_at
from ogpstats.model import make_assessments, make_items, make_kpis


def by_key(frame: pd.DataFrame, column: str, value) -> dict:
    match = frame[frame[column] == value]
    assert len(match) == 1, f"expected one row with {column}={value!r}, got {len(match)}"
    return match.iloc[0].to_dict()


# ---------------------------------------------------------------------------
# KPIs
# ---------------------------------------------------------------------------

def kpi(name, baseline_year, baseline, target_year, target, year=None, value=None, roadmap="national_economy"):
    return dict(plan="SRM", roadmap=roadmap, kpi=name, unit="%", baseline_year=baseline_year, baseline=baseline,
                target_year=target_year, target=target, year=year, value=value)


@pytest.fixture
def kpis():
    return make_kpis([
        # Falling target: import dependency 40 % (2016) -> 25 % (2025); actuals 38 (2018), 33 (2021).
        kpi("Import dependency", 2016, 40, 2025, 25, 2018, 38),
        kpi("Import dependency", 2016, 40, 2025, 25, 2021, 33),
        # Rising target 100 -> 200 (2016 -> 2020), 120 in 2018.
        kpi("Exports", 2016, 100, 2020, 200, 2018, 120),
        # No actual yet.
        kpi("Tourist arrivals", 2016, 2.5, 2020, 4.0),
        # Target equal to baseline.
        kpi("Inflation", 2016, 5, 2020, 5, 2018, 6),
        # Only the baseline year's own value.
        kpi("Broadband", 2016, 20, 2020, 60, 2016, 20),
        # Reached the target, reported after the target year.
        kpi("Water", 2016, 0, 2020, 10, 2022, 10, roadmap="utilities"),
    ])


def test_kpi_falling_target_uses_the_latest_actual(kpis):
    out = kpi_status(kpis)
    assert tuple(out.columns) == KPI_STATUS_COLUMNS
    dep = by_key(out, "kpi", "Import dependency")
    assert (dep["latest_year"], dep["latest_value"]) == (2021, 33.0)
    assert dep["attainment"] == 0.466667  # (33 - 40) / (25 - 40) = 7/15
    assert dep["expected"] == 0.555556  # (2021 - 2016) / (2025 - 2016) = 5/9
    assert dep["progress_ratio"] == 0.84  # (7/15) / (5/9) = 63/75
    assert dep["status"] == "at_risk" and dep["reason"] is None  # 0.5 <= 0.84 < 0.9


def test_kpi_as_of_and_thresholds(kpis):
    dep = by_key(kpi_status(kpis, as_of=2019), "kpi", "Import dependency")
    # As of 2019 the latest actual is 38 (2018): (38-40)/(25-40) = 2/15; expected 2/9; ratio 0.6.
    assert (dep["latest_year"], dep["attainment"], dep["expected"], dep["progress_ratio"]) == \
        (2018, 0.133333, 0.222222, 0.6)
    assert dep["status"] == "at_risk"
    # The same 0.84 is on track when the bar is 0.8.
    assert by_key(kpi_status(kpis, on_track=0.8), "kpi", "Import dependency")["status"] == "on_track"
    # Exports: (120-100)/(200-100) = 0.2 against 2/4 = 0.5: ratio 0.4 < 0.5.
    exports = by_key(kpi_status(kpis), "kpi", "Exports")
    assert (exports["progress_ratio"], exports["status"]) == (0.4, "off_track")
    assert by_key(kpi_status(kpis, at_risk=0.4), "kpi", "Exports")["status"] == "at_risk"


def test_kpi_moving_the_wrong_way_is_off_track():
    out = kpi_status(make_kpis([kpi("Import dependency", 2016, 40, 2025, 25, 2021, 42)]))
    row = out.iloc[0]
    assert row["attainment"] == -0.133333  # (42 - 40) / (25 - 40) = -2/15
    assert row["progress_ratio"] == -0.24  # (-2/15) / (5/9)
    assert row["status"] == "off_track"


def test_kpi_without_data_never_divides_by_zero(kpis):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning from a division would fail here
        out = kpi_status(kpis)
    tourism = by_key(out, "kpi", "Tourist arrivals")
    assert (tourism["status"], tourism["reason"]) == ("no_data", "no actual value yet")
    assert pd.isna(tourism["latest_year"]) and math.isnan(tourism["attainment"])
    assert math.isnan(tourism["progress_ratio"])
    inflation = by_key(out, "kpi", "Inflation")
    assert (inflation["status"], inflation["reason"]) == ("no_data", "target equals baseline")
    assert math.isnan(inflation["attainment"]) and inflation["latest_value"] == 6.0
    broadband = by_key(out, "kpi", "Broadband")
    assert (broadband["status"], broadband["reason"]) == ("no_data", "no actual value after the baseline year")
    early = by_key(kpi_status(kpis, as_of=2017), "kpi", "Exports")
    assert (early["status"], early["reason"]) == ("no_data", "no actual value in a year <= 2017")


def test_kpi_reasons_are_problem_codes_with_fields(kpis):
    out = kpi_status(kpis)
    tourism = by_key(out, "kpi", "Tourist arrivals")
    assert (tourism["reason_code"], tourism["reason_fields"]) == ("kpi.no_actual", {})
    inflation = by_key(out, "kpi", "Inflation")
    assert (inflation["reason_code"], inflation["reason_fields"]) == ("kpi.target_equals_baseline", {})
    assert by_key(out, "kpi", "Water")["reason_code"] is None
    assert by_key(out, "kpi", "Water")["reason_fields"] is None
    early = by_key(kpi_status(kpis, as_of=2017), "kpi", "Exports")
    assert (early["reason_code"], early["reason_fields"]) == ("kpi.no_actual_by", {"year": 2017})
    # The texts come from the catalogue: the Azerbaijani one by the same code and fields.
    from ogpstats.i18n import messages
    assert messages("az")("problem." + early["reason_code"], **early["reason_fields"]) == \
        "faktiki dəyər yoxdur (son il: 2017)"


def test_kpi_expected_is_capped_after_the_target_year(kpis):
    water = by_key(kpi_status(kpis), "kpi", "Water")
    # 2022 is past the 2020 target year: the whole way is expected (1, not 6/4), and the target is met.
    assert (water["attainment"], water["expected"], water["progress_ratio"], water["status"]) == \
        (1.0, 1.0, 1.0, "on_track")


def test_kpi_refuses_inverted_thresholds(kpis):
    with pytest.raises(ValueError, match="at_risk"):
        kpi_status(kpis, on_track=0.4, at_risk=0.5)


# ---------------------------------------------------------------------------
# Schedule
# ---------------------------------------------------------------------------

@pytest.fixture
def scheduled():
    """Assessed at 2017-H2 (as of 2017-12-31)."""
    items = make_items([
        # 2017-01-01 .. 2018-12-31: 365 of 730 days gone -> 0.5
        dict(plan="P", kind="nap", item_id="S1", agencies=["A"], start="2017-01-01", deadline_end="2018-12-31"),
        # ends on the as-of date -> 1
        dict(plan="P", kind="nap", item_id="S2", agencies=["A", "B"], start="2017-01-01", deadline_end="2017-12-31"),
        # ended a year ago -> clipped to 1
        dict(plan="P", kind="nap", item_id="S3", agencies=["B"], start="2016-01-01", deadline_end="2016-12-31"),
        # ongoing -> no expected share
        dict(plan="P", kind="nap", item_id="S4", agencies=["B"], start="2016-01-01", ongoing=True),
        # starts next year -> clipped to 0
        dict(plan="P", kind="nap", item_id="S5", agencies=["C"], start="2018-01-01", deadline_end="2018-12-31"),
    ])
    assessments = make_assessments([
        dict(plan="P", item_id="S1", round="2017-H2", level="limited"),
        dict(plan="P", item_id="S2", round="2017-H2", level="complete"),
        dict(plan="P", item_id="S4", round="2017-H2", level="substantial"),
    ])
    return items, assessments


def test_elapsed_share(scheduled):
    items, _ = scheduled
    share = elapsed_share(items, "2017-12-31")
    assert share.round(6).tolist()[:3] == [0.5, 1.0, 1.0]
    assert math.isnan(share.iloc[3]) and share.iloc[4] == 0.0
    # The first day counts: on its start date a 730-day item is 1/730 along.
    assert elapsed_share(items.iloc[:1], "2017-01-01").iloc[0] == pytest.approx(1 / 730)


def test_schedule_tracking_all_and_by_agency(scheduled):
    items, assessments = scheduled
    out = schedule_tracking(items, assessments)
    assert tuple(out.columns) == SCHEDULE_COLUMNS
    everything = by_key(out, "group", "all")
    # Scheduled S1, S2, S3, S5: (0.5 + 1 + 1 + 0) / 4 = 0.625. Index over S1, S2, S4: (1/3 + 1 + 2/3) / 3.
    assert (everything["n_items"], everything["n_scheduled"]) == (5, 4)
    assert everything["expected_share"] == 0.625
    assert everything["implementation_index"] == 66.666667
    assert everything["gap"] == 4.166667  # 66.666667 - 62.5
    agencies = schedule_tracking(items, assessments, by="agency")
    a, b, c = (by_key(agencies, "group", g) for g in "ABC")
    # A: S1, S2 -> expected 0.75; index (1/3 + 1) / 2 = 66.666667; gap -8.333333
    assert (a["expected_share"], a["implementation_index"], a["gap"]) == (0.75, 66.666667, -8.333333)
    # B: S2 (shared with A), S3, S4 (ongoing): expected (1 + 1) / 2; index (1 + 2/3) / 2 over S2, S4.
    assert (b["n_items"], b["n_scheduled"], b["expected_share"], b["implementation_index"], b["gap"]) == \
        (3, 2, 1.0, 83.333333, -16.666667)
    # C: S5 not started yet and not assessed: expected 0, index and gap null.
    assert c["expected_share"] == 0.0 and math.isnan(c["gap"])


def test_schedule_items_most_behind_first(scheduled):
    items, assessments = scheduled
    per_item = schedule_items(items, assessments)
    assert per_item["item_id"].iloc[0] == "S1"  # 1/3 done, half the time gone: gap -0.166667
    assert by_key(per_item, "item_id", "S1")["gap"] == -0.166667
    assert by_key(per_item, "item_id", "S2")["gap"] == 0.0


def test_schedule_refuses_undated_rounds(scheduled):
    items, _ = scheduled
    ogp = make_assessments([dict(plan="P", item_id="S1", round="end_of_term", level="limited")])
    with pytest.raises(ValueError, match="no as-of date"):
        schedule_tracking(items, ogp)


# ---------------------------------------------------------------------------
# Transitions
# ---------------------------------------------------------------------------

@pytest.fixture
def two_rounds():
    """Rounds 2017-H1 (as of 2017-06-30) and 2017-H2 (2017-12-31)."""
    items = make_items([
        dict(plan="P", kind="nap", item_id="1", deadline_end="2017-12-31"),
        dict(plan="P", kind="nap", item_id="2", deadline_end="2017-12-31"),
        dict(plan="P", kind="nap", item_id="3", deadline_end="2018-12-31"),
        dict(plan="P", kind="nap", item_id="4", deadline_end="2017-09-30"),
        dict(plan="P", kind="nap", item_id="5", deadline_end="2016-12-31"),
        dict(plan="P", kind="nap", item_id="6", ongoing=True),
        dict(plan="P", kind="nap", item_id="7", deadline_end="2017-03-31"),
    ])
    rows = [("1", "limited", "complete"), ("2", "substantial", "limited"), ("3", "limited", "limited"),
            ("4", "not_started", None), ("5", None, "substantial"), ("7", "complete", "complete")]
    assessments = make_assessments(
        [dict(plan="P", item_id=i, round="2017-H1", level=h1) for i, h1, _ in rows]
        + [dict(plan="P", item_id=i, round="2017-H2", level=h2) for i, _, h2 in rows])
    return items, assessments


def test_transition_matrix_and_counts(two_rounds):
    items, assessments = two_rounds
    t = transitions(items, assessments, "2017-H1", "2017-H2")
    assert list(t.matrix.index) == list(MATRIX_LEVELS) == list(t.matrix.columns)
    m = t.matrix
    # 1 limited->complete, 2 substantial->limited, 3 limited->limited, 4 not_started->(blank, carried) not_started,
    # 5 not assessed->substantial, 6 never assessed, 7 complete->complete.
    expected = {("limited", "complete"): 1, ("substantial", "limited"): 1, ("limited", "limited"): 1,
                ("not_started", "not_started"): 1, ("not_assessed", "substantial"): 1,
                ("not_assessed", "not_assessed"): 1, ("complete", "complete"): 1}
    for a in MATRIX_LEVELS:
        for b in MATRIX_LEVELS:
            assert m.loc[a, b] == expected.get((a, b), 0), (a, b)
    assert t.counts == {"improved": 1, "unchanged": 3, "worsened": 1, "newly_assessed": 1, "not_assessed": 1,
                        "became_overdue": 2}
    # Flagged: 2 worsened (and is now overdue), then 4 (due 2017-09-30, still not started). 5 was overdue already.
    assert t.flagged["item_id"].tolist() == ["2", "4"]
    assert t.flagged["change"].tolist() == ["worsened", "unchanged"]
    d = t.to_dict()
    assert d["matrix"]["substantial"]["limited"] == 1 and d["counts"]["worsened"] == 1
    assert [r["item_id"] for r in d["flagged"]] == ["2", "4"] and d["flagged"][0]["deadline_end"] == "2017-12-31"


def test_transitions_refuse_unknown_or_reversed_rounds(two_rounds):
    items, assessments = two_rounds
    with pytest.raises(ValueError, match="not in the data"):
        transitions(items, assessments, "2016-H2", "2017-H2")
    with pytest.raises(ValueError, match="after"):
        transitions(items, assessments, "2017-H2", "2017-H1")


# ---------------------------------------------------------------------------
# Forecast
# ---------------------------------------------------------------------------

def yearly(levels_by_round: dict[str, list[str]]):
    n = len(next(iter(levels_by_round.values())))
    items = make_items([dict(plan="P", kind="nap", item_id=str(i), deadline_end="2019-12-31") for i in range(n)])
    assessments = make_assessments([dict(plan="P", item_id=str(i), round=r, level=lv)
                                    for r, levels in levels_by_round.items() for i, lv in enumerate(levels)])
    return items, assessments


def test_forecast_reaches_100():
    c, n = "complete", "not_started"
    # IRM index 20, 40, 60 at the ends of 2016, 2017, 2018 (t = 2017, 2018, 2019): 20 points a year.
    items, assessments = yearly({"2016": [c, n, n, n, n], "2017": [c, c, n, n, n], "2018": [c, c, c, n, n]})
    f = forecast(items, assessments)
    assert f.by_round["implementation_index"].tolist() == [20.0, 40.0, 60.0]
    assert f.by_round["t"].tolist() == [2017.0, 2018.0, 2019.0]
    assert f.slope_per_year == 20.0
    assert f.plan_end == pd.Timestamp("2019-12-31")  # the latest deadline
    assert f.projected_index == 80.0  # 60 + 20 x (2020 - 2019)
    # 100 at t = 2021, the end of 2020.
    assert (f.reach_100_round, f.reach_100_date) == ("2020", pd.Timestamp("2020-12-31"))
    assert f.message == "reaches 100 by 2020"
    # A later plan end is clipped at 100 (the line gives 140 at the end of 2022).
    assert forecast(items, assessments, plan_end="2022").projected_index == 100.0


def test_forecast_that_never_reaches_100():
    c, lim, n = "complete", "limited", "not_started"
    # A slow pace first: index 20, 40, 33.333333 (two items limited in 2018, one complete one gone back).
    items, assessments = yearly({"2016": [c, n, n, n, n], "2017": [c, n, n, n, c], "2018": [c, n, n, lim, lim]})
    f = forecast(items, assessments)
    assert f.by_round["implementation_index"].tolist() == [20.0, 40.0, 33.333333]
    # Least squares, t = 2017, 2018, 2019: mean 31.111111 at 2018, slope ((33.3 - 31.1) - (20 - 31.1)) / 2.
    assert f.slope_per_year == 6.666667
    # 100 at 2018 + (100 - 31.111111) / 6.666667 = 2028.33: in 2028.
    assert f.reach_100_round == "2028"
    items, assessments = yearly({"2016": [c, n, n], "2017": [c, n, n], "2018": [lim, n, n]})
    f = forecast(items, assessments)
    # 33.333333, 33.333333, 11.111111: slope (11.111111 - 33.333333) / 2 = -11.111111 a year.
    assert f.slope_per_year == -11.111111
    assert f.reach_100_round is None and f.reach_100_date is None
    assert f.message == NOT_AT_CURRENT_PACE == "not at the current pace"
    # The line: mean 25.925926 at t = 2018; at the end of 2019 (t = 2020): 25.925926 - 2 x 11.111111.
    assert f.projected_index == 3.703704


def test_forecast_flat_and_single_round():
    lim = "limited"
    items, assessments = yearly({"2016": [lim, lim], "2017": [lim, lim]})
    f = forecast(items, assessments)
    assert f.slope_per_year == 0.0 and f.reach_100_round is None
    items, assessments = yearly({"2016": [lim, lim]})
    f = forecast(items, assessments)
    assert f.slope_per_year is None and f.projected_index is None and f.reach_100_round is None
    assert f.message == "no trend: fewer than two dated rounds with an index"


def test_forecast_half_year_rounds_name_a_half():
    c, n = "complete", "not_started"
    # Index 0, 50, 100: already done, so the answer is the first round with 100, 2018-H1.
    items, assessments = yearly({"2017-H1": [n, n], "2017-H2": [c, n], "2018-H1": [c, c]})
    assert forecast(items, assessments).reach_100_round == "2018-H1"
    items, assessments = yearly({"2017-H1": [n, n, n, n], "2017-H2": [c, n, n, n]})
    f = forecast(items, assessments)
    # 25 points in 184 days (2017-06-30 -> 2017-12-31): the other 75 take 552 days more, to the end
    # of 2019-07-06 (2017-12-31 + 552 days = the start of 2019-07-07): 2019-H2.
    assert (f.reach_100_round, f.reach_100_date) == ("2019-H2", pd.Timestamp("2019-07-06"))


# ---------------------------------------------------------------------------
# Agency scorecard
# ---------------------------------------------------------------------------

@pytest.fixture
def agencies_plan():
    """Rounds 2017-H1, 2017-H2, 2018-H1; A2 is shared by agencies A and B."""
    items = make_items([
        dict(plan="P", kind="nap", item_id="A1", agencies=["A"], deadline_end="2017-06-30"),
        dict(plan="P", kind="nap", item_id="A2", agencies=["A", "B"], deadline_end="2017-06-30"),
        dict(plan="P", kind="nap", item_id="B1", agencies=["B"], deadline_end="2017-03-31"),
        dict(plan="P", kind="nap", item_id="B2", agencies=["B"], deadline_end="2018-12-31"),
        dict(plan="P", kind="nap", item_id="C1", agencies=["C"], deadline_end="2017-12-31"),
    ])
    rows = {
        "A1": ["complete", None, None],
        "A2": ["limited", "complete", None],
        "B1": ["complete", None, None],
        "B2": ["limited", "limited", "substantial"],
        "C1": ["not_started", "not_started", "not_started"],
    }
    assessments = make_assessments([dict(plan="P", item_id=i, round=r, level=lv)
                                    for i, levels in rows.items()
                                    for r, lv in zip(["2017-H1", "2017-H2", "2018-H1"], levels)])
    return items, assessments


def test_on_time_completion(agencies_plan):
    items, assessments = agencies_plan
    t = on_time_completion(items, assessments).set_index("item_id")
    # Verdict round = first round whose as-of date is on or after the deadline.
    assert t["verdict_round"].to_dict() == {"A1": "2017-H1", "A2": "2017-H1", "B1": "2017-H1", "B2": None,
                                            "C1": "2017-H2"}
    assert t["first_complete_round"].to_dict() == {"A1": "2017-H1", "A2": "2017-H2", "B1": "2017-H1",
                                                   "B2": None, "C1": None}
    assert t["due"].to_dict() == {"A1": True, "A2": True, "B1": True, "B2": False, "C1": True}
    assert t["on_time"].to_dict() == {"A1": True, "A2": False, "B1": True, "B2": False, "C1": False}


def test_agency_scorecard_with_a_shared_item(agencies_plan):
    items, assessments = agencies_plan
    card = agency_scorecard(items, assessments)
    assert tuple(card.columns) == SCORECARD_COLUMNS
    assert card["agency"].tolist() == ["A", "B", "C"] and card["rank"].tolist() == [1, 2, 3]
    a, b, c = (by_key(card, "agency", g) for g in "ABC")
    # A: A1, A2 both complete -> 100; due 2, on time 1 (A2 completed a round late).
    assert (a["n_items"], a["implementation_index"], a["overdue"], a["n_due"], a["completed_on_time"],
            a["on_time_rate"]) == (2, 100.0, 0, 2, 1, 0.5)
    # B: A2 (shared), B1, B2 -> (1 + 1 + 2/3) / 3; due A2 (late) and B1 (on time).
    assert (b["n_items"], b["implementation_index"], b["n_due"], b["completed_on_time"], b["on_time_rate"]) == \
        (3, 88.888889, 2, 1, 0.5)
    # Worst first: lowest score (B2 substantial), then the earlier deadline among the complete ones.
    assert b["worst_items"] == "B2, B1, A2"
    assert (c["implementation_index"], c["overdue"], c["on_time_rate"], c["worst_items"]) == (0.0, 1, 0.0, "C1")
    # The shared item is counted for both agencies.
    assert card["n_items"].sum() == 6


def test_agency_scorecard_at_an_earlier_round(agencies_plan):
    items, assessments = agencies_plan
    card = agency_scorecard(items, assessments, round="2017-H1")
    c = by_key(card, "agency", "C")
    # As of 2017-H1, C1's deadline (2017-12-31) has no verdict round yet: nothing due, rate null.
    assert c["n_due"] == 0 and math.isnan(c["on_time_rate"])
    a = by_key(card, "agency", "A")
    # A1 complete (1), A2 limited (1/3): 66.666667; A2 overdue (due 2017-06-30, not complete).
    assert (a["implementation_index"], a["overdue"], a["completed_on_time"], a["worst_items"]) == \
        (66.666667, 1, 1, "A2, A1")
    assert card["agency"].tolist() == ["A", "B", "C"]  # B: (1/3 + 1 + 1/3) / 3 = 55.6; C: 0


# ---------------------------------------------------------------------------
# OGP benchmarks
# ---------------------------------------------------------------------------

@pytest.fixture
def ogp():
    items = make_items([
        dict(plan="Azerbaijan 2016-2018", kind="ogp", item_id="AZ1", country="Azerbaijan", end_year=2018),
        dict(plan="Azerbaijan 2016-2018", kind="ogp", item_id="AZ2", country="Azerbaijan", end_year=2018),
        dict(plan="Azerbaijan 2020-2022", kind="ogp", item_id="AZ3", country="Azerbaijan", end_year=2022),
        dict(plan="Georgia 2016-2018", kind="ogp", item_id="GE1", country="Georgia", end_year=2018),
        dict(plan="Georgia 2016-2018", kind="ogp", item_id="GE2", country="Georgia", end_year=2018),
        dict(plan="Chile 2020-2022", kind="ogp", item_id="CL1", country="Chile", end_year=2022),
    ])
    assessments = make_assessments([
        dict(plan="Azerbaijan 2016-2018", item_id="AZ1", round="end_of_term", level="complete"),
        dict(plan="Azerbaijan 2016-2018", item_id="AZ2", round="progress_report", level="limited"),
        dict(plan="Azerbaijan 2020-2022", item_id="AZ3", round="end_of_term", level="not_started"),
        dict(plan="Georgia 2016-2018", item_id="GE1", round="end_of_term", level="substantial"),
        dict(plan="Georgia 2016-2018", item_id="GE2", round="end_of_term", level="complete"),
        dict(plan="Chile 2020-2022", item_id="CL1", round="end_of_term", level="complete"),
    ])
    return items, assessments


REGIONS = {"azerbaijan": "Europe", "Georgia": "Europe", "Chile": "Americas"}


def test_benchmark_by_country_year_region(ogp):
    items, assessments = ogp
    out = ogp_benchmark(items, assessments)
    assert tuple(out.columns) == BENCHMARK_COLUMNS
    index = dict(zip(out["group"], out["implementation_index"]))
    # AZ: (1 + 1/3 [progress report carried] + 0) / 3; GE: (2/3 + 1) / 2; all: 4 / 6.
    assert index == {"Azerbaijan": 44.444444, "Chile": 100.0, "Georgia": 83.333333, "all": 66.666667}
    assert by_key(out, "group", "Georgia")["index_vs_ogp"] == 16.666666  # of the rounded indices
    years = ogp_benchmark(items, assessments, by="year")
    # 2018: AZ1, AZ2, GE1, GE2 = (1 + 1/3 + 2/3 + 1) / 4; 2022: AZ3, CL1 = (0 + 1) / 2.
    assert dict(zip(years["group"], years["implementation_index"])) == {"2018": 75.0, "2022": 50.0, "all": 66.666667}
    regions = ogp_benchmark(items, assessments, by="region", regions=REGIONS)
    # Europe: AZ1..3, GE1..2 = (1 + 1/3 + 0 + 2/3 + 1) / 5 = 60. Country names match ignoring case.
    assert dict(zip(regions["group"], regions["implementation_index"])) == \
        {"Americas": 100.0, "Europe": 60.0, "all": 66.666667}


def test_benchmark_focus_beside_ogp(ogp):
    items, assessments = ogp
    out = ogp_benchmark(items, assessments, focus="azerbaijan")
    assert out["scope"].tolist() == ["Azerbaijan", "OGP"] and out["group"].tolist() == ["Azerbaijan", "all"]
    assert out["implementation_index"].tolist() == [44.444444, 66.666667]
    assert out["index_vs_ogp"].iloc[0] == -22.222223  # 44.444444 - 66.666667
    years = ogp_benchmark(items, assessments, by="year", focus="Azerbaijan")
    assert list(zip(years["scope"], years["group"], years["implementation_index"])) == [
        ("Azerbaijan", "2018", 66.666667), ("OGP", "2018", 75.0), ("Azerbaijan", "2022", 0.0), ("OGP", "2022", 50.0)]
    plan = ogp_benchmark(items, assessments, by="region", focus="Azerbaijan 2016-2018", regions=REGIONS)
    # The plan's two commitments (1 + 1/3) / 2 against Europe's 60.
    assert list(zip(plan["scope"], plan["group"], plan["implementation_index"])) == [
        ("Azerbaijan 2016-2018", "Europe", 66.666667), ("OGP", "Europe", 60.0)]


def test_benchmark_refusals(ogp):
    items, assessments = ogp
    with pytest.raises(ValueError, match="region"):
        ogp_benchmark(items, assessments, by="region")
    with pytest.raises(ValueError, match="Narnia"):
        ogp_benchmark(items, assessments, focus="Narnia")
    with pytest.raises(ValueError, match="grouping"):
        ogp_benchmark(items, assessments, by="agency")


# ---------------------------------------------------------------------------
# The vectorised carry-forward (status_at was rewritten for speed; same results)
# ---------------------------------------------------------------------------

def test_status_at_order_and_ties():
    items = make_items([dict(plan="P", kind="nap", item_id="1"), dict(plan="P", kind="nap", item_id="2")])
    assessments = make_assessments([
        dict(plan="P", item_id="1", round="2017", level="complete"),  # the year sorts after its H2
        dict(plan="P", item_id="1", round="2017-H2", level="limited"),
        dict(plan="P", item_id="2", round="2017-H1", level="limited"),
        dict(plan="P", item_id="2", round="2017-H1", level="substantial"),  # a later row of a round wins
        dict(plan="P", item_id="2", round=None, level="complete"),  # no round: cannot be placed, ignored
    ])
    at_year = status_at(items, assessments, "2017").set_index("item_id")["level"].astype(str).to_dict()
    assert at_year == {"1": "complete", "2": "substantial"}
    at_h2 = status_at(items, assessments, "2017-H2").set_index("item_id")
    assert at_h2.loc["1", "level"] == "limited" and at_h2.loc["1", "assessed_round"] == "2017-H2"
    assert status_at(items, assessments, "2016").loc[:, "level"].isna().all()


def test_agency_grouping_without_agency_and_order():
    items = make_items([dict(plan="P", kind="nap", item_id="1", agencies=["B", "A"]),
                        dict(plan="P", kind="nap", item_id="2", agencies=[])])
    assessments = make_assessments([dict(plan="P", item_id="1", round="2017", level="complete")])
    out = compute_indicators(items, assessments, by="agency")
    assert out["group"].tolist() == ["(no agency)", "A", "B"]
    assert out["n_items"].tolist() == [1, 1, 1] and out["complete"].tolist() == [0, 1, 1]


# ---------------------------------------------------------------------------
# Command line (the reader is replaced by the fixtures: these test the commands, not the loader)
# ---------------------------------------------------------------------------

@pytest.fixture
def run(monkeypatch, two_rounds, kpis):
    import json as _json

    from click.testing import CliRunner

    import ogpstats.cli as cli
    import ogpstats.cli.inputs
    from ogpstats.model import Dataset

    items, assessments = two_rounds
    dataset = Dataset(items, assessments, kpis)
    monkeypatch.setattr(ogpstats.cli.inputs, "load_dataset", lambda paths, kind=None, vocabulary=None: dataset)

    def invoke(*args):
        result = CliRunner().invoke(cli.main, list(args))
        parsed = None
        if "json" in args and result.exit_code == 0:
            parsed = _json.loads(result.output)
        return result, parsed

    invoke.dataset = dataset
    return invoke


def test_cli_kpis_json_has_the_documented_keys(run):
    result, rows = run("kpis", "srm.xlsx", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [tuple(r) for r in rows] == [KPI_STATUS_COLUMNS] * 6
    assert rows[0]["status"] == "at_risk" and rows[2]["reason"] == "no actual value yet"
    result, rows = run("kpis", "srm.xlsx", "--as-of", "2019", "--on-track", "0.55", "--format", "json")
    assert rows[0]["progress_ratio"] == 0.6 and rows[0]["status"] == "on_track"


def test_cli_changes(run):
    result, data = run("changes", "nap.xlsx", "--format", "json")  # default: the last two rounds
    assert result.exit_code == 0, result.output
    assert (data["from"], data["to"]) == ("2017-H1", "2017-H2")
    assert data["counts"]["worsened"] == 1 and data["matrix"]["limited"]["complete"] == 1
    assert [r["item_id"] for r in data["flagged"]] == ["2", "4"]
    result, _ = run("changes", "nap.xlsx", "--from", "2017-H1", "--to", "2017-H2")
    assert result.exit_code == 0 and "1 improved, 3 unchanged, 1 worsened" in result.output
    result, _ = run("changes", "nap.xlsx", "--from", "2016", "--to", "2017-H2")
    assert result.exit_code == 2 and result.output.strip().count("\n") == 0
    assert "not in the data" in result.output


def test_cli_other_commands_and_exit_codes(run):
    # (the fixture's items have no agencies: --by agency is a usage error, so --by plan)
    for args in (("forecast", "x"), ("scorecard", "x"), ("schedule", "x", "--by", "plan"),
                 ("schedule", "x", "--items")):
        for fmt in ("table", "csv", "json"):
            result, _ = run(*args, "--format", fmt)
            assert result.exit_code == 0, (args, fmt, result.output)
    result, card = run("scorecard", "x", "--format", "json")
    assert tuple(card[0]) == SCORECARD_COLUMNS
    result, _ = run("benchmark", "x")  # no OGP commitments in a NAP
    assert result.exit_code == 2 and "no OGP commitments" in result.output
    from ogpstats.validate import Problem
    run.dataset.problems = [Problem("status.unknown", "error", "nap.xlsx", "Sheet", "B3", {"value": "x"})]
    result, _ = run("kpis", "x")
    assert result.exit_code == 1 and "nap.xlsx: Sheet!B3: error" in result.output
