"""The exceptions a report run ends with: one line each, and the exit code the command line gives.

Exit codes follow the rest of ogpstats (``docs/scheduling.md``): 1 for data
errors, failed notebooks, a full disk, a busy lock; 2 for what the operator
must fix before a run can do its work: an unusable path, an input file that
is unusable or gone.
"""

from __future__ import annotations

from .publish import Failure


class ReportError(Exception):
    """A report run that did not succeed; the message is one line for the CLI, which exits ``exit_code``."""

    exit_code = 1


class UnusablePath(ReportError):
    """A ``--data``, ``--notebooks`` or ``--out`` path that cannot be used (exit 2)."""

    exit_code = 2


class InputsLost(ReportError):
    """Input files are gone or unusable (exit 2): the reports built from them keep their last good version."""

    exit_code = 2

    def __init__(self, message: str, lines: list[str]):
        super().__init__(message)
        self.lines = lines


class DiskFull(ReportError):
    """A write failed for lack of space (exit 1); the previous reports are intact, the staging folders removed."""


class NotebookFailed(ReportError):
    """One or more notebooks raised; their executed copies are in ``<out>/_failed/``."""

    def __init__(self, message: str, failures: list[Failure]):
        super().__init__(message)
        self.failures = failures


class DataErrorsInInputs(ReportError):
    """Inputs have data errors: the reports built on them were not regenerated."""

    def __init__(self, message: str, errors: list[str]):
        super().__init__(message)
        self.errors = errors


class ReportsBusy(ReportError):
    """Another run holds the lock and ``no_wait`` was given."""
