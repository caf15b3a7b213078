"""The exploratory notebook runs top to bottom from its folder on the sample data.

The values it prints are checked against the workbooks read directly with
openpyxl and scored by hand (not through ogpstats), so a regression in the
notebook or in the API it walks through shows here.
"""

import json
from pathlib import Path

import nbformat
import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "exploratory" / "explore.ipynb"
DATA = ROOT / "data" / "raw"

# Every status word of the sample NAP workbook and its IRM score (None = not assessed),
# written out by hand; a word not listed here fails the test rather than being guessed.
IRM_SCORE = {
    "İcra olunmayıb": 0.0, "icra olunmayib": 0.0, "başlanmayıb": 0.0,
    "İcra prosesindədir": 1 / 3, "icraya başlanılıb": 1 / 3, "davam edir": 1 / 3, "in progress": 1 / 3,
    "Qismən icra olunub": 2 / 3, "Qismen icra olunub": 2 / 3, "qismən icra edilib": 2 / 3,
    "İcra olunub": 1.0, "İCRA OLUNUB": 1.0, "icra edilib": 1.0, "Completed": 1.0, "выполнено": 1.0,
    "Sübut yoxdur": None,
}


def _percent_score(p: float) -> float:
    # docs/indicators.md: 0 -> not started, < 50 limited, < 100 substantial, 100 complete
    return 0.0 if p == 0 else 1 / 3 if p < 50 else 2 / 3 if p < 100 else 1.0


def _nap_index_by_hand() -> float:
    wb = openpyxl.load_workbook(DATA / "nap_2016_2018.xlsx", read_only=True)
    latest: dict[str, tuple[str, float]] = {}
    for number, rnd, word, percent, *_ in wb["Qiymətləndirmə"].iter_rows(min_row=2, values_only=True):
        if number is None or rnd is None:
            continue
        if word is not None:
            assert word in IRM_SCORE, f"status word {word!r} not scored in this test"
            score = IRM_SCORE[word]
        elif percent is not None:
            score = _percent_score(float(percent))
        else:
            score = None
        if score is None:
            continue  # not assessed: an earlier status carries forward
        # rounds are YYYY-H1/H2 here, so string order is time order
        if number not in latest or latest[number][0] <= rnd:
            latest[number] = (rnd, score)
    return round(100 * sum(s for _, s in latest.values()) / len(latest), 6)


def _count_numbered(path: Path, sheet: str, col: int) -> int:
    wb = openpyxl.load_workbook(path, read_only=True)
    return sum(1 for row in wb[sheet].iter_rows(min_row=2, values_only=True) if row[col] not in (None, ""))


@pytest.fixture(scope="module")
def executed():
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return nb


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_runs_top_to_bottom_without_errors(executed):
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    # the chart cell shows a figure
    images = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert len(images) >= 1


def test_printed_summary_matches_the_workbooks(executed):
    text = "".join(o.get("text", "") for o in executed.cells[-1].outputs if o.output_type == "stream")
    summary = json.loads(text.strip().splitlines()[-1])
    assert summary["nap_items"] == _count_numbered(DATA / "nap_2016_2018.xlsx", "Tədbirlər", 2) == 40
    assert summary["srm_items"] == _count_numbered(DATA / "srm_2016_2020.xlsx", "Tədbirlər", 3) == 102
    assert summary["kpis"] == _count_numbered(DATA / "srm_2016_2020.xlsx", "KPI", 1)
    assert summary["nap_index_irm"] == pytest.approx(_nap_index_by_hand(), abs=1e-6)
    assert summary["nap_index_irm"] == pytest.approx(68.333333, abs=1e-6)
