"""Run one notebook with papermill on the environment's own kernel.

:func:`execute` is a top-level function taking and returning plain dicts,
so a process pool can run several at once (``jobs=N``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Job:
    """One notebook to execute and render (what a worker process needs, nothing else).

    Attributes
    ----------
    notebook, output, html
        Source notebook, executed notebook, HTML page (paths as text).
    title, lang
        Of the page.
    parameters
        Papermill parameters (``period``, ``data_dir``, ``out_dir``, ``lang``).
    final_out_dir
        The reports folder the executed notebook should name after the swap.
    kernel_name, timeout, cwd, kernel_log
        Kernel, seconds per cell (``None``: no limit), working folder, file for the kernel's output.
    """

    notebook: str
    output: str
    html: str
    title: str
    lang: str
    parameters: dict
    final_out_dir: str | None = None
    kernel_name: str | None = None
    timeout: float | None = None
    cwd: str | None = None
    kernel_log: str | None = None
    start_timeout: float = 120


@dataclass(frozen=True)
class Outcome:
    """What executing a :class:`Job` gave.

    ``cell`` is the 1-based position of the failing cell in the source
    notebook (markdown cells counted, as JupyterLab shows them; ``None`` if
    unknown), ``cell_index`` 0-based, ``evalue`` the first line, ``line`` the
    cell's first line of code. ``charts``/``tables`` are the files written,
    relative to the report folder, and ``thumbnail`` the index's picture of the
    first chart (``thumbs/<notebook>.png``; ``None`` without a chart).
    """

    ok: bool
    duration: float
    cell: int | None = None
    cell_index: int | None = None
    ename: str | None = None
    evalue: str | None = None
    line: str = ""
    charts: tuple[str, ...] = field(default_factory=tuple)
    tables: tuple[str, ...] = field(default_factory=tuple)
    thumbnail: str | None = None

    def plus(self, **changes) -> Outcome:
        return replace(self, **changes)


def _failing_cell(executed) -> int | None:
    """Index, in the executed notebook, of the cell that failed.

    Not papermill's ``cell_index``: papermill inserts an error banner at the
    top before writing the notebook, which shifts every index by one. The
    failed cell is the first code cell with an ``error`` output (nbclient
    adds one for exceptions and timeouts), else the one papermill marked
    ``failed`` or left ``running`` (a dead kernel).
    """
    if executed is None:
        return None
    for i, cell in enumerate(executed.cells):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i
    for status in ("failed", "running"):
        for i, cell in enumerate(executed.cells):
            if cell.get("metadata", {}).get("papermill", {}).get("status") == status:
                return i
    return None


def _last_started(executed) -> int | None:
    """Index of the last cell papermill started: the one a timeout stopped.

    The kernel is killed at once (no interrupt), so a timed-out cell has no
    error output; papermill marks it completed, the cells after it pending.
    """
    if executed is None:
        return None
    started = [i for i, cell in enumerate(executed.cells)
               if cell.get("metadata", {}).get("papermill", {}).get("start_time")]
    return started[-1] if started else None


def _source_index(src_path: Path, executed, cell_index: int | None) -> tuple[int | None, str]:
    """Index of a cell of the executed notebook in the *source* notebook, and its first line.

    The executed notebook has extra cells (papermill's injected parameters and
    error banners); cells are matched by id. ``None`` when the cell is not
    in the source (the injected parameters cell).
    """
    if cell_index is None or executed is None or cell_index >= len(executed.cells):
        return None, ""
    cell = executed.cells[cell_index]
    first = next((line for line in str(cell.get("source", "")).splitlines() if line.strip()), "")
    try:
        import nbformat

        src = nbformat.read(str(src_path), as_version=4)
        ids = [c.get("id") for c in src.cells]
        if cell.get("id") in ids:
            return ids.index(cell.get("id")), first
    except Exception:  # noqa: BLE001 - best effort: the first line still names the cell
        pass
    return None, first


def _read(path: Path):
    import nbformat

    try:
        return nbformat.read(str(path), as_version=4) if path.exists() else None
    except Exception:  # noqa: BLE001 - a half-written notebook: no cell to name
        return None


@contextmanager
def kernel_log(job: Job) -> Iterator[None]:
    """``OGPSTATS_KERNEL_LOG`` set to the job's kernel log while kernels are launched (restored after)."""
    from .kernel import KERNEL_LOG_ENV

    previous_log = os.environ.get(KERNEL_LOG_ENV)
    if job.kernel_log:
        os.environ[KERNEL_LOG_ENV] = str(job.kernel_log)
    try:
        yield
    finally:
        if previous_log is None:
            os.environ.pop(KERNEL_LOG_ENV, None)
        else:
            os.environ[KERNEL_LOG_ENV] = previous_log


def execute(job: Job, km=None) -> Outcome:
    """Execute a notebook; never raises for a notebook failure.

    Parameters
    ----------
    job
        The notebook, its output path, parameters, kernel and limits.
    km
        A kernel manager whose kernel is already launched (:func:`.kernel.start_kernel`,
        started ahead of need); it is stopped at the end. ``None``: papermill starts one.

    Returns
    -------
    Outcome
        ``ok`` and ``duration``; on failure where and why.
    """
    import papermill as pm

    from .kernel import stop_kernel

    try:
        with kernel_log(job):
            return _execute(job, pm, km)
    finally:
        if km is not None:
            stop_kernel(km)


def _execute(job: Job, pm, km=None) -> Outcome:
    from .engine import register
    from .kernel import IPCKernelManager

    start = time.monotonic()
    out = Path(job.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        # shutdown_kernel="immediate": the kernel is killed, not asked to save anything (1.3 s → 0.1 s).
        pm.execute_notebook(
            str(job.notebook), str(out), parameters=job.parameters, kernel_name=job.kernel_name,
            progress_bar=False, log_output=False, execution_timeout=job.timeout,
            start_timeout=job.start_timeout, cwd=job.cwd,
            kernel_manager_class=IPCKernelManager, shutdown_kernel="immediate", engine_name=register(),
            **({"km": km} if km is not None else {}),
        )
    except Exception as exc:  # noqa: BLE001 - cell errors, timeouts, dead kernels: report, never crash the run
        executed = _read(out)
        failing = _failing_cell(executed)
        if failing is None and type(exc).__name__ == "CellTimeoutError":
            failing = _last_started(executed)
        index, line = _source_index(Path(job.notebook), executed, failing)
        if isinstance(exc, pm.PapermillExecutionError):
            ename, evalue = exc.ename, str(exc.evalue or "")
            line = line or next((x for x in str(exc.source or "").splitlines() if x.strip()), "")
        else:
            ename, evalue = type(exc).__name__, str(exc)
        return Outcome(False, time.monotonic() - start, cell=None if index is None else index + 1,
                       cell_index=index, ename=ename, evalue=(evalue.strip().splitlines() or [""])[0], line=line)
    return Outcome(True, time.monotonic() - start)
