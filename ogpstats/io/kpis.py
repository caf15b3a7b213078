"""KPI sheets of a Strategic Road Map: baseline, target and actual values per year."""

from __future__ import annotations

import re
from functools import partial

from ..vocab import normalize
from .cells import cell_text, field_value, is_blank
from .reader import Reader
from .roadmaps import ROADMAPS, roadmap_key
from .sections import NOTE
from .tables import Table
from .translation_columns import TextRow, kpi_texts


class KpiReading(Reader):
    """The KPI-reading part of :class:`~ogpstats.io.government.GovernmentReader`."""

    plan: str | None  # set by GovernmentReader
    text_rows: list[TextRow]  # the plan's text in other languages (set by GovernmentReader)

    def _read_kpis(self, table: Table) -> list[dict]:
        sheet, cols = table.sheet, table.cols
        head = sheet.rows[table.header]
        year_cols = {c: int(y) for c, v in enumerate(head)
                     if (y := cell_text(v)) and re.fullmatch(r"(19|20)\d\d", y) and c not in cols.values()}
        records = []
        for r in range(table.header + 1, len(sheet.rows)):
            row = sheet.rows[r]

            get = partial(field_value, row, cols)
            name = cell_text(get("kpi"))
            if name is None or NOTE.match(normalize(name)):
                continue
            roadmap = roadmap_key(get("roadmap")) or table.roadmap
            if "roadmap" in cols and roadmap is None and not is_blank(get("roadmap")):
                self.problem("roadmap.unknown", "error", sheet.name, r, cols["roadmap"],
                             value=cell_text(get("roadmap")), names=", ".join(ROADMAPS))
            base: dict[str, object] = {"plan": self.plan, "roadmap": roadmap, "kpi": name,
                                       "unit": cell_text(get("unit"))}
            self.text_rows += kpi_texts(row, cols, name, cell_text(get("unit")))
            for f in ("baseline_year", "baseline", "target_year", "target"):
                value = get(f)
                base[f] = None
                if not is_blank(value):
                    try:
                        base[f] = float(str(value).replace(",", ".").replace(" ", ""))
                    except ValueError:
                        self.problem(f"kpi.{f}.not_number", "error", sheet.name, r, cols[f], value=cell_text(value))
            actuals = [(c, y, row[c]) for c, y in year_cols.items() if c < len(row) and not is_blank(row[c])]
            if not actuals:
                records.append(base)
            for c, year, value in actuals:
                try:
                    number = float(str(value).replace(",", ".").replace(" ", ""))
                    records.append({**base, "year": year, "value": number})
                except ValueError:
                    self.problem("kpi.actual.not_number", "error", sheet.name, r, c, value=cell_text(value))
        return records

