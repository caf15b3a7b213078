"""Deadlines as action plans and trackers write them, in Azerbaijani, English and Russian.

A deadline is read as the span of days it names: its first and last day.
The forms (``docs/reading.md`` has a table of examples):

* a date: ``22.03.2017``, ``2017-03-22``, ``22 March 2017``, ``March 22, 2017``,
  ``22 mart 2017-ci il``, ``22 марта 2017 года`` (a single day: no first day);
* a year, half-year, quarter or month: ``2017-ci il``, ``2018-ci ilin I yarımili``,
  ``Q2 2017``, ``2017-ci ilin dekabr ayınadək``, ``by December 2017``;
* a range: ``2016-2018-ci illər``, ``May 2016 - August 2018``, ``Q2-Q3 2017``,
  ``Q4 2016 - Q2 2017``: from the first day of the first to the last day of
  the last;
* a sentence: ``Complete by October 2019``, ``Plan developed by Q4 2017``,
  ``Begin in Q3 2017, complete by Q2 2018``: the last date the text names
  ends it (a bare year counts in a sentence only after ``by``/``in``/``until``/
  ``до`` …, or before ``-dək``/``ərzində``);
* ongoing or recurring work, which never falls due: ``Daimi``, ``mütəmadi``,
  ``Permanent``, ``постоянно``, ``Quarterly``, ``Annually``, ``hər il``, ``ежегодно``.

Anything else is unreadable: ``Deadline(text)`` with ``parsed`` false, and
the reader warns about its cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

# The round words: a period in text, the month names and the year pattern are one definition, in vocab.
from .vocab import _MONTH_RE, _YEAR, Period, _month, _period_from_words, normalize

_ONGOING = {"daimi", "mutemadi", "mutemadi olaraq", "davamli", "permanent", "permanently", "ongoing",
            "continuous", "regularly", "постоянно", "регулярно", "на постоянной основе"}
_ONGOING_PREFIXES = ("daimi", "mutemadi", "permanent", "постоянно", "ongoing")
# Recurring work: it is done again every period, so it never falls due.
_RECURRING = re.compile(
    r"^(?:quarterly|annually|yearly|monthly|semi-annually|biannually|every (?:year|quarter|month|six months)|"
    r"each (?:year|quarter|month)|her (?:il|ilin|rub|rubun|ay|ayin|yarimil|yarimilin)|ilde bir|rubde bir|"
    r"ежегодно|ежеквартально|ежемесячно|раз в (?:год|квартал|полугодие)|кажд\w+ (?:год|квартал|месяц))\b")

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline: its first and last day, or ongoing, or unparsed."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    ongoing: bool = False

    @property
    def parsed(self) -> bool:
        return self.ongoing or self.end is not None or not self.text.strip()


def parse_deadline(value: object) -> Deadline:
    """Parse a deadline as written in action plans (the forms of this module's docstring).

    A cell holding a date or a year number is that day or year. A text that
    cannot be read gives ``Deadline(text)`` with ``end=None`` and ``parsed``
    false.

    >>> parse_deadline("2016-2018-ci illər").end
    datetime.date(2018, 12, 31)
    >>> d = parse_deadline("May 2016 - August 2018")
    >>> (d.start, d.end)
    (datetime.date(2016, 5, 1), datetime.date(2018, 8, 31))
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Deadline("")
    if isinstance(value, dt.datetime):
        return Deadline(value.date().isoformat(), end=value.date())
    if isinstance(value, dt.date):
        return Deadline(value.isoformat(), end=value)
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        d = value.to_pydatetime().date()
        return Deadline(d.isoformat(), end=d)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
            and 1900 < value < 2200:
        y = int(value)
        return Deadline(str(y), start=dt.date(y, 1, 1), end=dt.date(y, 12, 31))
    text = str(value).strip()
    s = normalize(text)
    if not s:
        return Deadline(text)
    if s in _ONGOING or s.startswith(_ONGOING_PREFIXES) or _RECURRING.match(s):
        return Deadline(text, ongoing=True)
    typed = _typed_date(s)
    if typed is not None:
        return Deadline(text, end=typed) if isinstance(typed, dt.date) else Deadline(text)
    span = read_span(s)
    if span is None:
        return Deadline(text)
    start, end = span
    return Deadline(text, start=None if start == end else start, end=end)


def _typed_date(s: str) -> dt.date | bool | None:
    """A text that is one date in digits: ``2017-12-31``, ``2017/12/31``, ``31.12.2017``.

    ``False`` for such a text naming a day that does not exist; ``None`` for other text.
    """
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]00:00:00)?", s)
    ymd = (m.group(1), m.group(2), m.group(3)) if m else None
    if ymd is None and (m := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", s)):
        ymd = (m.group(3), m.group(2), m.group(1))
    if ymd is None:
        return None
    try:
        return dt.date(*map(int, ymd))
    except ValueError:
        return False


def read_span(s: str) -> Span | None:
    """The first and last day a normalized deadline text names, ``None`` when it cannot be read."""
    years = list(re.finditer(_YEAR, s))
    if not years:
        return None
    if len(years) == 2 and re.search(_YEAR + r"\s*(?:-|–|—|to|ilə|ile|до)\s*" + _YEAR, s):
        first, last = int(years[0].group(1)), int(years[1].group(1))
        return (dt.date(first, 1, 1), dt.date(last, 12, 31)) if first <= last else None
    if len(years) == 1:
        return _period_range(s) if _PART_RANGE.search(s) else _one_date(s)
    spans = [span for segment in _segments(s, years) if (span := _one_date(segment)) is not None]
    if not spans:
        return None
    return min(start for start, _ in spans), spans[-1][1]


# ---------------------------------------------------------------------------
# One date (a text naming one year)
# ---------------------------------------------------------------------------

_MONTH = _MONTH_RE.pattern  # one group: the month's name or stem
_DAY_MONTH_YEAR = re.compile(r"(?<![\d.])(\d{1,2})(?:st|nd|rd|th)?(?:\s*-?\s*(?:ci|cu|inci|nci|uncu|ncu))?\s*"
                             r"(?:of\s+)?" + _MONTH + r"\s*,?\s*" + _YEAR)
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)\s*,?\s*" + _YEAR)
_DIGITS_DAY = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]" + _YEAR + r"(?!\d)")
_DIGITS_ISO = re.compile(_YEAR + r"-(\d{1,2})-(\d{1,2})(?!\d)")
_MONTH_YEAR = re.compile(_MONTH + r"\s*,?\s*(?:of\s+)?" + _YEAR)
_YEAR_MONTH = re.compile(_YEAR + r"\s*(?:-?\s*c[iu]\b)?\s*(?:il|ilin|year)?\s*" + _MONTH)
# A bare year in a sentence is a deadline only after or before these words.
_BY_YEAR = re.compile(r"\b(?:by|in|until|till|before|through|during|no later than|not later than|end of|"
                      r"до|к|в|по|в течение)\s+(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?(?:year\s+)?" + _YEAR)
