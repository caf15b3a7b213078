"""What the dashboard shows for a selection: pure functions of a Dataset, no widgets.

A :class:`Selection` (kind, round, grouping, scheme, due-only, group) and a
:class:`~ogpstats.model.Dataset` give the indicator table
(:func:`indicator_table`), the index at every round (:func:`rounds_series`)
and the measures of one group with their status, deadline and evidence
(:func:`measures`). :mod:`ogpstats.explore.dashboard` only wires widgets to
these functions, so they are tested without a browser or a kernel.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..i18n import messages
from ..indicators import GROUP_FIELDS, compute_indicators, due_mask, group_keys, natural_key, overdue_mask, status_at
from ..model import Dataset, make_kpis
from ..rounds import rounds_in_order, rounds_upto
from ..vocab import round_as_of

KINDS: tuple[str, ...] = ("nap", "srm", "ogp")

MEASURE_COLUMNS: tuple[str, ...] = (
    "item_id", "title", "agencies", "deadline", "deadline_end", "level", "status", "percent",
    "assessed_round", "overdue", "evidence", "comment",
)
"""Columns of :func:`measures`: the item, its deadline as written and its last day, its level
(code) and status (words), percent, the round the status comes from, overdue, and the evidence and
comment of that assessment."""


@dataclass(frozen=True)
class Selection:
    """What the analyst picked.

    Attributes
    ----------
    kind : str or None
        ``nap``, ``srm`` or ``ogp``; ``None`` keeps every kind.
    round : str or None
        Round id; ``None`` for the latest round of the data.
    by : str or None
        One of :data:`~ogpstats.indicators.GROUP_FIELDS`; ``None`` for one row ``all``.
    scheme : str or None
        ``irm``, ``caerc`` or ``percent``; ``None``: by the data's kind, as everywhere
        (:func:`ogpstats.levels.scheme_for`).
    due_only : bool
        Only items whose deadline has passed at the round.
    group : str or None
        One group of ``by`` (``"1"``, an agency, a road map key); ``None`` for all items.
    """

    kind: str | None = None
    round: str | None = None
    by: str | None = None
    scheme: str | None = None
    due_only: bool = False
    group: str | None = None


def of_kind(ds: Dataset, kind: str | None) -> Dataset:
    """The items of one kind, their assessments and their plans' KPIs (all of ``ds`` for ``None``)."""
    if kind is None:
        return ds
    items = ds.items[ds.items["kind"] == kind].reset_index(drop=True)
    keys = set(zip(items["plan"], items["item_id"]))
    mine = [k in keys for k in zip(ds.assessments["plan"], ds.assessments["item_id"])]
    assessments = ds.assessments[mine].reset_index(drop=True) if len(ds.assessments) else ds.assessments
    kpis = ds.kpis[ds.kpis["plan"].isin(set(items["plan"]))].reset_index(drop=True) if len(ds.kpis) else make_kpis([])
    return Dataset(items, assessments, kpis, [p for p in ds.problems if str(p.file) in set(items["file"].astype(str))])


def kinds(ds: Dataset) -> list[str]:
    """The kinds of item in the data, in the order nap, srm, ogp."""
    present = set(ds.items["kind"].dropna())
    return [k for k in KINDS if k in present]


def groupings(ds: Dataset) -> list[str]:
    """The groupings that mean something for these items: a field some item has a value for."""
    items = ds.items
    out = []
    for by in GROUP_FIELDS:
        if by == "agency":
            has = bool(items["agencies"].map(len).gt(0).any()) if len(items) else False
        elif by == "year":
            has = bool(items["end_year"].notna().any() or items["deadline_end"].notna().any()
                       or items["ongoing"].any())
        elif by == "plan":
            has = items["plan"].nunique() > 1
        else:
            has = bool(items[by].notna().any())
        if has:
            out.append(by)
    return out


def resolve_round(ds: Dataset, round: str | None) -> str | None:
    """The round a selection means: the one given, else the latest of the data (``None`` without rounds)."""
    rounds = ds.rounds
    if round is not None:
        return round
    return rounds[-1] if rounds else None


def indicator_table(ds: Dataset, sel: Selection) -> pd.DataFrame:
    """The indicators of the selection, one row per group (:func:`~ogpstats.indicators.compute_indicators`)."""
    part = of_kind(ds, sel.kind)
    return compute_indicators(part.items, part.assessments, scheme=sel.scheme, by=sel.by,
                              round=resolve_round(part, sel.round), due_only=sel.due_only)


