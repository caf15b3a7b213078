"""The folders of a report run, checked before anything is read or written.

A scheduled run must fail on an unusable path with one line naming it (exit
2), not half-way through with an internal error: ``--data`` and
``--notebooks`` must be readable folders, ``--out`` a writable one (or one
that can be created). :func:`problem_with` says what is wrong with a folder
(pure but for ``os.access``/``stat``); :func:`probe_write` proves ``--out``
writable by writing a file (the dry run skips it: it writes nothing).
"""

from __future__ import annotations

import errno
import os
import uuid
from pathlib import Path

NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
"""``OSError.errno`` of a full disk or an exhausted quota."""


def _file_above(path: Path) -> Path | None:
    """The nearest ancestor of ``path`` that exists and is not a folder (``path`` lies under a file)."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
        if parent.is_symlink():  # a dangling link: nothing can be created under it
            return parent
    return None


def _existing_ancestor(path: Path) -> Path:
    for parent in [path, *path.parents]:
        if parent.exists():
            return parent
    return Path(path.anchor or ".")


def problem_with(path: str | Path, role: str, *, write: bool = False) -> str | None:
    """Why ``path`` cannot be the ``role`` folder (``data``, ``notebooks``, ``out``), as ``path: why``; else ``None``.

    Parameters
    ----------
    path
        The folder.
    role
        Its name in the message (``no such data directory``).
    write
        The folder is written (``--out``): it may be missing if it can be
        created, and must be writable.
    """
    p = Path(path)
    above = _file_above(p)
    if above is not None:
        return f"{p}: lies under {above}, which is a file, not a directory"
    if p.exists() and not p.is_dir():
        return f"{p}: not a directory (it is a file)"
    if not write:
        if not p.is_dir():
            return f"{p}: no such {role} directory"
        if not os.access(p, os.R_OK | os.X_OK):
            return f"{p}: cannot be read (permission denied)"
        return None
    base = _existing_ancestor(p)
    if not os.access(base, os.W_OK | os.X_OK):
        what = "is read-only" if p == base else f"cannot be created ({base} is read-only)"
        return f"{p}: {what}"
    return None


def probe_write(folder: Path) -> str | None:
    """Write and remove a small file in ``folder``; the one-line reason when that fails, else ``None``."""
    probe = folder / f".probe-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    try:
        with open(probe, "wb") as f:
            f.write(b"ogpstats")
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        return f"{folder}: cannot be written ({exc.strerror or type(exc).__name__})"
    finally:
        try:
            probe.unlink()
        except OSError:
            pass
    return None


def no_space(exc: BaseException) -> bool:
    """Whether an exception (or its cause) is a full disk."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in NO_SPACE:
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False
