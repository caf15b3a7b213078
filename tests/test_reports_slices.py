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


def test_the_same_workbook_with_other_translations_gets_its_own_key_in_one_process(tmp_path):
    """The key of a period follows the tables, not the workbook's bytes (a memo by sha256 mixed them up)."""
    from ogpstats.reports.inputs import InputFile
    from ogpstats.reports.plan import task_key
    from ogpstats.reports.run import discover_notebooks

    spec = next(s for s in discover_notebooks() if s.name == "nap_monitoring")
    keys = []
    for edited in (False, True):
        folder = tmp_path / f"edited_{edited}"
        folder.mkdir()
        path = _copy(folder)
        if edited:
            lines = (folder / FILE_NAME).read_text("utf-8").splitlines()
            kind, key, az, en, ru = lines[1].split(",", 4)
            lines[1] = ",".join([kind, key, az, en + " (edited)", ru])
            (folder / FILE_NAME).write_text("\n".join(lines) + "\n", "utf-8")
        ds, _ = load_file(path, "same-sha", None)
        keys.append(task_key(spec, "latest", "en", [InputFile(path, "same-sha", tidy=ds)]))
    assert keys[0] != keys[1]
