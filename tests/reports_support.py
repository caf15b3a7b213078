"""Shared helpers of the report tests: the suite run once per session, the hostile-title run, small notebooks.


One session fixture runs the whole notebook suite once on a copy of the
sample data in both languages, then once more unchanged and once forced with
two jobs; most tests read those outputs. Under pytest-xdist the first worker
that needs a shared run builds it (under a file lock, in the run's common
temporary folder) and the others load it (:func:`shared`): once per test
run, not once per worker. Tests that need other runs work on
copies (incremental runs over a copied report folder cost almost nothing) or
on a temporary notebooks folder with a copy of ``nap_monitoring`` or a tiny
notebook. Generic over the notebooks in ``notebooks/reports`` (their metadata
says what data they need), with specific checks for ``nap_monitoring``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from ogpstats.i18n import LANGS  # the suite runs --lang all: every language
from ogpstats.reports import (
    RunResult,
    discover_notebooks,
    run_reports,
)
from ogpstats.reports.inputs import describe_inputs

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
NOTEBOOKS = ROOT / "notebooks" / "reports"
NAP_FILE, SRM_FILE = "nap_2016_2018.xlsx", "srm_2016_2020.xlsx"


# --------------------------------------------------------------------------- helpers


_BUILT: dict[str, object] = {}


def shared(name: str, tmp_path_factory, build):
    """``build(folder)`` once per test run, also across pytest-xdist workers; its (picklable) result.

    Built once per process (the session fixtures and the browser tests share
    it). Without xdist the folder is a fresh session folder. With it, the
    folder and the pickled result live in the temporary folder all workers
    share; the first worker builds under a lock while the others wait, then
    load it.
    """
    if name not in _BUILT:
        _BUILT[name] = _build_shared(name, tmp_path_factory, build)
    return _BUILT[name]


def _build_shared(name: str, tmp_path_factory, build):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp(name))
    from filelock import FileLock

    root = tmp_path_factory.getbasetemp().parent
    done = root / f"{name}.pickle"
    with FileLock(str(root / f"{name}.lock")):
        if done.exists():
            return pickle.loads(done.read_bytes())
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        value = build(folder)
        done.write_bytes(pickle.dumps(value))
        return value


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path, *, skip: tuple[str, ...] = ("_logs",)) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder`` (hidden files included)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if p.is_file() and not (rel.parts and rel.parts[0] in skip):
            out[rel.as_posix()] = sha(p)
    return out


def assert_kept(folder: Path, names, old_manifest: dict, old_files: dict[str, str]) -> dict:
    """Each report of ``names`` in ``folder`` is its previous version: its manifest entry, and every file it
    lists byte for byte (``old_files``: a :func:`snapshot` taken before). Returns the folder's manifest now."""
    import json

    now = snapshot(folder)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    for name in names:
        entry = old_manifest["notebooks"][name]
        assert manifest["notebooks"][name] == entry
        for rel in [entry["html"], entry["executed"], *entry["charts"], *entry["tables"]]:
            assert now[rel] == old_files[rel], f"{folder.parent.name}/{folder.name}/{rel} changed"
    return manifest


def copy_reports(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


def png_dpi(path: Path) -> tuple[float, float]:
    """Horizontal and vertical resolution in dots per inch, read from the PNG's pHYs chunk."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"pHYs":
            x, y, unit = struct.unpack(">IIB", body)
            assert unit == 1, f"{path}: pHYs unit is not the metre"
            return x * 0.0254, y * 0.0254
        if kind == b"IEND":
            break
        pos += 12 + length
    raise AssertionError(f"{path}: no pHYs chunk (no resolution recorded)")


class Page(HTMLParser):
    """Tags with their attributes, and the text, of an HTML page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag]


