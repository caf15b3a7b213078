"""Exit codes and the one-line error handling of every ``ogpstats`` command.

Exit codes: 0 ok, 1 data errors, 2 unusable input or usage. Every error is
one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import functools
import sys
from typing import NoReturn

import click

from ..validate import DataErrors, UnusableInput

EXIT_OK, EXIT_DATA, EXIT_UNUSABLE = 0, 1, 2


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
