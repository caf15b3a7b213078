"""Report helpers (ogpstats.reports.notebook.Report) and report analysis functions, with hand-computed values.

The workbook fixture: four NAP measures, rounds 2017-H1 and 2017-H2.

| item | agencies          | deadline   | 2017-H1     | 2017-H2     |
|------|-------------------|------------|-------------|-------------|
| 1.1  | Maliyyə           | 2017-12-31 | limited     | complete    |
| 1.2  | Maliyyə, Ədliyyə  | 2018-12-31 | not_started | limited     |
| 2.1  | Ədliyyə           | 2017-12-31 | limited     | limited     |
| 2.2  | Ədliyyə           | 2018-12-31 | not_started | substantial |

IRM index: H1 100 × (1/3 + 0 + 1/3 + 0) / 4 = 16.666667; H2 100 × (1 + 1/3 + 1/3 + 2/3) / 4 = 58.333333.
Trend: 41.666667 points in 184 days (2017-06-30 → 2017-12-31) = 41.666667 × 365 / 184 = 82.653986 a
year; at the plan's end (2018-12-31, one year after H2) 140.99 → clipped to 100; 100 is reached
41.666667 / 82.653986 = 0.504 years after the end of 2017 → early July 2018 → round 2018-H2.
Agencies at H2: Maliyyə (1.1, 1.2) (1 + 1/3) / 2 = 66.666667; Ədliyyə (1.2, 2.1, 2.2) (1/3 + 1/3 + 2/3) / 3
= 44.444444. Overdue at H2: 2.1 (due 2017-12-31, limited).
"""

import base64
import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from ogpstats.i18n import messages
from ogpstats.model import make_assessments, make_items, make_kpis
from ogpstats.reports import analysis
from ogpstats.reports import notebook as nbmod
from ogpstats.reports.notebook import Report
from ogpstats.reports.tables import Column, display_value, html_table, trim_decimals
from ogpstats.validate import Problem, UnusableInput

LEVELS = {"2017-H1": ["limited", "not_started", "limited", "not_started"],
          "2017-H2": ["complete", "limited", "limited", "substantial"]}
IDS = ["1.1", "1.2", "2.1", "2.2"]


def _items():
    return make_items([
        dict(plan="NAP T", kind="nap", commitment="1", section_title="Şəffaflıq", item_id="1.1",
             title="<script>alert(1)</script>", agencies=["Maliyyə Nazirliyi"], deadline_text="2017-ci il"),
        dict(plan="NAP T", kind="nap", commitment="1", section_title="Şəffaflıq", item_id="1.2", title="=1+2",
             agencies=["Maliyyə Nazirliyi", "Ədliyyə Nazirliyi"], deadline_text="2018-ci il"),
        dict(plan="NAP T", kind="nap", commitment="2", section_title="Hesabatlılıq", item_id="2.1",
             title="Adi tədbir", agencies=["Ədliyyə Nazirliyi"], deadline_text="2017-ci il"),
        dict(plan="NAP T", kind="nap", commitment="2", section_title="Hesabatlılıq", item_id="2.2",
             title="Digər tədbir", agencies=["Ədliyyə Nazirliyi"], deadline_text="2018-ci il"),
    ])


@pytest.fixture
def data_dir(tmp_path):
    from ogpstats.io.template import write_workbook

    a = make_assessments([dict(plan="NAP T", item_id=i, round=r, level=lv)
                          for r, lvs in LEVELS.items() for i, lv in zip(IDS, lvs)])
    d = tmp_path / "data"
    d.mkdir()
    write_workbook(d / "nap.xlsx", "nap", plan="NAP T", items=_items(), assessments=a)
    return d


@pytest.fixture
def shown(monkeypatch):
    """Every HTML fragment a Report displays, with its metadata."""
    out = []
    monkeypatch.setattr(nbmod, "_display_html", lambda text, metadata=None: out.append((text, metadata or {})))
    return out


# -- Report on a real workbook --------------------------------------------------------------


