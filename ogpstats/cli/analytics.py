"""Command-line access to :mod:`ogpstats.analytics`: ``kpis``, ``changes``, ``forecast``,
``scorecard``, ``schedule`` and ``benchmark``.

The commands follow ``ogpstats indicators``: files loaded through
:func:`~.options.reads_data` (PATHS, ``--kind``, ``--vocab``, ``--aliases``, ``--columns`` …),
``--scheme`` by the data's kind unless given,
``--format table|csv|json``, one-line errors, exit codes 0 ok, 1 data
errors, 2 unusable input or usage.
"""

from __future__ import annotations

import csv
from typing import NoReturn

import click
import pandas as pd

from .. import analytics
from ..indicators import GROUP_FIELDS, latest_round
from ..rounds import data_rounds
from ..rounds import previous_round as round_before
from .checks import check_by, check_round
from .errors import EXIT_UNUSABLE, fail, handle_errors
from .inputs import Inputs
from .options import (
    format_option,
    reads_data,
    round_callback,
    round_option,
    scheme_option,
)
from .output import echo_json, emit, flat, show


def usage(exc: Exception) -> NoReturn:
    """An analytics function refused its arguments (a round not in the data …): exit 2, one line."""
    fail(str(exc), EXIT_UNUSABLE)


@click.command()
@reads_data
@click.option("--as-of", "as_of", type=click.IntRange(1900, 2200), default=None,
              help="Use actual values up to this year (default: the last year with data).")
@click.option("--on-track", type=click.FloatRange(0), default=0.9, show_default=True,
              help="progress_ratio at or above this is on_track.")
@click.option("--at-risk", type=click.FloatRange(0), default=0.5, show_default=True,
              help="progress_ratio at or above this (and below --on-track) is at_risk.")
@format_option
@handle_errors
def kpis(inputs: Inputs, as_of, on_track, at_risk, fmt):
    """Strategic Road Map KPIs: attainment against a straight path from baseline to target."""
    ds = inputs.load()
    if not len(ds.kpis):
        fail("no KPIs in the input (KPIs come from a Strategic Road Map workbook's KPI sheet)", EXIT_UNUSABLE)
    try:
        table = analytics.kpi_status(ds.kpis, as_of=as_of, on_track=on_track, at_risk=at_risk)
    except ValueError as exc:
        usage(exc)
    show(table, fmt)


def previous_round(assessments: pd.DataFrame, to_round: str | None) -> str:
    """The round of the data just before ``to_round``; exit 2 when there is none."""
    earlier = round_before(data_rounds(assessments), to_round) if to_round else None
    if earlier is None:
        fail(f"no round before {to_round!r} to compare with; give --from", EXIT_UNUSABLE)
    return earlier


def print_transitions(t) -> None:
    """The text form of ``changes``: a summary line, the level matrix, the flagged items."""
    c = t.counts
    click.echo(f"Changes {t.from_round} → {t.to_round}: {c['improved']} improved, {c['unchanged']} unchanged, "
               f"{c['worsened']} worsened, {c['newly_assessed']} newly assessed, "
               f"{c['not_assessed']} not assessed at either; {c['became_overdue']} became overdue")
    click.echo("")
    click.echo(t.matrix.to_string())
    click.echo("")
    click.echo("Worsened or became overdue:")
    cols = ["plan", "item_id", "from_level", "to_level", "change", "became_overdue", "deadline_end", "agencies"]
    show(t.flagged[cols], "table")


@click.command()
@reads_data
@click.option("--from", "from_round", callback=round_callback,
              help="Earlier round (default: the round before --to).")
@click.option("--to", "to_round", callback=round_callback, help="Later round (default: the latest in the data).")
@format_option
@handle_errors
def changes(inputs: Inputs, from_round, to_round, fmt):
    """What changed between two rounds: level matrix, counts, items that worsened or became overdue.

    JSON: an object with from, to, counts, matrix and flagged. CSV: every
    item with its levels at both rounds and its change.
    """
    ds = inputs.load()
    to_round = to_round or latest_round(ds.assessments)
    from_round = from_round or previous_round(ds.assessments, to_round)
    try:
        t = analytics.transitions(ds.items, ds.assessments, from_round, to_round)
    except ValueError as exc:
        usage(exc)
    if fmt == "json":
        echo_json(t.to_dict())
    elif fmt == "csv":
        emit(flat(t.items), "csv")
    else:
        print_transitions(t)


