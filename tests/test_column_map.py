"""A tracker of another layout read through a column map (issue 9, item 3)."""

import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook

from ogpstats.indicators import compute_indicators
from ogpstats.io import load_dataset
from ogpstats.io.column_map import ColumnMap
from ogpstats.validate import UnusableInput, errors
from ogpstats.vocab import StatusVocabulary

IRM = StatusVocabulary.named("irm-codes")
HEADER = ["order_num", "order_letter", "name_en", "lead_agency", "deadline", "status_2019", "status_2020", "notes"]
ROWS = [
    [34, "a", "Open budget portal", "Ministry of Finance", 2019, "L", "C", "on track"],
    [34, "b", "Budget hearings", "Ministry of Finance", "2020", "NS", "SP", None],
    [35, None, "Beneficial ownership register", "Ministry of Justice", "2018", "S", None, None],
    [36, "a", "Open contracting", "Ministry of Economy", "2021", None, "LP", None],
]
MAP = ("field,header\n"
       "item_id,order_num+order_letter\n"
       "title,name_en\n"
       "agencies,lead_agency\n"
       "deadline,deadline\n"
       "status@2019,status_2019\n"
       "Status@2020,status_2020\n")


def tracker(path, rows=ROWS):
    """Title in row 1, the snake_case header in row 2, measures from row 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "tracker"
    ws.append(["NGO scorecard of the OGP action plan"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def mapped(tmp_path):
    book = tracker(tmp_path / "tracker.xlsx")
    (tmp_path / "map.csv").write_text(MAP, encoding="utf-8")
    return book, tmp_path / "map.csv"


def test_tracker_read_through_a_map_with_a_join(mapped):
    book, columns = mapped
    ds = load_dataset(book, columns=columns, vocabulary=IRM)
    assert ds.problems == []
    items = ds.items
    assert list(items["item_id"]) == ["34a", "34b", "35", "36a"]  # order_num + order_letter
    assert list(items["commitment"]) == ["34", "34", "35", "36"]   # a milestone letter is not the commitment's
    assert list(items["title"]) == ["Open budget portal", "Budget hearings", "Beneficial ownership register",
                                    "Open contracting"]
    assert [list(a) for a in items["agencies"]] == [["Ministry of Finance"], ["Ministry of Finance"],
                                                   ["Ministry of Justice"], ["Ministry of Economy"]]
    assert list(items["deadline_end"].dt.date) == [dt.date(2019, 12, 31), dt.date(2020, 12, 31),
                                                   dt.date(2018, 12, 31), dt.date(2021, 12, 31)]
    assert list(items["cell"]) == ["A3", "A4", "A5", "A6"]  # the real cells of the order_num column
    a = ds.assessments
    said = {(i, r): lv for i, r, lv in zip(a["item_id"], a["round"], a["level"]) if not pd.isna(lv)}
    assert said == {("34a", "2019"): "limited", ("34b", "2019"): "not_started", ("35", "2019"): "substantial",
                    ("34a", "2020"): "complete", ("34b", "2020"): "substantial", ("36a", "2020"): "limited"}


def test_indicators_of_the_mapped_tracker_by_hand(mapped):
    book, columns = mapped
    ds = load_dataset(book, columns=columns, vocabulary=IRM)
    # 2020 (35 carries its 2019 "S"): complete 1, substantial 2/3 (34b, 35), limited 1/3 (36a):
    # index = 100 · (1 + 2/3 + 2/3 + 1/3) / 4 = 66.6667; complete 1 of 4; high 3 of 4; overdue at
    # 2020-12-31: 34b (due 2020) and 35 (due 2018), neither complete.
    row = compute_indicators(ds.items, ds.assessments).iloc[0]
    assert (row["round"], row["n_assessed"], row["complete"], row["substantial"], row["limited"]) \
        == ("2020", 4, 1, 2, 1)
    assert row["implementation_index"] == pytest.approx(200 / 3, abs=1e-6)
    assert (row["completion_rate"], row["high_completion_rate"], row["overdue"]) == (0.25, 0.75, 2)
    # 2019: L (1/3), NS (0), S (2/3); 36a not assessed: 100 · 1 / 3 = 33.3333.
    row = compute_indicators(ds.items, ds.assessments, round="2019").iloc[0]
    assert (row["n_items"], row["n_assessed"]) == (4, 3)
    assert row["implementation_index"] == pytest.approx(100 / 3, abs=1e-6)


def test_evidence_and_comment_go_with_the_latest_round(mapped):
    book, columns = mapped
    columns.write_text(MAP + "comment,notes\n", encoding="utf-8")
    a = load_dataset(book, columns=columns, vocabulary=IRM).assessments
    notes = {(i, r): c for i, r, c in zip(a["item_id"], a["round"], a["comment"]) if isinstance(c, str)}
    assert notes == {("34a", "2020"): "on track"}


def test_a_map_beside_the_workbook_is_used(mapped):
    book, columns = mapped
    columns.rename(book.with_name("tracker.columns.csv"))
    ds = load_dataset(book, vocabulary=IRM)
    assert list(ds.items["item_id"]) == ["34a", "34b", "35", "36a"]


def test_mapped_files_validate_like_any_other(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][6] = "Compleet"   # G4: not a status word
    rows[2][4] = "soonish"    # E5: not a deadline
    rows[3][0] = 34           # 34a again: a duplicate number
    book = tracker(tmp_path / "tracker.xlsx", rows)
    (tmp_path / "map.csv").write_text(MAP, encoding="utf-8")
    ds = load_dataset(book, columns=tmp_path / "map.csv", vocabulary=IRM)
    found = {(p.code, p.sheet, p.cell) for p in ds.problems}
    # As in a plan of ogpstats' own layout, a repeated number is also assessed twice in a round.
    assert found == {("status.unknown", "tracker", "G4"), ("deadline.unreadable", "tracker", "E5"),
                     ("number.duplicate", "tracker", "A3"), ("number.duplicate_in_round", "tracker", "A3")}
    # errors: the status word, the duplicate, and the duplicate in each of the rounds 2019 and 2020
    assert sorted((p.code, p.fields.get("round")) for p in errors(ds.problems)) == [
        ("number.duplicate", None), ("number.duplicate_in_round", "2019"), ("number.duplicate_in_round", "2020"),
        ("status.unknown", None)]


def test_round_fields_read_every_round_form(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("field,header\nitem_id,No\ntitle,Name\nstatus@2018-H1,s1\npercent@2017-Q3,p3\n"
                    "percent@2019,p4\n", encoding="utf-8")
    m = ColumnMap.load(path)
    assert list(m.fields) == ["item_id", "title", "status@2018-H1", "percent@2017-Q3", "percent@2019"]
    assert m.labels["status@2018-H1"] == "İcra vəziyyəti 2018-H1"
    assert m.fields["item_id"] == ("No",)


def test_percent_round_through_a_map(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["id", "activity", "progress h1"])
    ws.append(["1.1", "A", 40])
    ws.append(["1.2", "B", "75%"])
    wb.save(tmp_path / "t.xlsx")
    (tmp_path / "t.columns.csv").write_text("field,header\nitem_id,id\ntitle,activity\npercent@2018-H1,progress h1\n",
                                            encoding="utf-8")
    a = load_dataset(tmp_path / "t.xlsx").assessments
    assert list(zip(a["item_id"], a["round"], a["percent"])) == [("1.1", "2018-H1", 40.0), ("1.2", "2018-H1", 75.0)]


@pytest.mark.parametrize("text, code, fields, suggestion", [
    ("field,header\nitem_id,no\ntitel,name_en\n", "columns.field", {"value": "titel", "line": 3}, "title"),
    ("field,header\nitem_id,no\ntitle,name\nstatus@someday,s\n", "columns.round",
     {"value": "status@someday", "line": 4}, None),
    ("field,header\nitem_id,no\ntitle,name\ntitle,other\n", "columns.duplicate", {"value": "title", "line": 4}, None),
    ("field,header\nitem_id,no\ntitle,name\ncommitment,no\n", "columns.header_twice", {"header": "no", "line": 4},
     None),
    ("field,header\nitem_id,no\ntitle,\n", "columns.no_header", {"value": "title", "line": 3}, None),
    ("field,header\nitem_id,no\n", "columns.required", {"value": "title"}, None),
    ("name,column\nitem_id,no\n", "columns.columns", {"columns": "field,header"}, None),
])
def test_bad_maps_are_one_line_naming_the_map(tmp_path, text, code, fields, suggestion):
    path = tmp_path / "bad.columns.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnusableInput) as info:
        ColumnMap.load(path)
    p = info.value.problem
    assert (p.code, p.file, p.suggestion) == (code, str(path), suggestion)
    assert {k: p.fields[k] for k in fields} == fields
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_a_header_the_file_does_not_have(mapped):
    book, columns = mapped
    columns.write_text(MAP.replace("order_num+", "order_no+"), encoding="utf-8")
    with pytest.raises(UnusableInput) as info:
        load_dataset(book, columns=columns)
    p = info.value.problem
    assert (p.code, p.file, p.fields, p.suggestion) == (
        "columns.header_missing", str(book), {"map": "map.csv", "header": "order_no"}, "order_num")
    assert str(info.value) == f"{book}: no sheet has the header 'order_no' that the column map map.csv names"


def test_missing_map(tmp_path):
    with pytest.raises(UnusableInput) as info:
        load_dataset(tracker(tmp_path / "t.xlsx"), columns=tmp_path / "nope.csv")
    assert info.value.problem.code == "columns.missing"


def test_the_file_is_not_modified(mapped):
    book, columns = mapped
    before = book.read_bytes()
    load_dataset(book, columns=columns, vocabulary=IRM)
    assert book.read_bytes() == before


def test_a_mapped_csv_keeps_the_warning_of_its_encoding(tmp_path):
    """The map renames headers in a copy of the book: the file's own warnings (read as Windows-1254) stay."""
    from ogpstats.io import load_dataset

    text = ("order_num;name_az;lead_agency;status_2019\n"
            "1;Şəffaflıq portalının yaradılması;Ədliyyə Nazirliyi;icra olunub\n"
            "2;Açıq büdcə;Maliyyə Nazirliyi;icra olunmayıb\n")
    plan = tmp_path / "tracker.csv"
    plan.write_bytes(text.encode("cp1254", errors="replace"))
    (tmp_path / "tracker.columns.csv").write_text(
        "field,header\nitem_id,order_num\ntitle,name_az\nagencies,lead_agency\nstatus@2019,status_2019\n", "utf-8")
    ds = load_dataset(plan)
    assert list(ds.items["item_id"]) == ["1", "2"]
    assert "file.encoding_detected" in {p.code for p in ds.problems}
