"""The report pages and the index: no code, self-contained, content, charts, escaping of hostile text.

The session runs come from :mod:`reports_support` (built once, shared by these files and test_browser.py).
"""

from __future__ import annotations

import base64
import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest

from ogpstats.i18n import messages

from reports_support import (
    LANGS,
    NAP_FILE,
    RAW,
    Page,
    png_dpi,
    sha,
    snapshot,
    tags,
)

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

    for _lang, name, page in report_pages(suite):
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
        charts = {p.read_bytes() for p in (page.parent / "charts").glob("*.svg")}
        for img in imgs:
            assert img["src"].startswith("data:image/svg+xml;base64,"), f"{page}: image not inline"
            assert base64.b64decode(img["src"].split(",", 1)[1]) in charts, f"{page}: inline image is not a chart file"
        for tag, attrs in parsed.tags:
            for key in ("src", "href", "srcset", "data", "action"):
                value = attrs.get(key)
                if value is None:
                    continue
                if tag == "a" and key == "href":  # links to the index, other languages, downloads (issue 11)
                    assert not re.match(r"^[a-z]+:|^/", value), f"{page}: <a href={value[:60]!r}> leaves the reports"
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


# --------------------------------------------------------------------------- safety


def test_hostile_title_is_escaped_in_the_html(safety):
    assert sorted(safety["result"].ran) == tags("latest", ["nap_monitoring"])
    for lang in LANGS:
        page = (safety["out"] / "latest" / lang / "nap_monitoring.html").read_text("utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert" not in page and "<script" not in page.lower()


def test_formula_like_titles_are_neutralised_in_csv_and_strings_in_xlsx(safety):
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
        # XLSX string cells are never formulas, so they hold the title as written, with no ' (issue 10 item 4).
        cells_by_value = {c.value: c for row in load_workbook(tables / "nap_overdue.xlsx").active.iter_rows()
                          for c in row}
        for title in hostile:
            assert title in cells_by_value and cells_by_value[title].data_type == "s"


def test_inputs_are_unchanged_by_a_run_on_hostile_data(safety):
    assert snapshot(safety["data"]) == safety["data_before"]
    assert sha(RAW / NAP_FILE) == safety["raw_before"]


