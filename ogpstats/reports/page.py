"""What links a report page to the rest of the reports: navigation and downloads.

A report folder is ``<out>/<period>/<lang>/``: the page ``<name>.html``, its
charts in ``charts/`` and its tables in ``tables/``, the index two folders
up. Every link here is relative to the page, so a copied or zipped reports
folder keeps working offline. One definition of that layout, used by the
notebook helpers (downloads under each chart and table) and by the page
template (the navigation bar).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import LANGS, messages

INDEX_HREF = "../../index.html"
"""The index from a report page (``<out>/<period>/<lang>/<name>.html`` → ``<out>/index.html``)."""

CHART_FORMATS: tuple[str, ...] = ("png", "svg")
TABLE_FORMATS: tuple[str, ...] = ("csv", "xlsx")

HALF_CHART_CSS = (
    "<style>"
    # The cell's outputs flow as a wrapping row; everything is full width except half charts.
    ".output:has(figure.chart.half){display:flex;flex-wrap:wrap;column-gap:16px;align-items:flex-start}"
    ".output:has(figure.chart.half)>.output_area{flex:1 1 100%;min-width:0}"
    ".output:has(figure.chart.half)>.output_area:has(figure.chart.half){flex:1 1 calc(50% - 8px);min-width:300px}"
    "</style>"
)
"""Layout of half-width charts (nbconvert's classic output classes): side by side where ``:has()`` works."""


@dataclass(frozen=True)
class Link:
    """One link: its text, target (relative to the page) and the language of the target (``""``: the page's)."""

    text: str
    href: str
    lang: str = ""


def chart_downloads(name: str) -> list[Link]:
    """The files of chart ``name`` as links: ``charts/<name>.png`` and ``.svg``."""
    return [Link(ext.upper(), f"charts/{name}.{ext}") for ext in CHART_FORMATS]


def table_downloads(name: str) -> list[Link]:
    """The files of table ``name`` as links: ``tables/<name>.csv`` and ``.xlsx``."""
    return [Link(ext.upper(), f"tables/{name}.{ext}") for ext in TABLE_FORMATS]


def language_links(name: str, lang: str) -> list[Link]:
    """The same report in the other languages (``../<lang>/<name>.html``), each named in its own language.

    Every language of :data:`~ogpstats.i18n.LANGS` is linked: ``ogpstats
    report`` builds them all by default (``--lang all``).
    """
    return [Link(messages(other)(f"lang.{other}"), f"../{other}/{name}.html", other)
            for other in LANGS if other != lang]


def navigation(name: str | None, lang: str) -> dict:
    """The navigation bar of a page (``templates/page.html.j2``): the index, and the other languages.

    ``name`` is the page's file stem; ``None`` (a page rendered without a
    place in a reports folder) gives no language links.
    """
    m = messages(lang)
    return {"index": Link(m("page.index"), INDEX_HREF), "other_label": m("page.other_languages"),
            "languages": language_links(name, lang) if name else []}
