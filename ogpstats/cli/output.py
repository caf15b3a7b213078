"""Tables out: as text (readable numbers and road map titles), CSV or JSON (exact values)."""

from __future__ import annotations

import json
import math

import click
import pandas as pd

from ..io.roadmaps import ROADMAPS
from ..text_safety import for_csv, visible


def to_records(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-safe dicts (NaN → null, numpy numbers → Python)."""
    out = []
    for row in df.to_dict(orient="records"):
        clean: dict = {}
        for key, value in row.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
                clean[key] = None
            elif hasattr(value, "item"):
                clean[key] = value.item()
            elif isinstance(value, pd.Timestamp):
                clean[key] = value.date().isoformat()
            else:
                clean[key] = value
        out.append(clean)
    return out


def echo_json(data) -> None:
    """Print ``data`` as indented JSON, non-ASCII letters as they are."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def emit(df: pd.DataFrame, fmt: str) -> None:
    """Print a frame as a table, CSV or JSON.

    User text is data (:mod:`ogpstats.text_safety`): in CSV a text cell a
    spreadsheet would run as a formula (``=1+1 Nazirliyi``, ``@Komitə``) gets
    a leading ``'``, as in the report's tables, while numbers (``-2.5``) stay
    numbers; in a table control characters are shown (``␁``), never sent to
    the terminal. JSON holds the values as they are.
    """
    if fmt == "json":
        echo_json(to_records(df))
    elif fmt == "csv":
        click.echo(text_cells(df, for_csv).to_csv(index=False), nl=False)
    else:
        click.echo(text_cells(df, visible).to_string(index=False, na_rep="—") if len(df) else "(no rows)")


def text_cells(df: pd.DataFrame, safe) -> pd.DataFrame:
    """``df`` with ``safe`` applied to every text cell (``str`` values of object or string columns);
    numbers untouched."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: safe(v) if isinstance(v, str) else v).astype(object)
    return out


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists (agencies) as ``"A; B"`` and dates as ``YYYY-MM-DD``, for table and CSV output."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype(object).where(out[col].notna(), None)
    return out


PERCENT_COLUMNS: frozenset[str] = frozenset({
    "high_completion_rate", "completion_rate", "on_time_rate", "expected_share", "score", "attainment", "expected"})
"""Fractions 0-1 (rates, shares, scores): a table shows them as percents with one decimal, ``45.0%``."""

POINT_COLUMNS: frozenset[str] = frozenset({"implementation_index", "mean_percent", "gap", "index_vs_ogp", "trend"})
"""Values on the 0-100 scale of the index (and differences of them): one decimal, ``68.3``."""


def _percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def _points(value: float) -> str:
    return f"{value:.1f}"


def _number(value: float) -> str:
    """Any other number: at most three decimals, no trailing zeros (``1650``, ``2.2``, ``0.724``)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def roadmap_title(key) -> str:
    """A road map key as its English title (``tourism`` → ``Specialised tourism industry``); others unchanged.

    A ``--by priority`` group ``tourism/1.2`` becomes ``Specialised tourism industry / 1.2``.
    """
    text = str(key)
    roadmap, sep, priority = text.partition("/")
    if roadmap not in ROADMAPS:
        return text
    title = ROADMAPS[roadmap][1]
    return f"{title} / {priority}" if sep else title


def readable(df: pd.DataFrame, by: str | None = None, percents: tuple[str, ...] = ()) -> pd.DataFrame:
    """The frame as a person reads it: rates as percents, index points with one decimal, road map titles.

    Parameters
    ----------
    df
        A table of the package (indicators, analytics); not modified.
    by
        The grouping of its ``group`` column: ``roadmap`` and ``priority``
        groups are shown by the road map's title.
    percents
        Further columns that hold fractions 0-1 in this table (a ``gap``
        between a score and a share, rather than between index points).

    Returns
    -------
    pandas.DataFrame
        Number columns as text (nulls stay null), road map keys as titles.
    """
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_float_dtype(out[col]):
            continue
        fmt = _percent if col in PERCENT_COLUMNS or col in percents else _points if col in POINT_COLUMNS else _number
        out[col] = pd.Series([None if pd.isna(v) else fmt(v) for v in out[col]], index=out.index, dtype=object)
    titled = ["roadmap"] + (["group"] if by in ("roadmap", "priority") else [])
    for col in (c for c in titled if c in out.columns):
        out[col] = out[col].map(lambda v: v if v is None or (isinstance(v, float) and math.isnan(v))
                                else roadmap_title(v))
    return out


def show(df: pd.DataFrame, fmt: str, *, by: str | None = None, percents: tuple[str, ...] = ()) -> None:
    """Print a table of the package; CSV and JSON keep the exact values and keys.

    As a table: lists and dates flattened, numbers and road maps made
    readable (:func:`readable`), nulls as a dash. CSV: lists and dates
    flattened. JSON: as computed.
    """
    if fmt == "table":
        df = readable(flat(df), by=by, percents=percents)
        # Nulls of every kind (None, NaN, <NA>, NaT) print as a dash.
        df = df.astype(object).where(df.notna(), "—")
    emit(df if fmt == "json" else flat(df), fmt)
