"""Words people type: status words, round and deadline phrases, agency names.

Everything that compares Azerbaijani, English or Russian text goes through
:func:`normalize`, so ``İCRA OLUNUB``, ``icra olunub`` and ``icra olunub.``
are one key.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .levels import LEVELS, NOT_ASSESSED

# Azerbaijani letters folded to the Latin letters people type without an AZ keyboard.
_FOLD = str.maketrans({"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "ё": "е"})
_SPACES = re.compile(r"\s+")


def az_lower(text: str) -> str:
    """Lower-case with Azerbaijani rules: ``İ`` → ``i`` and ``I`` → ``ı``.

    Python's ``"İ".lower()`` gives ``"i̇"`` (i + combining dot), which would
    never equal a typed ``i``.
    """
    return unicodedata.normalize("NFC", text).replace("İ", "i").replace("I", "ı").lower()


def normalize(text: object) -> str:
    """The comparison key of a piece of text.

    Azerbaijani-aware lower case, Azerbaijani letters folded to Latin ones
    (``ə``→``e``, ``ı``→``i`` …), whitespace collapsed, and surrounding spaces
    and trailing punctuation removed.

    >>> normalize("  İCRA OLUNUB. ")
    'icra olunub'
    >>> normalize("icra olunmayib") == normalize("icra olunmayıb")
    True
    """
    if text is None:
        return ""
    s = az_lower(str(text)).replace("\u0307", "").translate(_FOLD)
    s = _SPACES.sub(" ", s).strip()
    return s.strip(" .:;,")


# ---------------------------------------------------------------------------
# Status words
# ---------------------------------------------------------------------------


# Ready vocabularies selectable by name wherever a vocabulary file is accepted (``--vocab irm-codes``).
NAMED_VOCABULARIES = {"irm-codes": "status_words_irm_codes.csv"}


@dataclass(frozen=True)
class StatusVocabulary:
    """Maps typed status words to completion levels.

    Parameters
    ----------
    words
        ``{normalized word: level}``; level is one of :data:`ogpstats.levels.LEVELS`
        or ``"not_assessed"``.
    spelling
        ``{normalized word: the word as written in the vocabulary file}``, so a
        suggestion reads ``qismən icra olunub``, not its comparison key.
    """

    words: dict[str, str]
    spelling: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def default(cls) -> StatusVocabulary:
        """The vocabulary shipped with ogpstats (``ogpstats/data/status_words.csv``)."""
        text = resources.files("ogpstats").joinpath("data/status_words.csv").read_text("utf-8")
        spelling: dict[str, str] = {}
        return cls(_read_words(text.splitlines(), "status_words.csv", spelling), spelling)

    @classmethod
    def named(cls, name: str) -> StatusVocabulary:
        """A ready vocabulary by name (:data:`NAMED_VOCABULARIES`): the default one extended by its words.

        ``irm-codes``: the codes of IRM reports and national trackers (NS not
        started, L / LP limited, S / SP substantial, C complete; ND, NR, N/A not
        assessed). Raises ``KeyError`` for an unknown name.
        """
        if name not in NAMED_VOCABULARIES:
            raise KeyError(f"unknown vocabulary {name!r}; expected one of {', '.join(NAMED_VOCABULARIES)}")
        return cls.load(name)

    @classmethod
    def load(cls, *extra: str | Path) -> StatusVocabulary:
        """The default vocabulary extended by user CSV files (``level,word`` columns) or by ready
        vocabularies named in :data:`NAMED_VOCABULARIES` (``"irm-codes"``)."""
        default = cls.default()
        words, spelling = dict(default.words), dict(default.spelling)
        for path in extra:
            if str(path) in NAMED_VOCABULARIES and not Path(path).exists():
                text = resources.files("ogpstats").joinpath(f"data/{NAMED_VOCABULARIES[str(path)]}").read_text("utf-8")
                words.update(_read_words(text.splitlines(), NAMED_VOCABULARIES[str(path)], spelling))
                continue
            with open(path, encoding="utf-8-sig", newline="") as fh:
                words.update(_read_words(fh, str(path), spelling))
        return cls(words, spelling)

    def level(self, text: object) -> str | None:
        """The level of a status word; ``"not_assessed"`` for blanks; ``None`` if unknown."""
        key = normalize(text)
        if key == "":
            return NOT_ASSESSED
        return self.words.get(key)

    def suggest(self, text: object) -> str | None:
        """The nearest known status word, for a typo (spelled as in the vocabulary file)."""
        close = difflib.get_close_matches(normalize(text), [w for w in self.words if w], n=1, cutoff=0.6)
        return self.spelling.get(close[0], close[0]) if close else None

    def words_for(self, level: str) -> list[str]:
        """Known (normalized) words for one level."""
        return [w for w, lv in self.words.items() if lv == level and w]


def _read_words(lines, source: str, spelling: dict[str, str] | None = None) -> dict[str, str]:
    words: dict[str, str] = {}
    for n, row in enumerate(csv.DictReader(lines), start=2):
        level = (row.get("level") or "").strip()
        if level not in LEVELS and level != NOT_ASSESSED:
            raise ValueError(f"{source}: line {n}: unknown level {level!r}; expected one of "
                             f"{', '.join(LEVELS + (NOT_ASSESSED,))}")
        word = " ".join((row.get("word") or "").split())
        words[normalize(word)] = level
        if spelling is not None and word:
            spelling[normalize(word)] = word
    return words


# Display words (what a report shows) per language.
LEVEL_LABELS: dict[str, dict[str, str]] = {
    "az": {"not_started": "İcra olunmayıb", "limited": "İcra prosesindədir",
           "substantial": "Qismən icra olunub", "complete": "İcra olunub"},
    "en": {"not_started": "Not started", "limited": "Limited",
           "substantial": "Substantial", "complete": "Complete"},
    # the Russian words of Azerbaijani government reports (as the az labels), not IRM's
    "ru": {"not_started": "Не выполнено", "limited": "Выполняется",
           "substantial": "Частично выполнено", "complete": "Выполнено"},
}


# ---------------------------------------------------------------------------
# Rounds and deadlines
# ---------------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL = {"birinci": 1, "ikinci": 2, "ucuncu": 3, "dorduncu": 4, "first": 1, "second": 2,
            "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_YEAR = r"((?:19|20)\d\d)"
_AZ_SUFFIX = r"(?:\s*-?\s*(?:ci|cı|cu|cü|ci|ci)\b)?"  # "2017-ci", folded to "ci"/"cu"

ROUND_RE = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$")
"""A canonical round id: ``2017``, ``2017-H1``, ``2017-Q3`` or a month ``2022-03``."""
OGP_ROUNDS = ("progress_report", "end_of_term")


@dataclass(frozen=True)
class Period:
    """A span of time named in a sheet: a year, a half-year, a quarter or a month."""

    year: int
    half: int | None = None
    quarter: int | None = None
    month: int | None = None

    @property
    def round_id(self) -> str:
        if self.month:
            return f"{self.year}-{self.month:02d}"
        if self.quarter:
            return f"{self.year}-Q{self.quarter}"
        if self.half:
            return f"{self.year}-H{self.half}"
        return str(self.year)

    @property
    def start(self) -> dt.date:
        if self.month:
            return dt.date(self.year, self.month, 1)
        month = 1 + 3 * (self.quarter - 1) if self.quarter else (7 if self.half == 2 else 1)
        return dt.date(self.year, month, 1)

    @property
    def end(self) -> dt.date:
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        month = 3 * self.quarter if self.quarter else (6 if self.half == 1 else 12)
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])


def _period_from_words(s: str) -> Period | None:
    """Find a single year, half or quarter in normalized text (any of az/en/ru)."""
    years = re.findall(_YEAR, s)
    if len(years) != 1:
        return None
    year = int(years[0])
    # Quarter: "Q3", "3Q", "III rub", "iv rubu", "ii квартал", "2 кв"
    m = (re.search(r"\bq\s*([1-4])\b", s) or re.search(r"\b([1-4])\s*q\b", s)
         or re.search(r"\b(i{1,3}|iv|[1-4])\s*(?:-?\s*(?:ci|cu|ci))?\s*(?:rub|rubu|rube|квартал|кв|quarter)", s)
         or re.search(r"(?:quarter|квартал)\s*(i{1,3}|iv|[1-4])\b", s))
    if m:
        q = m.group(1)
        return Period(year, quarter=_ROMAN.get(q) or int(q))
    m = (re.search(r"\bh\s*([12])\b", s) or re.search(r"\b([12])\s*h\b", s)
         or re.search(r"\b(i{1,2}|[12])\s*(?:-?\s*(?:ci|ci))?\s*(?:yarimil|yarim il|полугоди|half)", s)
         or re.search(r"(?:half|полугодие)\s*(i{1,2}|[12])\b", s))
    if m:
        h = m.group(1)
        return Period(year, half=_ROMAN.get(h) or int(h))
    if re.search(r"first half|1st half|birinci yarim|\bilk yarim|первое полугоди|1-е полугоди", s):
        return Period(year, half=1)
    if re.search(r"second half|2nd half|ikinci yarim|второе полугоди|2-е полугоди", s):
        return Period(year, half=2)
    m = re.search(r"\b(birinci|ikinci|ucuncu|dorduncu|first|second|third|fourth|1st|2nd|3rd|4th)\s*(?:rub|quarter)", s)
    if m:
        return Period(year, quarter=_ORDINAL[m.group(1)])
    # Cumulative months, as Azerbaijani reports count them: "2017-ci ilin 9 ayı" ends on 30 September.
    m = re.search(r"\b(3|6|9|12)\s*(?:-?\s*(?:u|i))?\s*(?:ay|ayi|ayinda|ayliq|months?|месяц\w*|мес)\b", s)
    if m:
        months = int(m.group(1))
        return Period(year, quarter=1) if months == 3 else Period(year, half=1) if months == 6 \
            else Period(year, quarter=3) if months == 9 else Period(year)
    return Period(year)


def parse_round(text: object) -> str | None:
    """Canonical round id (``YYYY``, ``YYYY-H1``, ``YYYY-Q3``, ``YYYY-MM``) from a sheet name or header.

    Also accepts OGP's rounds ``progress_report`` and ``end_of_term``, and
    months as ``2022-03``, ``03.2022``, ``March 2022``, ``mart 2022``,
    ``март 2022`` or ``2022-ci ilin mart ayı``.
    Returns ``None`` when the text names no single period.

    >>> parse_round("2017-ci ilin I yarımili")
    '2017-H1'
    >>> parse_round("II rüb 2017")
    '2017-Q2'
    >>> parse_round("mart 2022")
    '2022-03'
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool) and float(text).is_integer():
        text = str(int(text))
    s = normalize(text)
    if not s:
        return None
    underscored = s.replace(" ", "_").replace("-", "_")
    if underscored in OGP_ROUNDS:
        return underscored
    if ROUND_RE.match(s.upper()):
        return s.upper()
    # A range of years is a deadline, not a round.
    if len(re.findall(_YEAR, s)) != 1:
        return None
    month = _month_round(s)
    if month is not None or _NUMERIC_MONTH.fullmatch(s):  # "2022-13" is no round (and no year 2022)
        return month
    period = _period_from_words(s)
    return period.round_id if period else None


