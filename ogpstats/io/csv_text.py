"""Read a CSV file as the standard (RFC 4180) says, whatever program saved it.

* Quoting is read over the whole file with the :mod:`csv` module: a field in
  double quotes may hold the delimiter, line breaks and doubled quotes
  (``""``). The dialect is never guessed from a sample (``csv.Sniffer`` on
  the first 8 KB turns doubled quotes off when the sample has none, and then
  splits every later quoted line break).
* The delimiter (``,`` ``;`` tab ``|``) is the one under which most rows have
  the same number of fields (at least two): title and section rows of
  another length do not count against it. Excel's ``sep=;`` first line is
  obeyed.
* Fields may be of any length.
* Text encodings: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, and the
  legacy single-byte code pages Excel writes in Azerbaijani/Turkish
  (Windows-1254), Russian (Windows-1251) and Western (Windows-1252) locales,
  told apart by charset-normalizer. A detected legacy encoding is named in a
  warning; an ``encoding`` argument forces one.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..validate import Problem, UnusableInput

DELIMITERS = (",", ";", "\t", "|")
"""Candidate delimiters, in the order that wins a tie."""

LEGACY_ENCODINGS = ("cp1254", "cp1251", "cp1252")
"""Single-byte code pages a CSV saved by Excel may be in (Azerbaijani/Turkish, Russian, Western)."""

_DISPLAY = {"cp1254": "Windows-1254", "cp1251": "Windows-1251", "cp1252": "Windows-1252"}

# Byte-order marks, longest first (a UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class CsvText:
    """The rows of a CSV file and how they were read.

    Attributes
    ----------
    rows : list of list of str
        One list per record (a quoted line break does not start a record);
        a blank line is ``[]``.
    encoding : str
        The Python codec used (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1254`` …).
    delimiter : str
        ``,``, ``;``, tab or ``|``.
    warnings : list of Problem
        E.g. ``file.encoding_detected`` when the text was not UTF-8.
    """

    rows: list[list[str]]
    encoding: str
    delimiter: str
    warnings: list[Problem] = field(default_factory=list)


def read_csv_rows(path: str | Path, encoding: str | None = None) -> CsvText:
    """Read a CSV file: its rows, encoding, delimiter and warnings.

    Parameters
    ----------
    path
        The CSV file.
    encoding
        A Python codec name (``cp1254``, ``utf-8`` …) to force; ``None`` to
        detect it.

    Returns
    -------
    CsvText

    Raises
    ------
    UnusableInput
        ``file.not_text`` (binary content), ``file.encoding`` (the forced
        encoding cannot decode the file), ``file.encoding_name`` (no such
        encoding), ``file.encoding_unknown`` (no candidate encoding decodes
        it), ``file.unclosed_quote`` (a quoted field runs to the end of the file).
    """
    path = Path(path)
    data = path.read_bytes()
    text, used, warnings = decode(data, path, encoding)
    if "\x00" in text:
        raise UnusableInput("file.not_text", path)
    text, delimiter = _sep_line(text)
    if delimiter is None:
        delimiter = choose_delimiter(text)
    rows = parse(text, delimiter)
    _check_closed_quotes(text, delimiter, path)
    return CsvText(rows, used, delimiter, warnings)


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str, list[Problem]]:
    """The text of ``data``, the codec used and warnings (see :func:`read_csv_rows`)."""
    if encoding is not None:
        return _decode_forced(data, path, encoding), encoding, []
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return _decode_forced(data, path, bom_codec), bom_codec, []
    if b"\x00" in data:  # UTF-16 without a BOM reads as binary too: it cannot be told apart
        raise UnusableInput("file.not_text", path)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    codec = detect_legacy(data)
    if codec is None:
        raise UnusableInput("file.encoding_unknown", path)
    text = data.decode(codec)
    name = _DISPLAY.get(codec, codec)
    warnings = [Problem(code="file.encoding_detected", severity="warning", file=str(path), fields={"encoding": name})]
    lost = lost_letters(text)
    if lost:
        warnings.append(Problem(code="file.encoding_lost_letters", severity="warning", file=str(path),
                                fields={"encoding": name, "example": lost}))
    return text, codec, warnings


_QUESTION_IN_WORD = re.compile(r"[^\W\d_]*\?[^\W\d_][\w?]*")


def lost_letters(text: str) -> str | None:
    """The first word with a ``?`` where a letter should be (``Hökum?t``), ``None`` when there is none.

    A single-byte code page has no room for some letters (Windows-1254 has no
    ``ə``); Excel writes ``?`` in their place, and the letter is lost in the
    file itself. Tokens of web addresses (``index.php?id=3``) are not words.
    """
    for m in _QUESTION_IN_WORD.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in " \t\r\n;,|") + 1
        token = text[start:m.end()]
        if not re.search(r"[/=&.:]", token):
            return m.group(0)
    return None


def detect_legacy(data: bytes) -> str | None:
    """The likeliest of :data:`LEGACY_ENCODINGS` for non-UTF-8 bytes, ``None`` when none decodes them.

    charset-normalizer weighs how plausible each decoding is as text in a
    language (Turkish/Azerbaijani letters ``ş ğ ı İ`` come out as Icelandic
    ``þ ð ý Ý`` in Windows-1252, and as ``ю р э Э`` in Windows-1251).
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is not None and best.encoding == "cp1252" and _ICELANDIC & set(str(best)) and _decodes(data, "cp1254"):
        # The six bytes where the two code pages differ are Icelandic letters in Windows-1252 and
        # Turkish/Azerbaijani ones in Windows-1254 (ð/ğ, ý/ı, þ/ş, Ð/Ğ, Ý/İ, Þ/Ş): on short texts,
        # or ones whose "ə" Excel wrote as "?", charset-normalizer may prefer the Icelandic reading.
        return "cp1254"
    if best is not None:
        return best.encoding
    # charset-normalizer found all of them implausible: take the first that decodes.
    return next((codec for codec in LEGACY_ENCODINGS if _decodes(data, codec)), None)


