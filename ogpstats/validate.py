"""Problems found in input files, each pointing at a file, sheet and cell."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class UnusableInput(Exception):
    """A file that cannot be read at all (missing, empty, corrupt, no plan table).

    The message is one line naming the file and what was expected; the CLI
    exits with code 2.
    """


class DataErrors(Exception):
    """Data with errors that block indicators and reports (CLI exit code 1)."""

    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the input data")


@dataclass(frozen=True)
class Problem:
    """One validation problem.

    Attributes
    ----------
    severity : {"error", "warning"}
    file, sheet, cell : str
        Where; ``cell`` in A1 style (``"B3"``), empty when not a single cell.
    message : str
        What is wrong, in one sentence.
    suggestion : str or None
        A likely fix (the nearest known status word for a typo).
    """

    severity: str
    file: str
    sheet: str
    cell: str
    message: str
    suggestion: str | None = None

    def format(self) -> str:
        """One line: ``file: sheet!cell: error: message (did you mean …?)``."""
        where = self.file
        if self.sheet:
            where += f": {self.sheet}" + (f"!{self.cell}" if self.cell else "")
        line = f"{where}: {self.severity}: {self.message}"
        if self.suggestion:
            line += f" (did you mean {self.suggestion!r}?)"
        return line

    def to_dict(self) -> dict:
        return asdict(self)


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