_MONTH_ROUND_FILLER = re.compile(r"\b(?:ci|cu|il|ilin|ay|ayi|of|год|года|г)\b")
_NUMERIC_MONTH = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-/.]\s*(?P<m>\d{1,2})"
                            r"|(?P<m2>\d{1,2})\s*[-/.]\s*(?P<y2>(?:19|20)\d\d)")


def _month_round(s: str) -> str | None:
    """``YYYY-MM`` of a normalized text naming one month of one year and nothing else."""
    if m := _NUMERIC_MONTH.fullmatch(s):
        year, number = int(m.group("y") or m.group("y2")), int(m.group("m") or m.group("m2"))
        return Period(year, month=number).round_id if 1 <= number <= 12 else None
    month = _month(s)
    year_match = re.search(_YEAR, s)
    if month is None or year_match is None:
        return None
    rest = _MONTH_ROUND_FILLER.sub(" ", _MONTH_RE.sub(" ", re.sub(_YEAR, " ", s)))
    if re.sub(r"[-–—,.\s]", "", rest):
        return None
    return Period(int(year_match.group(1)), month=month).round_id


def round_period(round_id: str) -> Period | None:
    """The :class:`Period` of a canonical round id (``None`` for OGP rounds)."""
    m = ROUND_RE.match(round_id)
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if part and part.isdigit():
        return Period(year, month=int(part))
    if part and part[0] == "H":
        return Period(year, half=int(part[1]))
    if part and part[0] == "Q":
        return Period(year, quarter=int(part[1]))
    return Period(year)


