"""Exit codes and the one-line error handling of every ``ogpstats`` command.

Exit codes: 0 ok, 1 data errors, 2 unusable input or usage. Every error is
one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import atexit
import functools
import os
import sys
from typing import NoReturn

import click

from ..validate import DataErrors, UnusableInput

EXIT_OK, EXIT_DATA, EXIT_UNUSABLE = 0, 1, 2

# True when the command runs as a process of its own (the ``ogpstats`` script, ``python -m ogpstats.cli``:
# :class:`ogpstats.cli.Main` sets it); ``CliRunner`` and other callers in a process keep running after it.
own_process = False


def exit_ok_now() -> None:
    """End a successful read-only command's own process at once, with exit code 0.

    Its tables are not freed one object at a time (0.1-0.3 s after reading 100,000
    measures, for nothing: the process ends): stdout and stderr are flushed and the
    ``atexit`` handlers run first, then :func:`os._exit`. Does nothing (the command
    returns as usual) when not in a process of its own or when a stream cannot be
    flushed (a closed pipe: Python reports it as before).
    """
    if not own_process:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    os._exit(EXIT_OK)


def fail(message: str, code: int) -> NoReturn:
    """Print ``ogpstats: message`` on stderr and exit with ``code``."""
    click.echo(f"ogpstats: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn the package's exceptions into one-line messages and exit codes.

    Unusable input exits 2; data errors print each problem, then a summary,
    and exit 1; any other exception is a bug: still one line, exit 1.
    """

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
        except Exception as exc:  # noqa: BLE001 -- a bug: still one line, but say it is ours
            fail(f"internal error: {type(exc).__name__}: {exc} (please report it)", EXIT_DATA)

    return wrapper
