"""Execute the planned notebooks: one :class:`~.execute.Job` each, ``jobs`` at a time.

:func:`run_job` runs in the run's process or a worker: papermill
(:func:`execute_job`), then the HTML page and the list of chart and table
files the notebook wrote (:func:`finish_job`; in the run's process, in a
thread while the next notebook runs).
:func:`execute_all` is the one place that decides how jobs are spread over
processes. What keeps a notebook near the cost of an empty one:

* kernels start ahead of need (:class:`KernelPool`: the next kernels import
  while the current notebook runs) and are killed at once when done;
* the inputs are read once per run, by this process, into a pickle the
  notebooks' :class:`~.notebook.Report` loads (:mod:`.datacache`);
* no needless imports (:func:`lean_imports`);
* workers and kernels die with the run (``PR_SET_PDEATHSIG``), even when it
  is killed with SIGKILL.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from .. import __version__
from .execute import Job, Outcome, kernel_log
from .progress import Progress

log = logging.getLogger("ogpstats.reports")


def written_files(nb) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Chart and table files of an executed notebook, from its outputs' ``ogpstats`` metadata."""
    charts: list[str] = []
    tables: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("ogpstats", {})
            if "chart" in meta:
                charts += [f"charts/{meta['chart']}.png", f"charts/{meta['chart']}.svg"]
            if "table" in meta:
                tables += [f"tables/{meta['table']}.csv", f"tables/{meta['table']}.xlsx"]
    return tuple(dict.fromkeys(charts)), tuple(dict.fromkeys(tables))


def lean_imports() -> None:
    """Keep ``jsonschema`` from importing ``rfc3987_syntax`` (≈ 1–2 s compiling a grammar at import).

    nbformat validates notebooks with jsonschema, whose format checker
    imports ``rfc3987_syntax`` when it can, for the ``iri`` formats no
    notebook schema uses; jsonschema skips the format when the import fails.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # import → ImportError


def resolve_jobs(jobs: int | str) -> int:
    """``jobs`` as a number: ``"auto"`` (or 0) is the number of cores this process may use."""
    if str(jobs) in ("auto", "0"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not Linux
            return max(1, os.cpu_count() or 1)
    return max(1, int(jobs))


SPARE_KERNELS = 2
"""Kernels started ahead of need in a run's process: two, so that a short notebook (the data quality
report, 0.2 s) does not leave the next one waiting for a whole kernel start (≈ 1.5 s)."""


class KernelPool:
    """Kernels started ahead of need: they import while the current notebook runs."""

    def __init__(self) -> None:
        self.spares: list[tuple[tuple, Any]] = []  # (what it was started for, a launched IPCKernelManager)

    def take(self, job: Job):
        """A launched kernel for ``job`` (the oldest spare when it fits, else a new one)."""
        from .kernel import start_kernel, stop_kernel

        while self.spares:
            key, km = self.spares.pop(0)
            if key == _kernel_key(job):
                return km
            stop_kernel(km)
        with kernel_log(job):
            return start_kernel(job.kernel_name or "python3", job.cwd)

    def prestart(self, job: Job, ahead: int = 1) -> None:
        """Have ``ahead`` kernels like ``job``'s launched for the next jobs."""
        from .kernel import start_kernel

        while len(self.spares) < ahead:
            with kernel_log(job):
                self.spares.append((_kernel_key(job), start_kernel(job.kernel_name or "python3", job.cwd)))

    def close(self) -> None:
        from .kernel import stop_kernel

        spares, self.spares = self.spares, []
        for _, km in spares:
            stop_kernel(km)


def _kernel_key(job: Job) -> tuple:
    return job.kernel_name, job.cwd, job.kernel_log


_WORKER_POOL: KernelPool | None = None


def _worker_init(cache_env: dict[str, str]) -> None:
    """Start of a worker process: die with the run, lean imports, the run's data cache."""
    from multiprocessing.util import Finalize

    from .kernel import die_with_parent

    global _WORKER_POOL
    die_with_parent()
    lean_imports()
    os.environ.update(cache_env)
    _WORKER_POOL = KernelPool()
    Finalize(_WORKER_POOL, _WORKER_POOL.close, exitpriority=10)  # atexit does not run in pool workers


def run_job(job: Job, pool: KernelPool | None = None, ahead: int = 0) -> Outcome:
    """Execute one notebook, render its HTML and list its outputs.

    ``pool`` gives the kernel (default: the worker's, else papermill starts
    one); it launches ``ahead`` kernels for the next jobs before this
    notebook runs.
    """
    return finish_job(job, execute_job(job, pool, ahead))


def execute_job(job: Job, pool: KernelPool | None = None, ahead: int = 0) -> Outcome:
    """The kernel's part of :func:`run_job`: the notebook executed (and written) by papermill."""
    from .execute import execute

    pool = pool or _WORKER_POOL
    km = None
    if pool is not None and job.kernel_name:
        try:
            km = pool.take(job)
            pool.prestart(job, ahead)
        except Exception:  # noqa: BLE001 - no kernel: papermill tries and the outcome says why
            log.exception("starting a kernel for %s failed", label(job))
    return execute(job, km=km)


