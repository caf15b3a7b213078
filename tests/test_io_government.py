"""Government plan tables as analysts have them: NAP decrees, round sheets and columns, road maps, KPIs.

The workbooks are built by ``tests/fixtures/workbooks.py`` (or held there as
.xls / .ods / .xlsm copies); every expected value below is read off those
builders by hand.
"""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from ogpstats.io import load_dataset
from ogpstats.io.roadmaps import roadmap_key

from fixtures.workbooks import HERE, NAP_TITLE, build_nap, build_srm, write_nap_csv

NAP_IDS = ["1.1", "1.2", "1.3", "2.1", "2.2"]
# What the NAP fixture's rounds say (see NAP_ROUNDS): 2017-H1 words (1.2 also "60%"), 2017 a word
# for 1.1, an Excel percent-formatted 0.75 for 1.2 (→ 75) and 1 for 1.3 (→ 100), 2.1 blank.
NAP_STATUSES = {
    ("1.1", "2017-H1"): ("limited", None), ("1.2", "2017-H1"): ("substantial", 60.0),
    ("2.1", "2017-H1"): ("not_started", None),
    ("1.1", "2017"): ("complete", None), ("1.2", "2017"): (None, 75.0), ("1.3", "2017"): (None, 100.0),
    ("2.1", "2017"): (None, None),
}


@pytest.fixture
def nap_xlsx(tmp_path):
    return build_nap(tmp_path / "nap.xlsx")


def statuses(ds) -> dict:
    """{(item, round): (level, percent)} of the assessments that say something."""
    a = ds.assessments
    out = {}
    for item, rnd, level, pct in zip(a["item_id"], a["round"], a["level"], a["percent"]):
        out[(item, rnd)] = (None if pd.isna(level) else str(level), None if pd.isna(pct) else float(pct))
    return out


def said(d: dict) -> dict:
    return {k: v for k, v in d.items() if v != (None, None)}


# --- the NAP table as the decree prints it -------------------------------------------------------


def test_nap_items_from_a_decree_table(nap_xlsx):
    ds = load_dataset(nap_xlsx)
    items = ds.items
    # Title rows above the header, the "1 2 3 4 5" row under it and the notes below are not measures;
    # the section rows ("1. Elektron …", merged across) give commitment and title.
    assert list(items["item_id"]) == NAP_IDS
    assert list(items["commitment"]) == ["1", "1", "1", "2", "2"]
    assert list(items["section_title"]) == ["Elektron xidmətlərin təkmilləşdirilməsi"] * 3 + [
        "Şəffaflığın artırılması"] * 2
    assert set(items["kind"]) == {"nap"} and set(items["plan"]) == {NAP_TITLE}
    # Rows: 2 title rows, a blank, the header (4), the numbers row (5), section (6), measures 7-9,
    # section (10), measures 11-12.
    assert list(items["cell"]) == ["A7", "A8", "A9", "A11", "A12"]
    assert set(items["sheet"]) == {"Milli Fəaliyyət Planı"}
    assert items.loc[0, "title"] == "Elektron xidmətlərin sayının artırılması"


def test_nap_deadlines_are_exact_end_dates(nap_xlsx):
    items = load_dataset(nap_xlsx).items.set_index("item_id")
    ends = {k: (None if pd.isna(v) else v.date()) for k, v in items["deadline_end"].items()}
    assert ends == {
        "1.1": dt.date(2017, 12, 31),   # 2017-ci il
        "1.2": dt.date(2018, 12, 31),   # 2016-2018-ci illər: the range's last day
        "1.3": dt.date(2017, 6, 30),    # a real Excel date
        "2.1": dt.date(2017, 12, 31),   # 2017-ci ilin IV rübü
        "2.2": None,                    # Daimi
    }
    assert list(items["ongoing"]) == [False, False, False, False, True]
    assert items.loc["1.2", "start"] == pd.Timestamp("2016-01-01")
    assert items.loc["2.1", "deadline_text"] == "2017-ci ilin IV rübü"


def test_nap_agencies_split_never_on_ve_and_unified(nap_xlsx):
    items = load_dataset(nap_xlsx).items.set_index("item_id")
    assert items.loc["1.1", "agencies"] == ["Ədliyyə Nazirliyi", "Vergilər Nazirliyi"]       # comma
    assert items.loc["1.2", "agencies"] == ["Rabitə və Yüksək Texnologiyalar Nazirliyi"]     # "və" kept
    assert items.loc["1.3", "agencies"] == ["Ədliyyə Nazirliyi"]      # "ədliyyə   NAZİRLİYİ": case/spacing
    assert items.loc["2.1", "agencies"] == ["Maliyyə Nazirliyi", "Vergilər Nazirliyi"]       # line break
    assert items.loc["2.2", "agencies"] == ["Maliyyə Nazirliyi", "Ədliyyə Nazirliyi"]        # semicolon


