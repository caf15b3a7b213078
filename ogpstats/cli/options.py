"""Options shared by the ``ogpstats`` commands, each defined once as a decorator.

:func:`reads_data` gives a command the PATHS argument and ``--kind``,
``--vocab``, ``--aliases`` and ``--encoding``, and hands it one
:class:`~.inputs.Inputs`: every command that reads data takes all five, the
same way.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from ..io import KINDS
from ..levels import SCHEME_NAMES
from ..vocab import parse_round
from .inputs import Inputs


def round_callback(ctx, param, value):
    """Parse a round option (``2017``, ``2017-H1``, Azerbaijani wording …); None stays None."""
    if value is None:
        return None
    parsed = parse_round(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a round; use e.g. 2017, 2017-H1, 2017-Q3, end_of_term")
    return parsed


def format_choice(*choices: str):
    """``--format`` (into ``fmt``) with these choices; the first is the default."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True)


paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
kind_option = click.option("--kind", type=click.Choice(KINDS), help="Input kind; detected when omitted.")
vocab_option = click.option("--vocab", "vocab_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                            help="Extra status words: a CSV with columns level,word (repeatable).")
aliases_option = click.option("--aliases", type=click.Path(path_type=Path, dir_okay=False), default=None,
                              help="Agency alias table: a CSV with columns alias,agency (abbreviations, old names).")
encoding_option = click.option("--encoding", default=None, metavar="NAME",
                               help="Text encoding of CSV files, e.g. utf-8, cp1254 (Windows-1254), cp1251; "
                                    "detected when omitted.")
format_option = format_choice("table", "csv", "json")
scheme_option = click.option("--scheme", type=click.Choice(SCHEME_NAMES), default="irm", show_default=True,
                             help="irm: 0, 1/3, 2/3, 1; caerc: 0, 0.5, 0.5, 1; percent: mean percent.")
round_option = click.option("--round", "round_", callback=round_callback,
                            help="Round (default: the latest in the data).")


def reads_data(func):
    """PATHS, ``--kind``, ``--vocab``, ``--aliases`` and ``--encoding``, passed to ``func`` as
    ``inputs=Inputs(...)``."""

    @functools.wraps(func)
    def wrapper(*args, paths, kind, vocab_files, aliases, encoding, **kwargs):
        inputs = Inputs(tuple(paths), kind, tuple(vocab_files), aliases, encoding)
        return func(*args, inputs=inputs, **kwargs)

    # Applied innermost first, so help lists them in reverse.
    for decorator in (encoding_option, aliases_option, vocab_option, kind_option, paths_argument):
        wrapper = decorator(wrapper)
    return wrapper