def make_notebook(path: Path, code: list[str], requires: list[str], title: str = "") -> Path:
    """A small report notebook: a parameters cell, then ``code`` cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "ogpstats", "display_name": "ogpstats", "language": "python"},
                   "ogpstats": {"requires": requires, "order": 50, "title": title}}
    nb.cells = [nbformat.v4.new_code_cell('period = "latest"\ndata_dir = "."\nout_dir = "."\nlang = "en"',
                                          metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in code]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


FAILING_LINE = 'raise ValueError("deliberate failure in a test")'


def failing_nap_copy(folder: Path) -> Path:
    """``nap_monitoring`` with a failing cell inserted as cell 4 (after the heading cell)."""
    nb = nbformat.read(str(NOTEBOOKS / "nap_monitoring.ipynb"), as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(f"x = 1\n{FAILING_LINE}"))
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / "nap_monitoring.ipynb"))
    return folder


def nap_only_notebooks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(NOTEBOOKS / "nap_monitoring.ipynb", folder / "nap_monitoring.ipynb")
    return folder


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    """``ogpstats`` in a subprocess, as cron runs it."""
    return subprocess.run([sys.executable, "-m", "ogpstats.cli", *args], capture_output=True, text=True,
                          cwd=kw.pop("cwd", ROOT), timeout=kw.pop("timeout", 300), **kw)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("ogpstats:")]


def applicable(specs, kinds: set[str]) -> list[str]:
    return [s.name for s in specs if not s.requires or set(s.requires) & kinds]


# --------------------------------------------------------------------------- the shared suite run


@dataclass
class Suite:
    base: Path
    data: Path
    out: Path
    notebooks: Path
    specs: list
    expected: list[str]  # notebooks that apply to the sample data
    first: RunResult
    second: RunResult
    forced: RunResult
    snaps: dict[str, dict[str, str]] = field(default_factory=dict)
    raw_before: dict[str, str] = field(default_factory=dict)
    data_before: dict[str, str] = field(default_factory=dict)

    def folders(self):
        for lang in LANGS:
            yield lang, self.out / "latest" / lang


def build_suite(tmp_path_factory) -> Suite:
    """Run the whole suite once per session (shared with test_browser.py)."""
    return shared("suite", tmp_path_factory, _build_suite)


def _build_suite(base: Path) -> Suite:
    data = base / "data"
    shutil.copytree(RAW, data)
    raw_before, data_before = snapshot(RAW), snapshot(data)
    out = base / "reports"
    # A frozen copy of the notebooks: the tree is shared with people editing them while tests run.
    nbs = base / "notebooks"
    shutil.copytree(NOTEBOOKS, nbs, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    specs = discover_notebooks(nbs)
    kinds = {k for f in describe_inputs(data) for k in f.kinds}
    first = run_reports("latest", data, out, lang="all", notebooks_dir=nbs, echo=False)
    snap_first = snapshot(out)
    second = run_reports("latest", data, out, lang="all", notebooks_dir=nbs, echo=False)
    snap_second = snapshot(out)
    forced = run_reports("latest", data, out, lang="all", jobs=2, force=True, notebooks_dir=nbs, echo=False)
    snap_forced = snapshot(out)
    return Suite(base, data, out, nbs, specs, applicable(specs, kinds), first, second, forced,
                 {"first": snap_first, "second": snap_second, "forced": snap_forced}, raw_before, data_before)


def tags(period: str, names, langs=LANGS) -> list[str]:
    return sorted(f"{period}/{lg}/{n}" for lg in langs for n in names)


def edit_title(workbook: Path, titles: dict[str, str], dest: Path) -> Path:
    """Copy of a canonical NAP workbook with some measures retitled (openpyxl; the source is not touched)."""
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    ws = wb["Tədbirlər"]
    header = [c.value for c in ws[1]]
    id_col = header.index("№") + 1
    title_col = next(i for i, h in enumerate(header, 1) if h and h.startswith("Tədbirin adı"))
    done = set()
    for row in range(2, ws.max_row + 1):
        item = ws.cell(row=row, column=id_col).value
        if str(item) in titles:
            cell = ws.cell(row=row, column=title_col)
            cell.value = titles[str(item)]
            cell.data_type = "s"  # a title is text, even one that starts with '='
            done.add(str(item))
    assert done == set(titles), f"measures not found: {set(titles) - done}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest


# --------------------------------------------------------------------------- safety

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "eq": "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "plus": "+1+2",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
}

def build_safety(tmp_path_factory) -> dict:
    """The NAP report on a data copy where five overdue measures have hostile titles (shared with the browser test)."""
    return shared("safety", tmp_path_factory, _build_safety)


def _build_safety(base: Path) -> dict:
    from ogpstats.io import load_dataset
    from ogpstats.reports import analysis

    ds = load_dataset([RAW / NAP_FILE])
    overdue = analysis.overdue_items(ds.items, ds.assessments, "2018-H2")["item_id"].astype(str).tolist()
    chosen = dict(zip(overdue, HOSTILE.values()))
    raw_before = sha(RAW / NAP_FILE)
    data = base / "data"
    edit_title(RAW / NAP_FILE, chosen, data / NAP_FILE)
    data_before = snapshot(data)
    out = base / "reports"
    result = run_reports("latest", data, out, lang="all", notebooks_dir=nap_only_notebooks(base / "nb"),
                         echo=False)
    return {"out": out, "data": data, "titles": chosen, "result": result, "raw_before": raw_before,
            "data_before": data_before}
