"""User text is data: the one place that says how a text cell is made safe for each writer.

Plan titles, agency names and comments come from files anyone can edit, so a
writer must never run them, nor refuse them:

* **CSV** (:func:`for_csv`): a spreadsheet opening a CSV runs a cell that
  starts with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return,
  which Excel skips before looking) as a formula; such a text cell gets a
  leading apostrophe. Numbers are not text: ``-2.5`` stays a number.
* **XLSX** (:func:`for_xlsx`): a string cell is never a formula, so the
  text needs no apostrophe; but control characters make openpyxl refuse
  the cell, and Excel reads ``_x0001_`` in a string as an escaped control
  character. The first are removed, the second escaped as Excel does.
* **HTML** (:func:`for_html`): the template escapes markup; control
  characters, invisible in a browser, are shown as their control pictures
  (``\\x01`` → ``␁``) so a reader sees something is there.
* **Terminal** (:func:`visible`): the same pictures, so a name holding an
  escape sequence cannot drive the user's terminal.
"""

from __future__ import annotations

import re

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these is run as a formula by a spreadsheet opening a CSV file."""

# Lone surrogates (read from a broken file or an ``_xD800_`` escape) cannot be encoded as UTF-8;
# U+FFFE/U+FFFF are not characters in XML. Any writer would fail on them.
_UNENCODABLE_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Control characters a reader does not see: C0 except tab, line feed and carriage return; DEL; C1.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Excel's escape of a character in a string: _x0001_; a literal one is written _x005F_x0001_.
_EXCEL_ESCAPE_RE = re.compile("_(x[0-9A-Fa-f]{4}_)")


def neutralise(value: object) -> object:
    """A text that a spreadsheet would run as a formula, with a leading ``'``; anything else unchanged.

    Parameters
    ----------
    value
        A cell value. Only ``str`` is text: a float ``-2.5`` is returned as is.

    Returns
    -------
    object
        ``"=1+1 Nazirliyi"`` → ``"'=1+1 Nazirliyi"``; ``"Komitə"`` and ``-2.5`` unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def for_csv(value: object) -> object:
    """A cell for a CSV file: formula-like text neutralised (:func:`neutralise`), unencodable characters as U+FFFD.

    Control characters are kept: a CSV file holds them, and they are the data.
    """
    if not isinstance(value, str):
        return value
    return neutralise(_UNENCODABLE_RE.sub("\ufffd", value))


def for_xlsx(value: object) -> object:
    """A cell for an XLSX string cell: control characters removed, Excel's ``_xHHHH_`` escape kept literal.

    The writer must store the result as a string (``cell.data_type = "s"``),
    never as a formula; then no apostrophe is needed and none is added.

    Parameters
    ----------
    value
        A cell value; only ``str`` is changed.

    Returns
    -------
    object
        ``"Fond\\x01 Agentliyi"`` → ``"Fond Agentliyi"``;
        ``"_x0001_"`` → ``"_x005F_x0001_"`` (Excel shows ``_x0001_``).
    """
    if not isinstance(value, str):
        return value
    # openpyxl's own rule of what it refuses; imported here so the command line starts without openpyxl.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    text = _UNENCODABLE_RE.sub("", text)
    return _EXCEL_ESCAPE_RE.sub(r"_x005F_\1", text)


def visible(text: str) -> str:
    """``text`` with each invisible control character shown: C0 and DEL as control pictures (``␁``, ``␡``),
    C1 and unencodable characters as U+FFFD. Tab, line feed and carriage return are kept."""
    text = _UNENCODABLE_RE.sub("\ufffd", text)
    return _INVISIBLE_RE.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def for_html(value: object) -> object:
    """A cell for an HTML page: control characters shown (:func:`visible`); markup is escaped by the template.

    Returns non-text values unchanged.
    """
    return visible(value) if isinstance(value, str) else value


__all__ = ["FORMULA_PREFIXES", "for_csv", "for_html", "for_xlsx", "neutralise", "visible"]
