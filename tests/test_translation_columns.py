"""The plan's text in other languages from columns such as ``Title (EN)`` beside the original (issue 11 item 1)."""

from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from test_template import nap_tables

from ogpstats.cli import main
from ogpstats.io import load_dataset
from ogpstats.io.headers import header_field, match_header
from ogpstats.io.template import write_workbook
from ogpstats.translations import Translations

HEADER = ["№", "Tədbirin adı", "Title (EN)", "Название (RU)", "İcraçı qurumlar", "Implementing agencies (EN)",
          "Исполнители (RU)", "İcra müddəti", "Deadline (EN)"]


def build_table(path, rows=None):
    """A NAP table as a ministry pastes it: a title, section rows merged across, translations on the right."""
    wb = Workbook()
    ws = wb.active
    ws.title = "MFP"
    ws.append(["Açıq Hökumətin təşviqinə dair 2016-2018-ci illər üçün Milli Fəaliyyət Planı"])
    ws.append(HEADER)
    ws.append(["1. Elektron xidmətlər", None, "1. Electronic services", "1. Электронные услуги"])
    ws.merge_cells("A3:B3")
    for row in rows or [
        ["1.1", "Elektron xidmətlərin sayının artırılması", "Increasing the number of e-services",
         "Увеличение числа электронных услуг", "Maliyyə Nazirliyi; Vergilər Nazirliyi",
         "Ministry of Finance; Ministry of Taxes", "Министерство финансов; Министерство налогов",
         "2017-ci ilin II rübü", "Q2 2017"],
        ["1.2", "Açıq məlumatların dərci", "Publishing open data", None, "Vergilər Nazirliyi",
         "Ministry of Taxes", "Министерство налогов", "Daimi", None],
    ]:
        ws.append(row)
    ws.append(["2. Şəffaflıq", None, "2. Transparency"])
    ws.append(["2.1", "Hesabatların dərci", None, "Публикация отчётов", "Maliyyə Nazirliyi", None, None, "2018"])
    wb.save(path)
    return path


def test_language_tagged_headers_name_the_translation_of_a_field():
    assert header_field("Title (EN)") == "title@en"
    assert header_field("Başlıq (EN)") == "title@en"
    assert header_field("Название (RU)") == "title@ru"
    assert header_field("Tədbirin adı (EN) / Measure (EN)") == "title@en"
    assert header_field("İstiqamətin adı (RU) / Direction title (RU)") == "section_title@ru"
    assert header_field("Göstərici (EN)") == "kpi@en" and header_field("Ölçü vahidi [RU]") == "unit@ru"
    # Untagged and other parentheses are read as before; a tag on a field with no text to translate is ignored.
    assert header_field("İcra faizi (%)") == "percent" and header_field("№ (EN)") == "item_id"
    # Only tagged columns: the first is the original.
    assert match_header(["№", "Tədbirin adı (AZ)", "Title (EN)"]) == {"item_id": 0, "title@en": 2, "title": 1}


def test_translation_columns_are_read_into_translations(tmp_path):
    ds = load_dataset(build_table(tmp_path / "nap.xlsx"))
    assert ds.problems == []
    items = ds.items
    # The translation columns are not the plan's content: sections, measures and agencies as without them.
    assert list(items["item_id"]) == ["1.1", "1.2", "2.1"]
    assert list(items["commitment"]) == ["1", "1", "2"]
    assert list(items["section_title"]) == ["Elektron xidmətlər", "Elektron xidmətlər", "Şəffaflıq"]
    assert list(items["title"])[0] == "Elektron xidmətlərin sayının artırılması"
    t = ds.translations
    assert t.get("measure", "1.1", "en") == "Increasing the number of e-services"
    assert t.get("measure", "1.1", "ru") == "Увеличение числа электронных услуг"
    assert t.get("measure", "1.2", "en") == "Publishing open data" and t.get("measure", "1.2", "ru") is None
    assert t.get("measure", "2.1", "en") is None and t.get("measure", "2.1", "ru") == "Публикация отчётов"
    # The original is kept under the plan's language, so a measure 1.1 of another plan is not matched.
    assert t.get("measure", "1.1", "az") == "Elektron xidmətlərin sayının artırılması"
    assert t.get("measure", "1.1", "en", original="Başqa tədbir") is None
    # Section rows: the translation beside the section's title, without its number.
    assert t.get("commitment", "1", "en") == "Electronic services"
    assert t.get("commitment", "1", "ru") == "Электронные услуги"
    assert t.get("commitment", "2", "en") == "Transparency"
    # Agencies paired in order; keyed by the original name.
    assert t.get("agency", "Maliyyə Nazirliyi", "en") == "Ministry of Finance"
    assert t.get("agency", "Vergilər Nazirliyi", "en") == "Ministry of Taxes"
    assert t.get("agency", "vergiler nazirliyi", "ru") == "Министерство налогов"
    assert t.get("deadline", "2017-ci ilin II rübü", "en") == "Q2 2017"
    assert t.get("deadline", "Daimi", "en") is None


