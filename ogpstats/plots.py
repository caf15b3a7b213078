"""Charts for the monitoring reports, in one house style.

Every function takes an indicator frame (the output of
:func:`ogpstats.indicators.compute_indicators` or
:func:`ogpstats.indicators.index_over_rounds`) and returns a
:class:`matplotlib.figure.Figure` built without pyplot, so charts carry no
global state and work the same in a kernel, a test or a script.

Every chart has a title, a period line under it and a source line at the
bottom; the four completion levels always have the colours of
:data:`LEVEL_COLORS`. :func:`save_figure` writes PNG (300 dpi) and SVG whose
bytes are identical between runs on the same inputs.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import textwrap
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .i18n import Messages, messages
from .levels import LEVELS

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
PNG_DPI = 300
DISPLAY_DPI = 110
"""Resolution of the PNG embedded in the HTML report (the 300 dpi file is in ``charts/``)."""

SVG_CREATOR = "ogpstats"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
WIDTH = 8.0


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
            fig.axes[0].set_title(subtitle, loc="left", pad=8)
        fig.supxlabel(source, x=0.01, ha="left", color=SOURCE_COLOR)
    return fig


def _wrap(text: object, width: int = 42) -> str:
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=True)) or str(text)


def _labels(groups: pd.Series, labels: Mapping[str, str] | None) -> list[str]:
    labels = labels or {}
    return [_wrap(labels.get(str(g), str(g))) for g in groups]


def _round_of(frame: pd.DataFrame) -> str | None:
    if "round" in frame and len(frame) and pd.notna(frame["round"].iloc[0]):
        return str(frame["round"].iloc[0])
    return None


def _texts(m: Messages, frame: pd.DataFrame, title: str | None, title_key: str,
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


def _legend_below(ax, handles: list, ncols: int | None = None) -> None:
    """A one-row legend under the x-axis label.

    Anchored a fixed physical distance below the axes (tick labels and axis
    label have fixed point sizes), so constrained layout counts it with the
    axes and keeps the source line below it.
    """
    fig = ax.figure
    anchor = ax.transAxes + ScaledTranslation(0, -0.5, fig.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=anchor,
              ncols=ncols or len(handles), handlelength=1.2, columnspacing=1.2, borderaxespad=0)


def _number_axis(axis, m: Messages, decimals: int = 0) -> None:
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: m.number(x, decimals)))


def levels_by_group(
    ind: pd.DataFrame,
    *,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    group_axis_label: str | None = None,
    show_not_assessed: bool = True,
    width: float = WIDTH,
    height: float | None = None,
) -> Figure:
    """Horizontal stacked bars: how many items of each group are at each level.

    Parameters
    ----------
    ind
        Indicator frame (:func:`~ogpstats.indicators.compute_indicators`) with
        ``group``, ``n_items``, ``n_assessed`` and the four level counts;
        groups are drawn top to bottom in the frame's order.
    lang
        Language of every word on the chart.
    labels
        Display label per group id (``{"1": "1. Transparency ..."}``);
        default the group id.
    title, subtitle, source
        Override the catalogue's title, the "status at <round>" line and the
        source line.
    group_axis_label
        Label of the group axis (e.g. "Commitment").
    show_not_assessed
        Add a grey segment for items without a status.
    width, height
        Figure size in inches; default the house width and a height that
        grows with the number of groups. A figure narrower than 6 inches
        puts its legend on two rows.

    Returns
    -------
    matplotlib.figure.Figure
    """
    m = messages(lang)
    title, subtitle, source = _texts(m, ind, title, "chart.levels.title", subtitle, source)
    n = len(ind)
    fig = new_figure(width=width, height=height or 2.2 + 0.38 * max(n, 1))
    with house_style():
        ax = fig.add_subplot()
        y = np.arange(n)
        left = np.zeros(n)
        segments = [(lv, m.level(lv), LEVEL_COLORS[lv], ind[lv].to_numpy(dtype=float) if n else left) for lv in LEVELS]
        rest = (ind["n_items"] - ind["n_assessed"]).to_numpy(dtype=float) if n else left
        if show_not_assessed and rest.sum() > 0:
            segments.append(("not_assessed", m.level(None), NOT_ASSESSED_COLOR, rest))
        total = max(float((ind["n_items"] if show_not_assessed else ind["n_assessed"]).max()) if n else 1.0, 1.0)
        handles = []
        for key, label, color, values in segments:
            ax.barh(y, values, left=left, color=color, height=0.7, label=label, edgecolor="white", linewidth=0.5)
            for yi, (v, l0) in enumerate(zip(values, left)):
                if v > 0 and v / total >= 0.045:
                    dark = key in ("complete", "not_started")
                    ax.text(l0 + v / 2, yi, m.integer(v), ha="center", va="center", fontsize=7,
                            color="white" if dark else "#222222")
            left = left + values
            handles.append(Patch(facecolor=color, label=label))
        ax.set_yticks(y, _labels(ind["group"], labels) if n else [])
        ax.set_ylim(n - 0.5, -0.5)  # first group on top
        ax.set_xlim(0, total * 1.02)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        _number_axis(ax.xaxis, m)
        ax.set_xlabel(m("axis.items"))
        if group_axis_label:
            ax.set_ylabel(group_axis_label)
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
        _legend_below(ax, handles, ncols=3 if width < 6 else None)
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)


def index_over_rounds(
    over: pd.DataFrame,
    *,
    lang: str = "en",
    value: str = "implementation_index",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    height: float = 4.4,
    width: float = WIDTH,
) -> Figure:
    """A line per group: an indicator at every monitoring round.

    Parameters
    ----------
    over
        Output of :func:`ogpstats.indicators.index_over_rounds` (columns
        ``round``, ``group`` and ``value``), rounds earliest first.
    value
        ``implementation_index`` (0-100), or a rate column
        (``high_completion_rate``, ``completion_rate``) drawn as a percentage.
    labels
        Display label per group id, used in the legend when there are several groups.
    title, subtitle, source
        Override the catalogue texts; the default period line names the
        first and last round.
    height, width
        Figure size in inches (default: the house width).
    """
    m = messages(lang)
    rounds = list(dict.fromkeys(over["round"].astype(str))) if len(over) else []
    if subtitle is None and len(rounds) > 1:
        subtitle = m("chart.rounds_span", first=m.round_label(rounds[0]), last=m.round_label(rounds[-1]))
    elif subtitle is None and rounds:
        subtitle = m("chart.status_at", period=m.round_label(rounds[0]))
    title_key = "chart.index_over_rounds.title" if value == "implementation_index" else f"chart.{value}_over_rounds.title"
    title, subtitle, source = _texts(m, over, title, title_key, subtitle or "", source)
    is_rate = value != "implementation_index"
    fig = new_figure(width=width, height=height)
    with house_style():
        ax = fig.add_subplot()
        x = np.arange(len(rounds))
        groups = list(dict.fromkeys(over["group"].astype(str))) if len(over) else []
        several = len(groups) > 1
        for g in groups:
            part = over[over["group"].astype(str) == g].set_index("round")["%s" % value]
            ys = np.array([part.get(r, np.nan) for r in rounds], dtype=float) * (100 if is_rate else 1)
            label = (labels or {}).get(g, g)
            color = INDEX_COLOR if not several else None
            line, = ax.plot(x, ys, marker="o", label=_wrap(label, 30), color=color)
            if not several:
                for xi, yi in zip(x, ys):
                    if not math.isnan(yi):
                        ax.annotate(m.number(yi, 1), (xi, yi), textcoords="offset points", xytext=(0, 7),
                                    ha="center", fontsize=7, color="#222222")
        narrow = width < 6  # long round names ("2016, II yarımil") go on two lines
        ax.set_xticks(x, [_wrap(m.round_label(r), 10) if narrow else m.round_label(r) for r in rounds])
        ax.set_xlim(-0.5, max(len(rounds) - 0.5, 0.5))
        ax.set_ylim(0, 105)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        _number_axis(ax.yaxis, m)
        ax.set_ylabel(m("axis.index") if not is_rate else m("axis.percent"))
        ax.set_xlabel(m("axis.round"))
        ax.grid(axis="y")
        if several:
            fig.legend(loc="outside right upper")
        if not rounds:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle or None, source)


def index_by_group(
    ind: pd.DataFrame,
    *,
    lang: str = "en",
    value: str = "implementation_index",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    group_axis_label: str | None = None,
) -> Figure:
    """Horizontal bars: the implementation index (0-100) of each group.

    Used for the index per road map. A group with nothing assessed shows
    "–" and no bar.
    """
    m = messages(lang)
    title, subtitle, source = _texts(m, ind, title, "chart.index_by_group.title", subtitle, source)
    n = len(ind)
    fig = new_figure(height=2.0 + 0.38 * max(n, 1))
    with house_style():
        ax = fig.add_subplot()
        y = np.arange(n)
        vals = ind[value].to_numpy(dtype=float) if n else np.zeros(0)
        ax.barh(y, np.nan_to_num(vals), color=INDEX_COLOR, height=0.65)
        for yi, v in zip(y, vals):
            ax.text((0 if math.isnan(v) else v) + 1, yi, m.number(v, 1), va="center", fontsize=7, color="#222222")
        ax.set_yticks(y, _labels(ind["group"], labels) if n else [])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 108)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        _number_axis(ax.xaxis, m)
        ax.set_xlabel(m("axis.index"))
        if group_axis_label:
            ax.set_ylabel(group_axis_label)
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
    return decorate(fig, title, subtitle, source)


def league_table(
    frame: pd.DataFrame,
    *,
    lang: str = "en",
    group: str = "agency",
    value: str = "implementation_index",
    reference: float | None = None,
    reference_key: str = "chart.league.reference",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
) -> Figure:
    """Horizontal bars sorted best first: a league table of the implementation index.

    Parameters
    ----------
    frame
        One row per group, e.g. :func:`ogpstats.analytics.agency_scorecard`
        (columns ``agency``, ``implementation_index``, ``round``). Rows are
        sorted by ``value`` descending (groups with no value last, then by
        name), so the chart does not depend on the frame's order.
    group
        Column naming the groups.
    value
        Column of the 0-100 value drawn.
    reference
        A dashed vertical line, e.g. the index of the whole plan, labelled
        "whole plan: <value>" in the legend; ``None`` for no line.
    reference_key
        Catalogue key of the reference line's legend label (field ``value``).
    labels
        Display label per group; default the group's name.
    title, subtitle, source
        Override the catalogue title (``chart.league.title``), the
        "status at <round>" line and the source line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    m = messages(lang)
    title, subtitle, source = _texts(m, frame, title, "chart.league.title", subtitle, source)
    if len(frame):
        vals = pd.to_numeric(frame[value], errors="coerce")
        order = sorted(range(len(frame)), key=lambda i: (math.isnan(vals.iloc[i]), -np.nan_to_num(vals.iloc[i]),
                                                         str(frame[group].iloc[i])))
        frame = frame.iloc[order]
    n = len(frame)
    fig = new_figure(height=2.3 + 0.36 * max(n, 1))
    with house_style():
        ax = fig.add_subplot()
        y = np.arange(n)
        vals = pd.to_numeric(frame[value], errors="coerce").to_numpy(dtype=float) if n else np.zeros(0)
        ax.barh(y, np.nan_to_num(vals), color=INDEX_COLOR, height=0.65)
        for yi, v in zip(y, vals):  # a white box keeps the value readable over the reference line
            ax.text((0 if math.isnan(v) else v) + 1, yi, m.number(v, 1), va="center", fontsize=7, color="#222222",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0}, zorder=4)
        ax.set_yticks(y, _labels(frame[group], labels) if n else [])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 108)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        _number_axis(ax.xaxis, m)
        ax.set_xlabel(m("axis.index"))
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
        if reference is not None and not (isinstance(reference, float) and math.isnan(reference)):
            line = ax.axvline(float(reference), color="#333333", linewidth=1, linestyle="--",
                              label=m(reference_key, value=m.number(reference, 1)))
            _legend_below(ax, [line])
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)


