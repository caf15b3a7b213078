"""The canonical workbook: `ogpstats template` output and its exact round trip."""

import datetime as dt

import pandas as pd
from openpyxl import load_workbook

from ogpstats.deadlines import parse_deadline
from ogpstats.io import load_dataset
from ogpstats.io.template import (
    ASSESSMENT_SHEET,
    LISTS_SHEET,
    PLAN_SHEET,
    default_rounds,
    status_choices,
    write_workbook,
)
from ogpstats.model import make_assessments, make_items, make_kpis

COMPARED_ITEM_COLUMNS = ["plan", "kind", "commitment", "roadmap", "priority", "section_title", "item_id", "title",
                         "agencies",
                         "deadline_text", "start", "deadline_end", "ongoing", "weight"]
COMPARED_ASSESSMENT_COLUMNS = ["plan", "item_id", "round", "as_of", "level", "percent", "evidence", "comment"]


def nap_tables():
    def item(cid, iid, title, agencies, deadline, weight=1.0):
        d = parse_deadline(deadline)
        section = {"1": "Elektron xidmətlər", "2": "Şəffaflıq / transparency"}[cid]
        return dict(plan="NAP test", kind="nap", commitment=cid, section_title=section, item_id=iid, title=title,
                    agencies=agencies, deadline_text=deadline, start=d.start, deadline_end=d.end,
                    ongoing=d.ongoing, weight=weight)

    items = make_items([
        item("1", "1.1", "Elektron xidmətlərin sayının artırılması", ["ASAN", "Ədliyyə Nazirliyi"], "2017-ci il"),
        item("1", "1.10", "Açıq məlumatların dərci", ["Rabitə və Yüksək Texnologiyalar Nazirliyi"],
             "2016-2018-ci illər", 2.0),
        item("2", "2.1", "<script>alert(1)</script>", ["Maliyyə Nazirliyi"], "Daimi"),
    ])
    assessments = make_assessments([
        dict(plan="NAP test", item_id="1.1", round="2017-H1", level="limited", evidence="e-gov.az"),
        dict(plan="NAP test", item_id="1.1", round="2017-H2", level="complete", percent=100.0),
        dict(plan="NAP test", item_id="1.10", round="2017-H2", level="substantial", percent=75.5,
             comment="=SUM(A1)"),
        dict(plan="NAP test", item_id="2.1", round="2017-H2", level=None),
    ])
    return items, assessments


def test_nap_round_trip_is_exact(tmp_path):
    items, assessments = nap_tables()
    path = write_workbook(tmp_path / "nap.xlsx", "nap", plan="NAP test", items=items, assessments=assessments)
    ds = load_dataset(path)
    assert ds.problems == []
    pd.testing.assert_frame_equal(ds.items[COMPARED_ITEM_COLUMNS], items[COMPARED_ITEM_COLUMNS], check_dtype=False)
    pd.testing.assert_frame_equal(ds.assessments[COMPARED_ASSESSMENT_COLUMNS],
                                  assessments[COMPARED_ASSESSMENT_COLUMNS], check_dtype=False)
    assert list(ds.items["cell"]) == ["C2", "C3", "C4"]


def test_srm_round_trip_with_kpis(tmp_path):
    items = make_items([
        dict(plan="SRM", kind="srm", roadmap="tourism", priority="1.1", section_title="Turizm infrastrukturu",
             item_id="tourism/1.1.1", title="Viza",
             agencies=["Mədəniyyət və Turizm Nazirliyi", "Xarici İşlər Nazirliyi"], deadline_text="2017-ci il",
             start="2017-01-01", deadline_end="2017-12-31"),
        dict(plan="SRM", kind="srm", roadmap="finance", priority="1.1", section_title="Access to finance",
             item_id="finance/1.1.1", title="Kredit",
             agencies=["Mərkəzi Bank"], deadline_text="2018-ci ilin I yarımili", start="2018-01-01",
             deadline_end="2018-06-30"),
    ])
    assessments = make_assessments([
        dict(plan="SRM", item_id="tourism/1.1.1", round="2017", level="substantial", percent=60.0),
        dict(plan="SRM", item_id="finance/1.1.1", round="2018", level="complete"),
    ])
    kpis = make_kpis([
        dict(plan="SRM", roadmap="agriculture", kpi="Import dependency", unit="%", baseline_year=2015,
             baseline=40.0, target_year=2020, target=25.0, year=2017, value=35.0),
        dict(plan="SRM", roadmap="agriculture", kpi="Import dependency", unit="%", baseline_year=2015,
             baseline=40.0, target_year=2020, target=25.0, year=2018, value=31.0),
        dict(plan="SRM", roadmap="tourism", kpi="Arrivals", unit="mln", baseline_year=2015, baseline=1.9,
             target_year=2020, target=4.0),
    ])
    path = write_workbook(tmp_path / "srm.xlsx", "srm", plan="SRM", items=items, assessments=assessments, kpis=kpis)
    ds = load_dataset(path)
    assert ds.problems == []
    pd.testing.assert_frame_equal(ds.items[COMPARED_ITEM_COLUMNS], items[COMPARED_ITEM_COLUMNS], check_dtype=False)
    pd.testing.assert_frame_equal(ds.assessments[COMPARED_ASSESSMENT_COLUMNS],
                                  assessments[COMPARED_ASSESSMENT_COLUMNS], check_dtype=False)
    pd.testing.assert_frame_equal(ds.kpis, kpis, check_dtype=False)


