"""Section and priority rows, the end of a plan table, and measure numbers.

* **section rows** (``1. Elektron xidmətlərin təkmilləşdirilməsi``,
  ``Prioritet 1.2. …``, ``II. …``), usually one cell merged across the row,
  give the commitment / priority and its title to the measures below;
* notes under the table (``Qeyd: …``) end it;
* measure numbers must be unique in a plan, and a number stored as a float
  (1.1) may be ambiguous (typed 1.1 or 1.10).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pandas as pd

from ..vocab import normalize
from .cells import MEASURE_NUMBER, cell_text, is_blank
from .columns import ffill_until, nones
from .reader import Reader

# A section row: "1. Elektron xidmətlər…", "Prioritet 1.2. …", "II. …", "Bölmə 3: …".
_SECTION = re.compile(
    r"^(?:(?:prioritet|priority|приоритет|istiqamet|direction|направление|bolme|section|раздел|"
    r"strateji hedef|strategic target|hedef|oehdelik|ohdelik|commitment)\s*(?:№\s*)?)?"
    r"(\d+(?:\.\d+)*)(?:\s*[.):\-–]?\s+|[.)](?=[^\W\d_]))(\S.*)$")  # "1. Elektron", "1.Elektron"
# "I. Elektron xidmətlər", "II.Şəffaflıq": sections numbered in Roman numerals, as decrees often do.
_ROMAN_SECTION = re.compile(r"^\s*([IVX]{1,5})\s*(?:[.):\-–]\s*|\s+)(\S.*)$")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int | None:
    """The value of a Roman numeral up to XXXIX (``None`` for letters that are not one)."""
    values = [_ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total < 40 and _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


NOTE = re.compile(r"^(?:qeyd|qeydler|izah|note|notes|примечани|\*)")


def strip_section_number(text: str) -> str:
    """A section row's title without its number: "Prioritet 1.2. Turizm" → "Turizm"."""
    m = re.match(r"^\s*(?:\S+\s+)?\d+(?:\.\d+)*(?:\s*[.):\-–]?\s+|[.)](?=[^\W\d_]))", text)
    if m and re.search(r"\d", m.group(0)):
        rest = text[m.end():].strip()
        return rest or text
    return text



def table_end(df: pd.DataFrame, is_number: pd.Series, n_filled: pd.Series) -> int:
    """Position (not label) of the first note row (``Qeyd: …``) under the first measure; ``len(df)`` when none."""
    if not is_number.any():
        return len(df)
    first = int(np.argmax(is_number.to_numpy()))  # the first measure's position
    cells = df.to_numpy(dtype=object)  # rows by position: a label lookup per row costs more than the copy
    for at in np.flatnonzero(((n_filled > 0) & ~is_number).to_numpy()):
        if at <= first:
            continue
        first_text = next(cell_text(v) for v in cells[at] if not is_blank(v))
        if NOTE.match(normalize(first_text)):
            return int(at)
    return len(df)


def _section_row(text: str) -> tuple[str, str] | None:
    """(number, title) of a lone text that is a section row; number ``""`` for an unnumbered one."""
    m = _SECTION.match(normalize(text))
    if m:
        return m.group(1), strip_section_number(text)
    roman = _ROMAN_SECTION.match(text)
    if roman and _roman(roman.group(1)):
        return str(_roman(roman.group(1))), roman.group(2)
    if not MEASURE_NUMBER.match(text):
        return "", text
    return None


def find_sections(df: pd.DataFrame, numbers: pd.Series, is_number: pd.Series, n_filled: pd.Series,
                  has_title: pd.Series, has_detail: pd.Series, title_col: int | None) -> tuple[pd.Series, pd.Series]:
    """Section rows of a plan table: their number (``""`` when unnumbered) and title, null elsewhere.

    A section row is one text in the row (``1. Elektron …``, merged across), or a
    number whose title has no details and whose next numbered row continues it (1 → 1.1).
    """
    section_num = nones(df.index)
    section_title = nones(df.index)
    single = df.index[(n_filled == 1) & ~(is_number & ~has_title)]  # a lone number: nothing to read
    found_rows, found_num, found_title = [], [], []
    for r, values in zip(single, df.loc[single].itertuples(index=False)):
        found = _section_row(next(cell_text(v) or "" for v in values if not is_blank(v)))
        if found is not None:
            found_rows.append(r)
            found_num.append(found[0])
            found_title.append(found[1])
    section_num.loc[found_rows] = found_num
    section_title.loc[found_rows] = found_title
    numbered = numbers[is_number & has_title]
    parent = numbered.index[_continued(numbered.tolist())]
    for r in [r for r in parent if not has_detail.loc[r]]:
        section_num.loc[r] = numbers.loc[r]
        section_title.loc[r] = cell_text(df.at[r, title_col]) if title_col is not None else None
    return section_num, section_title


