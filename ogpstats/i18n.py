"""One message catalogue for every word a report shows, in Azerbaijani, English and Russian.

The catalogue lives in ``ogpstats/data/messages_<lang>.json`` (flat
``{"key": "text"}``, ``str.format`` placeholders in braces), so a translator
edits data, not code. Level names come from :data:`ogpstats.vocab.LEVEL_LABELS`.

Numbers follow the language: Azerbaijani and Russian write ``62,5`` and
``1 234,5`` (decimal comma, a no-break space between thousands, as official
statistics do), English ``62.5`` and ``1,234.5``.

A period inside a sentence takes the grammatical form the sentence needs: the
catalogue asks for it with a format spec on the placeholder, ``{period:in}``
→ ``2019-cu ilin II yarımilində`` (az), ``во II полугодии 2019 года`` (ru),
``in H2 2019`` (en); see :func:`period_phrase`.

>>> m = messages("az")
>>> m.percent(0.625)
'62,5%'
>>> messages("en").number(1234.5)
'1,234.5'
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import string
from functools import cache
from importlib import resources
from typing import Self, overload

from .vocab import LEVEL_LABELS, OGP_ROUNDS, ROUND_RE

LANGS: tuple[str, ...] = ("az", "en", "ru")
"""Languages with a complete catalogue, Azerbaijani first."""

CASES: tuple[str, ...] = ("nom", "gen", "in", "from", "until")
"""The forms of a period a sentence can ask for (``{period:in}``), named by what they mean:
the period itself, "of", "in", "from" and "until" it (Azerbaijani: nominative, genitive,
locative, ablative and dative + ``-dək``; Russian: with the preposition the form needs)."""

_GROUPED_WITH_SPACE = ("az", "ru")  # decimal comma, no-break space between thousands
_NBSP = "\u00a0"

MISSING = "–"
"""Shown for a value that does not exist (a rate of a group with nothing assessed)."""

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

def check_lang(lang: str) -> str:
    """Return ``lang`` if a catalogue exists for it, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The raw catalogue of a language: ``{key: text}``."""
    check_lang(lang)
    text = resources.files("ogpstats").joinpath(f"data/messages_{lang}.json").read_text("utf-8")
    return json.loads(text)


def format_number(value: object, lang: str, decimals: int = 1) -> str:
    """A number written the way ``lang`` writes it; :data:`MISSING` for null/NaN.

    Parameters
    ----------
    value
        Any real number, or ``None``/NaN/``pd.NA``.
    lang
        ``"az"`` and ``"ru"`` (decimal comma, no-break space U+00A0 between
        thousands: ``1 650,5``) or ``"en"`` (``1,650.5``).
    decimals
        Digits after the decimal separator.
    """
    check_lang(lang)
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return MISSING
    if math.isnan(x):
        return MISSING
    text = f"{x:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    if lang in _GROUPED_WITH_SPACE:
        text = text.translate(str.maketrans(",.", _NBSP + ","))
    return text


def decimal_separator(lang: str) -> str:
    """The decimal separator :func:`format_number` writes in ``lang``: ``","`` (az, ru) or ``"."`` (en)."""
    return "," if check_lang(lang) in _GROUPED_WITH_SPACE else "."


class Messages:
    """The catalogue of one language with its formatting helpers.

    Call the object with a key (and ``str.format`` fields) to get a text::

        m = messages("en")
        m("chart.levels.title")

    Parameters
    ----------
    lang
        ``"az"`` or ``"en"``.
    """

    def __init__(self, lang: str):
        self.lang = check_lang(lang)
        self._texts = catalogue(lang)
        self._formatter = _CatalogueFormatter(self.lang)

    def __call__(self, key: str, **fields: object) -> str:
        """The text of ``key``, with ``fields`` filled in.

        Raises ``KeyError`` naming the key when it is not in the catalogue:
        a report must never show a raw key.
        """
        try:
            text = self._texts[key]
        except KeyError:
            raise KeyError(f"message {key!r} is missing from the {self.lang} catalogue") from None
        return self._formatter.vformat(text, (), fields) if fields else text

    def __contains__(self, key: str) -> bool:
        return key in self._texts

    @overload
    def get(self, key: str, default: str, **fields: object) -> str: ...
    @overload
    def get(self, key: str, default: None = None, **fields: object) -> str | None: ...

    def get(self, key: str, default: str | None = None, **fields: object) -> str | None:
        """The text of ``key``, or ``default`` when the catalogue has no such key."""
        return self(key, **fields) if key in self._texts else default

    def level(self, level: object) -> str:
        """The display name of a completion level; "not assessed" for null."""
        if (level is None or (isinstance(level, float) and math.isnan(level))
                or str(level) not in LEVEL_LABELS[self.lang]):
            return self("level.not_assessed")
        return LEVEL_LABELS[self.lang][str(level)]

    def problem(self, problem: object, *, labels: bool = True) -> str:
        """The text of a :class:`~ogpstats.validate.Problem` in this language.

        Rendered from the catalogue entry ``problem.<code>`` with the
        problem's fields: a field named ``round`` is shown as a round label
        (unless ``labels`` is false: then as stored, ``2018-H1``), a list is
        joined with the catalogue's "and" ("or" for a field named
        ``options``). Plain text (a message from before problems had codes)
        is shown inside ``problem.other``.

        >>> from ogpstats.validate import Problem
        >>> messages("az").problem(Problem("percent.range", "error", fields={"value": 150}))
        'faiz 150 0–100 aralığından kənardır'
        """
        if isinstance(problem, str):
            return self("problem.other", text=problem.strip())
        fields = dict(problem.fields)  # type: ignore[attr-defined]
        for name, value in fields.items():
            if name == "round" and labels:
                fields[name] = self.round_label(value)
            elif isinstance(value, (list, tuple)):
                joiner = self("problem.or" if name == "options" else "problem.and")
                fields[name] = joiner.join(str(v) for v in value)
        return self(f"problem.{problem.code}", **fields)  # type: ignore[attr-defined]

    def number(self, value: object, decimals: int = 1) -> str:
        """:func:`format_number` in this language."""
        return format_number(value, self.lang, decimals)

    def signed(self, value: object, decimals: int = 1) -> str:
        """A change with its sign: ``+2,5`` / ``−3,1`` (a true minus sign); zero and missing without one."""
        text = self.number(value, decimals)
        bare = text.lstrip("-")
        if text == MISSING or bare == self.number(0, decimals):
            return bare
        return ("+" if float(value) > 0 else "−") + bare  # type: ignore[arg-type]

    def integer(self, value: object) -> str:
        """A count, without decimals."""
        return format_number(value, self.lang, 0)

    def percent(self, fraction: object, decimals: int = 1) -> str:
        """A fraction 0-1 as a percentage: ``0.625`` → ``62,5%`` (az) / ``62.5%`` (en)."""
        try:
            x = float(fraction)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return MISSING
        if math.isnan(x):
            return MISSING
        return self("format.percent", value=format_number(100 * x, self.lang, decimals))

    def round_label(self, round_id: object) -> RoundLabel:
        """A round id as a short label: ``2018-H2`` → ``H2 2018`` (en), ``2018, II yarımil`` (az).

        The label remembers its round, so a catalogue text it is put into can
        ask for the period's grammatical form: ``{period:in}`` (:func:`period_phrase`).
        """
        if round_id is None:
            return RoundLabel(MISSING, None, self.lang)
        text = str(round_id)
        if text in OGP_ROUNDS:
            return RoundLabel(self(f"round.{text}"), text, self.lang)
        m = ROUND_RE.match(text)
        if not m:
            return RoundLabel(text, text, self.lang)
        year, part = m.group(1), m.group(2)
        if not part:
            return RoundLabel(self._texts["round.year"].format(year=year), text, self.lang)
        if part.isdigit():
            month = self(f"month_name.{int(part)}")
            return RoundLabel(self._texts["round.month"].format(year=year, month=month), text, self.lang)
        n = int(part[1])
        key = "round.half" if part[0] == "H" else "round.quarter"
        return RoundLabel(self._texts[key].format(year=year, n=n, roman=_ROMAN[n]), text, self.lang)

    def period(self, round_id: object, case: str = "nom") -> str:
        """:func:`period_phrase` in this language: ``m.period("2021", "in")`` → ``2021-ci ildə`` (az)."""
        return period_phrase(round_id, self.lang, case)

    def date(self, value: object) -> str:
        """A date: ``31.12.2018`` (az), ``31 Dec 2018`` (en); :data:`MISSING` when null."""
        if value is None:
            return MISSING
        try:
            import pandas as pd

            if pd.isna(value):
                return MISSING
            d = pd.Timestamp(value).date()
        except (TypeError, ValueError):
            return str(value)
        if not isinstance(d, dt.date):
            return str(value)
        month = self(f"month.{d.month}")
        return self("format.date", day=d.day, dd=f"{d.day:02d}", mm=f"{d.month:02d}", month=month, year=d.year)


class RoundLabel(str):
    """A round's short label (:meth:`Messages.round_label`) that remembers its round id.

    Formatted with a :data:`CASES` spec it becomes the period's phrase in that
    form, so the catalogue, not the caller, decides the grammar of a sentence:
    ``"{period:in} çatır".format(period=label)``.
    """

    round_id: str | None
    lang: str

    def __new__(cls, text: str, round_id: str | None = None, lang: str = "en") -> Self:
        obj = super().__new__(cls, text)
        obj.round_id, obj.lang = round_id, lang
        return obj

    def __reduce__(self):  # pickled with its round (a str subclass would lose it)
        return (RoundLabel, (str(self), self.round_id, self.lang))

    def __format__(self, spec: str) -> str:
        if spec in CASES:
            return str(self) if self.round_id is None else period_phrase(self.round_id, self.lang, spec)
        return format(str(self), spec)


class _CatalogueFormatter(string.Formatter):
    """``str.format`` that also knows the :data:`CASES` specs of one language.

    A case spec on a round label, a round id or a bare year (``{year:until}``
    with ``year=2019``) gives :func:`period_phrase`; on any other value (the
    "no data" text shown instead of a period) the value as it is.
    """

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec not in CASES:
            return super().format_field(value, format_spec)
        if isinstance(value, RoundLabel):
            return format(value, format_spec)
        if isinstance(value, (int, str)) and ROUND_RE.match(str(value)):
            return period_phrase(value, self.lang, format_spec)
        return str(value)


# Azerbaijani ordinal suffix after digits ("2016-cı"): vowel harmony with the last vowel of
# the number's last non-zero word as it is read (2016 = iki min on altı → altı → -cı).
_AZ_UNITS = ("", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz")
_AZ_TENS = ("", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan")
_AZ_SCALE = ("", "min", "milyon", "milyard")
_AZ_SUFFIX_VOWEL = {"a": "ı", "ı": "ı", "e": "i", "ə": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}


def _az_last_word(n: int) -> str:
    """The last word of ``n`` read aloud in Azerbaijani (2016 → ``altı``, 2100 → ``yüz``, 2000 → ``min``)."""
    if n == 0:
        return "sıfır"
    scale = 0
    while n % 1000 == 0 and scale < len(_AZ_SCALE) - 1:
        n, scale = n // 1000, scale + 1
    if scale:
        return _AZ_SCALE[scale]
    if n % 10:
        return _AZ_UNITS[n % 10]
    return _AZ_TENS[n % 100 // 10] if n % 100 else "yüz"


def az_ordinal(n: int) -> str:
    """``n`` with the Azerbaijani ordinal suffix: ``2016-cı``, ``2019-cu``, ``2020-ci``, ``2023-cü``.

    The suffix's vowel follows the last vowel of the last non-zero word of the
    number as read aloud: units (``altı`` → ``-cı``), else tens (``iyirmi`` →
    ``-ci``), else ``yüz``, ``min``, ``milyon``, ``milyard``.

    >>> [az_ordinal(y) for y in (2016, 2019, 2000, 2100)]
    ['2016-cı', '2019-cu', '2000-ci', '2100-cü']
    """
    n = abs(int(n))
    word = _az_last_word(n)
    vowel = next(ch for ch in reversed(word) if ch in _AZ_SUFFIX_VOWEL)
    return f"{n}-c{_AZ_SUFFIX_VOWEL[vowel]}"


def period_phrase(round_id: object, lang: str, case: str = "nom") -> str:
    """A round as a period inside a sentence, in the grammatical form ``case`` (:data:`CASES`).

    The forms are catalogue texts ``period.<kind>.<case>`` (kind ``year``,
    ``half``, ``quarter``, ``month`` (fields ``month``, ``month_gen``),
    ``progress_report``, ``end_of_term``) with the fields
    ``year``, ``year_ord`` (the year with its ordinal suffix in Azerbaijani:
    ``2016-cı``; the bare year elsewhere), ``n`` and ``roman``. A language whose
    form changes with the number (Russian ``во II полугодии`` but ``в I
    полугодии``) adds ``period.<kind>.<case>.<n>``, which wins. Anything that is
    not a round comes back as it is.

    >>> period_phrase("2019-H2", "az", "in")
    '2019-cu ilin II yarımilində'
    >>> period_phrase("2021", "ru", "in")
    'в 2021 году'
    """
    check_lang(lang)
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {', '.join(CASES)}")
    text = str(round_id)
    fields: dict[str, object] = {}
    if text in OGP_ROUNDS:
        kind = text
    else:
        m = ROUND_RE.match(text)
        if not m:
            return text
        year, part = m.group(1), m.group(2)
        fields = {"year": year, "year_ord": az_ordinal(int(year)) if lang == "az" else year}
        texts = catalogue(lang)
        if part and part.isdigit():  # a monthly round: the month's name, and its genitive where dates use one
            kind, n = "month", int(part)
            fields.update(n=n, month=texts[f"month_name.{n}"], month_gen=texts[f"month.{n}"])
        else:
            kind = "year" if not part else ("half" if part[0] == "H" else "quarter")
            if part:
                fields.update(n=int(part[1]), roman=_ROMAN[int(part[1])])
    texts = catalogue(lang)
    for key in (f"period.{kind}.{case}.{fields.get('n')}", f"period.{kind}.{case}"):
        if key in texts:
            return texts[key].format(**fields)
    raise KeyError(f"message 'period.{kind}.{case}' is missing from the {lang} catalogue")


def plan_label(plan: object, lang: str) -> str:
    """A plan's name as a page in ``lang`` shows it: ``NAP 2016-2018`` → ``MFP 2016–2018`` (az).

    The leading acronym is looked up as ``plan.<ACRONYM>`` in the catalogue
    (unknown acronyms stay); a hyphen between two years becomes an en dash.
    """
    text = str(plan).strip()
    head, sep, rest = text.partition(" ")
    texts = catalogue(lang)
    if f"plan.{head}" in texts:
        text = texts[f"plan.{head}"] + sep + rest
    return re.sub(r"\b(\d{4})-(\d{4})\b", "\\1–\\2", text)


@cache
def messages(lang: str) -> Messages:
    """The (cached) :class:`Messages` of a language."""
    return Messages(lang)


def _span_round(start: dt.date, end: dt.date) -> str | None:
    """The round id of the calendar period ``start``–``end`` is exactly (a year, half, quarter, month), or ``None``."""
    first_of_next = end + dt.timedelta(days=1)
    if start.day != 1 or first_of_next.day != 1 or start.year != end.year:
        return None
    months = end.month - start.month + 1
    if months == 12:
        return f"{start.year}"
    if months == 6 and start.month in (1, 7):
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    if months == 3 and start.month % 3 == 1:
        return f"{start.year}-Q{start.month // 3 + 1}"
    return f"{start.year}-{start.month:02d}" if months == 1 else None


def deadline_label(deadline: object, lang: str) -> str:
    """A deadline as the period it means, in ``lang``: ``2017-ci ilin II rübü`` → ``Q2 2017`` (en).

    Parameters
    ----------
    deadline
        The deadline as written (read with :func:`ogpstats.deadlines.parse_deadline`)
        or a parsed :class:`~ogpstats.deadlines.Deadline`.
    lang
        The page's language.

    Returns
    -------
    str
        ``deadline.ongoing`` for permanent work; the period's phrase
        (:func:`period_phrase`, nominative) when the deadline is one year,
        half-year, quarter or month; ``deadline.years`` for a run of whole
        years (``2016–2018``); ``deadline.by`` for one day (``by 31 Dec 2017``);
        ``deadline.range`` between two periods or dates otherwise; the text as
        written when it could not be read (a translation may say it).

    >>> deadline_label("2017-ci ilin II rübü", "en")
    'Q2 2017'
    >>> deadline_label("2016-2018-ci illər", "ru")
    '2016–2018 годы'
    >>> deadline_label("Daimi", "en")
    'Ongoing'
    """
    from .deadlines import Deadline, parse_deadline

    d = deadline if isinstance(deadline, Deadline) else parse_deadline(deadline)
    m = messages(lang)
    if d.ongoing:
        return m("deadline.ongoing")
    if d.end is None:
        return d.text
    if d.start is None:
        return m("deadline.by", date=m.date(d.end))
    whole = _span_round(d.start, d.end)
    if whole:
        return period_phrase(whole, lang)
    if (d.start.month, d.start.day, d.end.month, d.end.day) == (1, 1, 12, 31):
        return m("deadline.years", start=d.start.year, year=d.end.year,
                 year_ord=az_ordinal(d.end.year) if lang == "az" else d.end.year)
    ends = [m.date(d.start), m.date(d.end)]
    for months in (6, 3, 1):  # the coarsest kind of period both ends fall on (Q4 2016 – Q2 2017)
        lo = d.start.replace(month=(d.start.month - 1) // months * months + 1)
        hi_start = d.end.replace(day=1, month=(d.end.month - 1) // months * months + 1)
        hi = _month_end(d.end.year, hi_start.month + months - 1)
        if d.start == lo and d.end == hi:
            ends = [period_phrase(_span_round(lo, _month_end(lo.year, lo.month + months - 1)), lang),
                    period_phrase(_span_round(hi_start, hi), lang)]
            break
    return m("deadline.range", start=ends[0], end=ends[1])


def _month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
