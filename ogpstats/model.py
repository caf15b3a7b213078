"""The two tidy tables everything is read into: items and assessments.

items
    One row per commitment, measure or OGP commitment.

    ============== =========================================================
    plan           plan name, e.g. ``"NAP 2016-2018"``
    kind           ``nap`` | ``srm`` | ``ogp``
    commitment     NAP direction number (``"1"``) or OGP commitment number
    roadmap        SRM road map key (``"tourism"``), else null
    priority       SRM priority number (``"1.2"``), else null
    section_title  title of the item's section: the NAP direction or the SRM
                   priority (``"Açıq məlumatlar və elektron hökumət"``), else null
    item_id        measure number (``"1.1"``, ``"1.2.3"``) or OGP identifier;
                   unique within a plan
    title          the measure's wording
    agencies       list of implementing agencies (lead first)
    deadline_text  the deadline as written
    start          first day of the item's period (datetime64), NaT if unknown
    deadline_end   last day of the deadline (datetime64), NaT when none/ongoing
    ongoing        True for permanent measures ("Daimi")
    weight         float, default 1
    country        OGP member (OGP export), else null
    region         OGP region when the export has a Region column, else null
    end_year       action plan end year (Int64), else null
    file, sheet, cell  where the item was read
    ============== =========================================================

assessments
    One row per item and monitoring round.

    ============== =========================================================
    plan, item_id  the item assessed
    round          canonical round id: ``YYYY``, ``YYYY-H1``, ``YYYY-Q3``,
                   or OGP's ``progress_report`` / ``end_of_term``
    as_of          last day of the round's period (datetime64; NaT for OGP)
    level          ``not_started`` | ``limited`` | ``substantial`` |
                   ``complete``, or null (not assessed)
    percent        0-100 or NaN
    evidence, comment  free text
    file, sheet, cell  where the status was read
    ============== =========================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import pandas as pd

from .levels import LEVELS
from .rounds import rounds_in_order
from .translations import Translations
from .vocab import round_as_of

ITEM_COLUMNS: tuple[str, ...] = (
    "plan", "kind", "commitment", "roadmap", "priority", "section_title", "item_id", "title", "agencies",
    "deadline_text", "start", "deadline_end", "ongoing", "weight", "country", "region", "end_year",
    "file", "sheet", "cell",
)
ASSESSMENT_COLUMNS: tuple[str, ...] = (
    "plan", "item_id", "round", "as_of", "level", "percent", "evidence", "comment",
    "file", "sheet", "cell",
)
KPI_COLUMNS: tuple[str, ...] = (
    "plan", "roadmap", "kpi", "unit", "baseline_year", "baseline", "target_year", "target",
    "year", "value",
)
"""KPIs in long form: one row per KPI and year of actual value (``year``/``value``
null for a KPI with no actual yet)."""

LEVEL_DTYPE = pd.CategoricalDtype(list(LEVELS), ordered=True)
_LEVEL_CODES = {level: code for code, level in enumerate(LEVEL_DTYPE.categories)}


def make_items(records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Build an items table with every column and the right dtypes."""
    df = pd.DataFrame(records).reindex(columns=list(ITEM_COLUMNS))
    for col in ("plan", "kind", "commitment", "roadmap", "priority", "section_title", "item_id", "title",
                "deadline_text", "country", "region", "file", "sheet", "cell"):
        df[col] = _objects_or_none(df[col])
    df["agencies"] = [a if isinstance(a, list) else [] for a in df["agencies"].tolist()]
    df["start"] = pd.to_datetime(df["start"])
    df["deadline_end"] = pd.to_datetime(df["deadline_end"])
    df["ongoing"] = df["ongoing"].astype(object).where(df["ongoing"].notna(), False).astype(bool)
    df["weight"] = pd.to_numeric(df["weight"]).fillna(1.0).astype(float)
    df["end_year"] = pd.to_numeric(df["end_year"]).astype("Int64")
    return df.reset_index(drop=True)


