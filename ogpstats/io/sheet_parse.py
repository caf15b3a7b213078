"""The cell values of a workbook's sheets: parsed by python-calamine on two threads, then made Python values.

python-calamine releases the GIL while it parses a sheet
(``get_sheet_by_name``), so two sheets parse at once on two cores: the 100,000
measures of ``benchmarks/read_speed.py`` (a plan sheet and a round sheet) in
0.55 s instead of 0.8 s. Each thread opens the workbook for itself: a calamine
workbook is not used by two threads. A workbook of one sheet, a small file,
and .xls and .ods files (calamine parses all their sheets when it opens them:
a second opening would parse them twice) are parsed in the calling thread alone.

Making the parsed sheets Python values (``to_python``) holds the GIL; it is a
step of its own (:func:`sheet_values`), done by whoever needs the values, so
that a parse in the background never competes for the GIL with the thread
that started it.
"""

from __future__ import annotations

import threading
from typing import Any

# Below this size a second thread and a second opening of the file cost more than they save.
PARALLEL_FROM_BYTES = 1_000_000
# The formats whose sheets calamine parses one at a time, when asked for (zip parts of their own).
PARALLEL_SUFFIXES = (".xlsx", ".xlsm")

SheetValues = tuple[list[list], list[tuple[tuple[int, int], tuple[int, int]]]]


def parse_sheets(wb: Any, path: str, names: list[str], size: int) -> list[Any]:
    """Each sheet of ``names`` parsed (a ``CalamineSheet``), or the exception calamine raised for it, in order.

    Parameters
    ----------
    wb
        The open ``CalamineWorkbook`` of ``path`` (parses in the calling thread).
    path
        The file, opened again by the helper thread.
    names
        The sheets to parse.
    size
        The file's size in bytes: a small file is parsed in one thread, as is any but .xlsx and .xlsm.

    Returns
    -------
    list
        Per sheet a parsed sheet or an exception; in one thread, nothing after the first exception (as a
        parse that stops there). :func:`sheet_values` raises the exception. The helper thread has ended.
    """
    if len(names) < 2 or size < PARALLEL_FROM_BYTES or not path.lower().endswith(PARALLEL_SUFFIXES):
        out: list[Any] = []
        for name in names:
            out.append(_parse(wb, name))
            if isinstance(out[-1], Exception):
                break
        return out
    results: list[Any] = [None] * len(names)
    todo = iter(range(len(names)))
    lock = threading.Lock()

    def work(book: Any) -> None:
        while True:
            with lock:
                i = next(todo, None)
            if i is None:
                return
            results[i] = _parse(book, names[i])

    helper = threading.Thread(target=_helper, args=(path, work), name="ogpstats-parse", daemon=True)
    helper.start()
    try:
        work(wb)
    finally:
        helper.join()
    return results


def sheet_values(parsed: Any) -> SheetValues:
    """A parsed sheet's rows (``to_python(skip_empty_area=False)``) and merged ranges.

    Raises
    ------
    Exception
        The exception :func:`parse_sheets` got for the sheet, or one calamine raises now.
    """
    if isinstance(parsed, Exception):
        raise parsed
    rows = parsed.to_python(skip_empty_area=False)
    merged = parsed.merged_cell_ranges if rows else []
    return rows, list(merged or [])


def _helper(path: str, work) -> None:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(path)
    except Exception:  # noqa: BLE001 -- the calling thread, which opened the file, parses every sheet then
        return
    try:
        work(book)
    finally:
        book.close()


def _parse(wb: Any, name: str) -> Any:
    try:
        return wb.get_sheet_by_name(name)
    except Exception as exc:  # noqa: BLE001 -- handed to sheet_values, which raises it in sheet order
        return exc
