"""Load: one or more files into one :class:`~ogpstats.model.Dataset` (:func:`load_dataset`), with the checks
across files (the same measure read twice) and the agency names (alias table, one spelling, likely typos).

Imported on first use of :mod:`ogpstats.io`'s names (see there).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Set
from itertools import chain
from pathlib import Path

from ..model import Dataset
from ..translations import Translations, find_translations, is_translations_file
from ..user_tables import read_rows
from ..validate import Problem, UnusableInput
from ..vocab import StatusVocabulary, normalize
from .column_map import ColumnMap
from .header_words import HeaderWords
from .kinds import KINDS
from .workbook import no_cycle_collection, read_workbook


def load_dataset(
    paths: list[str | Path] | str | Path,
    *,
    kind: str | None = None,
    vocabulary: StatusVocabulary | None = None,
    aliases: str | Path | dict[str, str] | None = None,
    header_words: str | Path | HeaderWords | None = None,
    columns: str | Path | ColumnMap | None = None,
    encoding: str | None = None,
    translations: str | Path | Translations | None = None,
) -> Dataset:
    """Read one or more files into one :class:`~ogpstats.model.Dataset`.

    Parameters
    ----------
    paths
        Workbooks (.xlsx, .xlsm, .xls, .ods), CSV files or OGP's commitment export.
    kind
        ``nap``, ``srm`` or ``ogp``; default: detected per file.
    vocabulary
        Status words; default the packaged vocabulary.
    aliases
        Agency alias table: a CSV file with columns ``alias,agency`` (or a
        dict) mapping abbreviations and old names to one agency name.
    header_words
        Extra header words (CLI ``--headers``): a CSV file with columns
        ``field,lang,word``, like ``ogpstats/data/header_words.csv``.
    columns
        A column map for another layout (CLI ``--columns``): a CSV file with
        columns ``field,header`` (:mod:`ogpstats.io.column_map`), used for
        every file. Without it, a map saved beside a file as
        ``<file stem>.columns.csv`` is used for that file.
    encoding
        The text encoding of CSV files (``cp1254``, ``utf-8`` …); default:
        detected, and a legacy one named in a warning.
    translations
        The plan's content in other languages: a ``translations.csv``
        (:mod:`ogpstats.translations`) or a loaded table. It wins over the
        ``translations.csv`` found beside each data file, which is always
        read; a ``translations.csv`` among ``paths`` is read as translations,
        not as a plan.

    Returns
    -------
    Dataset
        Items, assessments, KPIs and the problems found (not raised: check
        ``dataset.problems`` or use :func:`ogpstats.validate.errors`).
        Agency names that differ only in case or spacing are spelled one way.

    Raises
    ------
    UnusableInput
        A file that cannot be read at all; the message names it.

    Notes
    -----
    The same measure of the same plan (plan name and item number) read from
    two files is an error, ``number.duplicate_across_files``: counted twice it
    would inflate every figure. Two plans are told apart by their plan name.
    """
    with no_cycle_collection():  # see there: reading builds many lists that live on
        return _load_dataset(paths, kind, vocabulary, aliases, header_words, columns, encoding, translations)


def _load_dataset(paths, kind, vocabulary, aliases, header_words, columns, encoding, translations) -> Dataset:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if kind is not None and kind not in KINDS:
        raise UnusableInput("kind.unknown", value=kind, kinds=", ".join(KINDS))
    alias_map = load_aliases(aliases) if isinstance(aliases, (str, Path)) else {
        normalize(k): v for k, v in (aliases or {}).items()}
    vocabulary = vocabulary or StatusVocabulary.default()
    if isinstance(header_words, (str, Path)):
        header_words = HeaderWords.load(header_words)
    if isinstance(columns, (str, Path)):
        columns = ColumnMap.load(columns)
    found = find_translations(paths, translations)
    parts = [read_workbook(p, kind=kind, vocabulary=vocabulary, header_words=header_words, columns=columns,
                           encoding=encoding) for p in paths if not is_translations_file(p)]
    dataset = _single(parts[0]) if len(parts) == 1 else Dataset.concat(parts)
    if len(parts) > 1:
        dataset.problems += duplicates_across_files(dataset.items)
    found.update(dataset.translations)  # the file's rows win over the workbooks' translation columns
    dataset.translations = found
    dataset.items["agencies"] = unify_agency_names(dataset.items["agencies"], alias_map)
    dataset.problems += agency_warnings(dataset.items, dataset.agency_cells, known=set(alias_map.values()))
    return dataset


def _single(part: Dataset) -> Dataset:
    """What :meth:`Dataset.concat` gives for one file, without building its tables again (its reader built
    them with ``make_items`` and the like; 0.2 s for 100,000 measures)."""
    return Dataset(part.items, part.assessments, part.kpis, list(part.problems), part.item_agency_cells(),
                   list(part.illustrative), part.translations)


def duplicates_across_files(items) -> list[Problem]:
    """An error for each measure of a plan that is read from more than one file.

    Parameters
    ----------
    items
        The items table of several files (its ``plan``, ``item_id``, ``file``,
        ``sheet`` and ``cell``).

    Returns
    -------
    list of Problem
        ``number.duplicate_across_files`` at the measure's first cell, naming
        every file and cell it is in; one per measure, in reading order.
    """
    keys = ["plan", "item_id"]
    files = items.groupby(keys, sort=False, dropna=False)["file"].transform("nunique")
    repeated = items[(files > 1).to_numpy()]
    out = []
    for (plan, item_id), grp in repeated.groupby(keys, sort=False, dropna=False):
        first = grp.iloc[0]
        number = item_id.split("/", 1)[1] if isinstance(item_id, str) and "/" in item_id else item_id
        out.append(Problem("number.duplicate_across_files", "error", first["file"], first["sheet"], first["cell"],
                           {"value": number, "plan": plan,
                            "cells": [f"{f}: {s}!{c}" for f, s, c in zip(grp["file"], grp["sheet"], grp["cell"])]}))
    return out


def unify_agency_names(agencies, rename: dict[str, str] | None = None) -> list[list[str]]:
    """Spell agencies that differ only in case or spacing one way (the first seen).

    Parameters
    ----------
    agencies
        Per item, a list of agency names.
    rename
        ``{normalized alias: agency}`` applied first (the alias table); the
        table's spelling of an agency wins over the spellings in the plan.

    Returns
    -------
    list of list of str
        Per item, its agencies with one spelling each, duplicates dropped.
    """
    agencies = list(agencies)
    # Work on the distinct names, then on the distinct lists: plans repeat both a lot.
    spelling: dict[str, str] = {normalize(v): v for v in (rename or {}).values()}
    final: dict[str, str] = {}
    for n in dict.fromkeys(chain.from_iterable(agencies)):  # each name once, in the order first seen
        key = normalize(n)
        if rename and key in rename:
            n2 = rename[key]
            key = normalize(n2)
        else:
            n2 = n
        final[n] = spelling.setdefault(key, n2)
    if all(k == v for k, v in final.items()):
        return [list(dict.fromkeys(lst)) if len(lst) > 1 else list(lst) for lst in agencies]
    cache: dict[tuple, list[str]] = {}
    out = []
    for lst in agencies:
        t = tuple(lst)
        if t not in cache:
            cache[t] = _dedupe([final[n] for n in lst])
        out.append(list(cache[t]))
    return out


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return out


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read an agency alias table: CSV (UTF-8) with columns ``alias,agency``.

    Returns ``{normalized alias: agency}``.

    Raises
    ------
    UnusableInput
        A missing file or one without the two columns.
    """
    path = Path(path)
    rows = read_rows(path, "aliases")
    if not rows or [normalize(h) for h in rows[0][:2]] != ["alias", "agency"]:
        raise UnusableInput("aliases.columns", path, columns="alias,agency")
    out = {}
    for row in rows[1:]:
        if len(row) >= 2 and row[0].strip() and row[1].strip():
            out[normalize(row[0])] = " ".join(row[1].split())
    return out


