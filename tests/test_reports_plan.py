"""The pure plan of a report run (ogpstats.reports.plan): no kernel, no files but a notebook or two."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ogpstats.reports.inputs import InputFile
from ogpstats.reports.plan import (
    NotebookSpec,
    PlanError,
    format_plan,
    make_plan,
    outputs,
    read_spec,
    resolve_periods,
    task_key,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = Path("/reports")

NAP = NotebookSpec("nap_monitoring", Path("/nb/nap_monitoring.ipynb"), ("nap",), 10, "nap.title", "a" * 64)
SRM = NotebookSpec("srm_monitoring", Path("/nb/srm_monitoring.ipynb"), ("srm",), 20, "srm.title", "b" * 64)
DQ = NotebookSpec("data_quality", Path("/nb/data_quality.ipynb"), (), 90, "dq.title", "c" * 64)
NAP_FILE = InputFile(Path("/data/nap.xlsx"), "1" * 64, ["nap"], ["2017-H1", "2017-H2"])
SRM_FILE = InputFile(Path("/data/srm.xlsx"), "2" * 64, ["srm"], ["2018"])


def entry(spec: NotebookSpec, period: str, lang: str, files: list[InputFile]) -> dict:
    """A manifest entry as a previous run would have written it."""
    return {"key": task_key(spec, period, lang, tuple((f.name, f.sha256) for f in files)),
            "inputs": [{"name": f.name, "sha256": f.sha256} for f in files],
            "html": f"{spec.name}.html", "executed": f"notebooks/{spec.name}.ipynb",
            "charts": [f"charts/{spec.name}.png"], "tables": [], "thumbnail": None}


def plan_of(files, manifests=None, *, present=lambda p: True, force=False, specs=(NAP, SRM, DQ),
            periods=("latest",), langs=("en",)):
    return make_plan(list(specs), list(files), list(periods), list(langs), OUT, manifests or {},
                     present=present, force=force, data_dir="data")


def test_first_run_runs_every_applicable_notebook_with_the_round_it_shows():
    plan = plan_of([NAP_FILE, SRM_FILE])
    [fp] = plan.folders
    assert [(t.spec.name, t.round) for t in fp.run] == [("nap_monitoring", "2017-H2"), ("srm_monitoring", "2018"),
                                                       ("data_quality", "2018")]
    assert fp.folder == OUT / "latest" / "en" and fp.needs_work
    [dq] = [t for t in fp.run if t.spec is DQ]
    assert dq.inputs == (("nap.xlsx", "1" * 64), ("srm.xlsx", "2" * 64))  # requires nothing: every file


def test_unchanged_notebook_with_every_output_present_is_not_run():
    manifest = {"notebooks": {"nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE])}}
    plan = plan_of([NAP_FILE], {("latest", "en"): manifest}, specs=(NAP,))
    [fp] = plan.folders
    assert fp.run == [] and list(fp.unchanged) == ["nap_monitoring"] and not fp.needs_work


def test_a_missing_output_or_force_reruns_an_unchanged_notebook():
    manifest = {"notebooks": {"nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE])}}
    missing = plan_of([NAP_FILE], {("latest", "en"): manifest}, specs=(NAP,),
                      present=lambda p: p.name != "nap_monitoring.png")
    assert [t.spec.name for t in missing.folders[0].run] == ["nap_monitoring"]
    forced = plan_of([NAP_FILE], {("latest", "en"): manifest}, specs=(NAP,), force=True)
    assert [t.spec.name for t in forced.folders[0].run] == ["nap_monitoring"]


def test_a_changed_input_changes_the_key_and_reruns():
    manifest = {"notebooks": {"nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE])}}
    edited = InputFile(NAP_FILE.path, "9" * 64, ["nap"], NAP_FILE.rounds)
    [fp] = plan_of([edited], {("latest", "en"): manifest}, specs=(NAP,)).folders
    [task] = fp.run
    assert task.key != manifest["notebooks"]["nap_monitoring"]["key"]
    assert task.key == task_key(NAP, "latest", "en", (("nap.xlsx", "9" * 64),))


def test_data_errors_refuse_the_indicator_reports_but_not_the_data_quality_report():
    bad = InputFile(NAP_FILE.path, NAP_FILE.sha256, ["nap"], NAP_FILE.rounds, errors=["nap.xlsx: A!B3: error: x"])
    previous = entry(NAP, "latest", "en", [NAP_FILE])
    [fp] = plan_of([bad], {("latest", "en"): {"notebooks": {"nap_monitoring": previous}}}, specs=(NAP, DQ)).folders
    [refusal] = fp.refused
    assert (refusal.notebook, refusal.code, refusal.files) == ("nap_monitoring", "data.errors", ("nap.xlsx",))
    assert fp.keep == {"nap_monitoring": previous}  # the last good report stays
    assert [t.spec.name for t in fp.run] == ["data_quality"] and fp.stale == set()


def test_missing_kind_is_not_applicable_with_one_note_and_the_srm_message_key():
    plan = plan_of([NAP_FILE], langs=("az", "en"))
    for fp in plan.folders:
        [skip] = fp.skipped
        assert (skip.notebook, skip.code, skip.message_key) == ("srm_monitoring", "kind.missing", "srm.missing")
    assert plan.notes == ["note: srm_monitoring skipped: no Strategic Road Map (srm) workbook in the data (data)"]


def test_a_period_before_a_kinds_first_round_is_not_applicable_for_that_kind():
    [fp] = plan_of([NAP_FILE, SRM_FILE], periods=("2017-H2",)).folders
    assert [(s.notebook, s.code) for s in fp.skipped] == [("srm_monitoring", "period.no_data")]
    assert [(t.spec.name, t.round) for t in fp.run] == [("nap_monitoring", "2017-H2"), ("data_quality", "2017-H2")]


def test_a_notebook_gone_from_the_folder_is_stale_and_its_folder_needs_work():
    manifest = {"notebooks": {"nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE]),
                              "old_report": entry(DQ, "latest", "en", [NAP_FILE])}}
    [fp] = plan_of([NAP_FILE], {("latest", "en"): manifest}, specs=(NAP,)).folders
    assert fp.run == [] and fp.stale == {"old_report"} and fp.needs_work


def test_plan_keys_match_the_manifest_key_function():
    [fp] = plan_of([NAP_FILE], specs=(NAP,)).folders
    from ogpstats.reports.manifest import notebook_key

    assert fp.run[0].key == notebook_key("a" * 64, {"period": "latest", "lang": "en"},
                                         [{"name": "nap.xlsx", "sha256": "1" * 64}])


def test_format_plan_has_one_line_per_notebook_and_a_summary():
    bad = InputFile(SRM_FILE.path, SRM_FILE.sha256, ["srm"], SRM_FILE.rounds, errors=["e"])
    manifest = {"notebooks": {"data_quality": entry(DQ, "latest", "en", [NAP_FILE, bad])}}
    lines = format_plan(plan_of([NAP_FILE, bad], {("latest", "en"): manifest}))
    assert lines == [
        "latest/en/data_quality: unchanged",
        "latest/en/nap_monitoring: run (round 2017-H2)",
        "latest/en/srm_monitoring: refused (data errors in srm.xlsx)",
        "plan: 1 to run, 1 unchanged, 1 refused for data errors, 0 not applicable (dry run: nothing was started)",
    ]


def test_outputs_lists_every_file_of_an_entry():
    e = {"html": "a.html", "executed": "notebooks/a.ipynb", "thumbnail": None,
         "charts": ["charts/x.png", "charts/x.svg"], "tables": ["tables/t.csv"]}
    assert outputs(e) == ["a.html", "notebooks/a.ipynb", "charts/x.png", "charts/x.svg", "tables/t.csv"]


def test_resolve_periods():
    files = [NAP_FILE, SRM_FILE]
    assert resolve_periods("latest", files, Path("d")) == ["latest"]
    assert resolve_periods("all", files, Path("d")) == ["2017-H1", "2017-H2", "2018", "latest"]
    assert resolve_periods("2018-H1", files, Path("d")) == ["2018-H1"]
    with pytest.raises(PlanError, match="no monitoring round at or before 2016-H2"):
        resolve_periods("2016-H2", files, Path("d"))
    with pytest.raises(PlanError, match="is not a period"):
        resolve_periods("soon", files, Path("d"))


def test_read_spec_takes_the_metadata_and_hashes_the_file(tmp_path):
    nb = tmp_path / "x.ipynb"
    nb.write_text(json.dumps({"metadata": {"ogpstats": {"requires": ["nap"], "order": 3, "title": "t"}}}))
    import hashlib

    assert read_spec(nb) == NotebookSpec("x", nb, ("nap",), 3, "t", hashlib.sha256(nb.read_bytes()).hexdigest())
    (tmp_path / "bad.ipynb").write_text("{")
    with pytest.raises(PlanError, match="bad.ipynb: not a readable notebook"):
        read_spec(tmp_path / "bad.ipynb")


def test_cli_dry_run_prints_the_plan_and_writes_nothing(tmp_path):
    out = tmp_path / "reports"
    proc = subprocess.run([sys.executable, "-m", "ogpstats.cli", "report", "--dry-run", "--data",
                           str(ROOT / "data" / "raw"), "--out", str(out), "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "latest/en/nap_monitoring: run (round 2018-H2)" in lines
    assert lines[-1].startswith("plan: 4 to run, 0 unchanged, 0 refused") and "nothing was started" in lines[-1]
    assert not out.exists()


def test_find_inputs_skips_the_helper_tables_that_are_not_plans(tmp_path):
    from ogpstats.reports.inputs import find_inputs

    (tmp_path / "nap.xlsx").write_bytes(b"PK")
    (tmp_path / "ogp.csv").write_text("Commitment Unique Identifier,Country/Locality\n1,Azerbaijan\n", "utf-8")
    (tmp_path / "translations.csv").write_text("kind,key,az,en,ru\ncommitment,1,a,b,c\n", "utf-8")
    (tmp_path / "mine.csv").write_text('\ufeff"Kind";"Key";"az"\n', "utf-8")  # a BOM, quotes and semicolons
    (tmp_path / "words.csv").write_text("field,lang,word\nitem_id,any,No\n", "utf-8")
    (tmp_path / "plan.columns.csv").write_text("anything\n", "utf-8")
    (tmp_path / "aliases.csv").write_text("alias,agency\nNK,Nazirlər Kabineti\n", "utf-8")
    (tmp_path / "empty.csv").write_text("", "utf-8")  # not a side file: the reader says it is empty
    assert [p.name for p in find_inputs(tmp_path)] == ["empty.csv", "nap.xlsx", "ogp.csv"]


# --------------------------------------------------------------------------- a published report stays published


def test_a_vanished_input_keeps_the_last_good_report_instead_of_not_applicable():
    manifest = {"notebooks": {"srm_monitoring": entry(SRM, "latest", "en", [SRM_FILE]),
                              "nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE])}}
    [fp] = plan_of([NAP_FILE], {("latest", "en"): manifest}).folders
    [kept] = fp.refused
    assert (kept.notebook, kept.code, kept.files, kept.lost) == ("srm_monitoring", "input.missing", ("srm.xlsx",), True)
    assert fp.skipped == [] and fp.stale == set()
    assert fp.keep == {"nap_monitoring": manifest["notebooks"]["nap_monitoring"],
                       "srm_monitoring": manifest["notebooks"]["srm_monitoring"]}
    assert [t.spec.name for t in fp.run] == ["data_quality"]


def test_an_unusable_input_keeps_the_last_good_report_and_says_so_in_the_plan():
    corrupt = InputFile(NAP_FILE.path, "9" * 64, error="/data/nap.xlsx: not a .xlsx workbook")
    manifest = {"notebooks": {"nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE])}}
    plan = plan_of([corrupt, SRM_FILE], {("latest", "en"): manifest}, specs=(NAP, SRM))
    [kept] = plan.folders[0].refused
    previous = manifest["notebooks"]["nap_monitoring"]
    assert (kept.code, kept.files, kept.previous) == ("input.unusable", ("nap.xlsx",), previous)
    assert format_plan(plan) == [
        "latest/en/nap_monitoring: kept (input unusable: nap.xlsx; the previous report is kept)",
        "latest/en/srm_monitoring: run (round 2018)",
        "plan: 1 to run, 0 unchanged, 0 refused for data errors, 1 kept (input gone or unusable), 0 not applicable "
        "(dry run: nothing was started)",
    ]


def test_a_renamed_input_with_the_same_bytes_is_not_lost_and_reruns_under_its_new_name():
    manifest = {"notebooks": {"nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE])}}
    renamed = InputFile(Path("/data/Fond $#1 və $2.xlsx"), NAP_FILE.sha256, ["nap"], NAP_FILE.rounds)
    [fp] = plan_of([renamed], {("latest", "en"): manifest}, specs=(NAP,)).folders
    assert fp.refused == [] and [t.inputs for t in fp.run] == [(("Fond $#1 və $2.xlsx", "1" * 64),)]


def test_a_folder_without_the_report_refuses_it_when_another_folder_had_it():
    # latest/en had the SRM report; latest/az is new, and the SRM workbook is gone: not "not applicable".
    manifests = {("latest", "en"): {"notebooks": {"srm_monitoring": entry(SRM, "latest", "en", [SRM_FILE])}}}
    plan = plan_of([NAP_FILE], manifests, specs=(SRM,), langs=("az", "en"))
    az, en = plan.folders
    assert [(r.code, r.previous) for r in az.refused] == [("input.missing", None)] and az.skipped == []
    assert [(r.code, r.previous is not None) for r in en.refused] == [("input.missing", True)]
    assert az.keep == {} and az.stale == set()


def test_prune_forgets_what_the_reports_were_built_from():
    manifest = {"notebooks": {"srm_monitoring": entry(SRM, "latest", "en", [SRM_FILE]),
                              "nap_monitoring": entry(NAP, "latest", "en", [NAP_FILE])}}
    plan = make_plan([NAP, SRM], [NAP_FILE], ["latest"], ["en"], OUT, {("latest", "en"): manifest},
                     present=lambda p: True, data_dir="data", prune=True)
    [fp] = plan.folders
    assert fp.refused == [] and [s.code for s in fp.skipped] == ["kind.missing"]
    assert fp.stale == {"srm_monitoring"} and list(fp.unchanged) == ["nap_monitoring"]
    assert "latest/en/srm_monitoring: not applicable (no Strategic Road Map (srm) workbook in the data)" in (
        format_plan(plan))


def test_a_never_published_kind_is_not_applicable_even_beside_an_unusable_file():
    corrupt = InputFile(Path("/data/broken.xlsx"), "9" * 64, error="/data/broken.xlsx: not a .xlsx workbook")
    [fp] = plan_of([NAP_FILE, corrupt], specs=(NAP, SRM)).folders
    assert [s.code for s in fp.skipped] == ["kind.missing"] and fp.refused == []
    assert [t.spec.name for t in fp.run] == ["nap_monitoring"]


# --------------------------------------------------------------------------- unusable paths (checked up front)


def _report(*args: str):
    from click.testing import CliRunner

    from ogpstats.cli import main

    return CliRunner().invoke(main, ["report", *args])


@pytest.mark.parametrize("where, expected", [
    ("out=file", "{file}: not a directory (it is a file)"),
    ("out=under", "{file}/reports: lies under {file}, which is a file, not a directory"),
    ("data=file", "{file}: not a directory (it is a file)"),
    ("data=under", "{file}/data: lies under {file}, which is a file, not a directory"),
    ("data=missing", "{tmp}/nowhere: no such data directory"),
    ("notebooks=file", "{file}: not a directory (it is a file)"),
    ("notebooks=under", "{file}/nb: lies under {file}, which is a file, not a directory"),
])
def test_an_unusable_path_is_one_line_naming_it_and_exit_2(tmp_path, where, expected):
    afile = tmp_path / "a file.txt"
    afile.write_text("x", "utf-8")
    paths = {"out": str(tmp_path / "reports"), "data": str(ROOT / "data" / "raw"), "notebooks": None}
    role, what = where.split("=")
    below = {"out": "reports", "data": "data", "notebooks": "nb"}[role]
    paths[role] = {"file": str(afile), "under": f"{afile}/{below}", "missing": str(tmp_path / "nowhere")}[what]
    args = ["--out", paths["out"], "--data", paths["data"]] + (["--notebooks", paths["notebooks"]]
                                                                if paths["notebooks"] else [])
    for dry in ([], ["--dry-run"]):
        res = _report(*args, *dry)
        assert res.exit_code == 2, res.output
        assert res.output.strip().splitlines() == ["ogpstats: " + expected.format(file=afile, tmp=tmp_path)]
    assert not (tmp_path / "reports").exists()


def test_a_read_only_out_is_refused_up_front(tmp_path, monkeypatch):
    # Tests run as root, who ignores permission bits: the check's os.access answers "no" here.

    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK else real(p, mode, **kw))
    res = _report("--out", str(tmp_path / "reports"), "--data", str(ROOT / "data" / "raw"))
    assert res.exit_code == 2
    assert res.output.strip() == f"ogpstats: {tmp_path / 'reports'}: cannot be created ({tmp_path} is read-only)"
    (tmp_path / "reports").mkdir()
    res = _report("--out", str(tmp_path / "reports"), "--data", str(ROOT / "data" / "raw"))
    assert (res.exit_code, res.output.strip()) == (2, f"ogpstats: {tmp_path / 'reports'}: is read-only")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits (the check is tested through os.access)")
def test_a_read_only_out_is_refused_by_chmod(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    out.chmod(0o500)
    try:
        res = _report("--out", str(out), "--data", str(ROOT / "data" / "raw"))
    finally:
        out.chmod(0o700)
    assert (res.exit_code, res.output.strip()) == (2, f"ogpstats: {out}: is read-only")


def test_a_probe_write_that_fails_is_one_line(tmp_path, monkeypatch):
    from ogpstats.reports import UnusablePath, paths, run

    def full(path, *a, **kw):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(paths, "open", full, raising=False)
    with pytest.raises(UnusablePath, match=r": cannot be written \(Read-only file system\)$") as exc:
        run.run_reports(data_dir=ROOT / "data" / "raw", out_dir=tmp_path / "reports", echo=False)
    assert exc.value.exit_code == 2 and list((tmp_path / "reports").iterdir()) == []


def test_an_unreadable_file_or_a_reader_failure_is_that_files_problem(tmp_path, monkeypatch):
    import ogpstats.io
    from ogpstats.reports import inputs

    for name in ("a.xlsx", "b.csv", "c.csv", "d.csv"):
        (tmp_path / name).write_bytes(name.encode())
    (tmp_path / "e.csv").write_bytes(b"c.csv")  # the bytes of c.csv: described once, named as itself
    real_sha = inputs.sha256_file

    def sha(path):
        if Path(path).name == "a.xlsx":
            raise PermissionError(13, "Permission denied", str(path))
        return real_sha(path)

    def load(paths, **kw):
        if Path(paths[0]).name == "b.csv":
            raise RecursionError("maximum recursion depth exceeded")
        raise ogpstats.validate.UnusableInput("file.empty", paths[0])

    monkeypatch.setattr(inputs, "sha256_file", sha)
    monkeypatch.setattr(ogpstats.io, "load_dataset", load)
    got = [(f.name, f.error) for f in inputs.describe_inputs(tmp_path)]
    assert got == [("a.xlsx", f"{tmp_path / 'a.xlsx'}: the file cannot be read (Permission denied)"),
                   ("b.csv", f"{tmp_path / 'b.csv'}: the file cannot be read (RecursionError: maximum recursion "
                             "depth exceeded)"),
                   ("c.csv", f"{tmp_path / 'c.csv'}: the file is empty (0 bytes)"),
                   ("d.csv", f"{tmp_path / 'd.csv'}: the file is empty (0 bytes)"),
                   ("e.csv", f"{tmp_path / 'e.csv'}: the file is empty (0 bytes)")]
    _, unusable = inputs.load_inputs([tmp_path / "b.csv", tmp_path / "c.csv"])
    assert [(p.name, pr.code) for p, pr in unusable] == [("b.csv", "file.unreadable"), ("c.csv", "file.empty")]
