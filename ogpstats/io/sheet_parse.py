"""The cell values of a workbook's sheets, parsed by python-calamine on two threads.

python-calamine releases the GIL while it parses a sheet
(``get_sheet_by_name``), so two sheets parse at once on two cores: the 100,000
measures of ``benchmarks/read_speed.py`` (a plan sheet and a round sheet) in
0.55 s instead of 0.8 s. Each thread opens the workbook for itself: a calamine
workbook is not used by two threads. A workbook of one sheet, a small file,
and .xls and .ods files (calamine parses all their sheets when it opens them:
a second opening would parse them twice) are parsed in the calling thread alone.
"""

from __future__ import annotations

import threading
from typing import Any

# Below this size a second thread and a second opening of the file cost more than they save.
PARALLEL_FROM_BYTES = 1_000_000
# The formats whose sheets calamine parses one at a time, when asked for (zip parts of their own).
PARALLEL_SUFFIXES = (".xlsx", ".xlsm")

ParsedSheet = tuple[list[list], list[tuple[tuple[int, int], tuple[int, int]]]]


def parse_sheets(wb: Any, path: str, names: list[str], size: int) -> list[ParsedSheet]:
    """Each sheet's rows (``to_python(skip_empty_area=False)``) and merged ranges, in the order of ``names``.

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

    Raises
    ------
    Exception
        What calamine raised for the first sheet (in ``names`` order) that it could not parse, as a parse in
        one thread would raise it; the helper thread has ended by then.
    """
    if len(names) < 2 or size < PARALLEL_FROM_BYTES or not path.lower().endswith(PARALLEL_SUFFIXES):
        return [_parse(wb, name) for name in names]
    results: list[ParsedSheet | None] = [None] * len(names)
    failed: dict[int, Exception] = {}
    todo = iter(range(len(names)))
    lock = threading.Lock()

    def work(book: Any) -> None:
        while True:
            with lock:
                i = next(todo, None)
            if i is None:
                return
            try:
                results[i] = _parse(book, names[i])
            except Exception as exc:  # noqa: BLE001 -- raised below, in sheet order
                failed[i] = exc

    helper = threading.Thread(target=_helper, args=(path, work), name="ogpstats-parse", daemon=True)
    helper.start()
    try:
        work(wb)
    finally:
        helper.join()
    if failed:
        raise failed[min(failed)]
    return [r for r in results if r is not None]


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


def _parse(wb: Any, name: str) -> ParsedSheet:
    sheet = wb.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    merged = sheet.merged_cell_ranges if rows else []
    return rows, list(merged or [])