def make_assessments(records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Build an assessments table with every column and the right dtypes.

    ``as_of`` is filled from ``round`` where missing.
    """
    df = pd.DataFrame(records).reindex(columns=list(ASSESSMENT_COLUMNS))
    for col in ("plan", "item_id", "round", "evidence", "comment", "file", "sheet", "cell"):
        df[col] = _objects_or_none(df[col])
    as_of = pd.to_datetime(df["as_of"])
    # One parse per distinct round, not per row: assessment tables reach 10^6 rows.
    codes, rounds = pd.factorize(df["round"])
    as_of_by_round = np.array([round_as_of(r) for r in rounds] + [None], dtype=object)
    derived = pd.to_datetime(pd.Series(as_of_by_round[codes], index=df.index, dtype=object))  # code -1: no round
    df["as_of"] = as_of.fillna(derived)
    df["level"] = _levels(df["level"])
    df["percent"] = pd.to_numeric(df["percent"]).astype(float)
    return df.reset_index(drop=True)


def _levels(col: pd.Series) -> pd.Series:
    """A level column as :data:`LEVEL_DTYPE`: anything but a level (``None``, a typo) is null."""
    try:  # category codes by one dict lookup per row, a C loop
        codes = np.fromiter(map(_LEVEL_CODES.get, col.to_numpy(dtype=object), repeat(-1)), dtype=np.int8,
                            count=len(col))
    except TypeError:  # an unhashable value (a list): compared one by one
        return col.astype("object").where(col.isin(LEVELS), None).astype(LEVEL_DTYPE)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=LEVEL_DTYPE), index=col.index)


def _objects_or_none(col: pd.Series) -> pd.Series:
    """A text column as Python objects, ``None`` where missing (not NaN): untouched when it already is."""
    if col.dtype == object and not col.isna().any():
        return col
    return col.astype("object").where(col.notna(), None)


def make_kpis(records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Build a KPI table (long form) with every column."""
    df = pd.DataFrame(records).reindex(columns=list(KPI_COLUMNS))
    for col in ("baseline_year", "target_year", "year"):
        df[col] = pd.to_numeric(df[col]).astype("Int64")
    for col in ("baseline", "target", "value"):
        df[col] = pd.to_numeric(df[col]).astype(float)
    return df.reset_index(drop=True)


@dataclass(eq=False)  # tables do not compare with ==
class Dataset:
    """Items, assessments and KPIs read from one or more files.

    Attributes
    ----------
    items, assessments, kpis : pandas.DataFrame
        The tidy tables (see module docstring); ``kpis`` defaults to an empty table.
    problems : list of ogpstats.validate.Problem
        What the readers found wrong, with cells.
    agency_cells : list of str
        Per item, the A1 cell its agencies were read from (where an agency
        typo is reported); empty when the reader did not say, then an
        item's own cell is used.
    illustrative : list of str
        Files whose workbook says its figures are made up (the instructions
        sheet's ``Nümunə məlumat / Illustrative data`` row): reports built on
        them carry a notice.
    """

    items: pd.DataFrame
    assessments: pd.DataFrame
    kpis: pd.DataFrame = field(default_factory=lambda: make_kpis([]))
    problems: list = field(default_factory=list)
    agency_cells: list[str] = field(default_factory=list)
    illustrative: list[str] = field(default_factory=list)
    translations: Translations = field(default_factory=Translations)

    def __post_init__(self) -> None:
        if self.kpis is None:  # an explicit None is still taken for "no KPIs"
            self.kpis = make_kpis([])
        self.problems = self.problems or []
        if self.translations is None:
            self.translations = Translations()

    @property
    def rounds(self) -> list[str]:
        """Round ids present in the assessments, earliest first."""
        return rounds_in_order(self.assessments["round"])

    def item_agency_cells(self) -> list[str]:
        """Per item, the cell its agencies were read from (the item's cell when unknown)."""
        if len(self.agency_cells) == len(self.items):
            return list(self.agency_cells)
        return [str(c) if c else "" for c in self.items["cell"]]

    @classmethod
    def concat(cls, parts: list[Dataset]) -> Dataset:
        """Join datasets read from several files."""
        if not parts:
            return cls(make_items([]), make_assessments([]))
        translations = Translations()
        for p in parts:
            translations.update(p.translations)
        return cls(
            make_items(pd.concat([p.items for p in parts], ignore_index=True)),
            make_assessments(pd.concat([p.assessments for p in parts], ignore_index=True)),
            make_kpis(pd.concat([p.kpis for p in parts], ignore_index=True)),
            [q for p in parts for q in p.problems],
            [c for p in parts for c in p.item_agency_cells()],
            [f for p in parts for f in p.illustrative],
            translations,
        )
