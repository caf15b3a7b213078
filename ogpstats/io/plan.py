"""The plan table: one row per measure, with its section, agencies, deadline and weight."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..vocab import round_sort_key
from .cells import cell_text, float_candidates, is_blank, measure_number
from .columns import (
    blank_cells,
    blank_frame,
    cell_refs,
    dedupe,
    measure_numbers,
    nones,
    objects,
    repeated,
    split_column,
    table_frame,
    texts,
)
from .deadlines import DEADLINE_FIELDS, read_deadlines
from .roadmaps import ROADMAPS, roadmap_key
from .rounds import RoundReading, merge_statuses
from .sections import Sections, find_sections, section_context, table_end
from .tables import Table
from .translation_columns import TextRow, measure_texts, section_texts, translation_column_set

_PLAN_FIELDS = ("title", "indicator", "agencies", "lead_agency", "related_agencies", "deadline", "weight",
                "commitment", "roadmap", "priority", "section_title")
_DETAIL_FIELDS = ("agencies", "lead_agency", "related_agencies", "deadline", "indicator")


@dataclass
class PlanRows:
    """The rows of a plan table (index = sheet rows), cut at the first note under it."""

    df: pd.DataFrame
    structure: pd.DataFrame  # ``df`` without translation columns: what sections and notes are found in
    raw_id: pd.Series
    numbers: pd.Series
    is_number: pd.Series
    n_filled: pd.Series
    has_title: pd.Series
    has_detail: pd.Series


def plan_rows(table: Table) -> PlanRows:
    """What each row of a plan table holds: a measure number, a title, details."""
    cols = table.cols
    df = table_frame(table)
    raw_id = df[cols["item_id"]]
    structure = df.drop(columns=[c for c in translation_column_set(cols) if c in df.columns])
    blank = blank_frame(structure)
    n_filled = (~blank).sum(axis=1)
    nums, is_number = measure_numbers(raw_id)
    has = {f: ~blank[c] for f, c in cols.items() if f in _PLAN_FIELDS}
    has_title = has.get("title", pd.Series(False, index=df.index))
    has_detail = pd.Series(False, index=df.index)
    for f in _DETAIL_FIELDS:
        if f in has:
            has_detail |= has[f]
    cut = table_end(structure, is_number, n_filled)
    df, structure, nums, is_number, n_filled, has_title, has_detail = (
        x.iloc[:cut] for x in (df, structure, nums, is_number, n_filled, has_title, has_detail))
    return PlanRows(df, structure, raw_id, nums, is_number, n_filled, has_title, has_detail)


def _agencies(col, cols: dict[str, int], m) -> pd.Series:
    """Per measure, its agencies: lead first, then related, then the plain agencies column."""
    parts = [split_column(col(f)) for f in ("lead_agency", "related_agencies", "agencies")
             if f in cols]
    if not parts:
        return pd.Series([[] for _ in m], index=m, dtype=object)
    if len(parts) == 1:
        return objects([list(x) for x in parts[0].to_numpy()], m)  # a list per measure, not one per distinct cell
    return pd.Series([dedupe([n for part in x for n in part]) for x in zip(*parts)], index=m, dtype=object)


WEIGHT_MAX = 1_000_000
"""The largest weight. Weights are relative (2 counts twice 1), so no plan needs more; the bound keeps a
weighted sum over many items far from overflowing to infinity (two weights of 1e308 do)."""


def invalid_weights(weights: pd.Series) -> pd.Series:
    """True where a weight (a number, NaN for blank) is not a finite number from 0 to :data:`WEIGHT_MAX`.

    0 is valid: it leaves the item out of the weighted figures. A negative weight
    would move the index the wrong way, ``inf`` makes it null.
    """
    w = weights.astype(float)
    return w.notna() & ~((w >= 0) & (w <= WEIGHT_MAX))  # NaN-safe: inf and -inf fail the bounds


def _number_text(x: float) -> str:
    """A number as a reader writes it: ``-2``, ``2.5``, ``1e+308``, ``inf`` (not 309 digits)."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


