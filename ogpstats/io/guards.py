"""Guard: refuse a file whose size or declared extent would exhaust memory, before any parsing.

A workbook of a few KB can make a reader allocate gigabytes: a sheet that
declares ``<dimension ref="A1:XFD1048576"/>`` or holds one cell at
``XFD5000`` (calamine pads the sheet to a full grid from A1), a sheet or
shared-strings part of repeated XML deflated 1000 : 1, a zip whose central
directory declares small sizes for members that inflate to much more.
:func:`check_workbook` looks at the file with bounded memory and time and
raises :class:`~ogpstats.validate.UnusableInput` (exit 2) when it is over a
:class:`Limits`:

* .xlsx / .xlsm / .ods (zip): the central directory's declared uncompressed
  size of each XML part and of all of them; then each XML part is inflated
  in chunks (never a whole member in memory), counting the bytes it really
  holds — a part that holds more than it declares is refused as a zip bomb;
  while a worksheet streams, its declared ``<dimension>`` and the largest
  cell reference are read (.ods: each table's used rows and columns, with
  their repeats), giving the cells a reader would allocate.
* .xls (OLE2) and .csv: the file size.

A file that is not a readable zip is left to the reader, which names what is
wrong with it (corrupt, encrypted, a renamed CSV).
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from ..validate import UnusableInput
from .excel_values import WORKSHEET_PART, has_markers
from .sheet_refs import column_number, grown_extent

MB = 1024 * 1024
CHUNK = MB  # bytes inflated at a time: the guard's memory is a few chunks
HEAD = 64 * 1024  # a worksheet's <dimension> comes within its first bytes

_ENV = {
    "max_cells": "OGPSTATS_MAX_CELLS",
    "max_xml_mb": "OGPSTATS_MAX_XML_MB",
    "max_part_mb": "OGPSTATS_MAX_PART_MB",
    "max_file_mb": "OGPSTATS_MAX_FILE_MB",
}
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"')
_REF = re.compile(r"\$?([A-Za-z]{1,4})\$?([0-9]{1,10})")
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


@dataclass(frozen=True)
class Limits:
    """How large an input file may be before it is refused unread.

    Attributes
    ----------
    max_cells : int
        Cells of one sheet as a reader allocates them: rows × columns from A1
        to the last declared or used cell (default 5 million; a national plan
        has a few thousand).
    max_xml_mb : float
        Uncompressed XML of a zip workbook, all parts together (default 200 MB).
    max_part_mb : float
        Uncompressed size of one part: a sheet, ``sharedStrings.xml``,
        ``content.xml`` (default 100 MB).
    max_file_mb : float
        Size on disk of an .xls or .csv file (default 200 MB).
    """

    max_cells: int = 5_000_000
    max_xml_mb: float = 200
    max_part_mb: float = 100
    max_file_mb: float = 200

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ``OGPSTATS_MAX_CELLS``, ``OGPSTATS_MAX_XML_MB``,
        ``OGPSTATS_MAX_PART_MB`` and ``OGPSTATS_MAX_FILE_MB``.

        Raises
        ------
        UnusableInput
            A variable that is not a positive number (code ``limits.invalid``).
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}  # int for max_cells, float for the others
        for name, variable in _ENV.items():
            text = environ.get(variable, "").strip()
            if not text:
                continue
            try:
                value = int(text.replace("_", "")) if name == "max_cells" else float(text)
            except ValueError:
                value = 0
            if not value > 0 or value == float("inf"):
                raise refusal("limits.invalid", variable, variable=variable, value=text)
            values[name] = value
        return cls(**values)


@dataclass
class Footprint:
    """What :func:`check_workbook` measured of a file that passed.

    Attributes
    ----------
    file_bytes : int
        Size on disk.
    xml_bytes : int
        Uncompressed XML inflated from a zip workbook (0 for .xls and .csv).
    cells : dict of str to int
        For each sheet, by name: rows × columns from A1 to the last declared
        or used cell.
    formulas : dict of str to bool
        For each worksheet part of an .xlsx/.xlsm (``xl/worksheets/sheet1.xml``): whether its XML holds a
        formula or an error cell at all (:func:`ogpstats.io.excel_values.has_markers`), so that the scan
        for them need not inflate a part without any again.
    """

    file_bytes: int
    xml_bytes: int = 0
    cells: dict[str, int] = field(default_factory=dict)
    formulas: dict[str, bool] = field(default_factory=dict)


class Progress(Protocol):
    """Told what :func:`check_workbook` has passed so far, so that parsing may start before it ends."""

    def parts_passed(self) -> None:
        """Every part of a zip workbook but its worksheets has passed: the parts a reader opening it reads."""

    def sheet_passed(self, name: str) -> None:
        """The worksheet ``name`` has passed (called after :meth:`parts_passed`)."""


def check_workbook(path: str | Path, limits: Limits | None = None, progress: Progress | None = None,
                   formulas: bool = True) -> Footprint:
    """Refuse a file that is over ``limits`` without parsing it.

    Parameters
    ----------
    path
        An .xlsx, .xlsm, .ods, .xls or .csv file.
    limits
        Default :meth:`Limits.from_env`.
    progress
        Told as the parts of an .xlsx/.xlsm pass: first every part but the
        worksheets, then each worksheet, the smallest first (a sheet may be
        parsed while the larger ones are still checked).
    formulas
        Whether to find which worksheets hold a formula or an error cell
        (:attr:`Footprint.formulas`); a caller that parses meanwhile may do it
        itself later (:func:`ogpstats.io.excel_values.formula_parts`).

    Returns
    -------
    Footprint
        The sizes measured, for a file within the limits (or one that is not a
        readable zip: its reader reports that).

    Raises
    ------
    UnusableInput
        ``file.too_large`` (.xls, .csv), ``file.too_large_part``,
        ``file.too_large_xml``, ``file.zip_bomb``, ``file.too_many_cells``.
    """
    path = Path(path)
    limits = Limits.from_env() if limits is None else limits
    size = path.stat().st_size
    if path.suffix.lower() in (".xlsx", ".xlsm", ".ods"):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return Footprint(size)  # not a zip: the reader names the problem
        with archive:
            return _check_zip(path, archive, limits, size, progress, formulas)
    if size > limits.max_file_mb * MB:
        raise refusal("file.too_large", path, size_mb=_mb(size), limit_mb=_num(limits.max_file_mb),
                      setting=_ENV["max_file_mb"])
    return Footprint(size)


def refusal(code: str, path: str | Path, *, sheet: str = "", **fields: Any) -> UnusableInput:
    """The :class:`UnusableInput` of a guard's problem ``code``."""
    return UnusableInput(code, str(path), sheet=sheet, **fields)


