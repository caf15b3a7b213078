"""Stage, keep failures, write the manifest and swap a report folder in.

A folder with work to do is copied into a staging folder beside the reports
(:func:`stage_folder`); the notebooks run there; on success
:func:`publish_folder` writes thumbnails and ``manifest.json`` and swaps the
staging folder in with two renames; on failure :func:`keep_failed` keeps
the executed notebook in ``<out>/_failed/`` and the staging folder is
dropped (:func:`discard`), leaving the published folder untouched.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, field, fields
from pathlib import Path

from .. import __version__
from .execute import Job, Outcome
from .inputs import InputFile, as_records
from .manifest import MANIFEST, SCHEMA, code_fingerprint, write_json
from .plan import FolderPlan, Task, outputs


@dataclass
class Staged:
    """A folder being rebuilt: its plan, the staging root and the folder inside it, its jobs and their outcomes."""

    plan: FolderPlan
    root: Path
    stage: Path
    jobs: list[Job]
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass(frozen=True)
class Failure:
    """A notebook that failed; ``kept`` is its executed copy in ``_failed/`` (``None``: the kernel never started)."""

    notebook: str
    period: str
    lang: str
    cell: int | None
    line: str | None
    ename: str | None
    evalue: str | None
    kept: Path | None
    message: str

    def __getitem__(self, name: str):  # failures were dicts; reading them as such still works
        if name not in {f.name for f in fields(self)}:
            raise KeyError(name)
        return getattr(self, name)


def failed_copy(out: Path, period: str, lang: str, name: str) -> Path:
    return out / "_failed" / period / lang / f"{name}.ipynb"


def clear_leftovers(out: Path) -> list[str]:
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


def forget_failures(out: Path, fp: FolderPlan) -> None:
    """Unchanged notebooks were fixed back to the version of their report: their failure is history."""
    for name in fp.unchanged:
        failed_copy(out, fp.period, fp.lang, name).unlink(missing_ok=True)


def stage_folder(fp: FolderPlan, out: Path) -> tuple[Path, Path]:
    """Copy the folder into a fresh staging root and remove what will be rebuilt or goes; ``(root, stage)``."""
    root = out / f".staging-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    stage = root / fp.period / fp.lang
    try:
        if fp.folder.is_dir():
            shutil.copytree(fp.folder, stage, symlinks=True)
        stage.mkdir(parents=True, exist_ok=True)
        old_entries = fp.old.get("notebooks", {})
        for name in list(fp.stale) + [t.spec.name for t in fp.run]:
            for rel in outputs(old_entries.get(name, {})):
                (stage / rel).unlink(missing_ok=True)
    except BaseException:  # a full disk half-way through the copy: no staging folder is left behind
        shutil.rmtree(root, ignore_errors=True)
        raise
    return root, stage


def discard(staged: Staged) -> None:
    shutil.rmtree(staged.root, ignore_errors=True)


def keep_failed(out: Path, fp: FolderPlan, task: Task, job: Job, res: Outcome) -> Failure:
    """Keep the executed notebook of a failure in ``_failed/`` and describe the failure in one line."""
    spec = task.spec
    copy = failed_copy(out, fp.period, fp.lang, spec.name)
    copy.parent.mkdir(parents=True, exist_ok=True)
    kept: Path | None = copy
    if Path(job.output).exists():
        shutil.copyfile(job.output, copy)
        where_kept = f"executed notebook kept in {copy}"
    else:  # the kernel never started: there is no executed notebook
        copy.unlink(missing_ok=True)
        kept, where_kept = None, "no executed notebook (the kernel did not start)"
    cell = f"cell {res.cell}" if res.cell is not None else "a cell"
    line = f" ({res.line.strip()[:80]})" if res.line else ""
    message = (f"{spec.path.name} [{fp.period}/{fp.lang}] failed at {cell}{line}: {res.ename}: {res.evalue}; "
               f"{where_kept}")
    return Failure(spec.name, fp.period, fp.lang, res.cell, res.line, res.ename, res.evalue, kept, message)


def manifest_entry(fp: FolderPlan, task: Task, job: Job, res: Outcome, thumbnail: str | None) -> dict:
    """The manifest record of one notebook that ran."""
    spec = task.spec
    return {
        "key": task.key, "notebook": spec.path.name, "notebook_sha256": spec.sha256,
        "code_sha256": code_fingerprint(), "parameters": {"period": fp.period, "lang": fp.lang},
        "inputs": task.input_records, "round": task.round, "title": job.title, "order": spec.order,
        "html": f"{spec.name}.html", "executed": f"notebooks/{spec.name}.ipynb",
        "charts": list(res.charts), "tables": list(res.tables), "thumbnail": thumbnail,
        "duration_seconds": round(res.duration, 3),
    }


def build_manifest(fp: FolderPlan, entries: dict[str, dict], files: list[InputFile]) -> dict:
    """``manifest.json`` of a folder: its entries, the inputs they used and the notebooks skipped."""
    used = {i["name"] for e in entries.values() for i in e["inputs"]}
    inputs = as_records([f for f in files if f.name in used])
    for record in inputs:
        del record["path"]  # absolute paths differ between machines; the name and hash identify the file
        record["errors"] = len(record["errors"])  # the lines name absolute paths too
    return {
        "schema": SCHEMA, "ogpstats_version": __version__, "period": fp.period, "lang": fp.lang,
        "inputs": inputs, "notebooks": entries,
        "skipped": {s.notebook: {"reason": s.reason, "message_key": s.message_key} for s in fp.skipped},
        "durations": {name: e["duration_seconds"] for name, e in entries.items()},
    }


def publish_folder(staged: Staged, done: list[tuple[Task, Job, Outcome]], files: list[InputFile],
                   out: Path) -> list[str]:
    """Write the manifest into the staging folder and swap it in; the tags of the notebooks run.

    Each notebook's thumbnail is already there: made with its page (:func:`.pool.finish_job`).
    """
    fp, stage = staged.plan, staged.stage
    entries = fp.keep
    ran = []
    for task, job, res in done:
        name = task.spec.name
        entries[name] = manifest_entry(fp, task, job, res, res.thumbnail)
        ran.append(fp.tag(name))
        failed_copy(out, fp.period, fp.lang, name).unlink(missing_ok=True)
    write_json(stage / MANIFEST, build_manifest(fp, entries, files))
    swap_in(stage, fp.folder)
    discard(staged)
    return ran


def swap_in(stage: Path, folder: Path) -> None:
    """Replace ``folder`` by ``stage`` with two renames (:func:`clear_leftovers` repairs a kill between them)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        os.rename(folder, old)
    os.rename(stage, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
