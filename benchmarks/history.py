"""A generated monitoring history: the sample NAP and SRM plans assessed over many half-year rounds.

``write_history(folder, n_rounds)`` writes ``nap_history.xlsx`` and
``srm_history.xlsx`` (the items and KPIs of the bundled samples in
``data/raw``; one assessment per measure and round from 2016-H1 on). The
statuses of a round do not depend on how many rounds follow, so the history
of ``n + 1`` rounds is the history of ``n`` with one round appended: what a
monitoring team's workbook looks like after its next round.

Used by ``benchmarks/report_new_round.py`` and the tests of per-period keys.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {"nap": ("nap_2016_2018.xlsx", "NAP 2016-2018"), "srm": ("srm_2016_2020.xlsx", "SRM 2016-2020")}
LEVEL_PERCENT = {"not_started": 0.0, "limited": 25.0, "substantial": 60.0, "complete": 100.0}


def half_years(n: int, first: int = 2016) -> list[str]:
    """``n`` half-year rounds from ``first``-H1 on: ``2016-H1``, ``2016-H2``, ``2017-H1`` …"""
    return [f"{first + k // 2}-H{k % 2 + 1}" for k in range(n)]


def _level(item: int, k: int) -> str:
    """The level of measure ``item`` at round ``k``: each measure moves up a step every few rounds."""
    step = (k + item % 4) // (2 + item % 3)
    return ("not_started", "limited", "substantial", "complete")[min(step, 3)]


def assessments(item_ids: list[str], rounds: list[str]) -> pd.DataFrame:
    """One row per measure and round (deterministic, see :func:`_level`)."""
    rows = []
    for k, rnd in enumerate(rounds):
        for i, item_id in enumerate(item_ids):
            level = _level(i, k)
            rows.append({"item_id": item_id, "round": rnd, "level": level, "percent": LEVEL_PERCENT[level],
                         "evidence": f"report {rnd}" if level != "not_started" else None, "comment": None})
    return pd.DataFrame(rows)


def write_history(folder: str | Path, n_rounds: int = 20, kinds: tuple[str, ...] = ("nap", "srm")) -> list[Path]:
    """Write the history workbooks of ``n_rounds`` rounds into ``folder``; their paths."""
    from ogpstats.io import load_dataset
    from ogpstats.io.template import write_workbook

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rounds = half_years(n_rounds)
    written = []
    for kind in kinds:
        name, plan = SAMPLES[kind]
        ds = load_dataset([ROOT / "data" / "raw" / name])
        items = ds.items[ds.items["kind"] == kind].reset_index(drop=True)
        written.append(Path(write_workbook(out / f"{kind}_history.xlsx", kind=kind, plan=plan, items=items,
                                           assessments=assessments(list(items["item_id"]), rounds),
                                           kpis=ds.kpis if kind == "srm" else None, rounds=rounds)))
    return written
