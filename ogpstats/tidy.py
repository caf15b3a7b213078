"""The tidy tables as files: ``items.csv``, ``assessments.csv``, ``kpis.csv`` (and Parquet).

:func:`write_tidy` writes a :class:`~ogpstats.model.Dataset`'s three tables
in the columns of :mod:`ogpstats.model` (documented in ``docs/data_model.md``)
so that Excel, R or another pandas session can use them without ogpstats;
:func:`read_tidy` reads such a folder back into a ``Dataset``.

The CSVs are UTF-8 with a byte-order mark (Excel then shows Azerbaijani
letters right), dates are ISO ``YYYY-MM-DD``, lists (an item's agencies) are
joined with ``"; "`` and a missing value is an empty cell. When pyarrow is
installed, ``items.parquet`` … are written beside them with the native types
(agencies as a list). Every file is written to a temporary name in the same
folder and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .model import (
    ASSESSMENT_COLUMNS,
    ITEM_COLUMNS,
    KPI_COLUMNS,
    Dataset,
    make_assessments,
    make_items,
    make_kpis,
)

TABLES: tuple[str, ...] = ("items", "assessments", "kpis")
"""The tables written, in order; each as ``<name>.csv`` (and ``<name>.parquet``)."""

LIST_SEPARATOR = "; "
"""Joins the agencies of an item in a CSV cell (agency names never contain ';')."""

CSV_ENCODING = "utf-8-sig"

_COLUMNS = {"items": ITEM_COLUMNS, "assessments": ASSESSMENT_COLUMNS, "kpis": KPI_COLUMNS}
_DATE_COLUMNS = {"items": ("start", "deadline_end"), "assessments": ("as_of",), "kpis": ()}
_MAKERS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "items": make_items, "assessments": make_assessments, "kpis": make_kpis}


def parquet_available() -> bool:
    """Whether pyarrow can be imported (Parquet copies are written only then)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _csv_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        # lineterminator "\r\n" is what Excel writes; index=False keeps only the documented columns.
        frame.to_csv(path, index=False, encoding=CSV_ENCODING, lineterminator="\r\n")
    return write


def _parquet_writer(frame: pd.DataFrame) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        frame.to_parquet(path, index=False)
    return write


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp path)`` and rename the result onto ``path`` (same folder, so the rename is atomic)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _for_csv(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The table as CSV cells: ISO dates, agencies joined, levels as plain text."""
    out = frame.reindex(columns=list(_COLUMNS[name])).copy()
    for col in _DATE_COLUMNS[name]:
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    if name == "items":
        out["agencies"] = [LIST_SEPARATOR.join(a) if isinstance(a, list) else "" for a in out["agencies"]]
    if name == "assessments":
        out["level"] = out["level"].astype(object)
    return out


def write_tidy(dataset: Dataset, out_dir: str | Path, *, parquet: bool | None = None) -> list[Path]:
    """Write the dataset's items, assessments and KPIs as CSV (and Parquet) files.

    Parameters
    ----------
    dataset
        The tables to write (:mod:`ogpstats.model` columns).
    out_dir
        Folder, created if missing; existing files of the same names are replaced.
    parquet
        Also write ``<table>.parquet``; default: when pyarrow is importable.

    Returns
    -------
    list of pathlib.Path
        The files written: ``items.csv``, ``assessments.csv``, ``kpis.csv``,
        then the Parquet files in the same order when written.

    Raises
    ------
    ImportError
        ``parquet=True`` without pyarrow.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if parquet is None:
        parquet = parquet_available()
    frames = {"items": dataset.items, "assessments": dataset.assessments, "kpis": dataset.kpis}
    written = []
    for name in TABLES:
        cells = _for_csv(name, frames[name])
        written.append(_atomic(out / f"{name}.csv", _csv_writer(cells)))
    if parquet:
        for name in TABLES:
            frame = frames[name].reindex(columns=list(_COLUMNS[name])).reset_index(drop=True)
            written.append(_atomic(out / f"{name}.parquet", _parquet_writer(frame)))
    return written


def _from_csv(name: str, path: Path) -> pd.DataFrame:
    """One CSV back into a table with the model's dtypes (every cell read as text first)."""
    # Text first: "1.10" must not become 1.1, and a country called "NA" must not become null.
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=CSV_ENCODING)
    missing = [c for c in _COLUMNS[name] if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    frame = raw.astype(object).where(raw != "", None)
    if name == "items":
        frame["agencies"] = [[] if not a else [s.strip() for s in a.split(LIST_SEPARATOR.strip()) if s.strip()]
                             for a in frame["agencies"]]
        frame["ongoing"] = frame["ongoing"].map({"True": True, "False": False, None: False})
    return _MAKERS[name](frame)


def read_tidy(in_dir: str | Path) -> Dataset:
    """Read ``items.csv``, ``assessments.csv`` and ``kpis.csv`` written by :func:`write_tidy`.

    Parameters
    ----------
    in_dir
        The folder; ``kpis.csv`` may be missing (no KPIs).

    Returns
    -------
    Dataset
        The three tables with the model's dtypes and no problems.

    Raises
    ------
    FileNotFoundError
        No ``items.csv`` or ``assessments.csv``.
    ValueError
        A file without one of the documented columns.
    """
    folder = Path(in_dir)
    tables = {}
    for name in TABLES:
        path = folder / f"{name}.csv"
        if name == "kpis" and not path.exists():
            tables[name] = make_kpis([])
            continue
        tables[name] = _from_csv(name, path)
    return Dataset(tables["items"], tables["assessments"], tables["kpis"])
