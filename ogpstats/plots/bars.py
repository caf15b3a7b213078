"""The implementation index per group as bars: in the frame's order, and as a league table (best first)."""

from __future__ import annotations

import math
from typing import Unpack

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..i18n import messages
from .style import (
    INDEX_COLOR,
    ChartText,
    chart_texts,
    chart_words,
    decorate,
    group_labels,
    house_style,
    legend_below,
    new_figure,
    number_axis,
)


def index_by_group(
    ind: pd.DataFrame,
    *,
    lang: str = "en",
    value: str = "implementation_index",
    group_axis_label: str | None = None,
    **text: Unpack[ChartText],
) -> Figure:
    """Horizontal bars: the implementation index (0-100) of each group.

    Used for the index per road map. A group with nothing assessed shows
    "–" and no bar.
    **text
        ``labels``, ``title``, ``subtitle``, ``source`` (:class:`~ogpstats.plots.style.ChartText`).
    """
    labels, title, subtitle, source = chart_words(text)
    m = messages(lang)
    title, subtitle, source = chart_texts(m, ind, title, "chart.index_by_group.title", subtitle, source)
    n = len(ind)
    fig = new_figure(height=2.0 + 0.38 * max(n, 1))
    with house_style():
        ax = fig.add_subplot()
        y = np.arange(n)
        vals = ind[value].to_numpy(dtype=float) if n else np.zeros(0)
        ax.barh(y, np.nan_to_num(vals), color=INDEX_COLOR, height=0.65)
        for yi, v in enumerate(vals):
            ax.text((0 if math.isnan(v) else v) + 1, yi, m.number(v, 1), va="center", fontsize=7, color="#222222")
        ax.set_yticks(y, group_labels(ind["group"], labels) if n else [])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 108)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        number_axis(ax.xaxis, m)
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
    **text: Unpack[ChartText],
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

    Returns
    -------
    matplotlib.figure.Figure
    **text
        ``labels``, ``title``, ``subtitle``, ``source`` (:class:`~ogpstats.plots.style.ChartText`).
    """
    labels, title, subtitle, source = chart_words(text)
    m = messages(lang)
    title, subtitle, source = chart_texts(m, frame, title, "chart.league.title", subtitle, source)
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
        for yi, v in enumerate(vals):  # a white box keeps the value readable over the reference line
            ax.text((0 if math.isnan(v) else v) + 1, yi, m.number(v, 1), va="center", fontsize=7, color="#222222",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0}, zorder=4)
        ax.set_yticks(y, group_labels(frame[group], labels) if n else [])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 108)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        number_axis(ax.xaxis, m)
        ax.set_xlabel(m("axis.index"))
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
        if reference is not None and not (isinstance(reference, float) and math.isnan(reference)):
            line = ax.axvline(float(reference), color="#333333", linewidth=1, linestyle="--",
                              label=m(reference_key, value=m.number(reference, 1)))
            legend_below(ax, [line])
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)
