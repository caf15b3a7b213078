"""ogpstats.explore: the dashboard's widgets drive the table, charts and measures (no browser, no kernel).

The small NAP workbook built here (rounds 2017-H1 and 2017-H2):

=======  ===  ===========================  ===================  ==============  ==================
measure  dir  agencies                     deadline (last day)  2017-H1         2017-H2
=======  ===  ===========================  ===================  ==============  ==================
1.1      1    Ədliyyə N.; Maliyyə N.       2017-06-30           limited         complete, "Akt"
1.2      1    Ədliyyə N.                   2018-12-31           not started     blank (carried)
1.10     1    Maliyyə N.                   ongoing (Daimi)      substantial     substantial, "Hesabat"
2.1      2    Vergilər N.                  2017-12-31           limited         substantial
=======  ===  ===========================  ===================  ==============  ==================

At 2017-H2, IRM scores (0, 1/3, 2/3, 1): direction 1 = 1.1 complete (1), 1.2 not started (0, carried
from H1), 1.10 substantial (2/3): index 100 × (1 + 0 + 2/3) / 3 = 55.56, high completion 2/3,
completion 1/3; none overdue (1.1 is complete, 1.2 not yet due, 1.10 ongoing). Direction 2 = 2.1
substantial, due 2017-12-31 and not complete: index 66.67, 1 overdue. CAERC (0, .5, .5, 1):
direction 1 = 100 × (1 + 0 + .5) / 3 = 50. At 2017-H1 direction 1 = 100 × (1/3 + 0 + 2/3) / 3 =
33.33, and 1.1 (due 2017-06-30, limited) is overdue.
"""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from ogpstats.explore import (
    MEASURE_COLUMNS,
    Dashboard,
    Selection,
    indicator_table,
    measures,
    rounds_series,
)
from ogpstats.io import load_dataset
from ogpstats.io.template import write_workbook
from ogpstats.model import make_assessments, make_items

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
ADL, MAL, VER = "Ədliyyə Nazirliyi", "Maliyyə Nazirliyi", "Vergilər Nazirliyi"


def _item(num, agencies, deadline):
    return {"plan": "NAP T", "kind": "nap", "commitment": num.split(".")[0], "item_id": num,
            "title": f"Tədbir {num}", "agencies": agencies, "deadline_text": deadline,
            "section_title": {"1": "Açıqlıq", "2": "Hesabatlılıq"}[num.split(".")[0]]}


def _a(num, rnd, level, evidence=None, comment=None):
    return {"plan": "NAP T", "item_id": num, "round": rnd, "level": level, "evidence": evidence, "comment": comment}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("explore")
    items = make_items([_item("1.1", [ADL, MAL], "2017-ci ilin II rübü"), _item("1.2", [ADL], "2018-ci il"),
                        _item("1.10", [MAL], "Daimi"), _item("2.1", [VER], "2017-ci il")])
    assessments = make_assessments([
        _a("1.1", "2017-H1", "limited"), _a("1.2", "2017-H1", "not_started"),
        _a("1.10", "2017-H1", "substantial"), _a("2.1", "2017-H1", "limited"),
        _a("1.1", "2017-H2", "complete", evidence="Akt"), _a("1.2", "2017-H2", None, comment="Cavab yoxdur"),
        _a("1.10", "2017-H2", "substantial", evidence="Hesabat"), _a("2.1", "2017-H2", "substantial"),
    ])
    write_workbook(d / "nap_t.xlsx", kind="nap", plan="NAP T", items=items, assessments=assessments,
                   rounds=["2017-H1", "2017-H2"])
    return d


@pytest.fixture(scope="module")
def ds(folder):
    return load_dataset(folder / "nap_t.xlsx")


# -- the pure views ----------------------------------------------------------------------------------

def test_indicator_table_by_commitment(ds):
    ind = indicator_table(ds, Selection(kind="nap", by="commitment")).set_index("group")
    assert list(ind.index) == ["1", "2"]
    one = ind.loc["1"]
    assert (one["n_items"], one["not_started"], one["limited"], one["substantial"], one["complete"]) == (3, 1, 0, 1, 1)
    assert one["implementation_index"] == pytest.approx(500 / 9, abs=1e-6)
    assert one["high_completion_rate"] == pytest.approx(2 / 3, abs=1e-6) and one["overdue"] == 0
    assert ind.loc["2", "implementation_index"] == pytest.approx(200 / 3, abs=1e-6) and ind.loc["2", "overdue"] == 1
    caerc = indicator_table(ds, Selection(kind="nap", by="commitment", scheme="caerc")).set_index("group")
    assert caerc.loc["1", "implementation_index"] == pytest.approx(50.0)


def test_measures_of_a_group(ds):
    m = measures(ds, Selection(kind="nap", by="commitment", group="1"))
    assert list(m.columns) == list(MEASURE_COLUMNS)
    assert list(m["item_id"]) == ["1.1", "1.2", "1.10"]
    assert list(m["level"]) == ["complete", "not_started", "substantial"]
    assert list(m["status"]) == ["Complete", "Not started", "Substantial"]
    assert list(m["assessed_round"]) == ["2017-H2", "2017-H1", "2017-H2"]  # 1.2's blank H2 carries H1
    assert list(m["evidence"].fillna("-")) == ["Akt", "-", "Hesabat"]
    assert list(m["overdue"]) == [False, False, False]
    assert m["agencies"].iat[0] == f"{ADL}; {MAL}" and m["deadline"].iat[0] == "2017-ci ilin II rübü"
    assert m["deadline_end"].iat[0] == pd.Timestamp("2017-06-30") and pd.isna(m["deadline_end"].iat[2])


