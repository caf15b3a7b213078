"""At the current pace, when will the plan be done? A straight-line trend of the index."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..indicators import index_over_rounds
from ..rounds import data_rounds
from ..vocab import ROUND_RE, Period, round_as_of
from ._common import parse_when, year_fraction

NOT_AT_CURRENT_PACE = "not at the current pace"
NO_TREND = "no trend: fewer than two dated rounds with an index"
HORIZON_YEARS = 100
"""A pace that needs more than this many years after the last round counts as never."""
FORECAST_COLUMNS: tuple[str, ...] = ("round", "as_of", "t", "implementation_index", "trend")


@dataclass
class Forecast:
    """The implementation index per round and its straight-line trend.

    Attributes
    ----------
    by_round : pandas.DataFrame
        :data:`FORECAST_COLUMNS`: round, as-of date, ``t`` (the as-of date in
        decimal years, end of day: 2016-12-31 → 2017.0), the index and the
        fitted trend at that round.
    slope_per_year : float or None
        Index points per year (least squares over the dated rounds with an
        index); ``None`` with fewer than two such rounds.
    intercept : float or None
        Trend value at ``t = 0`` (so trend = intercept + slope × t); not
        rounded, and not meaningful on its own.
    plan_end : pandas.Timestamp or None
    projected_index : float or None
        Trend at ``plan_end``, clipped to 0..100.
    reach_100_round : str or None
        The first round (same kind as the data's: year, half or quarter)
        whose as-of date is at or after the trend reaches 100 (never before
        the round after the last one); the first round with index 100 if
        that has already happened; ``None`` when the
        trend is flat or falling, or needs more than :data:`HORIZON_YEARS`.
    message : str
        ``"reaches 100 by 2020"``, ``"not at the current pace"``, or
        :data:`NO_TREND` with fewer than two dated rounds.
    """

    scheme: str
    by_round: pd.DataFrame = field(repr=False)
    slope_per_year: float | None
    intercept: float | None
    plan_end: pd.Timestamp | None
    projected_index: float | None
    reach_100_round: str | None
    reach_100_date: pd.Timestamp | None
    message: str

    def to_dict(self) -> dict:
        """JSON-ready summary and the per-round series."""
        rows = self.by_round.assign(as_of=self.by_round["as_of"].dt.strftime("%Y-%m-%d"))
        return {
            "scheme": self.scheme,
            "slope_per_year": self.slope_per_year,
            "plan_end": None if self.plan_end is None else self.plan_end.date().isoformat(),
            "projected_index": self.projected_index,
            "reach_100_round": self.reach_100_round,
            "reach_100_date": None if self.reach_100_date is None else self.reach_100_date.date().isoformat(),
            "message": self.message,
            "by_round": [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
                         for r in rows.to_dict(orient="records")],
        }


def _date_of(t: float) -> pd.Timestamp:
    """Inverse of :func:`year_fraction`: the day whose end is at or after ``t``."""
    year = math.floor(t - 1e-12)
    days = 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
    day = max(1, math.ceil((t - year) * days - 1e-9))
    return pd.Timestamp(dt.date(year, 1, 1)) + pd.Timedelta(days=day - 1)


def _round_on_or_after(date: pd.Timestamp, like: str) -> str:
    """The round of the same kind as ``like`` (year, half, quarter) whose period holds ``date``."""
    m = ROUND_RE.match(like)
    part = m.group(2) if m else None
    if part and part[0] == "Q":
        return Period(date.year, quarter=(date.month - 1) // 3 + 1).round_id
    if part and part[0] == "H":
        return Period(date.year, half=1 if date.month <= 6 else 2).round_id
    return Period(date.year).round_id


def forecast(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    scheme: str = "irm",
    plan_end=None,
) -> Forecast:
    """Implementation index per round, its linear trend, and when it reaches 100.

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    scheme
        Scheme of the implementation index.
    plan_end
        The plan's end: a date, a year (its 31 December) or a round id (its
        as-of date). Default: the latest deadline end of the items.

    Returns
    -------
    Forecast
        The index at every round (carried forward, as
        :func:`~ogpstats.indicators.index_over_rounds`), the least-squares
        line ``index = intercept + slope_per_year × t`` over the dated rounds
        (``t`` in decimal years), the trend at ``plan_end`` clipped to
        0..100, and the round at which the trend reaches 100, or ``None`` —
        "not at the current pace" — when it never does.

    Examples
    --------
    Yearly rounds 2016, 2017, 2018 with index 20, 40, 60 (t = 2017, 2018,
    2019): slope 20 a year; 100 at t = 2021, the end of 2020 → ``"2020"``.
    """
    rounds = data_rounds(assessments)
    series = index_over_rounds(items, assessments, scheme=scheme, rounds=rounds)
    as_of = pd.to_datetime(pd.Series([round_as_of(r) for r in rounds], dtype=object))
    frame = pd.DataFrame({
        "round": pd.Series(rounds, dtype=object),
        "as_of": as_of.to_numpy(),
        "implementation_index": series["implementation_index"].to_numpy(dtype=float) if len(series) else [],
    })
    frame["t"] = year_fraction(frame["as_of"]) if len(frame) else []
    fit = frame[frame["as_of"].notna() & frame["implementation_index"].notna()]
    slope = intercept = None
    if len(fit) >= 2 and fit["t"].nunique() >= 2:
        t0 = float(fit["t"].mean())  # centred, so the fit is well conditioned at t ~ 2000
        slope, level = (float(v) for v in np.polyfit(fit["t"] - t0, fit["implementation_index"], 1))
        slope = slope + 0.0  # no -0.0
        intercept = level - slope * t0
    frame["trend"] = (intercept + slope * frame["t"]).round(6) if slope is not None else np.nan
    end = parse_when(plan_end)
    if end is None:
        deadlines = items.loc[~items["ongoing"].astype(bool), "deadline_end"].dropna()
        end = deadlines.max() if len(deadlines) else None
    projected = None
    if slope is not None and intercept is not None and end is not None:
        projected = round(min(100.0, max(0.0, intercept + slope * float(year_fraction([end])[0]))), 6)
    reach_round = reach_date = None
    done = fit[fit["implementation_index"] >= 100]
    if len(done):
        reach_round, reach_date = done["round"].iloc[0], done["as_of"].iloc[0]
    elif slope is not None and intercept is not None and slope > 0:
        t100 = (100.0 - intercept) / slope
        last_t = float(fit["t"].max())
        if t100 <= last_t + HORIZON_YEARS:
            # A line fitted to a slowing series can pass 100 before the last round while the
            # index has not: then the earliest it can happen is the next round.
            reach_date = _date_of(t100) if t100 > last_t else fit["as_of"].max() + pd.Timedelta(days=1)
            reach_round = _round_on_or_after(reach_date, fit["round"].iloc[-1])
    if reach_round:
        message = f"reaches 100 by {reach_round}"
    elif slope is None:
        message = NO_TREND
    else:
        message = NOT_AT_CURRENT_PACE
    return Forecast(
        scheme=scheme,
        by_round=frame[list(FORECAST_COLUMNS)].assign(t=frame["t"].round(6)),
        slope_per_year=None if slope is None else round(slope, 6),
        intercept=intercept,
        plan_end=end,
        projected_index=projected,
        reach_100_round=reach_round,
        reach_100_date=reach_date,
        message=message,
    )
