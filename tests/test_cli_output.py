"""The command line's tables out: user text is data (issue 10 item 4)."""

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from test_template import nap_tables

from ogpstats.cli import main
from ogpstats.cli.output import emit
from ogpstats.io.template import write_workbook


def test_csv_neutralises_text_and_keeps_numbers(capsys):
    frame = pd.DataFrame({"group": ["=1+1 Nazirliyi", "@Komitə", "+994", "-10% azalma", "Fond\x01"],
                          "gap": [-2.5, 1.0, -0.125, None, 0.0], "n": [1, -2, 3, 4, 5]})
    emit(frame, "csv")
    assert capsys.readouterr().out.splitlines() == [
        "group,gap,n", "'=1+1 Nazirliyi,-2.5,1", "'@Komitə,1.0,-2", "'+994,-0.125,3", "'-10% azalma,,4",
        "Fond\x01,0.0,5"]


def test_table_shows_control_characters_and_json_keeps_values(capsys):
    frame = pd.DataFrame({"group": ["Fond\x01", "\x1b[2J"]})
    emit(frame, "table")
    assert capsys.readouterr().out.split() == ["group", "Fond\u2401", "\u241b[2J"]
    emit(frame, "json")
    assert json.loads(capsys.readouterr().out) == [{"group": "Fond\x01"}, {"group": "\x1b[2J"}]


@pytest.fixture
def hostile_workbook(tmp_path):
    items, assessments = nap_tables()
    # _x0001_ is how Excel stores a control character: the reader gives "\x01".
    items["agencies"] = [["=1+1 Nazirliyi", "@Komitə"], ["+994 Mərkəzi", "-10% azalma Agentliyi"],
                         ["Fond Agentliyi"]]
    path = write_workbook(tmp_path / "nap.xlsx", "nap", plan="NAP test", items=items, assessments=assessments)
    # The template writer keeps user text literal (a typed "_x0001_" stays text), so put Excel's own escape
    # into the sheet XML as Excel writes it.
    return _replace_in_zip(path, b"Fond Agentliyi", b"Fond_x0001_ Agentliyi")


def _replace_in_zip(path, old: bytes, new: bytes):
    import zipfile

    members = {}
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        for info in infos:
            members[info.filename] = z.read(info.filename).replace(old, new)
    assert any(new in data for data in members.values())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in infos:
            z.writestr(info, members[info.filename])
    return path


def test_indicators_csv_by_agency_neutralises_agency_names(hostile_workbook):
    result = CliRunner().invoke(main, ["indicators", str(hostile_workbook), "--by", "agency", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()]
    index = rows[0].index("implementation_index")
    # 2017-H2: 1.1 complete (score 1), 1.10 substantial (2/3), 2.1 not assessed.
    assert [(r[0], r[index]) for r in rows[1:]] == [
        ("'+994 Mərkəzi", "66.666667"), ("'-10% azalma Agentliyi", "66.666667"),
        ("'=1+1 Nazirliyi", "100.0"), ("'@Komitə", "100.0"), ("Fond\x01 Agentliyi", "")]


def test_indicators_table_by_agency_shows_the_control_character(hostile_workbook):
    result = CliRunner().invoke(main, ["indicators", str(hostile_workbook), "--by", "agency"])
    assert result.exit_code == 0, result.output
    assert "Fond\u2401 Agentliyi" in result.stdout and "\x01" not in result.stdout
    # A table for reading is not a spreadsheet: no apostrophe.
    assert "=1+1 Nazirliyi" in result.stdout and "'=1+1" not in result.stdout
