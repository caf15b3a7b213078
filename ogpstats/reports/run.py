"""``run_reports``: every report notebook, for every period and language, safely.

For each report folder ``<out>/<period>/<lang>/`` the run

1. decides per notebook: not applicable (its kind of data is missing —
   noted, not an error), unchanged (same key in ``manifest.json`` and every
   output present — skipped), or to run;
2. copies the folder into a staging folder beside it, runs the notebooks
   with papermill on the environment's own kernel (``jobs`` at a time, each
   kernel on private Unix sockets), renders each to HTML without code;
3. on success writes ``manifest.json`` and swaps the staging folder in; on
   failure keeps the failed executed notebook in ``<out>/_failed/``, leaves
   the previous folder untouched and raises :class:`NotebookFailed`.

A lock file keeps runs on one output folder one at a time; each run logs to
``<out>/_logs/``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..i18n import LANGS, messages
from ..vocab import OGP_ROUNDS, ROUND_RE, round_sort_key
from .inputs import InputFile, as_records, describe_inputs, rounds_of
from .lock import LockBusy, RunLock
from .manifest import MANIFEST, SCHEMA, code_fingerprint, notebook_key, read_manifest, sha256_bytes, write_json

log = logging.getLogger("ogpstats.reports")

KIND_NAMES = {"nap": "National Action Plan (nap)", "srm": "Strategic Road Map (srm)", "ogp": "OGP export (ogp)"}
DEFAULT_TIMEOUT = 600
"""Seconds a single notebook cell may run."""
KEEP_LOGS = 30


class ReportError(Exception):
    """A report run that did not succeed; the message is one line for the CLI (exit 1)."""


class NotebookFailed(ReportError):
    """One or more notebooks raised; their executed copies are in ``<out>/_failed/``."""

    def __init__(self, message: str, failures: list[dict]):
        super().__init__(message)
        self.failures = failures


class DataErrorsInInputs(ReportError):
    """Inputs have data errors: the reports built on them were not regenerated."""

    def __init__(self, message: str, errors: list[str]):
        super().__init__(message)
        self.errors = errors


class ReportsBusy(ReportError):
    """Another run holds the lock and ``no_wait`` was given."""


@dataclass
class NotebookSpec:
    """A report notebook and what it needs.

    Read from the notebook's metadata ``{"ogpstats": {"requires": [...],
    "order": n, "title": key}}``; ``requires`` empty means any input.
    """

    name: str
    path: Path
    requires: list[str]
    order: int
    title_key: str

    @property
    def sha256(self) -> str:
        return sha256_bytes(self.path.read_bytes())


@dataclass
class RunResult:
    """What a run did.

    Attributes
    ----------
    ran, skipped, not_applicable, refused : list of str
        ``"<period>/<lang>/<notebook>"`` entries; ``refused``: not run because
        their inputs have data errors (the previous report is kept).
    notes : list of str
        Human-readable notes (e.g. the SRM report skipped for lack of data).
    folders : list of Path
        Report folders written or kept.
    log_file : Path
    duration : float
        Seconds.
    """

    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    log_file: Path | None = None
    duration: float = 0.0


def default_notebooks_dir() -> Path:
    """``notebooks/reports`` of the source tree ogpstats runs from (else of the current directory)."""
    here = Path(__file__).resolve().parents[2] / "notebooks" / "reports"
    return here if here.is_dir() else Path.cwd() / "notebooks" / "reports"


def discover_notebooks(notebooks_dir: str | Path | None = None) -> list[NotebookSpec]:
    """The report notebooks of a folder, in report order."""
    import json

    d = Path(notebooks_dir) if notebooks_dir else default_notebooks_dir()
    specs = []
    for p in sorted(d.glob("*.ipynb")):
        try:
            meta = json.loads(p.read_text("utf-8")).get("metadata", {}).get("ogpstats", {})
        except (OSError, ValueError) as exc:
            raise ReportError(f"{p}: not a readable notebook ({exc})") from None
        specs.append(NotebookSpec(p.stem, p, list(meta.get("requires", [])), int(meta.get("order", 100)),
                                  meta.get("title", "")))
    if not specs:
        raise ReportError(f"{d}: no report notebooks found")
    return sorted(specs, key=lambda s: (s.order, s.name))


def _valid_period(period: str) -> bool:
    return period in OGP_ROUNDS or bool(ROUND_RE.match(period))


def resolve_periods(period: str, files: list[InputFile], data_dir: Path) -> list[str]:
    """Report folders to produce: ``latest``; ``all`` → every data round and ``latest``; or one round."""
    if period == "latest":
        return ["latest"]
    rounds = rounds_of(files)
    if period == "all":
        return rounds + ["latest"]
    if not _valid_period(period):
        raise ReportError(f"{period!r} is not a period; use latest, all or a round such as 2018-H2")
    if not rounds or round_sort_key(rounds[0]) > round_sort_key(period):
        have = ", ".join(rounds) or "none"
        raise ReportError(f"{data_dir}: no monitoring round at or before {period} (rounds in the data: {have})")
    return [period]


def _applicable(spec: NotebookSpec, files: list[InputFile], period: str) -> tuple[list[InputFile], str | None, str | None]:
    """Inputs of a notebook, and the round it will show; or a note why it does not apply."""
    if spec.requires:
        mine = [f for f in files if set(f.kinds) & set(spec.requires)]
        if not mine:
            kinds = " or ".join(KIND_NAMES.get(k, k) for k in spec.requires)
            return [], None, f"no {kinds} workbook in the data"
    else:
        mine = list(files)
        if not mine:
            return [], None, "no input files"
    rounds = rounds_of(mine)
    if period == "latest":
        return mine, (rounds[-1] if rounds else None), None
    earlier = [r for r in rounds if round_sort_key(r) <= round_sort_key(period)]
    if spec.requires and not earlier:
        return [], None, f"no data at or before {period}"
    return mine, period, None


def _outputs(entry: dict) -> list[str]:
    """Every file of a manifest entry, relative to its report folder."""
    files = [entry.get("html"), entry.get("executed"), entry.get("thumbnail")]
    files += entry.get("charts", []) + entry.get("tables", [])
    return [f for f in files if f]


def _remove_outputs(folder: Path, entry: dict) -> None:
    for rel in _outputs(entry):
        try:
            (folder / rel).unlink()
        except FileNotFoundError:
            pass


def _setup_log(out: Path) -> tuple[Path, logging.Handler]:
    logs = out / "_logs"
    logs.mkdir(parents=True, exist_ok=True)
    # Microseconds and a random tail: two runs in the same second (or the
    # same process) still get a log file each.
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    path = logs / f"run-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:6]}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    for old in sorted(logs.glob("run-*.log"))[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)
    return path, handler


def _say(message: str, *, echo: bool) -> None:
    log.info(message)
    if echo:
        print(message, file=sys.stderr, flush=True)


def run_job(job: dict) -> dict:
    """Execute one notebook, render its HTML and list its outputs (runs in a worker process)."""
    from .execute import execute

    result = execute(job)
    if not result["ok"]:
        return result
    import nbformat

    from .render import write_html

    start = time.monotonic()
    nb = nbformat.read(job["output"], as_version=4)
    charts, tables = [], []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("ogpstats", {})
            if "chart" in meta:
                charts += [f"charts/{meta['chart']}.png", f"charts/{meta['chart']}.svg"]
            if "table" in meta:
                tables += [f"tables/{meta['table']}.csv", f"tables/{meta['table']}.xlsx"]
    write_html(nb, job["html"], title=job["title"], lang=job["parameters"]["lang"], version=__version__)
    _record_final_out_dir(nb, job)
    nbformat.write(nb, job["output"])
    result.update(charts=list(dict.fromkeys(charts)), tables=list(dict.fromkeys(tables)),
                  duration=result["duration"] + time.monotonic() - start)
    return result


def _record_final_out_dir(nb, job: dict) -> None:
    """Point the executed notebook's ``out_dir`` at the reports folder, not the staging folder it ran in.

    The staging folder is gone after the swap; an analyst re-running the kept
    notebook should write where the report lives.
    """
    staging, final = job["parameters"]["out_dir"], job.get("final_out_dir")
    if not final or final == staging:
        return
    papermill = nb.metadata.setdefault("papermill", {})
    papermill.setdefault("parameters", {})["out_dir"] = final
    if isinstance(papermill.get("output_path"), str):
        papermill["output_path"] = papermill["output_path"].replace(staging, final)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(staging, final)  # the staging path is unique (pid + random)


def _clear_leftovers(out: Path) -> list[str]:
    """Tidy up after runs that were killed (we hold the lock: none of this is ours).

    Staging folders are removed. A swap is two renames (old folder aside, new
    folder in); a run killed between them leaves ``<period>/.<lang>.old-PID``
    and no ``<period>/<lang>``: the previous report is put back, not deleted.
    Returns notes on what was restored.
    """
    notes = []
    for p in sorted(out.glob("*/.*.old-*")):
        folder = p.with_name(p.name[1:].rsplit(".old-", 1)[0])
        if p.is_dir() and not folder.exists():
            os.rename(p, folder)
            notes.append(f"note: restored {folder} (a killed run had moved it aside)")
        else:
            shutil.rmtree(p, ignore_errors=True)
    for p in out.glob(".staging-*"):
        shutil.rmtree(p, ignore_errors=True)
    return notes


def run_reports(
    period: str = "latest",
    data_dir: str | Path = "data/raw",
    out_dir: str | Path = "reports",
    lang: str = "all",
    jobs: int = 1,
    force: bool = False,
    no_wait: bool = False,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    notebooks_dir: str | Path | None = None,
    echo: bool = True,
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
        Notebooks run in parallel.
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

    Returns
    -------
    RunResult

    Raises
    ------
    ReportError
        With a one-line message: bad arguments, no inputs, busy lock
        (:class:`ReportsBusy`), failed notebooks (:class:`NotebookFailed`).
    """
    started = time.monotonic()
    langs = list(LANGS) if lang == "all" else [lang]
    for lg in langs:
        if lg not in LANGS:
            raise ReportError(f"unknown language {lg!r}; use {', '.join(LANGS)} or all")
    if int(jobs) < 1:
        raise ReportError("jobs must be at least 1")
    data_dir, out = Path(data_dir), Path(out_dir)
    if not data_dir.is_dir():
        raise ReportError(f"{data_dir}: no such data directory")
    out.mkdir(parents=True, exist_ok=True)

    log_file, handler = _setup_log(out)
    result = RunResult(log_file=log_file)

    def stale(pid: int) -> None:
        result.notes.append(f"note: cleared a stale lock left by PID {pid} (that run was killed)")
        _say(result.notes[-1], echo=echo)

    lock = RunLock(out / ".lock", no_wait=no_wait, on_stale=stale,
                   on_wait=lambda pid: _say(f"waiting for the report run with PID {pid} to finish", echo=echo))
    try:
        lock.acquire()
    except LockBusy as exc:
        log.error("%s", exc)
        log.removeHandler(handler)
        handler.close()
        raise ReportsBusy(str(exc)) from None
    try:
        for note in _clear_leftovers(out):
            result.notes.append(note)
            _say(note, echo=echo)
        _run(result, period, data_dir, out, langs, int(jobs), force, timeout, notebooks_dir, echo)
    except ReportError as exc:
        log.error("%s", exc)
        raise
    except Exception as exc:  # noqa: BLE001 - turn surprises into one line + the log
        log.exception("report run failed")
        raise ReportError(f"report run failed: {type(exc).__name__}: {exc} (details in {log_file})") from exc
    finally:
        result.duration = time.monotonic() - started
        log.info("done in %.1f s", result.duration)
        log.removeHandler(handler)
        handler.close()
        lock.release()
    return result


