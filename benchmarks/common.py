"""Helpers the benchmarks share (not a benchmark: ``make benchmarks`` skips it)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_report(data: Path, out: Path, *, period: str, lang: str, jobs: str | int) -> tuple[float, str]:
    """Seconds of one ``ogpstats report`` process on ``data``, and its summary line; exits on a failed run."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "ogpstats.cli", "report", "--period", period, "--lang", lang,
                           "--data", str(data), "--out", str(out), "--jobs", str(jobs)],
                          cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"report run failed ({proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
    summary = next((line for line in reversed(proc.stderr.splitlines()) if line.startswith("reports:")), "")
    return elapsed, summary
