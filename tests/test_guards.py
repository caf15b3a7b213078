"""Resource guards (issue 10, item 3): a hostile workbook is refused before any parsing, in bounded memory."""

import math
import zipfile
from pathlib import Path

import pytest

from ogpstats.io.cells import read_book
from ogpstats.io.guards import Footprint, Limits, check_workbook, column_number, extent
from ogpstats.validate import UnusableInput

from fixtures import hostile
from fixtures.hostile import GB, MB
from fixtures.workbooks import build_sheets_of

ROOT = Path(__file__).resolve().parent.parent


def code_of(exc: UnusableInput) -> tuple[str, dict]:
    """The problem code and fields of a refusal."""
    return exc.problem.code, dict(exc.problem.fields)


def refused(path: Path, limits: Limits | None = None) -> tuple[str, dict, str]:
    with pytest.raises(UnusableInput) as info:
        check_workbook(path, limits or Limits())
    code, fields = code_of(info.value)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return code, fields, message


# -- limits -------------------------------------------------------------------------------------------------


def test_default_limits_are_the_documented_ones():
    assert Limits() == Limits(max_cells=5_000_000, max_xml_mb=200, max_part_mb=100, max_file_mb=200)
    assert Limits.from_env({}) == Limits()


def test_limits_from_environment_variables():
    limits = Limits.from_env({"OGPSTATS_MAX_CELLS": "20_000_000", "OGPSTATS_MAX_PART_MB": "0.5",
                              "OGPSTATS_MAX_XML_MB": " 300 ", "OGPSTATS_MAX_FILE_MB": ""})
    assert limits == Limits(max_cells=20_000_000, max_xml_mb=300.0, max_part_mb=0.5, max_file_mb=200)


@pytest.mark.parametrize("text", ["abc", "0", "-5", "inf", "nan", "1.5e"])
def test_a_limit_that_is_not_a_positive_number_is_refused_naming_the_variable(text):
    with pytest.raises(UnusableInput) as info:
        Limits.from_env({"OGPSTATS_MAX_XML_MB": text})
    assert code_of(info.value)[0] == "limits.invalid"
    assert str(info.value) == f"OGPSTATS_MAX_XML_MB: a limit must be a positive number, not '{text}'"


def test_cells_per_sheet_cannot_be_a_fraction():
    with pytest.raises(UnusableInput):
        Limits.from_env({"OGPSTATS_MAX_CELLS": "2.5"})


# -- what is measured -----------------------------------------------------------------------------------------


def test_column_numbers_and_extents():
    assert [column_number(c) for c in ("A", "Z", "AA", "AZ", "XFD")] == [1, 26, 27, 52, 16384]
    assert extent("B2:XFD1048576") == (1048576, 16384)
    assert extent("$C$7") == (7, 3)
    assert extent("garbage") == (0, 0)


def test_a_small_workbook_passes_with_its_cells_counted_from_a1(tmp_path):
    # One cell at C7: a reader pads the sheet to 7 rows × 3 columns (calamine too, read below).
    path = hostile.one_cell(tmp_path / "c7.xlsx", "C7")
    footprint = check_workbook(path, Limits())
    assert footprint.cells == {"Plan": 21}
    rows = read_book(path).sheets[0].rows
    assert len(rows) == 7 and max(len(r) for r in rows) == 3 and rows[6][2] == 1.0
    # A declared dimension larger than the cells used counts: D10 is 10 rows × 4 columns.
    assert check_workbook(hostile.one_cell(tmp_path / "d10.xlsx", "C7", "A1:D10"), Limits()).cells == {"Plan": 40}


def test_ods_cells_count_repeats_that_hold_something_not_the_empty_ones(tmp_path):
    # 3 rows × 2 columns of "1", then 1000 empty repeated cells and 1,048,000 empty repeated rows.
    path = hostile.repeated_ods(tmp_path / "r.ods", rows=3, cols=2)
    assert check_workbook(path, Limits()).cells == {"Plan": 6}
    assert read_book(path).sheets[0].rows == [[1.0, 1.0]] * 3


def test_exactly_at_the_cell_limit_passes_one_more_row_is_refused(tmp_path):
    limits = Limits(max_cells=40)
    assert check_workbook(hostile.one_cell(tmp_path / "a.xlsx", "D10"), limits).cells == {"Plan": 40}
    code, fields, _ = refused(hostile.one_cell(tmp_path / "b.xlsx", "D11"), limits)
    assert (code, fields["cells"], fields["ref"]) == ("file.too_many_cells", 44, "A1:D11")