def priority_grid(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
) -> Figure:
    """A grid of tiles: one row per road map, one tile per priority, shaded by implementation index.

    Parameters
    ----------
    table
        :func:`ogpstats.reports.analysis.priority_table` (columns ``roadmap``,
        ``priority``, ``implementation_index``, ``round``); rows keep the
        table's order, priorities left to right in its order.
    labels
        Display label per road map key (the official titles); default the key.
    title, subtitle, source
        Override the catalogue title (``chart.priorities.title``), the
        "status at <round>" line and the source line.

    Each tile shows the priority number and its index; darker is further
    along (a single-hue blue scale, readable in grey and by colour-blind
    readers); a priority with nothing assessed is grey with "–".
    """
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle as Tile

    m = messages(lang)
    title, subtitle, source = _texts(m, table, title, "chart.priorities.title", subtitle, source)
    roadmaps = list(dict.fromkeys(table["roadmap"].astype(str))) if len(table) else []
    rows = {r: table[table["roadmap"].astype(str) == r] for r in roadmaps}
    width = max((len(p) for p in rows.values()), default=1)
    n = len(roadmaps)
    fig = new_figure(height=2.2 + 0.42 * max(n, 1))
    cmap, norm = colormaps["Blues"], Normalize(vmin=-15, vmax=100)  # -15: a 0 tile is still visible
    with house_style():
        ax = fig.add_subplot()
        for yi, r in enumerate(roadmaps):
            for xi, (_, row) in enumerate(rows[r].iterrows()):
                v = float(row["implementation_index"]) if pd.notna(row["implementation_index"]) else math.nan
                color = NOT_ASSESSED_COLOR if math.isnan(v) else cmap(norm(v))
                ax.add_patch(Tile((xi + 0.04, yi - 0.42), 0.92, 0.84, facecolor=color, edgecolor="white"))
                dark = not math.isnan(v) and v >= 55
                ax.text(xi + 0.5, yi, f"{row['priority']}  ·  {m.number(v, 1)}", ha="center", va="center",
                        fontsize=7, color="white" if dark else "#222222")
        ax.set_xlim(0, width)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_yticks(np.arange(n), [_wrap((labels or {}).get(r, r)) for r in roadmaps])
        ax.set_xticks([])
        ax.tick_params(axis="y", length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        steps = [0, 25, 50, 75, 100]
        handles = [Patch(facecolor=cmap(norm(s)), label=m.number(s, 0)) for s in steps]
        handles.append(Patch(facecolor=NOT_ASSESSED_COLOR, label=m.level(None)))
        _legend_below(ax, handles)
        ax.set_xlabel(m("axis.priority_tiles"), labelpad=4)
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)


