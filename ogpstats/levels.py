"""OGP's IRM completion scale and the scores each indicator scheme gives it."""

from __future__ import annotations

from collections.abc import Iterable

LEVELS: tuple[str, ...] = ("not_started", "limited", "substantial", "complete")
"""The four completion levels, in order of progress."""

NOT_ASSESSED = "not_assessed"

SCHEMES: dict[str, dict[str, float]] = {
    # IRM: equal steps along the four-level scale.
    "irm": {"not_started": 0.0, "limited": 1 / 3, "substantial": 2 / 3, "complete": 1.0},
    # CAERC's Strategic Road Map score: implemented 1, partial 0.5, not 0.
    "caerc": {"not_started": 0.0, "limited": 0.5, "substantial": 0.5, "complete": 1.0},
}
SCHEME_NAMES: tuple[str, ...] = ("irm", "caerc", "percent")
DEFAULT_SCHEME: dict[str, str] = {"nap": "irm", "srm": "caerc", "ogp": "irm"}
"""The scheme each kind is reported in unless one is chosen, by the command line, the Python API and
the reports alike: CAERC's score for the Strategic Road Maps (CAERC monitors them), IRM's scale for
the NAP and OGP's export."""


def default_scheme(kind: str | None) -> str:
    """The scheme of :data:`DEFAULT_SCHEME` for ``kind``; IRM for an unknown or mixed kind."""
    return DEFAULT_SCHEME.get(kind or "", "irm")


def scheme_for(kinds: Iterable[object], scheme: str | None = None) -> str:
    """The scheme to compute with: ``scheme`` when one is chosen, else the data's by :data:`DEFAULT_SCHEME`.

    Parameters
    ----------
    kinds
        The ``kind`` of every item (``items["kind"]``): one kind decides its
        default; no kind or several kinds (a NAP beside a road map) give IRM.
    scheme
        The scheme chosen (``--scheme``, a ``scheme=`` argument); ``None``: by kind.
    """
    if scheme is not None:
        return scheme
    found = {k for k in set(kinds) if isinstance(k, str) and k}  # the distinct kinds first: a set is a C loop
    return default_scheme(found.pop() if len(found) == 1 else None)


def items_scheme(items, scheme: str | None = None) -> str:
    """:func:`scheme_for` the kinds of an items table (one without a ``kind`` column counts as no kind)."""
    return scheme_for(items["kind"] if "kind" in getattr(items, "columns", ()) else (), scheme)


def level_from_percent(percent: float) -> str:
    """Map a percent (0-100) to a completion level.

    0 is ``not_started``, below 50 ``limited``, 50 up to below 100
    ``substantial`` and 100 ``complete``.
    """
    if percent <= 0:
        return "not_started"
    if percent < 50:
        return "limited"
    if percent < 100:
        return "substantial"
    return "complete"
