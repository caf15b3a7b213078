"""What a report notebook calls: one :class:`Report` per notebook run.

A report notebook stays short: it creates a :class:`Report` from its
parameters and calls one method per section; the package computes, writes
the chart and table files, and shows the result as escaped HTML::

    rep = Report(period=period, data_dir=data_dir, out_dir=out_dir, lang=lang, kind="nap")
    rep.title("nap.title")
    rep.headlines(["n_items", "high_completion_rate", "implementation_index"])
    rep.chart(plots.levels_by_group(rep.indicators(by="commitment"), **rep.chart_args()),
              "nap_levels_by_commitment")
    rep.outlook()                       # forecast: pace, index at the plan's end, when 100
    rep.league_chart()                  # agencies, best first
    rep.table(rep.scorecard(), "nap_agency_scorecard", [("rank", "int"), ("agency",)])

Every text goes through the catalogue (``rep.m(key)``, ``rep.note(key)``,
``rep.section(key)``) and every table through
:mod:`ogpstats.reports.tables`, which escapes HTML and neutralises
spreadsheet formulas.

Every file goes to ``<out_dir>/<period>/<lang>/`` (``charts/``, ``tables/``).
Each chart and table output carries ``{"ogpstats": {"chart"|"table": name}}``
metadata, from which :func:`ogpstats.reports.run_reports` learns what a
notebook produced.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .. import __version__, plots
from ..i18n import MISSING, messages, plan_label
from ..indicators import compute_indicators, index_over_rounds, status_at
from ..io.roadmaps import roadmap_titles
from ..levels import default_scheme, scheme_for
from ..model import Dataset
from ..rounds import applicable_round, previous_round, report_round, rounds_upto
from ..translations import deadline_text, translated, untranslated
from ..vocab import round_as_of
from . import analysis
from .datacache import report_inputs
from .inputs import find_inputs, subset
from .page import HALF_CHART_CSS, chart_downloads, table_downloads
from .tables import Column, display_value, drop_empty_columns, html_table, write_table
from .templates import Markup


def _show(macro: str, *args: object, metadata: dict | None = None) -> None:
    """Display one fragment of ``templates/fragments.html.j2`` (escaping is the template's)."""
    from .templates import fragment

    _display_html(fragment(macro, *args), metadata)


def _display_html(text: str, metadata: dict | None = None) -> None:
    try:
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        print(text)
        return
    display(HTML(text), metadata=metadata or {})


class Report:
    """One report notebook run: its data, round, language, output folders and display helpers.

    Parameters
    ----------
    period
        ``"latest"`` (the latest round in this kind's data) or a round id
        such as ``"2018-H2"``; also the name of the output folder.
    data_dir
        Folder of input workbooks; every readable file is loaded.
    out_dir
        Root of the reports; files go to ``<out_dir>/<period>/<lang>/``.
    lang
        ``"az"`` or ``"en"``.
    kind
        Keep only ``nap``, ``srm`` or ``ogp`` items (``None``: everything).

    Attributes
    ----------
    data : Dataset
        The data of this kind; titles, agencies, KPIs in ``lang`` where translated (``translations.csv``).
    everything : Dataset
        All readable inputs (the data quality report uses it).
    unusable : list of (Path, str)
        Files that could not be read, with the reader's one-line message.
    written : list of Path
        Chart and table files written so far.
    shown : dict
        Raw values of the headline cards shown so far.
    round : str or None
        The round shown; ``None`` when the data has no round at or before ``period``.
    """

    def __init__(self, period: str = "latest", data_dir: str | Path = "data/raw",
                 out_dir: str | Path = "reports", lang: str = "en", kind: str | None = None):
        self.period = str(period)
        self.lang = lang
        self.m = messages(lang)
        self.kind = kind
        self.data_dir = Path(data_dir)
        self.files = find_inputs(self.data_dir)
        self.everything, self.unusable = report_inputs(self.files, self.period)  # read once a run, up to the period
        self.data: Dataset = translated(subset(self.everything, kind) if kind else self.everything, lang)
        self.round = report_round(self.data.rounds, self.period)
        self.scheme = default_scheme(kind) if kind else scheme_for(self.data.items["kind"])
        self.out = Path(out_dir) / self.period / lang
        self.charts_dir = self.out / "charts"
        self.tables_dir = self.out / "tables"
        self.written: list[Path] = []
        self.shown: dict[str, object] = {}
        self._half_style_shown = False
        self._computed: dict[tuple, pd.DataFrame] = {}

    # -- data ---------------------------------------------------------------

    @property
    def source_files(self) -> list[str]:
        """Names of the files this report's data comes from (every input file when ``kind`` is ``None``)."""
        if self.kind is None:
            return sorted(p.name for p in self.files)
        used = set(self.data.items["file"].dropna().astype(str))
        return sorted({Path(f).name for f in used}) or sorted(p.name for p in self.files)

    @property
    def illustrative(self) -> bool:
        """Whether a file this report's data comes from says its figures are made up (the bundled sample)."""
        return bool({Path(f).name for f in self.everything.illustrative} & set(self.source_files))

    @property
    def plans(self) -> str:
        """The plans of this report's data as the page's language names them (``MFP 2016–2018`` on az pages)."""
        names = sorted(self.data.items["plan"].dropna().astype(str).unique())
        return ", ".join(plan_label(p, self.lang) for p in names)

    @property
    def source(self) -> str:
        """The source line of every chart."""
        return self.m("chart.source", files=", ".join(self.source_files), version=__version__)

    @property
    def rounds(self) -> list[str]:
        """Data rounds up to the report's round, earliest first."""
        if self.round is None:
            return []
        return rounds_upto(self.data.rounds, self.round)

    @property
    def as_of(self):
        """The as-of date of the report's round (``None`` for OGP rounds or no data)."""
        return round_as_of(self.round) if self.round else None

    @property
    def data_round(self) -> str | None:
        """The last round of the data at or before the report's round."""
        return applicable_round(self.data.rounds, self.round)

    @property
    def previous_round(self) -> str | None:
        """The data round before :attr:`data_round` (``None`` at the first round)."""
        return previous_round(self.data.rounds, self.data_round)

    def transitions(self):
        """:func:`ogpstats.analytics.transitions` from the previous data round to this one (or ``None``)."""
        from ..analytics import transitions

        if self.previous_round is None:
            return None
        return transitions(self.data.items, self.data.assessments, self.previous_round, self.data_round)

    def scorecard(self) -> pd.DataFrame:
        """:func:`ogpstats.analytics.agency_scorecard` at the data round; ``worst_items`` only open measures."""
        from ..analytics import agency_scorecard

        card = agency_scorecard(self.data.items, self.data.assessments, self.data_round, scheme=self.scheme)
        return analysis.needing_attention(card, self.data.items, self.data.assessments, self.data_round)

    def kpi_status(self) -> pd.DataFrame:
        """:func:`ogpstats.analytics.kpi_status` with actual values up to the report's round.

        Display columns are added, in the report's language: ``roadmap_title``
        (the road map's official title), ``reason_text`` (why a KPI has no
        status), ``baseline_shown``, ``target_shown``, ``latest_shown``
        ("value (year)") and ``status_shown`` (the status, with the reason
        when there is one). KPIs are in the official road-map order.
        """
        from ..analytics import kpi_status

        return analysis.kpi_display(kpi_status(self.data.kpis, as_of=self.round), self.m, self.roadmap_labels())

    def forecast(self):
        """:func:`ogpstats.analytics.forecast` over the rounds up to the report's round.

        The plan's end is the latest deadline of the items (the function's
        default); later rounds are left out, so a report for an earlier
        period forecasts from what was known then.
        """
        from ..analytics import forecast

        return forecast(self.data.items, analysis.assessments_upto(self.data.assessments, self.round),
                        scheme=self.scheme, series=self.over_rounds())  # the series the chart shows

    def indicators(self, by: str | None = None, scheme: str | None = None) -> pd.DataFrame:
        """:func:`~ogpstats.indicators.compute_indicators` at the report's round (computed once, a copy each call)."""
        return self._once(("at", by, scheme or self.scheme), lambda: compute_indicators(
            self.data.items, self.data.assessments, by=by, round=self.round, scheme=scheme or self.scheme))

    def over_rounds(self, by: str | None = None, scheme: str | None = None) -> pd.DataFrame:
        """:func:`~ogpstats.indicators.index_over_rounds` over the rounds up to the report's round."""
        return self._once(("over", by, scheme or self.scheme), lambda: index_over_rounds(
            self.data.items, self.data.assessments, by=by, rounds=self.rounds, scheme=scheme or self.scheme))

    def _once(self, key: tuple, compute) -> pd.DataFrame:
        # A notebook asks for the same figures in several cells (headlines, chart, reference line).
        if key not in self._computed:
            self._computed[key] = compute()
        return self._computed[key].copy()

    def status(self) -> pd.DataFrame:
        """Each item's status at the report's round."""
        return status_at(self.data.items, self.data.assessments, self.round)

    def commitment_labels(self) -> dict[str, str]:
        """``{"1": "Commitment 1"}`` in the report's language."""
        groups = self.data.items["commitment"].dropna().astype(str).unique()
        return {g: self.m("nap.commitment", n=g) for g in groups}

    def commitment_titles(self) -> dict[str, str]:
        """``{"1": "<the commitment's title>"}`` as the workbook gives it (``section_title``); may be empty."""
        items = self.data.items[self.data.items["commitment"].notna() & self.data.items["section_title"].notna()]
        return {str(c): str(t) for c, t in zip(items["commitment"], items["section_title"]) if str(t).strip()} \
            if len(items) else {}

    def roadmap_labels(self) -> dict[str, str]:
        """Road map titles by key in the report's language."""
        return roadmap_titles(self.lang)

    def roadmap_indicators(self) -> pd.DataFrame:
        """Indicators per road map at the report's round, in the official order of the 12 road maps."""
        return analysis.by_roadmap(self.indicators(by="roadmap"))

    def priority_table(self) -> pd.DataFrame:
        """Indicators per road-map priority (:func:`~ogpstats.reports.analysis.priority_table`).

        Adds ``roadmap_title`` (in the report's language) for display.
        """
        t = analysis.priority_table(self.data.items, self.data.assessments, self.round, scheme=self.scheme)
        titles = self.roadmap_labels()
        return t.assign(roadmap_title=t["roadmap"].map(lambda r: titles.get(str(r), str(r))) if len(t)
                        else pd.Series(dtype=object))

    def problems(self) -> pd.DataFrame:
        """Every validation problem of every input, and each unreadable file, in the report's language.

        Columns ``file`` (the file's name), ``sheet``, ``cell``, ``severity``
        (``error``/``warning``), ``message`` and ``suggestion``; messages are
        translated through the catalogue (:meth:`ogpstats.i18n.Messages.problem`).
        An unreadable file is one ``error`` row without sheet or cell. Rows
        are sorted by file, errors first, then by sheet and cell in reading order.
        """
        return analysis.problem_table(self.everything.problems, self.unusable, self.m.problem)

    def untranslated(self) -> pd.DataFrame:
        """What the English and Russian reports show in the original (:func:`ogpstats.translations.untranslated`)."""
        return untranslated(self.everything.items, self.everything.kpis, self.everything.translations)

    def deadline(self, text: object) -> str:
        """A deadline as this report's language says it (:func:`ogpstats.translations.deadline_text`)."""
        return deadline_text(text, self.lang, self.data.translations)

    def file_summary(self) -> pd.DataFrame:
        """One row per input file: kind, plans, rounds, measures, errors, warnings, sha256 prefix."""
        return analysis.file_summary(self.files, self.everything, self.unusable, lambda p: plan_label(p, self.lang))

    def chart_args(self) -> dict:
        """Keyword arguments every chart of this report shares (language and source line)."""
        return {"lang": self.lang, "source": self.source}

    # -- display ------------------------------------------------------------

    def title(self, key: str, *, data_notes: bool = True, show_round: bool = True) -> None:
        """The report heading: title, round shown, data files and package version.

        A report on illustrative data (:attr:`illustrative`) says so right
        under the title, in the page's language.

        With ``data_notes`` (default) a warning line points to the data
        quality report when files were unreadable or the data has errors.
        ``show_round=False`` leaves out the "status at" line (a report about
        the files, not a round).
        """
        m = self.m
        lines = []
        if show_round and self.round:
            as_of = round_as_of(self.round)
            when = m("report.status_at", period=m.round_label(self.round), date=m.date(as_of)) if as_of \
                else m("chart.status_at", period=m.round_label(self.round))
            lines.append(when)
        elif show_round:
            lines.append(m("report.no_data"))
        lines.append(m("report.inputs", files=", ".join(self.source_files)))
        lines.append(m("report.package", version=__version__))
        notes = []
        if self.unusable and data_notes:
            notes.append(m("report.unreadable", n=len(self.unusable)))
        errors = sum(1 for p in self.data.problems if p.severity == "error")
        warnings = sum(1 for p in self.data.problems if p.severity != "error")
        if errors and data_notes:
            notes.append(m("report.data_errors", n=errors, w=warnings))
        _show("header", m(key), lines, notes, m("report.illustrative") if self.illustrative else "")

    def section(self, key: str, **fields: object) -> None:
        """A section heading from the catalogue."""
        _show("section", self.m(key, **fields))

    def note(self, key: str, **fields: object) -> None:
        """A paragraph from the catalogue (fields are escaped with the rest)."""
        _show("note", self.m(key, **fields))

    def headlines(self, keys: list[str], ind: pd.DataFrame | None = None, extra: Sequence[tuple] = ()) -> None:
        """Headline figures as cards, from the overall indicators.

        Parameters
        ----------
        keys
            Indicator columns: counts (``n_items``, ``overdue`` …) show as
            integers, ``*_rate`` as percentages, ``implementation_index`` 0-100.
        ind
            One-row indicator frame; default :meth:`indicators` without grouping.
        extra
            More cards after the indicators, as :meth:`cards` takes them.

        The values shown are kept in :attr:`shown` under ``headline.<key>``.
        """
        ind = self.indicators() if ind is None else ind
        row = ind.iloc[0] if len(ind) else pd.Series(dtype=object)
        values = {k: row.get(k) for k in keys}
        self.shown.update({f"headline.{k}": v for k, v in values.items()})
        self.cards([(f"headline.{k}", v, "rate" if k.endswith("_rate") else "index" if k == "implementation_index"
                     else "int") for k, v in values.items()] + list(extra))

    def cards(self, cards: list[tuple], *, css_class: str = "cards") -> None:
        """Show cards ``(label key, value, kind)`` or ``(label key, value, kind, label fields)``.

        ``kind`` is ``int``, ``rate`` (a fraction shown as a percentage),
        ``index`` (one decimal), ``signed`` (one decimal with ``+``/``−``),
        or ``text`` (shown as given). Values and labels are escaped.
        """
        items = [{"value": self.format_value(card[1], card[2]),
                  "label": self.m(card[0], **(card[3] if len(card) > 3 else {}))} for card in cards]
        _show("cards", items, css_class)

    def format_value(self, value: object, kind: str) -> str:
        """A value as a card or a sentence shows it in the report's language (see :meth:`cards`)."""
        if kind == "text":
            return "" if value is None else str(value)
        if kind == "signed":
            return self.m.signed(value, 1)
        if kind not in ("rate", "index", "int"):
            raise ValueError(f"unknown card kind {kind!r}")
        return display_value(value, kind, self.m)

    def outlook(self, fc=None) -> None:
        """The forecast as cards and one sentence: pace, index at the plan's end, when 100 is reached.

        Parameters
        ----------
        fc
            A :class:`~ogpstats.analytics.forecast.Forecast`; default :meth:`forecast`.

        The values shown are kept in :attr:`shown` under ``forecast.*``.
        """
        fc = self.forecast() if fc is None else fc
        m = self.m
        outcome = analysis.forecast_outcome(fc)
        self.shown.update({"forecast.outcome": outcome, "forecast.slope": fc.slope_per_year,
                           "forecast.projected": fc.projected_index, "forecast.reach_100_round": fc.reach_100_round})
        if outcome == "no_trend":
            self.note("forecast.no_trend")
            return
        reach = m.round_label(fc.reach_100_round) if outcome in ("reaches", "reached") else m("forecast.not_at_pace")
        end = m.date(fc.plan_end) if fc.plan_end is not None else MISSING
        ended = fc.ended
        if ended:  # the plan's end is behind us: what was reached then (the forecast's one figure, as the CLI's)
            actual = fc.projected_index
            self.shown["forecast.actual_at_end"] = actual
            second = ("forecast.actual_at_end", actual, "index", {"date": end})
        else:
            second = ("forecast.projected", fc.projected_index, "index", {"date": end})
        self.cards([("forecast.slope", fc.slope_per_year, "signed"), second, ("forecast.reach", reach, "text")])
        sentence = {"reaches": "forecast.sentence_reaches", "reached": "forecast.sentence_reached",
                    "not_at_pace": "forecast.sentence_not_at_pace"}[outcome]
        if ended and outcome != "reached":
            sentence = sentence.replace("forecast.sentence_", "forecast.sentence_ended_")
        self.note(sentence, slope=self.format_value(fc.slope_per_year, "signed"),
                  projected=m.number(fc.projected_index, 1), date=end, round=reach)

    def league_chart(self, scorecard: pd.DataFrame | None = None, name: str = "agency_league",
                     reference: float | None = None) -> None:
        """The agency league table as a chart: implementation index per agency, best first.

        Parameters
        ----------
        scorecard
            :meth:`scorecard` (default).
        name
            File stem of the chart.
        reference
            Index of the whole plan, drawn as a dashed line; default the
            overall index at the report's round.
        """
        card = self.scorecard() if scorecard is None else scorecard
        ref = self.indicators()["implementation_index"].iloc[0] if reference is None and len(self.data.items) \
            else reference
        self.chart(plots.league_table(card, reference=ref, **self.chart_args()), name)

    def chart(self, fig, name: str, *, half: bool = False) -> None:
        """Save a chart as PNG (300 dpi) and SVG in ``charts/`` and show it.

        Parameters
        ----------
        fig
            The figure (:mod:`ogpstats.plots`).
        name
            File stem.
        half
            Show it at half the page width, beside the next half chart of the
            same cell (on a narrow screen, or where the page's layout is not
            known, the charts simply stack). Draw such a chart narrower
            (``width=`` about 4.8 inches) so its text stays readable.

        The written paths are added to :attr:`written`. Nothing is returned,
        so a notebook cell shows only the chart.
        """
        paths, drawn = plots.save_chart(fig, self.charts_dir, name)  # drawn once per format
        self.written += paths  # the page shows the SVG file itself: sharp at any zoom, no third drawing
        svg = base64.b64encode(drawn.svg).decode("ascii")
        alt = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else name
        style = ""
        if half and not self._half_style_shown:
            style, self._half_style_shown = HALF_CHART_CSS, True
        cls = "chart half" if half else "chart"
        width = round(fig.get_figwidth() * plots.DISPLAY_DPI)  # shown as large as the 110 dpi PNG it replaces
        _show("chart", Markup(style), cls, svg, width, alt, self.m("page.download"), chart_downloads(name),
              metadata={"ogpstats": {"chart": name}})

    def table(self, frame: pd.DataFrame, name: str, columns: list[Column | tuple], *,
              empty_key: str | None = None, html_columns: list[Column | tuple] | None = None,
              drop_empty: bool = False, merge_repeats: tuple[str, ...] | list[str] = ()) -> None:
        """Write a table as CSV and XLSX in ``tables/`` and show it (escaped).

        Parameters
        ----------
        frame
            The rows.
        name
            File stem.
        columns
            :class:`~ogpstats.reports.tables.Column` specs or ``(name, kind[, header key])`` tuples.
        empty_key
            Catalogue key of the sentence shown instead of an empty table.
        html_columns
            Columns shown in the report when they differ from the files'
            (e.g. "value (year)" in one column on the page, two numeric
            columns in the CSV); default ``columns``.
        drop_empty
            Leave out text columns that are empty in every row (files and page).
        merge_repeats
            Columns whose repeated value is shown only on the first of a run of rows (page only).
        """
        def spec(cols):
            return [c if isinstance(c, Column) else Column(*c) for c in cols]

        cols = spec(columns)
        shown = spec(html_columns) if html_columns is not None else cols
        if drop_empty:
            cols, shown = drop_empty_columns(frame, cols), drop_empty_columns(frame, shown)
        self.written += write_table(frame, cols, self.lang, self.tables_dir, name)
        downloads = (self.m("page.download"), table_downloads(name))
        if not len(frame) and empty_key:  # the files are written all the same (headers only): still linked
            _show("note_with_downloads", self.m(empty_key), *downloads, metadata={"ogpstats": {"table": name}})
        else:
            _show("table_wrap", Markup(html_table(frame, shown, self.lang, merge_repeats=merge_repeats)), *downloads,
                  metadata={"ogpstats": {"table": name}})

    def method(self, key: str) -> None:
        """The method note, with the round filled in, and the source line."""
        m = self.m
        period = m.round_label(self.round) if self.round else m("report.no_data")
        _show("method", m(key, period=period), m("method.source", files=", ".join(self.source_files)))

