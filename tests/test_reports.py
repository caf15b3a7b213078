"""The scheduler-grade report pipeline (issue 5): ``run_reports`` and ``ogpstats report``.

One session fixture runs the whole notebook suite once on a copy of the
sample data in both languages, then once more unchanged and once forced with
two jobs; most tests read those outputs. Tests that need other runs work on
copies (incremental runs over a copied report folder cost almost nothing) or
on a temporary notebooks folder with a copy of ``nap_monitoring`` or a tiny
notebook. Generic over the notebooks in ``notebooks/reports`` (their metadata
says what data they need), with specific checks for ``nap_monitoring``.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

import ogpstats
from ogpstats.i18n import messages
from ogpstats.reports import NotebookFailed, ReportsBusy, RunResult, discover_notebooks, run_reports
from ogpstats.reports.inputs import describe_inputs
from ogpstats.reports.lock import RunLock

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
NOTEBOOKS = ROOT / "notebooks" / "reports"
NAP_FILE, SRM_FILE = "nap_2016_2018.xlsx", "srm_2016_2020.xlsx"
LANGS = ("az", "en")


# --------------------------------------------------------------------------- helpers


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


_SUITE: Suite | None = None


def build_suite(tmp_path_factory) -> Suite:
    """Run the whole suite once per session (shared with test_browser.py)."""
    global _SUITE
    if _SUITE is None:
        base = tmp_path_factory.mktemp("suite")
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
        _SUITE = Suite(base, data, out, nbs, specs, applicable(specs, kinds), first, second, forced,
                       {"first": snap_first, "second": snap_second, "forced": snap_forced}, raw_before, data_before)
    return _SUITE


@pytest.fixture(scope="session")
def suite(tmp_path_factory) -> Suite:
    return build_suite(tmp_path_factory)


def tags(period: str, names, langs=LANGS) -> list[str]:
    return sorted(f"{period}/{lg}/{n}" for lg in langs for n in names)


# --------------------------------------------------------------------------- files and manifest


def test_first_run_runs_every_applicable_notebook_in_both_languages(suite):
    assert "nap_monitoring" in suite.expected
    assert sorted(suite.first.ran) == tags("latest", suite.expected)
    others = [s.name for s in suite.specs if s.name not in suite.expected]
    assert sorted(suite.first.not_applicable) == tags("latest", others)
    assert suite.first.skipped == []
    assert sorted(map(str, suite.first.folders)) == sorted(str(f) for _, f in suite.folders())


def test_report_folder_holds_html_charts_tables_notebooks_and_manifest(suite):
    for lang, folder in suite.folders():
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        assert sorted(manifest["notebooks"]) == sorted(suite.expected)
        listed = set()
        for name, entry in manifest["notebooks"].items():
            assert entry["html"] == f"{name}.html" and (folder / entry["html"]).stat().st_size > 1000
            assert entry["executed"] == f"notebooks/{name}.ipynb"
            charts, tables = entry["charts"], entry["tables"]
            assert sorted(c for c in charts if c.endswith(".png")) == sorted(
                c[:-4] + ".png" for c in charts if c.endswith(".svg")), f"{name}: every chart as PNG and SVG"
            assert sorted(t for t in tables if t.endswith(".csv")) == sorted(
                t[:-5] + ".csv" for t in tables if t.endswith(".xlsx")), f"{name}: every table as CSV and XLSX"
            for rel in charts + tables:
                assert rel.startswith(("charts/", "tables/")) and (folder / rel).stat().st_size > 0, rel
            listed |= set(charts + tables)
        on_disk = {p.relative_to(folder).as_posix() for d in ("charts", "tables") for p in (folder / d).glob("*")}
        assert on_disk == listed, "every chart/table file belongs to a notebook in the manifest"

    nap = json.loads((suite.out / "latest" / "en" / "manifest.json").read_text("utf-8"))["notebooks"]["nap_monitoring"]
    assert nap["charts"][:2] == ["charts/nap_levels_by_commitment.png", "charts/nap_levels_by_commitment.svg"]
    assert {"charts/nap_index_over_rounds.png", "charts/nap_index_over_rounds.svg"} <= set(nap["charts"])
    assert {"nap_by_commitment", "nap_overdue", "nap_changes", "nap_agency_scorecard"} <= {
        Path(t).stem for t in nap["tables"]}
    assert nap["round"] == "2018-H2"
    assert nap["thumbnail"] == "thumbs/nap_monitoring.png"


def test_executed_notebooks_are_executed_with_the_injected_parameters(suite):
    for lang, folder in suite.folders():
        for name in suite.expected:
            nb = nbformat.read(str(folder / "notebooks" / f"{name}.ipynb"), as_version=4)
            params = nb.metadata["papermill"]["parameters"]
            assert params["period"] == "latest" and params["lang"] == lang
            assert Path(params["data_dir"]) == suite.data.resolve()
            # Where the report lives, not the staging folder it ran in (gone after the swap).
            assert Path(params["out_dir"]) == suite.out.resolve()
            code = [c for c in nb.cells if c.cell_type == "code"]
            injected = [c for c in code if "injected-parameters" in c.metadata.get("tags", [])]
            assert len(injected) == 1 and f'out_dir = "{suite.out.resolve()}"' in injected[0].source
            for c in code:
                assert c.execution_count is not None, f"{name}: a cell was not executed"
                assert c.metadata["papermill"]["status"] == "completed"
                assert not [o for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_manifest_inputs_parameters_version_and_durations(suite):
    version = importlib.metadata.version("ogpstats")
    assert version == ogpstats.__version__
    for lang, folder in suite.folders():
        m = json.loads((folder / "manifest.json").read_text("utf-8"))
        assert m["ogpstats_version"] == version and m["period"] == "latest" and m["lang"] == lang
        names = sorted(i["name"] for i in m["inputs"])
        assert names == sorted({i["name"] for e in m["notebooks"].values() for i in e["inputs"]})
        assert NAP_FILE in names
        for record in m["inputs"]:
            assert record["sha256"] == hashlib.sha256((suite.data / record["name"]).read_bytes()).hexdigest()
        for name, entry in m["notebooks"].items():
            assert entry["parameters"] == {"period": "latest", "lang": lang}
            assert entry["notebook_sha256"] == sha(suite.notebooks / entry["notebook"])
            for i in entry["inputs"]:
                assert i["sha256"] == sha(suite.data / i["name"])
            assert entry["duration_seconds"] > 0
            assert m["durations"][name] == entry["duration_seconds"]
        nap_inputs = [i["name"] for i in m["notebooks"]["nap_monitoring"]["inputs"]]
        assert nap_inputs == [NAP_FILE], "the NAP report depends on the NAP workbook only"


# --------------------------------------------------------------------------- the HTML


def code_lines(notebook: Path) -> list[str]:
    nb = nbformat.read(str(notebook), as_version=4)
    return [line.strip() for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines()
            if len(line.strip()) >= 12]


def report_pages(suite):
    for lang, folder in suite.folders():
        for name in suite.expected:
            yield lang, name, folder / f"{name}.html"


def test_html_has_no_code(suite):
    import html as htmllib

    for lang, name, page in report_pages(suite):
        text = page.read_text("utf-8")
        parsed = Page(text)
        classes = " ".join(a.get("class") or "" for _, a in parsed.tags)
        for marker in ("jp-InputArea", "jp-InputPrompt", "jp-OutputPrompt", "jp-CodeCell", "input_area",
                       "input_prompt", "prompt", "highlight", "output_error", "jp-RenderedText"):
            assert marker not in classes, f"{page}: an element of class {marker!r}"
        assert not parsed.all("pre") and not parsed.all("code"), f"{page}: preformatted (code or stream) output"
        for marker in ("In&nbsp;[", "Out[", "Traceback"):
            assert marker not in text, f"{page}: {marker!r}"
        visible = " ".join(parsed.text)
        assert not re.search(r"\bimport\s+[A-Za-z_]", visible), f"{page}: an import statement"
        assert not re.search(r"^\s*(from \w+ import|def |rep\.)", visible, re.M), f"{page}: code"
        shown = "".join(parsed.text)  # the text a reader sees (syntax highlighting splits code into spans)
        for line in code_lines(suite.notebooks / f"{name}.ipynb"):
            assert line not in shown and htmllib.escape(line) not in text, f"{page}: code line {line!r}"


def test_html_is_self_contained(suite):
    for lang, name, page in report_pages(suite):
        text = page.read_text("utf-8")
        parsed = Page(text)
        imgs = parsed.all("img")
        manifest = json.loads((page.parent / "manifest.json").read_text("utf-8"))
        n_charts = sum(c.endswith(".png") for c in manifest["notebooks"][name]["charts"])
        assert len(imgs) >= n_charts, f"{page}: {len(imgs)} images for {n_charts} charts"
        for img in imgs:
            assert img["src"].startswith("data:image/png;base64,"), f"{page}: image not inline"
        for tag, attrs in parsed.tags:
            for key in ("src", "href", "srcset", "data", "action"):
                value = attrs.get(key)
                if value is None:
                    continue
                assert value.startswith(("data:", "#")), f"{page}: <{tag} {key}={value[:60]!r}> is not inline"
        assert not parsed.all("script") and not parsed.all("link") and not parsed.all("iframe")
        assert not re.search(r"url\(\s*['\"]?(?!data:)", text) and "@import" not in text
        assert f'<html lang="{lang}">' in text


def test_nap_report_content_in_each_language(suite):
    import pandas as pd

    from ogpstats.indicators import compute_indicators
    from ogpstats.io import load_dataset

    ds = load_dataset([suite.data / NAP_FILE])
    expected = compute_indicators(ds.items, ds.assessments, by="commitment", round="2018-H2", scheme="irm")
    for lang, folder in suite.folders():
        m = messages(lang)
        page = (folder / "nap_monitoring.html").read_text("utf-8")
        import html as htmllib

        assert f"<title>{htmllib.escape(m('nap.title'))}</title>" in page
        assert htmllib.escape(m("nap.title")) in page
        rows = list(csv.reader(open(folder / "tables" / "nap_by_commitment.csv", encoding="utf-8")))
        assert rows[0][0] == m("col.commitment") and m("col.n_items") in rows[0]
        got = pd.DataFrame(rows[1:], columns=rows[0])
        assert list(got.iloc[:, 0]) == [str(g) for g in expected["group"]]
        assert [int(x) for x in got[m("col.n_items")]] == list(expected["n_items"])
        assert [int(x) for x in got[m("col.complete")]] == list(expected["complete"])
        assert [float(x) for x in got[m("col.implementation_index")]] == pytest.approx(
            list(expected["implementation_index"]), abs=1e-6)
    assert sum(int(r) for r in expected["n_items"]) == 40


# --------------------------------------------------------------------------- charts


def test_png_charts_are_300_dpi_and_svgs_are_svg(suite):
    n = 0
    for _, folder in suite.folders():
        for png in (folder / "charts").glob("*.png"):
            x, y = png_dpi(png)
            assert round(x) == 300 and round(y) == 300, f"{png}: {x:.1f} x {y:.1f} dpi"
            n += 1
        for svg in (folder / "charts").glob("*.svg"):
            assert ET.parse(svg).getroot().tag.endswith("svg")
    assert n >= 4


def test_charts_are_byte_identical_between_two_forced_runs(suite):
    first, forced = suite.snaps["first"], suite.snaps["forced"]
    charts = [p for p in first if "/charts/" in p and p.endswith((".png", ".svg"))]
    assert len(charts) >= 8
    assert {p: first[p] for p in charts} == {p: forced.get(p) for p in charts}


def test_every_report_output_but_the_run_records_is_identical_between_runs(suite):
    """HTML, tables and thumbnails too: a re-run on the same inputs changes no byte a reader sees."""
    first, forced = suite.snaps["first"], suite.snaps["forced"]
    outputs = [p for p in first if p.startswith("latest/") and not p.endswith("/manifest.json")
               and "/notebooks/" not in p]
    assert any(p.endswith(".html") for p in outputs) and any(p.endswith(".xlsx") for p in outputs)
    changed = [p for p in outputs if first[p] != forced.get(p)]
    assert changed == []


def test_forced_run_with_two_jobs_runs_everything(suite):
    assert sorted(suite.forced.ran) == sorted(suite.first.ran)
    assert suite.forced.skipped == []


# --------------------------------------------------------------------------- index


def test_index_links_every_period_and_language_with_existing_thumbnails(suite):
    index = suite.out / "index.html"
    parsed = Page(index.read_text("utf-8"))
    hrefs = {a["href"] for a in parsed.all("a")}
    srcs = {i["src"] for i in parsed.all("img")}
    for lang, folder in suite.folders():
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        for name, entry in manifest["notebooks"].items():
            assert f"latest/{lang}/{name}.html" in hrefs
            if entry["charts"]:
                assert entry["thumbnail"] and f"latest/{lang}/{entry['thumbnail']}" in srcs
    for ref in hrefs | srcs:
        assert not re.match(r"^[a-z]+:|^/|\.\.", ref), f"index: {ref} is not a relative link inside reports/"
        assert (suite.out / ref).is_file(), f"index: {ref} does not exist"
    for src in srcs:
        assert (suite.out / src).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not parsed.all("script")


# --------------------------------------------------------------------------- incremental


def test_second_run_with_nothing_changed_runs_no_notebook_and_rewrites_nothing(suite):
    assert suite.second.ran == []
    assert sorted(suite.second.skipped) == sorted(suite.first.ran)
    assert suite.snaps["second"] == suite.snaps["first"]


def test_each_run_has_its_own_log_file(suite):
    logs = [suite.first.log_file, suite.second.log_file, suite.forced.log_file]
    assert len(set(logs)) == 3
    for path, result in zip(logs, (suite.first, suite.second, suite.forced)):
        assert path.parent == suite.out / "_logs"
        assert f"reports: {len(result.ran)} notebook(s) run" in path.read_text("utf-8")


def test_inputs_are_never_modified(suite):
    assert snapshot(suite.data) == suite.data_before
    assert snapshot(RAW) == suite.raw_before


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


def test_changing_an_input_reruns_exactly_the_notebooks_that_use_it(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    data = tmp_path / "data"
    shutil.copytree(suite.data, data)
    users = {lang: sorted(n for n, e in json.loads((out / "latest" / lang / "manifest.json").read_text("utf-8"))
                          ["notebooks"].items() if NAP_FILE in {i["name"] for i in e["inputs"]})
             for lang in LANGS}
    edit_title(RAW / NAP_FILE, {"1.1": "Elektron xidmətlərin sayının artırılması (yenilənib)"}, data / NAP_FILE)
    result = run_reports("latest", data, out, lang="all", notebooks_dir=suite.notebooks, echo=False)
    ran = sorted(result.ran)
    assert ran == sorted(f"latest/{lg}/{n}" for lg in LANGS for n in users[lg])
    assert "latest/en/nap_monitoring" in ran
    assert sorted(result.skipped) == sorted(set(suite.first.ran) - set(ran))
    manifest = json.loads((out / "latest" / "en" / "manifest.json").read_text("utf-8"))
    assert {i["name"]: i["sha256"] for i in manifest["inputs"]}[NAP_FILE] == sha(data / NAP_FILE)


# --------------------------------------------------------------------------- data errors


def test_data_errors_refuse_the_reports_built_on_that_data_and_keep_the_previous_ones(suite, tmp_path):
    from openpyxl import load_workbook

    out = copy_reports(suite.out, tmp_path / "reports")
    data = tmp_path / "data"
    shutil.copytree(suite.data, data)
    wb = load_workbook(data / NAP_FILE)
    wb["Qiymətləndirmə"]["C3"] = "icra olunb"  # a typo: the one data error
    wb.save(data / NAP_FILE)
    refused = sorted(s.name for s in suite.specs if "nap" in s.requires and s.name in suite.expected)
    assert "nap_monitoring" in refused and "data_quality" not in refused
    before = {lang: json.loads((out / "latest" / lang / "manifest.json").read_text("utf-8")) for lang in LANGS}
    old = {lang: snapshot(out / "latest" / lang) for lang in LANGS}
    proc = cli("report", "--data", str(data), "--out", str(out), "--notebooks", str(suite.notebooks))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    # The line `ogpstats validate` prints, then the one-line reason.
    assert f"{data / NAP_FILE}: Qiymətləndirmə!C3: error: unknown status word 'icra olunb'" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == (
        f"ogpstats: 1 error(s) in the input data: {len(refused) * len(LANGS)} report(s) not regenerated "
        "(the previous ones are kept; the data quality report lists the errors)")
    for lang in LANGS:
        folder = out / "latest" / lang
        now = snapshot(folder)
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        for name in refused:
            entry = before[lang]["notebooks"][name]
            assert manifest["notebooks"][name] == entry
            for rel in [entry["html"], entry["executed"], *entry["charts"], *entry["tables"]]:
                assert now[rel] == old[lang][rel], f"{lang}/{rel} changed"
        assert manifest["notebooks"]["data_quality"]["inputs"][0] == {"name": NAP_FILE, "sha256": sha(data / NAP_FILE)}
        assert "icra olunb" in (folder / "data_quality.html").read_text("utf-8")


# --------------------------------------------------------------------------- missing SRM


def test_missing_srm_workbook_skips_the_srm_reports_with_a_note(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(suite.data / NAP_FILE, data / NAP_FILE)
    result = run_reports("latest", data, out, lang="all", notebooks_dir=suite.notebooks, echo=False)  # returns: no error
    srm_only = [s.name for s in suite.specs if s.requires and set(s.requires) <= {"srm"}]
    nap_only = [s.name for s in suite.specs if s.requires and set(s.requires) <= {"nap"}]
    assert sorted(result.not_applicable) == tags("latest", srm_only + [
        s.name for s in suite.specs if s.requires and not set(s.requires) & {"nap", "srm"}])
    assert set(tags("latest", nap_only)) <= set(result.skipped), "NAP reports are unchanged"
    for name in srm_only:
        assert any(name in n and "Strategic Road Map" in n for n in result.notes)
        for lang in LANGS:
            m = json.loads((out / "latest" / lang / "manifest.json").read_text("utf-8"))
            assert name in m["skipped"] and name not in m["notebooks"]
            assert not (out / "latest" / lang / f"{name}.html").exists()


def test_a_kernelspec_of_the_same_name_elsewhere_does_not_shadow_the_environments_own(tmp_path):
    # JUPYTER_PATH (like ~/.local/share/jupyter) is searched before the environment's folder:
    # an "ogpstats" kernel there that cannot start must not be the one the reports run on.
    impostor = tmp_path / "jupyter" / "kernels" / "ogpstats"
    impostor.mkdir(parents=True)
    (impostor / "kernel.json").write_text(json.dumps(
        {"argv": [sys.executable, "-c", "raise SystemExit(3)", "{connection_file}"], "display_name": "impostor",
         "language": "python"}), "utf-8")
    nbdir = tmp_path / "nb"
    make_notebook(nbdir / "probe.ipynb", ["import sys, ogpstats\nprint(sys.executable)"], [])
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(RAW / NAP_FILE, data / NAP_FILE)
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter")}
    proc = cli("report", "--data", str(data), "--out", str(tmp_path / "reports"), "--lang", "en",
               "--notebooks", str(nbdir), env=env)
    assert proc.returncode == 0, proc.stderr
    executed = nbformat.read(str(tmp_path / "reports" / "latest" / "en" / "notebooks" / "probe.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert printed.strip() == sys.executable


def test_missing_srm_through_the_cli_exits_0_with_a_note(tmp_path):
    nbdir = nap_only_notebooks(tmp_path / "nb")
    make_notebook(nbdir / "srm_probe.ipynb", ["print('srm')"], ["srm"])
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(RAW / NAP_FILE, data / NAP_FILE)
    out = tmp_path / "reports"
    # Relative paths, as `make reports` and the crontab line give them.
    proc = cli("report", "--data", "data", "--out", "reports", "--lang", "en", "--notebooks", "nb", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "note: srm_probe skipped: no Strategic Road Map (srm) workbook in the data" in proc.stderr
    assert "Traceback" not in proc.stderr
    m = json.loads((out / "latest" / "en" / "manifest.json").read_text("utf-8"))
    assert list(m["notebooks"]) == ["nap_monitoring"] and m["skipped"]["srm_probe"]["message_key"] == "srm.missing"
    assert messages("en")("srm.missing") in (out / "index.html").read_text("utf-8")


# --------------------------------------------------------------------------- atomic


def test_failing_notebook_leaves_the_previous_report_untouched(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    index_before = sha(out / "index.html")
    nbdir = failing_nap_copy(tmp_path / "nb")
    with pytest.raises(NotebookFailed) as info:
        run_reports("latest", suite.data, out, lang="en", notebooks_dir=nbdir, echo=False)
    message = str(info.value)
    assert "\n" not in message
    assert "nap_monitoring.ipynb [latest/en] failed at cell 4 (x = 1): ValueError: deliberate failure in a test" \
        in message
    kept = out / "_failed" / "latest" / "en" / "nap_monitoring.ipynb"
    assert str(kept) in message and info.value.failures[0]["cell"] == 4
    nb = nbformat.read(str(kept), as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert [e["ename"] for e in errors] == ["ValueError"]
    assert snapshot(out / "latest") == before, "the previous report must stay byte-identical"
    assert sha(out / "index.html") == index_before
    assert not list(out.glob(".staging-*")) and not (out / ".lock").exists()

    # Fixed notebook: the run succeeds and the kept failure is removed.
    nap_only_notebooks(nbdir)
    result = run_reports("latest", suite.data, out, lang="en", notebooks_dir=nbdir, echo=False)
    assert result.skipped == ["latest/en/nap_monitoring"] and not kept.exists()


def test_failing_notebook_through_the_cli_exits_1_naming_the_cell(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    nbdir = failing_nap_copy(tmp_path / "nb")
    proc = cli("report", "--data", str(suite.data), "--out", str(out), "--lang", "en", "--notebooks", str(nbdir))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    [line] = error_lines(proc.stderr)
    assert "failed at cell 4 (x = 1): ValueError: deliberate failure in a test" in line
    assert snapshot(out / "latest") == before


def test_per_cell_timeout_fails_the_notebook_naming_the_cell(tmp_path):
    nbdir = tmp_path / "nb"
    make_notebook(nbdir / "slow.ipynb", ["import time\ntime.sleep(120)"], [])
    out = tmp_path / "reports"
    proc = cli("report", "--data", str(RAW), "--out", str(out), "--lang", "en", "--notebooks", str(nbdir),
               "--timeout", "2")
    assert proc.returncode == 1
    # The kernel's own complaints about being stopped go to the kernels log, not to cron's mail.
    assert "Traceback" not in proc.stderr, proc.stderr
    [line] = error_lines(proc.stderr)
    assert "slow.ipynb [latest/en] failed at cell 2 (import time): CellTimeoutError:" in line
    assert "timed out" in line and "after 2 seconds" in line
    assert not (out / "latest").exists()
    assert (out / "_failed" / "latest" / "en" / "slow.ipynb").exists()
    assert list((out / "_logs").glob("run-*.kernels.log"))


def test_killed_run_leaves_no_half_written_report(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    proc = subprocess.Popen([sys.executable, "-m", "ogpstats.cli", "report", "--data", str(suite.data),
                             "--out", str(out), "--lang", "en", "--force", "--notebooks", str(suite.notebooks)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".staging-*/latest/en/notebooks/*.ipynb")):  # a notebook is executing
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no staging folder appeared"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its kernels, as the OOM killer or kill -9 would
        proc.wait()
    assert snapshot(out / "latest", skip=()) == before
    assert list(out.glob(".staging-*")) and (out / ".lock").exists()

    result = run_reports("latest", suite.data, out, lang="en", notebooks_dir=suite.notebooks, echo=False)
    assert result.ran == [] and sorted(result.skipped) == tags("latest", suite.expected, ["en"])
    assert any(f"stale lock left by PID {proc.pid}" in n for n in result.notes)
    assert not list(out.glob(".staging-*")) and not (out / ".lock").exists()
    assert snapshot(out / "latest") == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_terminated_run_exits_1_with_one_line_and_keeps_the_report(suite, tmp_path, jobs):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest")
    proc = subprocess.Popen([sys.executable, "-m", "ogpstats.cli", "report", "--data", str(suite.data),
                             "--out", str(out), "--lang", "en", "--force", "--jobs", jobs, "--notebooks", str(suite.notebooks)],
                            cwd=ROOT, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".staging-*/latest/en/notebooks/*.ipynb")):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)  # what systemd sends on stop
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr
    [line] = error_lines(stderr)
    assert "interrupted" in line
    assert snapshot(out / "latest") == before
    assert not (out / ".lock").exists()


def test_swap_interrupted_between_renames_is_restored(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    before = snapshot(out / "latest" / "en")
    os.rename(out / "latest" / "en", out / "latest" / ".en.old-999999")
    result = run_reports("latest", suite.data, out, lang="en", notebooks_dir=suite.notebooks, echo=False)
    assert result.ran == []
    assert any("restored" in n for n in result.notes)
    assert snapshot(out / "latest" / "en") == before
    assert not (out / "latest" / ".en.old-999999").exists()


# --------------------------------------------------------------------------- lock


def test_concurrent_run_with_no_wait_fails_clearly_while_the_lock_is_held(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    with RunLock(out / ".lock"):
        with pytest.raises(ReportsBusy) as info:
            run_reports("latest", suite.data, out, lang="all", no_wait=True, notebooks_dir=suite.notebooks, echo=False)
        message = str(info.value)
        assert "\n" not in message
        assert f"another report run (PID {os.getpid()}) is writing to {out}" in message
        proc = cli("report", "--data", str(suite.data), "--out", str(out), "--no-wait", "--notebooks", str(suite.notebooks))
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        [line] = error_lines(proc.stderr)
        assert f"another report run (PID {os.getpid()})" in line
    assert not (out / ".lock").exists()


def test_concurrent_run_without_no_wait_waits_for_the_lock(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    lock = RunLock(out / ".lock").acquire()
    timer = threading.Timer(1.0, lock.release)
    timer.start()
    try:
        result = run_reports("latest", suite.data, out, lang="all", notebooks_dir=suite.notebooks, echo=False)
    finally:
        timer.join()
    assert result.ran == [] and len(result.skipped) == len(suite.first.ran)
    assert f"waiting for the report run with PID {os.getpid()}" in result.log_file.read_text("utf-8")


def test_stale_lock_of_a_dead_process_is_cleared(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / ".lock").write_text(f"{dead.pid}\n")
    result = run_reports("latest", suite.data, out, lang="all", no_wait=True, notebooks_dir=suite.notebooks, echo=False)
    assert any(f"stale lock left by PID {dead.pid}" in n for n in result.notes)
    assert not (out / ".lock").exists()


# --------------------------------------------------------------------------- periods and parallel kernels


def test_period_all_writes_a_folder_per_round_in_parallel(tmp_path):
    from ogpstats.reports.kernel import IPCKernelManager

    assert IPCKernelManager().transport == "ipc"  # no TCP ports to clash over
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(RAW / NAP_FILE, data / NAP_FILE)
    out = tmp_path / "reports"
    result = run_reports("all", data, out, lang="en", jobs=3, notebooks_dir=nap_only_notebooks(tmp_path / "nb"),
                         echo=False)
    periods = ["2016-H2", "2017-H1", "2017-H2", "2018-H1", "2018-H2", "latest"]
    assert sorted(result.ran) == sorted(f"{p}/en/nap_monitoring" for p in periods)
    m = messages("en")
    index = Page((out / "index.html").read_text("utf-8"))
    hrefs = {a["href"] for a in index.all("a")}
    for p in periods:
        manifest = json.loads((out / p / "en" / "manifest.json").read_text("utf-8"))
        assert manifest["period"] == p
        entry = manifest["notebooks"]["nap_monitoring"]
        assert entry["parameters"] == {"period": p, "lang": "en"}
        assert entry["round"] == ("2018-H2" if p == "latest" else p)
        assert f"{p}/en/nap_monitoring.html" in hrefs
    assert m("report.first_round") in (out / "2016-H2" / "en" / "nap_monitoring.html").read_text("utf-8")
    assert m("report.first_round") not in (out / "2018-H2" / "en" / "nap_monitoring.html").read_text("utf-8")
    # The same round shown twice (2018-H2 and latest) gives the same charts.
    for chart in ("nap_levels_by_commitment.png", "nap_index_over_rounds.svg"):
        assert sha(out / "2018-H2" / "en" / "charts" / chart) == sha(out / "latest" / "en" / "charts" / chart)


# --------------------------------------------------------------------------- safety

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "eq": "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "plus": "+1+2",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
}

_SAFETY: dict | None = None


def build_safety(tmp_path_factory) -> dict:
    """The NAP report on a data copy where five overdue measures have hostile titles (shared with the browser test)."""
    global _SAFETY
    if _SAFETY is None:
        from ogpstats.io import load_dataset
        from ogpstats.reports import analysis

        base = tmp_path_factory.mktemp("safety")
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
        _SAFETY = {"out": out, "data": data, "titles": chosen, "result": result, "raw_before": raw_before,
                   "data_before": data_before}
    return _SAFETY


@pytest.fixture(scope="session")
def safety(tmp_path_factory) -> dict:
    return build_safety(tmp_path_factory)


def test_hostile_title_is_escaped_in_the_html(safety):
    assert sorted(safety["result"].ran) == tags("latest", ["nap_monitoring"])
    for lang in LANGS:
        page = (safety["out"] / "latest" / lang / "nap_monitoring.html").read_text("utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert" not in page and "<script" not in page.lower()


def test_formula_like_titles_are_neutralised_in_csv_and_xlsx(safety):
    from openpyxl import load_workbook

    hostile = [t for t in safety["titles"].values() if t[0] in "=+-@"]
    assert len(hostile) == 4
    for lang in LANGS:
        tables = safety["out"] / "latest" / lang / "tables"
        cells = [c for row in csv.reader(open(tables / "nap_overdue.csv", encoding="utf-8")) for c in row]
        for title in hostile:
            assert "'" + title in cells, f"{lang} CSV: {title!r} not neutralised"
            assert title not in cells
        for xlsx in tables.glob("*.xlsx"):
            ws = load_workbook(xlsx).active
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", f"{xlsx.name}!{c.coordinate}: a formula"
                    if isinstance(c.value, str):
                        assert not c.value.startswith(("=", "+", "-", "@")), f"{xlsx.name}!{c.coordinate}"
        values = [c.value for row in load_workbook(tables / "nap_overdue.xlsx").active.iter_rows() for c in row]
        for title in hostile:
            assert "'" + title in values


def test_inputs_are_unchanged_by_a_run_on_hostile_data(safety):
    assert snapshot(safety["data"]) == safety["data_before"]
    assert sha(RAW / NAP_FILE) == safety["raw_before"]


# --------------------------------------------------------------------------- CLI


def test_cli_success_exit_0(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    proc = cli("report", "--period", "latest", "--lang", "all", "--data", str(suite.data), "--out", str(out),
               "--notebooks", str(suite.notebooks))
    assert proc.returncode == 0, proc.stderr
    # Not "0 run": a fresh process fingerprints the ogpstats code again, which others may be editing.
    assert re.search(rf"reports: \d+ notebook\(s\) run, \d+ unchanged, \d+ not applicable, 0 refused for data errors, 0 failed -> {re.escape(str(out))}",
                     proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr and not error_lines(proc.stderr)


@pytest.mark.parametrize("args, needle", [
    (["--period", "someday"], "--period"),
    (["--lang", "fr"], "--lang"),
    (["--jobs", "0"], "--jobs"),
    (["--timeout", "0"], "--timeout"),
    (["--bogus"], "--bogus"),
])
def test_cli_usage_errors_exit_2(tmp_path, args, needle):
    proc = cli("report", "--out", str(tmp_path / "r"), *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert needle in proc.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "r").exists()


def test_cli_missing_data_or_notebooks_exit_2_with_one_line(tmp_path):
    proc = cli("report", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert error_lines(proc.stderr) == [f"ogpstats: {tmp_path / 'nowhere'}: no such data directory"]
    proc = cli("report", "--notebooks", str(tmp_path / "none"), "--out", str(tmp_path / "r"))
    assert proc.returncode == 2
    assert error_lines(proc.stderr) == [f"ogpstats: {tmp_path / 'none'}: no such notebooks directory"]


def test_cli_period_before_any_data_exits_1_with_one_line(tmp_path):
    proc = cli("report", "--period", "2010-H1", "--out", str(tmp_path / "r"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    [line] = error_lines(proc.stderr)
    assert "no monitoring round at or before 2010-H1" in line
