"""benchmarks/read_speed.py runs end to end and prints its figures (no timing is asserted)."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_read_speed_benchmark_prints_its_line_last(tmp_path):
    # 200 measures, one run each; the workbook is cached in TMPDIR, here the test's own directory.
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "read_speed.py"), "200", "1"],
                          capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "TMPDIR": str(tmp_path)},
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    # Statuses cycle through six values, the sixth blank: measures i = 5, 11, …, 197 (33 of them) are
    # not assessed, so 200 − 33 = 167 are.
    assert lines[-3].startswith("measures=200 n_assessed=167 ")
    assert re.fullmatch(r"ogpstats_s=\d+\.\d\d openpyxl_read_s=\d+\.\d\d ratio=\d+\.\d{3}", lines[-2])
    assert re.fullmatch(r"calamine_s=\d+\.\d\d ogpstats_vs_calamine=\d+\.\d\d", lines[-1])
    assert (tmp_path / "ogpstats-bench" / "read_speed_200.xlsx").exists()
    # The cached workbook is keyed on the builder's code: a stale key rebuilds it.
    key = tmp_path / "ogpstats-bench" / "read_speed_200.xlsx.key"
    assert len(key.read_text("utf-8").strip()) == 64
    key.write_text("stale\n", "utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "read_speed.py"), "200", "1"],
                          capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "TMPDIR": str(tmp_path)},
                          timeout=600)
    assert proc.returncode == 0 and "building" in proc.stderr and key.read_text("utf-8").strip() != "stale"