def test_measures_at_an_earlier_round_and_due_only(ds):
    early = measures(ds, Selection(kind="nap", round="2017-H1", by="commitment", group="1"))
    assert list(early["level"]) == ["limited", "not_started", "substantial"]
    assert list(early["overdue"]) == [True, False, False]
    due = measures(ds, Selection(kind="nap", by="commitment", group="1", due_only=True))
    assert list(due["item_id"]) == ["1.1"]
    by_agency = measures(ds, Selection(kind="nap", by="agency", group=MAL))
    assert list(by_agency["item_id"]) == ["1.1", "1.10"]


def test_rounds_series_of_a_group(ds):
    s = rounds_series(ds, Selection(kind="nap", by="commitment", group="1"))
    assert list(s["round"]) == ["2017-H1", "2017-H2"] and set(s["group"]) == {"1"}
    assert list(s["implementation_index"].round(6)) == [pytest.approx(100 / 3, abs=1e-6),
                                                        pytest.approx(500 / 9, abs=1e-6)]
    # Up to the chosen round only.
    assert list(rounds_series(ds, Selection(kind="nap", round="2017-H1"))["round"]) == ["2017-H1"]


# -- the widgets -------------------------------------------------------------------------------------

def test_dashboard_widgets_drive_the_outputs(folder):
    dash = Dashboard(folder)
    assert dash.files.value == ("nap_t.xlsx",) and dash.kind.value == "nap"
    assert dash.round.value == "2017-H2" and dash.scheme.value == "irm"
    assert [v for _, v in dash.by.options] == [None, "commitment", "agency", "year"]
    assert list(dash.table_frame["group"]) == ["all"] and dash.table_frame["n_items"].iat[0] == 4
    assert bytes(dash.levels_chart.value[:4]) == bytes(dash.rounds_chart.value[:4]) == b"\x89PNG"

    before = bytes(dash.levels_chart.value), bytes(dash.rounds_chart.value)
    dash.by.value = "commitment"
    assert bytes(dash.levels_chart.value) != before[0]   # one bar per direction now
    assert [v for _, v in dash.group.options] == [None, "1", "2"]
    assert {v: k for k, v in dash.group.options}["1"] == "1. Açıqlıq"
    table = dash.table_frame.set_index("group")
    assert table.loc["1", "implementation_index"] == pytest.approx(500 / 9, abs=1e-6)
    assert "55.6" in dash.table.value and "66.7%" in dash.table.value   # index 55.56; high completion 2/3

    dash.group.value = "1"
    assert bytes(dash.rounds_chart.value) != before[1]   # direction 1's line, not all measures'
    assert list(dash.measures_frame["item_id"]) == ["1.1", "1.2", "1.10"]
    assert list(dash.measures_frame["status"]) == ["Complete", "Not started", "Substantial"]
    assert "Hesabat" in dash.measures_table.value and "2017-06-30" in dash.measures_table.value
    assert list(dash.rounds_frame["implementation_index"].round(2)) == [33.33, 55.56]

    dash.round.value = "2017-H1"
    assert dash.group.value == "1"   # the chosen group stays
    assert list(dash.measures_frame["overdue"]) == [True, False, False]
    dash.round.value = "2017-H2"
    dash.scheme.value = "caerc"
    assert dash.table_frame.set_index("group").loc["1", "implementation_index"] == pytest.approx(50.0)
    dash.due_only.value = True
    assert list(dash.measures_frame["item_id"]) == ["1.1"]
    assert list(dash.table_frame["n_items"]) == [1, 1]


def test_dashboard_on_the_sample_data():
    dash = Dashboard(RAW)
    assert [v for _, v in dash.kind.options] == ["nap", "srm", "ogp"]
    dash.kind.value = "srm"
    assert dash.scheme.value == "caerc" and dash.round.value == "2019"
    assert {"roadmap", "priority"} <= {v for _, v in dash.by.options}
    dash.kind.value = "ogp"
    assert dash.scheme.value == "irm" and dash.round.value == "end_of_term"
    dash.by.value = "country"
    dash.group.value = "Azerbaijan"
    az = dash.table_frame.set_index("group").loc["Azerbaijan"]
    # data/raw/README.md: 2 complete, 3 substantial, 3 limited, 1 not started of 10 (one not assessed).
    assert (az["n_items"], az["complete"], az["substantial"], az["limited"], az["not_started"]) == (10, 2, 3, 3, 1)
    assert len(dash.measures_frame) == 10
    assert dash.measures_frame.set_index("item_id").loc["AZ0004", "assessed_round"] == "progress_report"


def test_dashboard_names_an_unusable_file_in_one_line(folder, tmp_path):
    shutil.copy2(folder / "nap_t.xlsx", tmp_path / "nap_t.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    dash = Dashboard(tmp_path)
    assert "broken.xlsx" in dash.message.value
    assert dash.table_frame["n_items"].iat[0] == 4   # the readable file is still shown
    dash.files.value = ("broken.xlsx",)
    assert dash.kind.value is None and dash.table_frame["n_items"].sum() == 0


def test_dashboard_notebook_is_small_and_runs_from_its_folder(monkeypatch):
    import nbformat

    path = ROOT / "notebooks" / "exploratory" / "dashboard.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == "ogpstats"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)   # committed without outputs
    assert sum(len(c.source.splitlines()) for c in code) <= 5                  # the widgets live in the package
    # Run its code as the kernel would, from the notebook's folder (display() outside a kernel just prints).
    monkeypatch.chdir(path.parent)
    scope: dict = {}
    for c in code:
        exec(compile(c.source, str(path), "exec"), scope)  # noqa: S102 - our own notebook's code
    assert [v for _, v in scope["dash"].kind.options] == ["nap", "srm", "ogp"]
    assert scope["dash"].table_frame["n_items"].iat[0] == 40
