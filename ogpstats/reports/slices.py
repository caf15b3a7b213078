"""The data a report for one period may use, and a digest of it (the period's cache key).

A report for ``2017-H2`` shows the state at that date: the plan's items, the
assessments of rounds up to ``2017-H2``, the KPI actuals up to 2017 and the
problems found outside later rounds' sheets. :func:`upto` cuts a dataset to
that; :func:`digest` hashes the cut, so appending a round changes the key of
the new period and ``latest`` only, and editing an assessment of 2017-H2
changes the keys of the periods from 2017-H2 on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pandas as pd

from ..model import Dataset
from ..rounds import LATEST, rounds_upto


def _period_year(period: str) -> int | None:
    head = str(period)[:4]
    return int(head) if head.isdigit() else None


def _kpis_upto(kpis: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """KPI rows with actuals of later years blanked; a KPI left with no actual keeps one blank row."""
    if year is None or not len(kpis):
        return kpis
    later = kpis["year"].notna() & (pd.to_numeric(kpis["year"], errors="coerce") > year)
    if not later.any():
        return kpis
    k = kpis.copy()
    k.loc[later, ["year", "value"]] = None
    ident = ["plan", "roadmap", "kpi"]
    with_actual = pd.MultiIndex.from_frame(k.loc[k["year"].notna(), ident].astype(str))
    keys = pd.MultiIndex.from_frame(k[ident].astype(str))
    keep = k["year"].notna() | ~keys.isin(with_actual)
    return k[keep].drop_duplicates().reset_index(drop=True)


def upto(ds: Dataset, period: str | None) -> Dataset:
    """The part of ``ds`` a report for ``period`` depends on (``latest`` or ``None``: all of it).

    Parameters
    ----------
    ds
        Tidy tables of one or more files.
    period
        A round id (``2017-H2``, ``2017``, an OGP round) or ``latest``.

    Returns
    -------
    Dataset
        Every item; assessments of rounds at or before ``period``; KPI
        actuals of years up to its year; problems except those on the
        sheets of later rounds only.
    """
    if period in (None, LATEST) or not len(ds.assessments):
        return ds
    a = ds.assessments
    early = a["round"].isin(set(rounds_upto(ds.rounds, period)))
    if early.all():
        kept_a = a
        later_sheets: set[tuple[str, str]] = set()
    else:
        kept_a = a[early].reset_index(drop=True)
        sheets = {(str(f), str(s)) for f, s in zip(a.loc[~early, "file"], a.loc[~early, "sheet"])}
        later_sheets = sheets - {(str(f), str(s)) for f, s in zip(kept_a["file"], kept_a["sheet"])}
    problems = [p for p in ds.problems if (str(p.file), str(p.sheet)) not in later_sheets]
    # Everything else the dataset carries (translations, illustrative files, agency cells) stays as it is.
    return dataclasses.replace(ds, assessments=kept_a, kpis=_kpis_upto(ds.kpis, _period_year(str(period))),
                               problems=problems)


def _frame_digest(h, frame: pd.DataFrame) -> None:
    frame = frame.assign(file=frame["file"].map(lambda f: Path(str(f)).name)) if "file" in frame else frame
    # Object columns may hold lists (agencies): hashed by their repr, which is deterministic.
    frame = frame.assign(**{c: frame[c].map(repr) for c in frame.columns if frame[c].dtype == object})
    h.update(json.dumps(list(map(str, frame.columns))).encode())
    h.update(str(len(frame)).encode() + b"\0")
    if len(frame):
        h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())


def digest(ds: Dataset) -> str:
    """sha256 of a dataset's content: its tables (files by name only), problems, translations and illustrative
    files, row order included."""
    h = hashlib.sha256(b"ogpstats-slice-1\0")
    for frame in (ds.items, ds.assessments, ds.kpis):
        _frame_digest(h, frame)
    for p in ds.problems:
        h.update(json.dumps([p.code, p.severity, Path(str(p.file)).name, p.sheet, p.cell,
                             sorted((str(k), repr(v)) for k, v in dict(p.fields).items()), p.suggestion],
                            ensure_ascii=False).encode())
    # What a page shows besides the tables: the plan's text in other languages, the illustrative notice.
    h.update(json.dumps([ds.translations.rows(), sorted(Path(str(f)).name for f in ds.illustrative)],
                        ensure_ascii=False).encode())
    return h.hexdigest()


def period_digest(ds: Dataset, period: str, memo: dict[str, str] | None = None) -> str:
    """:func:`digest` of :func:`upto`, kept in ``memo`` (one per file's tables: every notebook and language
    of a period shares it).

    The memo belongs to the tables, not to the file's bytes: the same workbook read with another
    ``translations.csv`` beside it has other tables, and a memo by sha256 in the process gave them the
    digest of the first ones (a long-lived process, such as a notebook calling ``run_reports`` after the
    translations were edited, would then have kept a stale report).
    """
    if memo is None:
        return digest(upto(ds, period))
    if period not in memo:
        memo[period] = digest(upto(ds, period))
    return memo[period]
