"""The input files of a report run: which exist, their sha256, kind and rounds.

Reading a workbook takes a fraction of a second, hashing it a millisecond;
:func:`describe_inputs` keeps what it learnt per sha256 in a small cache so
an unchanged run does not read any workbook at all.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from ..model import Dataset
from ..rounds import rounds_in_order
from ..validate import Problem
from .atomic import atomic_write

INPUT_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
"""File types read from the data directory."""

CACHE_VERSION = 3
_HERE = "\x00"  # stands for the file's path in the cached lines: two files with the same bytes, or a renamed file


def _cached(line: str | None, path: Path) -> str | None:
    """A line about ``path`` as the cache keeps it (``path`` replaced by a marker)."""
    return _HERE + line[len(str(path)):] if line and line.startswith(str(path)) else line


def _named(line: str | None, path: Path) -> str | None:
    """A cached line about the file now at ``path``."""
    return str(path) + line[1:] if line and line.startswith(_HERE) else line

# The first columns of the CSV files that live beside the plans but are not plans: the report
# translations (issue 11, ``kind,key,az,en,ru``), header words (``field,lang,word``), a column map
# (``field,header``, normally ``<stem>.columns.csv``) and agency aliases (``alias,agency``).
NOT_PLAN_HEADERS: tuple[tuple[str, ...], ...] = (("kind", "key"), ("field", "lang", "word"), ("field", "word"),
                                                 ("field", "header"), ("alias", "agency"))
_SNIFF = 4096  # bytes read to see a CSV's header row


def is_side_file(path: Path) -> bool:
    """Whether a file of the data folder is a helper table rather than a plan (see ``NOT_PLAN_HEADERS``).

    A column map is known by its name (``*.columns.csv``); the others by the
    header row of the CSV. An unreadable file is not a side file: it is reported.
    """
    from ..io.column_map import SUFFIX

    name = path.name.lower()
    if name.endswith(SUFFIX):
        return True
    if not name.endswith(".csv"):
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(_SNIFF)
    except OSError:
        return False
    first = head.decode("utf-8-sig", errors="replace").splitlines()[0] if head.strip() else ""
    cells = tuple(c.strip().strip('"').strip().lower() for c in first.replace(";", ",").split(","))
    return any(cells[:len(h)] == h for h in NOT_PLAN_HEADERS)


def find_inputs(data_dir: str | Path) -> list[Path]:
    """The data files of a directory (not recursive), sorted by name.

    Hidden files, Office lock files (``~$…``), other types and the helper
    tables that are not plans (:func:`is_side_file`) are ignored.
    """
    d = Path(data_dir)
    if not d.is_dir():
        return []
    return sorted(
        (p for p in d.iterdir()
         if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith((".", "~$"))
         and not is_side_file(p)),
        key=lambda p: p.name,
    )


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class InputFile:
    """What a report run knows about one input file.

    Attributes
    ----------
    path : pathlib.Path
    sha256 : str
    kinds : list of str
        ``nap`` / ``srm`` / ``ogp`` found in the file (empty if unreadable).
    rounds : list of str
        Round ids assessed in the file, earliest first.
    error : str or None
        The one-line :class:`~ogpstats.validate.UnusableInput` message when
        the file cannot be read.
    errors : list of str
        The file's data errors, one line each as ``ogpstats validate``
        prints them; the reports built on the file are refused while any remain.
    """

    path: Path
    sha256: str
    kinds: list[str] = field(default_factory=list)
    rounds: list[str] = field(default_factory=list)
    error: str | None = None
    errors: list[str] = field(default_factory=list)
    tidy: Dataset | None = field(default=None, repr=False, compare=False)  # its tables (.datacache.attach_tidy)
    digests: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # of ``tidy`` by period

    @property
    def name(self) -> str:
        return self.path.name


def unreadable(path: Path, exc: BaseException) -> Problem:
    """The problem of a file that no reader could read (no permission, an I/O error, a reader's bug)."""
    from ..validate import UnusableInput

    detail = getattr(exc, "strerror", None) or f"{type(exc).__name__}: {exc}"
    return UnusableInput("file.unreadable", path, error=" ".join(str(detail).split())[:200]).problem


def one_line(problem: Problem, path: Path) -> str:
    """``file: text`` of an unusable file's problem."""
    return f"{problem.file or path}: {problem.message}"


def read_input(path: Path) -> tuple[Dataset | None, str | None]:
    """Load one file; ``(dataset, None)`` or ``(None, one-line error)``.

    Any failure is the file's, not the run's: one unreadable file (a CSV with
    a field over the csv module's limit, a reader's bug) must not stop the
    reports built from the other files.
    """
    from ..io import load_dataset
    from ..validate import UnusableInput

    try:
        return load_dataset([path]), None
    except UnusableInput as exc:
        return None, str(exc).splitlines()[0] if str(exc) else f"{path.name}: unusable input"
    except Exception as exc:  # noqa: BLE001 - the file is reported, the run goes on
        return None, one_line(unreadable(path, exc), path)


def _summarise(path: Path, digest: str) -> InputFile:
    ds, error = read_input(path)
    if ds is None:
        return InputFile(path, digest, error=error)
    from ..validate import errors

    kinds = sorted({k for k in ds.items["kind"].dropna().unique()})
    return InputFile(path, digest, kinds=kinds, rounds=ds.rounds, errors=[p.format() for p in errors(ds.problems)])


def describe_inputs(data_dir: str | Path, cache_file: str | Path | None = None) -> list[InputFile]:
    """Hash every input file and learn its kind and rounds (cached by sha256).

    Parameters
    ----------
    data_dir
        The data directory.
    cache_file
        JSON cache ``{sha256: {kinds, rounds, error, errors}}``; read and updated when given.
    """
    from .manifest import code_fingerprint

    code = code_fingerprint()  # a reader fix may change what a file yields
    cache: dict = {}
    if cache_file is not None:
        try:
            raw = json.loads(Path(cache_file).read_text("utf-8"))
            if raw.get("version") == CACHE_VERSION and raw.get("code") == code:
                cache = raw.get("files", {})
        except (OSError, ValueError, AttributeError):
            cache = {}
    out, changed = [], False
    for path in find_inputs(data_dir):
        try:
            digest = sha256_file(path)
        except OSError as exc:  # unreadable (permissions, I/O error): reported, never cached
            out.append(InputFile(path, "", error=one_line(unreadable(path, exc), path)))
            continue
        hit = cache.get(digest)
        if hit is not None:
            out.append(InputFile(path, digest, list(hit["kinds"]), list(hit["rounds"]), _named(hit.get("error"), path),
                                 [str(_named(e, path)) for e in hit.get("errors", [])]))
            continue
        info = _summarise(path, digest)
        cache[digest] = {"kinds": info.kinds, "rounds": info.rounds, "error": _cached(info.error, path),
                         "errors": [_cached(e, path) for e in info.errors]}
        changed = True
        out.append(info)
    if cache_file is not None and changed:
        known = {f.sha256 for f in out if f.sha256}
        payload = {"version": CACHE_VERSION, "code": code, "files": {k: v for k, v in cache.items() if k in known}}
        atomic_write(cache_file, json.dumps(payload, indent=1, sort_keys=True))
    return out


def rounds_of(files: list[InputFile], kind: str | None = None) -> list[str]:
    """Rounds in the files (of one kind, or all), earliest first."""
    return rounds_in_order(r for f in files if kind is None or kind in f.kinds for r in f.rounds)


def subset(ds: Dataset, kind: str) -> Dataset:
    """The part of a dataset that belongs to one kind (items, their assessments and KPIs)."""
    items = ds.items[ds.items["kind"] == kind].reset_index(drop=True)
    keys = pd.MultiIndex.from_frame(items[["plan", "item_id"]]) if len(items) else None
    if keys is not None:
        a_keys = pd.MultiIndex.from_frame(ds.assessments[["plan", "item_id"]])
        assessments = ds.assessments[a_keys.isin(keys)].reset_index(drop=True)
    else:
        assessments = ds.assessments.iloc[0:0]
    plans = set(items["plan"])
    kpis = ds.kpis[ds.kpis["plan"].isin(plans)].reset_index(drop=True)
    files = set(items["file"].astype(str))
    problems = [p for p in ds.problems if str(p.file) in files]
    return Dataset(items, assessments, kpis, problems, translations=ds.translations)


def load_inputs(paths: list[Path]) -> tuple[Dataset, list[tuple[Path, Problem]]]:
    """Load every file on its own, so one unreadable file does not hide the others.

    Returns
    -------
    dataset, unusable
        The concatenated dataset of the readable files, and ``(path, problem)``
        for each unreadable one (the :class:`~ogpstats.validate.UnusableInput`'s problem).
    """
    from ..io import load_dataset
    from ..validate import UnusableInput

    parts: list[Dataset] = []
    unusable: list[tuple[Path, Problem]] = []
    for p in paths:
        try:
            parts.append(load_dataset([Path(p)]))
        except UnusableInput as exc:  # kept as data: the report renders it in its language
            unusable.append((Path(p), exc.problem))
        except Exception as exc:  # noqa: BLE001 - one file's failure, listed like the others
            unusable.append((Path(p), unreadable(Path(p), exc)))
    return Dataset.concat(parts), unusable


def as_records(files: list[InputFile], root: Path | None = None) -> list[dict]:
    """JSON-ready description of input files (names relative to ``root`` when given)."""
    out = []
    for f in files:
        d = asdict(replace(f, tidy=None, digests={}))
        d.pop("tidy")
        d.pop("digests")
        d["path"] = os.path.relpath(f.path, root) if root else str(f.path)
        d["name"] = f.name
        out.append(d)
    return out
