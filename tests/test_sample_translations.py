"""data/raw/translations.csv: English and Russian for every text of the bundled sample workbooks (issue 11 item 4)."""

import csv
import re
from pathlib import Path

import pytest

from ogpstats.io import load_dataset

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
KINDS = {"commitment", "measure", "priority", "roadmap", "kpi", "unit", "agency", "deadline"}
AZ_ONLY = re.compile(r"[əğışİƏŞĞ]")  # letters English and Russian never use
LATIN_WORD = re.compile(r"[A-Za-z]+")
RU_ACRONYMS = {"ASAN", "SOCAR", "AZPROMO", "G", "I", "II", "III", "IV"}  # Latin names of bodies, "4G", Roman numerals


@pytest.fixture(scope="module")
def rows():
    with open(RAW / "translations.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["kind", "key", "az", "en", "ru"]
        return list(reader)


@pytest.fixture(scope="module")
def table(rows):
    out = {}
    for row in rows:
        assert row["kind"] in KINDS, row
        assert (row["kind"], row["key"]) not in out, f"duplicate {row['kind']} {row['key']}"
        out[row["kind"], row["key"]] = row
    return out


@pytest.fixture(scope="module")
def sample():
    nap, srm = load_dataset(RAW / "nap_2016_2018.xlsx"), load_dataset(RAW / "srm_2016_2020.xlsx")
    return nap, srm


def _wanted(sample):
    """(kind, key, az text) of every text a report of the sample shows, as the readers give them."""
    nap, srm = sample
    wanted = set()
    for ds in (nap, srm):
        for item in ds.items.itertuples():
            wanted.add(("measure", item.item_id, item.title))
            wanted.add(("deadline", item.deadline_text, item.deadline_text))
            wanted |= {("agency", a, a) for a in item.agencies}
            if item.kind == "nap":
                wanted.add(("commitment", item.commitment, item.section_title))
            if item.kind == "srm":
                wanted.add(("roadmap", item.roadmap, None))
        for kpi in ds.kpis.itertuples():
            wanted.add(("kpi", kpi.kpi, kpi.kpi))
            wanted.add(("unit", kpi.unit, kpi.unit))
    return wanted


def test_every_sample_text_has_english_and_russian(table, sample):
    wanted = _wanted(sample)
    assert len({w for w in wanted if w[0] == "measure"}) == 142 and len({w for w in wanted if w[0] == "agency"}) == 43
    assert len({w for w in wanted if w[0] == "kpi"}) == 14 and len({w for w in wanted if w[0] == "roadmap"}) == 12
    for kind, key, az in sorted(wanted, key=str):
        row = table.get((kind, key))
        assert row is not None, f"no translation of {kind} {key!r}"
        if az is not None:
            assert row["az"] == az, (kind, key)
        assert row["en"].strip() and row["ru"].strip(), (kind, key)


def test_nothing_in_the_file_that_the_sample_does_not_have(table, sample):
    keys = {(kind, key) for kind, key, _ in _wanted(sample)}
    assert set(table) - keys == set()


def test_english_has_no_azerbaijani_letters(rows):
    bad = [(r["kind"], r["key"], r["en"]) for r in rows if AZ_ONLY.search(r["en"])]
    assert bad == []


def test_russian_is_cyrillic(rows):
    for r in rows:
        ru = r["ru"]
        assert not AZ_ONLY.search(ru), r
        if re.search(r"[^\W\d_]", ru):
            assert re.search(r"[А-Яа-яЁё]", ru), r
        assert set(LATIN_WORD.findall(ru)) <= RU_ACRONYMS, (r["key"], ru)


def test_translations_are_not_copies(rows):
    """A translation that is the original (or English copied into Russian) is a missing translation."""
    letters = re.compile(r"[^\W\d_]")
    for r in rows:
        assert r["en"] != r["az"] or not letters.search(r["az"]), r
        assert r["ru"] != r["en"] or not letters.search(r["en"]), r
