"""What python-calamine does not read of an .ods file: merged ranges and percent-typed cells (``content.xml``)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cells import Sheet

_ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def ods_tables(path: Path, want_types: bool = False):
    """Walk an .ods ``content.xml``: yield (table name, merges, percent cells).

    Percent cells (0-based row, column) are collected only with ``want_types``.
    """
    import xml.etree.ElementTree as ET

    t, o = f"{{{_ODS_NS['table']}}}", f"{{{_ODS_NS['office']}}}"
    with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
        merges: list[tuple[tuple[int, int], tuple[int, int]]] = []
        percents: set[tuple[int, int]] = set()
        name, r = None, 0
        for event, el in ET.iterparse(fh, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == t + "table":
                    name, r, merges, percents = el.get(t + "name"), 0, [], set()
                continue
            if tag == t + "table-row":
                c = 0
                for cell in el:
                    if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                        continue
                    rep = int(cell.get(t + "number-columns-repeated", "1"))
                    rs = int(cell.get(t + "number-rows-spanned", "1"))
                    cs = int(cell.get(t + "number-columns-spanned", "1"))
                    if rs > 1 or cs > 1:
                        merges.append(((r, c), (r + rs - 1, c + cs - 1)))
                    if want_types and cell.get(o + "value-type") == "percentage":
                        percents.add((r, c))
                    c += rep
                r += int(el.get(t + "number-rows-repeated", "1"))
                el.clear()
            elif tag == t + "table":
                yield name, merges, percents
                el.clear()


def add_ods_merges(path: Path, sheets: list[Sheet]) -> None:
    """Set each sheet's merged ranges from ``content.xml`` (calamine reports none for .ods); left as they are
    when the file has no merged cell or the XML cannot be walked."""
    try:
        with zipfile.ZipFile(path) as z:
            if b"number-rows-spanned" not in z.read("content.xml"):
                return
        by_name = {s.name: s for s in sheets}
        for name, merges, _ in ods_tables(path):
            if name in by_name:
                by_name[name].merged = merges
    except Exception:  # merges are a refinement; the values were read
        return
