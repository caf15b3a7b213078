"""Reading a workbook ahead: checked now, its sheets parsed in a background thread while the caller goes on.

The ``ogpstats`` command reads its first workbook this way and imports pandas
meanwhile (:class:`~ogpstats.cli.inputs.Inputs`). :func:`~ogpstats.io.cells.read_book`
inside the block takes what was parsed; see :func:`read_ahead`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import background
from .cells import EXCEL_SUFFIXES, ahead_key, check_book, parse_book
from .guards import Footprint
from .sheet_parse import PARALLEL_SUFFIXES, SheetGate


@contextmanager
def read_ahead(path: str | Path, encoding: str | None = None) -> Iterator[None]:
    """Parse a workbook while the caller goes on; :func:`~ogpstats.io.cells.read_book` of it inside the
    block takes the sheets.

    The checks (:func:`~ogpstats.io.cells.check_book`: no sheet is parsed
    before the limits accept it) run at once in the caller's thread; the
    sheets are parsed in a background thread (python-calamine releases the GIL
    while it parses), an .xlsx/.xlsm's each as soon as the guard has passed
    it, so the caller's work meanwhile — the rest of the guard, imports, other
    files — costs little wall time. Errors are not raised here but by
    :func:`~ogpstats.io.cells.read_book`, in its caller's thread, as they would
    be without reading ahead. Leaving the block waits for the thread if nobody
    took its sheets: no thread outlives the block. CSV files (parsed in
    Python, holding the GIL) are not read ahead.
    """
    path = Path(path)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        yield
        return
    key = ahead_key(path, encoding)
    pending = _start_reading(path, encoding)
    background.start(key, pending)
    try:
        yield
    finally:
        background.discard(key, pending)


def _start_reading(path: Path, encoding: str | None) -> background.Pending:
    """:func:`~ogpstats.io.cells.check_book` now, the parse in the background (an .xlsx/.xlsm's sheets as the
    guard passes them)."""
    if path.suffix.lower() not in PARALLEL_SUFFIXES:  # .xls, .ods: calamine parses every sheet on opening
        try:
            checked = check_book(path, encoding)
        except Exception as exc:  # noqa: BLE001 -- raised by read_book, where the caller expects it
            return background.Pending(None, exc)
        footprint = checked if isinstance(checked, Footprint) else Footprint(0)
        return background.Pending(lambda: parse_book(path, footprint))
    gate = SheetGate()
    parsing = background.Pending(lambda: parse_book(path, None, gate))
    try:
        checked = check_book(path, encoding, gate)
    except BaseException as exc:  # noqa: BLE001 -- raised by read_book, where the caller expects it
        gate.refuse()
        parsing.wait()  # a sheet that passed may still be parsing: no thread outlives the read
        if not isinstance(exc, Exception):
            raise
        return background.Pending(None, exc)
    gate.finish(checked if isinstance(checked, Footprint) else Footprint(0))
    return parsing
