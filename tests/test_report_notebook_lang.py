"""The report notebooks on the sample data, in both languages: words, numbers, escaping, data quality.

One run of every report notebook (``run_reports``) on ``data/raw`` and one
on a folder of broken inputs; the tests read the HTML pages as a reader
would (text without tags).
"""

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from ogpstats.i18n import catalogue
from ogpstats.vocab import LEVEL_LABELS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "raw"
MY_NOTEBOOKS = ("nap_monitoring", "srm_monitoring", "data_quality", "donor_brief")

# Proper names and formats that may appear in any language.
PROPER = {"ogpstats", "ogp", "asan", "csv", "xlsx", "xlsm", "xls", "ods", "utf", "sha", "excel"}


def _words(text: str) -> set[str]:
    text = re.sub(r"\{[^}]*\}", " ", text)  # placeholders are not words
    text = re.sub(r"[\w.-]+\.(?:xlsx|xlsm|xls|ods|csv)\b", " ", text)  # file names are names
    # hex digests are not words either: a file's sha256 prefix "3be7a0…" held the "word" "be" (a flaky failure)
    text = re.sub(r"\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b", " ", text)
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1}


def english_only_words() -> set[str]:
    """Words of the English catalogue and level names that Azerbaijani never uses."""
    en = set().union(*(_words(t) for t in catalogue("en").values()), *(_words(t) for t in LEVEL_LABELS["en"].values()))
    az = set().union(*(_words(t) for t in catalogue("az").values()),
                     *(_words(t) for t in LEVEL_LABELS["az"].values()))
    return en - az - PROPER


def page_text(page: str) -> str:
    """What a reader sees: no style, no tags, entities decoded."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


@pytest.fixture(scope="module")
def sample_run(suite):
    """Every report notebook on the sample data: the session's shared run (reports_support.build_suite)."""
    return suite.out, suite.first


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The sample NAP with a script and a formula as measure titles (user text is data, not markup)."""
    import openpyxl

    from ogpstats.reports import run_reports

    data = tmp_path_factory.mktemp("hostile")
    wb = openpyxl.load_workbook(DATA / "nap_2016_2018.xlsx")
    wb["Tədbirlər"]["D3"] = "<script>alert(1)</script>"  # measure 1.2, overdue at 2018-H2
    wb["Tədbirlər"]["D6"] = "=HYPERLINK(\"http://x\")"  # measure 1.5, overdue at 2018-H2
    wb["Tədbirlər"]["D6"].data_type = "s"
    wb.save(data / "nap_hostile.xlsx")
    out = tmp_path_factory.mktemp("reports_hostile")
    result = run_reports("latest", data, out, lang="all", jobs=2, echo=False)
    return out, result


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    """The sample NAP with a typo and an out-of-range percent; two unreadable files.

    The NAP reports are refused (data errors); the data quality report runs and lists them. The run
    ends with the most pressing of its problems: two unusable inputs (exit 2), not the data errors.
    """
    import openpyxl

    from ogpstats.reports import InputsLost, run_reports

    data = tmp_path_factory.mktemp("broken")
    wb = openpyxl.load_workbook(DATA / "nap_2016_2018.xlsx")
    wb["Qiymətləndirmə"]["C3"] = "icra olunb"
    wb["Qiymətləndirmə"]["D4"] = 150
    wb.save(data / "nap_bad.xlsx")
    (data / "empty.xlsx").write_bytes(b"")
    (data / "notes.xlsx").write_text("a,b\n1,2\n", "utf-8")
    out = tmp_path_factory.mktemp("reports_broken")
    with pytest.raises(InputsLost) as held:
        run_reports("latest", data, out, lang="all", jobs=2, echo=False)
    assert str(held.value).startswith("2 input file(s) gone or unusable")
    return out, held.value


def _page(out: Path, lang: str, name: str) -> str:
    return (out / "latest" / lang / f"{name}.html").read_text("utf-8")


def test_every_report_notebook_ran_in_both_languages(sample_run):
    out, result = sample_run
    for name in MY_NOTEBOOKS:
        for lang in ("az", "en"):
            assert f"latest/{lang}/{name}" in result.ran
            assert (out / "latest" / lang / f"{name}.html").is_file()


def data_words() -> set[str]:
    """Words of the user's data (plan names, titles, agencies, KPIs): proper names, shown as typed."""
    from ogpstats.io import load_dataset

    ds = load_dataset(sorted(DATA.glob("*.xlsx")))
    texts = [str(v) for col in ("plan", "title", "section_title") for v in ds.items[col].dropna()]
    texts += [a for agencies in ds.items["agencies"] for a in agencies]
    texts += [str(v) for col in ("kpi", "unit") for v in ds.kpis[col].dropna()]
    return set().union(*(_words(t) for t in texts))


def test_azerbaijani_reports_have_no_english_words(sample_run, broken_run):
    english = english_only_words() - data_words()
    assert {"measures", "overdue", "status", "source", "commitment"} <= english  # the check can fail
    for out, _ in (sample_run, broken_run):
        for page in sorted((out / "latest" / "az").glob("*.html")):
            found = _words(page_text(page.read_text("utf-8"))) & english
            assert not found, (page.name, sorted(found))


def test_english_reports_show_english_words(sample_run):
    text = page_text(_page(sample_run[0], "en", "nap_monitoring"))
    assert "Overdue measures" in text and "Agency scorecard" in text


def test_no_raw_catalogue_keys_in_any_page(sample_run, broken_run):
    prefixes = sorted({k.split(".")[0] for k in catalogue("en") if "." in k})
    key_re = re.compile(rf"\b(?:{'|'.join(prefixes)})\.[a-z_]+[a-z]\b")
    for out, _ in (sample_run, broken_run):
        for page in sorted((out / "latest").glob("*/*.html")):
            text = page_text(page.read_text("utf-8"))
            assert not key_re.findall(text.replace(".xlsx", "")), (page, key_re.findall(text))