class PlanReading(RoundReading):
    """The plan-reading part of :class:`~ogpstats.io.government.GovernmentReader` (round columns
    beside the plan are read as in round sheets)."""

    text_rows: list[TextRow]  # the plan's text in other languages (set by GovernmentReader)

    def _read_plan(self, table: Table) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The plan's measures, their numbering extras, and the assessments of round columns beside them."""
        sheet, cols = table.sheet, table.cols
        rows = plan_rows(table)
        df, id_col = rows.df, cols["item_id"]
        section_num, section_title = find_sections(rows.structure, rows.numbers, rows.is_number, rows.n_filled,
                                                   rows.has_title, rows.has_detail, cols.get("title"))
        is_section = section_num.notna()
        is_measure = rows.is_number & ~is_section & (rows.has_title if "title" in cols else True)
        # Rows that look like a measure but have no number: say so.
        orphan = ~rows.is_number & ~is_section & rows.has_title & rows.has_detail & (rows.n_filled >= 3)
        for r in df.index[orphan]:
            self.problem("number.missing", "warning", sheet.name, r, id_col)
        mask = is_measure.to_numpy()  # rows by position from here: label lookups of 100,000 rows cost
        m = df.index[mask]
        sec = section_context(section_num, section_title).at(mask)
        out = self._measure_fields(table, df[mask], rows.numbers[mask], sec)
        if translation_column_set(cols):
            sections = section_texts(df, df.index[is_section], section_title, cols)
            self.text_rows += measure_texts(self, sheet.name, df, out, cols, sections)
        agency_col = cols.get("lead_agency", cols.get("agencies", cols.get("related_agencies", id_col)))
        raw_ids = rows.raw_id.iloc[:len(mask)][mask].tolist()  # raw_id is not cut at the notes under the table
        extra = pd.DataFrame({
            "candidates": [float_candidates(v) if isinstance(v, float) else None for v in raw_ids],
            "number": objects(rows.numbers[mask].to_numpy()),
            "agency_cell": objects(cell_refs(agency_col, m)),
            "roadmap": out["roadmap"].to_numpy() if self.kind == "srm" else None,
        })
        # SRM measures of no known road map ("?/1.2") are dropped; a NAP's item ids are its numbers.
        keep = np.array([not (isinstance(i, str) and i.startswith("?/")) for i in out["item_id"].tolist()],
                        dtype=bool) if self.kind == "srm" else np.ones(len(out), dtype=bool)
        out, extra = out.reset_index(drop=True)[keep].reset_index(drop=True), extra[keep].reset_index(drop=True)
        return out, extra, self._round_columns(table, df, m[keep], out)

    def _measure_fields(self, table: Table, df: pd.DataFrame, number: pd.Series, sec: Sections) -> pd.DataFrame:
        """The items-table fields of the measure rows ``df`` (``number`` and ``sec`` at the same rows)."""
        sheet, cols, m = table.sheet, table.cols, df.index

        def col(f):
            return df[cols[f]] if f in cols else nones(m)

        out = pd.DataFrame(index=m)
        if "deadline" in cols:
            deadlines = read_deadlines(self, sheet.name, col("deadline"), cols["deadline"])
            for f in DEADLINE_FIELDS:
                out[f] = deadlines[f]  # same index: no realignment, and the text stays Python text
        stitle = texts(col("section_title")) if "section_title" in cols else nones(m)
        if self.kind == "srm":
            self._srm_fields(table, out, col, number, sec)
            deep_or_top = sec.title_deep.where(sec.title_deep.notna(), sec.title_top)
            out["section_title"] = stitle.where(stitle.notna(), deep_or_top)
            out["commitment"] = None
        else:
            out["commitment"] = _commitment(col("commitment") if "commitment" in cols else None, number, sec, m)
            out["item_id"] = number
            out["section_title"] = stitle.where(stitle.notna(), sec.title_top)
            out["roadmap"] = None
            out["priority"] = None
        out["plan"] = repeated(self.plan, m)
        out["kind"] = repeated(self.kind, m)
        out["title"] = texts(col("title")).fillna("")
        out["agencies"] = _agencies(col, cols, m)
        if "weight" in cols:
            out["weight"] = self._weights(sheet.name, col("weight"), cols["weight"])
        out["file"] = repeated(self.file, m)
        out["sheet"] = repeated(sheet.name, m)
        out["cell"] = objects(cell_refs(cols["item_id"], m), m)
        return out

    def _srm_fields(self, table: Table, out: pd.DataFrame, col, number: pd.Series, sec: Sections) -> None:
        """Road map, priority and item id (``<road map>/<number>``) of SRM measures."""
        sheet, cols, m = table.sheet, table.cols, out.index
        roadmap = col("roadmap").map(roadmap_key) if "roadmap" in cols else nones(m)
        roadmap = roadmap.where(roadmap.notna(), table.roadmap)
        unknown = roadmap.isna()
        if unknown.any() and "roadmap" in cols:
            for r in m[unknown.to_numpy()]:
                self.problem("roadmap.unknown", "error", sheet.name, r, cols["roadmap"],
                             value=cell_text(col("roadmap").loc[r]), names=", ".join(ROADMAPS))
        elif unknown.any():
            self.problem("roadmap.which", "error", sheet.name, table.header, cols["item_id"], value=sheet.name)
        out["roadmap"] = roadmap
        priority = col("priority").map(measure_number) if "priority" in cols else nones(m)
        from_number = number.map(lambda n: n.rsplit(".", 1)[0] if n.count(".") >= 2 else None)
        priority = priority.where(priority.notna(), from_number)
        priority = priority.where(priority.notna(), sec.deep.where(sec.deep.notna(), sec.commitment))
        priority = priority.where(priority.notna(), number.map(lambda n: n.rsplit(".", 1)[0] if "." in n else None))
        out["priority"] = priority
        out["item_id"] = roadmap.fillna("?") + "/" + number

    def _weights(self, sheet: str, raw: pd.Series, col: int) -> pd.Series:
        """Weights as numbers; an error at each cell that is not one, or not a valid weight.

        A blank cell and an erroneous one read as NaN (the default weight 1), but an
        error blocks indicators anyway.
        """
        w = pd.to_numeric(raw.map(lambda v: None if is_blank(v) else v), errors="coerce")
        for r in raw.index[(w.isna() & ~blank_cells(raw)).to_numpy()]:
            self.problem("weight.not_number", "error", sheet, r, col, value=cell_text(raw.loc[r]))
        bad = invalid_weights(w)
        for r in raw.index[bad.to_numpy()]:
            value = raw.loc[r]
            shown = cell_text(value) if isinstance(value, str) else _number_text(float(w.loc[r]))
            self.problem("weight.invalid", "error", sheet, r, col, value=shown, max=WEIGHT_MAX)
        return w.where(~bad)

    def _round_columns(self, table: Table, df: pd.DataFrame, rows: pd.Index, out: pd.DataFrame) -> pd.DataFrame:
        """Assessments of round columns to the right of the plan (a status and a percent column of
        one round make one assessment) at the measure ``rows`` of ``df``."""
        if not table.rounds:
            return pd.DataFrame()
        frame = df.loc[rows]
        by_round: dict[str, list[tuple[int, str]]] = {}
        for c, (round_id, what) in table.rounds.items():
            by_round.setdefault(round_id, []).append((c, what))
        # An evidence or comment column beside round columns speaks of the latest of them.
        latest = max(by_round, key=round_sort_key)
        recs = []
        for round_id, columns in by_round.items():
            parts = [self._statuses(table, frame[c] if c in frame.columns else nones(frame.index), c, what, round_id)
                     for c, what in columns]
            rec = merge_statuses(parts)
            rec["item_id"] = objects(out["item_id"].to_numpy(), rec.index)
            rec["_id_col"] = table.cols["item_id"]  # the measure's № cell, at _row
            for f in ("evidence", "comment"):
                if f in table.cols and round_id == latest:
                    rec[f] = objects(texts(frame[table.cols[f]]).to_numpy(), rec.index)
            recs.append(rec)
        return pd.concat(recs, ignore_index=True)


