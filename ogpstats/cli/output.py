"""Tables out: as text, CSV or JSON."""

from __future__ import annotations

import json
import math

import click
import pandas as pd


def to_records(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-safe dicts (NaN → null, numpy numbers → Python)."""
    out = []
    for row in df.to_dict(orient="records"):
        clean = {}
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
    """Print a frame as a table, CSV or JSON."""
    if fmt == "json":
        echo_json(to_records(df))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    else:
        click.echo(df.to_string(index=False, na_rep="—") if len(df) else "(no rows)")


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists (agencies) as ``"A; B"`` and dates as ``YYYY-MM-DD``, for table and CSV output."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype(object).where(out[col].notna(), None)
    return out


def show(df: pd.DataFrame, fmt: str) -> None:
    """Print an analytics table: lists and dates flattened except in JSON, nulls as a dash in a table."""
    if fmt == "table":
        df = flat(df)
        # Nulls of every kind (None, NaN, <NA>, NaT) print as the dash ``indicators`` uses.
        df = df.astype(object).where(df.notna(), "—")
    emit(df if fmt == "json" else flat(df), fmt)
