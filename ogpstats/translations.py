"""The content of a plan in other languages: titles, agencies, KPIs, units and deadlines.

A plan is written in one language (Azerbaijani, mostly); a report in English
or Russian shows its content in the reader's language where a translation
exists and the original otherwise. Translations come from a
``translations.csv`` beside the data (columns ``kind,key,az,en,ru``,
``docs/translating.md``) and from columns such as ``Title (EN)`` next to the
original in a workbook.

``kind`` is one of :data:`KINDS`. The key of a ``commitment`` is its number
(``"1"``), of a ``measure`` its number in a NAP (``"1.10"``) or
``<road map>/<number>`` in the road maps (``"tourism/1.2.1"``), of a
``priority`` ``<road map>/<number>``, of a ``roadmap`` its key; ``kpi``,
``unit``, ``agency`` and ``deadline`` are keyed by the original text itself,
compared through :func:`ogpstats.vocab.normalize` (case, spacing and
Azerbaijani letters do not matter).

>>> t = Translations()
>>> t.add("agency", "Maliyyə Nazirliyi", {"az": "Maliyyə Nazirliyi", "en": "Ministry of Finance"})
>>> t.text("agency", "MALİYYƏ  nazirliyi", "en", "MALİYYƏ  nazirliyi")
'Ministry of Finance'
>>> t.text("agency", "Vergilər Nazirliyi", "en", "Vergilər Nazirliyi")
'Vergilər Nazirliyi'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .user_tables import read_rows
from .validate import UnusableInput
from .vocab import normalize

KINDS: tuple[str, ...] = ("commitment", "measure", "priority", "roadmap", "kpi", "unit", "agency", "deadline")
"""What a translation row can translate."""

TEXT_KINDS = frozenset({"kpi", "unit", "agency", "deadline"})
"""Kinds keyed by the original text (compared through ``normalize``), not by a number."""

TRANSLATION_LANGS: tuple[str, ...] = ("az", "en", "ru")
"""The language columns of ``translations.csv``."""

FILE_NAME = "translations.csv"
"""The name of the translations file beside the data files."""

UNTRANSLATED_COLUMNS: tuple[str, ...] = ("lang", "kind", "key", "text")


def _key(kind: str, key: object) -> tuple[str, str]:
    text = " ".join(str(key).split())
    return kind, normalize(text) if kind in TEXT_KINDS else text


class Translations:
    """Translations of a plan's content: ``(kind, key)`` → ``{lang: text}``.

    Rows added first win (the explicit file before the one beside the data,
    the first file before later ones): a later row only fills languages the
    earlier ones left empty.
    """

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], dict[str, str]] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> list[tuple[str, str, dict[str, str]]]:
        """Every row as ``(kind, normalised key, {lang: text})``, sorted: the table's content, for a digest."""
        return [(kind, key, dict(sorted(texts.items()))) for (kind, key), texts in sorted(self._rows.items())]

    def add(self, kind: str, key: object, texts: Mapping[str, object]) -> None:
        """Add the texts of one ``(kind, key)``; empty cells are ignored, earlier texts kept."""
        if kind not in KINDS:
            raise ValueError(f"unknown translation kind {kind!r}; expected one of {', '.join(KINDS)}")
        row = self._rows.setdefault(_key(kind, key), {})
        for lang, text in texts.items():
            if text is None or (isinstance(text, float) and text != text):
                continue
            clean = " ".join(str(text).split())
            if clean:
                row.setdefault(lang, clean)

    def update(self, other: Translations) -> None:
        """Add every row of ``other`` (what this one has already wins)."""
        for (kind, key), texts in other._rows.items():
            row = self._rows.setdefault((kind, key), {})
            for lang, text in texts.items():
                row.setdefault(lang, text)

    def get(self, kind: str, key: object, lang: str, original: object = None) -> str | None:
        """The translation of ``(kind, key)`` into ``lang``, or ``None``.

        With ``original``, a row only counts when one of its cells is that
        text (so a translation of measure ``1.1`` of one plan is not shown
        for measure ``1.1`` of another); rows with no cell to compare count.
        """
        if key is None or (isinstance(key, float) and key != key):
            return None
        row = self._rows.get(_key(kind, key))
        if not row or lang not in row:
            return None
        # Compared only where the row holds the original language's cell (az, the plans' language); a row of
        # translations alone (kind,key,,en,ru) cannot be checked and counts, as the docstring says.
        if original is not None and kind not in TEXT_KINDS and str(original).strip() and row.get("az"):
            wanted = normalize(original)
            if not any(normalize(t) == wanted for t in row.values()):
                return None
        return row[lang]

    def text(self, kind: str, key: object, lang: str, original: object) -> str:
        """The translation into ``lang`` where one exists, else ``original`` (as text)."""
        found = self.get(kind, key, lang, original)
        if found is not None:
            return found
        return "" if original is None or (isinstance(original, float) and original != original) else str(original)

    def missing(self, lang: str, wanted: Iterable[tuple[str, object, object]] = ()) -> list[tuple[str, str, str]]:
        """What has no translation into ``lang``, as ``(kind, key, original text)``.

        Parameters
        ----------
        lang
            The language asked for.
        wanted
            ``(kind, key, original)`` of every text a report shows
            (:func:`wanted_texts`); without it, the rows of this table whose
            ``lang`` cell is empty.
        """
        if not wanted:
            return [(kind, key, next(iter(row.values()), "")) for (kind, key), row in self._rows.items()
                    if lang not in row]
        out, seen = [], set()
        for kind, key, original in wanted:
            k = _key(kind, key)
            if k in seen:
                continue
            seen.add(k)
            if self.get(kind, key, lang, original) is None:
                out.append((kind, str(key), "" if original is None else str(original)))
        return out

    @classmethod
    def load(cls, path: str | Path) -> Translations:
        """Read a ``translations.csv`` (UTF-8, columns ``kind,key`` and language columns).

        Raises
        ------
        UnusableInput
            A file that cannot be read or has no ``kind`` and ``key`` columns,
            or a row with an unknown kind (named with its cell).
        """
        path = Path(path)
        rows = read_rows(path, "translations")
        header = [normalize(h) for h in rows[0]] if rows else []
        if "kind" not in header or "key" not in header:
            raise UnusableInput("translations.columns", path, columns="kind,key,az,en,ru")
        langs = {i: h for i, h in enumerate(header) if h not in ("kind", "key") and h}
        out = cls()
        for n, row in enumerate(rows[1:], start=2):
            cells = dict(zip(header, row, strict=False))
            kind, key = normalize(cells.get("kind", "")), cells.get("key", "").strip()
            if not kind and not key:
                continue
            if kind not in KINDS:
                raise UnusableInput("translations.kind", path, cell=f"A{n}", value=cells.get("kind", ""),
                                    options=list(KINDS))
            out.add(kind, key, {lang: row[i] for i, lang in langs.items() if i < len(row)})
        return out


