"""ogpstats.translations: the plan's content in the reader's language (issue 11 item 1)."""

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from ogpstats.io import load_dataset
from ogpstats.model import make_items, make_kpis
from ogpstats.translations import Translations, untranslated, untranslated_summary
from ogpstats.validate import UnusableInput

CSV = """kind,key,az,en,ru
measure,1.1,Elektron xidmətlər,E-services,Электронные услуги
measure,tourism/1.2.1,Elektron viza,E-visa,
agency,Maliyyə Nazirliyi,Maliyyə Nazirliyi,Ministry of Finance,Министерство финансов
deadline,tezliklə,tezliklə,soon,скоро
unit,mln ABŞ dolları,mln ABŞ dolları,million US dollars,млн долларов США
"""


@pytest.fixture
def table(tmp_path):
    p = tmp_path / "translations.csv"
    p.write_text(CSV, encoding="utf-8")
    return Translations.load(p)


def test_text_gives_the_translation_or_the_original(table):
    assert len(table) == 5
    assert table.text("measure", "1.1", "en", "Elektron xidmətlər") == "E-services"
    assert table.text("measure", "tourism/1.2.1", "ru", "Elektron viza") == "Elektron viza"  # empty cell
    assert table.text("measure", "9.9", "en", "Başqa") == "Başqa"
    # agency, unit, kpi and deadline keys are compared as vocab.normalize does: case, spaces, ə/e
    assert table.text("agency", "MALİYYƏ  Nazirliyi", "ru", "MALİYYƏ  Nazirliyi") == "Министерство финансов"
    assert table.text("unit", "mln ABS dollari", "en", "mln ABS dollari") == "million US dollars"


def test_a_measure_of_another_plan_with_the_same_number_keeps_its_title(table):
    assert table.text("measure", "1.1", "en", "Tamamilə başqa tədbir") == "Tamamilə başqa tədbir"


def test_a_row_without_the_original_text_counts(tmp_path):
    """kind,key,,en,ru: nothing to compare the measure's title with, so the translation is used."""
    p = tmp_path / "translations.csv"
    p.write_text("kind,key,az,en,ru\nmeasure,1.1,,E-services,Электронные услуги\n", encoding="utf-8")
    assert Translations.load(p).text("measure", "1.1", "en", "Elektron xidmətlər") == "E-services"


def test_missing_lists_what_has_no_translation(table):
    assert table.missing("ru") == [("measure", "tourism/1.2.1", "Elektron viza")]
    wanted = [("measure", "1.1", "Elektron xidmətlər"), ("agency", "Vergilər Nazirliyi", "Vergilər Nazirliyi"),
              ("agency", "Maliyyə Nazirliyi", "Maliyyə Nazirliyi"), ("agency", "Vergilər Nazirliyi", "x")]
    assert table.missing("en", wanted) == [("agency", "Vergilər Nazirliyi", "Vergilər Nazirliyi")]


def test_the_first_row_wins_and_later_ones_fill_gaps(table):
    other = Translations()
    other.add("measure", "tourism/1.2.1", {"en": "Electronic visa", "ru": "Электронная виза"})
    table.update(other)
    assert table.text("measure", "tourism/1.2.1", "en", None) == "E-visa"
    assert table.text("measure", "tourism/1.2.1", "ru", None) == "Электронная виза"


def test_a_bad_file_is_one_problem(tmp_path):
    p = tmp_path / "translations.csv"
    p.write_text("kind,key,en\nmeasures,1.1,x\n", encoding="utf-8")
    with pytest.raises(UnusableInput) as exc:
        Translations.load(p)
    assert exc.value.problem.code == "translations.kind" and exc.value.problem.cell == "A2"
    p.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(UnusableInput) as exc:
        Translations.load(p)
    assert exc.value.problem.code == "translations.columns"


def _items():
    return make_items([
        dict(plan="P", kind="nap", commitment="1", section_title="Birinci istiqamət", item_id="1.1",
             title="Elektron xidmətlər", agencies=["Maliyyə Nazirliyi", "Vergilər Nazirliyi"],
             deadline_text="2017-ci il"),
        dict(plan="P", kind="nap", commitment="1", section_title="Birinci istiqamət", item_id="1.2",
             title="Açıq məlumat", agencies=["Vergilər Nazirliyi"], deadline_text="tezliklə"),
    ])


def test_untranslated_counts_each_text_once_per_language(table):
    kpis = make_kpis([dict(plan="P", roadmap="tourism", kpi="Turist sayı", unit="mln ABŞ dolları")])
    u = untranslated(_items(), kpis, table)
    # en: measure 1.2, direction 1, Vergilər Nazirliyi, KPI name (the deadline 2017 says itself,
    # "tezliklə" and the unit are translated); ru the same.
    assert list(u[u["lang"] == "en"]["text"]) == ["Birinci istiqamət", "Vergilər Nazirliyi", "Açıq məlumat",
                                                  "Turist sayı"]
    assert list(u[u["lang"] == "en"]["key"]) == ["1", "", "1.2", ""]  # agencies and KPIs: the text is the key
    assert list(u[u["lang"] == "en"]["kind"]) == ["commitment", "agency", "measure", "kpi"]
    s = untranslated_summary(u).set_index("lang")
    assert s.loc["en", "total"] == 4 and s.loc["ru", "total"] == 4
    assert s.loc["en", "agency"] == 1 and s.loc["ru", "deadline"] == 0


