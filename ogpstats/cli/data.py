"""The data commands: ``indicators``, ``validate``, ``tidy`` and ``template``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..groups import GROUP_FIELDS
from ..validate import Problem, UnusableInput, errors
from .checks import check_by, check_round
from .errors import EXIT_DATA, EXIT_OK, EXIT_UNUSABLE, exit_ok_now, fail, handle_errors
from .inputs import Inputs
from .options import (
    format_choice,
    format_option,
    reads_data,
    round_option,
    scheme_option,
)


@click.command()
@reads_data
@scheme_option
@click.option("--by", type=click.Choice(GROUP_FIELDS), help="Group rows by this field.")
@round_option
@click.option("--due-only", is_flag=True, help="Only items whose deadline is on or before the round.")
@format_option
@handle_errors
def indicators(inputs: Inputs, scheme, by, round_, due_only, fmt):
    """Completion indicators of the plans in PATHS."""
    ds = inputs.load()
    # Imported here, as pandas is: while the files were being read (Inputs.load).
    from ..indicators import compute_indicators
    from .output import show

    check_by(ds.items, by, GROUP_FIELDS)
    check_round(ds.assessments, round_)
    table = compute_indicators(ds.items, ds.assessments, scheme=scheme, by=by, round=round_, due_only=due_only)
    show(table, fmt, by=by)
    exit_ok_now()  # before the tables are freed: see there


class JsonUsageCommand(click.Command):
    """A command whose usage errors are JSON too when ``--format json`` was asked for.

    A program reading ``validate --format json`` always gets a JSON list on
    stdout; the one-line message still goes to stderr and the exit code stays 2.
    """

    def parse_args(self, ctx, args):
        wants_json = any(a == "--format=json" or (a == "--format" and nxt == "json")
                         for a, nxt in zip(args, [*args[1:], None]))
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if wants_json:
                from .output import echo_json

                echo_json([Problem("usage.invalid", "error", fields={"error": exc.format_message()}).to_dict()])
            raise


@click.command(cls=JsonUsageCommand)
@reads_data
@format_choice("text", "json")
@handle_errors
def validate(inputs: Inputs, fmt):
    """List problems in PATHS with file, sheet and cell. Exit 1 if any is an error.

    With ``--format json`` the output is always a JSON list of problems: a file
    that cannot be read at all is one problem of severity ``error`` (exit 2).
    """
    try:
        problems = inputs.load(allow_errors=True).problems
    except UnusableInput as exc:
        if fmt != "json":
            raise
        from .output import echo_json

        echo_json([exc.problem.to_dict()])
        fail(str(exc), EXIT_UNUSABLE)
    from .output import echo_json  # pandas: imported while the files were read (Inputs.load)

    if fmt == "json":
        echo_json([p.to_dict() for p in problems])
    else:
        for p in problems:
            click.echo(p.format())
        n_err = len(errors(problems))
        click.echo(f"{n_err} error(s), {len(problems) - n_err} warning(s)", err=True)
    if not errors(problems):
        exit_ok_now()  # before the problems and tables are freed: see there
    sys.exit(EXIT_DATA if errors(problems) else EXIT_OK)


@click.command()
@reads_data
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for items.csv, assessments.csv, kpis.csv (and .parquet); created if missing.")
@handle_errors
def tidy(inputs: Inputs, out_dir):
    """Write the tidy tables of PATHS (items, assessments, KPIs) as CSV and, with pyarrow, Parquet.

    The CSVs are UTF-8 with a byte-order mark, so Excel shows Azerbaijani
    letters right; columns as in docs/data_model.md. Data with errors is
    refused, as by the indicators command.
    """
    # Imported here: only this command writes the tidy files.
    from ..tidy import write_tidy

    for path in write_tidy(inputs.load(), out_dir):
        click.echo(f"wrote {path}")


def years_callback(ctx, param, value):
    """Parse ``--years`` (``2016-2018`` or ``2017``) into (first, last)."""
    if value is None:
        return None
    try:
        first, _, last = value.partition("-")
        years = (int(first), int(last or first))
    except ValueError:
        raise click.BadParameter(f"{value!r}; use e.g. 2016-2018") from None
    if years[0] > years[1]:
        raise click.BadParameter(f"{value!r}: the first year is after the last")
    return years


@click.command()
@click.argument("kind", type=click.Choice(["nap", "srm"]))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--plan", default=None, help="Plan name written into the workbook.")
@click.option("--years", callback=years_callback, default=None,
              help="Years offered in the round drop-down, e.g. 2016-2018 (default: this year and the next two).")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@handle_errors
def template(kind, out, plan, years, force):
    """Write an empty canonical ogpstats workbook (NAP or SRM) to OUT."""
    # Imported here: it loads openpyxl, which only this command needs.
    from ..io.template import default_rounds, write_workbook
    from ..translations import Translations

    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{out}: the template is an .xlsx workbook", param_hint="OUT")
    if out.exists() and not force:
        fail(f"{out}: exists; use --force to overwrite", EXIT_UNUSABLE)
    if not out.parent.exists():
        fail(f"{out.parent}: no such directory", EXIT_UNUSABLE)
    if years is None:
        this_year = dt.date.today().year
        years = (this_year, this_year + 2)
    name = plan or ("Açıq Hökumət Milli Fəaliyyət Planı" if kind == "nap" else "Strateji Yol Xəritələri")
    # Empty translations: the columns for the text in English and Russian, explained on the instructions sheet.
    write_workbook(out, kind, plan=name, rounds=default_rounds(years), translations=Translations())
    click.echo(f"wrote {out}")
