"""Executing and swapping in safely: failures, timeouts, kills, the lock between runs, periods in parallel.

The session runs come from :mod:`reports_support` (built once, shared by these files and test_browser.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import nbformat
import pytest

from ogpstats.i18n import messages
from ogpstats.reports import (
    NotebookFailed,
    ReportsBusy,
    run_reports,
)
from ogpstats.reports.lock import RunLock

from reports_support import (
    NAP_FILE,
    RAW,
    ROOT,
    Page,
    cli,
    copy_reports,
    error_lines,
    failing_nap_copy,
    make_notebook,
    nap_only_notebooks,
    sha,
    snapshot,
    tags,
)

# --------------------------------------------------------------------------- atomic


def test_failing_notebook_leaves_the_previous_report_untouched(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    index_before = sha(out / "index.html")
    nbdir = failing_nap_copy(tmp_path / "nb")
    with pytest.raises(NotebookFailed) as info:
        run_reports("latest", suite.data, out, lang="en", notebooks_dir=nbdir, echo=False)
    message = str(info.value)
    assert "\n" not in message
    assert "nap_monitoring.ipynb [latest/en] failed at cell 4 (x = 1): ValueError: deliberate failure in a test" \
        in message
    kept = out / "_failed" / "latest" / "en" / "nap_monitoring.ipynb"
    assert str(kept) in message and info.value.failures[0]["cell"] == 4
    nb = nbformat.read(str(kept), as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert [e["ename"] for e in errors] == ["ValueError"]
    assert snapshot(out / "latest") == before, "the previous report must stay byte-identical"
    assert sha(out / "index.html") == index_before
    assert not list(out.glob(".staging-*")) and not (out / ".lock").exists()

    # Fixed notebook: the run succeeds and the kept failure is removed.
    nap_only_notebooks(nbdir)
    result = run_reports("latest", suite.data, out, lang="en", notebooks_dir=nbdir, echo=False)
    assert result.skipped == ["latest/en/nap_monitoring"] and not kept.exists()


def test_failing_notebook_through_the_cli_exits_1_naming_the_cell(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    nbdir = failing_nap_copy(tmp_path / "nb")
    proc = cli("report", "--data", str(suite.data), "--out", str(out), "--lang", "en", "--notebooks", str(nbdir))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    [line] = error_lines(proc.stderr)
    assert "failed at cell 4 (x = 1): ValueError: deliberate failure in a test" in line
    assert snapshot(out / "latest") == before


def test_per_cell_timeout_fails_the_notebook_naming_the_cell(tmp_path):
    nbdir = tmp_path / "nb"
    make_notebook(nbdir / "slow.ipynb", ["import time\ntime.sleep(120)"], [])
    out = tmp_path / "reports"
    proc = cli("report", "--data", str(RAW), "--out", str(out), "--lang", "en", "--notebooks", str(nbdir),
               "--timeout", "2")
    assert proc.returncode == 1
    # The kernel's own complaints about being stopped go to the kernels log, not to cron's mail.
    assert "Traceback" not in proc.stderr, proc.stderr
    [line] = error_lines(proc.stderr)
    assert "slow.ipynb [latest/en] failed at cell 2 (import time): CellTimeoutError:" in line
    assert "timed out" in line and "after 2 seconds" in line
    assert not (out / "latest").exists()
    assert (out / "_failed" / "latest" / "en" / "slow.ipynb").exists()
    assert list((out / "_logs").glob("run-*.kernels.log"))


def test_killed_run_leaves_no_half_written_report(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    proc = subprocess.Popen([sys.executable, "-m", "ogpstats.cli", "report", "--data", str(suite.data),
                             "--out", str(out), "--lang", "en", "--force", "--notebooks", str(suite.notebooks)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".staging-*/latest/en/notebooks/*.ipynb")):  # a notebook is executing
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no staging folder appeared"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its kernels, as the OOM killer or kill -9 would
        proc.wait()
    assert snapshot(out / "latest", skip=()) == before
    assert list(out.glob(".staging-*")) and (out / ".lock").exists()

    result = run_reports("latest", suite.data, out, lang="en", notebooks_dir=suite.notebooks, echo=False)
    assert result.ran == [] and sorted(result.skipped) == tags("latest", suite.expected, ["en"])
    assert any(f"stale lock left by PID {proc.pid}" in n for n in result.notes)
    assert not list(out.glob(".staging-*")) and not (out / ".lock").exists()
    assert snapshot(out / "latest") == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_terminated_run_exits_1_with_one_line_and_keeps_the_report(suite, tmp_path, jobs):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    proc = subprocess.Popen([sys.executable, "-m", "ogpstats.cli", "report", "--data", str(suite.data),
                             "--out", str(out), "--lang", "en", "--force", "--jobs", jobs,
                             "--notebooks", str(suite.notebooks)],
                            cwd=ROOT, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".staging-*/latest/en/notebooks/*.ipynb")):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)  # what systemd sends on stop
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr
    [line] = error_lines(stderr)
    assert "interrupted" in line
    assert snapshot(out / "latest") == before
    assert not (out / ".lock").exists()


def test_swap_interrupted_between_renames_is_restored(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest" / "en")
    os.rename(out / "latest" / "en", out / "latest" / ".en.old-999999")
    result = run_reports("latest", suite.data, out, lang="en", notebooks_dir=suite.notebooks, echo=False)
    assert result.ran == []
    assert any("restored" in n for n in result.notes)
    assert snapshot(out / "latest" / "en") == before
    assert not (out / "latest" / ".en.old-999999").exists()


# --------------------------------------------------------------------------- lock


def test_concurrent_run_with_no_wait_fails_clearly_while_the_lock_is_held(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    with RunLock(out / ".lock"):
        with pytest.raises(ReportsBusy) as info:
            run_reports("latest", suite.data, out, lang="all", no_wait=True, notebooks_dir=suite.notebooks, echo=False)
        message = str(info.value)
        assert "\n" not in message
        assert f"another report run (PID {os.getpid()}) is writing to {out}" in message
        proc = cli("report", "--data", str(suite.data), "--out", str(out), "--no-wait",
                   "--notebooks", str(suite.notebooks))
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        [line] = error_lines(proc.stderr)
        assert f"another report run (PID {os.getpid()})" in line
    assert not (out / ".lock").exists()


def test_concurrent_run_without_no_wait_waits_for_the_lock(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    lock = RunLock(out / ".lock").acquire()
    timer = threading.Timer(1.0, lock.release)
    timer.start()
    try:
        result = run_reports("latest", suite.data, out, lang="all", notebooks_dir=suite.notebooks, echo=False)
    finally:
        timer.join()
    assert result.ran == [] and len(result.skipped) == len(suite.first.ran)
    assert f"waiting for the report run with PID {os.getpid()}" in result.log_file.read_text("utf-8")


def test_stale_lock_of_a_dead_process_is_cleared(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / ".lock").write_text(f"{dead.pid}\n")
    result = run_reports("latest", suite.data, out, lang="all", no_wait=True, notebooks_dir=suite.notebooks, echo=False)
    assert any(f"stale lock left by PID {dead.pid}" in n for n in result.notes)
    assert not (out / ".lock").exists()


# --------------------------------------------------------------------------- periods and parallel kernels


def test_period_all_writes_a_folder_per_round_in_parallel(tmp_path):
    from ogpstats.reports.kernel import IPCKernelManager

    assert IPCKernelManager().transport == "ipc"  # no TCP ports to clash over
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(RAW / NAP_FILE, data / NAP_FILE)
    out = tmp_path / "reports"
    result = run_reports("all", data, out, lang="en", jobs=3, notebooks_dir=nap_only_notebooks(tmp_path / "nb"),
                         echo=False)
    periods = ["2016-H2", "2017-H1", "2017-H2", "2018-H1", "2018-H2", "latest"]
    assert sorted(result.ran) == sorted(f"{p}/en/nap_monitoring" for p in periods)
    m = messages("en")
    index = Page((out / "index.html").read_text("utf-8"))
    hrefs = {a["href"] for a in index.all("a")}
    for p in periods:
        manifest = json.loads((out / p / "en" / "manifest.json").read_text("utf-8"))
        assert manifest["period"] == p
        entry = manifest["notebooks"]["nap_monitoring"]
        assert entry["parameters"] == {"period": p, "lang": "en"}
        assert entry["round"] == ("2018-H2" if p == "latest" else p)
        assert f"{p}/en/nap_monitoring.html" in hrefs
    assert m("report.first_round") in (out / "2016-H2" / "en" / "nap_monitoring.html").read_text("utf-8")
    assert m("report.first_round") not in (out / "2018-H2" / "en" / "nap_monitoring.html").read_text("utf-8")
    # The same round shown twice (2018-H2 and latest) gives the same charts.
    for chart in ("nap_levels_by_commitment.png", "nap_index_over_rounds.svg"):
        assert sha(out / "2018-H2" / "en" / "charts" / chart) == sha(out / "latest" / "en" / "charts" / chart)




def test_the_executed_notebook_is_written_when_it_ends_not_after_every_cell(tmp_path, monkeypatch):
    """papermill's engine wrote it twice a cell; in a report run only papermill writes it, once, at the end."""
    import nbformat
    import papermill.engines
    import papermill.execute

    from ogpstats.reports.execute import Job, execute
    from ogpstats.reports.kernel import ensure_kernelspec

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "ogpstats", "language": "python",
                                                           "display_name": "ogpstats"}})
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(f"print(x + {i})") for i in range(8)]
    src = tmp_path / "eight.ipynb"
    nbformat.write(nb, str(src))
    writes = []
    real = papermill.engines.write_ipynb
    for module in (papermill.engines, papermill.execute):  # each imported it by name
        monkeypatch.setattr(module, "write_ipynb", lambda nb, path: writes.append(path) or real(nb, path))
    job = Job(notebook=str(src), output=str(tmp_path / "out.ipynb"), html=str(tmp_path / "out.html"), title="t",
              lang="en", parameters={"x": 2}, kernel_name=ensure_kernelspec())
    assert execute(job).ok
    assert len(writes) == 1
    done = nbformat.read(str(tmp_path / "out.ipynb"), as_version=4)
    assert [c.outputs[0]["text"] for c in done.cells[2:]] == [f"{2 + i}\n" for i in range(8)]


