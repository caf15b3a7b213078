"""Read workbooks and exports into the tidy tables (:mod:`ogpstats.model`).

The one entry point most code needs is :func:`load_dataset`.

Importing this package is cheap: its names are imported on first use (PEP 562),
so that ``ogpstats.io.cells`` can start reading a workbook before pandas is
imported (the ``ogpstats`` command does: :func:`ogpstats.io.read_ahead.read_ahead`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .kinds import KINDS

if TYPE_CHECKING:
    from .column_map import ColumnMap
    from .header_words import HeaderWords
    from .load import (
        UnusableInput,
        agency_warnings,
        duplicates_across_files,
        load_aliases,
        load_dataset,
        read_workbook,
        unify_agency_names,
    )

# Where each name of the package is defined.
_NAMES = {"ColumnMap": "column_map", "HeaderWords": "header_words", "UnusableInput": "load",
          "agency_warnings": "load", "duplicates_across_files": "load", "load_aliases": "load",
          "load_dataset": "load", "read_workbook": "load", "unify_agency_names": "load"}


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        value = getattr(importlib.import_module(f"{__name__}.{_NAMES[name]}"), name)
    elif name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        try:  # a submodule not imported yet (ogpstats.io.cells), as when this package imported them all
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_NAMES})  # the names not imported yet too (completion in a notebook)


__all__ = [
    "KINDS",
    "ColumnMap",
    "HeaderWords",
    "UnusableInput",
    "agency_warnings",
    "duplicates_across_files",
    "load_aliases",
    "load_dataset",
    "read_workbook",
    "unify_agency_names",
]
