"""Read one file into the tidy tables: load → check → tidy.

* **load** — :func:`ogpstats.io.cells.read_book` reads the cell values of
  every sheet with python-calamine (or the rows of a CSV file) and turns
  missing, empty, corrupt, encrypted or mislabelled files into
  :class:`~ogpstats.validate.UnusableInput`;
* **check and tidy** — the file's kind decides the reader: OGP's commitment
  export (:mod:`ogpstats.io.ogp_export`) or a plan-shaped workbook — the
  canonical template, a government NAP table, Strategic Road Maps —
  (:mod:`ogpstats.io.government`). Both find their tables by the header
  words (:mod:`ogpstats.io.headers`) and report every cell they cannot
  understand as a :class:`~ogpstats.validate.Problem` with file, sheet and
  A1 cell.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import Dataset
from ..validate import UnusableInput
from ..vocab import StatusVocabulary
from .cells import (  # noqa: F401
    EXCEL_SUFFIXES,
    Book,
    Sheet,
    cell_text,
    is_blank,
    measure_number,
    parse_percent,
    read_book,
)
from .column_map import ColumnMap
from .government import GovernmentReader
from .header_words import HeaderWords
from .ogp_export import find_ogp_table, read_ogp
from .roadmaps import roadmap_key  # noqa: F401


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a file is read (and restored after).

    Reading builds hundreds of thousands of lists (rows, agency lists) that live
    on; each full collection traverses all of them, and reading a plan of
    100,000 measures set off five (0.3 s). Reading makes no garbage cycles worth
    collecting before it ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_sheets(path: str | Path) -> list[Sheet]:
    """All sheets of a workbook or CSV file, as rows of values (see :func:`read_book`)."""
    return read_book(path).sheets


def detect_kind(book: Book) -> str | None:
    """``"ogp"`` for OGP's commitment export; ``None`` for a plan-shaped workbook."""
    return "ogp" if find_ogp_table(book) is not None else None


def read_workbook(path: str | Path, *, kind: str | None = None, vocabulary: StatusVocabulary | None = None,
                  header_words: str | Path | HeaderWords | None = None,
                  columns: str | Path | ColumnMap | None = None, encoding: str | None = None) -> Dataset:
    """Read one workbook or CSV file into a :class:`~ogpstats.model.Dataset`.

    Parameters
    ----------
    path
        .xlsx, .xlsm (values only; macros never run), .xls, .ods or .csv (UTF-8,
        with or without BOM).
    kind
        ``nap``, ``srm`` or ``ogp``; default: detected.
    vocabulary
        Status words; default the packaged vocabulary.
    header_words
        Extra header words: a CSV file with columns ``field,lang,word`` (or
        :class:`~ogpstats.io.header_words.HeaderWords`); default the packaged ones.
    columns
        A column map (CSV ``field,header``, :mod:`ogpstats.io.column_map`);
        default the map saved beside the file as ``<stem>.columns.csv``, if any.
    encoding
        A CSV file's text encoding; default: detected (see :func:`read_book`).

    Raises
    ------
    UnusableInput
        When the file cannot be read or holds no plan table, or the map or the
        header words cannot be used.
    """
    with no_cycle_collection():
        return _read_workbook(path, kind, vocabulary, header_words, columns, encoding)


def _read_workbook(path: str | Path, kind: str | None, vocabulary: StatusVocabulary | None,
                   header_words: str | Path | HeaderWords | None, columns: str | Path | ColumnMap | None,
                   encoding: str | None) -> Dataset:
    vocabulary = vocabulary or StatusVocabulary.default()
    if isinstance(header_words, (str, Path)):
        header_words = HeaderWords.load(header_words)
    column_map = ColumnMap.load(columns) if isinstance(columns, (str, Path)) else columns
    book = read_book(path, encoding)
    column_map = column_map or ColumnMap.beside(path)
    if column_map is not None:
        book = column_map.apply(book)
    ogp = find_ogp_table(book)
    if kind == "ogp":
        if ogp is None:
            raise UnusableInput("ogp.not_export", path)
        return read_ogp(book, vocabulary, ogp)
    if ogp is not None:
        if kind is not None:
            raise UnusableInput("ogp.kind_mismatch", path, kind=kind)
        return read_ogp(book, vocabulary, ogp)
    return GovernmentReader(book, vocabulary, kind, header_words).read()
