"""Monitoring rounds: status and percent cells, round sheets and round columns.

Monitoring results are a sheet per round (the sheet's name names the
round), a long-form sheet with a round column (the template), columns to the
right of the plan headed by a round, or a status column on a plan sheet
named after a round. Each status cell becomes a level or a percent; each
row of a round sheet is matched to the plan's measure by its number.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..validate import cell_ref
from ..vocab import parse_round
from .cells import (
    Sheet,
    cell_text,
    float_candidates,
    is_blank,
    looks_like_percent,
    parse_percent,
    percent_formatted,
)
from .columns import blank_cells, cell_refs, measure_numbers, nones, objects, repeated, table_frame, texts
from .reader import Reader
from .roadmaps import roadmap_key
from .tables import Table

if TYPE_CHECKING:
    from ..vocab import StatusVocabulary


class RoundReading(Reader):
    """The round-reading part of :class:`~ogpstats.io.government.GovernmentReader`."""

    # Set by GovernmentReader.__init__ (and kind and plan once read).
    vocab: StatusVocabulary
    kind: str | None
    plan: str | None

    def _statuses(self, table: Table, values: pd.Series, col: int, what: str,
                  round_id: str | None, rounds: pd.Series | None = None) -> pd.DataFrame:
        """Levels and percents of one column of status cells (index = sheet rows)."""
        sheet = table.sheet
        cells = values.to_numpy(dtype=object).copy()
        cells[blank_cells(values).to_numpy()] = None
        values = objects(cells, values.index)
        level = nones(values.index)
        percent = pd.Series(np.nan, index=values.index, dtype=float)
        bad = np.zeros(len(values), dtype=bool)  # by position, as the masks below
        present = values.notna()
        if what == "percent":
            as_pct = present
        elif what == "status":
            as_pct = pd.Series(False, index=values.index)
        else:
            as_pct = present & values.map(looks_like_percent)
        as_word = present & ~as_pct
        if as_word.any():
            words = values[as_word]
            levels = {w: self.vocab.level(w) for w in words.unique()}
            lv = objects([levels[w] for w in words.tolist()], words.index)
            for r in lv.index[lv.isna()]:
                self.problem("status.unknown", "error", sheet.name, r, col, self.vocab.suggest(values.loc[r]),
                             value=cell_text(values.loc[r]))
            bad[as_word.to_numpy()] |= lv.isna().to_numpy()
            level[as_word.to_numpy()] = lv.where(lv != "not_assessed", None).to_numpy()  # positions, not labels
        if as_pct.any():
            at_pct = np.flatnonzero(as_pct.to_numpy())  # the positions of pv's rows
            pv = values[as_pct]
            pv_values = pv.to_numpy()
            kinds = set(map(type, pv_values))
            is_num = np.full(len(pv), True) if kinds <= {int, float} else np.fromiter(
                (type(v) is int or type(v) is float for v in pv_values), dtype=bool, count=len(pv))
            nums = pd.to_numeric(pv.where(is_num), errors="coerce")
            text_rows = nums.isna()
            if text_rows.any():
                cache = {}
                for v in pv[text_rows].unique():
                    try:
                        cache[v] = parse_percent(v)
                    except ValueError:
                        cache[v] = None
                parsed = pv[text_rows].map(cache)
                for r in parsed.index[parsed.isna()]:
                    self.problem("percent.not_number", "error", sheet.name, r, col, value=cell_text(values.loc[r]))
                bad[at_pct[text_rows.to_numpy()]] |= parsed.isna().to_numpy()
                nums = nums.where(~text_rows, pd.to_numeric(parsed, errors="coerce"))
            numeric = nums[~text_rows]
            # A cell formatted as a percent stores 75 % as 0.75; look at formats only when such a
            # value is there at all.
            if len(numeric) and ((numeric > 0) & (numeric <= 1)).any():
                nums[(~text_rows).to_numpy()] = numeric.to_numpy() * self._fraction_scale(table, numeric, col)
            out_of_range = (nums < 0) | (nums > 100)
            for r in nums.index[out_of_range]:
                self.problem("percent.range", "error", sheet.name, r, col, value=float(nums.loc[r]))
            bad[at_pct] |= out_of_range.to_numpy()
            percent[as_pct.to_numpy()] = nums.where(~out_of_range).to_numpy()
        at = pd.RangeIndex(len(values))
        return pd.DataFrame({
            "plan": repeated(self.plan, at),
            "round": repeated(round_id, at) if rounds is None else objects(rounds.to_numpy(), at),
            "level": objects(level.to_numpy(), at), "percent": percent.to_numpy(),
            "file": repeated(self.file, at), "sheet": repeated(sheet.name, at),
            "cell": objects(cell_refs(col, values.index), at),
            "_bad": bad, "_row": values.index.to_numpy(), "_col": col,
        })

    def _fraction_scale(self, table: Table, numeric: pd.Series, col: int) -> np.ndarray | float:
        """×100 for cells that store a percent as a fraction (Excel's 75 % is 0.75).

        .xlsx/.xlsm/.ods: the cells formatted as a percent. .xls/.csv keep no
        formats: a column whose numbers are all between 0 and 1 holds fractions.
        """
        formatted = percent_formatted(self.book, table.sheet, numeric.index.tolist(), col)
        if formatted is None:
            return 100.0 if numeric.min() >= 0 and numeric.max() <= 1 and (
                (numeric > 0) & (numeric < 1)).any() else 1.0
        return np.where(formatted, 100.0, 1.0) if any(formatted) else 1.0

    def _read_rounds(self, table: Table, lookup: PlanLookup) -> pd.DataFrame:
        """A round sheet (``2017-ci ilin I yarımili``) or the template's long-form sheet."""
        sheet, cols = table.sheet, table.cols
        df = table_frame(table)
        id_col = cols["item_id"]
        raw = df[id_col]
        numbers, is_number = measure_numbers(raw)
        numbered = is_number.to_numpy()  # by position from here, not by label
        rows = df.index[numbered]
        if not len(rows):
            self.problem("round.no_numbered_rows", "warning", sheet.name, table.header, id_col)
            return pd.DataFrame()
        sub = df[numbered]
        # Round: per row (long form) or the sheet's.
        round_series = None
        if "round" in cols:
            raw_round = sub[cols["round"]]
            parsed = {v: parse_round(v) for v in raw_round.map(lambda v: None if is_blank(v) else v).dropna().unique()}
            round_series = raw_round.map(lambda v: None if is_blank(v) else parsed.get(v))
            for r in round_series.index[round_series.isna()]:
                self.problem("round.unreadable", "error", sheet.name, r, cols["round"],
                             value=cell_text(sub.at[r, cols["round"]]))
        frames = []
        status_cols = [(cols["status"], "status")] if "status" in cols else []
        pct_col = cols.get("percent")
        if status_cols:
            rec = self._statuses(table, sub[cols["status"]], cols["status"], "status", table.sheet_round,
                                 round_series)
            if pct_col is not None:
                prec = self._statuses(table, sub[pct_col], pct_col, "percent", table.sheet_round, round_series)
                rec = merge_statuses([rec, prec])
            frames.append(rec)
        elif pct_col is not None:
            frames.append(self._statuses(table, sub[pct_col], pct_col, "percent", table.sheet_round, round_series))
        by_round: dict[str, list] = {}
        for c, (round_id, what) in table.rounds.items():
            by_round.setdefault(round_id, []).append(
                self._statuses(table, sub[c] if c in sub.columns else nones(rows),
                               c, what, round_id))
        frames += [merge_statuses(parts) for parts in by_round.values()]
        if not frames:
            return pd.DataFrame()
        # Which measure each row is: by number (and road map for SRM).
        roadmap = None
        if self.kind == "srm":
            if "roadmap" in cols:
                roadmap = sub[cols["roadmap"]].map(roadmap_key)
                roadmap = roadmap.where(roadmap.notna(), table.roadmap)
            else:
                roadmap = pd.Series(table.roadmap, index=rows, dtype=object)
        item_ids = lookup.resolve(self, sheet, id_col, rows, numbers[numbered], raw[numbered], roadmap)
        evidence = texts(sub[cols["evidence"]]).to_numpy() if "evidence" in cols else None
        comment = texts(sub[cols["comment"]]).to_numpy() if "comment" in cols else None
        out = []
        for rec in frames:
            rec["item_id"] = objects(item_ids.to_numpy(), rec.index)
            rec["evidence"] = objects(evidence, rec.index) if evidence is not None else None
            rec["comment"] = objects(comment, rec.index) if comment is not None else None
            rec["_id_col"] = id_col  # the row's № cell, at _row: named only in a message about it
            out.append(rec[rec["item_id"].notna() & (rec["round"].notna())])
        return pd.concat(out, ignore_index=True)

    def _check_assessments(self, a: pd.DataFrame) -> pd.DataFrame:
        """Drop bad rows; duplicate rows of one round; warn about empty rounds."""
        if not len(a):
            return a
        a = a[~a["_bad"].astype(bool)]
        key = ["plan", "item_id", "round", "sheet", "_col"]
        # Rows of one key share their item id: the other columns are compared only when ids repeat.
        if a["item_id"].duplicated(keep=False).any() and (dup := a.duplicated(key, keep=False)).any():
            for _, grp in a[dup].groupby(key, sort=False):
                id_cells = pd.Series([cell if col != col else cell_ref(int(row), int(col))  # NaN: no № column
                                      for row, col, cell in zip(grp["_row"], grp["_id_col"], grp["cell"])])
                cells = [f"{s}!{c}" for s, c in zip(grp["sheet"], id_cells)]
                shown = grp["item_id"].iloc[0].split("/", 1)[-1]
                self.problem_at("number.duplicate_in_round", "error", grp["sheet"].iloc[0], id_cells.iloc[0],
                                value=shown, round=grp["round"].iloc[0], cells=cells)
        filled = a["level"].notna() | a["percent"].notna()
        by_round = filled.groupby([a["round"], a["sheet"], a["_col"]], sort=False).any()
        for (round_id, sheet, col), ok in by_round.items():
            if not ok:
                first = a[(a["round"] == round_id) & (a["sheet"] == sheet) & (a["_col"] == col)]["_row"].min()
                self.problem("round.empty", "warning", sheet, int(first), int(col), round=round_id)
        return a.drop(columns=[c for c in a.columns if c.startswith("_")])

    # -- KPIs ------------------------------------------------------------------------


def merge_statuses(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One assessment per row from a status column and a percent column of the same round."""
    if len(parts) == 1:
        return parts[0]
    rec = parts[0].copy()
    for other in parts[1:]:
        only_other = (rec["level"].isna() & rec["percent"].isna()).to_numpy() & (
            other["level"].notna() | other["percent"].notna()).to_numpy()
        rec["cell"] = objects(np.where(only_other, other["cell"].to_numpy(), rec["cell"].to_numpy()), rec.index)
        rec["level"] = rec["level"].where(rec["level"].notna(), other["level"].to_numpy())
        rec["percent"] = rec["percent"].where(rec["percent"].notna(), other["percent"].to_numpy())
        rec["_bad"] = rec["_bad"].to_numpy() | other["_bad"].to_numpy()
    return rec



class PlanLookup:
    """Find the plan's measure for a number read in a round sheet.

    The lookup counts each key and keeps its first position: ``<road map>\\x1f<number>``, the number
    alone for a measure without a road map (a NAP's), plus ``\\x1e<number>`` for SRM round sheets that
    name no road map. A measure number holds neither separator: the three never meet.
    Plain dicts and lists: a round sheet of 100,000 rows is matched in tens of milliseconds
    (pandas string columns took ten times that).
    """

    _SEP, _ANY = "\x1f", "\x1e"

    def __init__(self, items: pd.DataFrame, extra: pd.DataFrame):
        self.items = items
        self._numbers = [str(n) for n in extra["number"].tolist()]
        rms = [rm if isinstance(rm, str) else "" for rm in extra["roadmap"].tolist()]
        self._n = len(self._numbers)
        self._keys: list[str] = []
        self.count: Counter[str] = Counter()
        self.first: dict[str, int] = {}
        self._several: dict[str, list[int]] | None = None
        self._add_keys([rm + self._SEP + n if rm else n for rm, n in zip(rms, self._numbers)]
                       if any(rms) else self._numbers)
        self._by_number = False  # the \x1e keys: added when a round sheet names no road map (SRM only)

    def _add_keys(self, keys: list[str]) -> None:
        """Count ``keys`` (one per plan position, in order) and keep the first position of each."""
        self._keys += keys
        self.count.update(keys)
        # The first position wins: it is set last. \x1f and \x1e keys never meet.
        self.first.update(zip(reversed(keys), reversed(range(len(keys)))))
        self._several = None

    def _with_by_number(self) -> None:
        if not self._by_number:
            self._add_keys([self._ANY + n for n in self._numbers])
            self._by_number = True

    def positions(self, key: str) -> list[int]:
        """The plan positions holding ``key``, in order (the error messages name them all)."""
        if self.count.get(key, 0) < 2:
            return [self.first[key]] if key in self.first else []
        if self._several is None:  # built once, on the first repeated key asked for
            self._several = {}
            for i, k in enumerate(self._keys):
                if self.count[k] > 1:
                    self._several.setdefault(k, []).append(i % self._n)
        return self._several[key]

    def _key(self, number: str, rm: str | None, by_number: bool) -> str:
        return self._ANY + number if by_number else rm + self._SEP + number if rm else number

    def resolve(self, reader: Reader, sheet: Sheet, id_col: int, rows, numbers: pd.Series,
                raw: pd.Series, roadmap: pd.Series | None) -> pd.Series:
        """The item id of each row (``None`` where the number is not in the plan, ambiguous or
        in several road maps — each reported as an error at the row's № cell)."""
        items, count, first = self.items, self.count, self.first
        numbers_l = [n if type(n) is str else str(n) for n in numbers.tolist()]
        rms = [v if isinstance(v, str) else None for v in roadmap.tolist()] if roadmap is not None \
            else [None] * len(rows)
        # An SRM round sheet without a road map: the number must be unique across road maps.
        by_number = [v is None for v in rms] if roadmap is not None else [False] * len(rows)
        if any(by_number):
            self._with_by_number()
        # Whole columns at a time (C-level map over the dicts): the number as typed …
        sep, any_ = self._SEP, self._ANY  # as _key, inline: a call per row costs more than the lookups
        keys = [any_ + n if by_n else rm + sep + n if rm else n for n, rm, by_n in zip(numbers_l, rms, by_number)] \
            if roadmap is not None else numbers_l  # a NAP's round sheet: the numbers are the keys
        hits = list(map(count.get, keys, repeat(0)))
        found = list(map(first.get, keys))
        # … and a float such as 1.1, which may have been typed 1.1 or 1.10: look both up.
        raw_l = raw.tolist()
        floats = [i for i, v in enumerate(raw_l) if isinstance(v, float) and float_candidates(v) is not None] \
            if any(issubclass(t, float) for t in set(map(type, raw_l))) else []
        for i in floats:
            key2 = self._key(numbers_l[i] + "0", rms[i], by_number[i])
            if not hits[i]:
                found[i] = first.get(key2)
            hits[i] += count.get(key2, 0)
        ids = items["item_id"].tolist()
        out = [ids[p] if h == 1 else None for p, h in zip(found, hits)]
        is_float = set(floats)
        wrong = [(int(rows[i]), numbers_l[i], rms[i], by_number[i], i in is_float, hits[i])
                 for i, h in enumerate(hits) if h != 1]
        # The rows that are wrong: one message each.
        for r, shown, row_rm, by_n, fl, hits_r in wrong:
            if hits_r == 0:
                if row_rm:
                    reader.problem("number.not_in_roadmap", "error", sheet.name, r, id_col, value=shown, roadmap=row_rm)
                else:
                    reader.problem("number.not_in_plan", "error", sheet.name, r, id_col, value=shown)
                continue
            row_keys = [self._key(shown, row_rm, by_n)] + ([self._key(shown + "0", row_rm, by_n)] if fl else [])
            at = list(dict.fromkeys(p for k in row_keys for p in self.positions(k)))
            if fl:
                reader.problem("number.ambiguous_in_round", "error", sheet.name, r, id_col, value=shown,
                               options=[ids[h].split("/")[-1] for h in at],
                               cells=[f"{items.at[h, 'sheet']}!{items.at[h, 'cell']}" for h in at])
            elif len(roadmaps := {items.at[h, "roadmap"] for h in at}) > 1:
                reader.problem("number.several_roadmaps", "error", sheet.name, r, id_col, value=shown,
                               names=", ".join(sorted(str(x) for x in roadmaps)))
            else:  # the plan itself has the number twice (reported there too)
                reader.problem("number.matches_several", "error", sheet.name, r, id_col, value=shown,
                               cells=[f"{items.at[h, 'sheet']}!{items.at[h, 'cell']}" for h in at])
        return pd.Series(out, index=rows, dtype=object)
