"""The bundled OGP export sample data/raw/ogp_commitments.csv: current, well-formed, and its benchmark by hand.

Completion at the end of term, else at the progress report (OGP's rule); ND, NR, N/A,
Withdrawn, Unclear, "No Evidence Available" and blanks are not assessed, so the earlier
level carries forward:

==========  =====  ========  ===========  =======  ===========  ========
member      items  assessed  not started  limited  substantial  complete
==========  =====  ========  ===========  =======  ===========  ========
Azerbaijan     10         9            1        3            3         2
Georgia         8         8            0        2            2         4
Armenia         7         6            1        2            2         1
Ukraine         7         7            1        1            2         3
Mongolia        6         6            1        3            1         1
Kenya           6         5            0        2            2         1
Paraguay        6         6            1        1            2         2
all OGP        50        47            5       14           14        14
==========  =====  ========  ===========  =======  ===========  ========

Azerbaijan, row by row (progress report → end of term ⇒ level):
AZ0001 Limited → Complete ⇒ complete; AZ0002 Substantial → Substantial ⇒ substantial;
AZ0003 Not Started → Limited ⇒ limited; AZ0004 Limited → ND ⇒ limited (carried);
AZ0005 Substantial → Completed ⇒ complete; AZ0006 Not Started → Not Started ⇒ not started;
AZ0007 Limited → Substantial ⇒ substantial; AZ0008 Limited → Withdrawn ⇒ limited (carried);
AZ0009 N/A → ND ⇒ not assessed; AZ0010 Substantial → (blank) ⇒ substantial (carried).
"""

import csv
from pathlib import Path

import pytest

from ogpstats.analytics import ogp_benchmark
from ogpstats.io import load_dataset

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "ogp_commitments.csv"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(SAMPLE)


def test_committed_file_equals_what_the_script_writes(script, tmp_path):
    fresh = script.write_ogp_export(tmp_path / "ogp.csv")
    assert SAMPLE.read_bytes() == fresh.read_bytes(), "data/raw/ogp_commitments.csv is stale: run `make sample-data`"
    again = script.write_ogp_export(tmp_path / "again.csv")
    assert again.read_bytes() == fresh.read_bytes()


def test_shape_and_ogp_column_names(ds):
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert {"Commitment Unique Identifier", "Country/Locality", "Action Plan Number", "Action Plan End Year",
            "Commitment Title", "Lead Institution", "Completion (Progress Report)",
            "Completion (End Of Term)"} <= set(header)
    assert ds.problems == []
    assert len(ds.items) == 50 and set(ds.items["kind"]) == {"ogp"}
    assert ds.items["country"].nunique() >= 6 and "Azerbaijan" in set(ds.items["country"])
    assert ds.rounds == ["progress_report", "end_of_term"]
    # Both rounds carry levels (not only one of the two columns filled in).
    per_round = ds.assessments.dropna(subset=["level"]).groupby("round").size()
    assert per_round["progress_report"] == 47 and per_round["end_of_term"] == 40


def test_benchmark_azerbaijan_against_ogp(ds):
    """``ogpstats benchmark data/raw/ogp_commitments.csv --by country --focus Azerbaijan``."""
    out = ogp_benchmark(ds.items, ds.assessments, by="country", focus="Azerbaijan")
    assert list(out["scope"]) == ["Azerbaijan", "OGP"] and list(out["group"]) == ["Azerbaijan", "all"]
    az, ogp = out.iloc[0], out.iloc[1]
    assert [az[c] for c in ("n_items", "n_assessed", "not_started", "limited", "substantial", "complete")] == [
        10, 9, 1, 3, 3, 2]
    assert [ogp[c] for c in ("n_items", "n_assessed", "not_started", "limited", "substantial", "complete")] == [
        50, 47, 5, 14, 14, 14]
    # Azerbaijan: (substantial + complete) / assessed = 5/9, complete 2/9,
    # IRM index 100 × (0·1 + ⅓·3 + ⅔·3 + 1·2) / 9 = 100 × 5/9.
    assert az["high_completion_rate"] == pytest.approx(5 / 9, abs=1e-6)
    assert az["completion_rate"] == pytest.approx(2 / 9, abs=1e-6)
    assert az["implementation_index"] == pytest.approx(500 / 9, abs=1e-6)        # 55.6
    # All OGP: 28/47, 14/47, 100 × (⅓·14 + ⅔·14 + 14) / 47 = 2800/47.
    assert ogp["high_completion_rate"] == pytest.approx(28 / 47, abs=1e-6)
    assert ogp["completion_rate"] == pytest.approx(14 / 47, abs=1e-6)
    assert ogp["implementation_index"] == pytest.approx(2800 / 47, abs=1e-6)     # 59.6
    # Azerbaijan against OGP: 500/9 − 2800/47 = −1700/423 ≈ −4.0 points.
    assert az["index_vs_ogp"] == pytest.approx(-1700 / 423, abs=1e-5)
    assert (out["round"] == "end_of_term").all() and (out["overdue"] == 0).all()


def test_benchmark_by_country_lists_every_member(ds):
    out = ogp_benchmark(ds.items, ds.assessments, by="country").set_index("group")
    assert set(out.index) == {"Armenia", "Azerbaijan", "Georgia", "Kenya", "Mongolia", "Paraguay", "Ukraine", "all"}
    # Georgia: 4 complete, 2 substantial, 2 limited of 8 → 100 × (4 + 2·⅔ + 2·⅓) / 8 = 75.
    assert out.loc["Georgia", "implementation_index"] == pytest.approx(75.0)
    # Kenya: KE0006 NR → Unclear is not assessed; 1 complete, 2 substantial, 2 limited of 5 → 60.
    assert (out.loc["Kenya", "n_items"], out.loc["Kenya", "n_assessed"]) == (6, 5)
    assert out.loc["Kenya", "implementation_index"] == pytest.approx(60.0)