def _continued(numbers: list) -> list[bool]:
    """Whether the number after each one continues it (1 → 1.1); False for the last."""
    if not numbers:
        return []
    if set(map(type, numbers)) == {str}:  # measure numbers (always): C loops
        return list(map(str.startswith, numbers[1:], map(operator.add, numbers[:-1], repeat(".")))) + [False]
    nxt = numbers[1:] + [None]
    return [isinstance(n2, str) and isinstance(n1, str) and n2.startswith(n1 + ".") for n1, n2 in zip(numbers, nxt)]


@dataclass
class Sections:
    """What the sections above each row give it (null where no section does)."""

    commitment: pd.Series  # number of the top-level section (NAP direction)
    title_top: pd.Series
    deep: pd.Series  # number of a deeper section (an SRM priority under a strategic target)
    title_deep: pd.Series
    unnumbered: bool  # no section is numbered: they are numbered 1, 2, … in order

    def at(self, mask: np.ndarray) -> Sections:
        """The same, at the rows where the boolean array ``mask`` is true."""
        return Sections(self.commitment[mask], self.title_top[mask], self.deep[mask], self.title_deep[mask],
                        self.unnumbered)


def section_context(section_num: pd.Series, section_title: pd.Series) -> Sections:
    """Forward-fill sections down to the measures below them.

    Unnumbered sections count only when no section is numbered. A deeper
    section lasts until the next top-level one.
    """
    is_section = section_num.notna()
    numbered_sec = is_section & (section_num != "")
    if numbered_sec.any():
        is_section_used = numbered_sec
        sec_number = section_num
    else:
        is_section_used = is_section
        sec_number = is_section.cumsum().astype(str).where(is_section, None)
    # Depth of the sections used (a few hundred rows of 100,000): 1 for "2", 2 for "2.1".
    used = is_section_used.to_numpy()
    depth = np.zeros(len(sec_number), dtype=np.int64)
    depth[used] = [n.count(".") + 1 if isinstance(n, str) and n else 0 for n in sec_number[used].tolist()]
    top = depth[used].min() if used.any() else 0
    is_top = is_section_used & (depth == top)
    is_deep = is_section_used & (depth > top)
    return Sections(
        commitment=sec_number.where(is_top, None).ffill(),
        title_top=section_title.where(is_top, None).ffill(),
        deep=ffill_until(sec_number.where(is_deep, None), is_top),
        title_deep=ffill_until(section_title.where(is_deep, None), is_top),
        unnumbered=not numbered_sec.any(),
    )


def _ambiguous_numbers(reader: Reader, items: pd.DataFrame, extra: pd.DataFrame) -> set[tuple[int, int]]:
    """Report measure numbers stored as floats that may equal another (1.1 typed as 1.10); the pairs found."""
    pairs: set[tuple[int, int]] = set()
    floats = extra.index[extra["candidates"].notna()]
    if not len(floats):
        return pairs
    by_key: dict[tuple, list[int]] = {}
    for i, (rm, n) in enumerate(zip(extra["roadmap"], extra["number"])):
        by_key.setdefault((rm if isinstance(rm, str) else None, n), []).append(i)
    for i in floats:
        rm = extra.at[i, "roadmap"]
        rm = rm if isinstance(rm, str) else None
        for cand in extra.at[i, "candidates"]:
            for j in by_key.get((rm, cand), []):
                if j == i or (min(i, j), max(i, j)) in pairs:
                    continue
                pairs.add((min(i, j), max(i, j)))
                a, b = items.loc[min(i, j)], items.loc[max(i, j)]
                reader.problem_at("number.ambiguous", "error", items.at[i, "sheet"], items.at[i, "cell"],
                                  a=f"{a['sheet']}!{a['cell']}", b=f"{b['sheet']}!{b['cell']}",
                                  num=extra.at[i, "number"])
    return pairs


def check_numbers(reader: Reader, items: pd.DataFrame, extra: pd.DataFrame) -> None:
    """Report duplicate and ambiguous measure numbers (errors naming both cells).

    The items are all kept: a duplicate is an error, and errors block indicators anyway.
    """
    ambiguous_pairs = _ambiguous_numbers(reader, items, extra)
    # Rows of one key share their item id: the plans are compared only when ids repeat.
    if not items["item_id"].duplicated(keep=False).any():
        return
    dup = items.duplicated(["plan", "item_id"], keep=False)
    if not dup.any():
        return
    for item_id, grp in items[dup].groupby("item_id", sort=False):
        idx = list(grp.index)
        pairs = {(min(i, j), max(i, j)) for i in idx for j in idx if i != j}
        if pairs <= ambiguous_pairs:
            continue
        first = grp.iloc[0]
        reader.problem_at("number.duplicate", "error", first["sheet"], first["cell"],
                          value=item_id.split("/", 1)[1] if "/" in item_id else item_id,
                          cells=[f"{s}!{c}" for s, c in zip(grp["sheet"], grp["cell"])])