def test_load_dataset_reads_the_translations_beside_the_data(tmp_path):
    import shutil

    book = shutil.copy("data/raw/nap_2016_2018.xlsx", tmp_path / "nap.xlsx")
    ds = load_dataset(book)
    assert len(ds.translations) == 0
    u = untranslated_summary(untranslated(ds.items, ds.kpis, ds.translations)).set_index("lang")
    # the sample NAP: 40 measures (1.1-1.10, 2.1-2.5, 3.1-3.6, 4.1-4.6, 5.1-5.5, 6.1-6.4, 7.1-7.4),
    # 7 directions, the agencies named in it; every deadline is a period deadline_label says itself
    assert u.loc["en", "measure"] == 40 and u.loc["en", "commitment"] == 7 and u.loc["en", "deadline"] == 0
    assert u.loc["en", "agency"] == len({a for names in ds.items["agencies"] for a in names})
    (tmp_path / "translations.csv").write_text(
        "kind,key,az,en,ru\nmeasure,1.1,Elektron xidmətlərin sayının artırılması,More e-services,\n",
        encoding="utf-8")
    t = load_dataset(book).translations
    assert t.text("measure", "1.1", "en", "Elektron xidmətlərin sayının artırılması") == "More e-services"


def test_ogp_export_items_are_not_counted():
    items = make_items([dict(plan="OGP", kind="ogp", commitment="AZ0001", item_id="AZ0001", title="Open data",
                             agencies=["Ministry of Finance"]),
                        dict(plan="P", kind="nap", commitment="1", item_id="1.1", title="Açıq məlumat")])
    u = untranslated(items, None, Translations(), ["az", "en", "ru"])
    assert list(zip(u["lang"], u["kind"], u["key"])) == [("az", "measure", "1.1"), ("en", "measure", "1.1"),
                                                         ("ru", "measure", "1.1")]


def test_load_dataset_picks_up_the_sample_translations():
    ds = load_dataset("data/raw/nap_2016_2018.xlsx")
    t = ds.translations
    assert t.text("measure", "1.1", "en", "Elektron xidmətlərin sayının artırılması") == \
        "Increasing the number of e-services"
    assert t.text("agency", "Maliyyə Nazirliyi", "ru", "Maliyyə Nazirliyi") == "Министерство финансов"
    assert untranslated(ds.items, ds.kpis, t).empty


def test_translations_csv_among_the_paths_is_not_a_plan():
    ds = load_dataset(["data/raw/translations.csv"])
    assert len(ds.items) == 0 and ds.problems == [] and len(ds.translations) == 238


def test_an_explicit_file_wins_over_the_one_beside_the_data(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("kind,key,az,en\nagency,Maliyyə Nazirliyi,,Finance Ministry\n", encoding="utf-8")
    ds = load_dataset("data/raw/nap_2016_2018.xlsx", translations=p)
    assert ds.translations.text("agency", "Maliyyə Nazirliyi", "en", "") == "Finance Ministry"
    assert ds.translations.text("agency", "Maliyyə Nazirliyi", "ru", "") == "Министерство финансов"
    assert isinstance(untranslated(ds.items, ds.kpis, ds.translations), pd.DataFrame)


def test_a_report_counts_what_a_workbook_without_translations_leaves_untranslated(tmp_path):
    import shutil

    from ogpstats.reports.notebook import Report

    shutil.copy("data/raw/nap_2016_2018.xlsx", tmp_path / "nap.xlsx")
    rep = Report(data_dir=tmp_path, out_dir=tmp_path / "out", lang="en", kind="nap")
    counts = untranslated_summary(rep.untranslated()).set_index("lang")
    n_agencies = len({a for names in rep.everything.items["agencies"] for a in names})
    # 40 measures, 7 directions and every agency, once for English and once for Russian
    assert counts.loc["en", "total"] == counts.loc["ru", "total"] == 40 + 7 + n_agencies
    assert rep.data.items["title"].iloc[0] == "Elektron xidmətlərin sayının artırılması"  # shown in the original
    shutil.copy("data/raw/translations.csv", tmp_path / "translations.csv")
    rep = Report(data_dir=tmp_path, out_dir=tmp_path / "out", lang="en", kind="nap")
    assert rep.untranslated().empty
    assert rep.data.items["title"].iloc[0] == "Increasing the number of e-services"
    assert rep.deadline("2017-ci ilin II rübü") == "Q2 2017"


# The sample suite as a reader sees it (issue 11 item 4): built once per session (tests/conftest.py).

AZ_LETTERS = re.compile(r"[əğışİƏŞĞ]")
LATIN_ALLOWED = {"ASAN", "SOCAR", "AZPROMO", "I", "II", "III", "IV", "G", "ogpstats", "SHA", "Excel",
                 "PNG", "SVG", "CSV", "XLSX", "HTML"}  # names of bodies, Roman numerals, the program, file types


def _page_text(page: Path) -> str:
    text = page.read_text("utf-8")
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    # Text marked as another language (the links to this report in Azərbaycanca / Русский) is not the page's.
    own = page.parent.name
    text = re.sub(r'<a\b[^>]*\blang="(?!' + own + r'")[^"]*"[^>]*>.*?</a>', " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\S+\.(?:xlsx|xls|xlsm|ods|csv|png|svg|html)\b", " ", text)  # file names


def test_english_sample_pages_have_no_azerbaijani_letters(suite):
    pages = sorted((suite.out / "latest" / "en").glob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        found = AZ_LETTERS.findall(_page_text(page))
        assert not found, (page.name, len(found))


def test_russian_sample_pages_are_cyrillic(suite):
    pages = sorted((suite.out / "latest" / "ru").glob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        text = _page_text(page)
        assert not AZ_LETTERS.findall(text), page.name
        text = re.sub(r"\b[0-9a-f]{12}\b|\b[A-Z]{1,3}[0-9]+\b", " ", text)  # sha256 prefixes, cells (C12)
        latin = set(re.findall(r"[A-Za-z]+", text)) - LATIN_ALLOWED
        assert not latin, (page.name, sorted(latin))
