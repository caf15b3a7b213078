"""What a period's report depends on: the data up to the period, and what the page shows besides the tables."""

import shutil
from pathlib import Path

from ogpstats.reports.datacache import load_file
from ogpstats.reports.slices import digest, upto
from ogpstats.translations import FILE_NAME

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _copy(tmp_path: Path) -> Path:
    shutil.copy2(RAW / "nap_2016_2018.xlsx", tmp_path / "nap.xlsx")
    shutil.copy2(RAW / FILE_NAME, tmp_path / FILE_NAME)
    return tmp_path / "nap.xlsx"


def test_a_past_period_keeps_the_translations_and_the_illustrative_notice(tmp_path):
    ds, problem = load_file(_copy(tmp_path), "x", None)
    assert problem is None and len(ds.translations) > 0 and ds.illustrative
    early = upto(ds, "2017-H1")
    assert set(early.assessments["round"]) == {"2016-H2", "2017-H1"}
    assert early.translations is ds.translations and early.illustrative == ds.illustrative
    assert len(early.agency_cells) == len(early.items)


def test_editing_the_translations_changes_the_digest_and_the_cache_entry(tmp_path):
    path = _copy(tmp_path)
    cache = tmp_path / "cache"
    before, _ = load_file(path, "sha", cache)
    lines = (tmp_path / FILE_NAME).read_text("utf-8").splitlines()
    kind, key, az, en, ru = lines[1].split(",", 4)
    lines[1] = ",".join([kind, key, az, en + " (edited)", ru])  # one English text edited
    (tmp_path / FILE_NAME).write_text("\n".join(lines) + "\n", "utf-8")
    after, _ = load_file(path, "sha", cache)  # same workbook bytes: read again, not the stale entry
    assert len(list(cache.glob("*.pkl"))) == 2
    assert digest(after) != digest(before)
    assert digest(upto(after, "2017-H1")) != digest(upto(before, "2017-H1"))
