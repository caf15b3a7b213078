"""Sections of a plan table and a measure's commitment (ogpstats/io/sections.py, ogpstats/io/plan.py)."""

from ogpstats.io import load_dataset
from ogpstats.io.sections import _continued

from fixtures.workbooks import build_sheet

HEADER = ["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"]


def _plan(path, rows):
    return build_sheet(path, "Plan", [HEADER, *rows])


def test_which_numbers_the_next_one_continues():
    assert _continued(["1", "1.1", "1.2", "2", "2.1", "21"]) == [True, False, False, True, False, False]
    assert _continued([]) == [] and _continued(["3"]) == [False]
    assert _continued(["1", None, "1.1"]) == [False, False, False]  # not text: continues nothing


def test_sections_give_the_commitment_a_number_row_without_details_is_one(tmp_path):
    path = _plan(tmp_path / "p.xlsx", [
        ["1", "Şəffaflığın artırılması", None, None],        # a number with a title only, continued by 1.1
        ["1.1", "Tədbir A", "Ədliyyə Nazirliyi", "2017-ci il"],
        ["1.2", "Tədbir B", "Vergilər Nazirliyi", "2018-ci il"],
        ["2. Hesabatlılıq", None, None, None],               # a lone text
        ["2.1", "Tədbir C", "Maliyyə Nazirliyi", "Daimi"],
    ])
    items = load_dataset(path).items
    assert list(items["item_id"]) == ["1.1", "1.2", "2.1"]
    assert list(items["commitment"]) == ["1", "1", "2"]
    assert list(items["section_title"]) == ["Şəffaflığın artırılması", "Şəffaflığın artırılması", "Hesabatlılıq"]


def test_without_sections_the_commitment_is_the_numbers_first_part(tmp_path):
    path = _plan(tmp_path / "p.xlsx", [
        ["34a", "Tədbir A", "Ədliyyə Nazirliyi", "2017-ci il"],   # milestones of commitment 34
        ["34b", "Tədbir B", "Ədliyyə Nazirliyi", "2017-ci il"],
        ["5.2", "Tədbir C", "Vergilər Nazirliyi", "2018-ci il"],
    ])
    items = load_dataset(path).items
    assert list(items["item_id"]) == ["34a", "34b", "5.2"]
    assert list(items["commitment"]) == ["34", "34", "5"]
