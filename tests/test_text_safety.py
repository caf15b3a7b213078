"""User text is data (issue 10 item 4): one rule per writer in ogpstats/text_safety.py."""

import csv

import openpyxl
import pandas as pd
import pytest

from ogpstats.reports.tables import Column, write_csv, write_xlsx
from ogpstats.text_safety import for_csv, for_html, for_xlsx, neutralise, visible


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1 Nazirliyi", "'=1+1 Nazirliyi"),
    ("@Komitə", "'@Komitə"),
    ("+994 12 000 00 00", "'+994 12 000 00 00"),
    ("-10% azalma", "'-10% azalma"),
    ("\tTab", "'\tTab"),
    ("\rCR", "'\rCR"),
    ("Ədliyyə Nazirliyi", "Ədliyyə Nazirliyi"),
    ("a=1", "a=1"),
    ("", ""),
    (-2.5, -2.5),
    (-3, -3),
    (None, None),
])
def test_csv_neutralises_formula_leading_text_only(value, expected):
    assert neutralise(value) == expected
    assert for_csv(value) == expected


def test_negative_numbers_stay_numbers_in_csv():
    assert type(for_csv(-2.5)) is float and type(for_csv(-3)) is int


def test_csv_keeps_control_characters_but_not_unencodable_ones():
    assert for_csv("Fond\x01 Agentliyi") == "Fond\x01 Agentliyi"
    assert for_csv("=a\ud800b") == "'=a\ufffdb"


@pytest.mark.parametrize(("value", "expected"), [
    ("Fond\x01 Agentliyi", "Fond Agentliyi"),
    ("a\x00b\x08c\x0bd\x0ce\x1ff", "abcdef"),
    ("tab\tline\ncr\r", "tab\tline\ncr\r"),          # openpyxl takes these
    ("-10% azalma", "-10% azalma"),                  # a string cell is never a formula: no apostrophe
    ("=1+1 Nazirliyi", "=1+1 Nazirliyi"),
    ("_x0001_ Agentliyi", "_x005F_x0001_ Agentliyi"),  # Excel would read the literal text as a control character
    ("_x00", "_x00"),
    (-2.5, -2.5),
])
def test_xlsx_text(value, expected):
    assert for_xlsx(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("Fond\x01 Agentliyi", "Fond\u2401 Agentliyi"),
    ("\x00\x1b[31m", "\u2400\u241b[31m"),
    ("del\x7f", "del\u2421"),
    ("c1\x85", "c1\ufffd"),
    ("lone\udc00", "lone\ufffd"),
    ("tab\tline\n", "tab\tline\n"),
    ("<b>Fond</b>", "<b>Fond</b>"),  # markup is the template's job (autoescape)
])
def test_html_and_terminal_show_control_characters(value, expected):
    assert for_html(value) == expected
    assert visible(value) == expected


def test_html_leaves_numbers():
    assert for_html(-2.5) == -2.5


HOSTILE = pd.DataFrame({
    "title": ["=1+1 Nazirliyi", "@Komitə", "+994", "-10% azalma", "Fond\x01 Agentliyi", "_x0001_ Fond"],
    "baseline": [-2.5, 0.0, 1.0, -0.25, 2.0, 3.0],
})
COLUMNS = [Column("title", "text"), Column("baseline", "number")]


def test_report_xlsx_writer_takes_control_characters(tmp_path):
    path = write_xlsx(HOSTILE, COLUMNS, "en", tmp_path / "t.xlsx", sheet="t")
    ws = openpyxl.load_workbook(path).active
    titles = [ws.cell(row=r, column=1).value for r in range(2, 8)]
    # XLSX string cells need no ' (they are never formulas): text as written, the control character gone,
    # and the literal _x0001_ stored escaped: openpyxl reads inline strings without unescaping.
    assert titles == ["=1+1 Nazirliyi", "@Komitə", "+994", "-10% azalma", "Fond Agentliyi",
                      "_x005F_x0001_ Fond"]
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 8))
    assert [ws.cell(row=r, column=2).value for r in range(2, 8)] == [-2.5, 0, 1, -0.25, 2, 3]


def test_report_csv_writer_neutralises_and_keeps_numbers(tmp_path):
    path = write_csv(HOSTILE, COLUMNS, "en", tmp_path / "t.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1:] == [["'=1+1 Nazirliyi", "-2.5"], ["'@Komitə", "0.0"], ["'+994", "1.0"],
                        ["'-10% azalma", "-0.25"], ["Fond\x01 Agentliyi", "2.0"], ["_x0001_ Fond", "3.0"]]


def test_report_html_shows_control_characters_and_escapes_markup():
    """Every text a report template prints passes the environment's finalize: escaped, control characters visible."""
    from ogpstats.reports.templates import environment

    page = environment().from_string("<p>{{ name }}</p>").render(name="Fond\x01 <b>&</b>")
    assert page == "<p>Fond\u2401 &lt;b&gt;&amp;&lt;/b&gt;</p>"
