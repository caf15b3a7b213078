"""Each input read once: its tidy tables pickled by sha256, for the plan and for every notebook of a run.

A workbook takes a fraction of a second to read and check; its tidy tables
unpickle in milliseconds. :func:`attach_tidy` (the run's process) gives each
:class:`~.inputs.InputFile` its tables, from ``<out>/.tidy-cache/`` or by
reading the file once and writing the pickle; the run's kernels find the
folder in ``OGPSTATS_TIDY_CACHE`` and :func:`cached_load` hands the
:class:`~.notebook.Report` the same tables. Entries are keyed by the file's
sha256 and the code fingerprint (a reader fix changes what a file yields);
anything missing or unreadable is simply read again from the file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import Dataset
from ..validate import Problem

TIDY_CACHE_ENV = "OGPSTATS_TIDY_CACHE"
CACHE_DIR = ".tidy-cache"
VERSION = 1


def _entry(cache_dir: Path, sha256: str, path: Path) -> Path:
    from .manifest import code_fingerprint

    return cache_dir / f"{sha256}-{_sidecars(path)}-{code_fingerprint()[:16]}.pkl"


def _sidecars(path: Path) -> str:
    """A digest of the files read with ``path`` though not named: the ``translations.csv`` of its folder
    and its column map (``<stem>.columns.csv``), so that editing either reads the file again."""
    from ..io.column_map import SUFFIX
    from ..translations import FILE_NAME

    h = hashlib.sha256()
    for side in (path.parent / FILE_NAME, path.with_name(path.stem + SUFFIX)):
        h.update(side.name.encode() + b"\0")
        if side.is_file():
            h.update(side.read_bytes())
    return h.hexdigest()[:16]


def _read_payload(path: Path, *fields: str) -> dict | None:
    """An entry written by :func:`_write_payload` with ``fields``; ``None`` when missing, unreadable or other."""
    try:
        with open(path, "rb") as f:
            payload = pickle.load(f)  # noqa: S301 - our own cache folder, written by this code
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("version") != VERSION or not all(k in payload for k in fields):
        return None
    return payload


def _write_payload(path: Path, **fields: object) -> None:
    """Pickle ``fields`` into an entry, atomically; a read-only reports folder: no cache, same results."""
    from .atomic import atomic_write

    data = pickle.dumps({"version": VERSION, **fields}, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError:
        pass


def _read_entry(path: Path) -> tuple[Dataset | None, Problem | None] | None:
    payload = _read_payload(path, "dataset", "problem")
    return None if payload is None else (payload["dataset"], payload["problem"])


def load_file(path: Path, sha256: str, cache_dir: Path | None,
              write: bool = True) -> tuple[Dataset | None, Problem | None]:
    """The tidy tables of one file, or the problem that makes it unusable; from the cache when there.

    A file read is added to the cache (``write``).
    """
    if cache_dir is not None:
        hit = _read_entry(_entry(cache_dir, sha256, Path(path)))
        if hit is not None:
            return hit
    from ..io import load_dataset
    from ..validate import UnusableInput

    try:
        ds, problem = load_dataset([Path(path)]), None
    except UnusableInput as exc:
        ds, problem = None, exc.problem
    if cache_dir is not None and write:
        _write_payload(_entry(cache_dir, sha256, Path(path)), dataset=ds, problem=problem)
    return ds, problem


def attach_tidy(files: list, cache_dir: Path, write: bool = True) -> None:
    """Give each described input file (:class:`~.inputs.InputFile`) its tidy tables; prune the cache.

    Unreadable files get none (their sha256 stands for them in the keys) but
    keep their entry: the notebooks' :func:`cached_load` looks them up too.
    ``write=False`` (a dry run) reads the cache but neither adds nor removes entries.
    """
    entries = [_entry(cache_dir, f.sha256, Path(f.path)) for f in files]
    results = []
    for f in files:
        ds, problem = load_file(f.path, f.sha256, cache_dir, write)
        f.tidy, f.digests = ds, {}
        results.append((ds, problem))
    keep = {e.name for e in entries}
    if write and cache_dir.is_dir():
        keep.add(_write_combined(cache_dir, entries, results).name)
        for p in cache_dir.glob("*.pkl"):
            if p.name not in keep:
                p.unlink(missing_ok=True)


def cached_load(paths: list[Path]) -> tuple[Dataset, list[tuple[Path, Problem]]]:
    """:func:`~.inputs.load_inputs` through the run's cache (``OGPSTATS_TIDY_CACHE``) when set."""
    from .inputs import sha256_file

    folder = os.environ.get(TIDY_CACHE_ENV)
    cache_dir = Path(folder) if folder else None
    digests = [sha256_file(p) for p in paths] if cache_dir else []
    if cache_dir is not None:
        entries = [_entry(cache_dir, d, Path(p)) for p, d in zip(paths, digests)]
        hit = _read_combined(_combined_entry(cache_dir, entries))
        if hit is not None:
            return hit[0], [(Path(paths[i]), problem) for i, problem in hit[1]]
    parts: list[Dataset] = []
    unusable: list[tuple[Path, Problem]] = []
    for i, p in enumerate(paths):
        ds, problem = load_file(Path(p), digests[i], cache_dir) if cache_dir else _read(Path(p))
        if ds is not None:
            parts.append(ds)
        elif problem is not None:
            unusable.append((Path(p), problem))
    return Dataset.concat(parts), unusable