def round_as_of(round_id: str) -> dt.date | None:
    """The as-of date of a round: the last day of its period."""
    period = round_period(round_id)
    return period.end if period else None


def round_sort_key(round_id: str) -> tuple:
    """Order rounds by as-of date; rounds ending on the same day, the shorter period first.

    ``2022-03`` < ``2022-Q1``; ``2022-06`` < ``2022-Q2`` < ``2022-H1``;
    ``2022-12`` < ``2022-Q4`` < ``2022-H2`` < ``2022``: a longer period's
    assessment sums up the shorter ones it holds, so it is the later word.
    """
    if round_id in OGP_ROUNDS:
        return (0, OGP_ROUNDS.index(round_id), "")
    period = round_period(round_id)
    if period is None:
        return (2, 0, round_id)
    span = 0 if period.month else 1 if period.quarter else 2 if period.half else 3
    return (1, period.end.toordinal(), span)


# Month names (normalized: "sentyabr", "fevral"); Russian by stem ("декабря", "декабрь").
_MONTHS = {
    1: ("yanvar", "january", "jan", "январ"), 2: ("fevral", "february", "feb", "феврал"),
    3: ("mart", "march", "mar", "март"), 4: ("aprel", "april", "apr", "апрел"),
    5: ("may", "мая", "май"), 6: ("iyun", "june", "jun", "июн"), 7: ("iyul", "july", "jul", "июл"),
    8: ("avqust", "august", "aug", "август"), 9: ("sentyabr", "september", "sep", "sept", "сентябр"),
    10: ("oktyabr", "october", "oct", "октябр"), 11: ("noyabr", "november", "nov", "ноябр"),
    12: ("dekabr", "december", "dec", "декабр"),
}
_MONTH_OF = {name: m for m, names in _MONTHS.items() for name in names}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTH_OF, key=len, reverse=True)) + r")[a-zа-я]*\b")