def test_numbers_use_the_language_decimal_separator(sample_run):
    out, _ = sample_run
    az, en = page_text(_page(out, "az", "nap_monitoring")), page_text(_page(out, "en", "nap_monitoring"))
    # NAP implementation index at 2018-H2 (68.333333, see tests/test_explore_notebook.py)
    assert "68,3" in az and "68.3" not in az
    assert "68.3" in en and "68,3" not in en
    assert "70,0%" in az and "70.0%" in en  # share substantial or complete: 28 of 40
    srm_az = page_text(_page(out, "az", "srm_monitoring"))
    # KPI baseline 1650 in 2015: no-break space between thousands, no decimals.
    assert "1\u00a0650\u00a0(2015)" in srm_az
    assert "62,3" in srm_az and "62.3" not in srm_az  # SRM index (caerc) at 2019


def test_road_maps_named_in_the_report_language(sample_run):
    out, _ = sample_run
    az, en = page_text(_page(out, "az", "srm_monitoring")), page_text(_page(out, "en", "srm_monitoring"))
    assert "Əlverişli mənzil təminatı" in az and "Affordable housing" not in az
    assert "Affordable housing" in en and "Əlverişli mənzil təminatı" not in en
    assert "housing" not in _words(az) and "national_economy" not in az


def test_report_contents(sample_run):
    out, _ = sample_run
    en = {n: page_text(_page(out, "en", n)) for n in MY_NOTEBOOKS}
    # NAP: outlook and league chart
    assert "Outlook at the current pace" in en["nap_monitoring"] and "H2 2019" in en["nap_monitoring"]
    assert (out / "latest" / "en" / "charts" / "nap_agency_league.png").is_file()
    # SRM: 12 road maps, KPI table and chart
    assert "National economy perspective" in en["srm_monitoring"] and "Utilities: electricity" in en["srm_monitoring"]
    for chart in ("srm_index_by_roadmap", "srm_levels_by_roadmap", "srm_kpi_status", "srm_index_over_rounds"):
        assert (out / "latest" / "en" / "charts" / f"{chart}.svg").is_file()
    kpis = (out / "latest" / "en" / "tables" / "srm_kpis.csv").read_text("utf-8").splitlines()
    assert len(kpis) == 1 + 14
    assert "No data: no actual value up to 2019" in en["srm_monitoring"]
    # Data quality on clean data
    assert "No problems found" in en["data_quality"]
    # Donor brief: three numbers, three charts, method and source
    donor = _page(out, "en", "donor_brief")
    assert donor.count('<div class="card">') == 3
    assert donor.count('<figure class="chart') == 3 and donor.count('<figure class="chart half">') == 2
    assert "Source: nap_2016_2018.xlsx." in en["donor_brief"]
    manifest = json.loads((out / "latest" / "en" / "manifest.json").read_text("utf-8"))
    assert manifest  # written by the pipeline


def test_user_text_is_escaped_and_formulas_neutralised(hostile_run):
    out, _ = hostile_run
    for lang in ("az", "en"):
        for page in (out / "latest" / lang).glob("*.html"):
            assert "<script" not in page.read_text("utf-8").lower(), page
        nap = _page(out, lang, "nap_monitoring")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nap
        overdue = (out / "latest" / lang / "tables" / "nap_overdue.csv").read_text("utf-8")
        assert "<script>alert(1)</script>" in overdue
        assert "'=HYPERLINK" in overdue and ",=HYPERLINK" not in overdue


def test_data_quality_lists_every_problem(broken_run):
    out, _ = broken_run
    az = page_text(_page(out, "az", "data_quality"))
    en = page_text(_page(out, "en", "data_quality"))
    assert "naməlum icra vəziyyəti sözü 'icra olunb'" in az and "icra olunub" in az
    assert "faiz 150 0–100 aralığından kənardır" in az
    assert "fayl boşdur (0 bayt)" in az
    assert "unknown status word 'icra olunb'" in en
    rows = (out / "latest" / "en" / "tables" / "dq_problems.csv").read_text("utf-8").splitlines()
    assert rows[0] == "File,Sheet,Cell,Severity,Problem,Did you mean"
    assert "nap_bad.xlsx,Qiymətləndirmə,C3,Error,unknown status word 'icra olunb',icra olunub" in rows
    assert "nap_bad.xlsx,Qiymətləndirmə,D4,Error,percent 150 is outside 0–100," in rows
    assert any(r.startswith("empty.xlsx,,,Error,the file is empty") for r in rows)
    files = (out / "latest" / "en" / "tables" / "dq_files.csv").read_text("utf-8").splitlines()
    # the plan named as the page names it (plan_label)
    assert len(files) == 4 and files[2].startswith("nap_bad.xlsx,National Action Plan,NAP 2016–2018,40,5,2,")


def test_no_python_nulls_shown(sample_run, broken_run):
    for out, _ in (sample_run, broken_run):
        for page in sorted((out / "latest").glob("*/*.html")):
            text = page_text(re.sub(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+", "", page.read_text("utf-8")))
            assert not re.findall(r"\b(?:nan|NaN|None|NaT)\b|<NA>", text), page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
@pytest.mark.parametrize("lang", ["az", "en", "ru"])
def test_donor_brief_prints_on_one_page(sample_run, lang, tmp_path):
    import subprocess

    pdf = tmp_path / "brief.pdf"
    page = sample_run[0] / "latest" / lang / "donor_brief.html"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())
    assert len(pages) == 1
