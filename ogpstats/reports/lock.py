"""One report run at a time per output directory.

The lock is a file holding the owner's PID. On POSIX it is also
``flock``-ed: the kernel releases that lock when its process dies, however
it dies, so a lock left by a killed run is recognised (the file exists, the
flock does not) and taken over. Without ``fcntl`` the PID alone decides: a
lock whose PID is not running is stale and cleared.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class LockBusy(Exception):
    """Another live run holds the lock (``no_wait`` was set, or the wait timed out)."""

    def __init__(self, path: Path, pid: int | None):
        self.path, self.pid = path, pid
        who = f"PID {pid}" if pid else "another process"
        super().__init__(f"another report run ({who}) is writing to {path.parent}; "
                         f"try again when it has finished (lock: {path})")


def pid_alive(pid: int) -> bool:
    """Whether a process with this PID exists (zombies count as dead)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    try:  # a zombie (killed but not yet reaped) holds no lock
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def read_pid(path: Path) -> int | None:
    """The PID written in a lock file, or ``None``."""
    try:
        text = path.read_text("utf-8").split()
        return int(text[0]) if text else None
    except (OSError, ValueError):
        return None


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
        Called with the dead PID when a stale lock is taken over.
    """

    def __init__(self, path: str | Path, *, no_wait: bool = False, timeout: float | None = None,
                 poll: float = 0.5, on_wait=None, on_stale=None):
        self.path = Path(path)
        self.no_wait, self.timeout, self.poll = no_wait, timeout, poll
        self.on_wait, self.on_stale = on_wait, on_stale
        self._fd: int | None = None

    def _try_flock(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(self.path))
        except FileNotFoundError:
            same = False
        if not same:  # the previous holder removed the file after we opened it: retry on the new one
            os.close(fd)
            return self._try_flock()
        old = read_pid(self.path)
        if old and old != os.getpid() and self.on_stale:
            self.on_stale(old)  # the file outlived its run: killed, or the machine rebooted
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.fsync(fd)
        self._fd = fd
        return True

    def _try_pidfile(self) -> bool:  # pragma: no cover - used where fcntl is missing
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            pid = read_pid(self.path)
            if pid is not None and pid_alive(pid):
                return False
            if self.on_stale and pid:
                self.on_stale(pid)
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            return False
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def acquire(self) -> "RunLock":
        """Take the lock, waiting as configured; raises :class:`LockBusy`."""
        attempt = self._try_flock if fcntl is not None else self._try_pidfile
        start, told = time.monotonic(), False
        while not attempt():
            pid = read_pid(self.path)
            if fcntl is None and (pid is None or not pid_alive(pid)):
                continue  # stale pid file just removed: try again at once
            if self.no_wait or (self.timeout is not None and time.monotonic() - start >= self.timeout):
                raise LockBusy(self.path, pid)
            if not told and self.on_wait:
                self.on_wait(pid)
                told = True
            time.sleep(self.poll)
        return self

    def release(self) -> None:
        """Give the lock back and remove the file."""
        if self._fd is None:
            return
        try:
            # Remove while still holding the lock, so no one else's fresh lock is removed.
            if read_pid(self.path) == os.getpid():
                self.path.unlink()
        except OSError:
            pass
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "RunLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