def test_template_has_instructions_frozen_headers_and_dropdowns(tmp_path):
    path = write_workbook(tmp_path / "t.xlsx", "nap", plan="P", rounds=default_rounds((2016, 2017)))
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Təlimat"
    instructions = " ".join(str(c.value) for row in wb["Təlimat"].iter_rows() for c in row if c.value)
    assert "İcra müddəti" in instructions and "Deadline" in instructions  # both languages
    assert wb[PLAN_SHEET].freeze_panes == "A2" and wb[ASSESSMENT_SHEET].freeze_panes == "A2"
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    formulas = sorted(dv.formula1 for dv in wb[ASSESSMENT_SHEET].data_validations.dataValidation)
    assert formulas == ["0", f"{LISTS_SHEET}!$A$2:$A${len(status_choices()) + 1}", f"{LISTS_SHEET}!$B$2:$B$7"]
    rounds = [c.value for (c,) in wb[LISTS_SHEET].iter_rows(min_row=2, min_col=2, max_col=2) if c.value]
    assert rounds == ["2016-H1", "2016-H2", "2016", "2017-H1", "2017-H2", "2017"]
    # Every drop-down status word is understood by the reader.
    from ogpstats.vocab import StatusVocabulary
    vocab = StatusVocabulary.default()
    assert all(vocab.level(w) is not None for w in status_choices())


def test_writer_is_byte_deterministic(tmp_path, monkeypatch):
    items, assessments = nap_tables()
    first = write_workbook(tmp_path / "a.xlsx", "nap", plan="P", items=items, assessments=assessments).read_bytes()

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2031, 5, 6, 7, 8, 9)

        @classmethod
        def utcnow(cls):
            return dt.datetime(2031, 5, 6, 7, 8, 9)

    monkeypatch.setattr(dt, "datetime", Later)
    second = write_workbook(tmp_path / "b.xlsx", "nap", plan="P", items=items, assessments=assessments).read_bytes()
    assert first == second


def test_illustrative_row_is_read_back_into_the_dataset(tmp_path):
    items, assessments = nap_tables()
    sample = write_workbook(tmp_path / "sample.xlsx", "nap", plan="NAP test", items=items,
                            assessments=assessments, illustrative=True)
    other = items.assign(plan="NAP other"), assessments.assign(plan="NAP other")  # the same plan twice is an error
    real = write_workbook(tmp_path / "real.xlsx", "nap", plan="NAP other", items=other[0], assessments=other[1])
    rows = list(load_workbook(sample)["Təlimat"].iter_rows(values_only=True))
    assert rows[3][:2] == ("Nümunə məlumat / Illustrative data", "bəli / yes")
    assert rows[5][:2] == ("Azərbaycanca", "English")  # the instructions follow, one row lower
    assert load_dataset(sample).illustrative == [str(sample)]
    assert load_dataset(real).illustrative == []
    both = load_dataset([sample, real])
    assert both.illustrative == [str(sample)] and both.problems == []


def test_control_characters_in_user_text_do_not_fail_the_writer(tmp_path):
    """An agency cell holding \\x01 (Excel's _x0001_) used to make openpyxl refuse the workbook (issue 10)."""
    items, assessments = nap_tables()
    items.at[0, "agencies"] = ["ASAN\x01 xidmət"]
    path = write_workbook(tmp_path / "nap.xlsx", "nap", plan="NAP test", items=items, assessments=assessments)
    assert load_dataset(path).items.loc[0, "agencies"] == ["ASAN xidmət"]
