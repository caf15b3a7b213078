"""Executed notebook → one self-contained HTML page without code.

nbconvert's ``basic`` template gives the cell outputs only (``exclude_input``,
no prompts, no markdown cells — those are notes for analysts in the
notebook); this module wraps them in a page (``templates/page.html.j2``, its
CSS inline in ``report.css.j2``) with no script, so the file opens
offline and images are inline base64. The page's only links are relative:
the index, the same report in the other languages (:func:`.page.navigation`)
and the chart and table files listed under each chart and table.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import nbformat

from .atomic import atomic_write


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


@functools.lru_cache(maxsize=1)
def _exporter():
    """One exporter a process: nbconvert compiles its templates per exporter (≈ 0.1 s a page)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, exclude_markdown=True, exclude_raw=True, exclude_unknown=True)


def render_html(nb: nbformat.NotebookNode | str | Path, *, title: str, lang: str, version: str,
                name: str | None = None) -> str:
    """The HTML page of an executed notebook, without code.

    Parameters
    ----------
    nb
        Executed notebook (node or path).
    title
        Page title (escaped by the template).
    lang
        ``lang`` attribute of the page.
    version
        ogpstats version for the generator tag.
    name
        The page's file stem in its report folder (``nap_monitoring``): the
        navigation links the same report in the other languages; ``None``:
        only the index is linked.
    """
    node = nb if isinstance(nb, nbformat.NotebookNode) else nbformat.read(str(nb), as_version=4)
    body, _ = _exporter().from_notebook_node(_strip(node))
    from .page import navigation
    from .templates import Markup, render

    return render("page.html.j2", lang=lang, version=version, title=title, body=Markup(body.strip()),
                  nav=navigation(name, lang)) + "\n"


def write_html(nb: nbformat.NotebookNode | str | Path, path: str | Path, *, title: str, lang: str,
               version: str) -> Path:
    """Render and write the HTML page (named after ``path``, which places it in its folder); returns its path."""
    return atomic_write(path, render_html(nb, title=title, lang=lang, version=version, name=Path(path).stem))
