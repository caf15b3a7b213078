"""The ``report`` command: a thin layer over :func:`ogpstats.reports.run_reports`."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import click

from ..i18n import LANGS
from ..vocab import parse_round
from .errors import EXIT_DATA, EXIT_UNUSABLE, fail, handle_errors


def parse_period(period: str) -> str:
    """``latest``, ``all`` or the round ``period`` names (``2018-ci ilin II yarımili`` → ``2018-H2``)."""
    if period in ("latest", "all"):
        return period
    parsed = parse_round(period)
    if parsed is None:
        raise click.BadParameter(f"{period!r} is not a period; use latest, all or e.g. 2018-H2",
                                 param_hint="--period")
    return parsed


def check_folders(data_dir: Path, notebooks_dir: Path | None, out_dir: Path) -> None:
    """Exit 2 with one line naming the first folder that cannot be used (missing, a file, under a file, read-only)."""
    from ..reports.paths import problem_with

    for path, role, write in ((data_dir, "data", False), (notebooks_dir, "notebooks", False),
                              (out_dir, "output", True)):
        why = problem_with(path, role, write=write) if path is not None else None
        if why:
            fail(why, EXIT_UNUSABLE)


STOP_GRACE_S = 20.0
"""Seconds a stopped run (SIGTERM) has to shut its kernels down cleanly; then it exits anyway."""


def interrupted_line(out_dir: Path) -> str:
    return f"interrupted; the reports in {out_dir} are unchanged (partial output is removed by the next run)"


def exit_after(seconds: float, out_dir: Path) -> threading.Timer:
    """A stopped run must stop: after ``seconds`` of clean-up, say so in one line, free the lock and exit 1.

    Its kernels and workers die with it (they are started with a parent-death signal); a staging
    folder left behind is removed by the next run, like that of a killed run.
    """
    from ..reports.lock import LOCK_NAME, read_pid

    def hard_exit() -> None:
        lock = out_dir / LOCK_NAME
        if read_pid(lock) == os.getpid():
            lock.unlink(missing_ok=True)
        sys.stderr.write(f"ogpstats: {interrupted_line(out_dir)}\n")
        sys.stderr.flush()
        os._exit(EXIT_DATA)

    timer = threading.Timer(seconds, hard_exit)
    timer.daemon = True
    timer.start()
    return timer


def run(out_dir: Path, **options) -> None:
    """Run the reports; a report error exits with its code (1, or 2 for unusable paths or inputs), an
    interruption (Ctrl-C, SIGTERM) with 1, each with one line."""
    # Imported here: the other commands need not load the report machinery.
    from ..reports import ReportError, run_reports

    def terminated(signum, frame):  # systemd stop / kill: unwind like Ctrl-C so kernels are shut down
        exit_after(STOP_GRACE_S, out_dir)  # ... but never hang in that unwinding
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        run_reports(out_dir=out_dir, **options)
    except ReportError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail(interrupted_line(out_dir), EXIT_DATA)
    finally:
        signal.signal(signal.SIGTERM, previous)


def print_plan(**options) -> None:
    """``--dry-run``: the plan, one line per notebook, then a summary; no lock, no kernel, nothing written."""
    from ..reports import ReportError, format_plan, plan_reports

    try:
        plan, _ = plan_reports(**options)
    except ReportError as exc:
        fail(str(exc), exc.exit_code)
    for line in format_plan(plan):
        click.echo(line)


def default_jobs(on_terminal: bool) -> int | str:
    """``--jobs`` when not given: every core for a scheduled run (no terminal), one at a time at a terminal,
    where the progress bar is read and the machine is shared with the person at it."""
    return 1 if on_terminal else "auto"


class Jobs(click.ParamType):
    """``--jobs``: 1 to 32, or ``auto`` (the number of cores)."""

    name = "N|auto"

    def convert(self, value, param, ctx):
        if str(value).strip().lower() == "auto":
            return "auto"
        return click.IntRange(1, 32).convert(value, param, ctx)


@click.command()
@click.option("--period", default="latest", show_default=True, help="latest, all, or a round such as 2018-H2.")
@click.option("--lang", type=click.Choice([*LANGS, "all"]), default="all", show_default=True,
              help=f"A language ({', '.join(LANGS)}), or all of them.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data/raw"), show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("reports"), show_default=True)
@click.option("--jobs", type=Jobs(), default=None,
              help="Notebooks run in parallel: 1-32, or auto (one per core). Default: auto when not run from a "
                   "terminal (cron, systemd, CI), else 1.")
@click.option("--force", is_flag=True, help="Run every notebook even if nothing changed.")
@click.option("--no-wait", is_flag=True, help="Exit at once if another report run holds the lock.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600, show_default=True,
              help="Seconds one notebook cell may run.")
@click.option("--notebooks", "notebooks_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of report notebooks [default: notebooks/reports of ogpstats' source tree].")
@click.option("--dry-run", is_flag=True, help="Print what would run, be kept or refused, and why; start no kernel.")
@click.option("--prune", is_flag=True,
              help="Remove the reports whose input workbooks are gone (by default they are kept and the run exits 2).")
@handle_errors
def report(period, lang, data_dir, out_dir, jobs, force, no_wait, timeout, notebooks_dir, dry_run, prune):
    """Regenerate the monitoring reports from the workbooks in --data.

    Exit codes: 0 done (nothing to do counts); 1 data errors, a notebook
    failed, a full disk, another run holds the lock (--no-wait) or the run
    was interrupted; 2 usage, an unusable folder, or an input file that is
    unusable or gone (the reports built from it keep their last good
    version; --prune removes those of a file that is gone). The previous
    reports are never lost.
    """
    period = parse_period(period)
    jobs = default_jobs(sys.stdin.isatty()) if jobs is None else jobs
    check_folders(data_dir, notebooks_dir, out_dir)
    if dry_run:
        print_plan(period=period, data_dir=data_dir, out_dir=out_dir, lang=lang, force=force,
                   notebooks_dir=notebooks_dir, prune=prune)
        return
    run(out_dir, period=period, data_dir=data_dir, lang=lang, jobs=jobs, force=force, no_wait=no_wait,
        timeout=timeout, notebooks_dir=notebooks_dir, prune=prune)
