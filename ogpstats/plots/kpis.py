"""Strategic Road Map KPIs: attainment from baseline to target, coloured by status."""

from __future__ import annotations

import math
from typing import Unpack

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ..i18n import messages
from .style import (
    KPI_STATUS_COLORS,
    NOT_ASSESSED_COLOR,
    ChartText,
    chart_words,
    decorate,
    house_style,
    legend_below,
    new_figure,
    wrap,
)

CLIP = 150
"""Bars longer than this (percent of the way to target) are cut here; their label still gives the value."""
LABEL_ROOM = 12
"""Percentage points kept right of the longest bar for its value label."""


def axis_end(shown: np.ndarray, expected: np.ndarray) -> float:
    """Where the attainment axis ends: 100 %, or just past the longest bar and its label (a multiple of 10).

    >>> axis_end(np.array([40.0, 80.0]), np.array([50.0]))
    100
    >>> axis_end(np.array([40.0, 120.0]), np.array([50.0]))
    140
    """
    values = np.concatenate([np.nan_to_num(shown), np.nan_to_num(expected)])
    largest = float(values.max()) if values.size else 0.0
    return max(100, math.ceil((largest + LABEL_ROOM) / 10) * 10)


def kpi_status(
    kpis: pd.DataFrame,
    *,
    lang: str = "en",
    **text: Unpack[ChartText],
) -> Figure:
    """Horizontal bars: each KPI's attainment from baseline to target, coloured by status.

    Parameters
    ----------
    kpis
        Output of :func:`ogpstats.analytics.kpi_status`: one row per KPI with
        ``kpi``, ``attainment`` (fraction, 1 = target reached, may be NaN),
        ``expected`` (share of the way expected by the latest year) and
        ``status`` (``on_track`` | ``at_risk`` | ``off_track`` | ``no_data``).
    **text
        ``labels``, ``title``, ``subtitle``, ``source`` (:class:`~ogpstats.plots.style.ChartText`).
    """
    labels, title, subtitle, source = chart_words(text)
    m = messages(lang)
    title = title if title is not None else m("chart.kpi.title")
    source = source if source is not None else m("chart.source_default")
    n = len(kpis)
    fig = new_figure(height=2.4 + 0.34 * max(n, 1))
    with house_style():
        ax = fig.add_subplot()
        y = np.arange(n)
        att = kpis["attainment"].to_numpy(dtype=float) * 100 if n else np.zeros(0)
        shown = np.clip(np.nan_to_num(att), -10, CLIP)
        colors = [KPI_STATUS_COLORS.get(s, NOT_ASSESSED_COLOR) for s in kpis["status"]] if n else []
        ax.barh(y, shown, color=colors, height=0.65)
        expected = kpis["expected"].to_numpy(dtype=float) * 100 if n else np.zeros(0)
        ax.plot(expected, y, linestyle="none", marker="|", markersize=14, markeredgewidth=2, color="#222222")
        for yi, (v, s) in enumerate(zip(att, shown)):
            ax.text(max(s, 0) + 2, yi, m.percent(v / 100, 0) if not math.isnan(v) else m("kpi.no_data"),
                    va="center", fontsize=7, color="#222222",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.85}, zorder=4)
        ax.axvline(100, color="#333333", linewidth=0.8, linestyle="--")
        names = [(labels or {}).get(str(k), str(k)) for k in kpis["kpi"]] if n else []
        ax.set_yticks(y, [wrap(t, 48) for t in names])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(-10 if n and shown.min() < 0 else 0, axis_end(shown, expected))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: m.percent(x / 100, 0)))
        ax.set_xlabel(m("axis.kpi_progress"))
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
        handles: list[Artist] = [Patch(facecolor=c, label=m(f"kpi.{k}")) for k, c in KPI_STATUS_COLORS.items()]
        handles.append(Line2D([], [], linestyle="none", marker="|", markersize=10, markeredgewidth=2,
                              color="#222222", label=m("kpi.expected")))
        legend_below(ax, handles, ncols=3)
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)
