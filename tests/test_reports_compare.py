"""scripts/compare_reports.py: report folders compared as a reader sees them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "compare_reports.py"


def folder(base: Path, html: str, png: bytes = b"\x89PNG1", extra: dict[str, str] | None = None) -> Path:
    (base / "latest" / "en" / "charts").mkdir(parents=True)
    (base / "latest" / "en" / "r.html").write_text(html)
    (base / "latest" / "en" / "charts" / "c.png").write_bytes(png)
    (base / "latest" / "en" / "manifest.json").write_text(str(len(html)))  # run records are not compared
    for rel, text in (extra or {}).items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text)
    return base


def compare(a: Path, b: Path) -> tuple[int, list[str]]:
    proc = subprocess.run([sys.executable, str(SCRIPT), str(a), str(b)], capture_output=True, text=True)
    return proc.returncode, proc.stdout.splitlines()


def test_markup_whitespace_and_entity_spelling_are_not_differences(tmp_path):
    a = folder(tmp_path / "a", "<p class='x'>it&#x27;s  <b>here</b></p>\n<style>a { b: c; }\n</style>")
    b = folder(tmp_path / "b", '<p   class="x">it&#39;s\n<b>here</b></p><style>a { b: c; }</style>',
               extra={"_logs/run.log": "other", "latest/en/notebooks/r.ipynb": "{}"})
    assert compare(a, b) == (0, [])


def test_text_attribute_bytes_and_missing_files_are_one_line_each(tmp_path):
    a = folder(tmp_path / "a", '<p class="x">one</p><img alt="a">', extra={"latest/en/tables/t.csv": "x\n"})
    b = folder(tmp_path / "b", '<p class="y">one</p><img alt="a">', png=b"\x89PNG2")
    code, lines = compare(a, b)
    assert code == 1
    assert lines == [
        f"only in {a}: latest/en/tables/t.csv",
        "latest/en/charts/c.png: bytes differ",
        "latest/en/r.html: event 0: ('start', 'p', (('class', 'x'),)) != ('start', 'p', (('class', 'y'),))",
    ]


def test_usage_error_exits_2(tmp_path):
    assert compare(tmp_path / "none", tmp_path)[0] == 2
