"""Scale benchmark for the completion indicators (issue 4, "Scale").

Builds tidy tables of 100,000 items x 10 rounds (10^6 assessments) in
memory -- items with 1-3 agencies drawn from a pool of 40 -- and times
``compute_indicators(..., by="agency")`` for the latest round against a
floor: one ``groupby(["plan", "item_id"]).size()`` over the same
assessments (the least any carry-forward must do: look at every
assessment once, per item). The two sides are timed interleaved (ogpstats,
floor, ogpstats, floor, ...), best of each, so a busy moment of the machine
weighs on both alike (issue 13).

Prints, last, one line::

    rows=1000000 ogpstats_s=... floor_s=... ratio=... peak_mb=...

``peak_mb`` is the process's peak resident memory (``ru_maxrss``), which
includes building the tables and running the analytics once each at the
same scale (their times are printed above the last line). Goal: ratio <= 3,
peak <= 1500 MB.

Usage: ``python benchmarks/indicators_scale.py [N_ITEMS] [N_ROUNDS]``
"""

from __future__ import annotations

import resource
import sys
import time

import numpy as np
import pandas as pd

from ogpstats import analytics
from ogpstats.indicators import compute_indicators
from ogpstats.levels import LEVELS
from ogpstats.model import make_assessments, make_items
from ogpstats.rounds import data_rounds

SEED = 20240601


def build(n_items: int = 100_000, n_rounds: int = 10, seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic items and assessments tables (vectorised; no per-row loops)."""
    rng = np.random.default_rng(seed)
    pool = np.array([f"Agency {i:02d}" for i in range(40)], dtype=object)
    item_id = np.char.add("M", np.arange(n_items).astype(str)).astype(object)
    n_ag = rng.integers(1, 4, n_items)
    picks = rng.random((n_items, len(pool))).argsort(axis=1)[:, :3]  # 3 distinct agencies
    ag = pool[picks]
    # Lists of 1-3 agencies: the first n_ag[i] picks of row i (lists, as the loaders make).
    agencies = [row[:k] for row, k in zip(ag.tolist(), n_ag.tolist())]
    years = 2016 + rng.integers(0, 6, n_items)
    deadline = pd.to_datetime(pd.Series(years.astype(str))) + pd.offsets.YearEnd(0)
    items = make_items(pd.DataFrame({
        "plan": "NAP bench",
        "kind": "nap",
        "commitment": (rng.integers(1, 31, n_items)).astype(str).astype(object),
        "item_id": item_id,
        "title": "measure",
        "agencies": agencies,
        "start": pd.Timestamp("2016-01-01"),
        "deadline_end": deadline,
        "ongoing": rng.random(n_items) < 0.05,
        "weight": 1.0,
    }))
    rounds = [f"{2016 + i // 2}-H{1 + i % 2}" for i in range(n_rounds)]
    level_codes = rng.integers(-1, len(LEVELS), n_items * n_rounds)  # -1 = not assessed
    levels = pd.Categorical.from_codes(level_codes, categories=list(LEVELS))
    assessments = make_assessments(pd.DataFrame({
        "plan": "NAP bench",
        "item_id": np.tile(item_id, n_rounds),
        "round": np.repeat(np.array(rounds, dtype=object), n_items),
        "level": levels,
    }))
    return items, assessments


def best_of(fn, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds."""
    return interleaved([fn], repeat)[0]


def interleaved(fns: list, repeat: int = 5) -> list[float]:
    """The fastest run of each function, running them in turn ``repeat`` times (a, b, a, b, ...)."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def main(argv: list[str]) -> None:
    n_items = int(argv[1]) if len(argv) > 1 else 100_000
    n_rounds = int(argv[2]) if len(argv) > 2 else 10
    t0 = time.perf_counter()
    items, assessments = build(n_items, n_rounds)
    print(f"built {len(items)} items, {len(assessments)} assessments in {time.perf_counter() - t0:.2f}s")
    latest = assessments["round"].iloc[-1]
    result = compute_indicators(items, assessments, by="agency", round=latest)
    print(f"{len(result)} agency rows; sum n_items={int(result['n_items'].sum())}")
    ogp_s, floor_s = interleaved([
        lambda: compute_indicators(items, assessments, by="agency", round=latest),
        lambda: assessments.groupby(["plan", "item_id"]).size(),
    ])
    # The analytics at the same scale (one run each; informational).
    rounds = data_rounds(assessments)
    for name, fn in [
        ("agency_scorecard", lambda: analytics.agency_scorecard(items, assessments)),
        ("transitions", lambda: analytics.transitions(items, assessments, rounds[-2], rounds[-1])),
        ("schedule_tracking_by_agency", lambda: analytics.schedule_tracking(items, assessments, by="agency")),
        ("forecast", lambda: analytics.forecast(items, assessments)),
    ]:
        print(f"{name}_s={best_of(fn, repeat=1):.3f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"rows={len(assessments)} ogpstats_s={ogp_s:.3f} floor_s={floor_s:.3f} "
          f"ratio={ogp_s / floor_s:.2f} peak_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main(sys.argv)
