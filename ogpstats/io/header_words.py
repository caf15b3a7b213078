"""Header words as data: which header texts name which field, in az/en/ru, extendable by the user.

The packaged table ``ogpstats/data/header_words.csv`` has the columns
``field,lang,word``; a user's file with the same columns adds words without
code (``load_dataset(..., header_words="my_headers.csv")``). Words are
compared through :func:`ogpstats.vocab.normalize` (case, spacing and
Azerbaijani letters folded).
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from ..user_tables import read_text
from ..validate import UnusableInput
from ..vocab import normalize

LANGS = ("az", "en", "ru")
# The fields a plan table is recognised by, in the order a message lists them.
PLAN_FIELDS = ("item_id", "title", "agencies", "deadline")
# The letters :func:`guess_language` counts, as code points: what the patterns ``[a-z]`` and ``[а-яё]``
# match ignoring case (which adds İ ı ſ K and the old Cyrillic forms ᲀ-ᲆ), and Azerbaijani's own letters.
_LATIN = (*range(0x41, 0x5B), *range(0x61, 0x7B), 0x130, 0x131, 0x17F, 0x212A)
_CYRILLIC = (0x401, *range(0x410, 0x450), 0x451, *range(0x1C80, 0x1C87))
_AZ_LETTERS = tuple(map(ord, "əışğƏŞĞ"))


@dataclass(frozen=True)
class HeaderWords:
    """The header texts of each field.

    Parameters
    ----------
    words
        ``{field: [(lang, word), …]}`` in file order (the first word of a
        language is the one a message shows).
    """

    words: dict[str, list[tuple[str, str]]]
    lookup: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        if not self.lookup:
            self.lookup.update({normalize(w): name for name, pairs in self.words.items() for _, w in pairs})

    @classmethod
    def default(cls) -> HeaderWords:
        """The packaged header words (``ogpstats/data/header_words.csv``)."""
        text = resources.files("ogpstats").joinpath("data/header_words.csv").read_text("utf-8")
        return cls(_read(text, "header_words.csv"))

    @classmethod
    def load(cls, *extra: str | Path) -> HeaderWords:
        """The packaged words extended by the user's CSV files (columns ``field,lang,word``).

        Raises
        ------
        UnusableInput
            A missing file, one that is not UTF-8, lacks the columns or names an unknown field.
        """
        default = cls.default()
        words = {f: list(pairs) for f, pairs in default.words.items()}
        lookup = dict(default.lookup)
        known = tuple(words)
        for path in extra:
            path = Path(path)
            for name, pairs in _read(read_text(path, "headers"), path, known).items():
                # The user's words come first, so that a message shows them, and win over a
                # packaged word of another field (the user knows their file).
                words[name] = pairs + words.get(name, [])
                lookup.update({normalize(w): name for _, w in pairs})
        return cls(words, lookup)

    def field_of(self, text: str) -> str | None:
        """The field a (normalized) header text names, or ``None``."""
        return self.lookup.get(text)

    def shown(self, name: str, lang: str) -> str:
        """The word a message shows for ``name`` in ``lang``: its first word of every language (№),
        else its first word of ``lang``."""
        pairs = self.words.get(name, [])
        word = next((w for lg, w in pairs if lg == "any"), None) or next((w for lg, w in pairs if lg == lang),
                                                                          pairs[0][1] if pairs else name)
        return _capitalize(word, lang)

    def expected(self, lang: str, fields: tuple[str, ...] = PLAN_FIELDS) -> str:
        """The header a message shows in ``lang``: ``№, Name of measure, Implementing agencies, Deadline``."""
        return ", ".join(self.shown(f, lang) for f in fields)


def _capitalize(word: str, lang: str) -> str:
    if not word or not word[0].isalpha():
        return word
    first = "İ" if word[0] == "i" and lang == "az" else word[0].upper()
    return first + word[1:]


def _read(text: str, source: str | Path, known: tuple[str, ...] = ()) -> dict[str, list[tuple[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or {"field", "word"} - {normalize(h) for h in reader.fieldnames}:
        raise UnusableInput("headers.columns", source, columns="field,lang,word")
    names = {normalize(h): h for h in reader.fieldnames}
    out: dict[str, list[tuple[str, str]]] = {}
    for line, row in enumerate(reader, start=2):
        name = (row.get(names["field"]) or "").strip()
        word = " ".join((row.get(names["word"]) or "").split())
        lang = normalize(row.get(names.get("lang", ""), "") or "") or "any"
        if not name and not word:
            continue
        if known and name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            raise UnusableInput("headers.field", source, suggestion=close[0] if close else None,
                                value=name, line=line)
        if word:
            out.setdefault(name, []).append((lang, word))
    return out


@functools.cache
def _letter_kinds() -> np.ndarray:
    """Per BMP code point: 1 for a Latin letter, 2 for a Cyrillic one, 4 for an Azerbaijani one (bits)."""
    kinds = np.zeros(0x10000, dtype=np.uint8)
    for bit, letters in ((1, _LATIN), (2, _CYRILLIC), (4, _AZ_LETTERS)):
        kinds[list(letters)] |= bit
    return kinds


def guess_language(texts) -> str:
    """``ru`` for mostly Cyrillic text, ``az`` for Latin text with ə, ı, ş or ğ, else ``en``."""
    # All texts at once, a code point at a time (numpy): 100,000 titles take milliseconds.
    # UTF-16 code units: every letter counted is in the BMP; a surrogate (half of any other) is no letter.
    codes = np.frombuffer("".join(texts).encode("utf-16-le", "surrogatepass"), dtype="<u2")
    kinds = _letter_kinds()[codes]
    cyrillic = int(np.count_nonzero(kinds & 2))
    latin = int(np.count_nonzero(kinds & 1))
    az = bool(np.any(kinds & 4))
    if cyrillic and cyrillic >= latin:
        return "ru"
    return "az" if az else "en"
