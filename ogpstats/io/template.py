"""The canonical ogpstats workbook: written by ``ogpstats template``, read back exactly.

Layout (headers bilingual, Azerbaijani / English):

* ``Təlimat`` — instructions in Azerbaijani and English, plan name and kind;
* ``Tədbirlər`` — the plan: one row per measure (with ``translations``, the
  measure, section, agencies and deadline in English and Russian in columns
  tagged ``(EN)`` / ``(RU)`` after the plan's own columns);
* ``Qiymətləndirmə`` — assessments in long form: one row per measure and round;
* ``KPI`` (SRM only) — key performance indicators, one column per year of actuals;
* ``Siyahılar`` (hidden) — the lists behind the drop-downs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..levels import LEVELS
from ..model import make_items
from ..rounds import rounds_in_order
from ..text_safety import for_xlsx
from ..translations import Translations, item_key, section_key
from ..vocab import LEVEL_LABELS, Period
from .layout import (
    ASSESSMENT_SHEET,
    ILLUSTRATIVE_LABEL,
    ILLUSTRATIVE_YES,
    INSTRUCTIONS_SHEET,
    KIND_LABEL,
    KPI_SHEET,
    LISTS_SHEET,
    PLAN_NAME_LABEL,
    PLAN_SHEET,
)
from .roadmaps import ROADMAPS

NAP_PLAN_HEADERS = ("İstiqamət / Direction", "İstiqamətin adı / Direction title", "№", "Tədbirin adı / Measure",
                    "İcraçı qurumlar / Implementing agencies", "İcra müddəti / Deadline", "Çəki / Weight")
SRM_PLAN_HEADERS = ("Yol xəritəsi / Road map", "Prioritet / Priority", "Prioritetin adı / Priority title", "№",
                    "Tədbirin adı / Measure",
                    "Məsul icraçı / Lead agency", "Əlaqədar qurumlar / Related agencies",
                    "İcra müddəti / Deadline", "Çəki / Weight")
ASSESSMENT_HEADERS = ("№", "Dövr / Round", "İcra vəziyyəti / Status", "İcra faizi / Percent",
                      "Sübut / Evidence", "Şərh / Comment")
KPI_HEADERS = ("Yol xəritəsi / Road map", "Göstərici / Indicator name", "Ölçü vahidi / Unit",
               "Baza ili / Baseline year", "Baza dəyəri / Baseline value", "Hədəf ili / Target year",
               "Hədəf dəyəri / Target value")

INSTRUCTIONS = (
    ("Bu iş kitabı ogpstats üçün monitorinq məlumatlarını saxlayır.",
     "This workbook holds monitoring data for ogpstats."),
    ("«Tədbirlər» vərəqində hər sətir bir tədbirdir; № sütununu mətn kimi yazın (1.10 ≠ 1.1).",
     "In «Tədbirlər» each row is one measure; the № column is text (1.10 is not 1.1)."),
    ("Bir neçə icraçı qurumu vergül, nöqtəli vergül və ya yeni sətirlə ayırın.",
     "Separate several agencies with commas, semicolons or line breaks."),
    ("İcra müddəti: «2017-ci il», «2018-ci ilin I yarımili», «2016-2018-ci illər», «Daimi» və s.",
     "Deadline: «2017-ci il», «2018-ci ilin I yarımili», «2016-2018-ci illər», «Daimi» (ongoing) etc."),
    ("«Qiymətləndirmə» vərəqində hər sətir bir tədbirin bir monitorinq dövründəki vəziyyətidir.",
     "In «Qiymətləndirmə» each row is one measure's status in one monitoring round."),
    ("Dövr: 2017, 2017-H1 (yarımil), 2017-Q3 (rüb). Vəziyyət siyahıdan seçilir; faiz 0–100.",
     "Round: 2017, 2017-H1 (half-year), 2017-Q3 (quarter). Pick the status from the list; percent 0–100."),
    ("Boş vəziyyət və ya «Sübut yoxdur» qiymətləndirilməmiş sayılır.",
     "A blank status or «No evidence» counts as not assessed."),
)

TRANSLATION_LANGS = ("en", "ru")
"""The languages of the translation columns (the plan itself is Azerbaijani)."""
NAP_TRANSLATED = (("İstiqamətin adı", "Direction title"), ("Tədbirin adı", "Measure"),
                  ("İcraçı qurumlar", "Implementing agencies"), ("İcra müddəti", "Deadline"))
SRM_TRANSLATED = (("Prioritetin adı", "Priority title"), ("Tədbirin adı", "Measure"),
                  ("Məsul icraçı", "Lead agency"), ("Əlaqədar qurumlar", "Related agencies"),
                  ("İcra müddəti", "Deadline"))
KPI_TRANSLATED = (("Göstərici", "Indicator name"), ("Ölçü vahidi", "Unit"))
_WIDTHS = {"Tədbirin adı": 60, "İcra müddəti": 24}
TRANSLATION_INSTRUCTIONS = (
    ("«(EN)» və «(RU)» işarəli sütunlar eyni mətnin ingilis və rus dilində tərcüməsidir (tədbirin, istiqamətin "
     "və ya prioritetin adı, icraçı qurumlar, icra müddəti, göstərici və ölçü vahidi). İngilis və rus dilində "
     "hesabatlar onları göstərir; boş xanada orijinal göstərilir.",
     "The columns marked «(EN)» and «(RU)» hold the same text in English and Russian (measure, direction or "
     "priority title, agencies, deadline, indicator name and unit). English and Russian reports show them; "
     "where a cell is blank, the original is shown."),
    ("Qurumların tərcüməsini orijinaldakı sıra ilə, eyni ayırıcı ilə yazın («A; B» → «A'; B'»). "
     "Məlumatların yanındakı translations.csv faylı bu sütunlardan üstündür.",
     "Translate several agencies in the original's order, separated the same way («A; B» → «A'; B'»). "
     "A translations.csv beside the data wins over these columns."),
)

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_WRAP = Alignment(wrap_text=True, vertical="top")


def status_choices() -> list[str]:
    """The status words offered in the drop-down: Azerbaijani then English labels."""
    words = [LEVEL_LABELS["az"][lv] for lv in LEVELS] + [LEVEL_LABELS["en"][lv] for lv in LEVELS]
    return words + ["Sübut yoxdur", "No evidence"]


def default_rounds(years: tuple[int, int]) -> list[str]:
    """Half-year and annual rounds covering ``years`` (inclusive)."""
    out: list[str] = []
    for y in range(years[0], years[1] + 1):
        out += [Period(y, half=1).round_id, Period(y, half=2).round_id, str(y)]
    return out


def _text(value) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return for_xlsx(value)  # control characters, which openpyxl refuses, removed from text


def _write_table(ws, headers, rows, widths, text_columns=()):
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    for row in rows:
        ws.append([_text(v) for v in row])
        # User text is data: "=SUM(A1)" typed in a comment must stay text, not become a formula.
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    # Numbers like 1.10 must stay text, or Excel turns them into 1.1.
    for col in text_columns:
        for (cell,) in ws.iter_rows(min_row=1, max_row=max(ws.max_row, 500), min_col=col, max_col=col):
            cell.number_format = "@"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 2)}"


def _list_validation(ws, formula: str, column: str, last_row: int) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                        errorStyle="warning", errorTitle="ogpstats",
                        error="Siyahıda olmayan söz / A word not in the list")
    dv.add(f"{column}2:{column}{last_row}")
    ws.add_data_validation(dv)


def _measure_number(item_id: str, kind: str) -> str:
    # SRM item ids are "<road map>/<number>": the sheet keeps them in separate columns.
    return item_id.split("/", 1)[1] if kind == "srm" and "/" in item_id else item_id


def write_workbook(
    path: str | Path,
    kind: str,
    *,
    plan: str,
    items: pd.DataFrame | None = None,
    assessments: pd.DataFrame | None = None,
    kpis: pd.DataFrame | None = None,
    rounds: list[str] | None = None,
    note: str | None = None,
    illustrative: bool = False,
    translations: Translations | None = None,
) -> Path:
    """Write the canonical ogpstats workbook.

    Parameters
    ----------
    path
        Output ``.xlsx``.
    kind
        ``"nap"`` or ``"srm"``.
    plan
        Plan name, e.g. ``"NAP 2016-2018"``.
    items, assessments, kpis
        Tidy tables (:mod:`ogpstats.model`); empty for a blank template.
        ``assessments`` may hold a ``status_text`` column: the word written in
        the status cell (default: the Azerbaijani label of the level).
    rounds
        Round ids offered in the drop-down (default: those in ``assessments``).
    note
        An extra line for the instructions sheet (e.g. "figures are illustrative").
    illustrative
        Mark the figures as made up: a ``Nümunə məlumat / Illustrative data``
        row on the instructions sheet, read back into
        :attr:`Dataset.illustrative <ogpstats.model.Dataset>`; reports built
        on the workbook then say on every page that they are not official.

    Returns
    -------
    pathlib.Path
        The path written. The file is written whole or not at all.
    """
    if kind not in ("nap", "srm"):
        raise ValueError(f"kind must be 'nap' or 'srm', not {kind!r}")
    path = Path(path)
    wb = Workbook()
    extra = TRANSLATION_INSTRUCTIONS if translations is not None else ()
    _write_instructions(wb.active, plan, kind, note, illustrative, extra)

    items = items if items is not None else make_items([])
    plan_ws = _write_plan_sheet(wb.create_sheet(PLAN_SHEET), kind, items, translations)

    a = assessments if assessments is not None else pd.DataFrame(columns=["item_id", "round"])
    words = a["status_text"] if "status_text" in a else pd.Series(None, index=a.index, dtype=object)
    assess_ws = wb.create_sheet(ASSESSMENT_SHEET)
    roadmap_of = dict(zip(items["item_id"], items.get("roadmap", pd.Series(dtype=object)))) if len(items) else {}
    headers = ASSESSMENT_HEADERS if kind == "nap" else ("Yol xəritəsi / Road map",) + ASSESSMENT_HEADERS
    rows = []
    for r, word in zip(a.itertuples(), words):
        if word is None or (isinstance(word, float) and math.isnan(word)):
            word = LEVEL_LABELS["az"].get(r.level) if isinstance(r.level, str) else None
        row = [_measure_number(r.item_id, kind), r.round, word, r.percent, r.evidence, r.comment]
        rows.append(row if kind == "nap" else [roadmap_of.get(r.item_id)] + row)
    first = 1 if kind == "nap" else 2
    _write_table(assess_ws, headers, rows, ((18,) * (kind == "srm")) + (10, 12, 26, 12, 40, 40),
                 text_columns=(first, first + 1))

    lists = wb.create_sheet(LISTS_SHEET)
    choices = status_choices()
    round_list = rounds if rounds is not None else rounds_in_order(a["round"])
    lists.append(["Vəziyyət / Status", "Dövr / Round", "Yol xəritəsi / Road map"])
    for i in range(max(len(choices), len(round_list), len(ROADMAPS))):
        lists.append([choices[i] if i < len(choices) else None,
                      round_list[i] if i < len(round_list) else None,
                      list(ROADMAPS)[i] if i < len(ROADMAPS) else None])
    for (cell,) in lists.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.number_format = "@"
    lists.sheet_state = "hidden"
    last = max(assess_ws.max_row + 200, 500)
    status_col = get_column_letter(first + 2)
    _list_validation(assess_ws, f"{LISTS_SHEET}!$A$2:$A${len(choices) + 1}", status_col, last)
    if round_list:
        _list_validation(assess_ws, f"{LISTS_SHEET}!$B$2:$B${len(round_list) + 1}", get_column_letter(first + 1), last)
    pct = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                         showErrorMessage=True, error="0–100")
    pct.add(f"{get_column_letter(first + 3)}2:{get_column_letter(first + 3)}{last}")
    assess_ws.add_data_validation(pct)
    if kind == "srm":
        roadmap_range = f"{LISTS_SHEET}!$C$2:$C${len(ROADMAPS) + 1}"
        _list_validation(plan_ws, roadmap_range, "A", max(plan_ws.max_row + 200, 500))
        _list_validation(assess_ws, roadmap_range, "A", last)
        _write_kpi_sheet(wb.create_sheet(KPI_SHEET), kpis, translations)

    _save_reproducibly(wb, path)
    return path


def _write_instructions(info, plan: str, kind: str, note: str | None, illustrative: bool = False,
                        extra: Sequence[tuple[str, str]] = ()) -> None:
    """The instructions sheet: the plan's name and kind (and whether its figures are made up), then the instructions."""
    info.title = INSTRUCTIONS_SHEET
    info.append(["ogpstats — monitorinq iş kitabı / monitoring workbook"])
    info["A1"].font = Font(bold=True, size=14)
    info.append([PLAN_NAME_LABEL, plan])
    info.append([KIND_LABEL, kind])
    if illustrative:
        info.append([ILLUSTRATIVE_LABEL, ILLUSTRATIVE_YES])
    info.append([])
    info.append(["Azərbaycanca", "English"])
    for cell in info[info.max_row]:
        cell.font = _HEADER_FONT
    for az, en in INSTRUCTIONS + tuple(extra) + ((note, note),) * bool(note):
        info.append([az, en])
    info.column_dimensions["A"].width = 70
    info.column_dimensions["B"].width = 70
    for row in info.iter_rows(min_row=6 + illustrative):
        for cell in row:
            cell.alignment = _WRAP


