"""The bundled sample workbooks in data/raw/: current, deterministic, and the promised shape."""

import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from openpyxl import load_workbook

from ogpstats.indicators import compute_indicators
from ogpstats.io import load_dataset
from ogpstats.io.template import INSTRUCTIONS_SHEET, ROADMAPS
from ogpstats.levels import level_from_percent
from ogpstats.vocab import StatusVocabulary

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# The openpyxl that wrote the committed files; another version may lay out the XML differently.
GENERATED_WITH_OPENPYXL = "3.1.5"

ITEM_COLUMNS = ["plan", "kind", "commitment", "roadmap", "priority", "item_id", "title", "agencies",
                "deadline_text", "start", "deadline_end", "ongoing", "weight"]
ASSESSMENT_COLUMNS = ["plan", "item_id", "round", "as_of", "level", "percent", "evidence", "comment"]


@pytest.fixture(scope="module")
def generated(script, tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    script.write_samples(out)
    return out


@pytest.fixture(scope="module")
def nap(script):
    return load_dataset([RAW / script.NAP_FILE])


@pytest.fixture(scope="module")
def srm(script):
    return load_dataset([RAW / script.SRM_FILE])


# -- the committed files are what the script writes ------------------------------------------------

def test_regeneration_is_byte_identical(script, generated, tmp_path):
    script.write_samples(tmp_path)
    for name in (script.NAP_FILE, script.SRM_FILE):
        assert (tmp_path / name).read_bytes() == (generated / name).read_bytes(), name


def _members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


@pytest.mark.parametrize("name", ["nap_2016_2018.xlsx", "srm_2016_2020.xlsx"])
def test_committed_file_equals_regenerated(generated, name):
    committed, fresh = RAW / name, generated / name
    assert committed.exists(), f"{committed} is missing: run `make sample-data`"
    if committed.read_bytes() == fresh.read_bytes():
        return
    # Another zlib compresses differently: the unpacked parts must still be identical.
    if _members(committed) == _members(fresh):
        return
    if openpyxl.__version__ != GENERATED_WITH_OPENPYXL:
        pytest.skip(f"openpyxl {openpyxl.__version__} lays out the XML differently from "
                    f"{GENERATED_WITH_OPENPYXL}; cell values are compared in test_committed_values_are_current")
    pytest.fail(f"data/raw/{name} is stale: run `make sample-data` and commit it")


@pytest.mark.parametrize("name", ["nap_2016_2018.xlsx", "srm_2016_2020.xlsx"])
def test_committed_values_are_current(generated, name):
    """Holds with any openpyxl version: every sheet's cells are the script's."""
    committed, fresh = load_workbook(RAW / name), load_workbook(generated / name)
    assert committed.sheetnames == fresh.sheetnames
    for sheet in fresh.sheetnames:
        got = list(committed[sheet].iter_rows(values_only=True))
        want = list(fresh[sheet].iter_rows(values_only=True))
        assert got == want, f"data/raw/{name} sheet {sheet} is stale: run `make sample-data`"


# -- what the loader reads back --------------------------------------------------------------------

def test_loaded_tables_equal_the_built_tables(script, nap, srm):
    for ds, tables in ((nap, script.nap_tables()), (srm, script.srm_tables())):
        assert ds.problems == []
        pd.testing.assert_frame_equal(ds.items[ITEM_COLUMNS].reset_index(drop=True),
                                      tables["items"][ITEM_COLUMNS].reset_index(drop=True))
        pd.testing.assert_frame_equal(ds.assessments[ASSESSMENT_COLUMNS].reset_index(drop=True),
                                      tables["assessments"][ASSESSMENT_COLUMNS].reset_index(drop=True))
    pd.testing.assert_frame_equal(srm.kpis.reset_index(drop=True), script.srm_kpis().reset_index(drop=True))


def test_nap_shape(script, nap):
    items = nap.items
    assert set(items["plan"]) == {"NAP 2016-2018"} and set(items["kind"]) == {"nap"}
    assert items["commitment"].nunique() >= 6
    assert len(items) >= 30 and items["item_id"].is_unique
    assert {"1.1", "1.10"} <= set(items["item_id"])
    assert all(i.split(".")[0] == c for i, c in zip(items["item_id"], items["commitment"]))
    assert (items["agencies"].map(len) >= 2).sum() >= 5
    assert (items["agencies"].map(len) == 3).any()
    agencies = {a for names in items["agencies"] for a in names}
    assert {"Ədliyyə Nazirliyi", "Vergilər Nazirliyi", "Maliyyə Nazirliyi",
            "Korrupsiyaya qarşı mübarizə üzrə Komissiya"} <= agencies
    assert {"2016-2018-ci illər", "2017-ci il", "2016-cı ilin IV rübü", "2017-ci ilin II rübü",
            "2018-ci ilin I yarımili", "2017-ci ilin sonunadək", "Daimi"} <= set(items["deadline_text"])
    assert items["ongoing"].any() and items.loc[~items["ongoing"], "deadline_end"].notna().all()
    assert nap.rounds == ["2016-H2", "2017-H1", "2017-H2", "2018-H1", "2018-H2"]
    assert len(nap.assessments) == len(items) * len(nap.rounds)


def test_srm_shape(srm):
    items = srm.items
    assert set(items["kind"]) == {"srm"}
    assert set(items["roadmap"]) == set(ROADMAPS) and len(ROADMAPS) == 12
    per_map = items.groupby("roadmap")
    assert (per_map.size() >= 8).all()
    assert per_map["priority"].nunique().between(2, 3).all()
    for item_id, roadmap, priority in zip(items["item_id"], items["roadmap"], items["priority"]):
        assert re.fullmatch(rf"{roadmap}/{re.escape(priority)}\.\d+", item_id), item_id
    assert items["item_id"].is_unique
    assert (items["item_id"].str.split("/").str[1].duplicated()).any()  # numbers repeat across road maps
    assert (items["agencies"].map(len) >= 2).any() and (items["agencies"].map(len) >= 1).all()
    assert srm.rounds == ["2017", "2018", "2019"]


def test_srm_kpis(srm):
    k = srm.kpis
    kpis = k.drop_duplicates(["roadmap", "kpi"])
    assert (kpis.groupby("roadmap").size() >= 2).sum() >= 5
    assert set(kpis["baseline_year"]) == {2015} and set(kpis["target_year"]) <= {2020, 2025}
    assert set(k["year"].dropna()) <= {2016, 2017, 2018, 2019}
    no_actual = k.groupby(["roadmap", "kpi"])["value"].apply(lambda v: v.isna().all())
    assert no_actual.sum() >= 1
    food = k[k["kpi"] == "Ərzaq məhsullarının idxaldan asılılığı"]
    assert food["baseline"].iloc[0] == 40 and food["target"].iloc[0] == 25


def test_status_words_are_varied_and_consistent(script):
    vocab = StatusVocabulary.default()
    for tables in (script.nap_tables(), script.srm_tables()):
        a = tables["assessments"]
        for text, level, pct in zip(a["status_text"], a["level"], a["percent"]):
            if not isinstance(text, str):   # the writer writes the Azerbaijani label of the level
                continue
            got = vocab.level(text)
            assert got is not None, text
            if text == "":
                assert pd.isna(level) and not np.isnan(pct)   # a percent alone
            else:
                assert got == (level if isinstance(level, str) else "not_assessed"), (text, level)
        both = a[a["level"].notna() & a["percent"].notna()]
        assert all(level_from_percent(p) == lv for p, lv in zip(both["percent"], both["level"]))
        assert (a["status_text"] == "").any() and len(both) > 0
    nap_words = set(script.nap_tables()["assessments"]["status_text"].dropna())
    assert {"Completed", "in progress", "выполнено", "icra olunmayib", "Qismen icra olunub",
            "Sübut yoxdur"} <= nap_words


def test_progress_over_rounds(nap, srm):
    for ds in (nap, srm):
        index = [compute_indicators(ds.items, ds.assessments, round=r)["implementation_index"].iloc[0]
                 for r in ds.rounds]
        assert index == sorted(index), index
    final = compute_indicators(nap.items, nap.assessments).iloc[0]
    assert final["n_assessed"] == final["n_items"]
    shares = {lv: final[lv] / final["n_assessed"] for lv in ("complete", "substantial", "limited", "not_started")}
    assert shares["complete"] == pytest.approx(0.45, abs=0.05)
    assert shares["substantial"] == pytest.approx(0.25, abs=0.05)
    assert shares["limited"] == pytest.approx(0.20, abs=0.05)
    assert shares["not_started"] == pytest.approx(0.10, abs=0.05)
    assert final["overdue"] > 0


def test_workbooks_and_readme_say_illustrative(script):
    for name in (script.NAP_FILE, script.SRM_FILE):
        wb = load_workbook(RAW / name, read_only=True)
        text = " ".join(str(v) for row in wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True) for v in row if v)
        assert "illustrative, not official" in text and "illüstrativdir" in text
    assert "ILLUSTRATIVE, NOT OFFICIAL" in (RAW / "README.md").read_text(encoding="utf-8")
