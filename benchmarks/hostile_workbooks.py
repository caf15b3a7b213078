"""Hostile workbooks benchmark (issue 10, item 3: "refused within seconds and under 600 MB").

Builds, in a temporary directory, the workbooks of tests/test_guards.py that
made the reader allocate gigabytes before the resource guards
(:mod:`ogpstats.io.guards`), and runs ``ogpstats validate`` on each in a fresh
interpreter, then prints, last, one line per case::

    case=dimension_xfd1048576 exit=2 seconds=1.52 peak_mb=148

``seconds`` is the whole process (interpreter start-up and imports included:
about 1.4 s of it on the development machine); ``peak_mb`` its peak resident
memory. The sample NAP workbook is the baseline (exit 0).

Usage: ``python benchmarks/hostile_workbooks.py``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
hostile = __import__("fixtures.hostile", fromlist=["hostile"])  # the builders the tests use

CASES = {
    "sample_nap": lambda d: ROOT / "data" / "raw" / "nap_2016_2018.xlsx",
    "dimension_xfd1048576": lambda d: hostile.one_cell(d / "dimension.xlsx", "A1", "A1:XFD1048576"),
    "cell_xfd1048576": lambda d: hostile.one_cell(d / "cell.xlsx", "XFD1048576"),
    "cell_xfd5000": lambda d: hostile.one_cell(d / "far.xlsx", "XFD5000"),
    "sheet_xml_1gb": lambda d: hostile.inflating_sheet(d / "gigabyte.xlsx"),
    "shared_string_400mb": lambda d: hostile.huge_shared_string(d / "string.xlsx"),
    "sizes_that_lie": lambda d: hostile.lying_sizes(d / "lie.xlsx"),
    "ods_100m_cells": lambda d: hostile.repeated_ods(d / "repeated.ods", rows=100_000, cols=1000),
}


def main() -> None:
    lines = []
    with tempfile.TemporaryDirectory(prefix="ogpstats-hostile-") as tmp:
        for case, make in CASES.items():
            path = make(Path(tmp))
            result = hostile.run_validate(path)
            print(f"{case}: {path.stat().st_size:,} bytes: {result['stderr'].strip()}", flush=True)
            lines.append(f"case={case} exit={result['exit']} seconds={result['seconds']:.2f} "
                         f"peak_mb={result['peak_mb']:.0f}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