def test_nap_measure_numbers_trailing_dot_and_float(nap_xlsx):
    # "1.1." (trailing dot) and 1.3 typed as a number (stored as the float 1.3) with no 1.30 around.
    ds = load_dataset(nap_xlsx)
    assert {"1.1", "1.3"} <= set(ds.items["item_id"])
    assert ds.problems == []


def test_hidden_and_empty_sheets_are_skipped(nap_xlsx):
    # The hidden "köməkçi" sheet holds a table with measure 9.9; "Sheet3" is empty.
    ds = load_dataset(nap_xlsx)
    assert "9.9" not in set(ds.items["item_id"])
    assert set(ds.items["sheet"]) | set(ds.assessments["sheet"]) == {
        "Milli Fəaliyyət Planı", "2017-ci ilin I yarımili", "2017-ci il"}


def test_round_sheets(nap_xlsx):
    ds = load_dataset(nap_xlsx)
    assert statuses(ds) == NAP_STATUSES
    a = ds.assessments.set_index(["item_id", "round"])
    # The as-of date is the period's last day; the cell is where the status (or the percent) is.
    assert a.loc[("1.1", "2017-H1"), "as_of"] == pd.Timestamp("2017-06-30")
    assert a.loc[("1.1", "2017-H1"), ["sheet", "cell"]].tolist() == ["2017-ci ilin I yarımili", "B3"]
    assert a.loc[("1.2", "2017"), ["sheet", "cell"]].tolist() == ["2017-ci il", "C4"]


@pytest.mark.parametrize("name, round_id", [
    ("2017-ci ilin I yarımili", "2017-H1"), ("2017-ci il", "2017"), ("2018 H1", "2018-H1"),
    ("2017-Q3", "2017-Q3"), ("II rüb 2017", "2017-Q2"),
])
def test_round_sheet_names(tmp_path, name, round_id):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1.1", "Tədbir", "Ədliyyə Nazirliyi", "2018-ci il"])
    rs = wb.create_sheet(name)
    rs.append(["№", "Status", "%"])
    rs.append(["1.1", "davam edir", None])
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    assert statuses(ds) == {("1.1", round_id): ("limited", None)}
    assert ds.problems == []


def test_round_columns_right_of_the_plan(tmp_path):
    ds = load_dataset(build_nap(tmp_path / "cols.xlsx", round_columns=True))
    # The same statuses as the round sheets: the 2017-H1 column holds words only (no "60%"), the 2017
    # column "75%" and "100%" as text. 2.2 has blank cells in both columns.
    expected = dict(NAP_STATUSES)
    expected[("1.2", "2017-H1")] = ("substantial", None)
    assert said(statuses(ds)) == said(expected)
    a = ds.assessments.set_index(["item_id", "round"])
    assert a.loc[("1.3", "2017"), ["sheet", "cell"]].tolist() == ["Milli Fəaliyyət Planı", "G9"]


def test_status_and_percent_columns_per_round(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti", "İcra vəziyyəti, 2017-ci il",
               "İcra faizi, 2017-ci il", "2018 H1"])
    ws.append(["1.1", "A", "X", "2017-ci il", "icra olunub", None, None])
    ws.append(["1.2", "B", "X", "2017-ci il", None, 60, "75%"])
    ws.append(["1.3", "C", "Y", "2017-ci il", None, 0.25, 1])
    ws.cell(4, 6).number_format = "0%"  # 25 %, in a column where 1.2's 60 was typed as a number
    ws.cell(4, 7).number_format = "0%"  # 100 %
    ws.append(["1.4", "D", "Y", "2017-ci il", "qismən icra olunub", 0.5, None])
    ws.cell(5, 6).number_format = "0.0%"
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    assert said(statuses(ds)) == {
        ("1.1", "2017"): ("complete", None), ("1.2", "2017"): (None, 60.0), ("1.3", "2017"): (None, 25.0),
        ("1.4", "2017"): ("substantial", 50.0), ("1.2", "2018-H1"): (None, 75.0),
        ("1.3", "2018-H1"): (None, 100.0),
    }
    assert ds.problems == []


