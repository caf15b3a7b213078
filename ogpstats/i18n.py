"""One message catalogue for every word a report shows, in Azerbaijani and English.

The catalogue lives in ``ogpstats/data/messages_<lang>.json`` (flat
``{"key": "text"}``, ``str.format`` placeholders in braces), so a translator
edits data, not code. Level names come from :data:`ogpstats.vocab.LEVEL_LABELS`.

Numbers follow the language: Azerbaijani writes ``62,5`` and ``1.234,5``
(decimal comma, dot for thousands), English ``62.5`` and ``1,234.5``.

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
from functools import cache
from importlib import resources

from .vocab import LEVEL_LABELS, ROUND_RE

LANGS: tuple[str, ...] = ("az", "en")
"""Languages with a complete catalogue, Azerbaijani first."""

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
        ``"az"`` (decimal comma, ``.`` between thousands) or ``"en"``.
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
    if lang == "az":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


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

    def __call__(self, key: str, **fields: object) -> str:
        """The text of ``key``, with ``fields`` filled in.

        Raises ``KeyError`` naming the key when it is not in the catalogue:
        a report must never show a raw key.
        """
        try:
            text = self._texts[key]
        except KeyError:
            raise KeyError(f"message {key!r} is missing from the {self.lang} catalogue") from None
        return text.format(**fields) if fields else text

    def __contains__(self, key: str) -> bool:
        return key in self._texts

    def get(self, key: str, default: str | None = None, **fields: object) -> str | None:
        """The text of ``key``, or ``default`` when the catalogue has no such key."""
        return self(key, **fields) if key in self._texts else default

    def level(self, level: object) -> str:
        """The display name of a completion level; "not assessed" for null."""
        if level is None or (isinstance(level, float) and math.isnan(level)) or str(level) not in LEVEL_LABELS[self.lang]:
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

    def round_label(self, round_id: object) -> str:
        """A round id in words: ``2018-H2`` → ``H2 2018`` (en), ``2018, II yarımil`` (az);
        ``2022-03`` → ``March 2022`` (en), ``2022, mart`` (az)."""
        if round_id is None:
            return MISSING
        text = str(round_id)
        if text in ("progress_report", "end_of_term"):
            return self(f"round.{text}")
        m = ROUND_RE.match(text)
        if not m:
            return text
        year, part = m.group(1), m.group(2)
        if not part:
            return self("round.year", year=year)
        if part.isdigit():
            return self("round.month", year=year, month=self(f"month_name.{int(part)}"))
        n = int(part[1])
        key = "round.half" if part[0] == "H" else "round.quarter"
        return self(key, year=year, n=n, roman=_ROMAN[n])

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


@cache
def messages(lang: str) -> Messages:
    """The (cached) :class:`Messages` of a language."""
    return Messages(lang)