def test_outlook_projects_and_names_the_round(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    assert rep.round == "2017-H2"
    rep.outlook()
    assert rep.shown["forecast.outcome"] == "reaches"
    assert rep.shown["forecast.slope"] == pytest.approx(41.666667 * 365 / 184, abs=1e-4)
    assert rep.shown["forecast.projected"] == 100.0
    assert rep.shown["forecast.reach_100_round"] == "2018-H2"
    cards, sentence = shown[0][0], shown[1][0]
    assert "+82.7" in cards and "H2 2018" in cards and "100.0" in cards
    assert "Projected index at the plan&#x27;s end (31 Dec 2018)" in cards
    assert "reaches 100 by H2 2018" in sentence


def test_outlook_in_azerbaijani_uses_decimal_comma(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="az", kind="nap")
    rep.outlook()
    assert "+82,7" in shown[0][0] and "2018, II yarımil" in shown[0][0]


def test_outlook_for_an_earlier_period_ignores_later_rounds(data_dir, tmp_path, shown):
    # At 2017-H1 there is a single round: no trend, whatever 2017-H2 says.
    rep = Report(period="2017-H1", data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    rep.outlook()
    assert rep.shown["forecast.outcome"] == "no_trend"
    assert "at least two monitoring rounds" in shown[0][0]


def test_outlook_after_the_plan_end_shows_the_actual_index(tmp_path, shown):
    from ogpstats.io.template import write_workbook

    items = _items()
    items["deadline_text"] = "2017-ci il"  # every measure ends 2017-12-31, the as-of date of 2017-H2
    a = make_assessments([dict(plan="NAP T", item_id=i, round=r, level=lv)
                          for r, lvs in LEVELS.items() for i, lv in zip(IDS, lvs)])
    d = tmp_path / "d"
    d.mkdir()
    write_workbook(d / "nap.xlsx", "nap", plan="NAP T", items=items, assessments=a)
    rep = Report(data_dir=d, out_dir=tmp_path / "out", lang="en", kind="nap")
    rep.outlook()
    assert rep.shown["forecast.actual_at_end"] == pytest.approx(58.333333)
    assert "Implementation index at the plan&#x27;s end (31 Dec 2017)" in shown[0][0]
    assert "58.3" in shown[0][0]
    assert shown[1][0].count("has passed") == 1


def test_league_chart_writes_png_and_svg_sorted_best_first(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    card = rep.scorecard()
    assert list(card["agency"]) == ["Maliyyə Nazirliyi", "Ədliyyə Nazirliyi"]
    assert list(card["implementation_index"]) == pytest.approx([66.666667, 44.444444])
    rep.league_chart(card, "league")
    charts = tmp_path / "out" / "latest" / "en" / "charts"
    assert sorted(p.name for p in charts.iterdir()) == ["league.png", "league.svg"]
    assert shown[-1][1] == {"ogpstats": {"chart": "league"}}
    # The page shows the SVG file itself, inline (no third drawing of the chart).
    inline = re.search(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', shown[-1][0])
    assert shown[-1][0].startswith('<figure class="chart">') and inline
    assert base64.b64decode(inline.group(1)) == (charts / "league.svg").read_bytes()


def test_table_escapes_user_text_and_neutralises_formulas(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    overdue = analysis.overdue_items(rep.data.items, rep.data.assessments, rep.round)
    assert list(overdue["item_id"]) == ["2.1"]
    rep.table(rep.status(), "status", [("item_id",), ("title",), ("level", "level")])
    page = shown[-1][0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    rows = list(csv.reader(open(tmp_path / "out" / "latest" / "en" / "tables" / "status.csv", encoding="utf-8")))
    assert rows[0] == ["No.", "Measure", "Status"]
    assert rows[1] == ["1.1", "<script>alert(1)</script>", "Complete"]
    assert rows[2] == ["1.2", "'=1+2", "Limited"]
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "out" / "latest" / "en" / "tables" / "status.xlsx").active
    # A string cell is never a formula: the text is kept as written, no ' needed (issue 10 item 4).
    assert ws["B3"].value == "=1+2" and ws["B3"].data_type == "s"


def test_table_page_columns_drop_empty_and_merge_repeats(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    frame = pd.DataFrame({"group": ["a", "a", "b"], "empty": [None, "", None], "n": [1, 2, 3]})
    rep.table(frame, "t", [("group", "text", "col.group"), ("empty", "text", "col.title"), ("n", "int", "col.n_items")],
              html_columns=[("group", "text", "col.group"), ("n", "int", "col.n_items")],
              drop_empty=True, merge_repeats=["group"])
    rows = list(csv.reader(open(tmp_path / "out" / "latest" / "en" / "tables" / "t.csv", encoding="utf-8")))
    assert rows == [["Group", "Measures"], ["a", "1"], ["a", "2"], ["b", "3"]]  # the files keep every value
    page = shown[-1][0]
    assert page.count("<td>a</td>") == 1 and page.count("<td></td>") == 1 and "<td>b</td>" in page
    assert 'class="group-start"' in page


def test_headlines_with_extra_cards_and_signed_values(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="az", kind="nap")
    rep.headlines(["implementation_index", "overdue"], extra=[("headline.kpis_on_track", "2 / 14", "text")])
    assert rep.shown["headline.implementation_index"] == pytest.approx(58.333333)
    assert rep.shown["headline.overdue"] == 1
    assert "58,3" in shown[-1][0] and "2 / 14" in shown[-1][0]
    assert [rep.format_value(v, "signed") for v in (12.34, -3.05, 0.04, -0.04, None)] == \
        ["+12,3", "−3,0", "0,0", "0,0", "–"]
    with pytest.raises(ValueError):
        rep.format_value(1, "bogus")


def test_problems_and_file_summary(data_dir, tmp_path, shown):
    (data_dir / "empty.xlsx").write_bytes(b"")
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="az")
    probs = rep.problems()
    assert list(probs.columns) == ["file", "sheet", "cell", "severity", "message", "suggestion"]
    assert probs.to_dict("records") == [{"file": "empty.xlsx", "sheet": "", "cell": "", "severity": "error",
                                         "message": "fayl boşdur (0 bayt)", "suggestion": None}]
    summary = rep.file_summary()
    assert list(summary["file"]) == ["empty.xlsx", "nap.xlsx"]
    assert list(summary["kind"]) == ["unknown", "nap"]
    assert list(summary["n_items"]) == [0, 4]
    assert list(summary["n_rounds"]) == [0, 2]
    assert list(summary["errors"]) == [1, 0]
    assert summary["sha256"].iloc[0] == "e3b0c44298fc"  # sha256 of no bytes
    assert rep.source_files == ["empty.xlsx", "nap.xlsx"]
    rep.title("dq.title", data_notes=False)
    assert 'class="warn"' not in shown[-1][0]


# -- pure analysis helpers ------------------------------------------------------------------


def test_assessments_upto_keeps_earlier_rounds():
    a = make_assessments([dict(plan="P", item_id="1", round=r, level="limited")
                          for r in ("2017-H1", "2017-H2", "2017", "2018-H1")])
    assert list(analysis.assessments_upto(a, "2017-H2")["round"]) == ["2017-H1", "2017-H2"]
    assert list(analysis.assessments_upto(a, "2017")["round"]) == ["2017-H1", "2017-H2", "2017"]
    assert len(analysis.assessments_upto(a, None)) == 4


def _yearly(indexes):
    """Items and assessments whose IRM index per yearly round is ``indexes`` (multiples of 100/9)."""
    items = make_items([dict(plan="P", kind="nap", item_id=str(i), deadline_end="2019-12-31") for i in range(3)])
    score_levels = {0: "not_started", 1: "limited", 2: "substantial", 3: "complete"}
    rows = []
    for year, thirds in indexes.items():  # thirds: IRM scores of the three items, in thirds
        for i, t in enumerate(thirds):
            rows.append(dict(plan="P", item_id=str(i), round=str(year), level=score_levels[t]))
    return items, make_assessments(rows)


def test_forecast_outcome_codes():
    from ogpstats.analytics import forecast

    # docs/indicators.md: 33.3, 33.3, 11.1 -> falling, "not at the current pace"
    items, a = _yearly({2016: [1, 1, 1], 2017: [1, 1, 1], 2018: [1, 0, 0]})
    assert analysis.forecast_outcome(forecast(items, a)) == "not_at_pace"
    items, a = _yearly({2016: [0, 0, 1], 2017: [1, 1, 1]})
    assert analysis.forecast_outcome(forecast(items, a)) == "reaches"
    items, a = _yearly({2016: [1, 1, 1], 2017: [3, 3, 3]})
    assert analysis.forecast_outcome(forecast(items, a)) == "reached"
    items, a = _yearly({2017: [1, 1, 1]})
    assert analysis.forecast_outcome(forecast(items, a)) == "no_trend"


def test_kpi_reason_keys():
    assert analysis.kpi_reason(None) is None
    assert analysis.kpi_reason(float("nan")) is None
    assert analysis.kpi_reason("no actual value yet") == ("kpi.reason.no_actual", {})
    assert analysis.kpi_reason("no actual value in a year <= 2019") == ("kpi.reason.no_actual_by", {"year": "2019"})
    assert analysis.kpi_reason("target equals baseline") == ("kpi.reason.target_equals_baseline", {})
    assert analysis.kpi_reason("something new") == ("kpi.reason.other", {})


def test_every_kpi_reason_of_kpi_status_is_translated():
    from ogpstats.analytics import kpi_status

    base = dict(plan="S", roadmap="tourism", unit="%")
    k = make_kpis([
        dict(base, kpi="no baseline", baseline_year=2015, target_year=2020, target=5, year=2017, value=1),
        dict(base, kpi="no target", baseline_year=2015, baseline=1, target_year=2020, year=2017, value=1),
        dict(base, kpi="equal", baseline_year=2015, baseline=5, target_year=2020, target=5, year=2017, value=1),
        dict(base, kpi="no years", baseline=1, target=5, year=2017, value=1),
        dict(base, kpi="backwards", baseline_year=2020, baseline=1, target_year=2015, target=5, year=2017, value=1),
        dict(base, kpi="no actual", baseline_year=2015, baseline=1, target_year=2020, target=5),
        dict(base, kpi="only baseline year", baseline_year=2015, baseline=1, target_year=2020, target=5,
             year=2015, value=1),
    ])
    reasons = kpi_status(k)["reason"]
    keys = [analysis.kpi_reason(r)[0] for r in reasons]
    assert "kpi.reason.other" not in keys
    assert len(set(keys)) == 7
    for lang in ("az", "en"):
        m = messages(lang)
        for r in list(reasons) + ["no actual value in a year <= 2019"]:
            key, fields = analysis.kpi_reason(r)
            assert m(key, **fields)


def test_roadmap_order_and_priority_table():
    assert analysis.roadmap_order(["utilities", "zzz", "national_economy", "tourism"]) == \
        ["national_economy", "tourism", "utilities", "zzz"]
    items = make_items([
        dict(plan="S", kind="srm", roadmap="tourism", priority="1.10", item_id="tourism/1.10.1"),
        dict(plan="S", kind="srm", roadmap="tourism", priority="1.2", section_title="Marketinq",
             item_id="tourism/1.2.1"),
        dict(plan="S", kind="srm", roadmap="oil_gas", priority="2.1", item_id="oil_gas/2.1.1"),
        dict(plan="S", kind="srm", roadmap="oil_gas", priority="2.1", item_id="oil_gas/2.1.2"),
    ])
    a = make_assessments([dict(plan="S", item_id="tourism/1.10.1", round="2018", level="complete"),
                          dict(plan="S", item_id="tourism/1.2.1", round="2018", level="limited"),
                          dict(plan="S", item_id="oil_gas/2.1.1", round="2018", level="not_started"),
                          dict(plan="S", item_id="oil_gas/2.1.2", round="2018", level="substantial")])
    t = analysis.priority_table(items, a, "2018", scheme="caerc")
    assert list(t["group"]) == ["oil_gas/2.1", "tourism/1.2", "tourism/1.10"]
    assert list(t["priority_title"]) == [None, "Marketinq", None]
    assert list(t["implementation_index"]) == pytest.approx([25.0, 50.0, 100.0])  # caerc: (0 + 0.5) / 2
    assert list(t["n_items"]) == [2, 1, 1]


def test_problem_table_sorts_and_translates():
    probs = [Problem("round.no_numbered_rows", "warning", "d/b.xlsx", "S", "A2"),
             Problem("percent.range", "error", "d/b.xlsx", "S", "C10", {"value": 150.0}),
             Problem("status.unknown", "error", "d/b.xlsx", "S", "D9", {"value": "icra olunb"}, "icra olunub"),
             Problem("weight.not_number", "error", "d/a.xlsx", "T", "AA1", {"value": "x"})]
    unusable = [(Path("d/c.xlsx"), UnusableInput("file.missing", "d/c.xlsx").problem)]
    t = analysis.problem_table(probs, unusable, messages("az").problem)
    assert list(zip(t["file"], t["cell"], t["severity"])) == [
        ("a.xlsx", "AA1", "error"), ("b.xlsx", "D9", "error"), ("b.xlsx", "C10", "error"),
        ("b.xlsx", "A2", "warning"), ("c.xlsx", "", "error")]
    assert list(t["message"]) == ["çəki 'x' rəqəm deyil", "naməlum icra vəziyyəti sözü 'icra olunb'",
                                  "faiz 150 0–100 aralığından kənardır",
                                  "monitorinq dövrü vərəqində nömrələnmiş sətir yoxdur", "fayl yoxdur"]
    assert t["suggestion"].iloc[1] == "icra olunub"
    assert len(analysis.problem_table([], [])) == 0


def test_kpi_summary_counts():
    k = pd.DataFrame({"status": ["on_track", "at_risk", "at_risk", "no_data"]})
    assert analysis.kpi_summary(k) == {"on_track": 1, "at_risk": 2, "off_track": 0, "no_data": 1, "total": 4}
    assert analysis.kpi_summary(k.iloc[0:0])["total"] == 0


# -- table value kinds ----------------------------------------------------------------------


def test_value_and_year_kinds():
    az, en = messages("az"), messages("en")
    assert display_value(1650.0, "value", en) == "1,650"
    assert display_value(1650.0, "value", az) == "1\u00a0650"
    assert display_value(2.25, "value", az) == "2,25"
    assert display_value(2.5, "value", en) == "2.5"
    assert display_value(2015, "year", az) == "2015"  # no thousands separator in a year
    assert display_value(None, "year", en) == "–"
    assert trim_decimals("10,00", az) == "10" and trim_decimals("1,234", en) == "1,234"
    page = html_table(pd.DataFrame({"y": [2019]}), [Column("y", "year", "col.latest_year")], "en")
    assert '<td class="num">2019</td>' in page


# -- the report notebooks themselves ------------------------------------------------------------

REPORT_NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks" / "reports").glob("*.ipynb"))


def test_report_notebooks_are_present():
    assert {p.stem for p in REPORT_NOTEBOOKS} >= {"nap_monitoring", "srm_monitoring", "data_quality", "donor_brief"}


@pytest.mark.parametrize("path", REPORT_NOTEBOOKS, ids=lambda p: p.stem)
def test_report_notebook_structure(path):
    import ast

    import nbformat

    nb = nbformat.read(path, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assigned = {t.id for node in ast.parse(params[0].source).body for t in node.targets}
    assert assigned == {"period", "data_dir", "out_dir", "lang"}
    for cell in nb.cells:  # committed without outputs
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name
    meta = nb.metadata["ogpstats"]
    assert set(meta) == {"requires", "order", "title"}
    for lang in ("az", "en"):
        assert meta["title"] in messages(lang)
    # every catalogue key a notebook names literally exists in both languages
    keys = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            keys |= set(re.findall(r'"((?:nap|srm|dq|donor|method|report|forecast|chart|col|headline|kpi)\.[a-z_.]+)"',
                                   cell.source))
    assert keys
    for lang in ("az", "en"):
        missing = [k for k in keys if k not in messages(lang)]
        assert not missing, (lang, missing)


def test_title_lines(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    rep.title("nap.title")
    assert "<h1>National Action Plan monitoring report</h1>" in shown[-1][0]
    assert "Status at H2 2017 (as of 31 Dec 2017)" in shown[-1][0]
    rep.title("dq.title", show_round=False)
    assert "Status at" not in shown[-1][0] and "Data: nap.xlsx" in shown[-1][0]


def test_half_charts_share_one_layout_style(data_dir, tmp_path, shown):
    from ogpstats import plots

    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    ind = rep.indicators(by="commitment")
    rep.chart(plots.levels_by_group(ind, width=4.8), "a", half=True)
    rep.chart(plots.levels_by_group(ind, width=4.8), "b", half=True)
    rep.chart(plots.levels_by_group(ind), "c")
    pages = [text for text, _ in shown]
    assert pages[0].startswith("<style>") and '<figure class="chart half">' in pages[0]
    assert not pages[1].startswith("<style>") and '<figure class="chart half">' in pages[1]
    assert pages[2].startswith('<figure class="chart">')
    assert [meta for _, meta in shown] == [{"ogpstats": {"chart": n}} for n in "abc"]
    # shown as large as the 110 dpi PNG the page used to carry: 4.8 in -> 528 px, 8 in -> 880 px
    assert [re.search(r'<img [^>]*width="(\d+)"', p).group(1) for p in pages] == ["528", "528", "880"]


# -- pages a donor can read (issue 11) -----------------------------------------------------------


def test_attention_list_holds_only_measures_not_complete(data_dir, tmp_path):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="en", kind="nap")
    from ogpstats.analytics import agency_scorecard

    full = agency_scorecard(rep.data.items, rep.data.assessments, rep.data_round, scheme=rep.scheme)
    # Maliyyə at H2: 1.2 limited (1/3), 1.1 complete (1) -> the analytics list both, lowest score first.
    assert by_agency(full)["Maliyyə Nazirliyi"] == "1.2, 1.1"
    card = by_agency(rep.scorecard())
    assert card["Maliyyə Nazirliyi"] == "1.2"
    # Ədliyyə: 2.1 overdue first, then 1.2 (1/3), 2.2 (2/3); none complete, nothing dropped.
    assert card["Ədliyyə Nazirliyi"] == "2.1, 1.2, 2.2"


def by_agency(card: pd.DataFrame) -> dict:
    return dict(zip(card["agency"], card["worst_items"]))


def test_charts_and_tables_list_their_downloads(data_dir, tmp_path, shown):
    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="ru", kind="nap")
    rep.league_chart(name="league")
    chart = shown[-1][0]
    assert chart.index("</figcaption>") > chart.index('href="charts/league.svg"') > chart.index(
        'href="charts/league.png"') > chart.index("<figcaption>")
    assert "Скачать:" in chart
    rep.table(rep.status().iloc[0:0], "empty", [("item_id",)], empty_key="report.none_overdue")
    assert re.fullmatch(r'<p class="note">[^<]+</p><p class="downloads">Скачать: <a href="tables/empty.csv" '
                        r'download>CSV</a> · <a href="tables/empty.xlsx" download>XLSX</a></p>', shown[-1][0])
    for f in ("charts/league.png", "charts/league.svg", "tables/empty.csv", "tables/empty.xlsx"):
        assert (tmp_path / "out" / "latest" / "ru" / f).is_file()


def test_illustrative_data_is_said_under_the_title(data_dir, tmp_path, shown):
    from ogpstats.io.template import write_workbook

    rep = Report(data_dir=data_dir, out_dir=tmp_path / "out", lang="az", kind="nap")
    assert not rep.illustrative
    rep.title("nap.title")
    assert 'class="illustrative"' not in shown[-1][0]
    sample = tmp_path / "sample"
    sample.mkdir()
    write_workbook(sample / "nap.xlsx", "nap", plan="NAP T", items=_items(), illustrative=True)
    rep = Report(data_dir=sample, out_dir=tmp_path / "out", lang="az", kind="nap")
    assert rep.illustrative
    rep.title("nap.title")
    assert '<p class="illustrative" role="note">Nümunə məlumat: bu hesabatdakı rəqəmlər' in shown[-1][0]


def test_plans_are_named_as_the_page_language_names_them(data_dir, tmp_path):
    assert Report(data_dir=data_dir, out_dir=tmp_path, lang="az", kind="nap").plans == "MFP T"
    assert Report(data_dir=data_dir, out_dir=tmp_path, lang="en", kind="nap").plans == "NAP T"
    summary = Report(data_dir=data_dir, out_dir=tmp_path, lang="az").file_summary()
    assert list(summary["plans"]) == ["MFP T"]


def test_russian_values_trim_their_decimal_comma():
    ru = messages("ru")
    assert display_value(1650.0, "value", ru) == "1\u00a0650"
    assert display_value(2.5, "value", ru) == "2,5"
    assert trim_decimals("1\u00a0650,50", ru) == "1\u00a0650,5"