def item_key(item: Mapping | object) -> str | None:
    """The ``measure`` key of an item: ``tourism/1.2.1`` in the road maps, else its number."""
    get = item.get if isinstance(item, Mapping) else lambda c: getattr(item, c, None)
    item_id, roadmap = get("item_id"), get("roadmap")
    if item_id is None:
        return None
    item_id = str(item_id)  # the road-map readers already write ``tourism/1.2.1``
    return f"{roadmap}/{item_id}" if get("kind") == "srm" and roadmap and "/" not in item_id else item_id


def section_key(item: Mapping | object) -> tuple[str, str] | None:
    """``(kind, key)`` of the section an item belongs to: its NAP direction or road-map priority."""
    get = item.get if isinstance(item, Mapping) else lambda c: getattr(item, c, None)
    if get("kind") == "srm" and get("roadmap") and get("priority"):
        return "priority", f"{get('roadmap')}/{get('priority')}"
    if get("commitment") is not None and get("kind") != "srm":
        return "commitment", str(get("commitment"))
    return None


def wanted_texts(items: pd.DataFrame, kpis: pd.DataFrame | None = None) -> list[tuple[str, str, str | None]]:
    """``(kind, key, original)`` of every text of a plan a report shows, in reading order.

    Measure titles, section titles (directions, priorities), agencies and
    deadlines of the items; names and units of the KPIs. Deadlines are only
    asked for when :func:`ogpstats.i18n.deadline_label` cannot say them.
    """
    from .deadlines import parse_deadline

    out: list[tuple[str, str, str | None]] = []
    for item in items.itertuples(index=False):
        key = item_key(item)
        if key and str(item.title or "").strip():
            out.append(("measure", key, item.title))
        sec = section_key(item)
        if sec and isinstance(item.section_title, str) and item.section_title.strip():
            out.append((sec[0], sec[1], item.section_title))
        out += [("agency", a, a) for a in item.agencies]
        text = item.deadline_text
        if isinstance(text, str) and text.strip() and not _says_itself(parse_deadline(text)):
            out.append(("deadline", text, text))
    if kpis is not None and len(kpis):
        for kpi, unit in kpis[["kpi", "unit"]].drop_duplicates().itertuples(index=False):
            if isinstance(kpi, str) and kpi.strip():
                out.append(("kpi", kpi, kpi))
            if isinstance(unit, str) and unit.strip():
                out.append(("unit", unit, unit))
    return out


