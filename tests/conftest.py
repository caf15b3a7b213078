"""Shared fixtures: a small plan whose indicators are computed by hand in the tests."""

import pandas as pd
import pytest

from ogpstats.model import make_assessments, make_items


@pytest.fixture
def small_plan():
    """Five measures in three commitments, assessed in 2017-H1 and 2017-H2.

    Status at 2017-H2 (carried forward): 1.1 complete, 1.2 substantial (60 %),
    2.1 not_started (blank in H2, so H1 carries), 2.2 substantial (80 %),
    3.1 never assessed.
    """
    items = make_items([
        dict(plan="P", kind="nap", commitment="1", item_id="1.1", title="a", agencies=["A", "B"],
             deadline_end="2017-06-30"),
        dict(plan="P", kind="nap", commitment="1", item_id="1.2", title="b", agencies=["A"], ongoing=True),
        dict(plan="P", kind="nap", commitment="2", item_id="2.1", title="c", agencies=["B"],
             deadline_end="2018-12-31"),
        dict(plan="P", kind="nap", commitment="2", item_id="2.2", title="d", agencies=["C"],
             deadline_end="2016-12-31"),
        dict(plan="P", kind="nap", commitment="3", item_id="3.1", title="e", agencies=[]),
    ])
    assessments = make_assessments([
        dict(plan="P", item_id="1.1", round="2017-H1", level="limited"),
        dict(plan="P", item_id="1.1", round="2017-H2", level="complete"),
        dict(plan="P", item_id="1.2", round="2017-H1", percent=40),
        dict(plan="P", item_id="1.2", round="2017-H2", percent=60),
        dict(plan="P", item_id="2.1", round="2017-H1", level="not_started"),
        dict(plan="P", item_id="2.1", round="2017-H2", level=None),
        dict(plan="P", item_id="2.2", round="2017-H2", level="substantial", percent=80),
    ])
    return items, assessments


def row(frame: pd.DataFrame, group: str) -> dict:
    """The indicator row of one group as a dict."""
    match = frame[frame["group"] == group]
    assert len(match) == 1, f"expected one row for {group!r}, got {len(match)}"
    return match.iloc[0].to_dict()


# The report runs shared by tests/test_reports_*.py (built once per session in reports_support).


@pytest.fixture(scope="session")
def suite(tmp_path_factory):
    """Every report notebook run on the sample data: first, unchanged and forced (reports_support.Suite)."""
    from reports_support import build_suite

    return build_suite(tmp_path_factory)


@pytest.fixture(scope="session")
def safety(tmp_path_factory) -> dict:
    """The NAP report on data whose overdue measures have hostile titles."""
    from reports_support import build_safety

    return build_safety(tmp_path_factory)


@pytest.fixture(scope="session")
def script():
    """scripts/make_sample_data.py as a module (the generator of the sample data in data/raw/)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "make_sample_data.py"
    spec = importlib.util.spec_from_file_location("make_sample_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