def test_agency_count_that_differs_is_a_warning_at_the_cell(tmp_path):
    rows = [["1.1", "Elektron xidmətlər", "E-services", None, "Maliyyə Nazirliyi, Vergilər Nazirliyi",
             "Ministry of Finance", None, "2017", None]]
    ds = load_dataset(build_table(tmp_path / "nap.xlsx", rows))
    [p] = ds.problems
    assert (p.code, p.severity, p.sheet, p.cell) == ("translation.agencies", "warning", "MFP", "F4")
    assert p.message == ("agencies in the (EN) column: 1, in the original: 2; list the translations in the same "
                         "order, separated the same way (this cell is not used)")
    assert ds.translations.get("agency", "Maliyyə Nazirliyi", "en") is None


def test_translations_csv_beside_the_data_wins_over_the_columns(tmp_path):
    build_table(tmp_path / "nap.xlsx")
    (tmp_path / "translations.csv").write_text(
        "kind,key,az,en,ru\nmeasure,1.1,Elektron xidmətlərin sayının artırılması,More e-services,\n", "utf-8")
    t = load_dataset(tmp_path / "nap.xlsx").translations
    assert t.get("measure", "1.1", "en") == "More e-services"  # the file's
    assert t.get("measure", "1.1", "ru") == "Увеличение числа электронных услуг"  # the column fills the gap


def test_template_round_trips_the_translations(tmp_path):
    items, assessments = nap_tables()
    t = Translations()  # as translations.csv gives them: the original (az) beside the translations
    t.add("measure", "1.1", {"az": "Elektron xidmətlərin sayının artırılması", "en": "More e-services",
                             "ru": "Больше электронных услуг"})
    t.add("measure", "1.10", {"az": "Açıq məlumatların dərci", "en": "Publishing open data"})
    t.add("measure", "2.1", {"az": "Another plan's 2.1", "en": "Not this plan's"})
    t.add("commitment", "1", {"az": "Elektron xidmətlər", "en": "E-services"})
    t.add("agency", "ASAN", {"en": "ASAN Service", "ru": "АСАН Хидмет"})
    t.add("agency", "Ədliyyə Nazirliyi", {"en": "Ministry of Justice"})  # no Russian: 1.1's RU cell stays blank
    t.add("deadline", "Daimi", {"en": "Ongoing", "ru": "Постоянно"})
    path = write_workbook(tmp_path / "nap.xlsx", "nap", plan="NAP test", items=items, assessments=assessments,
                          translations=t)
    header = next(load_workbook(path)["Tədbirlər"].iter_rows(values_only=True))
    assert header[7:] == ("İstiqamətin adı (EN) / Direction title (EN)",
                          "İstiqamətin adı (RU) / Direction title (RU)",
                          "Tədbirin adı (EN) / Measure (EN)", "Tədbirin adı (RU) / Measure (RU)",
                          "İcraçı qurumlar (EN) / Implementing agencies (EN)",
                          "İcraçı qurumlar (RU) / Implementing agencies (RU)",
                          "İcra müddəti (EN) / Deadline (EN)", "İcra müddəti (RU) / Deadline (RU)")
    ds = load_dataset(path)
    assert ds.problems == [] and list(ds.items["item_id"]) == ["1.1", "1.10", "2.1"]
    r = ds.translations
    assert r.get("measure", "1.1", "en") == "More e-services"
    assert r.get("measure", "1.1", "ru") == "Больше электронных услуг"
    assert r.get("measure", "1.10", "en") == "Publishing open data" and r.get("measure", "1.10", "ru") is None
    assert r.get("measure", "2.1", "en") is None  # a row for another title is not written
    assert r.get("commitment", "1", "en") == "E-services" and r.get("commitment", "2", "en") is None
    assert r.get("agency", "ASAN", "en") == "ASAN Service"
    assert r.get("agency", "Ədliyyə Nazirliyi", "en") == "Ministry of Justice"
    assert r.get("agency", "ASAN", "ru") is None  # written only when every agency of the cell has one
    assert r.get("deadline", "Daimi", "ru") == "Постоянно"


