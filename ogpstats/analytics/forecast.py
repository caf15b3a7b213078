"""At the current pace, when will the plan be done? A straight-line trend of the index."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..indicators import index_over_rounds
from ..levels import items_scheme
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
        The index at ``plan_end``: the index of :attr:`plan_end_round` when
        there is one (the plan has ended within the data), else the trend
        at ``plan_end`` clipped to 0..100; ``None`` without either.
    reach_100_round : str or None
        The first round (same kind as the data's: year, half or quarter)
        whose as-of date is at or after the trend reaches 100 (never before
        the round after the last one); the first round with index 100 if
        that has already happened; ``None`` when the
        trend is flat or falling, or needs more than :data:`HORIZON_YEARS`.
    message : str
        ``"reaches 100 by 2020"``, ``"not at the current pace"``, or
        :data:`NO_TREND` with fewer than two dated rounds.
    plan_end_round : str or None
        The monitoring round in force at ``plan_end`` (the last on or before
        it) when the data has a round on or after ``plan_end``: the plan has
        ended, and ``projected_index`` is that round's index, not a
        projection. ``None`` when the plan's end is still ahead of the data.
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
    plan_end_round: str | None = None

    @property
    def ended(self) -> bool:
        """True when the plan's end is within the data: :attr:`projected_index` was reached, not projected."""
        return self.plan_end_round is not None

    def to_dict(self) -> dict:
        """JSON-ready summary and the per-round series."""
        rows = self.by_round.assign(as_of=self.by_round["as_of"].dt.strftime("%Y-%m-%d"))
        return {
            "scheme": self.scheme,
            "slope_per_year": self.slope_per_year,
            "plan_end": None if self.plan_end is None else self.plan_end.date().isoformat(),
            "projected_index": self.projected_index,
            "plan_end_round": self.plan_end_round,
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


def _fit(fit: pd.DataFrame) -> tuple[float | None, float | None]:
    """Least-squares slope (points a year) and intercept of the index over ``t``; ``None`` with fewer than two
    distinct dated rounds."""
    if len(fit) < 2 or fit["t"].nunique() < 2:
        return None, None
    t0 = float(fit["t"].mean())  # centred, so the fit is well conditioned at t ~ 2000
    slope, level = (float(v) for v in np.polyfit(fit["t"] - t0, fit["implementation_index"], 1))
    slope = slope + 0.0  # no -0.0
    return slope, level - slope * t0


def _plan_end(items: pd.DataFrame, plan_end) -> pd.Timestamp | None:
    """``plan_end`` as a date, or the latest deadline end of the items (ongoing ones left out)."""
    end = parse_when(plan_end)
    if end is None:
        deadlines = items.loc[~items["ongoing"].astype(bool), "deadline_end"].dropna()
        end = deadlines.max() if len(deadlines) else None
    return end


def _round_at_end(fit: pd.DataFrame, end: pd.Timestamp | None) -> str | None:
    """The monitoring round whose index holds at the plan's end, when the data already reaches it.

    That is the last dated round on or before ``end`` (a day between two rounds carries the earlier one
    forward, as every figure does), provided some round is on or after ``end``; ``None`` when the plan's end
    is after the last round (the figure there is the trend's) or before the first.
    """
    if end is None or not len(fit) or fit["as_of"].max() < end:
        return None
    before = fit[fit["as_of"] <= end]
    return str(before["round"].iloc[-1]) if len(before) else None


def _reach_100(fit: pd.DataFrame, slope: float | None, intercept: float | None):
    """The round and date at which the index reaches 100 (observed, or on the trend line), or ``(None, None)``."""
    done = fit[fit["implementation_index"] >= 100]
    if len(done):
        return done["round"].iloc[0], done["as_of"].iloc[0]
    if slope is None or intercept is None or slope <= 0:
        return None, None
    t100 = (100.0 - intercept) / slope
    last_t = float(fit["t"].max())
    if t100 > last_t + HORIZON_YEARS:
        return None, None
    # A line fitted to a slowing series can pass 100 before the last round while the
    # index has not: then the earliest it can happen is the next round.
    reach_date = _date_of(t100) if t100 > last_t else fit["as_of"].max() + pd.Timedelta(days=1)
    return _round_on_or_after(reach_date, fit["round"].iloc[-1]), reach_date


def forecast(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    scheme: str | None = None,
    plan_end=None,
    *,
    series: pd.DataFrame | None = None,
) -> Forecast:
    """Implementation index per round, its linear trend, the index at the plan's end, and when it reaches 100.

    Parameters
    ----------
    items, assessments
        Tidy tables (:mod:`ogpstats.model`).
    scheme
        Scheme of the implementation index; ``None`` (default): by the data's
        kind (:func:`ogpstats.levels.scheme_for`: CAERC for road maps, IRM
        for the NAP and OGP), as the command line and the reports.
    plan_end
        The plan's end: a date, a year (its 31 December) or a round id (its
        as-of date). Default: the latest deadline end of the items.
    series
        :func:`~ogpstats.indicators.index_over_rounds` of these tables and
        scheme, when the caller has it already (a report draws it too); its
        rounds must be the assessments' rounds, else ``ValueError``.

    Returns
    -------
    Forecast
        The index at every round (carried forward, as
        :func:`~ogpstats.indicators.index_over_rounds`), the least-squares
        line ``index = intercept + slope_per_year × t`` over the dated rounds
        (``t`` in decimal years), the index at ``plan_end``, and the round at
        which the trend reaches 100, or ``None`` — "not at the current pace" —
        when it never does.

        The index at the plan's end is one figure wherever it is shown: when
        the data already has a round on or after the plan's end, it is the
        index of the round in force then (:attr:`Forecast.plan_end_round`,
        the last round on or before the plan's end) — what was reached, not
        the line; otherwise the line at ``plan_end``, clipped to 0..100.

    Examples
    --------
    Yearly rounds 2016, 2017, 2018 with index 20, 40, 60 (t = 2017, 2018,
    2019): slope 20 a year; 100 at t = 2021, the end of 2020 → ``"2020"``.
    A plan that ended 2017-06-30 has index 20 at its end (round 2016
    carried forward to that day), not the line's 30.
    """
    scheme = items_scheme(items, scheme)
    rounds = data_rounds(assessments)
    if series is None:
        series = index_over_rounds(items, assessments, scheme=scheme, rounds=rounds)
    elif list(series["round"]) != rounds or set(series["scheme"]) - {scheme}:
        raise ValueError("series is not index_over_rounds of these assessments and scheme")
    as_of = pd.to_datetime(pd.Series([round_as_of(r) for r in rounds], dtype=object))
    frame = pd.DataFrame({
        "round": pd.Series(rounds, dtype=object),
        "as_of": as_of.to_numpy(),
        "implementation_index": series["implementation_index"].to_numpy(dtype=float) if len(series) else [],
    })
    frame["t"] = year_fraction(frame["as_of"]) if len(frame) else []
    fit = frame[frame["as_of"].notna() & frame["implementation_index"].notna()]
    slope, intercept = _fit(fit)
    frame["trend"] = (intercept + slope * frame["t"]).round(6) if slope is not None else np.nan
    end = _plan_end(items, plan_end)
    end_round = _round_at_end(fit, end)
    projected = None
    if end_round is not None:
        projected = round(float(fit.loc[fit["round"] == end_round, "implementation_index"].iloc[0]), 6)
    elif slope is not None and intercept is not None and end is not None:
        projected = round(min(100.0, max(0.0, intercept + slope * float(year_fraction([end])[0]))), 6)
    reach_round, reach_date = _reach_100(fit, slope, intercept)
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
        plan_end_round=end_round,
    )
