"""Road-map priorities as a grid of tiles shaded by implementation index."""

from __future__ import annotations

import math
from typing import Unpack

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..i18n import messages
from .style import (
    NOT_ASSESSED_COLOR,
    ChartText,
    chart_texts,
    chart_words,
    decorate,
    house_style,
    legend_below,
    new_figure,
    wrap,
)


def priority_grid(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    **text: Unpack[ChartText],
) -> Figure:
    """A grid of tiles: one row per road map, one tile per priority, shaded by implementation index.

    Parameters
    ----------
    table
        :func:`ogpstats.reports.analysis.priority_table` (columns ``roadmap``,
        ``priority``, ``implementation_index``, ``round``); rows keep the
        table's order, priorities left to right in its order.

    Each tile shows the priority number and its index; darker is further
    along (a single-hue blue scale, readable in grey and by colour-blind
    readers); a priority with nothing assessed is grey with "–".
    **text
        ``labels``, ``title``, ``subtitle``, ``source`` (:class:`~ogpstats.plots.style.ChartText`).
    """
    labels, title, subtitle, source = chart_words(text)
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.patches import Rectangle as Tile

    m = messages(lang)
    title, subtitle, source = chart_texts(m, table, title, "chart.priorities.title", subtitle, source)
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
        ax.set_yticks(np.arange(n), [wrap((labels or {}).get(r, r)) for r in roadmaps])
        ax.set_xticks([])
        ax.tick_params(axis="y", length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        steps = [0, 25, 50, 75, 100]
        handles = [Patch(facecolor=cmap(norm(s)), label=m.number(s, 0)) for s in steps]
        handles.append(Patch(facecolor=NOT_ASSESSED_COLOR, label=m.level(None)))
        legend_below(ax, handles)
        ax.set_xlabel(m("axis.priority_tiles"), labelpad=4)
        if n == 0:
            ax.text(0.5, 0.5, m("report.no_data"), transform=ax.transAxes, ha="center", va="center")
    return decorate(fig, title, subtitle, source)
