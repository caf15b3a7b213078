"""KPI attainment of the Strategic Road Maps: is each target on track?"""

from __future__ import annotations

import numpy as np
import pandas as pd

KPI_STATUS_COLUMNS: tuple[str, ...] = (
    "roadmap", "kpi", "unit", "baseline_year", "baseline", "target_year", "target",
    "latest_year", "latest_value", "attainment", "expected", "progress_ratio", "status", "reason",
)
KPI_STATUSES: tuple[str, ...] = ("on_track", "at_risk", "off_track", "no_data")
_KPI_KEY = ["plan", "roadmap", "kpi"]


def _year(as_of) -> int | None:
    if as_of is None:
        return None
    if hasattr(as_of, "year"):
        return int(as_of.year)
    text = str(as_of).strip()
    if not text[:4].isdigit():
        raise ValueError(f"as_of {as_of!r} is not a year")
    return int(text[:4])


def kpi_status(
    kpis: pd.DataFrame,
    as_of: int | str | None = None,
    on_track: float = 0.9,
    at_risk: float = 0.5,
) -> pd.DataFrame:
    """Attainment of each KPI against a straight path from baseline to target.

    Parameters
    ----------
    kpis
        The KPI table in long form (:data:`ogpstats.model.KPI_COLUMNS`): one
        row per KPI and year of actual value.
    as_of
        A year (``2020``, ``"2020"``, a date or a round id such as
        ``"2020-H2"``, whose year is used). Actual values of later years are
        ignored. Default: no limit, i.e. the last year with data.
    on_track, at_risk
        Thresholds on ``progress_ratio``: ``on_track`` when the ratio is at
        least ``on_track``, ``at_risk`` when at least ``at_risk``, else
        ``off_track``.

    Returns
    -------
    pandas.DataFrame
        One row per KPI (in input order), columns :data:`KPI_STATUS_COLUMNS`:

        - ``latest_year``, ``latest_value``: the last actual in a year <= as_of;
        - ``attainment`` = (latest_value - baseline) / (target - baseline), so a
          falling target (import dependency 40 % -> 25 %) works the same way;
        - ``expected`` = (latest_year - baseline_year) / (target_year -
          baseline_year), capped at 1 (past the target year the whole way is
          expected);
        - ``progress_ratio`` = attainment / expected;
        - ``status``: ``on_track`` | ``at_risk`` | ``off_track``, or
          ``no_data`` with a ``reason`` when the ratio cannot be computed (no
          actual yet, no actual after the baseline year, target equal to
          baseline, a missing baseline or target, target year not after the
          baseline year). ``reason`` is null otherwise.

        Numbers are rounded to 6 decimals; nothing is divided by zero.

    Examples
    --------
    >>> from ogpstats.model import make_kpis
    >>> k = make_kpis([dict(plan="SRM", roadmap="national_economy", kpi="Import dependency", unit="%",
    ...                     baseline_year=2016, baseline=40, target_year=2025, target=25,
    ...                     year=2021, value=33)])
    >>> row = kpi_status(k).iloc[0]
    >>> print(row["attainment"], row["expected"], row["progress_ratio"], row["status"])
    0.466667 0.555556 0.84 at_risk
    """
    if not at_risk <= on_track:
        raise ValueError(f"at_risk ({at_risk}) must not exceed on_track ({on_track})")
    year_limit = _year(as_of)
    k = kpis.reset_index(drop=True)
    # The KPI's attributes: its first row (input order kept).
    attrs = k.drop_duplicates(_KPI_KEY)[_KPI_KEY + ["unit", "baseline_year", "baseline", "target_year", "target"]]
    actual = k[k["year"].notna() & k["value"].notna()]
    if year_limit is not None:
        actual = actual[actual["year"] <= year_limit]
    latest = (actual.sort_values("year", kind="stable").drop_duplicates(_KPI_KEY, keep="last")
              [_KPI_KEY + ["year", "value"]].rename(columns={"year": "latest_year", "value": "latest_value"}))
    out = attrs.merge(latest, on=_KPI_KEY, how="left").reset_index(drop=True)

    def num(col: str) -> np.ndarray:
        return pd.to_numeric(out[col]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)

    base, target, value = num("baseline"), num("target"), num("latest_value")
    by, ty, ly = num("baseline_year"), num("target_year"), num("latest_year")
    span, path = target - base, ty - by
    with np.errstate(divide="ignore", invalid="ignore"):
        attainment = np.where(span != 0, (value - base) / span, np.nan)
        expected = np.where(path > 0, np.minimum((ly - by) / path, 1.0), np.nan)
        ratio = np.where(expected > 0, attainment / expected, np.nan)
    # The first reason that applies, in this order.
    conditions = [
        np.isnan(base), np.isnan(target), span == 0, np.isnan(by) | np.isnan(ty), path <= 0,
        np.isnan(value), ly <= by,
    ]
    reasons = [
        "no baseline value", "no target value", "target equals baseline",
        "no baseline or target year", "target year is not after the baseline year",
        "no actual value yet" if year_limit is None else f"no actual value in a year <= {year_limit}",
        "no actual value after the baseline year",
    ]
    reason = np.select(conditions, reasons, default="")
    status = np.select([reason != "", ratio >= on_track, ratio >= at_risk],
                       ["no_data", "on_track", "at_risk"], default="off_track")
    out["attainment"] = np.round(attainment, 6)
    out["expected"] = np.round(expected, 6)
    out["progress_ratio"] = np.round(np.where(reason == "", ratio, np.nan), 6)
    out["status"] = status.astype(object)
    out["reason"] = pd.Series(reason, dtype=object).where(reason != "", None)
    for col in ("roadmap", "kpi", "unit"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    for col in ("baseline_year", "target_year", "latest_year"):
        out[col] = pd.to_numeric(out[col]).astype("Int64")
    return out[list(KPI_STATUS_COLUMNS)]
