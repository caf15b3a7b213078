"""One truth per figure (issue 12 item 4): the command line, the Python API and the reports give the same
forecast, in the same scheme, on both sample workbooks.

The sample's completion levels per round (every measure weighs 1; read from ``data/raw``):

SRM 2016-2020 (102 measures, yearly rounds; plan's end 2020-12-31, the latest deadline):

=====  ===========  =======  ===========  ========
round  not started  limited  substantial  complete
=====  ===========  =======  ===========  ========
2017   59           30       12           1
2018   21           36       30           15
2019   11           24       31           36
=====  ===========  =======  ===========  ========

CAERC (the road maps' default) scores 0, 0.5, 0.5, 1: 2017 100 × (21 + 1) / 102 = 21.568627;
2018 100 × (33 + 15) / 102 = 47.058824; 2019 100 × (27.5 + 36) / 102 = 62.254902. At t = 2018, 2019, 2020
the line rises (62.254902 - 21.568627) / 2 = 20.343137 a year through the mean 43.627451 at t = 2019; at the
plan's end (t = 2021, after the last round) it gives 43.627451 + 2 × 20.343137 = 84.313725.

NAP 2016-2018 (40 measures, half-year rounds; plan's end 2018-12-31, the as-of date of 2018-H2):

=======  ===========  =======  ===========  ========
round    not started  limited  substantial  complete
=======  ===========  =======  ===========  ========
2016-H2  29           10       1            0
2017-H1  16           18       6            0
2017-H2  6            19       11           4
2018-H1  5            9        14           12
2018-H2  4            8        10           18
=======  ===========  =======  ===========  ========

IRM (the NAP's default) scores 0, 1/3, 2/3, 1: 10, 25, 44.166667, 60.833333, 68.333333. The plan ended at
round 2018-H2, so the figure at its end is that round's index, 68.333333 — not the line's 72.2.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ogpstats.analytics import forecast
from ogpstats.cli import main
from ogpstats.indicators import index_over_rounds
from ogpstats.io import load_dataset
from ogpstats.model import make_assessments, make_items
from ogpstats.reports import notebook as nbmod
from ogpstats.reports.notebook import Report

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
LEVEL_COLUMNS = ["not_started", "limited", "substantial", "complete"]
SCORES = {"irm": (0, 1 / 3, 2 / 3, 1), "caerc": (0, 0.5, 0.5, 1)}

SAMPLES = {
    "srm": dict(file="srm_2016_2020.xlsx", scheme="caerc", plan_end="2020-12-31", plan_end_round=None,
                counts={"2017": (59, 30, 12, 1), "2018": (21, 36, 30, 15), "2019": (11, 24, 31, 36)}),
    "nap": dict(file="nap_2016_2018.xlsx", scheme="irm", plan_end="2018-12-31", plan_end_round="2018-H2",
                counts={"2016-H2": (29, 10, 1, 0), "2017-H1": (16, 18, 6, 0), "2017-H2": (6, 19, 11, 4),
                        "2018-H1": (5, 9, 14, 12), "2018-H2": (4, 8, 10, 18)}),
}


def t_of(round_id: str) -> float:
    """A round's as-of date in decimal years at the end of the day: a year or H2 ends at year + 1,
    H1 on 30 June, day 181 of 365 (2016-2018 H1s are in common years)."""
    year, _, half = round_id.partition("-")
    return int(year) + (181 / 365 if half == "H1" else 1.0)


def by_hand(kind: str) -> dict:
    """Index per round from the level counts, the least-squares line, and the figure at the plan's end."""
    spec = SAMPLES[kind]
    scores = SCORES[spec["scheme"]]
    index = {r: 100 * sum(s * n for s, n in zip(scores, c)) / sum(c) for r, c in spec["counts"].items()}
    ts = [t_of(r) for r in index]
    ys = list(index.values())
    t_mean, y_mean = sum(ts) / len(ts), sum(ys) / len(ys)
    slope = sum((t - t_mean) * (y - y_mean) for t, y in zip(ts, ys)) / sum((t - t_mean) ** 2 for t in ts)
    end_t = int(spec["plan_end"][:4]) + 1.0  # 31 December ends at year + 1
    if spec["plan_end_round"]:
        at_end = index[spec["plan_end_round"]]  # the plan ended within the data: what was reached
    else:
        at_end = min(100.0, max(0.0, y_mean + slope * (end_t - t_mean)))
    return {"index": index, "slope": slope, "at_end": at_end}


