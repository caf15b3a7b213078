"""ogpstats.tidy: the tidy tables as CSV (and Parquet) files, and back."""

from pathlib import Path

import pandas as pd
import pytest

from ogpstats.indicators import GROUP_FIELDS, compute_indicators
from ogpstats.io import load_dataset
from ogpstats.levels import SCHEME_NAMES
from ogpstats.model import Dataset, make_assessments, make_items, make_kpis
from ogpstats.tidy import parquet_available, read_tidy, write_tidy

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def small_dataset() -> Dataset:
    items = make_items([
        {"plan": "NAP", "kind": "nap", "commitment": "1", "item_id": "1.10", "title": "Açıq məlumat, portal",
         "agencies": ["Ədliyyə Nazirliyi", "ASAN"], "deadline_text": "2017-ci il",
         "start": "2017-01-01", "deadline_end": "2017-12-31", "file": "nap.xlsx", "sheet": "Tədbirlər", "cell": "B3"},
        {"plan": "NAP", "kind": "nap", "commitment": "1", "item_id": "1.1", "title": 'Sətir "iki"\nsətir',
         "agencies": [], "deadline_text": "Daimi", "ongoing": True, "weight": 2.5},
        {"plan": "OGP", "kind": "ogp", "item_id": "NA0001", "title": "x", "agencies": ["Ministry; of Finance"],
         "country": "NA", "region": "Africa", "end_year": 2019},
    ])
    assessments = make_assessments([
        {"plan": "NAP", "item_id": "1.10", "round": "2017-H1", "level": "limited", "percent": 12.5,
         "evidence": "Məktub", "file": "nap.xlsx", "sheet": "Qiymətləndirmə", "cell": "C4"},
        {"plan": "NAP", "item_id": "1.10", "round": "2017-H2", "level": None, "percent": 100.0},
        {"plan": "NAP", "item_id": "1.1", "round": "2017-H2", "level": "substantial", "comment": "şərh"},
        {"plan": "OGP", "item_id": "NA0001", "round": "end_of_term", "level": "complete"},
    ])
    kpis = make_kpis([
        {"plan": "SRM", "roadmap": "tourism", "kpi": "Turistlər", "unit": "min", "baseline_year": 2015,
         "baseline": 1.9, "target_year": 2020, "target": 3.0, "year": 2017, "value": 2.7},
        {"plan": "SRM", "roadmap": "tourism", "kpi": "Gəlir", "unit": "%", "baseline_year": 2015,
         "baseline": 0.0, "target_year": 2025, "target": 10.0},
    ])
    return Dataset(items, assessments, kpis)


