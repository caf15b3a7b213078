"""Files that cannot be read: one line naming the file and what was expected, exit 2, nothing written."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from ogpstats.cli import main
from ogpstats.io import load_dataset
from ogpstats.validate import UnusableInput

from fixtures.workbooks import write_ogp_csv

CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def _missing(d: Path) -> Path:
    return d / "yoxdur.xlsx"


def _zero(d: Path) -> Path:
    p = d / "empty.xlsx"
    p.write_bytes(b"")
    return p


def _corrupt(d: Path) -> Path:
    p = d / "corrupt.xlsx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"not a zip archive")
    return p


def _encrypted(d: Path) -> Path:
    # A real password-protected workbook (password "secret"): Excel keeps it in an OLE2 compound
    # file with EncryptionInfo and EncryptedPackage streams. Made once with msoffcrypto-tool:
    # OOXMLFile(BytesIO(a plan .xlsx)).encrypt("secret", out).
    p = d / "parollu.xlsx"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "encrypted.xlsx", p)
    assert p.read_bytes()[:8] == CFB_MAGIC
    return p


def _bad_xls(d: Path) -> Path:
    p = d / "broken.xls"
    p.write_bytes(CFB_MAGIC + b"\x00" * 100)
    return p


def _renamed_csv(d: Path) -> Path:
    p = d / "plan.xlsx"
    p.write_text("№,Tədbirin adı,İcraçı qurumlar,İcra müddəti\n1.1,A,B,2017\n", encoding="utf-8")
    return p


def _no_plan(d: Path) -> Path:
    wb = Workbook()
    wb.active.append(["Hesabat"])
    wb.active.append(["Ad", "Soyad", "Tarix"])
    wb.save(d / "hesabat.xlsx")
    return d / "hesabat.xlsx"


def _no_measures(d: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append([1, 2, 3, 4])
    ws.append(["Qeyd: cədvəl hələ doldurulmayıb"])
    wb.save(d / "bos.xlsx")
    return d / "bos.xlsx"


def _no_plan_csv(d: Path) -> Path:
    p = d / "notes.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    return p


def _binary_csv(d: Path) -> Path:
    # A CSV in Windows-1251 is read now (the encoding is detected); binary content is what stays unusable.
    p = d / "binary.csv"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return p


CASES = {
    "missing": (_missing, "no such file"),
    "zero-byte": (_zero, "the file is empty (0 bytes)"),
    "corrupt": (_corrupt, "the workbook is corrupt or unreadable"),
    "encrypted": (_encrypted, "the workbook is encrypted (password-protected)"),
    "corrupt-xls": (_bad_xls, "the workbook is corrupt or unreadable"),
    "csv-renamed": (_renamed_csv, "this is a text (CSV?) file renamed to .xlsx"),
    "no-plan": (_no_plan, "no sheet holds a plan table; expected a header like №, Tədbirin adı, İcraçı qurumlar, "
                          "İcra müddəti"),
    "no-plan-csv": (_no_plan_csv, "expected a header like №, Tədbirin adı, İcraçı qurumlar, İcra müddəti"),
    "no-measures": (_no_measures, "has a header but no measures"),
    "binary-csv": (_binary_csv, "not a CSV text file (binary content)"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_load_raises_one_line_naming_the_file(tmp_path, case):
    make, expected = CASES[case]
    path = make(tmp_path)
    with pytest.raises(UnusableInput) as info:
        load_dataset(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and expected in message and "\n" not in message


@pytest.mark.parametrize("command", ["indicators", "validate"])
@pytest.mark.parametrize("case", list(CASES))
def test_cli_exit_2_one_line_nothing_written(tmp_path, case, command):
    make, expected = CASES[case]
    data = tmp_path / "data"
    data.mkdir()
    path = make(data)
    before = path.read_bytes() if path.exists() else None
    work = tmp_path / "cwd"
    work.mkdir()
    cwd = os.getcwd()
    os.chdir(work)
    try:
        result = CliRunner().invoke(main, [command, str(path), "--format", "json"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2
    if command == "validate":  # validate --format json always prints JSON: the one problem (issue 9, item 8)
        with pytest.raises(UnusableInput) as info:
            load_dataset(path)
        assert json.loads(result.stdout) == [info.value.problem.to_dict()]
        assert json.loads(result.stdout)[0]["severity"] == "error"
    else:
        assert result.stdout == ""
    assert result.stderr == f"ogpstats: {path}: " + result.stderr.split(f"{path}: ", 1)[1]
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.output
    assert list(work.iterdir()) == [] and sorted(p.name for p in data.iterdir()) == (
        [path.name] if before is not None else [])
    if before is not None:
        assert path.read_bytes() == before


def test_second_file_unusable_names_that_file(tmp_path):
    good = write_ogp_csv(tmp_path / "ogp.csv")
    bad = _zero(tmp_path)
    result = CliRunner().invoke(main, ["indicators", str(good), str(bad)])
    assert result.exit_code == 2 and result.stderr == f"ogpstats: {bad}: the file is empty (0 bytes)\n"


def test_real_process_has_no_traceback(tmp_path):
    # The console entry point, not just click's runner: exit status and stderr of a real process.
    path = _encrypted(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "ogpstats.cli", "indicators", str(path)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"ogpstats: {path}: the workbook is encrypted") and proc.stderr.count("\n") == 1


def test_road_maps_nobody_can_name(tmp_path):
    # SRM columns (Məsul icraçı) on a sheet whose name and title name none of the 12 road maps.
    wb = Workbook()
    ws = wb.active
    ws.title = "Vərəq1"
    ws.append(["Cədvəl"])
    ws.append(["№", "Tədbirin adı", "Məsul icraçı", "Əlaqədar qurumlar", "İcra müddəti"])
    ws.append(["1.1.1", "A", "Ədliyyə Nazirliyi", None, "2017-ci il"])
    wb.save(tmp_path / "srm.xlsx")
    with pytest.raises(UnusableInput) as info:
        load_dataset(tmp_path / "srm.xlsx")
    assert str(info.value) == (f"{tmp_path / 'srm.xlsx'}: cannot tell which road map the sheet 'Vərəq1' "
                               "holds; name the sheet or its title after one of the 12 road maps "
                               "(e.g. Turizm, Tourism)")
