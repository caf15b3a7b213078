"""Small CSV tables a user writes beside the data: agency aliases, header words, column maps, translations.

Each is UTF-8 (a BOM is fine, as Excel's "CSV UTF-8" writes one) and read
whole as RFC 4180 says, so a quoted cell may hold a comma or a line break.
A file that is missing or not UTF-8 is one :class:`~ogpstats.validate.UnusableInput`
whose code names the table: ``aliases.missing``, ``translations.not_utf8`` …
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .validate import UnusableInput


def read_text(path: str | Path, table: str) -> str:
    """The text of the user's table ``table`` (``aliases``, ``headers``, ``columns``, ``translations``).

    Raises
    ------
    UnusableInput
        ``<table>.missing`` for a file that cannot be read, ``<table>.not_utf8`` for one that is not UTF-8.
    """
    path = Path(path)
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError:
        raise UnusableInput(f"{table}.missing", path) from None
    except UnicodeDecodeError:
        raise UnusableInput(f"{table}.not_utf8", path) from None


def read_rows(path: str | Path, table: str) -> list[list[str]]:
    """The rows of the user's table ``table`` (:func:`read_text`, then CSV over the whole text)."""
    return list(csv.reader(io.StringIO(read_text(path, table), newline="")))
