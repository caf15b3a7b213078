"""Reports at the speed of the kernel (issue 13): per-period keys, the tidy cache, charts drawn once, progress.

The runs here use one-cell notebooks over a generated history
(``benchmarks/history.py``), so each takes seconds.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from ogpstats.io import load_dataset
from ogpstats.io.template import write_workbook
from ogpstats.reports import run_reports
from ogpstats.reports.datacache import TIDY_CACHE_ENV, cached_load
from ogpstats.reports.manifest import read_manifest
from ogpstats.reports.pool import resolve_jobs
from ogpstats.reports.progress import Progress
from ogpstats.reports.slices import digest, upto

from reports_support import ROOT, make_notebook

sys.path.insert(0, str(ROOT / "benchmarks"))
from history import assessments, half_years, write_history  # noqa: E402

# A notebook that shows what its Report sees: the round and how many assessments it may use.
PROBE = ["from ogpstats.reports.notebook import Report\n"
         "rep = Report(period=period, data_dir=data_dir, out_dir=out_dir, lang=lang, kind='nap')\n"
         "print(rep.round, len(rep.data.assessments), sorted(rep.data.rounds))"]


def probe_notebooks(folder: Path) -> Path:
    make_notebook(folder / "probe.ipynb", PROBE, ["nap"])
    return folder


def printed(out: Path, period: str) -> str:
    import nbformat

    nb = nbformat.read(str(out / period / "en" / "notebooks" / "probe.ipynb"), as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout")


@pytest.fixture
def history(tmp_path):
    data = tmp_path / "data"
    write_history(data, 2, kinds=("nap",))
    return data


def test_slice_keeps_the_data_up_to_the_period_and_its_digest_ignores_later_rounds(tmp_path):
    three = load_dataset(write_history(tmp_path / "a", 3, kinds=("nap",)))
    four = load_dataset(write_history(tmp_path / "b", 4, kinds=("nap",)))
    n_items = len(three.items)
    assert half_years(4) == ["2016-H1", "2016-H2", "2017-H1", "2017-H2"]
    # One assessment per measure and round: up to 2016-H2 that is two rounds' worth.
    assert len(upto(four, "2016-H2").assessments) == 2 * n_items
    assert upto(four, "2016-H2").rounds == ["2016-H1", "2016-H2"]
    assert len(upto(four, "latest").assessments) == 4 * n_items
    for period in half_years(3):
        assert digest(upto(three, period)) == digest(upto(four, period)), period
    assert digest(upto(three, "latest")) != digest(upto(four, "latest"))
    assert digest(upto(four, "2017-H1")) != digest(upto(four, "2017-H2"))


def test_kpi_actuals_of_later_years_are_left_out_and_a_kpi_keeps_its_row(tmp_path):
    ds = load_dataset([ROOT / "data" / "raw" / "srm_2016_2020.xlsx"])
    cut = upto(ds, "2016")
    assert set(cut.kpis["year"].dropna()) <= {2016}
    assert cut.kpis["kpi"].nunique() == ds.kpis["kpi"].nunique()
    gdp = cut.kpis[cut.kpis["kpi"] == "Real ÜDM-in artım tempi"]
    assert list(gdp["year"]) == [2016] and list(gdp["value"]) == [-3.1]


def test_appending_a_round_reruns_only_the_new_period_latest_and_the_index(history, tmp_path):
    nbdir, out = probe_notebooks(tmp_path / "nb"), tmp_path / "reports"
    first = run_reports("all", history, out, lang="en", notebooks_dir=nbdir, echo=False)
    assert sorted(first.ran) == ["2016-H1/en/probe", "2016-H2/en/probe", "latest/en/probe"]
    n_items = len(load_dataset([history / "nap_history.xlsx"]).items)
    assert printed(out, "2016-H1").split() == ["2016-H1", str(n_items), "['2016-H1']"]
    kept = {p: read_manifest(out / p / "en")["notebooks"]["probe"]["key"] for p in ("2016-H1", "2016-H2")}
    index_before = (out / "index.html").read_text("utf-8")

    write_history(history, 3, kinds=("nap",))  # the next round appended to the same workbook
    second = run_reports("all", history, out, lang="en", notebooks_dir=nbdir, echo=False)
    assert sorted(second.ran) == ["2017-H1/en/probe", "latest/en/probe"]
    assert sorted(second.skipped) == ["2016-H1/en/probe", "2016-H2/en/probe"]
    assert {p: read_manifest(out / p / "en")["notebooks"]["probe"]["key"] for p in kept} == kept
    assert printed(out, "latest").split() == ["2017-H1", str(3 * n_items), "['2016-H1',", "'2016-H2',", "'2017-H1']"]
    index_after = (out / "index.html").read_text("utf-8")
    assert "2017-H1" not in index_before and "2017-H1" in index_after


def test_editing_an_assessment_reruns_the_periods_from_its_round_on(history, tmp_path):
    write_history(history, 3, kinds=("nap",))
    nbdir, out = probe_notebooks(tmp_path / "nb"), tmp_path / "reports"
    run_reports("all", history, out, lang="en", notebooks_dir=nbdir, echo=False)
    ds = load_dataset([history / "nap_history.xlsx"])
    items = ds.items.reset_index(drop=True)
    a = assessments(list(items["item_id"]), half_years(3))
    row = a.index[(a["round"] == "2016-H2")][0]
    a.loc[row, ["level", "percent"]] = ["complete", 100.0]  # one status of 2016-H2 corrected
    write_workbook(history / "nap_history.xlsx", kind="nap", plan="NAP 2016-2018", items=items, assessments=a,
                   rounds=half_years(3))
    again = run_reports("all", history, out, lang="en", notebooks_dir=nbdir, echo=False)
    assert sorted(again.ran) == ["2016-H2/en/probe", "2017-H1/en/probe", "latest/en/probe"]
    assert again.skipped == ["2016-H1/en/probe"]


def test_the_notebooks_read_the_runs_tidy_cache(history, tmp_path, monkeypatch):
    from ogpstats.reports import InputsLost, datacache

    out = tmp_path / "reports"
    (history / "broken.xlsx").write_bytes(b"not a workbook")  # an unusable input is part of what is cached
    paths = [history / "broken.xlsx", history / "nap_history.xlsx"]
    fresh, fresh_unusable = cached_load(paths)  # no cache: both files read
    with pytest.raises(InputsLost):  # the run says so, and runs the notebook on the rest
        run_reports("latest", history, out, lang="en", notebooks_dir=probe_notebooks(tmp_path / "nb"), echo=False)
    cache = out / ".tidy-cache"
    per_file = sorted(p for p in cache.glob("*.pkl") if not p.name.startswith("combined-"))
    combined = list(cache.glob("combined-*.pkl"))
    assert len(per_file) == 2 and len(combined) == 1  # each file's tables, and the files' joined
    monkeypatch.setenv(TIDY_CACHE_ENV, str(cache))
    with monkeypatch.context() as m:  # the joined entry alone answers: no file entry is opened
        m.setattr(datacache, "load_file", lambda *a, **k: pytest.fail("a file's entry was read"))
        cached, unusable = cached_load(paths)
    assert digest(cached) == digest(fresh) and len(cached.items) == len(load_dataset(paths[1:]).items)
    assert [(p, u.code) for p, u in unusable] == [(p, u.code) for p, u in fresh_unusable] == [
        (history / "broken.xlsx", fresh_unusable[0][1].code)]
    # A damaged entry is not trusted: the files are read again.
    for entry in per_file + combined:
        entry.write_bytes(b"not a pickle")
    assert digest(cached_load(paths)[0]) == digest(fresh)


def test_progress_prints_plain_lines_without_control_characters():
    stream = io.StringIO()
    p = Progress(2, stream=stream)
    p.running(["latest/en/a"])
    p.running(["latest/en/a"])  # said once
    p.finished("latest/en/a", True, 1.25)
    p.running(["latest/en/b"])
    p.finished("latest/en/b", False, 0.5)
    p.close()
    lines = stream.getvalue().splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == [
        "running latest/en/a", "done latest/en/a in 1.2 s", "running latest/en/b", "FAILED latest/en/b in 0.5 s"]
    assert [line.split(" ", 1)[0] for line in lines] == ["[0/2", "[1/2", "[1/2", "[2/2"]
    assert not any(ch in stream.getvalue() for ch in "\r\x1b")


def test_jobs_auto_is_the_number_of_usable_cores():
    import os

    assert resolve_jobs("auto") == len(os.sched_getaffinity(0))
    assert resolve_jobs(3) == 3 and resolve_jobs("2") == 2


def test_a_chart_is_drawn_once_per_format_reproducibly_and_the_figure_is_left_as_it_was(small_plan, tmp_path):
    from PIL import Image

    from ogpstats import plots
    from ogpstats.indicators import compute_indicators

    ind = compute_indicators(*small_plan, by="commitment")
    fig = plots.levels_by_group(ind, lang="en")
    engine, dpi = fig.get_layout_engine(), fig.dpi
    a_paths, a = plots.save_chart(fig, tmp_path / "a", "x")
    b_paths, b = plots.save_chart(plots.levels_by_group(ind, lang="en"), tmp_path / "b", "x")
    assert (a.png, a.svg) == (b.png, b.svg)
    assert [p.read_bytes() for p in a_paths] == [a.png, a.svg]
    assert fig.get_layout_engine() is engine and fig.dpi == dpi  # the layout was frozen only for the SVG
    with Image.open(a_paths[0]) as png:
        width, height = fig.get_size_inches()
        assert png.size == (round(width * plots.PNG_DPI), round(height * plots.PNG_DPI))
        assert round(png.info["dpi"][0]) == plots.PNG_DPI
        assert png.mode == "RGB"  # opaque: no alpha channel to encode
        assert png.getpixel((0, 0)) == (255, 255, 255)  # the house style's white face
    svg_width = re.search(rb'<svg[^>]* width="([0-9.]+)pt"', a.svg)
    assert svg_width and float(svg_width.group(1)) == pytest.approx(width * 72)


def test_cli_jobs_takes_auto_and_refuses_other_words(history, tmp_path):
    from reports_support import cli

    bad = cli("report", "--data", str(history), "--out", str(tmp_path / "r"), "--jobs", "many")
    assert bad.returncode == 2 and "many" in bad.stderr and "Traceback" not in bad.stderr
    nbdir = probe_notebooks(tmp_path / "nb")
    ok = cli("report", "--data", str(history), "--out", str(tmp_path / "r"), "--jobs", "auto", "--lang", "en",
             "--notebooks", str(nbdir))
    assert ok.returncode == 0, ok.stderr
    # stderr is not a terminal here: plain progress lines, no bar, no control characters.
    assert re.search(r"^\[0/1 \d+:\d\d\] running latest/en/probe$", ok.stderr, re.M) and "\r" not in ok.stderr
    assert re.search(r"^\[1/1 \d+:\d\d\] done latest/en/probe in \d+\.\d s$", ok.stderr, re.M)
    assert f"{resolve_jobs('auto')} at a time" in ok.stderr


def test_a_report_computes_each_indicator_table_once_and_hands_out_copies(history, tmp_path, monkeypatch):
    from ogpstats.reports import notebook as nbmod

    calls = []
    real = nbmod.compute_indicators
    monkeypatch.setattr(nbmod, "compute_indicators", lambda *a, **k: calls.append(k) or real(*a, **k))
    rep = nbmod.Report(data_dir=history, out_dir=tmp_path, lang="en", kind="nap")
    first = rep.indicators()
    first.loc[0, "implementation_index"] = -1.0  # a notebook may change what it gets
    again = rep.indicators()
    assert len(calls) == 1 and again["implementation_index"].iloc[0] != -1.0
    assert again.equals(real(rep.data.items, rep.data.assessments, round=rep.round, scheme=rep.scheme))
    rep.indicators(by="commitment")
    assert [k["by"] for k in calls] == [None, "commitment"]


def test_a_kernel_started_ahead_has_imported_what_a_report_notebook_imports(tmp_path, monkeypatch):
    """Nothing heavy is left to import while a notebook runs: the spare kernel did it while it waited."""
    import json
    import subprocess

    from ogpstats.reports.inputs import find_inputs
    from ogpstats.reports.kernel import WARM_IMPORTS

    root = Path(__file__).resolve().parents[1]
    nb = json.loads((root / "notebooks" / "reports" / "nap_monitoring.ipynb").read_text("utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"]
             if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])]
    params = f"period = 'latest'; data_dir = {str(root / 'data' / 'raw')!r}; out_dir = {str(tmp_path)!r}; lang = 'az'"
    compiled = "sorted(k[1] for k in ogpstats.reports.templates.environment().cache.keys())"
    probe = "\n".join([
        "import sys, io, contextlib", WARM_IMPORTS, "before = set(sys.modules)", f"warm = {compiled}", params,
        "with contextlib.redirect_stdout(io.StringIO()):",
        *[f"    exec({cell!r})" for cell in cells],
        "roots = {m.split('.')[0] for m in before}",
        f"print(warm, sorted(set({compiled}) - set(warm)))",
        "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] == 'ogpstats'))",
        "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] not in roots))",
    ])
    # As in a run: the inputs were read once, into the run's tidy cache.
    monkeypatch.setenv(TIDY_CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    cached_load(find_inputs(root / "data" / "raw"))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    late = eval(lines[-1])  # noqa: S307 - our own subprocess's list
    assert late == []  # no package is first imported by the notebook (openpyxl and jinja2 were)
    assert eval(lines[-2]) == []  # noqa: S307 - nor a module of ogpstats (ogpstats.io imports on first use)
    warm, compiled_late = eval(lines[-3].replace("] [", "], ["))  # noqa: S307
    assert warm == ["fragments.html.j2", "table.html.j2"]
    assert compiled_late == []  # and no template is compiled while it runs


def test_the_kernel_pool_keeps_two_spares_so_a_short_notebook_does_not_stall_the_next(monkeypatch):
    from ogpstats.reports import kernel
    from ogpstats.reports.execute import Job
    from ogpstats.reports.pool import SPARE_KERNELS, KernelPool

    launched, stopped = [], []
    monkeypatch.setattr(kernel, "start_kernel", lambda name, cwd=None: launched.append((name, cwd)) or len(launched))
    monkeypatch.setattr(kernel, "stop_kernel", lambda km: stopped.append(km))

    def job(cwd: str) -> Job:
        return Job(notebook="n.ipynb", output="o.ipynb", html="o.html", title="t", lang="en", parameters={},
                   kernel_name="ogpstats", cwd=cwd)

    pool = KernelPool()
    assert pool.take(job("a")) == 1  # nothing ahead yet: launched now
    pool.prestart(job("a"), SPARE_KERNELS)
    assert launched == [("ogpstats", "a")] * 3 and SPARE_KERNELS == 2
    assert pool.take(job("a")) == 2  # the oldest spare first
    pool.prestart(job("a"), 1)  # one is still waiting: nothing more launched
    assert len(launched) == 3
    assert pool.take(job("b")) == 4 and stopped == [3]  # a spare for another folder is not used, but stopped
    pool.prestart(job("b"), 2)
    pool.close()
    assert stopped == [3, 5, 6]