def _save_reproducibly(wb, path: Path) -> None:
    """Save whole or not at all (a temporary file renamed), with fixed dates."""
    # Fixed document dates keep the file byte-identical between runs.
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "ogpstats"
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        wb.save(tmp)
        make_reproducible(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_kpi_sheet(ws, kpis: pd.DataFrame | None, translations: Translations | None = None) -> None:
    years: list[int] = []
    rows = []
    langs = TRANSLATION_LANGS if translations is not None else ()
    if kpis is not None and len(kpis):
        years = sorted(int(y) for y in kpis["year"].dropna().unique())
        keys = ["roadmap", "kpi", "unit", "baseline_year", "baseline", "target_year", "target"]
        for key, grp in kpis.groupby(keys, sort=False, dropna=False):
            actual = dict(zip(grp["year"].dropna().astype(int), grp.loc[grp["year"].notna(), "value"]))
            texts = [_translation(translations, kind, value, lang)
                     for kind, value in (("kpi", key[1]), ("unit", key[2])) for lang in langs]
            rows.append([_int_or_none(k) if i in (3, 5) else k for i, k in enumerate(key)] + texts
                        + [actual.get(y) for y in years])
    # The translation columns go before the years, which run on to the right as the data grows.
    headers = KPI_HEADERS + translation_headers(KPI_TRANSLATED, langs) + tuple(str(y) for y in years)
    _write_table(ws, headers, rows, (18, 50, 14, 10, 12, 10, 12) + (30, 14) * len(langs) + (10,) * len(years))


def translation_headers(fields: Sequence[tuple[str, str]], langs: Sequence[str]) -> tuple[str, ...]:
    """Headers of translation columns: ``Tədbirin adı (EN) / Measure (EN)``, field by field, each language."""
    return tuple(f"{az} ({lang.upper()}) / {en} ({lang.upper()})" for az, en in fields for lang in langs)


def _translation(translations: Translations | None, kind: str, key: object, lang: str,
                 original: object = None) -> str | None:
    if translations is None or key is None or (isinstance(key, float) and math.isnan(key)):
        return None
    return translations.get(kind, key, lang, original)


def _agencies_text(translations: Translations, names: Sequence[str], lang: str) -> str | None:
    """The agencies in ``lang``, in their order; blank unless every one has a translation (they are paired)."""
    texts = [translations.get("agency", n, lang) for n in names]
    return "; ".join(t for t in texts if t) if names and all(texts) else None


def _plan_translations(translations: Translations, kind: str, r) -> list[str | None]:
    """The translation cells of one measure row, in the order of :func:`translation_headers`."""
    sec = section_key(r)
    fields: list[tuple[str, object, object] | list[str]] = [
        (sec[0], sec[1], r.section_title) if sec else ("commitment", None, None),
        ("measure", item_key(r), r.title)]
    fields += [list(r.agencies)] if kind == "nap" else [list(r.agencies[:1]), list(r.agencies[1:])]
    fields.append(("deadline", r.deadline_text, r.deadline_text))
    out: list[str | None] = []
    for f in fields:
        for lang in TRANSLATION_LANGS:
            out.append(_agencies_text(translations, f, lang) if isinstance(f, list)
                       else _translation(translations, f[0], f[1], lang, f[2]))
    return out


def _write_plan_sheet(ws, kind: str, items: pd.DataFrame, translations: Translations | None):
    """The plan sheet; with ``translations``, their columns after the plan's own."""
    rows: list[Sequence[object]]
    headers: tuple[str, ...]
    widths: tuple[int, ...]
    if kind == "nap":
        rows = [(r.commitment, r.section_title, r.item_id, r.title, "; ".join(r.agencies), r.deadline_text,
                 None if r.weight == 1 else r.weight) for r in items.itertuples()]
        headers, widths, text_columns = NAP_PLAN_HEADERS, (12, 40, 10, 60, 40, 24, 8), (1, 3)
    else:
        rows = [(r.roadmap, r.priority, r.section_title, _measure_number(r.item_id, kind), r.title,
                 r.agencies[0] if r.agencies else None, "; ".join(r.agencies[1:]) or None,
                 r.deadline_text, None if r.weight == 1 else r.weight) for r in items.itertuples()]
        headers, widths, text_columns = SRM_PLAN_HEADERS, (18, 10, 40, 10, 60, 30, 40, 24, 8), (2, 4)
    if translations is not None:
        fields = NAP_TRANSLATED if kind == "nap" else SRM_TRANSLATED
        rows = [tuple(row) + tuple(_plan_translations(translations, kind, r))
                for row, r in zip(rows, items.itertuples())]
        headers = headers + translation_headers(fields, TRANSLATION_LANGS)
        widths = widths + tuple(_WIDTHS.get(az, 40) for az, _ in fields for _ in TRANSLATION_LANGS)
    _write_table(ws, headers, rows, widths, text_columns=text_columns)
    return ws


def _int_or_none(value):
    return None if value is None or pd.isna(value) else int(value)


def make_reproducible(path: Path) -> None:
    """Rewrite an openpyxl-written .xlsx so equal content gives equal bytes.

    openpyxl stamps the save time into ``docProps/core.xml`` and into every
    zip member's header; both are fixed here.
    """
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    fixed_modified = b"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified>"
    members = [(info, re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", fixed_modified, data)
                if info.filename == "docProps/core.xml" else data) for info, data in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)