_YEAR_BY = re.compile(_YEAR + r"\s*-?\s*(?:c[iu]\s*)?(?:(?:il|ilin)\s*)?"
                      r"(?:erzinde|sonunadek|sonuna qeder|sonuna|iledek|ile qeder|ilde|yadek|dek|qeder)\b")
# Words that may stand around a year, half, quarter or month in a deadline that is nothing but a date.
_KNOWN = re.compile(
    r"\b(ci|cu|cı|il|ilin|iller|illerde|ilde|sonunadek|sonuna qeder|sonuna|erzinde|"
    r"by|the|end|of|in|until|year|during|q\s*[1-4]|h\s*[12]|[1-4]\s*q|i{1,3}|iv|[1-4]|rub|rubu|"
    r"rubunde|yarimil|yarimili|yarimilinde|yarim|first|second|half|quarter|1st|2nd|3rd|4th|"
    r"год|года|году|г|конца|до|к|концу|в|течение|квартал|кв|полугодие|полугодия|"
    r"3|6|9|12|u|ay|ayi|ayinda|ayinadek|ayina qeder|ayliq|months?|месяц\w*|мес|qeder)\b")


def _one_date(s: str) -> Span | None:
    """The span of a normalized text that names one year: a day, month, quarter, half or the year."""
    day = _full_date(s)
    if day is not None:
        return (day, day) if isinstance(day, dt.date) else None
    return _only_a_date(s) or _date_in_sentence(s)


