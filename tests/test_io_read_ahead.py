"""Reading a workbook ahead (ogpstats/io/read_ahead.py, ogpstats/io/background.py): the sheets parsed in a
thread of their own give the same dataset as a plain read, its errors surface as the same one line in the
caller's thread, and no thread outlives the block."""

import json
import threading
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from ogpstats.io import background, load_dataset, sheet_parse
from ogpstats.io.cells import read_book
from ogpstats.io.read_ahead import read_ahead
from ogpstats.validate import UnusableInput

from fixtures.workbooks import build_nap, build_sheets_of, build_srm

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "data" / "raw"


def _ahead_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ogpstats-read-ahead"]


def _same_dataset(a, b) -> None:
    pd.testing.assert_frame_equal(a.items, b.items)
    pd.testing.assert_frame_equal(a.assessments, b.assessments)
    pd.testing.assert_frame_equal(a.kpis, b.kpis)
    assert [(p.code, p.severity, p.sheet, p.cell, p.format()) for p in a.problems] == \
        [(p.code, p.severity, p.sheet, p.cell, p.format()) for p in b.problems]
    assert a.agency_cells == b.agency_cells


@pytest.mark.parametrize("path", [
    FIXTURES / "nap_government.xlsm", FIXTURES / "nap_government.xls", FIXTURES / "nap_government.ods",
    FIXTURES / "srm_government.ods", SAMPLES / "nap_2016_2018.xlsx", SAMPLES / "srm_2016_2020.xlsx",
], ids=lambda p: p.name)
def test_read_ahead_gives_the_same_dataset(path):
    plain = load_dataset(path)
    with read_ahead(path):
        ahead = load_dataset(path)
    _same_dataset(ahead, plain)
    assert len(plain.items) > 0  # a dataset with measures, not two empty ones
    assert not _ahead_threads()


def test_the_book_read_ahead_is_taken_once(tmp_path):
    path = build_srm(tmp_path / "srm.xlsx")
    with read_ahead(path):
        assert len(background._PENDING) == 1  # kept for the read
        first = read_book(path)
        assert not background._PENDING  # handed over
        second = read_book(path)  # parsed again
    assert first is not second
    assert len(first.sheets) > 1
    assert [(s.name, s.rows, s.merged, s.visible) for s in first.sheets] == \
        [(s.name, s.rows, s.merged, s.visible) for s in second.sheets]