_ICELANDIC = set("ðýþÐÝÞ")


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _decode_forced(data: bytes, path: Path, encoding: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise UnusableInput("file.encoding_name", path, encoding=encoding) from None
    if codec == "utf-8":
        codec = "utf-8-sig"  # a forced UTF-8 still drops a BOM
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise UnusableInput("file.encoding", path, encoding=encoding, line=line) from None


# ---------------------------------------------------------------------------
# Delimiter and records
# ---------------------------------------------------------------------------


def _sep_line(text: str) -> tuple[str, str | None]:
    """Excel's ``sep=;`` first line: the delimiter it names, and the text without that line."""
    first, _, rest = text.partition("\n")
    hint = first.rstrip("\r")
    if hint.lower().startswith("sep=") and len(hint) == 5:
        return rest, hint[4]
    return text, None


def parse(text: str, delimiter: str) -> list[list[str]]:
    """All records of ``text``: RFC 4180 quoting (doubled quotes, quoted line breaks), fields of any length."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"',
                               doublequote=True, skipinitialspace=False, strict=False))
    finally:
        csv.field_size_limit(old)


def table_shape(rows: list[list[str]]) -> tuple[int, int, int]:
    """How well ``rows`` form a table: (rows of the modal width, minus the other rows of ≥ 2 fields, the width).

    Only rows of at least two fields count: a title or section row (one
    field, or a few) is not evidence against a delimiter.
    """
    widths = Counter(len(r) for r in rows if len(r) >= 2)
    if not widths:
        return (0, 0, 0)
    width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]))
    return (count, count - sum(widths.values()), width)


def choose_delimiter(text: str) -> str:
    """The delimiter of :data:`DELIMITERS` whose parse gives the best :func:`table_shape` (``,`` on a tie)."""
    scores = {d: table_shape(parse(text, d)) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (scores[d], -DELIMITERS.index(d)))


def _check_closed_quotes(text: str, delimiter: str, path: Path) -> None:
    """Refuse a file whose last quoted field never closes (it would swallow the rest of the file)."""
    if '"' not in text:
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise UnusableInput("file.unclosed_quote", path, line=start) from None
        # Other strict-mode complaints (a character after a closing quote) are read leniently by parse().
    finally:
        csv.field_size_limit(old)