def _run(result: RunResult, period: str, data_dir: Path, out: Path, langs: list[str], jobs: int, force: bool,
         timeout: float | None, notebooks_dir, echo: bool) -> None:
    specs = discover_notebooks(notebooks_dir)
    files = describe_inputs(data_dir, cache_file=out / ".inputs-cache.json")
    if not files:
        raise ReportError(f"{data_dir}: no input workbooks (.xlsx, .xlsm, .xls, .ods or .csv)")
    for f in files:
        if f.error:
            _say(f"note: {f.error}", echo=echo)
    periods = resolve_periods(period, files, data_dir)
    log.info("ogpstats %s, code %s; periods %s; languages %s; notebooks %s", __version__, code_fingerprint()[:12],
             periods, langs, [s.name for s in specs])
    data_abs = data_dir.resolve()

    targets, jobs_list, notes_seen = [], [], set()
    for p in periods:
        for lg in langs:
            folder = out / p / lg
            old = read_manifest(folder)
            old_entries = old.get("notebooks", {})
            plan = {"period": p, "lang": lg, "folder": folder, "old": old, "run": [], "keep": {}, "skipped": {},
                    "inputs": set()}
            for spec in specs:
                mine, rnd, why = _applicable(spec, files, p)
                tag = f"{p}/{lg}/{spec.name}"
                if why:
                    plan["skipped"][spec.name] = {"reason": why,
                                                  "message_key": "srm.missing" if spec.requires == ["srm"] else None}
                    result.not_applicable.append(tag)
                    if (spec.name, why) not in notes_seen:
                        notes_seen.add((spec.name, why))
                        note = f"note: {spec.name} skipped: {why} ({data_dir})"
                        result.notes.append(note)
                        _say(note, echo=echo)
                    continue
                prev = old_entries.get(spec.name)
                if spec.requires and any(f.errors for f in mine):
                    # Indicators from data with errors are refused, as `ogpstats indicators` refuses them;
                    # the data quality report (requires nothing) still runs and lists the errors.
                    result.refused.append(tag)
                    if prev:
                        plan["keep"][spec.name] = prev  # the previous report stays as it was
                    continue
                inputs = [{"name": f.name, "sha256": f.sha256} for f in mine]
                plan["inputs"].update(f.name for f in mine)
                params = {"period": p, "lang": lg}
                key = notebook_key(spec.sha256, params, inputs)
                if (not force and prev and prev.get("key") == key
                        and all((folder / rel).exists() for rel in _outputs(prev))):
                    plan["keep"][spec.name] = prev
                    result.skipped.append(tag)
                    # The notebook was fixed back to the version of this report: its failure is history.
                    (out / "_failed" / p / lg / f"{spec.name}.ipynb").unlink(missing_ok=True)
                    continue
                plan["run"].append((spec, key, inputs, rnd))
            stale = set(old_entries) - {s.name for s, *_ in plan["run"]} - set(plan["keep"])
            plan["stale"] = stale
            if not plan["run"] and not stale and old:
                result.folders.append(folder)
                continue  # nothing to do here
            stage_root = out / f".staging-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            stage = stage_root / p / lg
            if folder.is_dir():
                shutil.copytree(folder, stage, symlinks=True)
            stage.mkdir(parents=True, exist_ok=True)
            for name in list(stale) + [s.name for s, *_ in plan["run"]]:
                if name in old_entries:
                    _remove_outputs(stage, old_entries[name])
            plan["stage_root"], plan["stage"] = stage_root, stage
            m = messages(lg)
            for spec, key, inputs, rnd in plan["run"]:
                jobs_list.append({
                    "target": len(targets), "spec": spec, "key": key, "inputs": inputs, "round": rnd,
                    "notebook": str(spec.path), "output": str(stage / "notebooks" / f"{spec.name}.ipynb"),
                    "html": str(stage / f"{spec.name}.html"),
                    "title": m(spec.title_key) if spec.title_key in m else spec.name,
                    "parameters": {"period": p, "data_dir": str(data_abs), "out_dir": str(stage_root.resolve()),
                                   "lang": lg},
                    "final_out_dir": str(out.resolve()),
                    "kernel_name": None, "timeout": timeout, "cwd": str(spec.path.parent),
                    # absolute: papermill runs in the notebook's folder
                    "kernel_log": str(result.log_file.resolve().with_suffix(".kernels.log"))
                    if result.log_file else None,
                })
            targets.append(plan)

    if jobs_list:
        from .kernel import ensure_kernelspec

        kernel = ensure_kernelspec()
        for j in jobs_list:
            j["kernel_name"] = kernel
        _say(f"running {len(jobs_list)} notebook(s) with kernel {kernel!r}, {jobs} at a time", echo=echo)
        outcomes = _execute_all(jobs_list, jobs)
    else:
        outcomes = []

    failures = []
    for i, plan in enumerate(targets):
        mine = [(j, r) for j, r in zip(jobs_list, outcomes) if j["target"] == i]
        failed = [(j, r) for j, r in mine if not r["ok"]]
        if failed:
            for j, r in failed:
                failures.append(_keep_failed(out, plan, j, r, echo))
            shutil.rmtree(plan["stage_root"], ignore_errors=True)
            continue
        _finish(plan, mine, files, result, out)
    from .index import write_index

    write_index(out)
    summary = (f"reports: {len(result.ran)} notebook(s) run, {len(result.skipped)} unchanged, "
               f"{len(result.not_applicable)} not applicable, {len(result.refused)} refused for data errors, "
               f"{len(failures)} failed -> {out}")
    _say(summary, echo=echo)
    if failures:
        first = failures[0]["message"]
        more = f" (and {len(failures) - 1} more failure(s); see {result.log_file})" if len(failures) > 1 else ""
        raise NotebookFailed(first + more, failures)
    if result.refused:
        lines = [line for f in files for line in f.errors]
        for line in lines:
            _say(line, echo=echo)
        raise DataErrorsInInputs(
            f"{len(lines)} error(s) in the input data: {len(result.refused)} report(s) not regenerated "
            f"(the previous ones are kept; the data quality report lists the errors)", lines)


