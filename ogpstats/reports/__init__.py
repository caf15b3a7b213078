"""Monitoring reports: notebooks run with papermill and rendered to HTML without code.

Modules, one concern each:

==============  ==============================================================
``run``         :func:`run_reports` — plan, stage, execute, swap in, index
``execute``     one notebook through papermill on the environment's kernel
``kernel``      the ``ogpstats`` kernelspec and the IPC kernel manager
``render``      executed notebook → self-contained HTML without code
``manifest``    ``manifest.json`` and the keys of incremental runs
``lock``        one run at a time per output folder
``inputs``      input files: sha256, kind, rounds
``notebook``    :class:`Report`, what a report notebook calls
``analysis``    overdue items, changes, scorecards, KPI progress
``tables``      escaped HTML, CSV and XLSX tables
``index``       ``reports/index.html`` with thumbnails
==============  ==============================================================

Only light modules are imported here, so ``ogpstats report`` on an unchanged
data folder does not pay for papermill, nbconvert or matplotlib.
"""

from .run import DataErrorsInInputs, NotebookFailed, ReportError, ReportsBusy, RunResult, discover_notebooks, run_reports

__all__ = ["DataErrorsInInputs", "NotebookFailed", "ReportError", "ReportsBusy", "RunResult", "discover_notebooks", "run_reports"]