def test_csv_cells(tmp_path):
    paths = write_tidy(small_dataset(), tmp_path, parquet=False)
    assert [p.name for p in paths] == ["items.csv", "assessments.csv", "kpis.csv"]
    raw = (tmp_path / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to see UTF-8
    items = pd.read_csv(tmp_path / "items.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(items.columns[:9]) == ["plan", "kind", "commitment", "roadmap", "priority", "section_title",
                                       "item_id", "title", "agencies"]
    first = items.iloc[0]
    assert first["item_id"] == "1.10" and first["agencies"] == "Ədliyyə Nazirliyi; ASAN"
    assert (first["start"], first["deadline_end"], first["ongoing"]) == ("2017-01-01", "2017-12-31", "False")
    assert items.iloc[1]["deadline_end"] == "" and items.iloc[1]["ongoing"] == "True"
    assert items.iloc[1]["weight"] == "2.5" and items.iloc[2]["end_year"] == "2019"
    a = pd.read_csv(tmp_path / "assessments.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(a["as_of"]) == ["2017-06-30", "2017-12-31", "2017-12-31", ""]
    assert list(a["level"]) == ["limited", "", "substantial", "complete"]
    assert list(a["percent"]) == ["12.5", "100.0", "", ""]
    k = pd.read_csv(tmp_path / "kpis.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(k["year"]) == ["2017", ""] and list(k["value"]) == ["2.7", ""]


def test_read_back_small(tmp_path):
    ds = small_dataset()
    write_tidy(ds, tmp_path, parquet=False)
    back = read_tidy(tmp_path)
    assert list(back.items["item_id"]) == ["1.10", "1.1", "NA0001"]
    assert list(back.items["title"]) == ["Açıq məlumat, portal", 'Sətir "iki"\nsətir', "x"]
    # An agency name with ";" is split: the separator is documented as reserved.
    assert list(back.items["agencies"]) == [["Ədliyyə Nazirliyi", "ASAN"], [], ["Ministry", "of Finance"]]
    assert list(back.items["ongoing"]) == [False, True, False]
    assert list(back.items["weight"]) == [1.0, 2.5, 1.0]
    assert back.items["country"].iloc[2] == "NA" and back.items["end_year"].iloc[2] == 2019
    assert pd.isna(back.items["end_year"].iloc[0]) and pd.isna(back.items["deadline_end"].iloc[1])
    assert back.items["deadline_end"].iloc[0] == pd.Timestamp("2017-12-31")
    assert list(back.assessments["level"].astype(object).fillna("-")) == ["limited", "-", "substantial", "complete"]
    assert back.assessments["percent"].iloc[0] == 12.5 and pd.isna(back.assessments["percent"].iloc[2])
    assert back.assessments["evidence"].iloc[0] == "Məktub" and back.assessments["evidence"].iloc[1] is None
    assert back.assessments["as_of"].iloc[0] == pd.Timestamp("2017-06-30")
    pd.testing.assert_frame_equal(back.kpis, ds.kpis, check_dtype=False)  # text: object vs str dtype
    assert back.problems == []


@pytest.mark.parametrize("name", ["nap_2016_2018.xlsx", "srm_2016_2020.xlsx"])
def test_round_trip_gives_the_same_indicators(tmp_path, name):
    ds = load_dataset(RAW / name)
    write_tidy(ds, tmp_path)
    back = read_tidy(tmp_path)
    assert len(back.items) == len(ds.items) and len(back.assessments) == len(ds.assessments)
    assert back.rounds == ds.rounds
    groupings = [None, *(g for g in GROUP_FIELDS if g in ("commitment", "agency", "roadmap", "priority", "year"))]
    for scheme in SCHEME_NAMES:
        for by in groupings:
            for due_only in (False, True):
                want = compute_indicators(ds.items, ds.assessments, scheme=scheme, by=by, due_only=due_only)
                got = compute_indicators(back.items, back.assessments, scheme=scheme, by=by, due_only=due_only)
                pd.testing.assert_frame_equal(got, want)
        for r in ds.rounds:
            pd.testing.assert_frame_equal(compute_indicators(back.items, back.assessments, scheme=scheme, round=r),
                                          compute_indicators(ds.items, ds.assessments, scheme=scheme, round=r))
    pd.testing.assert_frame_equal(back.kpis, ds.kpis, check_dtype=False)  # text: object vs str dtype


@pytest.mark.skipif(not parquet_available(), reason="pyarrow is not installed")
def test_parquet_copies(tmp_path):
    ds = small_dataset()
    paths = write_tidy(ds, tmp_path)
    assert [p.name for p in paths][3:] == ["items.parquet", "assessments.parquet", "kpis.parquet"]
    items = pd.read_parquet(tmp_path / "items.parquet")
    assert [list(a) for a in items["agencies"]] == [["Ədliyyə Nazirliyi", "ASAN"], [], ["Ministry; of Finance"]]
    assessments = pd.read_parquet(tmp_path / "assessments.parquet")
    assert list(assessments["percent"].fillna(-1)) == [12.5, 100.0, -1, -1]
    assert list(pd.read_parquet(tmp_path / "kpis.parquet")["target"]) == [3.0, 10.0]


def test_parquet_false_writes_only_csv(tmp_path):
    write_tidy(small_dataset(), tmp_path, parquet=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assessments.csv", "items.csv", "kpis.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    write_tidy(small_dataset(), tmp_path, parquet=False)
    before = (tmp_path / "items.csv").read_bytes()

    def half_then_fail(self, path, **kw):
        Path(path).write_text("plan,ki", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        write_tidy(small_dataset(), tmp_path, parquet=False)
    assert (tmp_path / "items.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assessments.csv", "items.csv", "kpis.csv"]


def test_read_tidy_without_kpis_and_with_a_missing_column(tmp_path):
    write_tidy(small_dataset(), tmp_path, parquet=False)
    (tmp_path / "kpis.csv").unlink()
    assert len(read_tidy(tmp_path).kpis) == 0
    text = (tmp_path / "assessments.csv").read_text(encoding="utf-8-sig").replace("as_of,", "asof,", 1)
    (tmp_path / "assessments.csv").write_text(text, encoding="utf-8-sig")
    with pytest.raises(ValueError, match="assessments.csv: missing column"):
        read_tidy(tmp_path)