def _execute_all(jobs_list: list[dict], jobs: int) -> list[dict]:
    payload = [{k: v for k, v in j.items() if k != "spec"} for j in jobs_list]
    for j in payload:
        log.info("run %s -> %s", j["notebook"], j["output"])
    if jobs == 1 or len(payload) == 1:
        results = [run_job(j) for j in payload]
    else:
        import multiprocessing

        # spawn: a fresh interpreter per worker, no inherited locks or sockets.
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(payload)),
                                   mp_context=multiprocessing.get_context("spawn"))
        try:
            results = list(pool.map(run_job, payload))
        except BaseException:
            # Ctrl-C / SIGTERM: do not wait for the running notebooks (``with`` would).
            # Stop the workers; their kernels notice their parent is gone and exit.
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                proc.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    for j, r in zip(payload, results):
        log.info("%s %s in %.1f s", "ok" if r["ok"] else "FAILED", Path(j["notebook"]).name, r["duration"])
    return results


def _keep_failed(out: Path, plan: dict, job: dict, res: dict, echo: bool) -> dict:
    spec = job["spec"]
    where = f"{plan['period']}/{plan['lang']}"
    kept = out / "_failed" / plan["period"] / plan["lang"] / f"{spec.name}.ipynb"
    kept.parent.mkdir(parents=True, exist_ok=True)
    if Path(job["output"]).exists():
        shutil.copyfile(job["output"], kept)
        where_kept = f"executed notebook kept in {kept}"
    else:  # the kernel never started: there is no executed notebook
        kept.unlink(missing_ok=True)
        kept, where_kept = None, "no executed notebook (the kernel did not start)"
    cell = f"cell {res['cell']}" if res.get("cell") is not None else "a cell"
    line = f" ({res['line'].strip()[:80]})" if res.get("line") else ""
    message = (f"{spec.path.name} [{where}] failed at {cell}{line}: {res.get('ename')}: {res.get('evalue')}; "
               f"{where_kept}")
    _say(message, echo=echo)
    return {"notebook": spec.name, "period": plan["period"], "lang": plan["lang"], "cell": res.get("cell"),
            "line": res.get("line"), "ename": res.get("ename"), "evalue": res.get("evalue"), "kept": kept,
            "message": message}