def test_section_rows_not_merged_and_vertically_merged_agencies(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1. Açıq məlumatlar"])          # a section row, not merged
    ws.append(["1.1", "A", "Ədliyyə Nazirliyi", "2017-ci il"])
    ws.append(["1.2", "B", None, "2018-ci il"])
    ws.merge_cells("C3:C4")                    # one agency for two measures
    ws.append(["2. İctimai iştirak"])
    ws.append(["2.1", "C", "Vergilər Nazirliyi", "Daimi"])
    wb.save(tmp_path / "p.xlsx")
    items = load_dataset(tmp_path / "p.xlsx").items
    assert list(items["agencies"]) == [["Ədliyyə Nazirliyi"], ["Ədliyyə Nazirliyi"], ["Vergilər Nazirliyi"]]
    assert list(items["section_title"]) == ["Açıq məlumatlar", "Açıq məlumatlar", "İctimai iştirak"]
    assert list(items["commitment"]) == ["1", "1", "2"]


def test_english_and_russian_headers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["No.", "Measure", "Evaluation indicator", "Implementing agencies", "Deadline"])
    ws.append(["1.1", "Open data", "portal", "Ministry of Justice", "by the end of 2017"])
    ru = wb.create_sheet("План")
    ru.append(["№ п/п", "Наименование мероприятия", "Индикатор оценки", "Исполнители", "Срок исполнения"])
    ru.append(["2.1", "Открытые данные", "портал", "Министерство юстиции", "постоянно"])
    wb.save(tmp_path / "p.xlsx")
    items = load_dataset(tmp_path / "p.xlsx").items.set_index("item_id")
    assert items.loc["1.1", "deadline_end"] == pd.Timestamp("2017-12-31")
    assert bool(items.loc["2.1", "ongoing"]) and items.loc["2.1", "agencies"] == ["Министерство юстиции"]


# --- the same plan in every file type -------------------------------------------------------------


@pytest.mark.parametrize("make", [
    lambda d: build_nap(d / "nap.xlsx"),
    lambda d: HERE / "nap_government.xlsm",
    lambda d: HERE / "nap_government.xls",
    lambda d: HERE / "nap_government.ods",
    lambda d: write_nap_csv(d / "nap.csv", bom=True),
    lambda d: write_nap_csv(d / "nap.csv", bom=False),
], ids=["xlsx", "xlsm", "xls", "ods", "csv-bom", "csv"])
def test_every_file_type_reads_the_same_plan(tmp_path, make):
    path: Path = make(tmp_path)
    before = path.read_bytes()
    ds = load_dataset(path)
    assert list(ds.items["item_id"]) == NAP_IDS
    assert list(ds.items["agencies"].map(len)) == [2, 1, 1, 2, 2]
    assert list(ds.items["deadline_end"].dt.strftime("%Y-%m-%d").fillna("-")) == [
        "2017-12-31", "2018-12-31", "2017-06-30", "2017-12-31", "-"]
    assert list(ds.items["section_title"]) == ["Elektron xidmətlərin təkmilləşdirilməsi"] * 3 + [
        "Şəffaflığın artırılması"] * 2
    expected = dict(NAP_STATUSES)
    if path.suffix == ".csv":  # the CSV holds the round columns (words only in 2017-H1)
        expected[("1.2", "2017-H1")] = ("substantial", None)
    assert said(statuses(ds)) == said(expected)
    assert [p for p in ds.problems if p.severity == "error"] == []
    assert path.read_bytes() == before  # never modified


# --- Strategic Road Maps ------------------------------------------------------------------------


@pytest.fixture
def srm_xlsx(tmp_path):
    return build_srm(tmp_path / "srm.xlsx")