def test_the_report_kernel_client_is_ready_once_the_kernel_answers_and_runs_cells_right_after(tmp_path):
    """ReadyClient skips jupyter_client's 0.2 s of waiting for IOPub silence; the first cell's output is intact."""
    from jupyter_core.utils import run_sync

    from ogpstats.reports.kernel import ReadyClient, ensure_kernelspec, start_kernel, stop_kernel

    km = start_kernel(ensure_kernelspec(), str(tmp_path))
    try:
        kc = km.client()
        assert isinstance(kc, ReadyClient)
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=120)
        msg_id = kc.execute("print(6 * 7)")
        texts = []
        while True:
            msg = run_sync(kc.get_iopub_msg)(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue  # the handshake's status messages
            if msg["msg_type"] == "stream":
                texts.append(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert texts == ["42\n"]
        kc.stop_channels()
    finally:
        stop_kernel(km)


def test_a_report_kernel_keeps_no_input_history(tmp_path, monkeypatch):
    """Report cells are not stored in the user's IPython history (nor is the database written at all)."""
    ipython_dir = tmp_path / "ipython"
    monkeypatch.setenv("IPYTHONDIR", str(ipython_dir))
    nbdir = tmp_path / "nb"
    probe = "from IPython import get_ipython\nprint('history', get_ipython().history_manager.enabled)"
    make_notebook(nbdir / "probe.ipynb", ["x = 1", probe], [])
    run_reports("latest", RAW, tmp_path / "out", lang="en", notebooks_dir=nbdir, echo=False)
    executed = nbformat.read(str(tmp_path / "out" / "latest" / "en" / "notebooks" / "probe.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert printed == "history False\n"
    assert not list(ipython_dir.rglob("history.sqlite"))


def test_a_stop_during_a_kernel_launch_acts_once_the_kernel_is_launched():
    """SIGTERM inside the launch (around fork, where Python only prints an exception) interrupts right after it."""
    from ogpstats.reports.kernel import stops_after_launch

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    steps = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with stops_after_launch():
                signal.raise_signal(signal.SIGTERM)  # as systemd's stop arriving mid-launch
                steps.append("launched")  # the launch goes on to its end
        assert steps == ["launched"]
        assert signal.getsignal(signal.SIGTERM) is stop  # the run's handler is back
    finally:
        signal.signal(signal.SIGTERM, previous)