# ---------------------------------------------------------------------------
# Zip workbooks
# ---------------------------------------------------------------------------


def _check_zip(path: Path, archive: zipfile.ZipFile, limits: Limits, size: int,
               progress: Progress | None = None, formulas: bool = True) -> Footprint:
    parts = [i for i in archive.infolist() if i.filename.lower().endswith(_XML_SUFFIXES) and not i.is_dir()]
    part_cap, total_cap = limits.max_part_mb * MB, limits.max_xml_mb * MB
    for info in parts:  # the declared sizes first: refuses the honest large file unread
        if info.file_size > part_cap:
            raise _part_too_large(path, info.filename, info.file_size, limits)
    declared = sum(i.file_size for i in parts)
    if declared > total_cap:
        raise refusal("file.too_large_xml", path, size_mb=_mb(declared), limit_mb=_num(limits.max_xml_mb),
                      setting=_ENV["max_xml_mb"])
    ods = path.suffix.lower() == ".ods"
    names = {} if ods else _sheet_names(archive, parts)
    # The worksheets last, the smallest first: a reader opens the workbook once the other parts have passed
    # and may parse each worksheet as it passes (Progress). Stable: the zip's order otherwise.
    parts.sort(key=lambda i: (i.filename in names, i.file_size if i.filename in names else 0))
    footprint, told_parts = Footprint(size), False
    with open(path, "rb") as raw:
        for info in parts:
            if progress is not None and info.filename in names and not told_parts:
                progress.parts_passed()  # before the first worksheet
                told_parts = True
            scan: _SheetScan | _OdsScan | None = None
            if info.filename in names:
                scan = _SheetScan(names[info.filename], formulas)
            elif ods and info.filename == "content.xml":
                scan = _OdsScan()
            inflated = 0
            for chunk in _inflate(raw, archive, info, info.file_size + 1):
                inflated += len(chunk)
                if scan is not None:
                    scan.feed(chunk)
                    _check_cells(path, scan, limits)
            if inflated > info.file_size:  # more than the central directory declares
                raise refusal("file.zip_bomb", path, part=info.filename, declared=info.file_size,
                              ratio=inflated // max(info.compress_size, 1))
            footprint.xml_bytes += inflated
            if scan is not None:
                footprint.cells.update(scan.extents())
            if isinstance(scan, _SheetScan) and formulas and inflated == info.file_size:  # all of it seen
                footprint.formulas[info.filename] = scan.formulas
            if progress is not None and isinstance(scan, _SheetScan):
                progress.sheet_passed(scan.sheet)
    return footprint


def _part_too_large(path: Path, part: str, size: int, limits: Limits) -> UnusableInput:
    return refusal("file.too_large_part", path, part=part, size_mb=_mb(size), limit_mb=_num(limits.max_part_mb),
                   setting=_ENV["max_part_mb"])


def _inflate(raw, archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> Iterator[bytes]:
    """The uncompressed bytes of a member in chunks, at most ``cap`` of them (a little more at most a chunk).

    Deflated and stored members are inflated from the raw bytes with zlib, so
    that the count does not rely on the declared size (zipfile stops there);
    other methods and encrypted members through zipfile, which does.
    """
    if info.flag_bits & 0x1:
        return  # an encrypted member: the reader refuses it
    start = _data_offset(raw, info)
    if start is None or info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        yield from _zipfile_chunks(archive, info, cap)
        return
    raw.seek(start)
    left, out, pending = info.compress_size, 0, b""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while out < cap:
        if not pending and left > 0:
            pending = raw.read(min(CHUNK, left))
            if not pending:
                return  # the file ends early: the reader reports it corrupt
            left -= len(pending)
        if inflater is None:
            chunk, pending = pending, b""
        elif inflater.eof:
            return
        else:
            try:  # at most CHUNK bytes out; the input not yet used stays in unconsumed_tail
                chunk = inflater.decompress(pending, CHUNK)
            except zlib.error:
                return  # corrupt data: the reader reports it
            pending = inflater.unconsumed_tail
        if not chunk and not pending and left == 0:
            return
        out += len(chunk)
        yield chunk


def _zipfile_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> Iterator[bytes]:
    out = 0
    try:
        with archive.open(info) as member:
            while out < cap:
                chunk = member.read(CHUNK)
                if not chunk:
                    return
                out += len(chunk)
                yield chunk
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error):
        return  # the reader reports a member it cannot read


def _data_offset(raw, info: zipfile.ZipInfo) -> int | None:
    """Where a member's compressed bytes start (after its local header), ``None`` when the header is not one."""
    raw.seek(info.header_offset)
    head = raw.read(_LOCAL_HEADER.size)
    if len(head) < _LOCAL_HEADER.size:
        return None
    fields = _LOCAL_HEADER.unpack(head)
    if fields[0] != b"PK\x03\x04":
        return None
    return info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]