def print_forecast(f) -> None:
    """The text form of ``forecast``: the index per round, then the trend and projection."""
    show(f.by_round, "table")
    click.echo("")
    slope = "—" if f.slope_per_year is None else f"{f.slope_per_year:+.2f} points a year"
    end = "—" if f.plan_end is None else f.plan_end.date().isoformat()
    figure = "—" if f.projected_index is None else f"{f.projected_index:.1f}"
    # The plan's end within the data: the index reached then (as the reports show it), not the line's.
    at_end = f"index at the plan's end ({end}, round {f.plan_end_round})" if f.ended \
        else f"projected index at the plan's end ({end})"
    click.echo(f"{f.scheme} scheme; trend: {slope}; {at_end}: {figure}; {f.message}")


@click.command()
@reads_data
@scheme_option
@click.option("--plan-end", default=None,
              help="The plan's end: a date, year or round (default: the latest deadline).")
@format_option
@handle_errors
def forecast(inputs: Inputs, scheme, plan_end, fmt):
    """Implementation index per round, its linear trend, the index at the plan's end, and when it would reach 100.

    The scheme is the data's kind's unless --scheme is given (caerc for road maps, irm for the NAP and OGP),
    as in the reports. When the data already has a round on or after the plan's end, the figure at the
    plan's end is the index reached then, not the trend's.
    """
    ds = inputs.load()
    try:
        f = analytics.forecast(ds.items, ds.assessments, scheme=scheme, plan_end=plan_end)
    except ValueError as exc:
        usage(exc)
    if fmt == "json":
        echo_json(f.to_dict())
    elif fmt == "csv":
        emit(flat(f.by_round), "csv")
    else:
        print_forecast(f)


@click.command()
@reads_data
@round_option
@scheme_option
@click.option("--worst", type=click.IntRange(0, 20), default=3, show_default=True,
              help="Worst items listed per agency.")
@format_option
@handle_errors
def scorecard(inputs: Inputs, round_, scheme, worst, fmt):
    """Agency league table: items, index, overdue, on-time completion rate, worst items."""
    ds = inputs.load()
    check_round(ds.assessments, round_)
    try:
        table = analytics.agency_scorecard(ds.items, ds.assessments, round=round_, scheme=scheme, worst=worst)
    except ValueError as exc:
        usage(exc)
    show(table, fmt)


@click.command()
@reads_data
@round_option
@click.option("--by", type=click.Choice(GROUP_FIELDS), help="Group rows by this field.")
@scheme_option
@click.option("--items", "per_item", is_flag=True, help="One row per item instead of per group.")
@format_option
@handle_errors
def schedule(inputs: Inputs, round_, by, scheme, per_item, fmt):
    """Time elapsed (expected progress) beside the implementation index, and the gap."""
    ds = inputs.load()
    check_by(ds.items, by, GROUP_FIELDS)
    check_round(ds.assessments, round_)
    try:
        if per_item:
            table = analytics.schedule_items(ds.items, ds.assessments, round=round_, scheme=scheme)
        else:
            table = analytics.schedule_tracking(ds.items, ds.assessments, round=round_, by=by, scheme=scheme)
    except ValueError as exc:
        usage(exc)
    # Per item, gap = score - expected share (fractions); per group it is in index points.
    show(table, fmt, by=None if per_item else by, percents=("gap",) if per_item else ())


def read_regions(path) -> dict[str, str]:
    """A ``country,region`` CSV as a mapping."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"country", "region"} <= {f.strip().lower() for f in reader.fieldnames}:
            raise ValueError(f"{path}: expected the columns country,region")
        names = {f.strip().lower(): f for f in reader.fieldnames}
        return {row[names["country"]].strip(): row[names["region"]].strip() for row in reader
                if row.get(names["country"])}


@click.command()
@reads_data
@click.option("--by", type=click.Choice(analytics.BENCHMARK_BY), default="country", show_default=True)
@click.option("--focus", default=None, help="A country or plan to set beside the OGP-wide figures.")
@click.option("--regions", "regions_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="CSV with columns country,region (for --by region).")
@round_option
@scheme_option
@format_option
@handle_errors
def benchmark(inputs: Inputs, by, focus, regions_file, round_, scheme, fmt):
    """OGP benchmarks by country, region or action-plan end year; --focus one country or plan."""
    ds = inputs.load()
    if not (ds.items["kind"] == "ogp").any():
        fail("no OGP commitments in the input (benchmark reads OGP's commitment export)", EXIT_UNUSABLE)
    check_round(ds.assessments, round_)
    try:
        regions = read_regions(regions_file) if regions_file else None
        table = analytics.ogp_benchmark(ds.items, ds.assessments, by=by, focus=focus, regions=regions,
                                        round=round_, scheme=scheme)
    except (OSError, ValueError) as exc:
        usage(exc)
    show(table, fmt)


COMMANDS: tuple[click.Command, ...] = (kpis, changes, forecast, scorecard, schedule, benchmark)
