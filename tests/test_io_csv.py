"""CSV files through the command line: the RFC 4180 reader (ogpstats.io.csv_text) wired into every command.

* A plan saved by Excel in an Azerbaijani/Turkish locale: Windows-1254, ``;`` separated, a title row and
  section rows of another length. Its three measures and statuses (round 2017):

  ====  ======================  ===============
  item  status 2017             level
  ====  ======================  ===============
  1.1   icra olunub             complete
  1.2   icra olunmayıb          not_started
  2.1   qismen icra olunub      substantial
  ====  ======================  ===============

  IRM index = 100 × (1 + 0 + 2/3) / 3 = 55.555556; completion rate (complete / assessed) = 1/3.
* OGP's commitment export as CSV whose first doubled quote ``""`` comes after 8 KB and whose
  descriptions hold quoted line breaks, and the same rows saved as XLSX: the same items, no errors.
"""

import json

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from ogpstats.cli import main
from ogpstats.io import load_dataset

PLAN_1254 = [
    ["Açıq Hökumətin təşviqinə dair Milli Fəaliyyət Planı (2016-2018)"],  # title: "ə" is lost in Windows-1254
    [],
    ["No", "Tedbirin adı", "İcraçı qurumlar", "İcra müddeti", "Status 2017"],
    ["1. Şeffaflığın artırılması"],                                         # section row, one field
    ["1.1", "Dövlet satınalmaları: açıqlıq; hesabat", "İqtisadiyyat Nazirliyi", "2017-ci il", "icra olunub"],
    ["1.2", "Ağdaş ve Şuşa", "Gençler ve İdman Nazirliyi", "2018-ci il", "icra olunmayıb"],
    ["2. Vatandaş iştirakı", "", "", "", ""],                               # section row padded by Excel
    ["2.1", "İctimai iştirak", "İqtisadiyyat Nazirliyi", "2017-ci il", "qismen icra olunub"],
]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def plan_1254(tmp_path):
    text = "\r\n".join(";".join(f'"{v}"' if ";" in v else v for v in row) for row in PLAN_1254) + "\r\n"
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode("cp1254", errors="replace"))
    return path


def test_windows_1254_semicolon_plan_gives_its_measures_and_names_the_encoding(plan_1254):
    result = run("validate", plan_1254, "--format", "json")
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)
    assert [(p["code"], p["severity"], p["fields"]) for p in problems] == [
        ("file.encoding_detected", "warning", {"encoding": "Windows-1254"}),
        ("file.encoding_lost_letters", "warning", {"encoding": "Windows-1254", "example": "Hökum?tin"}),
    ]
    assert "read as Windows-1254" in problems[0]["message"] and problems[0]["file"] == str(plan_1254)

    ind = run("indicators", plan_1254, "--format", "json")
    assert ind.exit_code == 0, ind.output
    [row] = json.loads(ind.stdout)
    assert (row["round"], row["n_items"], row["n_assessed"]) == ("2017", 3, 3)
    assert row["implementation_index"] == 55.555556
    assert "read as Windows-1254" in ind.stderr  # the warning reaches a command that computes, too

    ds = load_dataset(plan_1254)
    items = ds.items.set_index("item_id")
    assert list(items.index) == ["1.1", "1.2", "2.1"]
    assert items.loc["1.1", "title"] == "Dövlet satınalmaları: açıqlıq; hesabat"
    assert items.loc["1.2", "agencies"] == ["Gençler ve İdman Nazirliyi"]
    assert list(items["commitment"]) == ["1", "1", "2"]
    assert items.loc["2.1", "section_title"] == "Vatandaş iştirakı"


def test_forced_encoding_reads_the_same_measures_without_the_detection_warning(plan_1254):
    result = run("validate", plan_1254, "--encoding", "cp1254", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []  # forced: nothing detected, nothing to warn about
    ind = run("indicators", plan_1254, "--encoding", "cp1254", "--format", "json")
    assert json.loads(ind.stdout)[0]["implementation_index"] == 55.555556


def test_forced_encoding_that_does_not_fit_is_one_line_exit_2(plan_1254):
    result = run("indicators", plan_1254, "--encoding", "utf-8")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"ogpstats: {plan_1254}: the file is not utf-8 text (line 1 cannot be read); "
                             "give the encoding the file was saved in, or save the CSV as UTF-8\n")


OGP_HEADER = ["Commitment Unique Identifier", "Country/Locality", "Action Plan Number", "Action Plan End Year",
              "Commitment Title", "Lead Institution", "Description", "Completion (Progress Report)",
              "Completion (End Of Term)"]
LEVELS = ["Not Started", "Limited", "Substantial", "Complete"]


def _ogp_rows() -> list[list[str]]:
    rows = []
    for i in range(1, 41):
        country = ("Azerbaijan", "Albania", "Georgia", "Armenia")[i % 4]
        rows.append([f"{country[:2].upper()}{i:04d}", country, f"{country} Action Plan 2016-2018", "2018",
                     f"Public service {i}, open data", "Ministry of Justice",
                     f"Line one of {i}; the public, the state.\nLine two: {'x' * 200}\r\nLine three",
                     LEVELS[i % 4], LEVELS[(i + 1) % 4]])
    rows.append(["AZ9999", "Azerbaijan", "Azerbaijan Action Plan 2016-2018", "2018", 'The "public" register',
                 "Ministry of Justice", 'Say "no"\nend', "Limited", "Complete"])
    return rows


def test_ogp_export_csv_with_late_doubled_quotes_reads_as_its_xlsx(tmp_path):
    rows = _ogp_rows()
    text = "".join(",".join('"' + v.replace('"', '""') + '"' for v in row) + "\r\n" for row in [OGP_HEADER] + rows)
    # No "" in the first 8 KB; 2 quoted newlines a row.
    assert text.index('""') > 8192 and text.count("\n") == 1 + 40 * 3 + 2
    csv_path = tmp_path / "export.csv"
    csv_path.write_bytes(text.encode("utf-8"))
    xlsx_path = tmp_path / "export.xlsx"
    wb = Workbook()
    for row in [OGP_HEADER] + rows:
        wb.active.append(row)
    wb.save(xlsx_path)

    for path in (csv_path, xlsx_path):
        result = run("validate", path, "--format", "json")
        assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    by_country = [json.loads(run("indicators", p, "--by", "country", "--format", "json").stdout)
                  for p in (csv_path, xlsx_path)]
    assert by_country[0] == by_country[1]
    # Azerbaijan: i = 4, 8, …, 40 (10 commitments) end of term LEVELS[(i + 1) % 4] = Limited, plus AZ9999
    # Complete: 11 commitments; IRM index 100 × (10 × 1/3 + 1) / 11.
    azerbaijan = [r for r in by_country[0] if r["group"] == "Azerbaijan"]
    assert [(r["n_items"], r["implementation_index"]) for r in azerbaijan] == [(11, 39.393939)]

    cols = ["plan", "item_id", "title", "agencies", "country", "end_year"]
    a, b = (load_dataset(p) for p in (csv_path, xlsx_path))
    assert len(a.items) == 41
    assert a.items[cols].to_dict("records") == b.items[cols].to_dict("records")
    assert a.items.set_index("item_id").loc["AZ9999", "title"] == 'The "public" register'
    assert a.assessments[["item_id", "round", "level"]].to_dict("records") == \
        b.assessments[["item_id", "round", "level"]].to_dict("records")
