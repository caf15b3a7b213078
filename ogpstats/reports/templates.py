"""The Jinja2 templates of the report HTML (package data in ``reports/templates/``).

Autoescaping is on for every template: user text (titles, agencies, file
names) is escaped by the template, never by hand. Text already HTML (the
body nbconvert rendered, a table inside its wrapper) is passed as
:class:`markupsafe.Markup`.
"""

from __future__ import annotations

import html
from functools import lru_cache

from markupsafe import Markup

from ..text_safety import visible

__all__ = ["Markup", "compile_fragments", "environment", "fragment", "render"]


def _escape(value: object) -> object:
    """Escape text as :func:`html.escape` does (``&#x27;`` for a quote), so pages keep their bytes;
    control characters in user text are shown, not hidden (:func:`ogpstats.text_safety.for_html`)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(visible(value)))
    return value  # Markup passes as it is; numbers are escaped by autoescape


@lru_cache(maxsize=1)
def environment():
    """The one Jinja2 environment of the package (autoescape on, blocks trimmed)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("ogpstats.reports", "templates"), autoescape=True,
                       finalize=_escape, trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)


def render(name: str, **context: object) -> str:
    """Render template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)


def compile_fragments() -> None:
    """Compile the templates a report notebook renders (a kernel started ahead does it while it waits)."""
    for name in ("fragments.html.j2", "table.html.j2"):
        environment().get_template(name)


def fragment(macro: str, *args: object) -> str:
    """Call one macro of ``fragments.html.j2`` (the pieces a report notebook shows)."""
    module = environment().get_template("fragments.html.j2").module
    return str(getattr(module, macro)(*args))
