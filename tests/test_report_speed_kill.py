"""Workers and kernels die with their run (issue 10 item 8), even when it is killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from ogpstats.reports import run_reports

from reports_support import ROOT, make_notebook

sys.path.insert(0, str(ROOT / "benchmarks"))
from history import write_history  # noqa: E402


def kernels_of(proc: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in proc.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_of_the_run_ends_its_workers_and_kernels_and_the_next_run_recovers(tmp_path, jobs):
    data, out, nbdir = tmp_path / "data", tmp_path / "reports", tmp_path / "nb"
    write_history(data, 1, kinds=("nap",))
    for name in ("a", "b"):
        make_notebook(nbdir / f"{name}.ipynb", ["import time\ntime.sleep(300)"], ["nap"])
    run = subprocess.Popen([sys.executable, "-m", "ogpstats.cli", "report", "--data", str(data), "--out", str(out),
                            "--notebooks", str(nbdir), "--lang", "all", "--jobs", jobs],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    parent = psutil.Process(run.pid)
    deadline = time.monotonic() + 120
    # Wait until notebooks run (each with a kernel; with --jobs 2 also the workers and spare kernels).
    while len(kernels_of(parent)) < int(jobs) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # let a spare kernel be launched too
    family = parent.children(recursive=True)
    assert len(kernels_of(parent)) >= int(jobs), "the notebooks never started"
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    _, alive = psutil.wait_procs(family, timeout=20)
    assert [p.pid for p in alive] == [], [" ".join(p.cmdline()) for p in alive]

    # The next run clears the stale lock and the staging folders, and succeeds.
    for name in ("a", "b"):
        make_notebook(nbdir / f"{name}.ipynb", ["x = 1"], ["nap"])
    result = run_reports("latest", data, out, lang="all", notebooks_dir=nbdir, echo=False)
    assert sorted(result.ran) == ["latest/az/a", "latest/az/b", "latest/en/a", "latest/en/b",
                                  *(["latest/ru/a", "latest/ru/b"] if (out / "latest" / "ru").exists() else [])]
    assert any("stale lock" in n for n in result.notes)
    assert not list(out.glob(".staging-*"))
