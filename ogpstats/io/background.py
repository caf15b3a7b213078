"""Work started ahead of need in a thread of its own, and handed over once.

The one use: parsing a workbook's sheets (python-calamine releases the GIL
while it parses) while the main thread does other work — the ``ogpstats``
command imports pandas meanwhile (:func:`ogpstats.io.read_ahead.read_ahead`).

A :class:`Pending` is taken at most once (:func:`take`); whoever started it
also ends it (:func:`discard`), so that no thread outlives the work it was
started for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any


class Pending:
    """A value computed in a background thread, or an error already known.

    Parameters
    ----------
    func
        What to compute (called with no arguments in the thread); ``None`` with
        ``error``: nothing runs.
    error
        An exception to raise from :meth:`result` without starting a thread
        (the checks done before the work failed).
    """

    def __init__(self, func: Callable[[], Any] | None, error: BaseException | None = None):
        self._value: Any = None
        self._error = error
        self._thread: threading.Thread | None = None
        if func is not None and error is None:
            self._thread = threading.Thread(target=self._run, args=(func,), name="ogpstats-read-ahead", daemon=True)
            self._thread.start()

    def _run(self, func: Callable[[], Any]) -> None:
        try:
            self._value = func()
        except BaseException as exc:  # noqa: BLE001 -- handed to the caller's thread by result()
            self._error = exc

    @property
    def started(self) -> bool:
        """Whether the work was started (False: the error was known before, as the checks failed)."""
        return self._thread is not None

    def wait(self) -> None:
        """Wait until the thread, if any, has ended."""
        if self._thread is not None:
            self._thread.join()

    def result(self) -> Any:
        """The value, once computed; re-raises in the caller's thread what the work raised."""
        self.wait()
        if self._error is not None:
            error, self._error = self._error, None  # raised once: the exception keeps no reference to us
            raise error
        return self._value


_PENDING: dict[Hashable, Pending] = {}
_LOCK = threading.Lock()


def start(key: Hashable, pending: Pending) -> None:
    """Keep ``pending`` under ``key`` until it is taken or discarded (a previous one is discarded)."""
    with _LOCK:
        old = _PENDING.pop(key, None)
        _PENDING[key] = pending
    if old is not None:  # not reached by read_ahead, which discards its own on leaving
        old.wait()


def take(key: Hashable) -> Pending | None:
    """The work kept under ``key``, handed over once; ``None`` when there is none."""
    if not _PENDING:  # the usual case: nothing started ahead
        return None
    with _LOCK:
        return _PENDING.pop(key, None)


def discard(key: Hashable, pending: Pending) -> None:
    """Forget ``pending`` if nobody took it, and wait until its thread has ended (taken or not)."""
    with _LOCK:
        if _PENDING.get(key) is pending:
            del _PENDING[key]
    pending.wait()
