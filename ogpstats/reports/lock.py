"""One report run at a time per output directory.

The lock is ``filelock``'s: an OS lock (``flock`` on POSIX) on the lock file,
which the kernel releases when its process dies, however it dies. The file
also records who holds it (``PID ISO-time``), so a waiting run can say
"held by PID N since …". A lock file left by a killed run still names that
run: the next run takes the OS lock at once, finds the dead owner's PID in
the file and reports the stale lock it cleared.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path

import filelock


class LockBusy(Exception):
    """Another live run holds the lock (``no_wait`` was set, or the wait timed out)."""

    def __init__(self, path: Path, pid: int | None, since: str | None = None):
        self.path, self.pid, self.since = path, pid, since
        who = f"PID {pid}" if pid else "another process"
        held = f"; it has held the lock since {since}" if since else ""
        super().__init__(f"another report run ({who}) is writing to {path.parent}{held}; "
                         f"try again when it has finished (lock: {path})")


def read_owner(path: Path) -> tuple[int | None, str | None]:
    """``(pid, since)`` written in a lock file; ``(None, None)`` when missing or unreadable."""
    try:
        words = path.read_text("utf-8").split()
    except (OSError, ValueError):
        return None, None
    try:
        pid = int(words[0]) if words else None
    except ValueError:
        return None, None
    return pid, (words[1] if len(words) > 1 else None)


LOCK_NAME = ".lock"
"""The lock file of an output folder (it names the run holding it)."""


def read_pid(path: Path) -> int | None:
    """The PID written in a lock file, or ``None``."""
    return read_owner(path)[0]


class RunLock:
    """Context manager holding ``path`` for the duration of a run.

    Parameters
    ----------
    path
        Lock file (created; its directory must exist).
    no_wait
        Raise :class:`LockBusy` at once instead of waiting.
    timeout
        Seconds to wait at most (``None``: forever).
    poll
        Seconds between attempts while waiting.
    on_wait
        Called once with the holder's PID when the run starts waiting.
    on_stale
        Called with the dead PID when a lock file left by a killed run is taken over.
    """

    def __init__(self, path: str | Path, *, no_wait: bool = False, timeout: float | None = None,
                 poll: float = 0.5, on_wait: Callable[[int | None], None] | None = None,
                 on_stale: Callable[[int], None] | None = None):
        self.path = Path(path)
        self.no_wait, self.timeout, self.poll = no_wait, timeout, poll
        self.on_wait, self.on_stale = on_wait, on_stale
        self._lock: filelock.BaseFileLock | None = None

    def _busy(self) -> LockBusy:
        return LockBusy(self.path, *read_owner(self.path))

    def acquire(self) -> RunLock:
        """Take the lock, waiting as configured; raises :class:`LockBusy`."""
        lock = filelock.FileLock(str(self.path))
        start, told = time.monotonic(), False
        # Non-blocking attempts in our own loop: filelock refuses a blocking wait in a thread
        # whose process already holds the lock through another object (a test's own lock).
        while not self._attempt(lock):
            if self.no_wait or (self.timeout is not None and time.monotonic() - start >= self.timeout):
                raise LockBusy(self.path, *read_owner(self.path))
            if not told and self.on_wait:
                self.on_wait(read_pid(self.path))
                told = True
            time.sleep(self.poll)
        self._lock = lock
        self._claim()
        return self

    @staticmethod
    def _attempt(lock: filelock.BaseFileLock) -> bool:
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        return True

    def _claim(self) -> None:
        """Note a stale owner, then write ours into the file we hold (not a rename: the OS lock is on this file)."""
        old = read_pid(self.path)
        if old and old != os.getpid() and self.on_stale:
            self.on_stale(old)  # the file outlived its run: killed, or the machine rebooted
        since = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        fd = os.open(self.path, os.O_WRONLY)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {since}\n".encode())
            os.fsync(fd)
        finally:
            os.close(fd)

    def release(self) -> None:
        """Give the lock back and remove the file."""
        if self._lock is None:
            return
        try:
            # Remove while still holding the lock, so no one else's fresh lock is removed.
            if read_pid(self.path) == os.getpid():
                self.path.unlink()
        except OSError:
            pass
        finally:
            self._lock.release(force=True)
            self._lock = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

