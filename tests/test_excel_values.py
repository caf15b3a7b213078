"""Excel's own values: error cells, unsaved formulas, dates and odd digits in the № column, printed tables.

openpyxl writes an error text such as ``#N/A`` as an error cell (``t="e"``) and a formula (``=B2*2``)
without a saved value, exactly what Excel's error cells and a program-written workbook hold;
python-calamine reads both as blank.
"""

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from ogpstats.cli import main
from ogpstats.io import load_dataset
from ogpstats.io.cells import ascii_digits, measure_number
from ogpstats.io.excel_values import NO_VALUE, odd_digits, special_cells

HEADER = ["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti", "Çəki"]
ERRORS = ["#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _plan(ws, n=7):  # one measure per error value
    ws.title = "Plan"
    ws.append(HEADER)
    for i in range(1, n + 1):
        ws.append([f"1.{i}", f"Tədbir {i}", "Ədliyyə Nazirliyi", "2017-ci il", 1])


@pytest.fixture
def with_errors(tmp_path):
    """Round 2017: one measure per error value in the status column B (rows 2-8), 1.1 also in № and weight."""
    wb = Workbook()
    _plan(wb.active)
    wb.active["E2"] = "#DIV/0!"                        # weight of 1.1
    rs = wb.create_sheet("2017")
    rs.append(["№", "İcra vəziyyəti", "İcra faizi"])
    for i, err in enumerate(ERRORS, start=1):
        rs.append([f"1.{i}", err, None])
    rs.append(["#N/A", "icra olunub", None])           # A9: the number itself is an error
    rs["C3"] = "=B3*100"                                # a formula never calculated (1.2's percent)
    path = tmp_path / "errors.xlsx"
    wb.save(path)
    return path


def test_each_excel_error_value_is_an_error_naming_cell_and_value(with_errors):
    result = run("validate", with_errors, "--format", "json")
    assert result.exit_code == 1
    got = [(p["code"], p["sheet"], p["cell"], p["fields"]) for p in json.loads(result.stdout)]
    status = [("cell.excel_error", "2017", f"B{i + 2}", {"value": err, "column": "İcra vəziyyəti"})
              for i, err in enumerate(ERRORS)]
    assert got[:2] == [("cell.excel_error", "Plan", "E2", {"value": "#DIV/0!", "column": "Çəki"})] + status[:1]
    assert ("cell.formula_no_value", "2017", "C3", {"column": "İcra faizi"}) in got
    assert ("cell.excel_error", "2017", "A9", {"value": "#N/A", "column": "№"}) in got
    assert all(s in got for s in status)
    errors = [p for p in got if p[0].startswith("cell.")]
    assert len(errors) == 1 + 7 + 1 + 1  # weight, seven statuses, the unsaved formula, the № cell
    text = run("validate", with_errors).stdout.splitlines()
    assert f"{with_errors}: 2017!B3: error: Excel's error value #N/A in the column İcra vəziyyəti; " \
           "fix the formula or type the value" in text
    assert f"{with_errors}: 2017!C3: error: formula without a saved value in the column İcra faizi: " \
           "open and save the workbook in Excel" in text
    # indicators refuse the data instead of counting seven measures as "not assessed"
    assert run("indicators", with_errors).exit_code == 1


def test_the_scan_finds_errors_and_unsaved_formulas_only(with_errors, tmp_path):
    found = special_cells(with_errors, ".xlsx", "2017")
    assert found == {**{(i + 1, 1): err for i, err in enumerate(ERRORS)}, (2, 2): NO_VALUE, (8, 0): "#N/A"}
    assert special_cells(with_errors, ".xlsx", "Plan") == {(1, 4): "#DIV/0!"}
    clean = tmp_path / "clean.xlsx"
    wb = Workbook()
    _plan(wb.active, 2)
    wb.save(clean)
    assert special_cells(clean, ".xlsx", "Plan") == {}


def test_a_formula_outside_the_checked_columns_is_no_problem(tmp_path):
    wb = Workbook()
    _plan(wb.active, 2)
    wb.active["B3"] = '=CONCAT("Tədbir ", 2)'           # the title of 1.2 is an unsaved formula: blank, no error
    wb.save(tmp_path / "p.xlsx")
    assert [p.code for p in load_dataset(tmp_path / "p.xlsx").problems] == []


def test_a_measure_number_excel_turned_into_a_date(tmp_path):
    wb = Workbook()
    _plan(wb.active, 3)
    wb.active["A4"] = dt.datetime(2017, 10, 1)        # "1.10" typed into a column not formatted as text
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    errors = [p for p in ds.problems if p.severity == "error"]
    assert [(p.code, p.cell, dict(p.fields)) for p in errors] == [("number.excel_date", "A4", {"date": "2017-10-01"})]
    assert errors[0].message.startswith("the measure number is the date 2017-10-01: Excel turns a number such as 1.10")
    assert "type the № column as text" in errors[0].message
    assert list(ds.items["item_id"]) == ["1.1", "1.2"]


def test_digit_forms_are_read_or_refused(tmp_path):
    assert ascii_digits("１.２") == "1.2" and ascii_digits("١.٢") == "1.2" and ascii_digits("۱٫۳") == "1.3"
    assert measure_number("１.２.") == "1.2" and ascii_digits("1¹") == "1¹" and odd_digits("1¹.²") == "¹²"
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(HEADER)
    ws.append(["１.１", "A", "Ədliyyə Nazirliyi", "2017-ci il", 1])   # fullwidth
    ws.append(["١.٢", "B", "Ədliyyə Nazirliyi", "2017-ci il", 1])     # Arabic-Indic
    ws.append(["1¹", "C", "Ədliyyə Nazirliyi", "2017-ci il", 1])      # superscript: refused
    rs = wb.create_sheet("2017")
    rs.append(["№", "İcra vəziyyəti"])
    rs.append(["1.1", "icra olunub"])
    rs.append(["1.2", "icra olunmayıb"])
    wb.save(tmp_path / "p.xlsx")
    result = run("validate", tmp_path / "p.xlsx", "--format", "json")
    assert result.exit_code == 1 and "internal error" not in result.output
    errors = [(p["code"], p["cell"], p["fields"]) for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert errors == [("number.digit_form", "A4", {"value": "1¹", "chars": "¹"})]
    ds = load_dataset(tmp_path / "p.xlsx")
    assert list(ds.items["item_id"]) == ["1.1", "1.2"]
    assert dict(zip(ds.assessments["item_id"], ds.assessments["level"])) == {"1.1": "complete", "1.2": "not_started"}


def test_a_printed_table_repeats_its_header_and_column_numbers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    pages = [[("1.1", "A"), ("1.2", "B")], [("2.1", "C")], [("2.2", "D")]]
    ws.append(["Milli Fəaliyyət Planı"])
    for page in pages:                                   # every page: header, 1 2 3 4 5, its measures
        ws.append(HEADER)
        ws.append([1, 2, 3, 4, 5])
        for number, title in page:
            ws.append([number, title, "Ədliyyə Nazirliyi", "2017-ci il", 2])
    wb.save(tmp_path / "p.xlsx")
    ds = load_dataset(tmp_path / "p.xlsx")
    assert list(ds.items["item_id"]) == ["1.1", "1.2", "2.1", "2.2"]  # no phantom measure "1"
    assert list(ds.items["weight"]) == [2, 2, 2, 2]
    assert ds.problems == []


def _side_by_side(path, beside_header, beside_rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    _plan(ws, 3)                                           # columns A-E; F blank
    for r, row in enumerate([beside_header] + beside_rows, start=1):
        for c, value in enumerate(row, start=7):           # from column G
            ws.cell(r, c, value)
    wb.save(path)
    return path


def test_a_round_table_beside_the_plan_is_read(tmp_path):
    # Rows in another order than the plan's: matched by number, not by row.
    path = _side_by_side(tmp_path / "p.xlsx", ["№", "İcra vəziyyəti, 2017"],
                         [["1.3", "icra olunub"], ["1.1", "icra olunmayıb"], ["1.2", "qismən icra olunub"]])
    ds = load_dataset(path)
    assert ds.problems == []
    assert list(ds.items["item_id"]) == ["1.1", "1.2", "1.3"] and "weight" in ds.items
    got = sorted(zip(ds.assessments["item_id"], ds.assessments["round"], ds.assessments["level"],
                     ds.assessments["cell"]))
    assert got == [("1.1", "2017", "not_started", "H3"), ("1.2", "2017", "substantial", "H4"),
                   ("1.3", "2017", "complete", "H2")]
    # IRM index = 100 × (0 + 2/3 + 1) / 3
    [row] = json.loads(run("indicators", path, "--format", "json").stdout)
    assert row["implementation_index"] == 55.555556


def test_another_table_beside_the_plan_is_a_warning_with_its_top_left_cell(tmp_path):
    path = _side_by_side(tmp_path / "p.xlsx", ["№", "Əlaqə şəxsi", "Telefon"], [["1", "Əli", "012"]])
    ds = load_dataset(path)
    assert [(p.code, p.severity, p.sheet, p.cell) for p in ds.problems] == [("table.beside", "warning", "Plan", "G1")]
    assert list(ds.items["item_id"]) == ["1.1", "1.2", "1.3"] and len(ds.assessments) == 0
