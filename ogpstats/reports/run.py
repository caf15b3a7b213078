"""``run_reports``: every report notebook, for every period and language, safely.

A run is plan → execute → publish:

1. :func:`~.plan.make_plan` (pure) decides per notebook and folder
   ``<out>/<period>/<lang>/``: not applicable (its kind of data is missing —
   noted, not an error), refused (its inputs have data errors — the previous
   report is kept), unchanged (same key in ``manifest.json`` and every output
   present) or to run. ``dry_run=True`` stops here and returns the plan.
2. Each folder with work is copied into a staging folder beside it
   (:mod:`.publish`); :func:`~.pool.execute_all` runs the notebooks with
   papermill on the environment's own kernel (``jobs`` at a time, each
   kernel on private Unix sockets) and renders each to HTML without code.
3. :func:`~.publish.publish_folder` writes ``manifest.json`` and swaps the
   staging folder in; on failure the failed executed notebook is kept in
   ``<out>/_failed/``, the previous folder stays untouched and
   :class:`NotebookFailed` is raised.

A lock file keeps runs on one output folder one at a time; each run logs to
``<out>/_logs/``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..i18n import LANGS, messages
from .datacache import CACHE_DIR, attach_tidy
from .errors import (
    DataErrorsInInputs,
    DiskFull,
    InputsLost,
    NotebookFailed,
    ReportError,
    ReportsBusy,
    UnusablePath,
)
from .execute import Job
from .inputs import InputFile, describe_inputs
from .lock import LOCK_NAME, LockBusy, RunLock
from .manifest import MANIFEST, code_fingerprint, read_manifest
from .paths import no_space, probe_write, problem_with
from .plan import NotebookSpec, Plan, PlanError, history_of, make_plan, read_spec, resolve_periods
from .pool import resolve_jobs
from .progress import Progress
from .publish import (
    Failure,
    Staged,
    clear_leftovers,
    discard,
    forget_failures,
    keep_failed,
    publish_folder,
    stage_folder,
)

log = logging.getLogger("ogpstats.reports")

DEFAULT_TIMEOUT = 600
"""Seconds a single notebook cell may run."""
KEEP_LOGS = 30


@dataclass
class RunResult:
    """What a run did.

    Attributes
    ----------
    ran, skipped, not_applicable, refused, kept : list of str
        ``"<period>/<lang>/<notebook>"`` entries; ``refused``: not run because
        their inputs have data errors, ``kept``: not run because an input they
        were built from is gone or unusable (in both, the previous report is kept).
    notes : list of str
        Human-readable notes (e.g. the SRM report skipped for lack of data).
    folders : list of Path
        Report folders written or kept.
    log_file : Path
    duration : float
        Seconds.
    plan : Plan or None
        What was decided (a dry run returns only this).
    """

    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    log_file: Path | None = None
    duration: float = 0.0
    plan: Plan | None = None


def default_notebooks_dir() -> Path:
    """``notebooks/reports`` of the source tree ogpstats runs from (else of the current directory)."""
    here = Path(__file__).resolve().parents[2] / "notebooks" / "reports"
    return here if here.is_dir() else Path.cwd() / "notebooks" / "reports"


def discover_notebooks(notebooks_dir: str | Path | None = None) -> list[NotebookSpec]:
    """The report notebooks of a folder, in report order."""
    d = Path(notebooks_dir) if notebooks_dir else default_notebooks_dir()
    try:
        specs = [read_spec(p) for p in sorted(d.glob("*.ipynb"))]
    except PlanError as exc:
        raise ReportError(str(exc)) from None
    if not specs:
        raise ReportError(f"{d}: no report notebooks found")
    return sorted(specs, key=lambda s: (s.order, s.name))


class _LogFile(logging.FileHandler):
    """The run's log: best effort. On a full disk a failed log write must not print a traceback."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def _setup_log(out: Path) -> tuple[Path, logging.Handler]:
    logs = out / "_logs"
    logs.mkdir(parents=True, exist_ok=True)
    # Microseconds and a random tail: two runs in the same second (or the
    # same process) still get a log file each.
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    path = logs / f"run-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:6]}.log"
    handler = _LogFile(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    for old in sorted(logs.glob("run-*.log"))[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)
    return path, handler


_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {0x7F: "\\x7f"}


def one_line(message: str) -> str:
    """``message`` with control characters shown as ``\\xNN``: a file name with a newline stays on one line."""
    return message.translate(_CONTROL)


def _say(message: str, *, echo: bool) -> None:
    message = one_line(message)
    log.info(message)
    if echo:
        print(message, file=sys.stderr, flush=True)


def _check_arguments(lang: str, jobs: int | str, data_dir: Path, notebooks_dir: str | Path | None = None,
                     out: Path | None = None) -> list[str]:
    """The languages of the run; :class:`UnusablePath` (exit 2) for a folder that cannot be used."""
    langs = list(LANGS) if lang == "all" else [lang]
    for lg in langs:
        if lg not in LANGS:
            raise ReportError(f"unknown language {lg!r}; use {', '.join(LANGS)} or all")
    if str(jobs) != "auto" and int(jobs) < 1:
        raise ReportError("jobs must be at least 1")
    checks = [(data_dir, "data", False), (notebooks_dir, "notebooks", False), (out, "output", True)]
    for path, role, write in checks:
        why = problem_with(path, role, write=write) if path is not None else None
        if why:
            raise UnusablePath(one_line(why))
    return langs


def _history(out: Path) -> dict[str, dict[str, str]]:
    """What every report under ``out`` was built from (each ``<period>/<lang>/manifest.json``)."""
    return history_of(read_manifest(m.parent) for m in sorted(out.glob(f"*/*/{MANIFEST}")))


def plan_reports(period: str = "latest", data_dir: str | Path = "data/raw", out_dir: str | Path = "reports",
                 lang: str = "all", force: bool = False, *, notebooks_dir: str | Path | None = None,
                 cache_file: Path | None = None, prune: bool = False) -> tuple[Plan, list[InputFile]]:
    """The plan of a run and the described inputs; starts no kernel and writes nothing but the inputs cache.

    Parameters are those of :func:`run_reports`; ``cache_file`` is the inputs cache to use (none by default).
    """
    data_dir, out = Path(data_dir), Path(out_dir)
    langs = _check_arguments(lang, 1, data_dir, notebooks_dir, out)
    specs = discover_notebooks(notebooks_dir)
    files = describe_inputs(data_dir, cache_file=cache_file)
    if not files:
        raise ReportError(f"{data_dir}: no input workbooks (.xlsx, .xlsm, .xls, .ods or .csv)")
    attach_tidy(files, out / CACHE_DIR, write=cache_file is not None)  # per-period keys; the notebooks' data
    try:
        periods = resolve_periods(period, files, data_dir)
    except PlanError as exc:
        raise ReportError(str(exc)) from None
    manifests = {(p, lg): read_manifest(out / p / lg) for p in periods for lg in langs}
    plan = make_plan(specs, files, periods, langs, out, manifests, present=Path.exists, force=force,
                     data_dir=data_dir, history=_history(out), prune=prune)
    plan.input_notes = [one_line(f"note: {f.error}") for f in files if f.error]
    return plan, files


def run_reports(
    period: str = "latest",
    data_dir: str | Path = "data/raw",
    out_dir: str | Path = "reports",
    lang: str = "all",
    jobs: int | str = 1,
    force: bool = False,
    no_wait: bool = False,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    notebooks_dir: str | Path | None = None,
    echo: bool = True,
    prune: bool = False,
) -> RunResult:
    """Regenerate the report notebooks into ``<out_dir>/<period>/<lang>/``.

    Parameters
    ----------
    period
        ``"latest"``, ``"all"`` (every round in the data, and latest) or a round id.
    data_dir
        Folder of input workbooks.
    out_dir
        Root of the reports (``index.html``, ``_failed/``, ``_logs/`` go here too).
    lang
        ``"az"``, ``"en"`` or ``"all"``.
    jobs
        Notebooks run in parallel (``"auto"``: one per core).
    force
        Run every notebook even when nothing changed.
    no_wait
        If another run holds the lock, raise :class:`ReportsBusy` at once instead of waiting.
    timeout
        Seconds one cell may run (``None``: no limit).
    notebooks_dir
        Report notebooks; default ``notebooks/reports`` of the source tree.
    echo
        Print notes, failures and a summary on stderr.
    prune
        Remove the reports whose inputs are gone (by default they keep their
        last good version and the run raises :class:`InputsLost`).

    Returns
    -------
    RunResult

    Raises
    ------
    ReportError
        With a one-line message and its ``exit_code``: bad arguments, an
        unusable folder (:class:`UnusablePath`), no inputs, busy lock
        (:class:`ReportsBusy`), failed notebooks (:class:`NotebookFailed`),
        data errors (:class:`DataErrorsInInputs`), inputs gone or unusable
        (:class:`InputsLost`), a full disk (:class:`DiskFull`).
    """
    started = time.monotonic()
    data_dir, out = Path(data_dir), Path(out_dir)
    _check_arguments(lang, jobs, data_dir, notebooks_dir, out)
    _make_out(out)

    log_file, handler = _setup_log(out)
    result = RunResult(log_file=log_file)

    def stale(pid: int) -> None:
        result.notes.append(f"note: cleared a stale lock left by PID {pid} (that run was killed)")
        _say(result.notes[-1], echo=echo)

    lock = RunLock(out / LOCK_NAME, no_wait=no_wait, on_stale=stale,
                   on_wait=lambda pid: _say(f"waiting for the report run with PID {pid} to finish", echo=echo))
    try:
        lock.acquire()
    except LockBusy as exc:
        log.error("%s", exc)
        log.removeHandler(handler)
        handler.close()
        raise ReportsBusy(str(exc)) from None
    try:
        for note in clear_leftovers(out):
            result.notes.append(note)
            _say(note, echo=echo)
        _run(result, period, data_dir, out, lang, resolve_jobs(jobs), force, timeout, notebooks_dir, echo, prune)
    except ReportError as exc:
        log.error("%s", exc)
        raise
    except Exception as exc:  # noqa: BLE001 - turn surprises into one line + the log
        if no_space(exc):
            log.exception("no space left")
            raise DiskFull(f"no space left on the device of {out}: the previous reports are kept, "
                           f"this run's partial output removed") from None
        log.exception("report run failed")
        raise ReportError(f"report run failed: {type(exc).__name__}: {exc} (details in {log_file})") from exc
    finally:
        result.duration = time.monotonic() - started
        log.info("done in %.1f s", result.duration)
        log.removeHandler(handler)
        handler.close()
        lock.release()
    return result


def _make_out(out: Path) -> None:
    """Create ``--out`` and prove it writable (a file written and removed); :class:`UnusablePath` if not."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnusablePath(one_line(f"{out}: cannot be created ({exc.strerror or type(exc).__name__})")) from None
    why = probe_write(out)
    if why:
        raise UnusablePath(one_line(why))


def _record_plan(result: RunResult, plan: Plan, echo: bool) -> None:
    """Copy the plan's decisions into the result and say its notes (unusable inputs are said at the end)."""
    result.plan = plan
    for note in plan.notes:
        result.notes.append(note)
        _say(note, echo=echo)
    for fp in plan.folders:
        result.not_applicable += [fp.tag(s.notebook) for s in fp.skipped]
        result.refused += [fp.tag(r.notebook) for r in fp.refused if not r.lost]
        result.kept += [fp.tag(r.notebook) for r in fp.refused if r.lost]
        result.skipped += [fp.tag(name) for name in fp.unchanged]


def _jobs_for(fp, root: Path, stage: Path, data_dir: Path, out: Path, timeout: float | None,
              kernel_log: str | None) -> list[Job]:
    m = messages(fp.lang)
    return [Job(notebook=str(t.spec.path), output=str(stage / "notebooks" / f"{t.spec.name}.ipynb"),
                html=str(stage / f"{t.spec.name}.html"),
                title=m(t.spec.title_key) if t.spec.title_key in m else t.spec.name, lang=fp.lang,
                parameters={"period": fp.period, "data_dir": str(data_dir.resolve()), "out_dir": str(root.resolve()),
                            "lang": fp.lang},
                final_out_dir=str(out.resolve()), timeout=timeout,
                cwd=str(t.spec.path.parent),  # absolute paths above: papermill runs in the notebook's folder
                kernel_log=kernel_log)
            for t in fp.run]


def _stage_all(plan: Plan, result: RunResult, data_dir: Path, out: Path, timeout: float | None,
               staged: list[Staged]) -> list[Staged]:
    """Stage every folder with work into ``staged`` (so a failure half-way can discard them); the others are kept."""
    kernel_log = str(result.log_file.resolve().with_suffix(".kernels.log")) if result.log_file else None
    for fp in plan.folders:
        forget_failures(out, fp)
        if not fp.needs_work:
            result.folders.append(fp.folder)
            continue
        root, stage = stage_folder(fp, out)
        staged.append(Staged(fp, root, stage, _jobs_for(fp, root, stage, data_dir, out, timeout, kernel_log)))
    return staged


def _execute(staged: list[Staged], jobs: int, echo: bool) -> None:
    """Run every staged job; their outcomes replace the jobs' place in ``Staged.jobs`` order."""
    from .kernel import ensure_kernelspec
    from .pool import execute_all

    every = [j for s in staged for j in s.jobs]
    if not every:
        return
    kernel = ensure_kernelspec()
    for s in staged:
        s.jobs = [_with_kernel(j, kernel) for j in s.jobs]
    _say(f"running {len(every)} notebook(s) with kernel {kernel!r}, {jobs} at a time", echo=echo)
    progress = Progress(len(every)) if echo else None  # a bar on a terminal, plain lines in a log
    try:
        outcomes = iter(execute_all([j for s in staged for j in s.jobs], jobs, progress))
    finally:
        if progress:
            progress.close()
    for s in staged:
        s.outcomes = [next(outcomes) for _ in s.jobs]


def _with_kernel(job: Job, kernel: str) -> Job:
    from dataclasses import replace

    return replace(job, kernel_name=kernel)


def _run(result: RunResult, period: str, data_dir: Path, out: Path, lang: str, jobs: int, force: bool,
         timeout: float | None, notebooks_dir, echo: bool, prune: bool = False) -> None:
    plan, files = plan_reports(period, data_dir, out, lang, force, notebooks_dir=notebooks_dir,
                               cache_file=out / ".inputs-cache.json", prune=prune)
    log.info("ogpstats %s, code %s; periods %s; languages %s; notebooks %s", __version__, code_fingerprint()[:12],
             plan.periods, plan.langs, sorted({t.spec.name for _, t in plan.tasks}))
    _record_plan(result, plan, echo)
    staged: list[Staged] = []
    try:
        staged = _stage_all(plan, result, data_dir, out, timeout, staged)
        _execute(staged, jobs, echo)
        failures = _publish(staged, files, result, out, echo)
    except BaseException:
        for s in staged:  # a full disk, Ctrl-C …: no staging folder is left behind (swapped ones are gone already)
            discard(s)
        raise
    from .index import write_index

    write_index(out)
    _finish(result, failures, files, data_dir, out, echo)


def _publish(staged: list[Staged], files: list[InputFile], result: RunResult, out: Path, echo: bool) -> list[Failure]:
    """Swap in every folder whose notebooks all succeeded; keep the failures of the others."""
    failures = []
    for s in staged:
        done = list(zip(s.plan.run, s.jobs, s.outcomes))
        failed = [(t, j, r) for t, j, r in done if not r.ok]
        if failed:
            for t, j, r in failed:
                failures.append(keep_failed(out, s.plan, t, j, r))
                _say(failures[-1].message, echo=echo)
            discard(s)
            continue
        result.ran += publish_folder(s, done, files, out)
        result.folders.append(s.plan.folder)
    return failures


def lost_input_lines(plan: Plan | None, files: list[InputFile], data_dir: Path) -> list[str]:
    """One line per input that is unusable or gone (``file: the problem's text``), each file once."""
    from ..validate import UnusableInput

    lines = [f.error for f in files if f.error]
    names = {f.name for f in files}
    gone = sorted({n for fp in (plan.folders if plan else []) for r in fp.refused if r.code == "input.missing"
                   for n in r.files if n not in names})
    lines += [str(UnusableInput("file.missing", data_dir / n)) for n in gone]
    return [one_line(line) for line in lines]


def _finish(result: RunResult, failures: list[Failure], files: list[InputFile], data_dir: Path, out: Path,
            echo: bool) -> None:
    """The summary line, then the exception a failed, refused or held-back run ends with.

    Every problem is said; the exception is the most pressing one: inputs gone or unusable
    (exit 2), then failed notebooks, then data errors (exit 1).
    """
    kept = f"{len(result.kept)} kept at their last good version (input gone or unusable), " if result.kept else ""
    summary = (f"reports: {len(result.ran)} notebook(s) run, {len(result.skipped)} unchanged, "
               f"{len(result.not_applicable)} not applicable, {len(result.refused)} refused for data errors, "
               f"{kept}{len(failures)} failed -> {out}")
    _say(summary, echo=echo)
    errors = [line for f in files for line in f.errors] if result.refused else []
    for line in errors:
        _say(line, echo=echo)
    lost = lost_input_lines(result.plan, files, data_dir)
    for line in lost:
        _say(line, echo=echo)
    if lost:
        held = (f"{len(result.kept)} report(s) built from them kept at their last good version (--prune removes "
                f"the reports of inputs that are gone)" if result.kept else "no published report was built from them")
        raise InputsLost(f"{len(lost)} input file(s) gone or unusable: {held}; the other reports are up to date",
                         lost)
    if failures:
        first = failures[0].message
        more = f" (and {len(failures) - 1} more failure(s); see {result.log_file})" if len(failures) > 1 else ""
        raise NotebookFailed(first + more, failures)
    if result.refused:
        raise DataErrorsInInputs(
            f"{len(errors)} error(s) in the input data: {len(result.refused)} report(s) not regenerated "
            f"(the previous ones are kept; the data quality report lists the errors)", errors)
