"""The ``ogpstats`` command: a thin layer over the package.

Exit codes: 0 ok, 1 data errors, 2 unusable input or usage. Every error is
one line on stderr; no traceback reaches the user (:mod:`.errors`).

The commands live in modules by what they do: :mod:`.data` (``indicators``,
``validate``, ``tidy``, ``template``), :mod:`.analytics` (``kpis``, ``changes``,
``forecast``, ``scorecard``, ``schedule``, ``benchmark``) and :mod:`.report`.
Their shared options are in :mod:`.options`, output formats in :mod:`.output`.
No module of the package imports this one, so there is no import cycle.

A command's module is imported when the command is asked for (click's lazy
group), and the modules a command needs before it reads its files import no
pandas: ``ogpstats indicators FILE`` starts reading FILE in the background and
imports pandas meanwhile (:meth:`.inputs.Inputs.load`).
"""

from __future__ import annotations

import importlib

import click

from .. import __version__
from . import errors

# The module of this package defining each command (under the command's name).
COMMAND_MODULES = {
    "indicators": "data", "validate": "data", "tidy": "data", "template": "data", "report": "report",
    "kpis": "analytics", "changes": "analytics", "forecast": "analytics", "scorecard": "analytics",
    "schedule": "analytics", "benchmark": "analytics",
}


class Main(click.Group):
    """The command group. Called (``__call__``: the ``ogpstats`` script, ``python -m ogpstats.cli``) it
    runs as a process of its own, which lets a successful read-only command end it at once
    (:func:`.errors.exit_ok_now`); ``CliRunner`` calls :meth:`main` instead.

    Its commands are imported on first use (:data:`COMMAND_MODULES`); ``--help`` imports them all.
    """

    def __call__(self, *args, **kwargs):
        errors.own_process = True
        return super().__call__(*args, **kwargs)

    def list_commands(self, ctx: click.Context | None) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context | None, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"{__name__}.{COMMAND_MODULES[cmd_name]}")
            self.add_command(getattr(module, cmd_name))
        return self.commands.get(cmd_name)

    def all_commands(self) -> dict[str, click.Command]:
        """Every command by name (importing their modules)."""
        return {name: cmd for name in self.list_commands(None) if (cmd := self.get_command(None, name))}


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ogpstats")
def main() -> None:
    """Completion indicators and monitoring reports for Open Government action plans
    and the Strategic Road Maps."""

__all__ = ["main"]
