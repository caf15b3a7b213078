"""Time a first run of the whole report suite and a second run with nothing changed.

Issue 5 asks that a second run with nothing changed take under a tenth of the
first. Both runs are timed as cron runs them — ``ogpstats report`` in a fresh
process (interpreter start and imports included) — on a copy of
``data/raw`` into a temporary folder, both languages, ``--period latest``.

Usage::

    .venv/bin/python benchmarks/report_incremental.py [--jobs N] [--period latest|all]

The last line is ``first_s=… second_s=… ratio=…`` (goal: ratio < 0.1).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_run(data: Path, out: Path, period: str, jobs: int) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "ogpstats.cli", "report", "--period", period, "--lang", "all",
                           "--data", str(data), "--out", str(out), "--jobs", str(jobs)],
                          cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"report run failed ({proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
    summary = next((line for line in reversed(proc.stderr.splitlines()) if line.startswith("reports:")), "")
    return elapsed, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--period", default="latest")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ogpstats-bench-") as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "reports"
        shutil.copytree(ROOT / "data" / "raw", data)
        first, s1 = timed_run(data, out, args.period, args.jobs)
        print(f"first run:  {first:7.2f} s   {s1}")
        second, s2 = timed_run(data, out, args.period, args.jobs)
        print(f"second run: {second:7.2f} s   {s2}")
    print(f"first_s={first:.2f} second_s={second:.2f} ratio={second / first:.3f}")


if __name__ == "__main__":
    main()
