"""How close a report notebook comes to the cost of an empty one (issue 13, "near the kernel floor").

Runs, in this process and in turn (suite, floor, suite, floor …, so both meet
the same machine load):

* the report suite: ``run_reports`` of the report notebooks on a copy of
  ``data/raw`` (``--period``, every language, ``force=True``);
* the floor: the same number of notebooks, each with only the parameters
  cell, through the same ``run_reports`` → kernel pool → papermill/nbclient
  path (kernel start and stop, HTML page, publishing included).

and prints, last, one line::

    notebooks=… per_notebook_s=… floor_s=… ratio=…

(seconds per notebook, the best round of each). Goal: ratio ≤ 2.0.

Usage: ``python benchmarks/report_suite.py [--period latest|all|ROUND] [--repeat N] [--jobs N]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def empty_notebooks(folder: Path, specs) -> Path:
    """One notebook per report notebook, same name and needs, with only the parameters cell."""
    folder.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        nb = nbformat.v4.new_notebook()
        nb.metadata = {"kernelspec": {"name": "ogpstats", "display_name": "ogpstats", "language": "python"},
                       "ogpstats": {"requires": list(spec.requires), "order": spec.order, "title": spec.title_key}}
        nb.cells = [nbformat.v4.new_code_cell('period = "latest"\ndata_dir = "."\nout_dir = "."\nlang = "en"',
                                              metadata={"tags": ["parameters"]})]
        nbformat.write(nb, str(folder / f"{spec.name}.ipynb"))
    return folder


def timed(period: str, data: Path, out: Path, jobs: int, notebooks: Path | None) -> tuple[int, float]:
    from ogpstats.reports import run_reports

    start = time.perf_counter()
    result = run_reports(period, data, out, lang="all", jobs=jobs, force=True, notebooks_dir=notebooks, echo=False)
    return len(result.ran), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--period", default="latest")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    from ogpstats.reports.run import discover_notebooks

    with tempfile.TemporaryDirectory(prefix="ogpstats-bench-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data" / "raw", data)
        floor_nb = empty_notebooks(Path(tmp) / "empty", discover_notebooks())
        suite, floor = [], []
        for k in range(args.repeat):
            n, t = timed(args.period, data, Path(tmp) / "suite", args.jobs, None)
            suite.append(t / n)
            m, u = timed(args.period, data, Path(tmp) / "floor", args.jobs, floor_nb)
            floor.append(u / m)
            print(f"round {k + 1}: suite {n} notebooks {t:.1f} s, floor {m} notebooks {u:.1f} s, "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)
    per, base = min(suite), min(floor)
    print(f"notebooks={n} per_notebook_s={per:.2f} floor_s={base:.2f} ratio={per / base:.2f}")


if __name__ == "__main__":
    main()