def _full_date(s: str) -> dt.date | bool | None:
    """The day a text names with a month name or in digits; ``False`` for a day that does not exist."""
    ymd: tuple[Any, Any, Any] | None = None  # year, month, day: digits, or a month number (None: no month)
    if m := _DAY_MONTH_YEAR.search(s):
        ymd = (m.group(3), _month(m.group(0)), m.group(1))
    elif m := _MONTH_DAY_YEAR.search(s):
        ymd = (m.group(3), _month(m.group(0)), m.group(2))
    elif m := _DIGITS_DAY.search(s):
        ymd = (m.group(3), m.group(2), m.group(1))
    elif m := _DIGITS_ISO.search(s):
        ymd = (m.group(1), m.group(2), m.group(3))
    if ymd is None:
        return None
    try:
        return dt.date(*map(int, ymd))
    except (ValueError, TypeError):
        return False


def _month_span(year: int, month: int) -> Span:
    period = Period(year, month=month)
    return period.start, period.end


def _only_a_date(s: str) -> Span | None:
    """A text that is nothing but a year, half, quarter or month and the words around them."""
    found = re.search(_YEAR, s)
    if found is None:
        return None
    year = int(found.group(1))
    rest = re.sub(r"[-–—,()]", " ", re.sub(_YEAR, " ", s))
    month = _month(s)
    if month is not None and not _KNOWN.sub(" ", _MONTH_RE.sub(" ", rest)).strip(" ."):
        return _month_span(year, month)  # "2017-ci ilin dekabr ayınadək", "by December 2017"
    period = _period_from_words(s)
    if period and not _KNOWN.sub(" ", rest).strip(" ."):
        return period.start, period.end
    return None


def _date_in_sentence(s: str) -> Span | None:
    """A date inside other words: a month next to its year, a half or quarter, or ``by 2019``."""
    found = re.search(_YEAR, s)
    if found is None:
        return None
    year = int(found.group(1))
    month = _month(s)
    if month is not None and (_MONTH_YEAR.search(s) or _YEAR_MONTH.search(s)):
        return _month_span(year, month)
    period = _period_from_words(s)
    if period and (period.quarter or period.half):
        return period.start, period.end
    if _BY_YEAR.search(s) or _YEAR_BY.search(s):
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


# ---------------------------------------------------------------------------
# Ranges and sentences naming several dates
# ---------------------------------------------------------------------------

_PART = r"(q\s*[1-4]|h\s*[12]|iv|i{1,3}|[1-4])"
_PART_RANGE = re.compile(r"(?<!\w)" + _PART + r"\s*(?:-|–|—|to|ile)\s*(?=" + _PART + r"\b)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _period_range(s: str) -> Span | None:
    """``Q2-Q3 2017``, ``I-II rüb 2017``, ``H1-H2 2018``: from the first quarter/half to the second."""
    m = _PART_RANGE.search(s)
    if not m:
        return None
    rest = s[:m.start()] + s[m.end():]
    second, span = _period_from_words(rest), _one_date(rest)
    if second is None or span is None or not (second.quarter or second.half):
        return None
    token = m.group(1).replace(" ", "")
    if token[0] in "qh" and token[0] != ("q" if second.quarter else "h"):
        return None
    n = _ROMAN.get(token) or int(token.lstrip("qh"))
    if n > (second.quarter or second.half or 0):
        return None
    first = Period(second.year, quarter=n) if second.quarter else Period(second.year, half=n)
    return first.start, span[1]


_SEP = re.compile(r"\s*(?:[–—,;]|-(?!\s*c[iu]\b)|\b(?:to|until|till|through|and|ve|ile|и|по|до)\b)\s*")
_ABLATIVE = re.compile(r"\w*(?:dan|den)\b")  # "2016-cı ilin may ayından 2018-ci ilin avqust ayınadək"


def _segments(s: str, years: list[re.Match]) -> list[str]:
    """Cut a text naming several years into one piece per year, at the separator between them."""
    pieces, start = [], 0
    for a, b in pairwise(years):
        between = s[a.end():b.start()]
        if m := _ABLATIVE.search(between):
            cut = nxt = a.end() + m.end()
        elif seps := list(_SEP.finditer(between)):
            cut, nxt = a.end() + seps[-1].start(), a.end() + seps[-1].end()
        else:
            cut = nxt = a.end()
        pieces.append(s[start:cut])
        start = nxt
    pieces.append(s[start:])
    return pieces
