"""Compare two report folders as a reader would: ``python scripts/compare_reports.py A B``.

Charts, thumbnails and tables (PNG, SVG, CSV, XLSX) must be byte-identical;
HTML pages must have the same elements, attributes and text (entities
decoded, whitespace between and inside text collapsed: markup whitespace
aside). Run records are not compared: ``_logs/``, ``_failed/``, hidden
files, executed notebooks and ``manifest.json`` (durations, code hashes).
Prints one line per difference and exits 1 if there is any, else 0.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

BYTES = {".png", ".svg", ".csv", ".xlsx"}
SKIP_PARTS = {"_logs", "_failed", "notebooks"}
SKIP_NAMES = {"manifest.json"}


class _Events(HTMLParser):
    """The page as a list of (kind, ...) events with whitespace normalised."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(sorted((k, _ws(v or "")) for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        text = _ws(data)
        if text:
            if self.events and self.events[-1][0] == "text":  # text split around a comment or entity
                self.events[-1] = ("text", self.events[-1][1] + " " + text)
            else:
                self.events.append(("text", text))

    def handle_decl(self, decl):
        self.events.append(("decl", decl.lower()))


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_events(path: Path) -> list[tuple]:
    parser = _Events()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser.events


def _show(event: tuple | None) -> str:
    if event is None:
        return "(end of page)"
    text = repr(event)
    return text if len(text) <= 160 else text[:157] + "..."


def compare_html(a: Path, b: Path) -> str | None:
    """``None`` when equal, else where the first difference is."""
    ea, eb = html_events(a), html_events(b)
    for i in range(max(len(ea), len(eb))):
        x = ea[i] if i < len(ea) else None
        y = eb[i] if i < len(eb) else None
        if x != y:
            return f"event {i}: {_show(x)} != {_show(y)}"
    return None


def report_files(root: Path) -> set[str]:
    out = set()
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        if (p.is_file() and not any(part.startswith(".") for part in rel.parts)
                and not SKIP_PARTS & set(rel.parts) and p.name not in SKIP_NAMES):
            out.add(rel.as_posix())
    return out


def compare(a: Path, b: Path) -> list[str]:
    """One line per difference between report folders ``a`` and ``b``."""
    fa, fb = report_files(a), report_files(b)
    lines = [f"only in {a}: {rel}" for rel in sorted(fa - fb)] + [f"only in {b}: {rel}" for rel in sorted(fb - fa)]
    for rel in sorted(fa & fb):
        pa, pb = a / rel, b / rel
        if pa.suffix in BYTES:
            if pa.read_bytes() != pb.read_bytes():
                lines.append(f"{rel}: bytes differ")
        elif pa.suffix == ".html":
            diff = compare_html(pa, pb)
            if diff:
                lines.append(f"{rel}: {diff}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not all(Path(x).is_dir() for x in argv):
        print("usage: compare_reports.py A B  (two report folders)", file=sys.stderr)
        return 2
    a, b = Path(argv[0]), Path(argv[1])
    lines = compare(a, b)
    for line in lines:
        print(line)
    n = len(report_files(a) & report_files(b))
    print(f"{n} file(s) compared, {len(lines)} difference(s)", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
