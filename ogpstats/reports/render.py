"""Executed notebook → one self-contained HTML page without code.

nbconvert's ``basic`` template gives the cell outputs only (``exclude_input``,
no prompts, no markdown cells — those are notes for analysts in the
notebook); this module wraps them in a page with its own inline CSS and no
external script, so the file opens offline and images are inline base64.
"""

from __future__ import annotations

import copy
import html
from pathlib import Path

import nbformat

CSS = """
:root { --ink: #1f2328; --muted: #5b636b; --line: #d8dee4; --accent: #0072B2; --warn: #D55E00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font-family: "DejaVu Sans", "Segoe UI", "Noto Sans", Arial, sans-serif; font-size: 15px; line-height: 1.5; }
main.report { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.7em; margin: 0 0 .3em; }
h2 { font-size: 1.25em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid var(--line); }
.report-header .meta p { margin: .1em 0; color: var(--muted); }
p.warn { color: var(--warn); font-weight: bold; }
p.note { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: .5em 0 1em; }
.card { flex: 1 1 140px; border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 6px;
        padding: 10px 12px; background: #f8fafc; }
.card .value { font-size: 1.8em; font-weight: bold; }
.card .label { color: var(--muted); font-size: .9em; }
figure.chart { margin: .5em 0 1.2em; }
figure.chart img, .output_png img { max-width: 100%; height: auto; display: block; }
.table-wrap { overflow-x: auto; margin: .5em 0 1.2em; }
table.report-table { border-collapse: collapse; width: 100%; font-size: .84em; }
table.report-table th, table.report-table td { border-bottom: 1px solid var(--line); padding: 5px 5px;
  text-align: left; vertical-align: top; }
table.report-table th { background: #eef2f6; }
table.report-table td.num { text-align: right; white-space: nowrap; }
table.report-table th.num { text-align: right; }
section.method { margin-top: 2em; padding: 12px 14px; background: #f6f8fa; border-left: 4px solid var(--line);
  font-size: .92em; }
section.method p.source { color: var(--muted); margin-bottom: 0; }
.output_error pre, .output_stderr pre { white-space: pre-wrap; color: var(--warn); }
pre { white-space: pre-wrap; }
@media print { main.report { max-width: none; padding: 0; } h2 { break-after: avoid; } figure.chart { break-inside: avoid; } }
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ogpstats {version}">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<main class="report">
{body}
</main>
</body>
</html>
"""


def _strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what a reader must not see: markdown and raw cells, empty code cells, stderr.

    Cell results (``execute_result``, e.g. a list of written paths) are
    dropped too: a report shows what its cells display, nothing else.
    """
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = [o for o in cell.get("outputs", [])
                   if o.get("output_type") != "execute_result"
                   and not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
        if not outputs:
            continue
        cell.outputs = outputs
        cell.source = ""  # belt and braces: no code can leak even if a template shows inputs
        cells.append(cell)
    nb.cells = cells
    return nb


def render_html(nb: nbformat.NotebookNode | str | Path, *, title: str, lang: str, version: str) -> str:
    """The HTML page of an executed notebook, without code.

    Parameters
    ----------
    nb
        Executed notebook (node or path).
    title
        Page title (escaped here).
    lang
        ``lang`` attribute of the page.
    version
        ogpstats version for the generator tag.
    """
    from nbconvert import HTMLExporter

    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.read(str(nb), as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, exclude_markdown=True, exclude_raw=True,
                            exclude_unknown=True)
    body, _ = exporter.from_notebook_node(_strip(nb))
    return PAGE.format(lang=html.escape(lang), version=html.escape(version), title=html.escape(title),
                       css=CSS, body=body.strip())


def write_html(nb: nbformat.NotebookNode | str | Path, path: str | Path, *, title: str, lang: str,
               version: str) -> Path:
    """Render and write the HTML page; returns its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(nb, title=title, lang=lang, version=version), "utf-8")
    return path
