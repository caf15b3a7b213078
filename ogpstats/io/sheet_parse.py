"""The cell values of a workbook's sheets: parsed by python-calamine on two threads, made Python values.

python-calamine releases the GIL while it parses a sheet
(``get_sheet_by_name``), so two sheets parse at once on two cores: the 100,000
measures of ``benchmarks/read_speed.py`` (a plan sheet and a round sheet) in
0.55 s instead of 0.8 s. Each thread opens the workbook for itself: a calamine
workbook is not used by two threads. A workbook of one sheet, a small file,
and .xls and .ods files (calamine parses all their sheets when it opens them:
a second opening would parse them twice) are parsed in the calling thread alone.

A thread makes each sheet it parsed Python values (``to_python``, which
holds the GIL) at once, while the other may still parse.

Parsing may also start before the resource guard has finished
(:class:`SheetGate`, used by :func:`ogpstats.io.read_ahead.read_ahead`): the
workbook is opened once every part but the worksheets has passed, and each
worksheet is parsed as soon as it has passed, while the guard checks the
next. Its Python values wait until the guard has finished, so as not to
take the GIL from it.
"""

from __future__ import annotations

import threading
from typing import Any

# Below this size a second thread and a second opening of the file cost more than they save.
PARALLEL_FROM_BYTES = 1_000_000
# The formats whose sheets calamine parses one at a time, when asked for (zip parts of their own).
PARALLEL_SUFFIXES = (".xlsx", ".xlsm")

SheetValues = tuple[list[list], list[tuple[tuple[int, int], tuple[int, int]]]]


class SheetGate:
    """What the resource guard has passed so far, for the threads that parse the sheets.

    The guard (:func:`ogpstats.io.guards.check_workbook`, in another thread)
    tells it through the :class:`~ogpstats.io.guards.Progress` methods, then
    :meth:`finish` or :meth:`refuse`. Sheets are handed out (:meth:`next_sheet`)
    in the order they passed; sheets the guard knew under another name, once
    it has finished; none once it refused.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._opened = False  # every part but the worksheets has passed
        self._passed: list[str] = []
        self._taken: set[int] = set()
        self._state = "checking"  # then "passed" or "refused"
        self.footprint: Any = None  # what the guard measured (set by finish)

    # -- told by the guard ------------------------------------------------------------

    def parts_passed(self) -> None:
        with self._cond:
            self._opened = True
            self._cond.notify_all()

    def sheet_passed(self, name: str) -> None:
        with self._cond:
            self._passed.append(name)
            self._cond.notify_all()

    def finish(self, footprint: Any) -> None:
        """The guard passed the whole file (``footprint``: what it measured)."""
        with self._cond:
            self.footprint, self._state = footprint, "passed"
            self._cond.notify_all()

    def refuse(self) -> None:
        """The guard (or a check after it) refused the file: no sheet is handed out any more."""
        with self._cond:
            self._state = "refused"
            self._cond.notify_all()

    # -- asked by the parsing threads -------------------------------------------------

    @property
    def checking(self) -> bool:
        return self._state == "checking"

    def wait_opened(self) -> bool:
        """Wait until the workbook may be opened; False when the file was refused."""
        with self._cond:
            self._cond.wait_for(lambda: self._opened or self._state != "checking")
            return self._state != "refused"

    def wait_finished(self) -> bool:
        """Wait until the guard has finished; True when it passed the file."""
        with self._cond:
            self._cond.wait_for(lambda: self._state != "checking")
            return self._state == "passed"

    def next_sheet(self, names: list[str]) -> int | None:
        """The position in ``names`` of the next sheet to parse (waits for the guard); ``None``: no more."""
        with self._cond:
            while True:
                i = self._next(names)
                if i is not None or self._state != "checking":
                    return i
                self._cond.wait()

    def _next(self, names: list[str]) -> int | None:
        if self._state == "refused":
            return None
        ready = [names.index(n) for n in self._passed if n in names]
        if self._state == "passed":
            ready += range(len(names))
        i = next((i for i in ready if i not in self._taken), None)
        if i is not None:
            self._taken.add(i)
        return i


def parse_sheets(wb: Any, path: str, names: list[str], size: int, gate: SheetGate | None = None) -> list[Any]:
    """Each sheet of ``names`` parsed and made Python values, or the exception calamine raised for it, in order.

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
    gate
        Parse each sheet once the guard has passed it (see :class:`SheetGate`); ``None``: it has
        passed them all.

    Returns
    -------
    list
        Per sheet its :data:`SheetValues` or an exception; in one thread without a gate, nothing after
        the first exception (as a parse that stops there); after a refusal, ``None`` for the sheets not
        parsed. :func:`sheet_values` raises the exception. The helper thread has ended.
    """
    parallel = len(names) >= 2 and size >= PARALLEL_FROM_BYTES and path.lower().endswith(PARALLEL_SUFFIXES)
    if gate is None and not parallel:
        out: list[Any] = []
        for name in names:
            out.append(_converted(_parse(wb, name)))
            if isinstance(out[-1], Exception):
                break
        return out
    results: list[Any] = [None] * len(names)
    next_sheet = _in_turn(names) if gate is None else (lambda: gate.next_sheet(names))

    def work(book: Any) -> None:
        waiting = []  # parsed while the guard still runs: made Python values once it has finished
        while (i := next_sheet()) is not None:
            results[i] = _parse(book, names[i])
            waiting.append(i)
            if gate is None or not gate.checking:
                _convert(results, waiting)
        if gate is not None and gate.wait_finished():
            _convert(results, waiting)

    if not parallel:
        work(wb)
        return results
    helper = threading.Thread(target=_helper, args=(path, work), name="ogpstats-parse", daemon=True)
    helper.start()
    try:
        work(wb)
    finally:
        helper.join()
    return results


def sheet_values(parsed: Any) -> SheetValues:
    """A sheet's rows (``to_python(skip_empty_area=False)``) and merged ranges, as :func:`parse_sheets` gave them.

    Raises
    ------
    Exception
        The exception calamine raised for the sheet.
    """
    if isinstance(parsed, Exception):
        raise parsed
    return parsed


def _in_turn(names: list[str]):
    """Positions 0, 1 … of ``names`` handed out once each, to whichever thread asks (thread-safe)."""
    todo = iter(range(len(names)))
    lock = threading.Lock()

    def next_sheet() -> int | None:
        with lock:
            return next(todo, None)

    return next_sheet


def _convert(results: list[Any], positions: list[int]) -> None:
    """Make the parsed sheets at ``positions`` Python values, in ``results``; ``positions`` is emptied."""
    for i in positions:
        results[i] = _converted(results[i])
    positions.clear()


def _converted(parsed: Any) -> Any:
    """A parsed sheet's :data:`SheetValues`, or the exception calamine raised (now or when parsing)."""
    if isinstance(parsed, Exception):
        return parsed
    try:
        rows = parsed.to_python(skip_empty_area=False)
        merged = parsed.merged_cell_ranges if rows else []
        return rows, list(merged or [])
    except Exception as exc:  # noqa: BLE001 -- handed to sheet_values, which raises it in sheet order
        return exc


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