def _month(s: str) -> int | None:
    """The one month a normalized text names (``None`` for none or several)."""
    found = {_MONTH_OF[m.group(1)] for m in _MONTH_RE.finditer(s)}
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------

_AGENCY_SPLIT = re.compile(r"\s*(?:[,;\n\r]+)\s*")

# Labels written before the names ("Implementers: Cabinet of Ministers, …"), normalized.
AGENCY_LABELS = frozenset({
    "implementer", "implementers", "implementing agency", "implementing agencies", "implementing institution",
    "implementing institutions", "responsible", "responsible agency", "responsible agencies",
    "responsible institution", "responsible institutions", "lead agency", "lead agencies",
    "icraci", "icracilar", "icraci qurum", "icraci qurumlar", "mesul", "mesul qurum", "mesul qurumlar",
    "исполнитель", "исполнители", "ответственный", "ответственные", "ответственный исполнитель",
    "ответственные исполнители", "co-implementer", "co-implementers", "coimplementers", "lead", "partner", "partners",
    "esas icraci", "mesul icraci", "elaqedar qurumlar", "соисполнитель", "соисполнители",
})


def split_agencies(value: object) -> list[str]:
    """Split an agencies cell on commas, semicolons and line breaks — never on ``və``.

    A label before a colon (``Implementers:``, ``İcraçı:``, ``Исполнители:``,
    see :data:`AGENCY_LABELS`) is not part of a name. Whitespace inside a
    name is collapsed; empty parts and duplicates (by :func:`normalize`) are
    dropped, first spelling kept.

    >>> split_agencies("Implementer:Ministry of Communications and High Technologies")
    ['Ministry of Communications and High Technologies']
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    out: list[str] = []
    seen: set[str] = set()
    for part in _AGENCY_SPLIT.split(str(value)):
        label, colon, rest = part.partition(":")
        if colon and normalize(label) in AGENCY_LABELS:
            part = rest
        name = _SPACES.sub(" ", part).strip(" .")
        key = normalize(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out