def _combined_entry(cache_dir: Path, entries: list[Path]) -> Path:
    """The entry of several files' tables joined (:meth:`Dataset.concat`), keyed by their own entries."""
    digest = hashlib.sha256("\n".join(e.name for e in entries).encode()).hexdigest()[:32]
    return cache_dir / f"combined-{digest}.pkl"


def _write_combined(cache_dir: Path, entries: list[Path],
                    results: list[tuple[Dataset | None, Problem | None]]) -> Path:
    """Write, unless it is there, what :func:`cached_load` gives for the files of ``entries`` (their tables
    or problem in ``results``): every report notebook of a run reads the same files, and joining them took
    each notebook 20 ms. Unusable files are kept by position."""
    entry = _combined_entry(cache_dir, entries)
    if not entry.exists():
        unusable = [(i, problem) for i, (ds, problem) in enumerate(results) if ds is None and problem is not None]
        _write_payload(entry, dataset=Dataset.concat([ds for ds, _ in results if ds is not None]), unusable=unusable)
    return entry


def _read_combined(entry: Path) -> tuple[Dataset, list[tuple[int, Problem]]] | None:
    payload = _read_payload(entry, "dataset", "unusable")
    return None if payload is None else (payload["dataset"], payload["unusable"])


def report_inputs(paths: list[Path], period: str) -> tuple[Dataset, list[tuple[Path, Problem]]]:
    """What a report for ``period`` reads: :func:`cached_load`, cut to the data up to the period (:mod:`.slices`)."""
    from .slices import upto

    everything, unusable = cached_load(paths)
    return upto(everything, period), unusable


def _read(path: Path) -> tuple[Dataset | None, Problem | None]:
    return load_file(path, "", None)


@contextmanager
def tidy_cache_env(jobs_list: list) -> Iterator[dict[str, str]]:
    """``OGPSTATS_TIDY_CACHE`` pointing at the run's cache while its kernels and workers start.

    The folder is ``<reports>/.tidy-cache`` of the jobs' final reports folder; yields the variables set.
    """
    outs = {j.final_out_dir for j in jobs_list if j.final_out_dir}
    if len(outs) != 1:
        yield {}
        return
    env = {TIDY_CACHE_ENV: str(Path(outs.pop()) / CACHE_DIR)}
    previous = os.environ.get(TIDY_CACHE_ENV)
    os.environ.update(env)
    try:
        yield env
    finally:
        if previous is None:
            os.environ.pop(TIDY_CACHE_ENV, None)
        else:
            os.environ[TIDY_CACHE_ENV] = previous
