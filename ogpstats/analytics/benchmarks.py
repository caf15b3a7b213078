"""OGP benchmarks: completion by country, region or action-plan end year, and one plan beside OGP."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..indicators import INDICATOR_COLUMNS, compute_indicators
from ..levels import items_scheme
from ..vocab import normalize

BENCHMARK_BY: tuple[str, ...] = ("country", "region", "year")
OGP_SCOPE = "OGP"
NO_REGION = "(no region)"
BENCHMARK_COLUMNS: tuple[str, ...] = ("scope", *INDICATOR_COLUMNS, "index_vs_ogp")


def _matches(values: pd.Series, text: str) -> pd.Series:
    """``values == text`` compared as :func:`~ogpstats.vocab.normalize` keys (one call per distinct value)."""
    key = normalize(text)
    same = [v for v in values.dropna().unique() if normalize(v) == key]
    return values.isin(same)


def _with_region(items: pd.DataFrame, regions: Mapping[str, str] | str | None) -> pd.DataFrame:
    """Items whose ``country`` is replaced by their region, to reuse the country grouping."""
    if isinstance(regions, str):
        if regions not in items.columns:
            raise ValueError(f"items have no column {regions!r} for the region")
        region = items[regions]
    elif regions is not None:
        # Match country names the way the rest of ogpstats compares text (case, Azerbaijani letters).
        lookup = {normalize(k): v for k, v in dict(regions).items()}
        countries = items["country"].dropna().unique()
        region = items["country"].map({c: lookup.get(normalize(c)) for c in countries})
    elif "region" in items.columns and items["region"].notna().any():
        region = items["region"]  # the export's own Region column
    else:
        raise ValueError("the items have no region: pass regions={country: region} or the name of a region column")
    region = region.astype(object).where(region.notna(), NO_REGION)
    return items.assign(country=region)


def ogp_benchmark(
    items: pd.DataFrame,
    assessments: pd.DataFrame,
    by: str = "country",
    focus: str | None = None,
    *,
    regions: Mapping[str, str] | str | None = None,
    round: str | None = None,
    scheme: str | None = None,
) -> pd.DataFrame:
    """Completion indicators across OGP members, and one country or plan beside them.

    Parameters
    ----------
    items, assessments
        Tidy tables of the OGP commitment export (items of kind ``ogp`` carry
        ``country`` and ``end_year``); other kinds are left out when OGP
        items are present.
    by
        ``country``, ``region`` or ``year`` (the action plan's end year).
    focus
        A country or a plan name (matched ignoring case and Azerbaijani
        letters typed as Latin ones) to set beside the OGP-wide figures.
    regions
        For ``by="region"``: a mapping ``{country: region}`` or the name of
        a column of ``items``; default an ``items["region"]`` column.
        Countries without a region go under ``(no region)``.
    round
        Default the latest round (OGP's ``end_of_term`` when present, so
        a commitment with only a progress-report assessment carries it).
    scheme
        Scheme of the implementation index; ``None`` (default): by the data's kind
        (:func:`ogpstats.levels.scheme_for`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`BENCHMARK_COLUMNS`: ``scope`` then the indicator
        columns of :func:`~ogpstats.indicators.compute_indicators`, then
        ``index_vs_ogp``.

        Without ``focus``: one row per group (scope ``"OGP"``) and a last
        row ``group="all"``, the OGP-wide figure; ``index_vs_ogp`` is each
        group's index minus the OGP-wide index.

        With ``focus``: pairs of rows, the focus (scope = the focus) and its
        comparison (scope ``"OGP"``): for ``country``, the focus against all
        OGP (``group`` = the focus name, then ``all``); for ``region``, the
        focus against each region it belongs to; for ``year``, the focus's
        plans against all OGP plans ending the same year. ``index_vs_ogp`` =
        focus index - comparison index, on the focus rows.

    Raises
    ------
    ValueError
        An unknown ``by``, no region information for ``by="region"``, or a
        ``focus`` that matches no country or plan.
    """
    if by not in BENCHMARK_BY:
        raise ValueError(f"unknown benchmark grouping {by!r}; expected one of {', '.join(BENCHMARK_BY)}")
    if (items["kind"] == "ogp").any():
        items = items[items["kind"] == "ogp"]
    scheme = items_scheme(items, scheme)
    # Match the focus on the real country, before ``by="region"`` puts the region in its place.
    if focus is not None:
        by_country, by_plan = _matches(items["country"], focus), _matches(items["plan"], focus)
        mask = by_country | by_plan
        if not mask.any():
            raise ValueError(f"no OGP commitments for {focus!r} (matched against country and plan names)")
        # Name the focus as the data spells it.
        focus = str((items.loc[by_country, "country"] if by_country.any() else items.loc[by_plan, "plan"]).iat[0])
    if by == "region":
        items = _with_region(items, regions)
    group_by = "year" if by == "year" else "country"

    def indicators(subset: pd.DataFrame, grouping: str | None) -> pd.DataFrame:
        return compute_indicators(subset, assessments, scheme=scheme, by=grouping, round=round)

    overall = indicators(items, None)
    if focus is None:
        groups = indicators(items, group_by)
        out = pd.concat([groups, overall], ignore_index=True).assign(scope=OGP_SCOPE)
        out["index_vs_ogp"] = (out["implementation_index"] - overall["implementation_index"].iat[0]).round(6)
        return out[list(BENCHMARK_COLUMNS)]

    mine = items[mask]
    if by == "country":
        focus_rows = indicators(mine, None).assign(group=focus)
        comparison = overall
    else:
        focus_rows = indicators(mine, group_by)
        everyone = indicators(items, group_by).set_index("group")
        comparison = everyone.loc[focus_rows["group"]].reset_index()
    focus_rows = focus_rows.assign(scope=focus)
    comparison = comparison.assign(scope=OGP_SCOPE)
    focus_rows["index_vs_ogp"] = (focus_rows["implementation_index"].to_numpy(dtype=float)
                                  - comparison["implementation_index"].to_numpy(dtype=float)).round(6)
    comparison["index_vs_ogp"] = np.nan
    # Interleave: focus row, its comparison, next focus row, …
    focus_rows["_pos"], comparison["_pos"] = np.arange(len(focus_rows)) * 2, np.arange(len(comparison)) * 2 + 1
    out = pd.concat([focus_rows, comparison], ignore_index=True).sort_values("_pos").drop(columns="_pos")
    return out[list(BENCHMARK_COLUMNS)].reset_index(drop=True)
