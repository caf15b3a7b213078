"""Execute the planned notebooks: one :class:`~.execute.Job` each, ``jobs`` at a time.

:func:`run_job` runs in a worker process: papermill, then the HTML page and
the list of chart and table files the notebook wrote. :func:`execute_all`
is the one place that decides how jobs are spread over processes (a kernel
pool would plug in here).
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import __version__
from .execute import Job, Outcome

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


def run_job(job: Job) -> Outcome:
    """Execute one notebook, render its HTML and list its outputs (runs in a worker process)."""
    from .execute import execute

    result = execute(job)
    if not result.ok:
        return result
    import nbformat

    from .render import write_html

    start = time.monotonic()
    nb = nbformat.read(job.output, as_version=4)
    charts, tables = written_files(nb)
    write_html(nb, job.html, title=job.title, lang=job.lang, version=__version__)
    record_final_out_dir(nb, job)
    nbformat.write(nb, job.output)
    return result.plus(charts=charts, tables=tables, duration=result.duration + time.monotonic() - start)


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


def execute_all(jobs_list: list[Job], jobs: int) -> list[Outcome]:
    """Run every job, ``jobs`` at a time (fresh ``spawn`` workers); outcomes in the order of ``jobs_list``."""
    for j in jobs_list:
        log.info("run %s -> %s", j.notebook, j.output)
    if jobs == 1 or len(jobs_list) == 1:
        results = [run_job(j) for j in jobs_list]
    else:
        import multiprocessing

        # spawn: a fresh interpreter per worker, no inherited locks or sockets.
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(jobs_list)),
                                   mp_context=multiprocessing.get_context("spawn"))
        try:
            results = list(pool.map(run_job, jobs_list))
        except BaseException:
            # Ctrl-C / SIGTERM: do not wait for the running notebooks (``with`` would).
            # Stop the workers; their kernels notice their parent is gone and exit.
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                proc.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    for j, r in zip(jobs_list, results):
        log.info("%s %s in %.1f s", "ok" if r.ok else "FAILED", Path(j.notebook).name, r.duration)
    return results
