"""The base of every file reader: the file, its problems, and cell references."""

from __future__ import annotations

from typing import Any

from ..validate import Problem, UnusableInput, cell_ref
from .cells import Book


class Reader:
    """What every reader of one file keeps: the book and the problems found in it.

    Parameters
    ----------
    book
        The file's sheets (:func:`ogpstats.io.cells.read_book`).
    """

    def __init__(self, book: Book):
        self.book = book
        self.file = str(book.path)
        self.problems: list[Problem] = list(book.problems)  # what reading the file found (its encoding)

    def problem(self, code: str, severity: str, sheet: str, row: int | None = None, col: int | None = None,
                suggestion: str | None = None, **fields: object) -> None:
        """Record a problem at a 0-based (row, column) of ``sheet`` (no cell when either is ``None``)."""
        cell = cell_ref(row, col) if row is not None and col is not None else ""
        self.problem_at(code, severity, sheet, cell, suggestion, **fields)

    def problem_at(self, code: str, severity: str, sheet: str, cell: str, suggestion: str | None = None,
                   **fields: object) -> None:
        """Record a problem at an A1 cell reference (``""`` for none)."""
        self.problems.append(Problem(code, severity, self.file, sheet, cell, fields, suggestion))

    def unusable(self, code: str, *, sheet: str = "", **fields: Any) -> UnusableInput:
        """The exception for this file being unusable (raise it)."""
        return UnusableInput(code, self.file, sheet=sheet, **fields)
