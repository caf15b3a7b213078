"""Time series: an indicator at every monitoring round, one line per group."""

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
    WIDTH,
    ChartText,
    chart_texts,
    chart_words,
    decorate,
    house_style,
    new_figure,
    number_axis,
    wrap,
)


def index_over_rounds(
    over: pd.DataFrame,
    *,
    lang: str = "en",
    value: str = "implementation_index",
    height: float = 4.4,
    width: float = WIDTH,
    **text: Unpack[ChartText],
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
    height, width
        Figure size in inches (default: the house width).
    **text
        ``labels``, ``title``, ``subtitle``, ``source`` (:class:`~ogpstats.plots.style.ChartText`).
    """
    labels, title, subtitle, source = chart_words(text)
    m = messages(lang)
    rounds = list(dict.fromkeys(over["round"].astype(str))) if len(over) else []
    if subtitle is None and len(rounds) > 1:
        subtitle = m("chart.rounds_span", first=m.round_label(rounds[0]), last=m.round_label(rounds[-1]))
    elif subtitle is None and rounds:
        subtitle = m("chart.status_at", period=m.round_label(rounds[0]))
    is_rate = value != "implementation_index"
    title_key = f"chart.{value}_over_rounds.title" if is_rate else "chart.index_over_rounds.title"
    title, subtitle, source = chart_texts(m, over, title, title_key, subtitle or "", source)
    fig = new_figure(width=width, height=height)
    with house_style():
        ax = fig.add_subplot()
        x = np.arange(len(rounds))
        groups = list(dict.fromkeys(over["group"].astype(str))) if len(over) else []
        several = len(groups) > 1
        for g in groups:
            part = over[over["group"].astype(str) == g].set_index("round")[value]
            ys = np.array([part.get(r, np.nan) for r in rounds], dtype=float) * (100 if is_rate else 1)
            label = (labels or {}).get(g, g)
            color = INDEX_COLOR if not several else None
            line, = ax.plot(x, ys, marker="o", label=wrap(label, 30), color=color)
            if not several:
                for xi, yi in zip(x, ys):
                    if not math.isnan(yi):
                        ax.annotate(m.number(yi, 1), (xi, yi), textcoords="offset points", xytext=(0, 7),
                                    ha="center", fontsize=7, color="#222222")
        narrow = width < 6  # long round names ("2016, II yarımil") go on two lines
        ax.set_xticks(x, [wrap(m.round_label(r), 10) if narrow else m.round_label(r) for r in rounds])
        ax.set_xlim(-0.5, max(len(rounds) - 0.5, 0.5))
        ax.set_ylim(0, 105)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        number_axis(ax.yaxis, m)
        ax.set_ylabel(m("axis.index") if not is_rate else m("axis.percent"))
        ax.set_xlabel(m("axis.round"))
        ax.grid(axis="y")
        if several:
            fig.legend(loc="outside right upper")
        if not rounds:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle or None, source)