def _with_corrupt_second_sheet(tmp_path: Path) -> Path:
    """A plan whose second sheet's XML is cut in half: the limits pass it, calamine cannot parse it."""
    good = build_nap(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data[: len(data) // 2] if name == "xl/worksheets/sheet2.xml" else data)
    return bad


def test_a_parse_error_in_the_thread_is_the_same_one_line(tmp_path):
    bad = _with_corrupt_second_sheet(tmp_path)
    with pytest.raises(UnusableInput) as plain:
        load_dataset(bad)
    with read_ahead(bad):  # entering does not raise: the error belongs to the read
        with pytest.raises(UnusableInput) as ahead:
            load_dataset(bad)
    assert plain.value.problem.code == ahead.value.problem.code == "file.corrupt"
    assert str(ahead.value) == str(plain.value) == f"{bad}: the workbook is corrupt or unreadable (XmlError); " \
                                                    "expected a .xlsx workbook"
    assert "\n" not in str(ahead.value)
    assert not _ahead_threads()


def test_a_check_error_is_raised_by_the_read_not_by_read_ahead(tmp_path):
    missing = tmp_path / "yoxdur.xlsx"
    with read_ahead(missing):
        assert not _ahead_threads()  # nothing to parse: no thread started
        with pytest.raises(UnusableInput) as exc:
            read_book(missing)
    assert exc.value.problem.code == "file.missing"


def test_no_thread_outlives_a_book_nobody_took(tmp_path):
    path = build_nap(tmp_path / "nap.xlsx")
    with read_ahead(path):
        pass
    assert not _ahead_threads()
    with read_ahead(_with_corrupt_second_sheet(tmp_path)):
        pass  # the parse failed in the thread; nobody asked: nothing raised, nothing left running
    assert not _ahead_threads()
    book = read_book(path)  # the block is over: a plain read, nothing kept from it
    assert book.sheets[0].rows == read_book(path).sheets[0].rows


def test_csv_is_not_read_ahead(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("№,Tədbirin adı,İcraçı qurumlar,İcra müddəti\n1.1,A,B,2017\n", encoding="utf-8")
    with read_ahead(path):
        assert not _ahead_threads()
        book = read_book(path)
    assert book.sheets[0].rows[1] == ["1.1", "A", "B", "2017"]


# -- sheets parsed on two threads (ogpstats/io/sheet_parse.py) -----------------------------------------------


def test_two_threads_parse_the_same_sheets(tmp_path, monkeypatch):
    path = build_srm(tmp_path / "srm.xlsx")
    one = read_book(path)
    monkeypatch.setattr(sheet_parse, "PARALLEL_FROM_BYTES", 0)  # this small file on two threads too
    helper, opened = sheet_parse._helper, []
    monkeypatch.setattr(sheet_parse, "_helper", lambda *args: (opened.append(args[0]), helper(*args)))
    two = read_book(path)
    assert opened == [str(path)]  # the second thread opened the file itself
    assert len(two.sheets) == len(one.sheets) > 2
    assert [(s.name, s.rows, s.merged, s.visible, s.index) for s in two.sheets] == \
        [(s.name, s.rows, s.merged, s.visible, s.index) for s in one.sheets]
    plain = load_dataset(path)
    with read_ahead(path):
        _same_dataset(load_dataset(path), plain)
    assert not [t for t in threading.enumerate() if t.name == "ogpstats-parse"]


def test_a_sheet_two_threads_cannot_parse_is_the_same_one_line(tmp_path, monkeypatch):
    bad = _with_corrupt_second_sheet(tmp_path)
    with pytest.raises(UnusableInput) as one:
        read_book(bad)
    monkeypatch.setattr(sheet_parse, "PARALLEL_FROM_BYTES", 0)
    with pytest.raises(UnusableInput) as two:
        read_book(bad)
    assert str(two.value) == str(one.value)
    assert two.value.problem.code == "file.corrupt"
    assert not [t for t in threading.enumerate() if t.name in ("ogpstats-parse", "ogpstats-read-ahead")]


@pytest.mark.parametrize("name", ["srm_government.ods", "srm_government.xls"])
def test_xls_and_ods_are_parsed_in_one_thread(name, monkeypatch):
    # calamine parses every sheet of these when it opens them: a second opening would parse them twice.
    helpers = []
    monkeypatch.setattr(sheet_parse, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(sheet_parse, "_helper", lambda *args: helpers.append(args))
    book = read_book(FIXTURES / name)
    assert len(book.sheets) > 2 and any(s.rows for s in book.sheets)
    assert helpers == []


def test_the_command_reads_ahead_and_says_the_same_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from ogpstats.cli import main

    started = []
    real = background.start
    monkeypatch.setattr(background, "start", lambda key, pending: (started.append(key), real(key, pending)))
    bad = _with_corrupt_second_sheet(tmp_path)
    monkeypatch.setattr(sheet_parse, "PARALLEL_FROM_BYTES", 0)  # its sheets on two threads
    result = CliRunner().invoke(main, ["indicators", str(bad)])
    assert started == [("book", str(bad), None)]
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"ogpstats: {bad}: the workbook is corrupt or unreadable (XmlError); expected a .xlsx workbook"]
    assert not [t for t in threading.enumerate() if t.name in ("ogpstats-parse", "ogpstats-read-ahead")]
    good = build_nap(tmp_path / "good2.xlsx")
    ok = CliRunner().invoke(main, ["indicators", str(good), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert started[-1] == ("book", str(good), None)
    assert json.loads(ok.stdout)[0]["n_items"] == len(load_dataset(good).items) > 0


# -- parsing while the guard checks the rest (SheetGate) ---------------------------------------------------------


def test_no_sheet_is_parsed_before_the_guard_has_passed_it(tmp_path, monkeypatch):
    path = build_sheets_of(tmp_path / "three.xlsx", {"Böyük": 4000, "Kiçik": 5, "Orta": 600}, formula_in="Orta")
    monkeypatch.setattr(sheet_parse, "PARALLEL_FROM_BYTES", 0)  # on two threads, as a large file
    log: list[str] = []
    passed, parse = sheet_parse.SheetGate.sheet_passed, sheet_parse._parse
    monkeypatch.setattr(sheet_parse.SheetGate, "sheet_passed", lambda self, name: (log.append(f"passed {name}"),
                                                                                   passed(self, name))[1])
    monkeypatch.setattr(sheet_parse, "_parse", lambda wb, name: (log.append(f"parse {name}"), parse(wb, name))[1])
    plain = read_book(path)
    log.clear()
    with read_ahead(path):
        ahead = read_book(path)
    for name in ("Kiçik", "Orta", "Böyük"):
        assert log.index(f"passed {name}") < log.index(f"parse {name}")
    assert [entry for entry in log if entry.startswith("passed")] == ["passed Kiçik", "passed Orta", "passed Böyük"]
    assert [(s.name, s.rows) for s in ahead.sheets] == [(s.name, s.rows) for s in plain.sheets]
    # Which sheets hold formulas: found while the sheets parsed, the same as the guard finds them.
    assert ahead.formulas == plain.formulas == {f"xl/worksheets/sheet{i}.xml": i == 3 for i in (1, 2, 3)}
    assert not [t for t in threading.enumerate() if t.name in ("ogpstats-parse", "ogpstats-read-ahead")]


def test_a_sheet_the_guard_refuses_after_another_passed_is_the_same_one_line(tmp_path, monkeypatch):
    path = build_sheets_of(tmp_path / "three.xlsx", {"Böyük": 4000, "Kiçik": 5, "Orta": 600}, formula_in="Orta")
    monkeypatch.setenv("OGPSTATS_MAX_CELLS", "10000")  # Böyük (12,000 cells) is refused, the others pass
    monkeypatch.setattr(sheet_parse, "PARALLEL_FROM_BYTES", 0)
    with pytest.raises(UnusableInput) as plain:
        read_book(path)
    import ogpstats.io.cells as cells

    def no_scan(_path):
        raise AssertionError("a refused file is not inflated again")

    monkeypatch.setattr(cells, "formula_parts", no_scan)
    with read_ahead(path):
        assert not _ahead_threads()  # the sheets that passed were parsed, or not: the thread has ended
        with pytest.raises(UnusableInput) as ahead:
            read_book(path)
    assert ahead.value.problem.code == plain.value.problem.code == "file.too_many_cells"
    assert str(ahead.value) == str(plain.value)
    assert "Böyük" in str(ahead.value)
    assert not [t for t in threading.enumerate() if t.name in ("ogpstats-parse", "ogpstats-read-ahead")]


def test_the_command_starts_reading_before_pandas_is_imported():
    # What `ogpstats indicators FILE` imports before Inputs.load reads ahead: no pandas, not even numpy (they
    # are imported while the sheets parse). A fresh interpreter, as the command's own process.
    import subprocess
    import sys

    code = ("import sys, ogpstats.cli as cli, ogpstats.io as io\n"
            "cli.main.get_command(None, 'indicators')\n"
            "import ogpstats.io.cells\n"
            "print('pandas' in sys.modules, 'numpy' in sys.modules,\n"
            "      sorted(n for n in ('load_dataset', 'read_workbook') if n in vars(io)))\n"
            "io.load_dataset\n"
            "print('pandas' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["False False []", "True"]