_FIRST_PART = re.compile(r"^(\d+)")


def _first_part(number: object) -> str | None:
    """The digits a measure number starts with (``"34"`` of ``34a.2``), ``None`` when none."""
    if not isinstance(number, str):
        return None
    head = number.partition(".")[0]
    if head.isascii() and head.isdigit():  # "34" of "34.2": no regex needed (nearly every number)
        return head
    found = _FIRST_PART.match(number)
    return found.group(1) if found else None


def _commitment(raw: pd.Series | None, number: pd.Series, sec: Sections, m) -> pd.Series:
    """A NAP measure's commitment: its column, else its section, else its number's first part."""
    commitment = raw.map(measure_number) if raw is not None else pd.Series(None, index=m, dtype=object)
    numbers = number.tolist()
    if sec.unnumbered:  # unnumbered sections yield to two-part measure numbers
        dotted = [isinstance(n, str) and "." in n for n in numbers]
        commitment = commitment.where(commitment.notna(), _first_parts(numbers, number.index).where(dotted))
    commitment = commitment.where(commitment.notna(), sec.commitment)
    missing = np.flatnonzero(commitment.isna().to_numpy())  # no column, no section: nearly never
    if not len(missing):
        return commitment
    values = commitment.to_numpy(dtype=object).copy()
    values[missing] = _first_parts([numbers[i] for i in missing]).to_numpy()
    return objects(values, commitment.index)


def _first_parts(numbers: list, index=None) -> pd.Series:
    """:func:`_first_part` of each number."""
    # The part before the first dot, without a milestone letter: 34a and 34b are milestones of commitment 34.
    # "34" of "34.2" without a call per number when it starts with ASCII digits (nearly every one).
    return objects([head if type(n) is str and (head := n.partition(".")[0]).isdigit() and head.isascii()
                    else _first_part(n) for n in numbers], index)
