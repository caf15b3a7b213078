"""What a report notebook calls: one :class:`Report` per notebook run.

A report notebook stays short: it creates a :class:`Report` from its
parameters and calls one method per section; the package computes, writes
the chart and table files, and shows the result as escaped HTML::

    rep = Report(period=period, data_dir=data_dir, out_dir=out_dir, lang=lang, kind="nap")
    rep.title("nap.title")
    rep.headlines(["n_items", "high_completion_rate", "implementation_index"])
    rep.chart(plots.levels_by_group(rep.indicators(by="commitment"), **rep.chart_args()),
              "nap_levels_by_commitment")

Every file goes to ``<out_dir>/<period>/<lang>/`` (``charts/``, ``tables/``).
Each chart and table output carries ``{"ogpstats": {"chart"|"table": name}}``
metadata, from which :func:`ogpstats.reports.run_reports` learns what a
notebook produced.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from .. import __version__, plots
from ..i18n import messages
from ..indicators import compute_indicators, index_over_rounds, status_at
from ..model import Dataset, rounds_in_order
from ..vocab import round_as_of, round_sort_key
from . import analysis
from .inputs import find_inputs, load_inputs, subset
from .tables import Column, html_table, write_table

DEFAULT_SCHEME = {"nap": "irm", "ogp": "irm", "srm": "caerc"}
"""Index scheme per kind: OGP's IRM scale for action plans, CAERC's score for road maps."""


def _display_html(text: str, metadata: dict | None = None) -> None:
    try:
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        print(text)
        return
    display(HTML(text), metadata=metadata or {})


def roadmap_titles(lang: str) -> dict[str, str]:
    """Official road map titles by key in ``lang`` (from the workbook template's list)."""
    try:
        from ..io.template import ROADMAPS
    except ImportError:  # pragma: no cover
        return {}
    i = 0 if lang == "az" else 1
    return {key: names[i] for key, names in ROADMAPS.items()}


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
        The data of this kind.
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
        self.everything, self.unusable = load_inputs(self.files)
        self.data: Dataset = subset(self.everything, kind) if kind else self.everything
        self.round = analysis.resolve_round(self.data.rounds, self.period)
        self.scheme = DEFAULT_SCHEME.get(kind or "nap", "irm")
        self.out = Path(out_dir) / self.period / lang
        self.charts_dir = self.out / "charts"
        self.tables_dir = self.out / "tables"
        self.written: list[Path] = []
        self.shown: dict[str, object] = {}

    # -- data ---------------------------------------------------------------

    @property
    def source_files(self) -> list[str]:
        """Names of the files this report's data comes from."""
        used = set(self.data.items["file"].dropna().astype(str))
        return sorted({Path(f).name for f in used}) or sorted(p.name for p in self.files)

    @property
    def source(self) -> str:
        """The source line of every chart."""
        return self.m("chart.source", files=", ".join(self.source_files), version=__version__)

    @property
    def rounds(self) -> list[str]:
        """Data rounds up to the report's round, earliest first."""
        if self.round is None:
            return []
        return [r for r in self.data.rounds if round_sort_key(r) <= round_sort_key(self.round)]

    @property
    def as_of(self):
        """The as-of date of the report's round (``None`` for OGP rounds or no data)."""
        return round_as_of(self.round) if self.round else None

    @property
    def data_round(self) -> str | None:
        """The last round of the data at or before the report's round."""
        return analysis.data_round(self.data.rounds, self.round)

    @property
    def previous_round(self) -> str | None:
        """The data round before :attr:`data_round` (``None`` at the first round)."""
        return analysis.previous_round(self.data.rounds, self.data_round) if self.data_round else None

    def transitions(self):
        """:func:`ogpstats.analytics.transitions` from the previous data round to this one (or ``None``)."""
        from ..analytics import transitions

        if self.previous_round is None:
            return None
        return transitions(self.data.items, self.data.assessments, self.previous_round, self.data_round)

    def scorecard(self) -> pd.DataFrame:
        """:func:`ogpstats.analytics.agency_scorecard` at the report's data round."""
        from ..analytics import agency_scorecard

        return agency_scorecard(self.data.items, self.data.assessments, self.data_round, scheme=self.scheme)

    def kpi_status(self) -> pd.DataFrame:
        """:func:`ogpstats.analytics.kpi_status` with actual values up to the report's round."""
        from ..analytics import kpi_status

        return kpi_status(self.data.kpis, as_of=self.round)

    def indicators(self, by: str | None = None, scheme: str | None = None) -> pd.DataFrame:
        """:func:`~ogpstats.indicators.compute_indicators` at the report's round."""
        return compute_indicators(self.data.items, self.data.assessments, by=by, round=self.round,
                                  scheme=scheme or self.scheme)

    def over_rounds(self, by: str | None = None, scheme: str | None = None) -> pd.DataFrame:
        """:func:`~ogpstats.indicators.index_over_rounds` over the rounds up to the report's round."""
        return index_over_rounds(self.data.items, self.data.assessments, by=by, rounds=self.rounds,
                                 scheme=scheme or self.scheme)

    def status(self) -> pd.DataFrame:
        """Each item's status at the report's round."""
        return status_at(self.data.items, self.data.assessments, self.round)

    def commitment_labels(self) -> dict[str, str]:
        """``{"1": "Commitment 1"}`` in the report's language."""
        groups = self.data.items["commitment"].dropna().astype(str).unique()
        return {g: self.m("nap.commitment", n=g) for g in groups}

    def roadmap_labels(self) -> dict[str, str]:
        """Road map titles by key in the report's language."""
        return roadmap_titles(self.lang)

    def chart_args(self) -> dict:
        """Keyword arguments every chart of this report shares (language and source line)."""
        return {"lang": self.lang, "source": self.source}

    # -- display ------------------------------------------------------------

    def title(self, key: str) -> None:
        """The report heading: title, round shown, data files and package version."""
        m = self.m
        lines = []
        if self.round:
            as_of = round_as_of(self.round)
            when = m("report.status_at", period=m.round_label(self.round), date=m.date(as_of)) if as_of \
                else m("chart.status_at", period=m.round_label(self.round))
            lines.append(when)
        else:
            lines.append(m("report.no_data"))
        lines.append(m("report.inputs", files=", ".join(self.source_files)))
        lines.append(m("report.package", version=__version__))
        meta = "".join(f"<p>{html.escape(x)}</p>" for x in lines)
        notes = []
        if self.unusable:
            notes.append(m("report.unreadable", n=len(self.unusable)))
        errors = sum(1 for p in self.data.problems if p.severity == "error")
        warnings = sum(1 for p in self.data.problems if p.severity != "error")
        if errors:
            notes.append(m("report.data_errors", n=errors, w=warnings))
        notes_html = "".join(f'<p class="warn">{html.escape(x)}</p>' for x in notes)
        _display_html(f'<header class="report-header"><h1>{html.escape(m(key))}</h1>'
                      f'<div class="meta">{meta}</div>{notes_html}</header>')

    def section(self, key: str, **fields: object) -> None:
        """A section heading from the catalogue."""
        _display_html(f"<h2>{html.escape(self.m(key, **fields))}</h2>")

    def note(self, key: str, **fields: object) -> None:
        """A paragraph from the catalogue (fields are escaped with the rest)."""
        _display_html(f'<p class="note">{html.escape(self.m(key, **fields))}</p>')

    def headlines(self, keys: list[str], ind: pd.DataFrame | None = None) -> None:
        """Headline figures as cards, from the overall indicators.

        Parameters
        ----------
        keys
            Indicator columns: counts (``n_items``, ``overdue`` …) show as
            integers, ``*_rate`` as percentages, ``implementation_index`` 0-100.
        ind
            One-row indicator frame; default :meth:`indicators` without grouping.

        The values shown are kept in :attr:`shown` under ``headline.<key>``.
        """
        ind = self.indicators() if ind is None else ind
        row = ind.iloc[0] if len(ind) else pd.Series(dtype=object)
        values = {k: row.get(k) for k in keys}
        self.shown.update({f"headline.{k}": v for k, v in values.items()})
        self.cards([(f"headline.{k}", v, "rate" if k.endswith("_rate") else "index" if k == "implementation_index"
                     else "int") for k, v in values.items()])

    def cards(self, cards: list[tuple[str, object, str]]) -> None:
        """Show ``(label key, value, kind)`` cards; kind ``int``, ``rate`` or ``index``."""
        m = self.m
        out = []
        for key, value, kind in cards:
            text = m.percent(value) if kind == "rate" else m.number(value, 1) if kind == "index" else m.integer(value)
            out.append(f'<div class="card"><div class="value">{html.escape(text)}</div>'
                       f'<div class="label">{html.escape(m(key))}</div></div>')
        _display_html(f'<div class="cards">{"".join(out)}</div>')

    def chart(self, fig, name: str) -> None:
        """Save a chart as PNG (300 dpi) and SVG in ``charts/`` and show it.

        The written paths are added to :attr:`written`. Nothing is returned,
        so a notebook cell shows only the chart.
        """
        paths = plots.save_figure(fig, self.charts_dir, name)
        self.written += paths
        png = base64.b64encode(plots.figure_png(fig)).decode("ascii")
        alt = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else name
        _display_html(f'<figure class="chart"><img src="data:image/png;base64,{png}" alt="{html.escape(alt)}">'
                      f"</figure>", metadata={"ogpstats": {"chart": name}})

    def table(self, frame: pd.DataFrame, name: str, columns: list[Column | tuple], *,
              empty_key: str | None = None) -> None:
        """Write a table as CSV and XLSX in ``tables/`` and show it (escaped).

        Parameters
        ----------
        frame
            The rows.
        name
            File stem.
        columns
            :class:`~ogpstats.reports.tables.Column` specs or ``(name, kind)`` tuples.
        empty_key
            Catalogue key of the sentence shown instead of an empty table.
        """
        cols = [c if isinstance(c, Column) else Column(*c) for c in columns]
        self.written += write_table(frame, cols, self.lang, self.tables_dir, name)
        if not len(frame) and empty_key:
            _display_html(f'<p class="note">{html.escape(self.m(empty_key))}</p>',
                          metadata={"ogpstats": {"table": name}})
        else:
            _display_html(f'<div class="table-wrap">{html_table(frame, cols, self.lang)}</div>',
                          metadata={"ogpstats": {"table": name}})

    def method(self, key: str) -> None:
        """The method note, with the round filled in, and the source line."""
        m = self.m
        period = m.round_label(self.round) if self.round else m("report.no_data")
        _display_html(f'<section class="method"><p>{html.escape(m(key, period=period))}</p>'
                      f'<p class="source">{html.escape(m("method.source", files=", ".join(self.source_files)))}</p>'
                      "</section>")


def available_rounds(files: list[Path]) -> list[str]:
    """Rounds of every readable file, earliest first (for analysts exploring data)."""
    ds, _ = load_inputs(files)
    return rounds_in_order(ds.rounds)
