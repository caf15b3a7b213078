"""Writing charts: PNG (300 dpi) and SVG files, and the smaller inline PNG, byte-identical between runs."""

from __future__ import annotations

import io
import re
from pathlib import Path

from matplotlib.figure import Figure

from .style import house_style

PNG_DPI = 300
DISPLAY_DPI = 110
"""Resolution of the PNG embedded in the HTML report (the 300 dpi file is in ``charts/``)."""

SVG_CREATOR = "ogpstats"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def figure_png(fig: Figure, dpi: int = DISPLAY_DPI) -> bytes:
    """The figure as PNG bytes (no software/date metadata, so bytes are reproducible)."""
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def save_figure(fig: Figure, out_dir: str | Path, name: str) -> list[Path]:
    """Write a figure as ``<name>.png`` (300 dpi) and ``<name>.svg`` in ``out_dir``.

    Both files are byte-identical between runs on the same figure: the PNG
    has no software or time stamp, the SVG no date, a fixed creator and the
    style's fixed ``svg.hashsalt`` for its element ids.

    Parameters
    ----------
    fig
        The figure.
    out_dir
        Directory, created if missing.
    name
        File stem: letters, digits, ``_``, ``-`` and ``.``.

    Returns
    -------
    list of pathlib.Path
        ``[png, svg]``.
    """
    if not _NAME_RE.match(name):
        raise ValueError(f"chart name {name!r} must be letters, digits, '_', '-' or '.'")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    with house_style():
        fig.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": SVG_CREATOR})
    return [png, svg]
