"""KPI attainment of the Strategic Road Maps: is each target on track?"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from ..i18n import messages

KPI_STATUS_COLUMNS: tuple[str, ...] = (
    "roadmap", "kpi", "unit", "baseline_year", "baseline", "target_year", "target",
    "latest_year", "latest_value", "attainment", "expected", "progress_ratio", "status", "reason",
    "reason_code", "reason_fields",
)
KPI_STATUSES: tuple[str, ...] = ("on_track", "at_risk", "off_track", "no_data")
KPI_REASONS: tuple[str, ...] = (
    "kpi.no_baseline", "kpi.no_target", "kpi.target_equals_baseline", "kpi.no_years",
    "kpi.target_not_after_baseline", "kpi.no_actual", "kpi.no_actual_by", "kpi.no_actual_after_baseline",
)
"""Problem codes of a ``no_data`` KPI, in the order they are checked; texts: ``problem.<code>`` in the catalogue.

``kpi.no_actual_by`` has the field ``year`` (the ``as_of`` year); the others have none.
"""
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
        - ``reason_code``, ``reason_fields``: the same reason as data, a
          problem code of :data:`KPI_REASONS` and the fields its text needs
          (``{"year": 2019}`` for ``kpi.no_actual_by``, else ``{}``), so a
          report renders it in its own language from ``problem.<code>``;
          ``reason`` is its English text. Null when there is no reason.

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
    # The first reason that applies, in the order of KPI_REASONS.
    no_actual = "kpi.no_actual" if year_limit is None else "kpi.no_actual_by"
    conditions = [
        np.isnan(base), np.isnan(target), span == 0, np.isnan(by) | np.isnan(ty), path <= 0,
        np.isnan(value), ly <= by,
    ]
    codes = [c for c in KPI_REASONS if c not in ("kpi.no_actual", "kpi.no_actual_by")]
    codes.insert(5, no_actual)
    code = np.select(conditions, codes, default="")
    status = np.select([code != "", ratio >= on_track, ratio >= at_risk],
                       ["no_data", "on_track", "at_risk"], default="off_track")
    out["attainment"] = np.round(attainment, 6)
    out["expected"] = np.round(expected, 6)
    out["progress_ratio"] = np.round(np.where(code == "", ratio, np.nan), 6)
    out["status"] = status.astype(object)
    fields = {c: ({"year": year_limit} if c == "kpi.no_actual_by" else {}) for c in codes}
    english = messages("en")
    texts = {c: english(f"problem.{c}", **f) for c, f in fields.items()}
    for col, values in (("reason", texts), ("reason_code", {c: c for c in codes}), ("reason_fields", fields)):
        # An object column holding None where there is no reason (a plain list would give NaN).
        out[col] = pd.Series([copy.copy(values[c]) if c else None for c in code], index=out.index, dtype=object)
    for col in ("roadmap", "kpi", "unit"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    for col in ("baseline_year", "target_year", "latest_year"):
        out[col] = pd.to_numeric(out[col]).astype("Int64")
    return out[list(KPI_STATUS_COLUMNS)]
