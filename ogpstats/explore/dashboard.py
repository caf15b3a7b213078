"""The interactive dashboard: ipywidgets over :mod:`ogpstats.explore.views`.

In a notebook::

    from ogpstats.explore import Dashboard
    Dashboard("../../data/raw").show()

Pick the workbooks of a folder, the kind, round, grouping, scheme and
due-only; the indicator table, the levels chart and the index-over-rounds
chart follow. Pick a group to see its measures with status, deadline and
evidence. Every widget is an attribute (``dash.by``, ``dash.group`` …), so a
test sets ``dash.by.value = "commitment"`` and reads ``dash.table_frame``.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w
import pandas as pd

from .. import plots
from ..io import load_dataset
from ..levels import SCHEME_NAMES, default_scheme
from ..model import Dataset
from ..validate import UnusableInput
from . import views
from .views import Selection

ALL = "(all)"
INPUT_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def data_files(folder: str | Path) -> list[Path]:
    """The workbooks and CSV files of a folder (not recursive), by name; no hidden or Office lock files."""
    d = Path(folder)
    if not d.is_dir():
        return []
    return sorted((p for p in d.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                   and not p.name.startswith((".", "~$"))), key=lambda p: p.name)


class Dashboard:
    """Widgets to explore the indicators of the workbooks in a folder.

    Parameters
    ----------
    folder
        Where the workbooks are (default ``data/raw``).
    files
        Names of the files selected at first; default every file of the folder.
    lang
        Language of the status words, round names and charts (``en`` or ``az``).

    Attributes
    ----------
    files, kind, round, by, scheme, due_only, group : ipywidgets widgets
        The choices. ``round`` offers the data's rounds; ``by`` the groupings
        the data has and ``None`` (all items); ``group`` the groups of ``by``.
    message, table, levels_chart, rounds_chart, measures_table : ipywidgets widgets
        What is shown: one line about the data, the indicator table (HTML),
        the two charts (PNG) and the measures of the chosen group (HTML).
    dataset : Dataset
        The selected files, read.
    table_frame, rounds_frame, measures_frame : pandas.DataFrame
        The figures behind the table, the index-over-rounds chart and the measures.
    """

    def __init__(self, folder: str | Path = "data/raw", *, files: list[str] | None = None, lang: str = "en"):
        self.folder = Path(folder)
        self.lang = lang
        self._cache: dict[tuple[str, int, int], Dataset | str] = {}
        self._busy = False
        names = [p.name for p in data_files(self.folder)]
        self.files = w.SelectMultiple(options=names, value=tuple(files if files is not None else names),
                                      description="Files", rows=min(max(len(names), 2), 6))
        self.kind = w.Dropdown(description="Kind")
        self.round = w.Dropdown(description="Round")
        self.by = w.Dropdown(description="Group by")
        self.scheme = w.Dropdown(options=list(SCHEME_NAMES), description="Scheme")
        self.due_only = w.Checkbox(value=False, description="Due only")
        self.group = w.Dropdown(description="Group")
        self.message = w.HTML()
        self.table = w.HTML()
        self.levels_chart = w.Image(format="png")
        self.rounds_chart = w.Image(format="png")
        self.measures_table = w.HTML()
        self.dataset = Dataset.concat([])
        self.table_frame = self.rounds_frame = self.measures_frame = pd.DataFrame()
        self.files.observe(self._files_changed, "value")
        self.kind.observe(self._kind_changed, "value")
        for control in (self.round, self.scheme, self.due_only):
            control.observe(self._choice_changed, "value")
        self.by.observe(self._by_changed, "value")
        self.group.observe(self._group_changed, "value")
        self._files_changed()

    # -- state ------------------------------------------------------------------------------------

    @property
    def selection(self) -> Selection:
        """The current choices as a :class:`~ogpstats.explore.views.Selection`."""
        return Selection(kind=self.kind.value, round=self.round.value, by=self.by.value,
                         scheme=self.scheme.value or "irm", due_only=bool(self.due_only.value),
                         group=self.group.value)

    def _read(self, path: Path) -> Dataset | str:
        """A file's dataset, or its one-line error; cached while the file is unchanged."""
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size)
        if key not in self._cache:
            try:
                self._cache[key] = load_dataset(path)
            except UnusableInput as exc:
                self._cache[key] = str(exc).splitlines()[0] if str(exc) else f"{path.name}: unusable input"
        return self._cache[key]

    def _load(self) -> list[str]:
        parts: list[Dataset] = []
        errors: list[str] = []
        for name in self.files.value:
            got = self._read(self.folder / name)
            if isinstance(got, str):
                errors.append(got)
            else:
                parts.append(got)
        self.dataset = Dataset.concat(parts)
        return errors

    # -- reactions --------------------------------------------------------------------------------

    def _files_changed(self, _change=None) -> None:
        errors = self._load()
        with self._hold():
            present = views.kinds(self.dataset)
            self.kind.options = [(k.upper(), k) for k in present] or [("—", None)]
            self.kind.value = present[0] if present else None
            self._set_kind_options()
        self._refresh(errors=errors)

    def _kind_changed(self, _change=None) -> None:
        if self._busy:
            return
        with self._hold():
            self._set_kind_options()
        self._refresh()

    def _set_kind_options(self) -> None:
        part = views.of_kind(self.dataset, self.kind.value)
        choices = views.round_choices(part, self.lang)
        self.round.options = choices or [("—", None)]
        self.round.value = choices[-1][1] if choices else None
        self.by.options = [(ALL, None), *((g, g) for g in views.groupings(part))]
        self.by.value = None
        self.scheme.value = default_scheme(self.kind.value)
        self._set_groups()

    def _by_changed(self, _change=None) -> None:
        if self._busy:
            return
        with self._hold():
            self._set_groups()
        self._refresh()

    def _choice_changed(self, _change=None) -> None:
        """Round, scheme or due-only changed: due-only may drop groups, the rest only redraws."""
        if self._busy:
            return
        with self._hold():
            self._set_groups(keep=True)
        self._refresh()

    def _set_groups(self, keep: bool = False) -> None:
        sel = self.selection
        names = views.groups(self.dataset, Selection(sel.kind, sel.round, sel.by, sel.scheme, sel.due_only))
        labels = views.group_labels(self.dataset, sel.by, self.lang)
        current = self.group.value
        self.group.options = [(ALL, None), *((labels.get(g, g), g) for g in names)]
        self.group.value = current if keep and current in names else None

    def _group_changed(self, _change=None) -> None:
        if not self._busy:
            self._refresh(charts=("rounds",))

    def _hold(self):
        """A context in which option changes do not each trigger a refresh."""
        dash = self

        class _Hold:
            def __enter__(self):
                dash._busy = True

            def __exit__(self, *exc):
                dash._busy = False

        return _Hold()

    def _refresh(self, _change=None, *, errors: list[str] | None = None,
                 charts: tuple[str, ...] = ("levels", "rounds")) -> None:
        """Recompute the figures of the current selection and redraw what shows them."""
        if self._busy:
            return
        sel = self.selection
        ds = self.dataset
        self.table_frame = views.indicator_table(ds, sel)
        self.rounds_frame = views.rounds_series(ds, sel)
        self.measures_frame = views.measures(ds, sel, self.lang)
        labels = views.group_labels(ds, sel.by, self.lang)
        self.table.value = _html(views.format_indicators(self.table_frame, self.lang))
        self.measures_table.value = _html(self.measures_frame.assign(
            deadline_end=self.measures_frame["deadline_end"].dt.strftime("%Y-%m-%d")))
        if "levels" in charts:
            fig = plots.levels_by_group(self.table_frame, lang=self.lang, labels=labels)
            self.levels_chart.value = plots.figure_png(fig)
        if "rounds" in charts:
            fig = plots.index_over_rounds(self.rounds_frame, lang=self.lang, labels=labels)
            self.rounds_chart.value = plots.figure_png(fig)
        self.message.value = _summary(ds, sel, errors or [])

    # -- display ----------------------------------------------------------------------------------

    def widget(self) -> w.Widget:
        """The whole dashboard as one widget box."""
        controls = w.HBox([self.files, w.VBox([self.kind, self.round, self.scheme]),
                           w.VBox([self.by, self.group, self.due_only])])
        charts = w.HBox([self.levels_chart, self.rounds_chart])
        return w.VBox([controls, self.message, self.table, charts, self.measures_table])

    def show(self) -> w.Widget:
        """Display the dashboard in the notebook (and return its widget)."""
        from IPython.display import display

        box = self.widget()
        display(box)
        return box


def _html(frame: pd.DataFrame) -> str:
    """A table as HTML; pandas escapes every cell."""
    return frame.to_html(index=False, na_rep="—", escape=True, border=0)


def _summary(ds: Dataset, sel: Selection, errors: list[str]) -> str:
    n_problems = sum(1 for p in ds.problems if getattr(p, "severity", "") == "error")
    text = f"{len(views.of_kind(ds, sel.kind).items)} items"
    if n_problems:
        text += f"; {n_problems} data error(s): run <code>ogpstats validate</code> on the files"
    lines = [text, *(html.escape(e) for e in errors)]
    return "<br>".join(lines)