def kpi_status(
    kpis: pd.DataFrame,
    *,
    lang: str = "en",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
) -> Figure:
    """Horizontal bars: each KPI's attainment from baseline to target, coloured by status.

    Parameters
    ----------
    kpis
        Output of :func:`ogpstats.analytics.kpi_status`: one row per KPI with
        ``kpi``, ``attainment`` (fraction, 1 = target reached, may be NaN),
        ``expected`` (share of the way expected by the latest year) and
        ``status`` (``on_track`` | ``at_risk`` | ``off_track`` | ``no_data``).
    labels
        Display label per KPI name; default the name.
    """
    m = messages(lang)
    title = title if title is not None else m("chart.kpi.title")
    source = source if source is not None else m("chart.source_default")
    n = len(kpis)
    fig = new_figure(height=2.4 + 0.34 * max(n, 1))
    with house_style():
        ax = fig.add_subplot()
        y = np.arange(n)
        att = kpis["attainment"].to_numpy(dtype=float) * 100 if n else np.zeros(0)
        shown = np.clip(np.nan_to_num(att), -10, 150)
        colors = [KPI_STATUS_COLORS.get(s, NOT_ASSESSED_COLOR) for s in kpis["status"]] if n else []
        ax.barh(y, shown, color=colors, height=0.65)
        expected = kpis["expected"].to_numpy(dtype=float) * 100 if n else np.zeros(0)
        ax.plot(expected, y, linestyle="none", marker="|", markersize=14, markeredgewidth=2, color="#222222")
        for yi, v, s in zip(y, att, shown):
            ax.text(max(s, 0) + 2, yi, m.percent(v / 100, 0) if not math.isnan(v) else m("kpi.no_data"),
                    va="center", fontsize=7, color="#222222",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.85}, zorder=4)
        ax.axvline(100, color="#333333", linewidth=0.8, linestyle="--")
        names = [(labels or {}).get(str(k), str(k)) for k in kpis["kpi"]] if n else []
        ax.set_yticks(y, [_wrap(t, 48) for t in names])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(-10 if n and shown.min() < 0 else 0, 175)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: m.percent(x / 100, 0)))
        ax.set_xlabel(m("axis.kpi_progress"))
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
        handles = [Patch(facecolor=c, label=m(f"kpi.{k}")) for k, c in KPI_STATUS_COLORS.items()]
        handles.append(Line2D([], [], linestyle="none", marker="|", markersize=10, markeredgewidth=2,
                              color="#222222", label=m("kpi.expected")))
        _legend_below(ax, handles, ncols=3)
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)


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