def rounds_series(ds: Dataset, sel: Selection) -> pd.DataFrame:
    """The indicators at every round up to the selected one, for the selected group or for all items.

    Returns the indicator columns, one row per round (earliest first), ``group``
    being the selected group or ``all``; ready for :func:`ogpstats.plots.index_over_rounds`.
    """
    part = of_kind(ds, sel.kind)
    last = resolve_round(part, sel.round)
    if last is None:
        return compute_indicators(part.items, part.assessments, scheme=sel.scheme).iloc[0:0]
    rounds = rounds_upto(part.rounds, last)
    by = sel.by if sel.group is not None else None
    frames = []
    for r in rounds:
        ind = compute_indicators(part.items, part.assessments, scheme=sel.scheme, by=by, round=r,
                                 due_only=sel.due_only)
        frames.append(ind[ind["group"] == sel.group] if by is not None else ind)
    return pd.concat(frames, ignore_index=True)


def groups(ds: Dataset, sel: Selection) -> list[str]:
    """The groups of the selection's grouping, in the indicator table's order."""
    if sel.by is None:
        return []
    return list(indicator_table(ds, sel)["group"])


def measures(ds: Dataset, sel: Selection, lang: str = "en") -> pd.DataFrame:
    """The measures of the selected group (all measures when no group), with their status at the round.

    Parameters
    ----------
    ds
        The data.
    sel
        The selection; ``due_only`` keeps the measures whose deadline has passed,
        as in the indicator table.
    lang
        Language of the ``status`` words.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MEASURE_COLUMNS`, one row per measure, in measure-number
        order. ``agencies`` are joined with ``"; "``; ``evidence`` and ``comment``
        are those of the assessment the status comes from.
    """
    part = of_kind(ds, sel.kind)
    round_ = resolve_round(part, sel.round)
    status = status_at(part.items, part.assessments, round_)
    as_of = round_as_of(round_) if round_ else None
    status["overdue"] = overdue_mask(status, as_of).astype(bool)
    if sel.due_only:
        status = status[due_mask(status, as_of)]
    if sel.by is not None and sel.group is not None:
        keyed = group_keys(status, sel.by)
        status = keyed[keyed["group"] == sel.group].drop(columns="group")
    notes = part.assessments[["plan", "item_id", "round", "evidence", "comment"]].rename(
        columns={"round": "assessed_round"}).drop_duplicates(["plan", "item_id", "assessed_round"], keep="last")
    status = status.merge(notes, on=["plan", "item_id", "assessed_round"], how="left")
    m = messages(lang)
    out = pd.DataFrame({
        "item_id": status["item_id"], "title": status["title"],
        "agencies": ["; ".join(a) for a in status["agencies"]],
        "deadline": status["deadline_text"], "deadline_end": status["deadline_end"],
        "level": status["level"].astype(object).where(status["level"].notna(), None),
        "status": [m.level(lv) for lv in status["level"].astype(object)],
        "percent": status["percent"], "assessed_round": status["assessed_round"],
        "overdue": status["overdue"].astype(bool),
        "evidence": status["evidence"], "comment": status["comment"],
    })
    order = sorted(range(len(out)), key=lambda i: natural_key(out["item_id"].iat[i]))
    return out.iloc[order].reset_index(drop=True)


def group_labels(ds: Dataset, by: str | None, lang: str = "en") -> dict[str, str]:
    """Display names of groups: ``"1. <direction title>"`` for commitments, road map titles, priority titles."""
    items = ds.items
    if by == "commitment":
        pairs = zip(items["commitment"], items["section_title"])
        return {str(c): f"{c}. {t}" for c, t in pairs if c is not None and isinstance(t, str) and t}
    if by == "roadmap":
        from ..io.roadmaps import roadmap_titles

        return roadmap_titles(lang)
    if by == "priority":
        keyed = group_keys(items, "priority")
        return {g: f"{g} {t}" for g, t in zip(keyed["group"], keyed["section_title"]) if isinstance(t, str) and t}
    return {}


def round_choices(ds: Dataset, lang: str = "en") -> list[tuple[str, str]]:
    """``(label, round id)`` for every round of the data, earliest first."""
    m = messages(lang)
    return [(m.round_label(r), r) for r in rounds_in_order(ds.assessments["round"])]


def format_indicators(ind: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The indicator table for reading: rates as percents and the index with one decimal, counts as integers."""
    m = messages(lang)
    out = ind.drop(columns=["round", "scheme"], errors="ignore").copy()
    for col in ("high_completion_rate", "completion_rate"):
        out[col] = [m.percent(v) for v in out[col]]
    for col in ("implementation_index", "mean_percent"):
        out[col] = [m.number(v, 1) for v in out[col]]
    return out
