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

=====================  ====================================================
:mod:`.style`          colours, style sheet, figure, title/period/source
:mod:`.level_bars`     :func:`levels_by_group`
:mod:`.series`         :func:`index_over_rounds`
:mod:`.bars`           :func:`index_by_group`, :func:`league_table`
:mod:`.priorities`     :func:`priority_grid`
:mod:`.kpis`           :func:`kpi_status`
:mod:`.save`           :func:`save_figure`, :func:`save_chart`, :func:`figure_png`
=====================  ====================================================
"""

from .bars import index_by_group, league_table
from .kpis import kpi_status
from .level_bars import levels_by_group
from .priorities import priority_grid
from .save import DISPLAY_DPI, PNG_DPI, SVG_CREATOR, ChartFiles, figure_png, render_chart, save_chart, save_figure
from .series import index_over_rounds
from .style import (
    INDEX_COLOR,
    KPI_STATUS_COLORS,
    LEVEL_COLORS,
    NOT_ASSESSED_COLOR,
    SOURCE_COLOR,
    WIDTH,
    ChartText,
    decorate,
    house_style,
    new_figure,
    style_path,
)

__all__ = [
    "levels_by_group", "index_over_rounds", "index_by_group", "league_table", "priority_grid", "kpi_status",
    "save_figure", "save_chart", "render_chart", "ChartFiles", "figure_png",
    "decorate", "new_figure", "house_style", "style_path",
    "LEVEL_COLORS", "NOT_ASSESSED_COLOR", "KPI_STATUS_COLORS", "INDEX_COLOR", "SOURCE_COLOR", "WIDTH",
    "PNG_DPI", "DISPLAY_DPI", "SVG_CREATOR", "ChartText",
]
