"""Command-line access to :mod:`ogpstats.analytics`: ``kpis``, ``changes``, ``forecast``,
``scorecard``, ``schedule`` and ``benchmark``.

:func:`register` adds the commands to the ``ogpstats`` click group
(``ogpstats.cli`` calls it). The commands follow ``ogpstats indicators``:
files loaded with :func:`ogpstats.io.load_dataset`, ``--format
table|csv|json``, one-line errors, exit codes 0 ok, 1 data errors, 2
unusable input or usage.
"""

from __future__ import annotations

import csv
import json

import click
import pandas as pd

from . import analytics
from .indicators import GROUP_FIELDS, latest_round
from .levels import SCHEME_NAMES
from .vocab import round_sort_key

COMMANDS: tuple[str, ...] = ("kpis", "changes", "forecast", "scorecard", "schedule", "benchmark")


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists (agencies) as ``"A; B"`` and dates as ``YYYY-MM-DD``, for table and CSV output."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype(object).where(out[col].notna(), None)
    return out


def _read_regions(path) -> dict[str, str]:
    """A ``country,region`` CSV as a mapping."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"country", "region"} <= {f.strip().lower() for f in reader.fieldnames}:
            raise ValueError(f"{path}: expected the columns country,region")
        names = {f.strip().lower(): f for f in reader.fieldnames}
        return {row[names["country"]].strip(): row[names["region"]].strip() for row in reader
                if row.get(names["country"])}


def register(group: click.Group) -> None:
    """Add the analytics commands to ``group`` (the ``ogpstats`` command)."""
    # Imported here, not at module level: ogpstats.cli imports this module at its end.
    from .cli import (
        EXIT_UNUSABLE, emit, fail, format_option, handle_errors, kind_option, load, paths_argument, round_option,
        vocab_option,
    )

    def usage(exc: Exception) -> None:
        fail(str(exc), EXIT_UNUSABLE)

    def show(df: pd.DataFrame, fmt: str) -> None:
        if fmt == "table":
            df = _flat(df)
            # Nulls of every kind (None, NaN, <NA>, NaT) print as the dash ``indicators`` uses.
            df = df.astype(object).where(df.notna(), "—")
        emit(df if fmt == "json" else _flat(df), fmt)

    scheme_option = click.option("--scheme", type=click.Choice(SCHEME_NAMES), default="irm", show_default=True,
                                 help="irm: 0, 1/3, 2/3, 1; caerc: 0, 0.5, 0.5, 1; percent: mean percent.")
    round_opt = click.option("--round", "round_", callback=round_option,
                             help="Round (default: the latest in the data).")

    @group.command()
    @paths_argument
    @kind_option
    @click.option("--as-of", "as_of", type=click.IntRange(1900, 2200), default=None,
                  help="Use actual values up to this year (default: the last year with data).")
    @click.option("--on-track", type=click.FloatRange(0), default=0.9, show_default=True,
                  help="progress_ratio at or above this is on_track.")
    @click.option("--at-risk", type=click.FloatRange(0), default=0.5, show_default=True,
                  help="progress_ratio at or above this (and below --on-track) is at_risk.")
    @format_option
    @vocab_option
    @handle_errors
    def kpis(paths, kind, as_of, on_track, at_risk, fmt, vocab_files):
        """Strategic Road Map KPIs: attainment against a straight path from baseline to target."""
        ds = load(paths, kind, vocab_files)
        if not len(ds.kpis):
            fail("no KPIs in the input (KPIs come from a Strategic Road Map workbook's KPI sheet)", EXIT_UNUSABLE)
        try:
            table = analytics.kpi_status(ds.kpis, as_of=as_of, on_track=on_track, at_risk=at_risk)
        except ValueError as exc:
            usage(exc)
        show(table, fmt)

    @group.command()
    @paths_argument
    @kind_option
    @click.option("--from", "from_round", callback=round_option,
                  help="Earlier round (default: the round before --to).")
    @click.option("--to", "to_round", callback=round_option, help="Later round (default: the latest in the data).")
    @format_option
    @vocab_option
    @handle_errors
    def changes(paths, kind, from_round, to_round, fmt, vocab_files):
        """What changed between two rounds: level matrix, counts, items that worsened or became overdue.

        JSON: an object with from, to, counts, matrix and flagged. CSV: every
        item with its levels at both rounds and its change.
        """
        ds = load(paths, kind, vocab_files)
        rounds = sorted(ds.assessments["round"].dropna().unique(), key=round_sort_key)
        to_round = to_round or latest_round(ds.assessments)
        if from_round is None:
            earlier = [r for r in rounds if round_sort_key(r) < round_sort_key(to_round)] if to_round else []
            if not earlier:
                fail(f"no round before {to_round!r} to compare with; give --from", EXIT_UNUSABLE)
            from_round = earlier[-1]
        try:
            t = analytics.transitions(ds.items, ds.assessments, from_round, to_round)
        except ValueError as exc:
            usage(exc)
        if fmt == "json":
            click.echo(json.dumps(t.to_dict(), ensure_ascii=False, indent=2))
        elif fmt == "csv":
            emit(_flat(t.items), "csv")
        else:
            c = t.counts
            click.echo(f"Changes {t.from_round} → {t.to_round}: {c['improved']} improved, {c['unchanged']} unchanged, "
                       f"{c['worsened']} worsened, {c['newly_assessed']} newly assessed, "
                       f"{c['not_assessed']} not assessed at either; {c['became_overdue']} became overdue")
            click.echo("")
            click.echo(t.matrix.to_string())
            click.echo("")
            click.echo("Worsened or became overdue:")
            cols = ["plan", "item_id", "from_level", "to_level", "change", "became_overdue", "deadline_end",
                    "agencies"]
            show(t.flagged[cols], "table")

    @group.command()
    @paths_argument
    @kind_option
    @scheme_option
    @click.option("--plan-end", default=None,
                  help="The plan's end: a date, year or round (default: the latest deadline).")
    @format_option
    @vocab_option
    @handle_errors
    def forecast(paths, kind, scheme, plan_end, fmt, vocab_files):
        """Implementation index per round, its linear trend, and when it would reach 100."""
        ds = load(paths, kind, vocab_files)
        try:
            f = analytics.forecast(ds.items, ds.assessments, scheme=scheme, plan_end=plan_end)
        except ValueError as exc:
            usage(exc)
        if fmt == "json":
            click.echo(json.dumps(f.to_dict(), ensure_ascii=False, indent=2))
        elif fmt == "csv":
            emit(_flat(f.by_round), "csv")
        else:
            show(f.by_round, "table")
            click.echo("")
            slope = "—" if f.slope_per_year is None else f"{f.slope_per_year:+.2f} points a year"
            end = "—" if f.plan_end is None else f.plan_end.date().isoformat()
            projected = "—" if f.projected_index is None else f"{f.projected_index:.1f}"
            click.echo(f"trend: {slope}; projected index at the plan's end ({end}): {projected}; {f.message}")

    @group.command()
    @paths_argument
    @kind_option
    @round_opt
    @scheme_option
    @click.option("--worst", type=click.IntRange(0, 20), default=3, show_default=True,
                  help="Worst items listed per agency.")
    @format_option
    @vocab_option
    @handle_errors
    def scorecard(paths, kind, round_, scheme, worst, fmt, vocab_files):
        """Agency league table: items, index, overdue, on-time completion rate, worst items."""
        ds = load(paths, kind, vocab_files)
        try:
            table = analytics.agency_scorecard(ds.items, ds.assessments, round=round_, scheme=scheme, worst=worst)
        except ValueError as exc:
            usage(exc)
        show(table, fmt)

    @group.command()
    @paths_argument
    @kind_option
    @round_opt
    @click.option("--by", type=click.Choice(GROUP_FIELDS), help="Group rows by this field.")
    @scheme_option
    @click.option("--items", "per_item", is_flag=True, help="One row per item instead of per group.")
    @format_option
    @vocab_option
    @handle_errors
    def schedule(paths, kind, round_, by, scheme, per_item, fmt, vocab_files):
        """Time elapsed (expected progress) beside the implementation index, and the gap."""
        ds = load(paths, kind, vocab_files)
        try:
            if per_item:
                table = analytics.schedule_items(ds.items, ds.assessments, round=round_, scheme=scheme)
            else:
                table = analytics.schedule_tracking(ds.items, ds.assessments, round=round_, by=by, scheme=scheme)
        except ValueError as exc:
            usage(exc)
        show(table, fmt)

    @group.command()
    @paths_argument
    @kind_option
    @click.option("--by", type=click.Choice(analytics.BENCHMARK_BY), default="country", show_default=True)
    @click.option("--focus", default=None, help="A country or plan to set beside the OGP-wide figures.")
    @click.option("--regions", "regions_file", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="CSV with columns country,region (for --by region).")
    @round_opt
    @scheme_option
    @format_option
    @vocab_option
    @handle_errors
    def benchmark(paths, kind, by, focus, regions_file, round_, scheme, fmt, vocab_files):
        """OGP benchmarks by country, region or action-plan end year; --focus one country or plan."""
        ds = load(paths, kind, vocab_files)
        if not (ds.items["kind"] == "ogp").any():
            fail("no OGP commitments in the input (benchmark reads OGP's commitment export)", EXIT_UNUSABLE)
        try:
            regions = _read_regions(regions_file) if regions_file else None
            table = analytics.ogp_benchmark(ds.items, ds.assessments, by=by, focus=focus, regions=regions,
                                            round=round_, scheme=scheme)
        except (OSError, ValueError) as exc:
            usage(exc)
        show(table, fmt)
