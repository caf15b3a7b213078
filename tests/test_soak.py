"""Soak test of the report runner (issue 10 item 9): 20 runs over a data folder that changes between them.

One-cell notebooks keep a run to seconds. After every run each report ever
published is either its new version (it ran) or byte for byte its last good
one — never missing, never half-written —, no staging or set-aside folder is
left, the lock is free and no child process (kernel, worker) survives.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

import filelock
import psutil

from ogpstats.reports import ReportError, run_reports
from ogpstats.reports.plan import outputs

from reports_support import NAP_FILE, RAW, SRM_FILE, edit_title, make_notebook

# Each probe prints the inputs it can see, so its HTML changes exactly when they do.
PROBE = ("import hashlib, pathlib\n"
         "from ogpstats.reports.inputs import find_inputs\n"
         "for p in find_inputs(data_dir):\n"
         "    print(repr(p.name), hashlib.sha256(p.read_bytes()).hexdigest()[:12])")
HOSTILE = "Fond $#1 və $2.xlsx"
NEWLINE = "bad\nname.csv"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _corrupt(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])


def _children() -> list[str]:
    """Command lines of this process's children, but multiprocessing's resource tracker.

    ``spawn`` workers (``--jobs`` > 1) start one tracker per parent process; it
    lives as long as the parent (the pytest process here) and ends with it.
    """
    out = []
    for child in psutil.Process().children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:  # ended while we looked
            continue
        if "resource_tracker" not in cmd:
            out.append(cmd)
    return out


class Soak:
    """The data folder, the report folder and the last good version of every report."""

    def __init__(self, base: Path):
        self.data, self.out, self.nb = base / "data", base / "reports", base / "nb"
        self.data.mkdir()
        make_notebook(self.nb / "probe_nap.ipynb", [PROBE], ["nap"])
        make_notebook(self.nb / "probe_srm.ipynb", [PROBE], ["srm"])
        make_notebook(self.nb / "probe_all.ipynb", [PROBE], [])
        self.good: dict[str, tuple[dict, dict[str, str]]] = {}  # notebook -> (manifest entry, {file: sha})
        self.edited = base / "nap_edited.xlsx"
        edit_title(RAW / NAP_FILE, {"1.1": "Elektron xidmətlər (yenilənib)"}, self.edited)

    def run(self, step: str, code: int, ran: set[str]) -> None:
        try:
            run_reports("latest", self.data, self.out, lang="en", jobs=2, notebooks_dir=self.nb, echo=False)
            got = 0
        except ReportError as exc:
            got = exc.exit_code
            assert "\n" not in str(exc), f"{step}: not one line: {exc!r}"
        assert got == code, f"{step}: exit {got}, expected {code}"
        self.check(step, ran)

    def check(self, step: str, ran: set[str]) -> None:
        folder = self.out / "latest" / "en"
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        entries = manifest["notebooks"]
        assert set(self.good) <= set(entries), f"{step}: a published report went missing"
        for name, entry in entries.items():
            files = {rel: _sha(folder / rel) for rel in outputs(entry)}  # raises if one is missing
            if name in self.good and name not in ran:
                assert (entry, files) == self.good[name], f"{step}: {name} is neither new nor its last good version"
            else:
                assert name in ran, f"{step}: {name} is new without running"
                assert (entry, files) != self.good.get(name), f"{step}: {name} did not run"  # a new duration
                self.good[name] = (entry, files)
        assert not list(self.out.glob(".staging-*")) and not list(self.out.glob("*/.*.old-*")), step
        lock = filelock.FileLock(str(self.out / ".lock"))
        lock.acquire(timeout=0)  # free: a run holding it would make this raise Timeout
        lock.release()
        deadline = time.monotonic() + 10
        while _children() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _children() == [], f"{step}: processes left behind"


def test_twenty_runs_over_a_changing_data_folder_never_lose_a_report(tmp_path):
    s = Soak(tmp_path)
    d = s.data
    nap, srm = d / NAP_FILE, d / SRM_FILE
    shutil.copy2(RAW / NAP_FILE, nap)
    shutil.copy2(RAW / SRM_FILE, srm)
    every = {"probe_nap", "probe_srm", "probe_all"}
    steps = [
        ("first run", lambda: None, 0, every),
        ("nothing changed", lambda: None, 0, set()),
        ("a valid edit", lambda: shutil.copy2(s.edited, nap), 0, {"probe_nap", "probe_all"}),
        ("NAP corrupt (half-synced)", lambda: _corrupt(nap), 2, {"probe_all"}),
        ("still corrupt", lambda: None, 2, set()),
        ("NAP restored", lambda: shutil.copy2(s.edited, nap), 0, {"probe_all"}),
        ("SRM vanished", lambda: srm.unlink(), 2, {"probe_all"}),
        ("SRM restored", lambda: shutil.copy2(RAW / SRM_FILE, srm), 0, {"probe_all"}),
        ("SRM renamed to a hostile name", lambda: srm.rename(d / HOSTILE), 0, {"probe_srm", "probe_all"}),
        ("a file named with a newline", lambda: (d / NEWLINE).write_bytes(b"\x00\x01garbage"), 2, {"probe_all"}),
        ("the newline file removed", lambda: (d / NEWLINE).unlink(), 0, {"probe_all"}),
        ("the hostile name corrupt", lambda: _corrupt(d / HOSTILE), 2, {"probe_all"}),
        ("NAP vanished too", lambda: nap.unlink(), 2, {"probe_all"}),
        ("both restored", lambda: (shutil.copy2(RAW / SRM_FILE, d / HOSTILE), shutil.copy2(s.edited, nap)), 0,
         {"probe_all"}),
        ("the original NAP back", lambda: shutil.copy2(RAW / NAP_FILE, nap), 0, {"probe_nap", "probe_all"}),
        ("a report's HTML deleted by hand", lambda: (s.out / "latest" / "en" / "probe_srm.html").unlink(), 0,
         {"probe_srm"}),
        ("an empty file", lambda: (d / "empty.xlsx").write_bytes(b""), 2, {"probe_all"}),
        ("the empty file removed", lambda: (d / "empty.xlsx").unlink(), 0, {"probe_all"}),
        ("a leftover staging folder", lambda: (s.out / ".staging-1-deadbeef" / "latest").mkdir(parents=True), 0,
         set()),
        ("nothing changed at the end", lambda: None, 0, set()),
    ]
    assert len(steps) == 20
    for step, change, code, ran in steps:
        change()
        s.run(step, code, ran)