@pytest.mark.parametrize("source", ["xlsx", "ods", "xls"])
def test_srm_road_maps_priorities_and_agencies(tmp_path, source):
    path = build_srm(tmp_path / "srm.xlsx") if source == "xlsx" else HERE / f"srm_government.{source}"
    ds = load_dataset(path)
    items = ds.items.set_index("item_id")
    assert list(items.index) == ["tourism/1.1.1", "tourism/1.1.2", "tourism/1.2.1", "finance/1.1.1"]
    assert set(items["kind"]) == {"srm"}
    # "Turizm" (short sheet name) → tourism; "Maliyyə xidmətləri" → finance.
    assert list(items["roadmap"]) == ["tourism", "tourism", "tourism", "finance"]
    assert list(items["priority"]) == ["1.1", "1.1", "1.2", "1.1"]
    assert list(items["section_title"]) == ["Turizm infrastrukturunun inkişafı"] * 2 + [
        "Turizm məhsullarının təşviqi", "Access to finance"]
    # Lead first, then related ("İqtisadiyyat Nazirliyi; Xarici İşlər Nazirliyi").
    assert items.loc["tourism/1.1.1", "agencies"] == ["Xarici İşlər Nazirliyi", "Mədəniyyət və Turizm Nazirliyi"]
    assert items.loc["tourism/1.2.1", "agencies"] == ["Mədəniyyət və Turizm Nazirliyi", "İqtisadiyyat Nazirliyi",
                                                      "Xarici İşlər Nazirliyi"]
    assert items.loc["finance/1.1.1", "deadline_end"] == pd.Timestamp("2017-12-31")  # 2017-ci ilin sonunadək
    # The round sheet names the road map per row ("Maliyyə" → finance).
    assert statuses(ds) == {("finance/1.1.1", "2017"): ("substantial", None),
                            ("tourism/1.1.1", "2017"): ("complete", None),
                            ("tourism/1.1.2", "2017"): ("limited", None)}
    assert ds.problems == []


def test_srm_kpi_sheet(srm_xlsx):
    k = load_dataset(srm_xlsx).kpis
    tourism = k[k["roadmap"] == "tourism"]
    assert list(tourism["year"]) == [2016, 2017] and list(tourism["value"]) == [2.0, 2.7]
    assert tourism.iloc[0][["kpi", "unit", "baseline_year", "baseline", "target_year", "target"]].tolist() == [
        "Turistlərin sayı", "mln nəfər", 2015, 1.9, 2020, 4.0]
    finance = k[k["roadmap"] == "finance"]
    assert len(finance) == 1 and pd.isna(finance.iloc[0]["year"])  # no actual yet


def test_srm_road_map_named_by_title_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Vərəq1"  # names no road map: the title row does
    ws.append(["Specialised tourism industry — strategic road map"])
    ws.append(["№", "Tədbirin adı", "Məsul icraçı", "Əlaqədar qurumlar", "İcra müddəti"])
    ws.append(["Prioritet 2.1. Marketinq"])
    ws.append(["2.1.1", "Brend", "Turizm Agentliyi", None, "2019-cu il"])
    ws2 = wb.create_sheet("Peşə təhsili")
    ws2.append(["№", "Tədbirin adı", "Məsul icraçı", "Əlaqədar qurumlar", "İcra müddəti"])
    ws2.append(["Prioritet 1.1. Standartlar"])
    ws2.append(["1.1.1", "Peşə standartları", "Təhsil Nazirliyi", "Əmək Nazirliyi", "2018-ci il"])
    wb.save(tmp_path / "srm.xlsx")
    items = load_dataset(tmp_path / "srm.xlsx").items
    assert list(items["item_id"]) == ["tourism/2.1.1", "vocational/1.1.1"]
    assert list(items["priority"]) == ["2.1", "1.1"]
    assert list(items["section_title"]) == ["Marketinq", "Standartlar"]


@pytest.mark.parametrize("name, key", [
    ("Milli iqtisadiyyatın perspektivi", "national_economy"), ("National economy perspective", "national_economy"),
    ("Neft və qaz", "oil_gas"), ("Oil and gas industry, including chemical products", "oil_gas"),
    ("Kənd təsərrüfatı", "agriculture"), ("Agriculture", "agriculture"),
    ("KOS", "sme"), ("Consumer goods at the level of small and medium enterprises", "sme"),
    ("Ağır sənaye və maşınqayırma", "heavy_industry"), ("Heavy industry", "heavy_industry"),
    ("Turizm", "tourism"), ("İxtisaslaşmış turizm sənayesinin inkişafı", "tourism"),
    ("Logistika və ticarət", "logistics_trade"), ("Logistics and trade", "logistics_trade"),
    ("Əlverişli mənzil", "housing"), ("Affordable housing", "housing"),
    ("Peşə təhsili", "vocational"), ("Vocational education and training", "vocational"),
    ("Maliyyə xidmətləri", "finance"), ("Financial services", "finance"),
    ("İKT", "telecom_ict"), ("Telecommunications and information technologies", "telecom_ict"),
    ("Kommunal xidmətlər", "utilities"), ("Utilities: electricity and heat, water and gas", "utilities"),
    ("Sheet1", None),
])
def test_road_map_names(name, key):
    assert roadmap_key(name) == key


