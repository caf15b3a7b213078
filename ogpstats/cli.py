"""The ``ogpstats`` command: a thin layer over the package.

Exit codes: 0 ok, 1 data errors, 2 unusable input or usage. Every error is
one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import functools
import json
import math
import sys
from pathlib import Path

import click
import pandas as pd

from . import __version__
from .indicators import GROUP_FIELDS, compute_indicators
from .io import KINDS, load_dataset
from .levels import SCHEME_NAMES
from .model import Dataset
from .validate import DataErrors, Problem, UnusableInput, errors
from .vocab import StatusVocabulary, parse_round

EXIT_OK, EXIT_DATA, EXIT_UNUSABLE = 0, 1, 2


def fail(message: str, code: int) -> None:
    click.echo(f"ogpstats: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn the package's exceptions into one-line messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UnusableInput as exc:
            fail(str(exc), EXIT_UNUSABLE)
        except DataErrors as exc:
            for p in exc.problems:
                click.echo(p.format(), err=True)
            fail(str(exc), EXIT_DATA)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: still one line, but say it is ours
            fail(f"internal error: {type(exc).__name__}: {exc} (please report it)", EXIT_DATA)

    return wrapper


def load(paths, kind, vocab_files, *, allow_errors: bool = False, aliases: Path | None = None) -> Dataset:
    """Load files; refuse data with errors (printing them), print warnings."""
    try:
        vocabulary = StatusVocabulary.load(*vocab_files) if vocab_files else None
    except (OSError, ValueError) as exc:
        raise UnusableInput(f"vocabulary: {exc}") from None
    extra = {"aliases": aliases} if aliases is not None else {}  # only when given: callers may stub load_dataset
    dataset = load_dataset(list(paths), kind=kind, vocabulary=vocabulary, **extra)
    if not allow_errors:
        if errors(dataset.problems):
            raise DataErrors(dataset.problems)
        for p in dataset.problems:
            click.echo(p.format(), err=True)
    return dataset


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


def emit(df: pd.DataFrame, fmt: str) -> None:
    """Print a frame as a table, CSV or JSON."""
    if fmt == "json":
        click.echo(json.dumps(to_records(df), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    else:
        click.echo(df.to_string(index=False, na_rep="—") if len(df) else "(no rows)")


def round_option(ctx, param, value):
    if value is None:
        return None
    parsed = parse_round(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a round; use e.g. 2017, 2017-H1, 2017-Q3, end_of_term")
    return parsed


paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
kind_option = click.option("--kind", type=click.Choice(KINDS), help="Input kind; detected when omitted.")
vocab_option = click.option("--vocab", "vocab_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                            help="Extra status words: a CSV with columns level,word (repeatable).")
aliases_option = click.option("--aliases", type=click.Path(path_type=Path, dir_okay=False), default=None,
                              help="Agency alias table: a CSV with columns alias,agency (abbreviations, old names).")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                             show_default=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ogpstats")
def main() -> None:
    """Completion indicators and monitoring reports for Open Government action plans
    and the Strategic Road Maps."""


@main.command()
@paths_argument
@kind_option
@click.option("--scheme", type=click.Choice(SCHEME_NAMES), default="irm", show_default=True,
              help="irm: 0, 1/3, 2/3, 1; caerc: 0, 0.5, 0.5, 1; percent: mean percent.")
@click.option("--by", type=click.Choice(GROUP_FIELDS), help="Group rows by this field.")
@click.option("--round", "round_", callback=round_option, help="Round (default: the latest in the data).")
@click.option("--due-only", is_flag=True, help="Only items whose deadline is on or before the round.")
@format_option
@vocab_option
@aliases_option
@handle_errors
def indicators(paths, kind, scheme, by, round_, due_only, fmt, vocab_files, aliases):
    """Completion indicators of the plans in PATHS."""
    ds = load(paths, kind, vocab_files, aliases=aliases)
    table = compute_indicators(ds.items, ds.assessments, scheme=scheme, by=by, round=round_, due_only=due_only)
    emit(table, fmt)


@main.command()
@paths_argument
@kind_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@vocab_option
@aliases_option
@handle_errors
def validate(paths, kind, fmt, vocab_files, aliases):
    """List problems in PATHS with file, sheet and cell. Exit 1 if any is an error."""
    ds = load(paths, kind, vocab_files, allow_errors=True, aliases=aliases)
    problems: list[Problem] = ds.problems
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(p.format())
        n_err = len(errors(problems))
        click.echo(f"{n_err} error(s), {len(problems) - n_err} warning(s)", err=True)
    sys.exit(EXIT_DATA if errors(problems) else EXIT_OK)


def years_option(ctx, param, value):
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


@main.command()
@click.argument("kind", type=click.Choice(["nap", "srm"]))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--plan", default=None, help="Plan name written into the workbook.")
@click.option("--years", callback=years_option, default=None,
              help="Years offered in the round drop-down, e.g. 2016-2018 (default: this year and the next two).")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@handle_errors
def template(kind, out, plan, years, force):
    """Write an empty canonical ogpstats workbook (NAP or SRM) to OUT."""
    import datetime as dt

    from .io.template import default_rounds, write_workbook

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
    write_workbook(out, kind, plan=name, rounds=default_rounds(years))
    click.echo(f"wrote {out}")


@main.command()
@click.option("--period", default="latest", show_default=True, help="latest, all, or a round such as 2018-H2.")
@click.option("--lang", type=click.Choice(["az", "en", "all"]), default="all", show_default=True)
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=Path("data/raw"), show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("reports"), show_default=True)
@click.option("--jobs", type=click.IntRange(1, 32), default=1, show_default=True, help="Notebooks run in parallel.")
@click.option("--force", is_flag=True, help="Run every notebook even if nothing changed.")
@click.option("--no-wait", is_flag=True, help="Exit at once if another report run holds the lock.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600, show_default=True,
              help="Seconds one notebook cell may run.")
@click.option("--notebooks", "notebooks_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of report notebooks [default: notebooks/reports of ogpstats' source tree].")
@click.option("--dry-run", is_flag=True, help="Print what would run, be kept or refused, and why; start no kernel.")
@handle_errors
def report(period, lang, data_dir, out_dir, jobs, force, no_wait, timeout, notebooks_dir, dry_run):
    """Regenerate the monitoring reports from the workbooks in --data.

    Exit codes: 0 done (nothing to do counts), 1 a notebook failed, another
    run holds the lock (--no-wait) or the run was interrupted — the previous
    reports are left as they were —, 2 usage or unusable input.
    """
    import signal

    from .reports import ReportError, run_reports

    if period not in ("latest", "all") and parse_round(period) is None:
        raise click.BadParameter(f"{period!r} is not a period; use latest, all or e.g. 2018-H2",
                                 param_hint="--period")
    if not data_dir.is_dir():
        fail(f"{data_dir}: no such data directory", EXIT_UNUSABLE)
    if notebooks_dir is not None and not notebooks_dir.is_dir():
        fail(f"{notebooks_dir}: no such notebooks directory", EXIT_UNUSABLE)

    if dry_run:
        from .reports import format_plan, plan_reports

        try:
            plan, _ = plan_reports(period=period if period in ("latest", "all") else parse_round(period),
                                   data_dir=data_dir, out_dir=out_dir, lang=lang, force=force,
                                   notebooks_dir=notebooks_dir)
        except ReportError as exc:
            fail(str(exc), EXIT_DATA)
        for line in format_plan(plan):
            click.echo(line)
        return

    def terminated(signum, frame):  # systemd stop / kill: unwind like Ctrl-C so kernels are shut down
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        run_reports(period=period if period in ("latest", "all") else parse_round(period), data_dir=data_dir,
                    out_dir=out_dir, lang=lang, jobs=jobs, force=force, no_wait=no_wait, timeout=timeout,
                    notebooks_dir=notebooks_dir)
    except ReportError as exc:
        fail(str(exc), EXIT_DATA)
    except KeyboardInterrupt:
        fail(f"interrupted; the reports in {out_dir} are unchanged (partial output is removed by the next run)",
             EXIT_DATA)
    finally:
        signal.signal(signal.SIGTERM, previous)


# The analytics commands (kpis, changes, forecast, …) live in their own module;
# it imports the helpers above, so it is registered after they exist.
from .cli_analytics import register as _register_analytics  # noqa: E402

_register_analytics(main)

if __name__ == "__main__":
    main()