def cli_forecast(path: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["forecast", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def sample_dir(tmp_path):
    """Per kind, a folder holding only that sample workbook (what a report of that kind reads)."""
    def make(kind: str) -> Path:
        folder = tmp_path / kind
        folder.mkdir()
        shutil.copy(RAW / SAMPLES[kind]["file"], folder)
        return folder
    return make


def test_the_sample_counts_are_what_the_reader_gives():
    for spec in SAMPLES.values():
        ds = load_dataset(RAW / spec["file"])
        assert set(ds.items["weight"]) == {1.0}  # so an index is the plain mean of the scores
        table = index_over_rounds(ds.items, ds.assessments).set_index("round")
        assert {r: tuple(int(v) for v in table.loc[r, LEVEL_COLUMNS]) for r in table.index} == spec["counts"]


def test_by_hand_figures_are_the_ones_the_docstring_states():
    srm, nap = by_hand("srm"), by_hand("nap")
    assert srm["slope"] == pytest.approx(20.343137, abs=1e-6)
    assert srm["at_end"] == pytest.approx(84.313725, abs=1e-6)
    assert nap["at_end"] == pytest.approx(68.333333, abs=1e-6)
    assert nap["index"]["2017-H2"] == pytest.approx(44.166667, abs=1e-6)


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_cli_python_api_and_report_agree_on_the_forecast(kind, sample_dir, tmp_path, monkeypatch):
    spec, want = SAMPLES[kind], by_hand(kind)
    cli = cli_forecast(RAW / spec["file"])
    assert cli["scheme"] == spec["scheme"]  # no --scheme: the data's kind decides
    assert [r["implementation_index"] for r in cli["by_round"]] == pytest.approx(list(want["index"].values()),
                                                                                 abs=1e-6)
    # Indices are rounded to 6 decimals before the fit: the slope may differ in its last digit.
    assert cli["slope_per_year"] == pytest.approx(want["slope"], abs=2e-6)
    assert cli["projected_index"] == pytest.approx(want["at_end"], abs=2e-6)
    assert (cli["plan_end"], cli["plan_end_round"]) == (spec["plan_end"], spec["plan_end_round"])

    ds = load_dataset(RAW / spec["file"])
    api = forecast(ds.items, ds.assessments)  # scheme=None: by kind, as the command line
    assert (api.scheme, api.slope_per_year, api.projected_index) == (
        cli["scheme"], cli["slope_per_year"], cli["projected_index"])

    rep = Report(data_dir=sample_dir(kind), out_dir=tmp_path / "out", lang="en", kind=kind)
    fc = rep.forecast()
    assert (rep.scheme, fc.slope_per_year, fc.projected_index, fc.reach_100_round, fc.plan_end_round) == (
        cli["scheme"], cli["slope_per_year"], cli["projected_index"], cli["reach_100_round"], cli["plan_end_round"])
    # What the report shows is that same figure.
    monkeypatch.setattr(nbmod, "_display_html", lambda text, metadata=None: None)
    rep.outlook()
    shown_key = "forecast.actual_at_end" if spec["plan_end_round"] else "forecast.projected"
    assert rep.shown[shown_key] == cli["projected_index"]
    assert rep.shown["forecast.slope"] == cli["slope_per_year"]


def test_cli_text_names_the_scheme_and_whether_the_figure_was_reached():
    srm = CliRunner().invoke(main, ["forecast", str(RAW / SAMPLES["srm"]["file"])])
    assert srm.exit_code == 0, srm.output
    assert srm.stdout.strip().splitlines()[-1] == (
        "caerc scheme; trend: +20.34 points a year; projected index at the plan's end (2020-12-31): 84.3; "
        "reaches 100 by 2021")
    nap = CliRunner().invoke(main, ["forecast", str(RAW / SAMPLES["nap"]["file"])])
    assert nap.exit_code == 0, nap.output
    assert "index at the plan's end (2018-12-31, round 2018-H2): 68.3;" in nap.stdout.strip().splitlines()[-1]
    # --scheme still overrides the kind's default: IRM on the road maps is the old command line's figure.
    irm = cli_forecast(RAW / SAMPLES["srm"]["file"], "--scheme", "irm")
    assert irm["scheme"] == "irm" and round(irm["slope_per_year"], 1) == 22.4


# -- the rule on small data -----------------------------------------------------------------


def yearly(levels_by_round: dict[str, list[str]], deadline: str):
    n = len(next(iter(levels_by_round.values())))
    items = make_items([dict(plan="P", kind="nap", item_id=str(i), deadline_end=deadline) for i in range(n)])
    assessments = make_assessments([dict(plan="P", item_id=str(i), round=r, level=lv)
                                    for r, levels in levels_by_round.items() for i, lv in enumerate(levels)])
    return items, assessments


C, N = "complete", "not_started"
# IRM index 20, 40, 60 at the ends of 2016, 2017, 2018 (t = 2017, 2018, 2019): the line is 20 a year,
# exactly through the points.
LEVELS = {"2016": [C, N, N, N, N], "2017": [C, C, N, N, N], "2018": [C, C, C, N, N]}


def test_a_plan_ending_between_two_rounds_carries_the_earlier_round():
    f = forecast(*yearly(LEVELS, "2017-06-30"))
    # Round 2016 holds on 2017-06-30: 20, where the line would say 20 + 20 × 181/365 = 29.9.
    assert (f.plan_end_round, f.projected_index, f.ended) == ("2016", 20.0, True)
    assert f.to_dict()["plan_end_round"] == "2016"


def test_a_plan_ending_on_a_round_or_after_the_data_or_before_it():
    assert forecast(*yearly(LEVELS, "2018-12-31")).projected_index == 60.0  # round 2018 itself
    after = forecast(*yearly(LEVELS, "2019-12-31"))
    assert (after.plan_end_round, after.projected_index, after.ended) == (None, 80.0, False)  # 60 + 20 × 1
    # Before the first round nothing was measured yet: the line, 20 - 20 × 1 = 0 at the end of 2015.
    before = forecast(*yearly(LEVELS, "2015-12-31"))
    assert (before.plan_end_round, before.projected_index) == (None, 0.0)


def test_the_default_scheme_follows_the_kind_in_the_python_api():
    items, assessments = yearly({"2016": ["limited", N], "2017": ["substantial", N]}, "2019-12-31")
    # NAP: IRM 100 × 1/3 / 2 = 16.666667 then 100 × 2/3 / 2 = 33.333333.
    assert forecast(items, assessments).by_round["implementation_index"].tolist() == [16.666667, 33.333333]
    srm = items.assign(kind="srm")
    # A road map: CAERC scores limited and substantial 0.5 alike: 25, 25.
    f = forecast(srm, assessments)
    assert f.scheme == "caerc" and f.by_round["implementation_index"].tolist() == [25.0, 25.0]
    assert forecast(srm, assessments, scheme="irm").scheme == "irm"


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_a_series_handed_in_gives_the_same_forecast_and_a_wrong_one_is_refused(kind):
    """A report hands the index-over-rounds table it draws to the forecast instead of computing it twice."""
    spec = SAMPLES[kind]
    ds = load_dataset(RAW / spec["file"])
    series = index_over_rounds(ds.items, ds.assessments, scheme=spec["scheme"])
    given = forecast(ds.items, ds.assessments, scheme=spec["scheme"], series=series)
    assert given.slope_per_year == pytest.approx(by_hand(kind)["slope"], abs=1e-6)
    assert given.projected_index == pytest.approx(by_hand(kind)["at_end"], abs=1e-6)
    assert given.by_round.equals(forecast(ds.items, ds.assessments, scheme=spec["scheme"]).by_round)
    with pytest.raises(ValueError):
        forecast(ds.items, ds.assessments, scheme=spec["scheme"], series=series.iloc[1:])
    other = "irm" if spec["scheme"] == "caerc" else "caerc"
    with pytest.raises(ValueError):
        forecast(ds.items, ds.assessments, scheme=other, series=series)