def test_roman_and_unspaced_section_numbers_rounds_under_a_merged_header(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "NFP"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti", "Monitorinq nəticələri", None])  # 1
    ws.merge_cells("E1:F1")
    ws.append([None, None, None, None, "2017-ci ilin I yarımili", "2017-ci ilin II yarımili"])      # 2
    ws.append(["I. Elektron xidmətlər"])                                                             # 3
    ws.append(["1.1", "A", "X", "2017-ci il", "icra olunub", None])                                  # 4
    ws.append(["II.Şəffaflıq"])                                                                      # 5
    ws.append(["2.1", "B", "Y", "2017-ci il", "davam edir", "icra olunub"])                          # 6
    ws.append(["3.Hesabatlılıq"])                                                                    # 7
    ws.append(["3.1", "C", "Y", "2017-ci il", None, "gözləmədə"])                                     # 8
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    # Roman numbers and numbers without a space are not part of the title; the commitment is the
    # measures' first number.
    assert list(ds.items["section_title"]) == ["Elektron xidmətlər", "Şəffaflıq", "Hesabatlılıq"]
    assert list(ds.items["commitment"]) == ["1", "2", "3"]
    assert said(statuses(ds)) == {("1.1", "2017-H1"): ("complete", None), ("2.1", "2017-H1"): ("limited", None),
                                  ("2.1", "2017-H2"): ("complete", None), ("3.1", "2017-H2"): ("not_started", None)}
    a = ds.assessments.set_index(["item_id", "round"])
    assert a.loc[("3.1", "2017-H2"), "cell"] == "F8"


def test_round_sheet_evidence_and_comment(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1.1", "A", "X", "2017-ci il"])
    rs = wb.create_sheet("2017-ci il")
    rs.append(["№", "İcra vəziyyəti", "Sübut", "Şərh"])
    rs.append(["1.1", "icra olunub", "https://e-gov.az", "yoxlanılıb"])
    wb.save(tmp_path / "p.xlsx")
    a = load_dataset(tmp_path / "p.xlsx").assessments
    assert a[["item_id", "round", "evidence", "comment", "cell"]].values.tolist() == [
        ["1.1", "2017", "https://e-gov.az", "yoxlanılıb", "B2"]]


def test_plan_sheet_named_after_a_round_holds_its_statuses(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "2018-ci ilin I yarımili"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti", "İcra vəziyyəti", "İcra faizi"])
    ws.append(["1.1", "A", "X", "2017-ci il", "icra olunub", 100])
    ws.append(["1.2", "B", "X", "2018-ci il", None, "40%"])
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    assert statuses(ds) == {("1.1", "2018-H1"): ("complete", 100.0), ("1.2", "2018-H1"): (None, 40.0)}
    assert list(ds.assessments["cell"]) == ["E2", "F3"]


def test_kpi_sheet_with_english_headers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Turizm"
    ws.append(["№", "Tədbirin adı", "Məsul icraçı", "İcra müddəti"])
    ws.append(["1.1.1", "Viza", "Xarici İşlər Nazirliyi", "2017-ci il"])
    k = wb.create_sheet("KPI")
    k.append(["Road map", "KPI", "Unit", "Baseline year", "Baseline", "Target year", "Target", "2016", "2017"])
    k.append(["Tourism", "Arrivals", "mln", 2015, 1.9, 2020, 4, 2.1, None])
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    assert ds.kpis[["roadmap", "kpi", "unit", "baseline_year", "baseline", "target_year", "target", "year",
                    "value"]].values.tolist() == [["tourism", "Arrivals", "mln", 2015, 1.9, 2020, 4.0, 2016, 2.1]]
    assert list(ds.items["item_id"]) == ["tourism/1.1.1"]


DEADLINES = [  # (cell as written, deadline end or None, ongoing)
    ("2016-2018-ci illər", "2018-12-31", False), ("2017-ci il", "2017-12-31", False),
    ("2016-cı ilin IV rübü", "2016-12-31", False), ("2018-ci ilin I yarımili", "2018-06-30", False),
    ("2017-ci ilin sonunadək", "2017-12-31", False), ("Daimi", None, True), ("mütəmadi", None, True),
    ("2016-2018", "2018-12-31", False), ("Q2 2017", "2017-06-30", False), ("H1 2018", "2018-06-30", False),
    ("by the end of 2017", "2017-12-31", False), ("Permanent", None, True), ("постоянно", None, True),
    (dt.datetime(2017, 3, 15), "2017-03-15", False), ("2019", "2019-12-31", False), (2019, "2019-12-31", False),
]


def test_every_deadline_wording_in_a_plan(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    for i, (text, _, _) in enumerate(DEADLINES, start=1):
        ws.append([f"1.{i}", f"Tədbir {i}", "Ədliyyə Nazirliyi", text])
    ws.append([f"1.{len(DEADLINES) + 1}", "Tədbir", "Ədliyyə Nazirliyi", "tezliklə, 2017"])  # unreadable
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    items = ds.items
    ends = [None if pd.isna(d) else d.strftime("%Y-%m-%d") for d in items["deadline_end"]]
    assert ends == [end for _, end, _ in DEADLINES] + [None]
    assert list(items["ongoing"]) == [ongoing for _, _, ongoing in DEADLINES] + [False]
    # The unreadable one is a warning at its cell (row 1 header + 17th measure = row 18, column D).
    (p,) = ds.problems
    assert (p.severity, p.sheet, p.cell) == ("warning", "Plan", f"D{len(DEADLINES) + 2}")
    assert p.message == "cannot read the deadline 'tezliklə, 2017'; the measure has no deadline"
    assert items["deadline_text"].iloc[-1] == "tezliklə, 2017"


def test_section_number_and_title_in_their_own_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1", "Elektron xidmətlər"])             # a section: number, title, no agencies or deadline
    ws.append(["1.1", "A", "X", "2017"])
    ws.append(["2.", "Şəffaflıq", None, None])
    ws.append(["2.1", "B", "Y", "2017"])
    ws.append(["2.2", "C", "Y", "2017"])
    wb.save(tmp_path / "p.xlsx")
    items = load_dataset(tmp_path / "p.xlsx").items
    assert items[["item_id", "commitment", "section_title", "cell"]].values.tolist() == [
        ["1.1", "1", "Elektron xidmətlər", "A3"], ["2.1", "2", "Şəffaflıq", "A5"], ["2.2", "2", "Şəffaflıq", "A6"]]


def test_status_merged_over_several_measures(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti", "2017-ci il"])
    ws.append(["1.1", "A", "X", "2017-ci il", "icra olunub"])
    ws.append(["1.2", "B", "X", "2017-ci il", None])
    ws.merge_cells("E2:E3")                    # one status for 1.1 and 1.2
    ws.append(["1.3", "C", "X", "2017-ci il", "davam edir"])
    rs = wb.create_sheet("2018 H1")
    rs.append(["№", "İcra vəziyyəti", "Şərh"])
    rs.append(["1.1", "icra olunub", "birgə"])
    rs.append(["1.2", None, None])
    rs.append(["1.3", None, None])
    rs.merge_cells("B2:B4")
    rs.merge_cells("C2:C3")
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    assert statuses(ds) == {("1.1", "2017"): ("complete", None), ("1.2", "2017"): ("complete", None),
                            ("1.3", "2017"): ("limited", None), ("1.1", "2018-H1"): ("complete", None),
                            ("1.2", "2018-H1"): ("complete", None), ("1.3", "2018-H1"): ("complete", None)}
    a = ds.assessments[ds.assessments["round"] == "2018-H1"]
    assert a["comment"].tolist() == ["birgə", "birgə", None] and a["cell"].tolist() == ["B2", "B3", "B4"]


@pytest.mark.parametrize("text, start, end", [
    ("2017-ci ilin dekabr ayınadək", "2017-12-01", "2017-12-31"), ("dekabr 2017", "2017-12-01", "2017-12-31"),
    ("by December 2017", "2017-12-01", "2017-12-31"), ("до декабря 2017 года", "2017-12-01", "2017-12-31"),
    ("2017-ci ilin 9 ayı", "2017-07-01", "2017-09-30"), ("2017/12/31", None, "2017-12-31"),
    ("31.12.2017", None, "2017-12-31"), ("2018-ci ilin fevral ayı", "2018-02-01", "2018-02-28"),
])
def test_more_deadline_wordings(text, start, end):
    from ogpstats.deadlines import parse_deadline

    d = parse_deadline(text)
    assert (str(d.start) if d.start else None, str(d.end), d.parsed) == (start, end, True)


@pytest.mark.parametrize("text", ["2017-13-45", "31.02.2017", "2017-ci ilin mart-aprel ayları", "tezliklə 2017"])
def test_impossible_or_unknown_deadlines_are_unread_not_a_crash(text):
    from ogpstats.deadlines import parse_deadline

    d = parse_deadline(text)
    assert (d.end, d.parsed) == (None, False)
