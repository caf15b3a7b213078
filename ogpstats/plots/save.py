"""Writing charts: PNG (300 dpi) and SVG files, byte-identical between runs, and the SVG shown inline."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from .style import house_style

PNG_DPI = 300
PNG_COMPRESS_LEVEL = 3
"""zlib level of the 300 dpi PNG. Measured on a league-table chart: level 6 (Pillow's default) makes the
file 17 % smaller for 1.4× the encoding time, level 1 6 % larger for the same time as 3."""

DISPLAY_DPI = 110
"""Resolution of :func:`figure_png` (the dashboard's and the exploratory notebook's inline image), and the
scale at which a report page shows a chart (an 8-inch chart 880 pixels wide, or the column's width)."""

SVG_CREATOR = "ogpstats"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class ChartFiles:
    """A chart drawn once per format: the bytes of its 300 dpi PNG and of its SVG."""

    png: bytes
    svg: bytes


def figure_png(fig: Figure, dpi: int = DISPLAY_DPI) -> bytes:
    """The figure as PNG bytes (no software/date metadata, so bytes are reproducible)."""
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def render_chart(fig: Figure) -> ChartFiles:
    """Draw the figure once as a 300 dpi PNG and once as an SVG.

    The layout is computed once, by the PNG drawing, and kept for the SVG;
    the PNG is encoded in a second thread (zlib runs without the GIL) while
    the SVG is drawn. Both are byte-identical between runs.
    """
    with house_style():
        rgba, size = _agg_pixels(fig, PNG_DPI)
        with ThreadPoolExecutor(max_workers=1) as pool:
            png = pool.submit(encode_png, rgba, size, PNG_DPI)
            with _layout_frozen(fig):
                svg = io.BytesIO()
                fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": SVG_CREATOR})
            return ChartFiles(png=png.result(), svg=svg.getvalue())


def encode_png(rgba: bytes | np.ndarray, size: tuple[int, int], dpi: int) -> bytes:
    """PNG bytes of RGBA pixels: RGB when every pixel is opaque, the resolution and no other metadata."""
    from PIL import Image

    img = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)
    if img.getchannel("A").getextrema() == (255, 255):  # opaque (the white face): a quarter less to encode
        img = img.convert("RGB")
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


def _agg_pixels(fig: Figure, dpi: int) -> tuple[np.ndarray, tuple[int, int]]:
    """The figure drawn by Agg at ``dpi``, its face painted as ``savefig`` would: its RGBA pixels (a view of the
    renderer's buffer, height × width × 4) and (width, height)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas, original_dpi = fig.canvas, fig.dpi
    face, edge = fig.get_facecolor(), fig.get_edgecolor()
    save_face, save_edge = mpl.rcParams["savefig.facecolor"], mpl.rcParams["savefig.edgecolor"]
    try:
        fig.dpi = dpi
        fig.set_facecolor(face if _is_auto(save_face) else save_face)
        fig.set_edgecolor(edge if _is_auto(save_edge) else save_edge)
        # Hinting fits glyphs to a screen's pixel grid; at print resolution it shows no difference
        # and costs a sixth of the drawing.
        with mpl.rc_context({"text.hinting": "no_hinting"}):
            agg = FigureCanvasAgg(fig)
            agg.draw()
            renderer = agg.get_renderer()
            # The renderer's own pixels, not a copy (print_to_buffer copies 14 MB): the array keeps them alive.
            return np.asarray(renderer.buffer_rgba()), (int(renderer.width), int(renderer.height))
    finally:
        fig.dpi = original_dpi
        fig.set_facecolor(face)
        fig.set_edgecolor(edge)
        fig.set_canvas(canvas)


def _is_auto(color: object) -> bool:
    return isinstance(color, str) and color == "auto"


@contextlib.contextmanager
def _layout_frozen(fig: Figure) -> Iterator[None]:
    """Keep the positions the last drawing's layout engine computed (the engine is restored after).

    The engine is removed, not replaced by ``"none"``: savefig draws a figure that has any engine, even the
    placeholder ``"none"`` sets, twice (a dry run to lay it out first). ``None`` means the style's layout when
    the style sets one, so the style's is switched off while it is removed.
    """
    import matplotlib as mpl

    engine = fig.get_layout_engine()
    if engine is not None:
        with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
            fig.set_layout_engine(None)
    try:
        yield
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)


def save_chart(fig: Figure, out_dir: str | Path, name: str) -> tuple[list[Path], ChartFiles]:
    """:func:`save_figure`, also returning the bytes written (the report shows the SVG inline)."""
    out = _check(out_dir, name)
    drawn = render_chart(fig)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    png.write_bytes(drawn.png)
    svg.write_bytes(drawn.svg)
    return [png, svg], drawn


def _check(out_dir: str | Path, name: str) -> Path:
    if not _NAME_RE.match(name):
        raise ValueError(f"chart name {name!r} must be letters, digits, '_', '-' or '.'")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return out


def save_figure(fig: Figure, out_dir: str | Path, name: str) -> list[Path]:
    """Write a figure as ``<name>.png`` (300 dpi) and ``<name>.svg`` in ``out_dir``.

    Both files are byte-identical between runs on the same figure: the PNG
    has no software or time stamp, the SVG no date, a fixed creator and the
    style's fixed ``svg.hashsalt`` for its element ids. The figure is drawn
    once per format (:func:`render_chart`).

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
    return save_chart(fig, out_dir, name)[0]
