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
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import timed_report  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--period", default="latest")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ogpstats-bench-") as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "reports"
        shutil.copytree(ROOT / "data" / "raw", data)
        first, s1 = timed_report(data, out, period=args.period, lang="all", jobs=args.jobs)
        print(f"first run:  {first:7.2f} s   {s1}")
        second, s2 = timed_report(data, out, period=args.period, lang="all", jobs=args.jobs)
        print(f"second run: {second:7.2f} s   {s2}")
    print(f"first_s={first:.2f} second_s={second:.2f} ratio={second / first:.3f}")


if __name__ == "__main__":
    main()
