"""Monitoring reports: notebooks run with papermill and rendered to HTML without code.

Modules, one concern each:

==============  ==============================================================
``run``         :func:`run_reports` — plan, execute, publish, index; ``plan_reports``
``plan``        the pure plan: run / unchanged / refused / not applicable
``pool``        execute the planned notebooks, ``jobs`` at a time; pages rendered meanwhile
``publish``     staging folders, ``_failed/``, manifest and the swap-in
``paths``       ``--data``/``--notebooks``/``--out`` checked up front; a full disk
``errors``      the exceptions a run ends with and their exit codes
``execute``     one notebook through papermill on the environment's kernel
``engine``      papermill's nbclient engine, writing the notebook once it ends
``kernel``      the ``ogpstats`` kernelspec and the IPC kernel manager
``render``      executed notebook → self-contained HTML without code
``manifest``    ``manifest.json`` and the keys of incremental runs
``lock``        one run at a time per output folder (``filelock``)
``atomic``      ``atomic_write``: every write-then-rename
``inputs``      input files: sha256, kind, rounds
``datacache``   each input read once a run: its tidy tables pickled by sha256
``slices``      the data a period may use, and its digest (the period's cache key)
``progress``    progress lines on stderr
``page``        navigation and download links of a page
``templates``   the Jinja2 templates (autoescaped)
``notebook``    :class:`Report`, what a report notebook calls
``analysis``    overdue items, changes, scorecards, KPI progress
``tables``      escaped HTML, CSV and XLSX tables
``index``       ``reports/index.html`` with thumbnails
==============  ==============================================================

Only light modules are imported here, so ``ogpstats report`` on an unchanged
data folder does not pay for papermill, nbconvert or matplotlib.
"""

from .errors import DataErrorsInInputs, DiskFull, InputsLost, NotebookFailed, ReportError, ReportsBusy, UnusablePath
from .plan import Plan, format_plan
from .run import RunResult, discover_notebooks, plan_reports, run_reports

__all__ = ["DataErrorsInInputs", "DiskFull", "InputsLost", "NotebookFailed", "Plan", "ReportError", "ReportsBusy",
           "RunResult", "UnusablePath", "discover_notebooks", "format_plan", "plan_reports", "run_reports"]
