"""Options shared by the ``ogpstats`` commands, each defined once as a decorator.

:func:`reads_data` gives a command the PATHS argument and ``--kind``,
``--vocab``, ``--aliases``, ``--encoding``, ``--columns`` and ``--headers``,
and hands it one :class:`~.inputs.Inputs`: every command that reads data
takes them all, the same way.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from ..io import KINDS
from ..levels import DEFAULT_SCHEME, SCHEME_NAMES
from ..vocab import NAMED_VOCABULARIES, parse_round
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


class VocabularyParam(click.ParamType):
    """``--vocab``: a ready vocabulary by name (``irm-codes``) or a CSV file of status words.

    A name is taken as a name only when no file of that name exists, so a
    user's file called ``irm-codes`` still wins.
    """

    name = "vocabulary"

    def convert(self, value, param, ctx):
        text = str(value)
        if text in NAMED_VOCABULARIES and not Path(text).exists():
            return text
        if Path(text).is_file():
            return text
        what = "is a folder, not a file" if Path(text).is_dir() else "is no such file"
        self.fail(f"{text!r} {what} and not a ready vocabulary ({', '.join(NAMED_VOCABULARIES)})", param, ctx)

    def get_metavar(self, param, ctx=None):  # ctx: click >= 8.2 passes it
        return "FILE|" + "|".join(NAMED_VOCABULARIES)


paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
kind_option = click.option("--kind", type=click.Choice(KINDS), help="Input kind; detected when omitted.")
vocab_option = click.option("--vocab", "vocab_files", multiple=True, type=VocabularyParam(),
                            help="Extra status words: a CSV with columns level,word, or a ready vocabulary by name: "
                                 "irm-codes (NS, L, LP, S, SP, C …). Repeatable.")
aliases_option = click.option("--aliases", type=click.Path(path_type=Path, dir_okay=False), default=None,
                              help="Agency alias table: a CSV with columns alias,agency (abbreviations, old names).")
encoding_option = click.option("--encoding", default=None, metavar="NAME",
                               help="Text encoding of CSV files, e.g. utf-8, cp1254 (Windows-1254), cp1251; "
                                    "detected when omitted.")
columns_option = click.option("--columns", "columns", type=click.Path(path_type=Path, dir_okay=False), default=None,
                              metavar="MAP.csv",
                              help="Column map for another layout: a CSV with columns field,header (see "
                                   "docs/reading.md); default a <file>.columns.csv saved beside each file.")
headers_option = click.option("--headers", "header_words", type=click.Path(path_type=Path, dir_okay=False),
                              default=None, metavar="WORDS.csv",
                              help="Extra header words: a CSV with columns field,lang,word.")
format_option = format_choice("table", "csv", "json")
_BY_KIND = ", ".join(f"{scheme} for {kind.upper()}" for kind, scheme in DEFAULT_SCHEME.items())
scheme_option = click.option("--scheme", type=click.Choice(SCHEME_NAMES), default=None,
                             help="irm: 0, 1/3, 2/3, 1; caerc: 0, 0.5, 0.5, 1; percent: mean percent. "
                                  f"Default by the data's kind: {_BY_KIND} (irm for several kinds).")
round_option = click.option("--round", "round_", callback=round_callback,
                            help="Round (default: the latest in the data).")


def reads_data(func):
    """PATHS, ``--kind``, ``--vocab``, ``--aliases``, ``--encoding``, ``--columns`` and ``--headers``, passed to
    ``func`` as ``inputs=Inputs(...)``."""

    @functools.wraps(func)
    def wrapper(*args, paths, kind, vocab_files, aliases, encoding, columns, header_words, **kwargs):
        inputs = Inputs(tuple(paths), kind, tuple(vocab_files), aliases, encoding, columns, header_words)
        return func(*args, inputs=inputs, **kwargs)

    # Applied innermost first, so help lists them in reverse.
    for decorator in (headers_option, columns_option, encoding_option, aliases_option, vocab_option, kind_option,
                      paths_argument):
        wrapper = decorator(wrapper)
    return wrapper
