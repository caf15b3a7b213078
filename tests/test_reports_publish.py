"""The report folders a run publishes: files, manifest, executed notebooks, incremental runs, data errors, missing SRM.

The session runs come from :mod:`reports_support` (built once, shared by these files and test_browser.py).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

import ogpstats
from ogpstats.i18n import messages
from ogpstats.reports import (
    InputsLost,
    run_reports,
)

from reports_support import (
    LANGS,
    NAP_FILE,
    RAW,
    SRM_FILE,
    assert_kept,
    cli,
    copy_reports,
    edit_title,
    make_notebook,
    nap_only_notebooks,
    sha,
    snapshot,
    tags,
)

# --------------------------------------------------------------------------- files and manifest


def test_first_run_runs_every_applicable_notebook_in_both_languages(suite):
    assert "nap_monitoring" in suite.expected
    assert sorted(suite.first.ran) == tags("latest", suite.expected)
    others = [s.name for s in suite.specs if s.name not in suite.expected]
    assert sorted(suite.first.not_applicable) == tags("latest", others)
    assert suite.first.skipped == []
    assert sorted(map(str, suite.first.folders)) == sorted(str(f) for _, f in suite.folders())


def test_report_folder_holds_html_charts_tables_notebooks_and_manifest(suite):
    for _lang, folder in suite.folders():
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
        manifest = assert_kept(folder, refused, before[lang], old[lang])
        assert manifest["notebooks"]["data_quality"]["inputs"][0] == {"name": NAP_FILE, "sha256": sha(data / NAP_FILE)}
        assert "icra olunb" in (folder / "data_quality.html").read_text("utf-8")


# --------------------------------------------------------------------------- a published report stays published


def test_a_workbook_turned_corrupt_keeps_its_reports_and_exits_2(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    data = tmp_path / "data"
    shutil.copytree(suite.data, data)
    built_on_nap = sorted(s.name for s in suite.specs if "nap" in s.requires and s.name in suite.expected)
    assert {"nap_monitoring", "donor_brief"} <= set(built_on_nap)
    before = {lang: snapshot(out / "latest" / lang) for lang in LANGS}
    manifests = {lang: json.loads((out / "latest" / lang / "manifest.json").read_text("utf-8")) for lang in LANGS}
    raw = (data / NAP_FILE).read_bytes()
    (data / NAP_FILE).write_bytes(raw[: len(raw) // 2])  # a half-synced file
    proc = cli("report", "--data", str(data), "--out", str(out), "--notebooks", str(suite.notebooks))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    [line] = [ln for ln in proc.stderr.splitlines() if ln.startswith(f"{data / NAP_FILE}: ")]
    assert "corrupt" in line or "not a" in line, line
    assert proc.stderr.strip().splitlines()[-1] == (
        f"ogpstats: 1 input file(s) gone or unusable: {len(built_on_nap) * len(LANGS)} report(s) built from them "
        "kept at their last good version (--prune removes the reports of inputs that are gone); "
        "the other reports are up to date")
    for lang in LANGS:
        folder = out / "latest" / lang
        manifest = assert_kept(folder, built_on_nap, manifests[lang], before[lang])
        # The data quality report is regenerated and lists the file.
        dq = manifest["notebooks"]["data_quality"]
        assert {"name": NAP_FILE, "sha256": sha(data / NAP_FILE)} in dq["inputs"]
        assert NAP_FILE in (folder / "data_quality.html").read_text("utf-8")
    # The dry run says the same, and nothing changes until the file is back.
    dry = cli("report", "--dry-run", "--lang", "en", "--data", str(data), "--out", str(out),
              "--notebooks", str(suite.notebooks))
    assert dry.returncode == 0 and (f"latest/en/nap_monitoring: kept (input unusable: {NAP_FILE}; "
                                    "the previous report is kept)") in dry.stdout.splitlines()


def test_missing_srm_workbook_keeps_the_srm_reports_until_pruned(suite, tmp_path):
    out = copy_reports(suite.out, tmp_path / "reports")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(suite.data / NAP_FILE, data / NAP_FILE)
    srm_only = [s.name for s in suite.specs if s.requires and set(s.requires) <= {"srm"}]
    nap_only = [s.name for s in suite.specs if s.requires and set(s.requires) <= {"nap"}]
    assert srm_only and nap_only
    before = {lang: snapshot(out / "latest" / lang) for lang in LANGS}
    # The SRM workbook vanished: its reports stay as they were, the run says so (exit 2).
    with pytest.raises(InputsLost) as lost:
        run_reports("latest", data, out, lang="all", notebooks_dir=suite.notebooks, echo=False)
    assert lost.value.exit_code == 2 and lost.value.lines == [f"{data / SRM_FILE}: no such file"]
    for lang in LANGS:
        m = json.loads((out / "latest" / lang / "manifest.json").read_text("utf-8"))
        for name in srm_only:
            assert name in m["notebooks"] and name not in m["skipped"]
            assert snapshot(out / "latest" / lang)[f"{name}.html"] == before[lang][f"{name}.html"]
    # --prune: removing reports is explicit; then the SRM reports are not applicable, with a note.
    result = run_reports("latest", data, out, lang="all", notebooks_dir=suite.notebooks, echo=False, prune=True)
    assert sorted(result.not_applicable) == tags("latest", srm_only + [
        s.name for s in suite.specs if s.requires and not set(s.requires) & {"nap", "srm"}])
    assert set(tags("latest", nap_only)) <= set(result.skipped), "NAP reports are unchanged"
    for name in srm_only:
        assert any(name in n and "Strategic Road Map" in n for n in result.notes)
        for lang in LANGS:
            m = json.loads((out / "latest" / lang / "manifest.json").read_text("utf-8"))
            assert name in m["skipped"] and name not in m["notebooks"]
            assert not (out / "latest" / lang / f"{name}.html").exists()
    # Pruned: the next run has nothing to say (exit 0).
    again = run_reports("latest", data, out, lang="all", notebooks_dir=suite.notebooks, echo=False)
    assert again.ran == [] and again.kept == []


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




# --------------------------------------------------------------------------- a full disk


def _small_run(tmp_path):
    nbdir = tmp_path / "nb"
    make_notebook(nbdir / "probe.ipynb", ["print(sorted(__import__('os').listdir(data_dir)))"], ["nap"])
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy2(RAW / NAP_FILE, data / NAP_FILE)
    out = tmp_path / "reports"
    run_reports("latest", data, out, lang="en", notebooks_dir=nbdir, echo=False)
    return ["report", "--data", str(data), "--out", str(out), "--lang", "en", "--notebooks", str(nbdir), "--force"]


@pytest.mark.parametrize("where", ["manifest", "staging copy"])
def test_a_full_disk_is_one_short_line_exit_1_and_the_previous_report_intact(tmp_path, monkeypatch, where):
    # The full disk is simulated in-process: the write raises OSError(ENOSPC) as the kernel would.
    import errno

    from click.testing import CliRunner

    from ogpstats.cli import main
    from ogpstats.reports import publish

    args = _small_run(tmp_path)
    out = tmp_path / "reports"
    before = snapshot(out / "latest")

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device", str(a[0]) * 40)  # a long path, not printed

    if where == "manifest":
        monkeypatch.setattr(publish, "write_json", full)
    else:
        real, depth = shutil.copytree, []

        def half_copy(src, dst, *a, **kw):  # copytree calls itself for each subfolder
            depth.append(1)
            try:
                real(src, dst, *a, **kw)
            finally:
                depth.pop()
            if not depth:  # the whole copy is there, then the disk fills up
                full(dst)

        monkeypatch.setattr(publish.shutil, "copytree", half_copy)
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("ogpstats:")]
    assert lines == [f"ogpstats: no space left on the device of {out}: the previous reports are kept, "
                     "this run's partial output removed"]
    assert snapshot(out / "latest") == before
    assert not list(out.glob(".staging-*")) and not list(out.glob("*/.*.old-*"))
