"""Completion levels per group: stacked bars in the level colours."""

from __future__ import annotations

from typing import Unpack

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..i18n import messages
from ..levels import LEVELS
from .style import (
    LEVEL_COLORS,
    NOT_ASSESSED_COLOR,
    WIDTH,
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


def levels_by_group(
    ind: pd.DataFrame,
    *,
    lang: str = "en",
    group_axis_label: str | None = None,
    show_not_assessed: bool = True,
    width: float = WIDTH,
    height: float | None = None,
    **text: Unpack[ChartText],
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
    **text
        ``labels``, ``title``, ``subtitle``, ``source`` (:class:`~ogpstats.plots.style.ChartText`).
    """
    labels, title, subtitle, source = chart_words(text)
    m = messages(lang)
    title, subtitle, source = chart_texts(m, ind, title, "chart.levels.title", subtitle, source)
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
        ax.set_yticks(y, group_labels(ind["group"], labels) if n else [])
        ax.set_ylim(n - 0.5, -0.5)  # first group on top
        ax.set_xlim(0, total * 1.02)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        number_axis(ax.xaxis, m)
        ax.set_xlabel(m("axis.items"))
        if group_axis_label:
            ax.set_ylabel(group_axis_label)
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
        legend_below(ax, handles, ncols=3 if width < 6 else None)
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)
