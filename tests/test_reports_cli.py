"""``ogpstats report`` exit codes and one-line messages.

The session runs come from :mod:`reports_support` (built once, shared by these files and test_browser.py).
"""

from __future__ import annotations

import re
import shutil

import pytest

from reports_support import (
    NAP_FILE,
    RAW,
    SRM_FILE,
    cli,
    copy_reports,
    error_lines,
)

# --------------------------------------------------------------------------- CLI


def test_cli_success_exit_0(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    proc = cli("report", "--period", "latest", "--lang", "all", "--data", str(suite.data), "--out", str(out),
               "--notebooks", str(suite.notebooks))
    assert proc.returncode == 0, proc.stderr
    # Not "0 run": a fresh process fingerprints the ogpstats code again, which others may be editing.
    assert re.search(r"reports: \d+ notebook\(s\) run, \d+ unchanged, \d+ not applicable, "
                     rf"0 refused for data errors, 0 failed -> {re.escape(str(out))}",
                     proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr and not error_lines(proc.stderr)


@pytest.mark.parametrize("args, needle", [
    (["--period", "someday"], "--period"),
    (["--lang", "fr"], "--lang"),
    (["--jobs", "0"], "--jobs"),
    (["--timeout", "0"], "--timeout"),
    (["--bogus"], "--bogus"),
])
def test_cli_usage_errors_exit_2(tmp_path, args, needle):
    proc = cli("report", "--out", str(tmp_path / "r"), *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert needle in proc.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "r").exists()


def test_cli_missing_data_or_notebooks_exit_2_with_one_line(tmp_path):
    proc = cli("report", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert error_lines(proc.stderr) == [f"ogpstats: {tmp_path / 'nowhere'}: no such data directory"]
    proc = cli("report", "--notebooks", str(tmp_path / "none"), "--out", str(tmp_path / "r"))
    assert proc.returncode == 2
    assert error_lines(proc.stderr) == [f"ogpstats: {tmp_path / 'none'}: no such notebooks directory"]


def test_cli_period_before_any_data_exits_1_with_one_line(tmp_path):
    # The plan workbooks only: OGP's export has the rounds progress_report/end_of_term, which
    # sort before every dated round, so with it any --period has data.
    data = tmp_path / "data"
    data.mkdir()
    for name in (NAP_FILE, SRM_FILE):
        shutil.copy2(RAW / name, data / name)
    proc = cli("report", "--period", "2010-H1", "--data", str(data), "--out", str(tmp_path / "r"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    [line] = error_lines(proc.stderr)
    assert "no monitoring round at or before 2010-H1" in line


def test_jobs_default_is_every_core_for_a_scheduled_run(tmp_path, monkeypatch):
    """No terminal (cron, systemd): --jobs auto; at a terminal: one notebook at a time; given: as given."""
    import importlib

    from click.testing import CliRunner

    cli_report = importlib.import_module("ogpstats.cli.report")
    assert cli_report.default_jobs(on_terminal=False) == "auto" and cli_report.default_jobs(on_terminal=True) == 1
    calls = []
    monkeypatch.setattr(cli_report, "run", lambda out, **kw: calls.append(kw["jobs"]))
    (tmp_path / "data").mkdir()
    args = ["--data", str(tmp_path / "data"), "--out", str(tmp_path / "out")]
    assert CliRunner().invoke(cli_report.report, args).exit_code == 0  # CliRunner's stdin is no terminal
    assert CliRunner().invoke(cli_report.report, [*args, "--jobs", "1"]).exit_code == 0
    assert calls == ["auto", 1]


def test_a_stopped_run_that_hangs_in_its_clean_up_still_exits_1_with_one_line(tmp_path):
    """SIGTERM starts a watchdog: a clean-up that never ends is cut short, the lock freed, exit 1, one line."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "reports"
    out.mkdir()
    (tmp_path / "data").mkdir()
    child = f"""
import importlib, os, sys, time
r = importlib.import_module("ogpstats.cli.report")  # the module (the package's attribute is the command)
r.STOP_GRACE_S = 1.0
def hanging_run(out_dir, **options):
    (out_dir / ".lock").write_text(f"{{os.getpid()}} 2026-01-01T00:00:00Z\\n")
    try:  # "ready" inside the try: a SIGTERM right after it must reach the hanging clean-up, not the CLI
        print("ready", flush=True)
        time.sleep(60)
    except KeyboardInterrupt:
        while True:  # a clean-up that never ends
            time.sleep(0.1)
import ogpstats.reports
ogpstats.reports.run_reports = hanging_run
sys.argv = ["ogpstats report", "--data", {str(tmp_path / "data")!r}, "--out", {str(out)!r}]
r.report()
"""
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    start = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 1 and time.monotonic() - start < 25
    assert stderr.strip().splitlines() == [f"ogpstats: interrupted; the reports in {out} are unchanged "
                                           "(partial output is removed by the next run)"]
    assert not (out / ".lock").exists()
