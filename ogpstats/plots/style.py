"""The house style every chart shares: colours, the style sheet, figure, title/period/source lines, legends."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TypedDict

import matplotlib.style
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation

from ..i18n import Messages

# Okabe & Ito (2008) colours, readable with every common colour-vision
# deficiency; warm = not done, cool = done, darker = further along.
LEVEL_COLORS: dict[str, str] = {
    "not_started": "#D55E00",  # vermillion
    "limited": "#E69F00",  # orange
    "substantial": "#56B4E9",  # sky blue
    "complete": "#0072B2",  # blue
}
"""The fixed colour of each completion level, identical in every chart."""

NOT_ASSESSED_COLOR = "#BBBBBB"
"""Grey for items without a status."""

KPI_STATUS_COLORS: dict[str, str] = {
    "on_track": LEVEL_COLORS["complete"],
    "at_risk": LEVEL_COLORS["limited"],
    "off_track": LEVEL_COLORS["not_started"],
    "no_data": NOT_ASSESSED_COLOR,
}
"""Colours of the KPI statuses of :func:`ogpstats.analytics.kpi_status`."""

INDEX_COLOR = "#0072B2"
SOURCE_COLOR = "#666666"
WIDTH = 8.0

SUBTITLE_CHARS_PER_INCH = 10
"""How many characters of the period line fit in an inch of figure width (9 pt DejaVu Sans, with margins)."""


def style_path() -> Path:
    """Path of the packaged matplotlib style ``ogpstats.mplstyle``."""
    return Path(str(resources.files("ogpstats").joinpath("data/ogpstats.mplstyle")))


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """Context in which the house style's rcParams are active (creation and saving)."""
    with matplotlib.style.context(str(style_path())):
        yield


def new_figure(width: float = WIDTH, height: float = 4.5) -> Figure:
    """A blank figure in the house style, with constrained layout."""
    with house_style():
        return Figure(figsize=(width, height), layout="constrained")


def decorate(fig: Figure, title: str, subtitle: str | None, source: str) -> Figure:
    """Put the title, the period line and the source line on a figure.

    The title is the figure's suptitle, the period line the first axes'
    left title, the source line the figure's bottom label; constrained layout
    reserves room for all three.
    """
    with house_style():
        fig.suptitle(title, x=0.01, ha="left")
        if subtitle and fig.axes:
            # Wrapped to the figure's width: a half-width chart's period line ("2016-cı ilin II yarımilindən
            # 2018-ci ilin II yarımilinədək") would otherwise run past its edge and be cut.
            fig.axes[0].set_title(wrap(subtitle, max(30, int(fig.get_figwidth() * SUBTITLE_CHARS_PER_INCH))),
                                  loc="left", pad=8)
        fig.supxlabel(source, x=0.01, ha="left", color=SOURCE_COLOR)
    return fig


def wrap(text: object, width: int = 42) -> str:
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=True)) or str(text)


def group_labels(groups: pd.Series, labels: Mapping[str, str] | None) -> list[str]:
    labels = labels or {}
    return [wrap(labels.get(str(g), str(g))) for g in groups]


def _round_of(frame: pd.DataFrame) -> str | None:
    if "round" in frame and len(frame) and pd.notna(frame["round"].iloc[0]):
        return str(frame["round"].iloc[0])
    return None


class ChartText(TypedDict, total=False):
    """The words around a chart, passed to every chart function as keywords; any left out gets its default.

    Attributes
    ----------
    labels
        Display label per group (or KPI, road map) key; default the key itself.
    title
        The chart's title; default the catalogue's title of that chart.
    subtitle
        The line under the title; default "status at <round>" (or the span of rounds).
    source
        The source line under the chart; default the catalogue's source line.
    """

    labels: Mapping[str, str] | None
    title: str | None
    subtitle: str | None
    source: str | None


def chart_words(text: ChartText) -> tuple[Mapping[str, str] | None, str | None, str | None, str | None]:
    """``labels, title, subtitle, source`` of a chart's :class:`ChartText` (``None`` where not given)."""
    return text.get("labels"), text.get("title"), text.get("subtitle"), text.get("source")


def chart_texts(m: Messages, frame: pd.DataFrame, title: str | None, title_key: str,
           subtitle: str | None, source: str | None) -> tuple[str, str | None, str]:
    """Defaults for the three text lines: catalogue title, "status at <round>", source."""
    if title is None:
        title = m(title_key)
    if subtitle is None:
        r = _round_of(frame)
        subtitle = m("chart.status_at", period=m.round_label(r)) if r else None
    if source is None:
        source = m("chart.source_default")
    return title, subtitle, source


def legend_below(ax, handles: list, ncols: int | None = None) -> None:
    """A one-row legend under the x-axis label.

    Anchored a fixed physical distance below the axes (tick labels and axis
    label have fixed point sizes), so constrained layout counts it with the
    axes and keeps the source line below it.
    """
    fig = ax.figure
    anchor = ax.transAxes + ScaledTranslation(0, -0.5, fig.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=anchor,
              ncols=ncols or len(handles), handlelength=1.2, columnspacing=1.2, borderaxespad=0)


def number_axis(axis, m: Messages, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: m.number(x, decimals)))
