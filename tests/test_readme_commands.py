"""Every `ogpstats …` command shown in README.md's code blocks runs on the bundled data and succeeds.

Each command runs in a copy of ``data/raw/`` under ``tmp_path`` (the working
folder of the test), so what a command writes (``template``'s workbook,
``tidy``'s tables) lands there; an ``--out`` is pointed into ``tmp_path`` too.
``ogpstats report`` lines are skipped here: the report tests
(``test_reports.py``, ``test_report_notebook*.py``) run the reports, which
start Jupyter kernels and take minutes.
"""

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ogpstats.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# How the README calls the command: by its path in .venv, or plainly after `source .venv/bin/activate`.
PREFIXES = (".venv/bin/ogpstats", "ogpstats")
SKIPPED = ("report",)  # covered by the report tests (see above)


def readme_commands(text: str) -> list[list[str]]:
    """The arguments of every ``ogpstats`` line in the fenced code blocks of ``text`` (comments dropped)."""
    commands = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL):
        for line in block.splitlines():
            words = shlex.split(line.strip().removeprefix("$ "), comments=True)
            if words and words[0] in PREFIXES:
                commands.append(words[1:])
    return commands


def test_the_extraction_reads_fences_prefixes_and_comments():
    text = ('Some `ogpstats indicators x` prose.\n```sh\n.venv/bin/ogpstats --help   # help\n'
            'source .venv/bin/activate\nogpstats indicators "a b.xlsx" --round 2017  # c\n```\n'
            '```python\nfrom ogpstats.io import load_dataset\n```\n')
    assert readme_commands(text) == [["--help"], ["indicators", "a b.xlsx", "--round", "2017"]]


COMMANDS = [c for c in readme_commands(README.read_text(encoding="utf-8")) if c[:1] != list(SKIPPED)]


def test_the_readme_shows_the_way_in():
    shown = readme_commands(README.read_text(encoding="utf-8"))
    firsts = [c[0] if c else "" for c in shown]
    assert ["--help"] in shown  # the command by its path and after activating .venv
    assert {"tidy", "benchmark", "indicators", "validate", "template", "report"} <= set(firsts)
    assert ["benchmark", "data/raw/ogp_commitments.csv", "--by", "country", "--focus", "Azerbaijan"] in shown
    assert "make lab" in README.read_text(encoding="utf-8")
    assert len(COMMANDS) == len(shown) - firsts.count("report") >= 12


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """A working folder with a copy of data/raw/ (never the real one) and an empty data/processed/."""
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    (tmp_path / "data" / "processed").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def into(tmp: Path, args: list[str]) -> list[str]:
    """``args`` with the value of ``--out`` made a folder under ``tmp``."""
    out = list(args)
    for i, word in enumerate(out[:-1]):
        if word == "--out":
            out[i + 1] = str(tmp / out[i + 1])
    return out


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) or "(none)" for c in COMMANDS])
def test_readme_command_runs_on_the_bundled_data(bundled, args):
    assert args[:1] != list(SKIPPED)
    result = CliRunner().invoke(main, into(bundled, args))
    assert result.exit_code == 0, f"ogpstats {shlex.join(args)}\n{result.output}"
    assert "Traceback" not in result.output
    if args[0] == "tidy":
        out = Path(into(bundled, args)[args.index("--out") + 1])
        assert out.is_relative_to(bundled)
        assert [f"wrote {out / name}.csv" for name in ("items", "assessments", "kpis")] == \
            result.stdout.splitlines()[:3]
