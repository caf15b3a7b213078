"""What a new monitoring round costs (issue 13, "per-period inputs").

Writes a generated history (``benchmarks/history.py``: the sample NAP and SRM
plans over ``--rounds`` half-year rounds), runs ``ogpstats report --period
all`` on it as cron does (a fresh process), appends one round to both
workbooks and runs again. Only the new period, ``latest`` and the index
should be redone. Prints, last, one line::

    first_s=… after_round_s=… ratio=…

Goal: ratio ≤ 0.15.

Usage: ``python benchmarks/report_new_round.py [--rounds 20] [--lang all] [--jobs N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import timed_report  # noqa: E402
from history import write_history  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--lang", default="all")
    ap.add_argument("--jobs", default="1")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ogpstats-bench-") as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "reports"
        write_history(data, args.rounds)
        first, s1 = timed_report(data, out, period="all", lang=args.lang, jobs=args.jobs)
        print(f"first run ({args.rounds} rounds): {first:8.2f} s   {s1}   load {os.getloadavg()[0]:.2f}", flush=True)
        write_history(data, args.rounds + 1)
        after, s2 = timed_report(data, out, period="all", lang=args.lang, jobs=args.jobs)
        print(f"after one more round:   {after:8.2f} s   {s2}   load {os.getloadavg()[0]:.2f}", flush=True)
    print(f"first_s={first:.2f} after_round_s={after:.2f} ratio={after / first:.3f}")


if __name__ == "__main__":
    main()
