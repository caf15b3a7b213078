"""Progress of a report run on stderr: which notebook runs, how many are done, the time so far.

On a terminal a progress bar (tqdm, installed with papermill) that redraws in
place; otherwise (a cron log, a pipe) one plain line per event, without
control characters, so a log stays readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:d}:{secs:02d}"


class Progress:
    """Report the notebooks of a run as they start and finish.

    Parameters
    ----------
    total
        Notebooks to run.
    stream
        Where to write (default ``sys.stderr``).
    bar
        Draw a progress bar; default: when ``stream`` is a terminal.
    """

    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None):
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        use_bar = bar if bar is not None else bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar = None
        self._announced: set[str] = set()
        if use_bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=self.stream, unit="nb", dynamic_ncols=True, leave=True,
                             bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}] {postfix}")

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def running(self, labels: list[str]) -> None:
        """The notebooks now running (``period/lang/notebook``)."""
        if self._bar is not None:
            self._bar.set_postfix_str(", ".join(labels), refresh=True)
            return
        for label in labels:
            if label not in self._announced:  # a log line once per notebook
                self._announced.add(label)
                self._line(f"running {label}")

    def finished(self, label: str, ok: bool, seconds: float) -> None:
        """One notebook finished (``ok`` or failed) after ``seconds``."""
        self.done += 1
        self.failed += not ok
        if self._bar is not None:
            self._bar.update(1)
            if not ok:
                self._bar.write(f"FAILED {label}", file=self.stream)
            return
        self._line(f"{'done' if ok else 'FAILED'} {label} in {seconds:.1f} s")

    def _line(self, text: str) -> None:
        self.stream.write(f"[{self.done}/{self.total} {_clock(self.elapsed())}] {text}\n")
        self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