def _finish(plan: dict, done: list[tuple[dict, dict]], files: list[InputFile], result: RunResult, out: Path) -> None:
    """Write thumbnails and the manifest into the staging folder and swap it in."""
    from .index import make_thumbnail

    stage, folder = plan["stage"], plan["folder"]
    entries = dict(plan["keep"])
    for job, res in done:
        spec = job["spec"]
        thumb = None
        first_png = next((c for c in res["charts"] if c.endswith(".png")), None)
        if first_png and (stage / first_png).exists():
            thumb = f"thumbs/{spec.name}.png"
            make_thumbnail(stage / first_png, stage / thumb)
        entries[spec.name] = {
            "key": job["key"], "notebook": spec.path.name, "notebook_sha256": spec.sha256,
            "code_sha256": code_fingerprint(), "parameters": {"period": plan["period"], "lang": plan["lang"]},
            "inputs": job["inputs"], "round": job["round"], "title": job["title"], "order": spec.order,
            "html": f"{spec.name}.html", "executed": f"notebooks/{spec.name}.ipynb",
            "charts": res["charts"], "tables": res["tables"], "thumbnail": thumb,
            "duration_seconds": round(res["duration"], 3),
        }
        result.ran.append(f"{plan['period']}/{plan['lang']}/{spec.name}")
        (out / "_failed" / plan["period"] / plan["lang"] / f"{spec.name}.ipynb").unlink(missing_ok=True)
    used = {i["name"] for e in entries.values() for i in e["inputs"]}
    inputs = as_records([f for f in files if f.name in used])
    for record in inputs:
        del record["path"]  # absolute paths differ between machines; the name and hash identify the file
        record["errors"] = len(record["errors"])  # the lines name absolute paths too
    manifest = {
        "schema": SCHEMA, "ogpstats_version": __version__, "period": plan["period"], "lang": plan["lang"],
        "inputs": inputs,
        "notebooks": entries, "skipped": plan["skipped"],
        "durations": {name: e["duration_seconds"] for name, e in entries.items()},
    }
    write_json(stage / MANIFEST, manifest)
    folder.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        os.rename(folder, old)
    os.rename(stage, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(plan["stage_root"], ignore_errors=True)
    result.folders.append(folder)
