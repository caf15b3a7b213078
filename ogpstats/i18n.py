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
import re
from functools import lru_cache
from importlib import resources

from .vocab import LEVEL_LABELS, ROUND_RE

LANGS: tuple[str, ...] = ("az", "en")
"""Languages with a complete catalogue, Azerbaijani first."""

MISSING = "–"
"""Shown for a value that does not exist (a rate of a group with nothing assessed)."""

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_Q = r"(?P<value>'.*'|\".*\"|\S+)"  # a quoted value as the readers write it (repr), or one word
PROBLEM_PATTERNS: tuple[tuple[str, str], ...] = (
    # measures and plan tables
    (rf"unknown status word {_Q}", "unknown_status"),
    (rf"percent {_Q} is not a number", "percent_not_number"),
    (rf"percent {_Q} is outside 0–100", "percent_range"),
    (rf"cannot read the deadline {_Q}; the measure has no deadline", "deadline"),
    (rf"unknown road map {_Q}; expected one of (?P<names>.+)", "unknown_roadmap"),
    (r"cannot tell which road map the sheet (?P<value>.+) holds; .*", "which_roadmap"),
    (rf"weight {_Q} is not a number", "weight"),
    (r"this row has a measure but no number in the № column; it is skipped", "no_number"),
    (r"the round sheet has no numbered rows", "round_sheet_empty"),
    (rf"cannot read the round {_Q}; expected .*", "round"),
    (r"round (?P<round>\S+) has no status or percent for any measure", "round_empty"),
    (r"the sheet has a status column but its name names no round; .*", "status_no_round_sheet"),
    (r"the plan has a status column but no round: .*", "status_no_round"),
    (rf"(?P<field>baseline year|baseline|target year|target) {_Q} is not a number", "kpi_field"),
    (rf"actual value {_Q} is not a number", "actual"),
    (r"measure (?P<value>'.*?'|\".*?\") is not in the plan of road map (?P<roadmap>.+)", "not_in_roadmap"),
    (r"measure (?P<value>'.*?'|\".*?\") is not in the plan", "not_in_plan"),
    (r"ambiguous measure number: (?P<a>\S+) and (?P<b>\S+) — (?P<num>\S+) is stored as a number.*",
     "ambiguous_pair"),
    (r"ambiguous measure number (?P<value>\S+): stored as a number, it may be (?P<options>.+?) \((?P<cells>.+)\);.*",
     "ambiguous_number"),
    (r"measure (?P<value>'.*?'|\".*?\") is in several road maps \((?P<names>.+)\);.*", "several_roadmaps"),
    (r"duplicate measure number (?P<value>'.*?'|\".*?\") in (?P<cells>.+)", "duplicate"),
    (r"measure (?P<value>'.*?'|\".*?\") matches more than one measure of the plan \((?P<cells>.+)\)",
     "matches_several"),
    (r"measure (?P<value>'.*?'|\".*?\") appears more than once in round (?P<round>\S+): (?P<cells>.+)",
     "duplicate_in_round"),
    (r"agency (?P<value>'.*?'|\".*?\") appears only once and is close to (?P<other>'.*?'|\".*?\");.*", "agency_typo"),
    # OGP's export
    (r"the commitment has no identifier", "ogp_no_id"),
    (rf"action plan end year {_Q} is not a year", "ogp_end_year"),
    (rf"unknown completion level {_Q}", "ogp_level"),
    (r"round (?P<round>\S+) has no completion level for any commitment", "ogp_round_empty"),
    # unreadable files (the message after "<path>: ")
    (r"no such file", "file_missing"),
    (r"the file is empty \(0 bytes\)", "file_empty"),
    (r"unsupported file type (?P<value>\S+); .*", "file_type"),
    (r"the workbook is encrypted \(password-protected\).*", "file_encrypted"),
    (r"the workbook is corrupt or unreadable .*", "file_corrupt"),
    (r"this is a text \(CSV.*\) file renamed to (?P<value>\S+); .*", "file_text_renamed"),
    (r"this is an \.xlsx/\.ods workbook named \.xls; rename it", "file_xlsx_named_xls"),
    (r"not an? (?P<value>\.\w+) workbook \(the file is corrupt or of another type\)", "file_not_workbook"),
    (r"not UTF-8 text; save the CSV as UTF-8", "file_not_utf8"),
    (r"not a CSV text file \(binary content\)", "file_binary_csv"),
    (r"no sheet holds a plan table; .*", "no_plan_table"),
    (r"the plan table \((?P<value>.+)\) has a header but no measures; .*", "no_measures"),
    (r"expected OGP's commitment export columns .*", "not_ogp_export"),
)
"""English problem messages of the readers (:mod:`ogpstats.io`) → catalogue key ``problem.<key>``.

The readers write one English sentence per problem; reports translate it
with :meth:`Messages.problem`. Named groups become the catalogue entry's
fields (``round`` is shown as a round label, ``field`` through ``col.*``).
"""
_PROBLEM_RES = tuple((re.compile(pat, re.DOTALL), key) for pat, key in PROBLEM_PATTERNS)


def check_lang(lang: str) -> str:
    """Return ``lang`` if a catalogue exists for it, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


@lru_cache(maxsize=None)
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

    def problem(self, message: str) -> str:
        """A reader's problem message (English) in this language.

        Known messages (:data:`PROBLEM_PATTERNS`) are rebuilt from the
        catalogue with their values (cell text stays as the user typed it);
        an unknown message is returned inside ``problem.other``.

        >>> messages("az").problem("percent 150 is outside 0–100")
        'faiz 150 0–100 aralığından kənardır'
        """
        found = problem_key(message)
        if found is None:
            where, sep, rest = str(message).strip().partition(": ")
            if sep and problem_key(rest) is not None:  # "<sheet>: <message>" (an unusable file names its sheet)
                return f"{where}: {self.problem(rest)}"
            return self("problem.other", text=str(message).strip())
        key, fields = found
        if "round" in fields:
            fields["round"] = self.round_label(fields["round"])
        if "field" in fields:
            fields["field"] = self("col." + fields["field"].replace(" ", "_"))
        for name, word in (("cells", " and "), ("options", " or ")):
            if name in fields:
                fields[name] = self(f"problem.{word.strip()}").join(fields[name].split(word))
        return self(f"problem.{key}", **fields)

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


def problem_key(message: str) -> tuple[str, dict[str, str]] | None:
    """The :data:`PROBLEM_PATTERNS` key a reader's message matches and its fields, or ``None``.

    >>> problem_key("percent 150 is outside 0–100")
    ('percent_range', {'value': '150'})
    """
    text = str(message).strip()
    for rx, key in _PROBLEM_RES:
        m = rx.fullmatch(text)
        if m:
            return key, {k: (v or "") for k, v in m.groupdict().items()}
    return None


@lru_cache(maxsize=None)
def messages(lang: str) -> Messages:
    """The (cached) :class:`Messages` of a language."""
    return Messages(lang)
