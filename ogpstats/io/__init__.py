"""Read workbooks and exports into the tidy tables (:mod:`ogpstats.model`).

The one entry point most code needs is :func:`load_dataset`.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Dataset
from ..validate import UnusableInput
from ..vocab import StatusVocabulary, normalize
from .workbook import read_workbook

KINDS = ("nap", "srm", "ogp")


def load_dataset(
    paths: list[str | Path] | str | Path,
    *,
    kind: str | None = None,
    vocabulary: StatusVocabulary | None = None,
) -> Dataset:
    """Read one or more files into one :class:`~ogpstats.model.Dataset`.

    Parameters
    ----------
    paths
        Workbooks (.xlsx, .xlsm, .xls, .ods) or CSV files.
    kind
        ``nap``, ``srm`` or ``ogp``; default: detected per file.
    vocabulary
        Status words; default the packaged vocabulary.

    Returns
    -------
    Dataset
        Items, assessments, KPIs and the problems found (not raised: check
        ``dataset.problems`` or use :func:`ogpstats.validate.errors`).

    Raises
    ------
    UnusableInput
        A file that cannot be read at all; the message names it.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if kind is not None and kind not in KINDS:
        raise UnusableInput(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    vocabulary = vocabulary or StatusVocabulary.default()
    dataset = Dataset.concat([read_workbook(p, kind=kind, vocabulary=vocabulary) for p in paths])
    dataset.items["agencies"] = unify_agency_names(dataset.items["agencies"])
    return dataset


def unify_agency_names(agencies):
    """Spell agencies that differ only in case or spacing one way (the first seen)."""
    spelling: dict[str, str] = {}
    out = []
    for names in agencies:
        out.append([spelling.setdefault(normalize(n), n) for n in names])
    return out


__all__ = ["load_dataset", "read_workbook", "unify_agency_names", "UnusableInput", "KINDS"]