def agency_warnings(items, cells: list[str], *, known: Set[str] = frozenset(), cutoff: float = 0.85) -> list[Problem]:
    """A warning for each agency seen only once whose name is close to a known agency.

    Parameters
    ----------
    items
        The items table (its ``agencies``, ``file``, ``sheet`` and ``cell``).
    cells
        Per item, the cell its agencies were read from.
    known
        Agency names known without being seen twice (the alias table's names).
    cutoff
        Similarity (difflib ratio of the names without generic words such as
        "Nazirliyi") from which a name counts as close.

    Returns
    -------
    list of Problem
        Warnings at the agency's cell, the known name as the suggestion.
    """
    counts = Counter(chain.from_iterable(items["agencies"]))
    known_names = {n for n, k in counts.items() if k >= 2} | set(known)
    if not known_names:
        return []
    by_key = {_distinctive(n): n for n in known_names}
    keys = list(by_key)
    out = []
    single = {n for n, k in counts.items() if k == 1 and n not in known_names}
    if not single:
        return []
    for i, names in enumerate(items["agencies"]):
        for name in names:
            if name not in single:
                continue
            close = difflib.get_close_matches(_distinctive(name), keys, n=1, cutoff=cutoff)
            if close:
                row = items.iloc[i]
                cell = cells[i] if i < len(cells) else row["cell"]
                other = by_key[close[0]]
                out.append(Problem("agency.typo", "warning", row["file"], row["sheet"], cell,
                                   {"value": name, "other": other}, other))
    return out


# Words every other agency name has ("… Nazirliyi", "State … Committee"): compared without them,
# "Səhiyyə Nazirliyi" is not close to "Ədliyyə Nazirliyi", while "Ədliyə Nazirliyi" still is.
_GENERIC = {"nazirliyi", "nazirlik", "ministry", "министерство", "komitesi", "committee", "комитет",
            "agentliyi", "agency", "агентство", "xidmeti", "service", "служба", "dovlet", "state",
            "государственный", "государственная", "respublikasi", "republic", "azerbaycan", "azerbaijan",
            "азербайджанской", "республики", "of", "the", "and", "for", "on", "ve", "uzre", "idaresi",
            "administration", "fondu", "fund", "komissiyasi", "commission", "комиссия", "palatasi", "chamber"}


def _distinctive(name: str) -> str:
    words = normalize(name).split()
    kept = [w for w in words if w not in _GENERIC]
    return " ".join(kept or words)