def finish_job(job: Job, result: Outcome) -> Outcome:
    """The rest of :func:`run_job` once the notebook ran: its HTML page, the files it wrote and the thumbnail of
    its first chart for the index (none of them on failure)."""
    if not result.ok:
        return result
    import nbformat

    from .index import chart_thumbnail
    from .render import write_html

    start = time.monotonic()
    # papermill has just written and schema-checked it: read and written again without a second check
    # (the check of a notebook carrying every chart is most of the time reading or writing it takes).
    nb = nbformat.v4.reads(Path(job.output).read_text("utf-8"))
    charts, tables = written_files(nb)
    write_html(nb, job.html, title=job.title, lang=job.lang, version=__version__)
    thumbnail = chart_thumbnail(Path(job.html).parent, Path(job.html).stem, charts)
    record_final_out_dir(nb, job)
    text = nbformat.v4.writes(nb)
    Path(job.output).write_text(text if text.endswith("\n") else text + "\n", "utf-8")  # as nbformat.write
    return result.plus(charts=charts, tables=tables, thumbnail=thumbnail,
                       duration=result.duration + time.monotonic() - start)


def record_final_out_dir(nb, job: Job) -> None:
    """Point the executed notebook's ``out_dir`` at the reports folder, not the staging folder it ran in.

    The staging folder is gone after the swap; an analyst re-running the kept
    notebook should write where the report lives.
    """
    staging, final = job.parameters["out_dir"], job.final_out_dir
    if not final or final == staging:
        return
    papermill = nb.metadata.setdefault("papermill", {})
    papermill.setdefault("parameters", {})["out_dir"] = final
    if isinstance(papermill.get("output_path"), str):
        papermill["output_path"] = papermill["output_path"].replace(staging, final)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(staging, final)  # the staging path is unique (pid + random)


def label(job: Job) -> str:
    """``period/lang/notebook`` of a job, as progress and the log name it."""
    return f"{job.parameters.get('period')}/{job.parameters.get('lang')}/{Path(job.notebook).stem}"


def execute_all(jobs_list: list[Job], jobs: int | str, progress: Progress | None = None) -> list[Outcome]:
    """Run every job, ``jobs`` at a time; outcomes in the order of ``jobs_list``.

    Parameters
    ----------
    jobs_list
        The notebooks to run.
    jobs
        Notebooks at a time (``"auto"``: one per core); more than one runs them in fresh ``spawn`` workers.
    progress
        Told which notebooks run and finish.
    """
    from .datacache import tidy_cache_env

    lean_imports()
    for j in jobs_list:
        log.info("run %s -> %s", j.notebook, j.output)
    n = min(resolve_jobs(jobs), len(jobs_list))
    with tidy_cache_env(jobs_list) as cache_env:
        if n <= 1:
            results = _in_process(jobs_list, progress)
        else:
            results = _in_workers(jobs_list, n, cache_env, progress)
    for j, r in zip(jobs_list, results):
        log.info("%s %s in %.1f s", "ok" if r.ok else "FAILED", label(j), r.duration)
    return results


def _in_process(jobs_list: list[Job], progress: Progress | None) -> list[Outcome]:
    """Jobs one after another; each page is rendered in a thread while the next notebook runs.

    The run's process waits for the kernel while a notebook runs: rendering the previous page
    (≈ 0.06 s, most of it nbconvert) then costs the run nothing.
    """
    from concurrent.futures import ThreadPoolExecutor

    pool = KernelPool()
    pages = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ogpstats-page")
    results: list[Outcome] = []
    rendering: tuple[Job, Future] | None = None
    try:
        for i, job in enumerate(jobs_list):
            if progress:
                progress.running([label(job)])
            executed = execute_job(job, pool, ahead=min(SPARE_KERNELS, len(jobs_list) - i - 1))
            if rendering is not None:
                results.append(_page_done(*rendering, progress))
            rendering = (job, pages.submit(finish_job, job, executed))
        if rendering is not None:
            results.append(_page_done(*rendering, progress))
    finally:
        pages.shutdown(wait=True, cancel_futures=True)
        pool.close()
    return results


def _page_done(job: Job, page: Future, progress: Progress | None) -> Outcome:
    result = page.result()  # an error writing the page is raised here, as it was when rendered in line
    if progress:
        progress.finished(label(job), result.ok, result.duration)
    return result


def _in_workers(jobs_list: list[Job], n: int, cache_env: dict[str, str],
                progress: Progress | None) -> list[Outcome]:
    import multiprocessing

    # spawn: a fresh interpreter per worker, no inherited locks or sockets.
    pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init, initargs=(cache_env,))
    try:
        # The first len - n jobs are followed by another in some worker: that worker starts its kernel early.
        futures: dict[Future, int] = {pool.submit(run_job, j, None, int(i < len(jobs_list) - n)): i
                                      for i, j in enumerate(jobs_list)}
        results: list[Outcome | None] = [None] * len(jobs_list)
        pending = set(futures)
        if progress:
            progress.running([label(jobs_list[i]) for i in range(n)])
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in sorted(finished, key=futures.__getitem__):
                i = futures[f]
                results[i] = outcome = f.result()
                if progress:
                    progress.finished(label(jobs_list[i]), outcome.ok, outcome.duration)
            if progress and pending:
                progress.running(sorted(label(jobs_list[futures[f]]) for f in pending if f.running()))
    except BaseException:
        # Ctrl-C / SIGTERM: do not wait for the running notebooks (``with`` would).
        # Stop the workers; their kernels die with them (PR_SET_PDEATHSIG).
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [r for r in results if r is not None]
