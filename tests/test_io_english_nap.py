"""The official English text of the NAP 2016–2018 (issue 9, item 2), and header words a user adds."""

import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook

from ogpstats.io import load_dataset
from ogpstats.validate import UnusableInput

TITLE = "National Action Plan for 2016-2018 on the Promotion of Open Government"
HEADER = ["№", "Name of measure", "Evaluation indicator", "Implementing agencies", "Deadline"]
SECTIONS = [
    ("1. Increasing transparency in the activities of state bodies", [
        ("1.1", "Ensuring publication of the annual reports of state bodies", "Reports published",
         "Implementers: Cabinet of Ministers, Ministry of Justice", "2016-2018"),
        ("1.2", "Expanding the e-services portal", "Number of e-services",
         "Implementer:Ministry of Communications and High Technologies", "2017"),
    ]),
    ("2. Preventing corruption", [
        ("2.1", "Publishing asset declarations", "Declarations published",
         "Implementers: Ministry of Justice; Commission on Combating Corruption", "Q4 2017"),
        ("2.2", "Training civil servants on ethics", "Number of trainings",
         "Implementer: Civil Service Commission under the President of the Republic of Azerbaijan", "Permanently"),
        ("2.3", "Open data on public procurement", "Data sets published",
         "Implementers: Ministry of Economy, Ministry of Finance", "by the end of 2017"),
    ]),
]


def english_nap(path):
    """Title rows, the header, a row of column numbers, section rows merged across the table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Approved by Decree of the President of the Republic of Azerbaijan dated 27 April 2016"])
    ws.append([TITLE])
    ws.append([])
    ws.append(HEADER)
    ws.append([1, 2, 3, 4, 5])
    for section, measures in SECTIONS:
        ws.append([section])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        for measure in measures:
            ws.append(list(measure))
    wb.save(path)
    return path


def test_english_nap_items(tmp_path):
    ds = load_dataset(english_nap(tmp_path / "nap_en.xlsx"))
    assert ds.problems == []
    items = ds.items
    assert list(items["item_id"]) == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    assert set(items["plan"]) == {TITLE} and set(items["kind"]) == {"nap"}
    assert list(items["commitment"]) == ["1", "1", "2", "2", "2"]
    assert list(items["section_title"]) == ["Increasing transparency in the activities of state bodies"] * 2 + [
        "Preventing corruption"] * 3
    assert list(items["title"]) == [m[1] for _, ms in SECTIONS for m in ms]
    # The label "Implementers:" is not an agency; one ministry is one agency.
    assert [list(a) for a in items["agencies"]] == [
        ["Cabinet of Ministers", "Ministry of Justice"],
        ["Ministry of Communications and High Technologies"],
        ["Ministry of Justice", "Commission on Combating Corruption"],
        ["Civil Service Commission under the President of the Republic of Azerbaijan"],
        ["Ministry of Economy", "Ministry of Finance"],
    ]
    ends = [None if pd.isna(d) else d.date() for d in items["deadline_end"]]
    assert ends == [dt.date(2018, 12, 31), dt.date(2017, 12, 31), dt.date(2017, 12, 31), None, dt.date(2017, 12, 31)]
    assert list(items["ongoing"]) == [False, False, False, True, False]
    assert list(items["cell"]) == ["A7", "A8", "A10", "A11", "A12"]


def test_renamed_header_row_is_pointed_at(tmp_path):
    # "Code" is no header word: the row names 3 of the 4 fields (measure, agencies, deadline).
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append([TITLE])
    ws.append(["Code", "Name of measure", "Implementing agencies", "Deadline"])
    ws.append(["1.1", "A", "Ministry of Justice", "2017"])
    wb.save(tmp_path / "p.xlsx")
    with pytest.raises(UnusableInput) as info:
        load_dataset(tmp_path / "p.xlsx")
    p = info.value.problem
    assert (p.code, p.sheet, p.cell) == ("table.closest", "Plan", "B2")
    assert str(info.value) == (
        f"{tmp_path / 'p.xlsx'}: no sheet holds a plan table; expected a header like №, Name of measure, "
        "Implementing agencies, Deadline; the closest is row 2 of sheet 'Plan', which names 3 of the 4 "
        "(Name of measure, Implementing agencies, Deadline)")


def test_user_header_words_extend_the_packaged_ones(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Ref.", "Action point", "Owner", "Due date"])
    ws.append(["1.1", "Publish the budget", "Ministry of Finance", "2019"])
    ws.append(["1.2", "Hold hearings", "Milli Məclis", "2020"])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(UnusableInput) as info:
        load_dataset(tmp_path / "t.xlsx")
    assert info.value.problem.fields["named"] == 2  # Ref. and Due date
    words = tmp_path / "my_headers.csv"
    words.write_text("field,lang,word\ntitle,en,Action point\nagencies,en,owner\n", encoding="utf-8")
    ds = load_dataset(tmp_path / "t.xlsx", header_words=words)
    assert list(ds.items["item_id"]) == ["1.1", "1.2"]
    assert [list(a) for a in ds.items["agencies"]] == [["Ministry of Finance"], ["Milli Məclis"]]
    assert [d.year for d in ds.items["deadline_end"]] == [2019, 2020]


@pytest.mark.parametrize("text, code", [
    ("field,word\nnonsense,x\n", "headers.field"),
    ("a,b\n1,2\n", "headers.columns"),
])
def test_bad_header_words_files(tmp_path, text, code):
    words = tmp_path / "w.csv"
    words.write_text(text, encoding="utf-8")
    with pytest.raises(UnusableInput) as info:
        load_dataset(english_nap(tmp_path / "nap.xlsx"), header_words=words)
    assert info.value.problem.code == code and str(info.value).startswith(f"{words}: ")
