"""The ``ogpstats`` command: a thin layer over the package.

Exit codes: 0 ok, 1 data errors, 2 unusable input or usage. Every error is
one line on stderr; no traceback reaches the user (:mod:`.errors`).

The commands live in modules by what they do: :mod:`.data` (``indicators``,
``validate``, ``tidy``, ``template``), :mod:`.analytics` (``kpis``, ``changes``,
``forecast``, ``scorecard``, ``schedule``, ``benchmark``) and :mod:`.report`.
Their shared options are in :mod:`.options`, output formats in :mod:`.output`.
No module of the package imports this one, so there is no import cycle.
"""

from __future__ import annotations

import click

from .. import __version__
from . import errors
from .analytics import COMMANDS as ANALYTICS_COMMANDS
from .data import indicators, template, tidy, validate
from .report import report


class Main(click.Group):
    """The command group. Called (``__call__``: the ``ogpstats`` script, ``python -m ogpstats.cli``) it
    runs as a process of its own, which lets a successful read-only command end it at once
    (:func:`.errors.exit_ok_now`); ``CliRunner`` calls :meth:`main` instead."""

    def __call__(self, *args, **kwargs):
        errors.own_process = True
        return super().__call__(*args, **kwargs)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ogpstats")
def main() -> None:
    """Completion indicators and monitoring reports for Open Government action plans
    and the Strategic Road Maps."""


for _command in (indicators, validate, tidy, template, report, *ANALYTICS_COMMANDS):
    main.add_command(_command)

__all__ = ["main"]
