"""Analytics over the tidy tables: pure, vectorised functions, one line each in a notebook.

========================  ==================================================
:func:`kpi_status`        Strategic Road Map KPIs: attainment against a
                          straight path, on track / at risk / off track
:func:`schedule_tracking` time elapsed beside the implementation index, per
                          group (:func:`schedule_items` per item)
:func:`transitions`       level-to-level changes between two rounds
:func:`forecast`          index per round, linear trend, when it reaches 100
:func:`agency_scorecard`  league table of implementing agencies
:func:`ogp_benchmark`     OGP members by country, region or end year
========================  ==================================================

Definitions with worked examples: ``docs/indicators.md``, section "Analytics".

>>> from ogpstats.analytics import kpi_status, transitions        # doctest: +SKIP
>>> kpi_status(ds.kpis, as_of=2020)                                 # doctest: +SKIP
>>> transitions(ds.items, ds.assessments, "2017-H2", "2018-H2").matrix  # doctest: +SKIP
"""

from .benchmarks import BENCHMARK_BY, BENCHMARK_COLUMNS, ogp_benchmark
from .changes import CHANGE_ITEM_COLUMNS, CHANGES, MATRIX_LEVELS, Transitions, transitions
from .forecast import FORECAST_COLUMNS, NO_TREND, NOT_AT_CURRENT_PACE, Forecast, forecast
from .kpis import KPI_STATUS_COLUMNS, KPI_STATUSES, kpi_status
from .schedule import SCHEDULE_COLUMNS, SCHEDULE_ITEM_COLUMNS, elapsed_share, schedule_items, schedule_tracking
from .scorecard import SCORECARD_COLUMNS, agency_scorecard, on_time_completion

__all__ = [
    "kpi_status", "schedule_tracking", "schedule_items", "elapsed_share", "transitions", "Transitions",
    "forecast", "Forecast", "agency_scorecard", "on_time_completion", "ogp_benchmark",
    "KPI_STATUS_COLUMNS", "KPI_STATUSES", "SCHEDULE_COLUMNS", "SCHEDULE_ITEM_COLUMNS", "MATRIX_LEVELS",
    "CHANGES", "CHANGE_ITEM_COLUMNS", "FORECAST_COLUMNS", "NOT_AT_CURRENT_PACE", "NO_TREND", "SCORECARD_COLUMNS",
    "BENCHMARK_BY", "BENCHMARK_COLUMNS",
]
