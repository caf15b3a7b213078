"""The report run's lock (ogpstats.reports.lock) and the atomic write helper, without running any notebook."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ogpstats.reports.atomic import atomic_write
from ogpstats.reports.lock import LockBusy, RunLock, read_owner

ROOT = Path(__file__).resolve().parents[1]
HOLDER = """
import sys, time
from ogpstats.reports.lock import RunLock
held = RunLock(sys.argv[1]).acquire()  # kept: a collected lock object lets go
print("held", flush=True)
time.sleep(120)
"""


def hold_in_child(lock: Path) -> subprocess.Popen:
    """A process that takes the lock and keeps it until killed."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_lock_file_names_its_holder_and_is_removed_on_release(tmp_path):
    path = tmp_path / ".lock"
    with RunLock(path):
        pid, since = read_owner(path)
        assert pid == os.getpid()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", since)
    assert not path.exists()


def test_busy_lock_message_says_who_holds_it_since_when(tmp_path):
    path = tmp_path / ".lock"
    proc = hold_in_child(path)
    try:
        _, since = read_owner(path)
        with pytest.raises(LockBusy) as info:
            RunLock(path, no_wait=True).acquire()
    finally:
        proc.kill()
        proc.wait()
    message = str(info.value)
    assert info.value.pid == proc.pid and info.value.since == since
    assert message.startswith(f"another report run (PID {proc.pid}) is writing to {tmp_path}; "
                               f"it has held the lock since {since}; ")
    assert "\n" not in message


def test_timeout_gives_up_after_the_given_seconds(tmp_path):
    path = tmp_path / ".lock"
    waited = []
    with RunLock(path):
        start = time.monotonic()
        with pytest.raises(LockBusy):
            RunLock(path, timeout=0.3, poll=0.05, on_wait=waited.append).acquire()
        assert 0.3 <= time.monotonic() - start < 5
    assert waited == [os.getpid()]  # told once, with the holder's PID


def test_waiting_run_gets_the_lock_when_the_holder_releases_it(tmp_path):
    path = tmp_path / ".lock"
    first = RunLock(path).acquire()
    timer = threading.Timer(0.5, first.release)
    timer.start()
    try:
        with RunLock(path, poll=0.05) as second:
            assert read_owner(path)[0] == os.getpid() and second is not None
    finally:
        timer.join()
    assert not path.exists()


def test_lock_left_by_a_killed_run_is_taken_over_and_reported_stale(tmp_path):
    path = tmp_path / ".lock"
    proc = hold_in_child(path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert read_owner(path)[0] == proc.pid  # the file outlives its run ...
    stale = []
    with RunLock(path, no_wait=True, on_stale=stale.append):  # ... but not its OS lock
        assert read_owner(path)[0] == os.getpid()
    assert stale == [proc.pid]
    assert not path.exists()


def test_lock_file_with_garbage_is_taken_without_a_stale_note(tmp_path):
    path = tmp_path / ".lock"
    path.write_text("not a pid\n")
    stale = []
    with RunLock(path, no_wait=True, on_stale=stale.append):
        pass
    assert stale == [] and not path.exists()


def test_atomic_write_replaces_the_file_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "sub" / "a.json"
    atomic_write(target, "one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path):
    target = tmp_path / "a.txt"
    atomic_write(target, "old")
    with pytest.raises(UnicodeEncodeError):
        atomic_write(target, "\udcff", encoding="utf-8")  # a lone surrogate cannot be encoded
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
