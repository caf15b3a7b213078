"""Helpers shared by the analytics modules (not public API)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..rounds import data_rounds, latest_round
from ..vocab import parse_round, round_as_of

KEY = ["plan", "item_id"]


def resolve_round(assessments: pd.DataFrame, round: str | None) -> str:
    """The round to report on: ``round`` or the latest in the data; refuses no data."""
    if round is None:
        round = latest_round(assessments)
        if round is None:
            raise ValueError("no assessments: there is no round to report on")
    return round


def require_as_of(round: str) -> pd.Timestamp:
    """The as-of date of a dated round; OGP's rounds have none."""
    as_of = round_as_of(round)
    if as_of is None:
        raise ValueError(f"round {round!r} has no as-of date (use a round such as 2017, 2017-H1, 2017-Q3)")
    return pd.Timestamp(as_of)


def check_round_in_data(assessments: pd.DataFrame, round: str, what: str = "round") -> None:
    """Refuse a round the data does not have, listing the ones it does."""
    rounds = data_rounds(assessments)
    if round not in rounds:
        shown = ", ".join(rounds) if rounds else "none"
        raise ValueError(f"{what} {round!r} is not in the data (rounds: {shown})")


def year_fraction(dates) -> np.ndarray:
    """Dates as decimal years at the *end* of the day: 2016-12-31 → 2017.0.

    Yearly rounds are then exactly one apart, and a half-year round ends at
    ``year + 181/365`` (or 182/366).
    """
    d = pd.DatetimeIndex(pd.to_datetime(dates))
    days_in_year = np.where(d.is_leap_year, 366.0, 365.0)
    return (d.year + d.day_of_year / days_in_year).to_numpy(dtype=float)


def parse_when(value) -> pd.Timestamp | None:
    """A date from a round id (its as-of date), a year, an ISO date, or a date object."""
    if value is None:
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value)
    if isinstance(value, (int, np.integer)):
        return pd.Timestamp(dt.date(int(value), 12, 31))
    text = str(value).strip()
    rid = parse_round(text)
    if rid is not None and round_as_of(rid) is not None and len(text) <= 8:
        return pd.Timestamp(round_as_of(rid))
    try:
        return pd.Timestamp(text)
    except (ValueError, TypeError):
        raise ValueError(f"{value!r} is not a date or round (use e.g. 2018-12-31, 2018, 2018-H2)") from None