def _sheet_names(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> dict[str, str]:
    """Worksheet part → sheet name (the part's path when the workbook does not say)."""
    sheets = [i.filename for i in parts if WORKSHEET_PART.fullmatch(i.filename)]
    names = {p: p for p in sheets}
    small = {i.filename: i for i in parts if i.file_size <= MB}
    if "xl/workbook.xml" not in small or "xl/_rels/workbook.xml.rels" not in small:
        return names
    import html
    import posixpath

    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, zlib.error):
        return names
    targets = {}
    for attrs in re.findall(r"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        rid, target = re.search(r'\bId="([^"]*)"', attrs), re.search(r'\bTarget="([^"]*)"', attrs)
        if rid and target:
            t = target.group(1)
            targets[rid.group(1)] = t.lstrip("/") if t.startswith("/") else posixpath.normpath("xl/" + t)
    for attrs in re.findall(r"<(?:\w+:)?sheet\b([^>]*)>", workbook):
        name, rid = re.search(r'\bname="([^"]*)"', attrs), re.search(r'\br:id="([^"]*)"', attrs)
        if name and rid and targets.get(rid.group(1)) in names:
            names[targets[rid.group(1)]] = html.unescape(name.group(1))
    return names


# ---------------------------------------------------------------------------
# Cells of a worksheet
# ---------------------------------------------------------------------------


def _ref(rows: int, cols: int) -> str:
    from ..validate import column_letter

    return f"A1:{column_letter(cols - 1)}{rows}" if rows and cols else ""


class _Extent:
    """Rows × columns of the sheet being scanned, and its A1 range."""

    rows: int
    cols: int

    @property
    def cells(self) -> int:
        return self.rows * self.cols

    @property
    def ref(self) -> str:
        return _ref(self.rows, self.cols)


class _SheetScan(_Extent):
    """The extent of an .xlsx worksheet read from its XML as it streams: declared dimension, last cell."""

    def __init__(self, sheet: str, markers: bool = True) -> None:
        self.sheet = sheet
        self.markers = markers  # whether to look for formulas and error cells too
        self.head = b""  # the first HEAD bytes, where <dimension> is
        self.rows = self.cols = 0
        self._dimension_read = False
        self._tail = b""  # the end of the previous chunk: a reference may span two chunks
        self.formulas = False  # a formula or an error cell seen

    def extents(self) -> dict[str, int]:
        return {self.sheet: self.cells}

    def feed(self, chunk: bytes) -> None:
        if not self._dimension_read and len(self.head) < HEAD:
            self.head += chunk[: HEAD - len(self.head)]
            m = _DIMENSION.search(self.head)
            if m:
                self._dimension_read = True
                self._grow(*extent(m.group(1).decode("ascii", "replace")))
        data = self._tail + chunk
        self.rows, self.cols = grown_extent(data, self.rows, self.cols)
        self.formulas = self.formulas or (self.markers and has_markers(data))
        self._tail = data[-32:]

    def _grow(self, rows: int, cols: int) -> None:
        self.rows, self.cols = max(self.rows, rows), max(self.cols, cols)


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DROPPED = (_TABLE + "table-cell", _TABLE + "covered-table-cell", _TABLE + "table-row")


class _OdsScan(_Extent):
    """The extent of each table of an .ods ``content.xml`` as it streams.

    A cell counts where it has a value or text, with its repeats
    (``number-columns-repeated``, ``number-rows-repeated``): a reader expands
    repeated cells that hold something, not the empty ones LibreOffice writes
    to the end of every row and sheet. Parsed elements are dropped as they
    end, so memory stays bounded.
    """

    def __init__(self) -> None:
        import xml.etree.ElementTree as ET

        self._parser: ET.XMLPullParser | None = ET.XMLPullParser(events=("start", "end"))
        self._parse_error = ET.ParseError
        self.tables: dict[str, int] = {}
        self.sheet, self.rows, self.cols = "", 0, 0  # the table being read
        self._row = self._col = self._row_repeat = 0
        self._row_used = False
        self._parents: list = []

    def extents(self) -> dict[str, int]:
        return dict(self.tables)

    def feed(self, chunk: bytes) -> None:
        if self._parser is None:
            return
        try:
            self._parser.feed(chunk)
            # Only start and end events were asked for: each is (event, element), which typeshed
            # does not narrow from the events argument.
            for event, el in cast("Iterator[tuple[str, Any]]", self._parser.read_events()):
                (self._start if event == "start" else self._end)(el)
        except (self._parse_error, ValueError):
            self._parser = None  # not well-formed: the reader reports the file

    def _start(self, el) -> None:
        if el.tag == _TABLE + "table":
            self.sheet, self.rows, self.cols, self._row = el.get(_TABLE + "name", ""), 0, 0, 0
        elif el.tag == _TABLE + "table-row":
            self._col, self._row_used = 0, False
            self._row_repeat = _count(el.get(_TABLE + "number-rows-repeated"))
        self._parents.append(el)

    def _end(self, el) -> None:
        self._parents.pop()
        if el.tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            repeat = _count(el.get(_TABLE + "number-columns-repeated"))
            if el.get(_OFFICE + "value-type") or len(el):
                self.cols, self._row_used = max(self.cols, self._col + repeat), True
            self._col += repeat
        elif el.tag == _TABLE + "table-row":
            if self._row_used:
                self.rows = max(self.rows, self._row + self._row_repeat)
            self._row += self._row_repeat
        elif el.tag == _TABLE + "table":
            self.tables[self.sheet] = self.cells
        if self._parents and el.tag in _DROPPED:
            del self._parents[-1][:]  # drop the ended cell or row (and its ended siblings) from its parent


def _count(text: str | None) -> int:
    try:
        return max(int(text or 1), 1)
    except ValueError:
        return 1


def _check_cells(path: Path, scan: _SheetScan | _OdsScan, limits: Limits) -> None:
    if scan.cells > limits.max_cells:
        raise refusal("file.too_many_cells", path, sheet=scan.sheet, name=scan.sheet, ref=scan.ref,
                      cells=scan.cells, limit=limits.max_cells, setting=_ENV["max_cells"])


def extent(ref: str) -> tuple[int, int]:
    """Rows and columns from A1 to the last cell of a range: ``"B2:XFD1048576"`` → ``(1048576, 16384)``.

    ``(0, 0)`` for text that is not a cell range.
    """
    cells = _REF.findall(ref)
    if not cells:
        return (0, 0)
    return (max(int(r) for _, r in cells), max(column_number(c) for c, _ in cells))


def _mb(size: int) -> int:
    """Megabytes, rounded up: a part of 100 MB and one byte is not "100 MB"."""
    return -(-size // MB)


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
