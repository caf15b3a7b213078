"""Interactive exploration in JupyterLab: the dashboard and the pure views behind it.

``Dashboard`` needs ipywidgets; the functions of :mod:`ogpstats.explore.views`
do not.
"""

from __future__ import annotations

from .views import MEASURE_COLUMNS, Selection, indicator_table, measures, rounds_series


def __getattr__(name: str):
    # Import the widgets only when the dashboard is asked for: the views work without ipywidgets.
    if name == "Dashboard":
        from .dashboard import Dashboard

        return Dashboard
    raise AttributeError(name)


__all__ = ["MEASURE_COLUMNS", "Dashboard", "Selection", "indicator_table", "measures", "rounds_series"]
