"""Problems found in input files, each pointing at a file, sheet and cell.

A problem is data: a stable dotted ``code`` (``status.unknown``,
``file.encrypted``), a severity, where it is, and the ``fields`` its text
needs. The text in every language is rendered from the message catalogue
(``problem.<code>`` in ``ogpstats/data/messages_<lang>.json``); nothing
parses English text back. Every code is described in ``docs/problems.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem found in the input.

    Attributes
    ----------
    code : str
        Stable dotted code, e.g. ``"status.unknown"``; its text is the
        catalogue entry ``problem.<code>``.
    severity : {"error", "warning"}
    file, sheet, cell : str
        Where; ``cell`` in A1 style (``"B3"``), empty when not a single cell.
    fields : mapping
        The values the text needs (``{"value": "icra olunb"}``).
    suggestion : str or None
        A likely fix (the nearest known status word for a typo).
    """

    code: str
    severity: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    fields: Mapping[str, object] = field(default_factory=dict, hash=False)
    suggestion: str | None = None

    @property
    def message(self) -> str:
        """The English text, with the fields as stored (round ids as written, e.g. ``2018-H1``)."""
        from .i18n import messages

        return messages("en").problem(self, labels=False)

    def render(self, lang: str = "en") -> str:
        """The text in ``lang``, as a report shows it (rounds as labels: ``H1 2018``)."""
        from .i18n import messages

        return messages(lang).problem(self)

    def format(self, lang: str | None = None) -> str:
        """One line: ``file: sheet!cell: error: text (did you mean …?)``.

        Without ``lang`` the text is :attr:`message` (what ``ogpstats validate`` prints).
        """
        where = self.file
        if self.sheet:
            where += f": {self.sheet}" + (f"!{self.cell}" if self.cell else "")
        text = self.message if lang is None else self.render(lang)
        line = f"{where}: {self.severity}: {text}"
        if self.suggestion:
            line += f" (did you mean {self.suggestion!r}?)"
        return line

    def to_dict(self, lang: str | None = None) -> dict:
        """JSON-ready: code, severity, file, sheet, cell, fields, message, suggestion."""
        return {"code": self.code, "severity": self.severity, "file": self.file, "sheet": self.sheet,
                "cell": self.cell, "fields": {k: _json_value(v) for k, v in self.fields.items()},
                "message": self.message if lang is None else self.render(lang), "suggestion": self.suggestion}


def _json_value(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


class UnusableInput(Exception):
    """A file that cannot be read at all (missing, empty, corrupt, no plan table).

    ``str(exc)`` is one line naming the file and what was expected; the CLI
    exits with code 2. :attr:`problem` holds it as data (severity ``error``).

    Parameters
    ----------
    code
        The problem code (``file.missing``).
    file
        The file; empty for a problem of no file (an unknown ``--kind``).
    sheet, cell, suggestion
        As in :class:`Problem`.
    **fields
        The values the text needs.
    """

    def __init__(self, code: str, file: str | Path = "", *, sheet: str = "", cell: str = "",
                 suggestion: str | None = None, **fields: object):
        self.problem = Problem(code, "error", str(file), sheet, cell, dict(fields), suggestion)
        super().__init__(code)

    def __str__(self) -> str:
        text = self.problem.message
        return f"{self.problem.file}: {text}" if self.problem.file else text


class DataErrors(Exception):
    """Data with errors that block indicators and reports (CLI exit code 1)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the input data")


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems of severity ``error``."""
    return [p for p in problems if p.severity == "error"]


def column_letter(col: int) -> str:
    """Excel column letters of a 0-based column index (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """A1-style reference of a 0-based (row, column)."""
    return f"{column_letter(col)}{row + 1}"