# -- hostile workbooks --------------------------------------------------------------------------------------------


def test_declared_dimension_of_the_whole_grid(tmp_path):
    path = hostile.one_cell(tmp_path / "dim.xlsx", "A1", "A1:XFD1048576")
    assert path.stat().st_size < 4096
    code, fields, message = refused(path)
    assert code == "file.too_many_cells"
    assert fields["cells"] == 16384 * 1048576 == 17_179_869_184
    assert fields["limit"] == 5_000_000 and fields["name"] == "Plan"
    assert message == (f"{path}: the sheet Plan spans 17,179,869,184 cells (A1:XFD1048576), over the limit of "
                       "5,000,000; if the file is genuine, raise OGPSTATS_MAX_CELLS")


@pytest.mark.parametrize("ref, cells", [("XFD1048576", 17_179_869_184), ("XFD5000", 16384 * 5000)])
def test_one_far_cell_without_a_dimension(tmp_path, ref, cells):
    path = hostile.one_cell(tmp_path / "far.xlsx", ref)
    code, fields, message = refused(path)
    assert (code, fields["cells"], fields["ref"]) == ("file.too_many_cells", cells, f"A1:{ref}")
    assert "5,000,000" in message and "OGPSTATS_MAX_CELLS" in message


def test_a_dimension_that_understates_the_cells_does_not_hide_them(tmp_path):
    path = hostile.one_cell(tmp_path / "lie.xlsx", "XFD5000", "A1:A1")
    assert code_of(pytest.raises(UnusableInput, check_workbook, path, Limits()).value)[1]["cells"] == 81_920_000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The two large hostile workbooks, built once (about 2 s and 1 MB of memory each)."""
    d = tmp_path_factory.mktemp("hostile")
    return {"sheet": hostile.inflating_sheet(d / "gigabyte.xlsx"),
            "string": hostile.huge_shared_string(d / "string.xlsx")}


def _declared(path: Path, part: str) -> int:
    with zipfile.ZipFile(path) as z:
        return z.getinfo(part).file_size


def test_a_gigabyte_of_sheet_xml(big):
    path = big["sheet"]
    assert path.stat().st_size < 8 * MB
    # The sheet: its head and tail and 1 GB of a 39-byte row, rounded down to whole rows.
    head, tail = hostile.sheet_xml("|").split(b"|")
    size = len(head) + GB // 39 * 39 + len(tail)
    assert _declared(path, "xl/worksheets/sheet1.xml") == size
    code, fields, message = refused(path)
    assert code == "file.too_large_part"
    assert fields == {"part": "xl/worksheets/sheet1.xml", "size_mb": math.ceil(size / MB), "limit_mb": 100,
                      "setting": "OGPSTATS_MAX_PART_MB"}
    assert fields["size_mb"] == 1025 and "limit of 100 MB" in message


def test_a_400_mb_shared_string(big):
    path = big["string"]
    assert path.stat().st_size < MB
    code, fields, message = refused(path)
    assert (code, fields["part"], fields["size_mb"]) == ("file.too_large_part", "xl/sharedStrings.xml", 401)
    assert message.endswith("the part xl/sharedStrings.xml is 401 MB uncompressed, over the limit of 100 MB "
                            "for one part; if the file is genuine, raise OGPSTATS_MAX_PART_MB")


def test_a_part_that_inflates_to_more_than_it_declares(tmp_path):
    # 20 MB of sheet XML whose headers say 1000 bytes: zipfile would stop at 1000 bytes, a reader may not.
    path = hostile.lying_sizes(tmp_path / "lie.xlsx", size=20 * MB, declared=1000)
    assert _declared(path, "xl/worksheets/sheet1.xml") == 1000
    code, fields, message = refused(path)
    assert (code, fields["part"], fields["declared"]) == ("file.zip_bomb", "xl/worksheets/sheet1.xml", 1000)
    assert fields["ratio"] >= 1 and "zip bomb" in message


def test_all_parts_together_over_the_xml_limit(tmp_path):
    # A sheet and shared strings of 0.7 MB each: each under the 1 MB part limit, together over 1 MB of XML.
    head, tail = hostile.sheet_xml("|").split(b"|")
    sheet = head + b'<row r="1"><c r="A1"><v>1</v></c></row>' * (7 * MB // 380) + tail
    shared = b"<sst><si><t>" + b"x" * (7 * MB // 10) + b"</t></si></sst>"
    path = hostile.write_xlsx(tmp_path / "parts.xlsx", sheet, shared)
    limits = Limits(max_xml_mb=1, max_part_mb=1)
    code, fields, message = refused(path, limits)
    # 1.4 MB and the small parts: 2 MB rounded up.
    assert (code, fields["size_mb"], fields["limit_mb"]) == ("file.too_large_xml", 2, 1)
    assert "raise OGPSTATS_MAX_XML_MB" in message
    assert check_workbook(path, Limits(max_xml_mb=2, max_part_mb=1)).xml_bytes > 14 * MB // 10


def test_a_table_of_repeated_cells_in_an_ods(tmp_path):
    path = hostile.repeated_ods(tmp_path / "r.ods", rows=100_000, cols=1000)
    assert path.stat().st_size < 2048
    code, fields, _ = refused(path)
    assert (code, fields["cells"], fields["ref"]) == ("file.too_many_cells", 100_000_000, "A1:ALL100000")


# -- .xls and .csv: the file size -------------------------------------------------------------------------------


def test_xls_and_csv_over_the_file_size_limit(tmp_path):
    xls = ROOT / "tests" / "fixtures" / "nap_government.xls"
    limit_mb = 0.01  # 10,485.76 bytes; the .xls is 11,776
    code, fields, message = refused(xls, Limits(max_file_mb=limit_mb))
    assert (code, fields["size_mb"], fields["limit_mb"]) == ("file.too_large", 1, 0.01)
    assert message == (f"{xls}: the file is 1 MB, over the limit of 0.01 MB; if the file is genuine, "
                       "raise OGPSTATS_MAX_FILE_MB")
    csv = tmp_path / "big.csv"
    csv.write_bytes(b"a,b\n" + b"1,2\n" * (MB // 2))  # 2 MB and 4 bytes
    assert code_of(pytest.raises(UnusableInput, check_workbook, csv, Limits(max_file_mb=2)).value)[1][
        "size_mb"] == 3
    assert check_workbook(csv, Limits(max_file_mb=3)) == Footprint(2 * MB + 4)


def test_a_csv_field_of_one_megabyte_is_read(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("№,Tədbirin adı\n1.1," + "x" * 1_000_000 + "\n", encoding="utf-8")
    rows = read_book(path).sheets[0].rows
    assert rows[0] == ["№", "Tədbirin adı"] and len(rows[1][1]) == 1_000_000


# -- the real files pass --------------------------------------------------------------------------------------------

SAMPLES = sorted(p for p in [*ROOT.glob("data/raw/*.xlsx"), *(ROOT / "tests" / "fixtures").iterdir()]
                 if p.suffix in (".xlsx", ".xlsm", ".xls", ".ods"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_workbooks_pass(path):
    footprint = check_workbook(path)
    assert footprint.file_bytes == path.stat().st_size
    if path.suffix == ".ods":  # the counts are the grids calamine reads
        book = read_book(path)
        assert footprint.cells == {s.name: len(s.rows) * max((len(r) for r in s.rows), default=0)
                                   for s in book.sheets}


def test_not_a_zip_is_left_to_the_reader(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text("№,Tədbirin adı\n1.1,A\n", encoding="utf-8")
    assert check_workbook(path, Limits()) == Footprint(path.stat().st_size)
    with pytest.raises(UnusableInput, match="this is a text"):
        read_book(path)


# -- the whole command, in a fresh process: exit 2, one line, bounded memory --------------------------------------


@pytest.mark.parametrize("case", ["dimension", "far_cell", "sheet", "string", "ods"])
def test_validate_refuses_in_bounded_memory(tmp_path, big, case):
    paths = {"dimension": lambda: hostile.one_cell(tmp_path / "dim.xlsx", "A1", "A1:XFD1048576"),
             "far_cell": lambda: hostile.one_cell(tmp_path / "far.xlsx", "XFD5000"),
             "sheet": lambda: big["sheet"], "string": lambda: big["string"],
             "ods": lambda: hostile.repeated_ods(tmp_path / "r.ods", rows=100_000, cols=1000)}
    path = paths[case]()
    result = hostile.run_validate(path)
    assert result["exit"] == 2
    assert result["stderr"].startswith(f"ogpstats: {path}: ") and result["stderr"].count("\n") == 1
    assert "OGPSTATS_MAX_" in result["stderr"] and "limit of " in result["stderr"]
    assert result["peak_mb"] < 600, result


def test_the_limit_is_set_by_an_environment_variable(tmp_path):
    path = hostile.one_cell(tmp_path / "c7.xlsx", "C7")  # 21 cells
    result = hostile.run_validate(path, env={"OGPSTATS_MAX_CELLS": "20"})
    assert result["exit"] == 2 and "over the limit of 20;" in result["stderr"]
    result = hostile.run_validate(path, env={"OGPSTATS_MAX_CELLS": "21"})
    assert result["exit"] == 2 and "no sheet holds a plan table" in result["stderr"]  # read, and found no plan


def test_the_guard_tells_which_worksheets_hold_formulas(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append([1, 2, "=A1+B1"])
    wb.create_sheet("Plain").append([1, 2, 3])
    wb.save(tmp_path / "f.xlsx")
    footprint = check_workbook(tmp_path / "f.xlsx", Limits())
    assert footprint.formulas == {"xl/worksheets/sheet1.xml": True, "xl/worksheets/sheet2.xml": False}


def test_columns_widened_late_in_a_long_sheet_are_counted(tmp_path):
    # 30,000 rows of A..E cells (about 1.5 MB of XML: several chunks), then a cell at AB7 written out of
    # order between rows 20,000 and 20,001, and one at F30001 in the last row: the scan looks for columns
    # only where a reference may widen the sheet, so each of these must still count.
    def rows(first: int, last: int) -> str:
        return "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDE") + "</row>"
                       for r in range(first, last + 1))

    cells = rows(1, 20_000) + '<row r="7"><c r="AB7"><v>1</v></c></row>' + rows(20_001, 30_000)
    cells += '<row r="30001"><c r="F30001"><v>1</v></c></row>'
    path = hostile.write_xlsx(tmp_path / "late.xlsx", hostile.sheet_xml(cells))
    assert check_workbook(path, Limits()).cells == {"Plan": 30_001 * 28}  # AB is column 28


def test_a_later_chunk_with_only_narrow_references_keeps_the_width_found(tmp_path):
    # The widest column (H) comes first, in a dimension-less sheet; the rows after it use A only.
    cells = '<row r="1"><c r="H1"><v>1</v></c></row>' + "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(2, 40_001))
    path = hostile.write_xlsx(tmp_path / "narrow.xlsx", hostile.sheet_xml(cells))
    assert check_workbook(path, Limits()).cells == {"Plan": 40_000 * 8}


# -- what has passed, as the guard goes (for parsing meanwhile: ogpstats/io/read_ahead.py) -------------


class _Recorder:
    def __init__(self):
        self.events = []

    def parts_passed(self):
        self.events.append("parts")

    def sheet_passed(self, name):
        self.events.append(name)


def test_the_other_parts_pass_first_then_the_worksheets_the_smallest_first(tmp_path):
    # Excel writes sharedStrings.xml after the sheets: it is checked before any sheet all the same, as a reader
    # that opens the workbook reads it.
    path = build_sheets_of(tmp_path / "three.xlsx", {"Böyük": 400, "Kiçik": 5, "Orta": 60})
    recorder = _Recorder()
    footprint = check_workbook(path, Limits(), progress=recorder)
    assert recorder.events == ["parts", "Kiçik", "Orta", "Böyük"]
    assert footprint.cells == {"Kiçik": 15, "Orta": 180, "Böyük": 1200}


def test_a_refused_sheet_is_not_passed_nor_any_larger_one(tmp_path):
    path = build_sheets_of(tmp_path / "three.xlsx", {"Böyük": 400, "Kiçik": 5, "Orta": 60})
    recorder = _Recorder()
    with pytest.raises(UnusableInput) as info:
        check_workbook(path, Limits(max_cells=100), progress=recorder)
    assert code_of(info.value)[0] == "file.too_many_cells"
    assert code_of(info.value)[1]["name"] == "Orta"  # 180 cells: the first sheet over 100, as the smallest go first
    assert recorder.events == ["parts", "Kiçik"]


def test_formulas_can_be_left_to_the_caller(tmp_path):
    from openpyxl import Workbook

    from ogpstats.io.excel_values import formula_parts

    wb = Workbook()
    wb.active.append([1, 2, "=A1+B1"])
    wb.create_sheet("Plain").append([1, 2, 3])
    wb.save(tmp_path / "f.xlsx")
    assert check_workbook(tmp_path / "f.xlsx", Limits(), formulas=False).formulas == {}
    assert formula_parts(tmp_path / "f.xlsx") == {"xl/worksheets/sheet1.xml": True, "xl/worksheets/sheet2.xml": False}
    assert formula_parts(tmp_path / "missing.xlsx") == {}