def test_template_command_writes_the_columns_and_explains_them(tmp_path):
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(main, ["template", "srm", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    header = next(wb["Tədbirlər"].iter_rows(values_only=True))
    assert header[9:11] == ("Prioritetin adı (EN) / Priority title (EN)",
                            "Prioritetin adı (RU) / Priority title (RU)")
    assert "Əlaqədar qurumlar (RU) / Related agencies (RU)" in header
    kpi = next(wb["KPI"].iter_rows(values_only=True))
    assert kpi[7:] == ("Göstərici (EN) / Indicator name (EN)", "Göstərici (RU) / Indicator name (RU)",
                       "Ölçü vahidi (EN) / Unit (EN)", "Ölçü vahidi (RU) / Unit (RU)")
    instructions = [row for row in wb["Təlimat"].iter_rows(values_only=True)]
    assert any(row[0] and "«(EN)» və «(RU)» işarəli sütunlar" in row[0] and "The columns marked «(EN)»" in row[1]
               for row in instructions)


def test_english_report_shows_the_translation_columns(tmp_path):
    from ogpstats.reports.notebook import Report

    build_table(tmp_path / "nap.xlsx")
    rep = Report(data_dir=tmp_path, out_dir=tmp_path / "out", lang="en", kind="nap")
    items = rep.data.items.set_index("item_id")
    assert items.loc["1.1", "title"] == "Increasing the number of e-services"
    assert items.loc["1.1", "section_title"] == "Electronic services"
    assert items.loc["1.1", "agencies"] == ["Ministry of Finance", "Ministry of Taxes"]
    assert items.loc["2.1", "title"] == "Hesabatların dərci"  # no English: the original
    assert rep.deadline("2017-ci ilin II rübü") == "Q2 2017"
    ru = Report(data_dir=tmp_path, out_dir=tmp_path / "out", lang="ru", kind="nap").data.items.set_index("item_id")
    assert ru.loc["2.1", "title"] == "Публикация отчётов" and ru.loc["2.1", "section_title"] == "Şəffaflıq"


def test_srm_template_round_trips_kpi_and_priority_translations(tmp_path):
    from ogpstats.model import make_assessments, make_items, make_kpis

    items = make_items([dict(plan="SRM", kind="srm", roadmap="tourism", priority="1.1", section_title="Turizm",
                             item_id="tourism/1.1.1", title="Viza", agencies=["Turizm Agentliyi", "ASAN"],
                             deadline_text="2017-ci il")])
    kpis = make_kpis([dict(plan="SRM", roadmap="tourism", kpi="Turistlərin sayı", unit="mln nəfər", baseline_year=2015,
                           baseline=1.9, target_year=2020, target=4.0, year=2017, value=2.5)])
    t = Translations()
    t.add("priority", "tourism/1.1", {"az": "Turizm", "en": "Tourism"})
    t.add("measure", "tourism/1.1.1", {"az": "Viza", "en": "Visa", "ru": "Виза"})
    t.add("agency", "Turizm Agentliyi", {"en": "Tourism Agency"})
    t.add("agency", "ASAN", {"en": "ASAN Service"})
    t.add("kpi", "Turistlərin sayı", {"en": "Number of tourists", "ru": "Число туристов"})
    t.add("unit", "mln nəfər", {"en": "million people"})
    assessments = make_assessments([dict(plan="SRM", item_id="tourism/1.1.1", round="2017", level="complete")])
    path = write_workbook(tmp_path / "srm.xlsx", "srm", plan="SRM", items=items, assessments=assessments, kpis=kpis,
                          translations=t)
    ds = load_dataset(path)
    assert ds.problems == [] and list(ds.kpis["value"]) == [2.5]  # the translation columns are not years
    r = ds.translations
    assert r.get("priority", "tourism/1.1", "en") == "Tourism"
    assert (r.get("measure", "tourism/1.1.1", "en"), r.get("measure", "tourism/1.1.1", "ru")) == ("Visa", "Виза")
    # Lead agency and related agencies each in their own column.
    assert (r.get("agency", "Turizm Agentliyi", "en"), r.get("agency", "ASAN", "en")) == ("Tourism Agency",
                                                                                        "ASAN Service")
    assert (r.get("kpi", "Turistlərin sayı", "ru"), r.get("unit", "mln nəfər", "en")) == ("Число туристов",
                                                                                           "million people")
