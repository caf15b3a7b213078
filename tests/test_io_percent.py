"""A percent-formatted .xlsx cell holds a fraction: Excel shows 0.75 as 75 % (issue 8 item 8)."""

from openpyxl import Workbook

from ogpstats.io import load_dataset


def test_percent_formatted_cells_read_as_percent(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "2017-ci il"  # the sheet names the round
    ws.append(["№", "Tədbirin adı", "İcra faizi"])
    ws.append(["1.1", "A", 0.75])
    ws.append(["1.2", "B", 0.5])
    ws.append(["1.3", "C", 60])
    ws.append(["1.4", "D", 1])
    ws["C2"].number_format = "0%"
    ws["C5"].number_format = "0.0%"
    # C3 holds 0.5 without a percent format: it is 0.5 %, as Excel shows it.
    wb.save(tmp_path / "p.xlsx")
    a = load_dataset(tmp_path / "p.xlsx").assessments
    assert list(zip(a["item_id"], a["round"], a["percent"])) == [
        ("1.1", "2017", 75.0), ("1.2", "2017", 0.5), ("1.3", "2017", 60.0), ("1.4", "2017", 100.0)]