def _says_itself(deadline) -> bool:
    """A deadline :func:`ogpstats.i18n.deadline_label` writes in any language (a period it understood)."""
    return bool(deadline.ongoing or deadline.end is not None)


def untranslated(items: pd.DataFrame, kpis: pd.DataFrame | None, translations: Translations,
                 langs: Iterable[str] = ("en", "ru")) -> pd.DataFrame:
    """What a report in each language shows untranslated (in the original), one row per text.

    Items of OGP's commitment export are left out: the export is OGP's own
    English record, and no report shows its texts translated.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`UNTRANSLATED_COLUMNS`: ``lang``, ``kind``, ``key``
        (empty where the key is the text itself: agencies, KPIs, units,
        deadlines) and the original ``text``; in the order of ``langs``, then
        reading order.
    """
    wanted = wanted_texts(items[items["kind"] != "ogp"], kpis)
    rows = []
    for lang in langs:
        rows += [{"lang": lang, "kind": kind, "key": "" if kind in TEXT_KINDS else key, "text": text}
                 for kind, key, text in translations.missing(lang, wanted)]
    return pd.DataFrame(rows, columns=list(UNTRANSLATED_COLUMNS))


def untranslated_summary(table: pd.DataFrame, langs: Iterable[str] = ("en", "ru")) -> pd.DataFrame:
    """How many texts are untranslated per language and kind (columns ``lang``, then one per kind, ``total``)."""
    rows = []
    for lang in langs:
        mine = table[table["lang"] == lang]
        counts = mine["kind"].value_counts()
        rows.append({"lang": lang, **{k: int(counts.get(k, 0)) for k in KINDS}, "total": int(len(mine))})
    return pd.DataFrame(rows, columns=["lang", *KINDS, "total"])


def find_translations(paths: Iterable[str | Path], explicit: str | Path | Translations | None = None) -> Translations:
    """The translations for a set of data files: ``explicit`` first, then each folder's ``translations.csv``."""
    out = Translations()
    if isinstance(explicit, Translations):
        out.update(explicit)
    elif isinstance(explicit, (str, Path)):
        out.update(Translations.load(explicit))
    seen: set[Path] = set()
    for p in paths:
        folder = Path(p).resolve().parent
        if folder in seen:
            continue
        seen.add(folder)
        if (folder / FILE_NAME).is_file():
            out.update(Translations.load(folder / FILE_NAME))
    return out


def is_translations_file(path: str | Path) -> bool:
    """A ``translations.csv``: read as translations, never as a plan."""
    return Path(path).name.lower() == FILE_NAME


def translated(dataset, lang: str):
    """A copy of a :class:`~ogpstats.model.Dataset` whose shown texts are in ``lang`` where a translation exists.

    Measure titles, section titles (directions, priorities), agency names
    (one translation per name, so an agency's measures stay together) and KPI
    names and units; numbers, ids, deadlines as written and everything a
    computation keys on are unchanged. Without translations the dataset
    itself is returned.
    """
    from dataclasses import replace

    t: Translations = dataset.translations
    if not len(t):
        return dataset
    items = dataset.items.copy()
    if len(items):
        recs = items.to_dict("records")
        items["title"] = [t.text("measure", item_key(r), lang, r["title"]) if r["title"] else r["title"]
                          for r in recs]
        items["section_title"] = [_section_text(t, r, lang) for r in recs]
        names: dict[str, str] = {}
        for lst in items["agencies"]:
            for a in lst:
                if a not in names:
                    names[a] = t.text("agency", a, lang, a)
        items["agencies"] = [list(dict.fromkeys(names[a] for a in lst)) for lst in items["agencies"]]
    kpis = dataset.kpis.copy()
    for col in ("kpi", "unit"):
        if len(kpis):
            kpis[col] = kpis[col].map(lambda v, c=col: t.text(c, v, lang, v) if isinstance(v, str) else v)
    return replace(dataset, items=items, kpis=kpis)


def _section_text(t: Translations, item: Mapping, lang: str) -> object:
    sec, title = section_key(item), item.get("section_title")
    if sec is None or not isinstance(title, str) or not title.strip():
        return title
    return t.text(sec[0], sec[1], lang, title)


def deadline_text(deadline: object, lang: str, translations: Translations | None = None) -> str:
    """A deadline on a page in ``lang``: the period it means (:func:`ogpstats.i18n.deadline_label`),
    else its translation (kind ``deadline``), else as written."""
    from .deadlines import parse_deadline
    from .i18n import deadline_label

    d = parse_deadline(deadline)
    if _says_itself(d) or translations is None:
        return deadline_label(d, lang)
    return translations.text("deadline", d.text, lang, d.text)
