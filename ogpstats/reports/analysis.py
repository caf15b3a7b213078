"""Small report helpers over the tidy tables: which round to show, overdue items, priorities,
road-map order, forecast outcome codes, KPI reasons, validation problems and a per-file summary.

Pure functions: tidy frames in, frames out, no language (texts are catalogue
keys or codes; :func:`problem_table` takes the translating function) and no
I/O except :func:`file_summary`, which hashes the input files. KPI status,
changes between rounds, forecasts and agency scorecards come from
:mod:`ogpstats.analytics`, so reports and the CLI agree.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..indicators import compute_indicators, natural_key, overdue_mask, status_at
from ..rounds import upto_mask
from ..vocab import round_as_of, round_period


def _sorted(frame: pd.DataFrame, col: str = "item_id") -> pd.DataFrame:
    if not len(frame):
        return frame.reset_index(drop=True)
    order = sorted(range(len(frame)), key=lambda i: (natural_key(frame["plan"].iloc[i]) if "plan" in frame else [],
                                                      natural_key(frame[col].iloc[i])))
    return frame.iloc[order].reset_index(drop=True)


def overdue_items(items: pd.DataFrame, assessments: pd.DataFrame, round: str) -> pd.DataFrame:
    """Items whose deadline ended on or before the round's as-of date and that are not complete.

    Same rule as the ``overdue`` indicator: unassessed items count, ongoing
    items never do. Returns the :func:`~ogpstats.indicators.status_at`
    columns, sorted by item number.
    """
    status = status_at(items, assessments, round)
    as_of = round_as_of(round)
    return _sorted(status[overdue_mask(status, pd.Timestamp(as_of) if as_of is not None else None)])


def needing_attention(scorecard: pd.DataFrame, items: pd.DataFrame, assessments: pd.DataFrame,
                      round: str | None) -> pd.DataFrame:
    """The scorecard with ``worst_items`` keeping only the measures that are not complete at ``round``.

    :func:`~ogpstats.analytics.agency_scorecard` lists an agency's worst
    items (overdue first, then lowest score); an agency with fewer than
    three open items is listed with complete ones too, which a page headed
    "measures needing attention" must not show. Complete items rank last
    (never overdue, highest score), so dropping them keeps the worst open
    ones in their order. Labels are ``item_id``, or ``plan: item_id`` when
    the items span several plans, as the scorecard writes them.
    """
    if not len(scorecard):
        return scorecard
    status = status_at(items, assessments, round)
    done = status[status["level"].astype(object) == "complete"]
    labels = done["item_id"].astype(str)
    if items["plan"].nunique() > 1:  # labels carry the plan: a bare id may be complete in one plan only
        labels = done["plan"].astype(str) + ": " + labels
    complete = set(labels)

    def keep(text: object) -> str:
        return ", ".join(x for x in str(text or "").split(", ") if x and x not in complete)

    return scorecard.assign(worst_items=scorecard["worst_items"].map(keep))


def priorities(items: pd.DataFrame, assessments: pd.DataFrame, round: str | None, *,
               scheme: str | None = None) -> pd.DataFrame:
    """Indicators per road-map priority, with ``roadmap`` and ``priority`` columns split out."""
    ind = compute_indicators(items, assessments, by="priority", round=round, scheme=scheme)
    parts = ind["group"].str.split("/", n=1, expand=True).reindex(columns=[0, 1])
    return ind.assign(roadmap=parts[0], priority=parts[1])


def period_year(round: str | None) -> int | None:
    """The calendar year a round falls in (``2018-H2`` → 2018)."""
    p = round_period(round) if round else None
    return p.year if p else None


def assessments_upto(assessments: pd.DataFrame, round: str | None) -> pd.DataFrame:
    """The assessments of rounds at or before ``round`` (all of them when ``round`` is ``None``).

    A report for an earlier period must not see later rounds: its trend and
    forecast use only what was known then.
    """
    if round is None or not len(assessments):
        return assessments
    return assessments[upto_mask(assessments["round"], round)].reset_index(drop=True)


def forecast_outcome(fc) -> str:
    """What a :class:`~ogpstats.analytics.forecast.Forecast` says, as a code.

    Returns
    -------
    str
        ``"reached"`` (the index is already 100), ``"reaches"`` (the trend
        reaches 100 in ``fc.reach_100_round``), ``"not_at_pace"`` (flat or
        falling trend, or more than a century away) or ``"no_trend"`` (fewer
        than two dated rounds).
    """
    if fc.slope_per_year is None:
        return "no_trend"
    if fc.reach_100_round is None:
        return "not_at_pace"
    last = fc.by_round["implementation_index"].dropna()
    if len(last) and float(last.iloc[-1]) >= 100:
        return "reached"
    return "reaches"


# ``reason`` texts of :func:`ogpstats.analytics.kpi_status` → catalogue key (``kpi.reason.<key>``).
_KPI_REASONS: tuple[tuple[str, str], ...] = (
    (r"no baseline value", "no_baseline"),
    (r"no target value", "no_target"),
    (r"target equals baseline", "target_equals_baseline"),
    (r"no baseline or target year", "no_years"),
    (r"target year is not after the baseline year", "target_not_after_baseline"),
    (r"no actual value yet", "no_actual"),
    (r"no actual value in a year <= (?P<year>\d{4})", "no_actual_by"),
    (r"no actual value after the baseline year", "no_actual_after_baseline"),
)


def kpi_reason(reason: object) -> tuple[str, dict] | None:
    """The catalogue key and fields of a KPI's ``no_data`` reason (``None`` when there is none).

    >>> kpi_reason("no actual value in a year <= 2019")
    ('kpi.reason.no_actual_by', {'year': '2019'})
    """
    import re

    if reason is None or (isinstance(reason, float) and reason != reason):
        return None
    text = str(reason).strip()
    for pattern, key in _KPI_REASONS:
        m = re.fullmatch(pattern, text)
        if m:
            return f"kpi.reason.{key}", m.groupdict()
    return "kpi.reason.other", {}


def roadmap_order(keys) -> list[str]:
    """Road map keys in the official order of the 12 road maps (unknown keys last, by name)."""
    try:
        from ..io.template import ROADMAPS
        official = list(ROADMAPS)
    except ImportError:  # pragma: no cover
        official = []
    rank = {k: i for i, k in enumerate(official)}
    return sorted(dict.fromkeys(str(k) for k in keys), key=lambda k: (rank.get(k, len(rank)), k))


def by_roadmap(ind: pd.DataFrame) -> pd.DataFrame:
    """Indicators per road map (``compute_indicators(by="roadmap")``) in the official order."""
    if not len(ind):
        return ind
    order = roadmap_order(ind["group"])
    return ind.set_index(ind["group"].astype(str)).loc[order].reset_index(drop=True)


def priority_table(items: pd.DataFrame, assessments: pd.DataFrame, round: str | None, *,
                   scheme: str | None = None) -> pd.DataFrame:
    """Indicators per road-map priority with the road map, priority number and priority title.

    Rows are in the official road-map order, then by priority number
    (``1.2`` before ``1.10``). ``priority_title`` is the title the workbook
    gives the priority (``section_title`` of its measures), or null.
    """
    ind = priorities(items, assessments, round, scheme=scheme)
    if not len(ind):
        return ind.assign(priority_title=pd.Series(dtype=object))
    titles = (items[items["priority"].notna() & items["roadmap"].notna()]
              .assign(group=lambda f: f["roadmap"].astype(str) + "/" + f["priority"].astype(str))
              .groupby("group")["section_title"].agg(lambda s: next((t for t in s if t), None)))
    title = ind["group"].map(titles).astype(object)
    ind = ind.assign(priority_title=title.where(title.notna(), None))
    rank = {k: i for i, k in enumerate(roadmap_order(ind["roadmap"]))}
    order = sorted(range(len(ind)), key=lambda i: (rank[str(ind["roadmap"].iloc[i])],
                                                   natural_key(str(ind["priority"].iloc[i]))))
    return ind.iloc[order].reset_index(drop=True)


def kpi_summary(kpis: pd.DataFrame) -> dict[str, int]:
    """How many KPIs have each status (``on_track``, ``at_risk``, ``off_track``, ``no_data``) and in all."""
    counts = {s: 0 for s in ("on_track", "at_risk", "off_track", "no_data")}
    if len(kpis):
        for s, n in kpis["status"].value_counts().items():
            counts[str(s)] = int(n)
    counts["total"] = int(len(kpis))
    return counts


PROBLEM_COLUMNS: tuple[str, ...] = ("file", "sheet", "cell", "severity", "message", "suggestion")


def _cell_order(cell: object) -> tuple:
    """Reading order of an A1 reference: row, then column (``B3`` before ``A10``); blank first."""
    import re

    m = re.fullmatch(r"([A-Za-z]+)(\d+)", str(cell or ""))
    if not m:
        return (0, 0, "")
    return (int(m.group(2)), len(m.group(1)), m.group(1).upper())


def problem_table(problems, unusable=(), translate=None) -> pd.DataFrame:
    """Validation problems and unreadable files as one table, errors first within each file.

    Parameters
    ----------
    problems
        :class:`~ogpstats.validate.Problem` objects.
    unusable
        ``(path, message)`` pairs of files that could not be read; each
        becomes an ``error`` row without sheet or cell, its message without
        the leading ``"<path>: "``.
    translate
        Function applied to every message (the report language's
        :meth:`~ogpstats.i18n.Messages.problem`); default: unchanged.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROBLEM_COLUMNS`; ``file`` is the file's name only.
        Sorted by file name, errors before warnings, sheet, then cell in
        reading order (row, then column).
    """
    from pathlib import Path

    tr = translate or (lambda p: p.message if hasattr(p, "code") else p)
    rows = []
    for path, message in unusable:
        if hasattr(message, "code"):  # the UnusableInput's Problem: rendered by code
            rows.append({"file": Path(path).name, "sheet": message.sheet, "cell": message.cell, "severity": "error",
                         "message": tr(message), "suggestion": message.suggestion})
            continue
        text = str(message)
        for prefix in (f"{path}: ", f"{Path(path).name}: "):
            if text.startswith(prefix):
                text = text[len(prefix):]
                break
        rows.append({"file": Path(path).name, "sheet": "", "cell": "", "severity": "error",
                     "message": tr(text), "suggestion": None})
    for p in problems:
        rows.append({"file": Path(str(p.file)).name, "sheet": p.sheet or "", "cell": p.cell or "",
                     "severity": p.severity, "message": tr(p), "suggestion": p.suggestion})
    rows.sort(key=lambda r: (r["file"], r["severity"] != "error", r["sheet"], _cell_order(r["cell"])))
    return pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))


FILE_SUMMARY_COLUMNS: tuple[str, ...] = ("file", "kind", "plans", "n_items", "n_rounds", "errors", "warnings",
                                         "sha256")


def file_summary(files, dataset, unusable=(), plan_name=str) -> pd.DataFrame:
    """One row per input file: what was read from it and how many problems it has.

    Parameters
    ----------
    files
        Paths of the input files (the report's inputs).
    dataset
        :class:`~ogpstats.model.Dataset` of every readable file.
    unusable
        ``(path, message)`` of the files that could not be read.
    plan_name
        How a plan's name is shown (:func:`ogpstats.i18n.plan_label` in the
        report's language); default as read.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FILE_SUMMARY_COLUMNS`: ``kind`` (``nap``/``srm``/``ogp``,
        several joined with ``+``, or ``unknown`` for an unreadable file),
        ``plans`` (plan names joined by ``; ``), ``n_items`` measures,
        ``n_rounds`` monitoring rounds assessed, ``errors`` and ``warnings``
        (an unreadable file counts one error), ``sha256`` (first 12 hex digits).
    """
    from pathlib import Path

    from .inputs import sha256_file

    bad = {Path(p).name for p, _ in unusable}
    items = dataset.items.assign(_name=dataset.items["file"].map(lambda f: Path(str(f)).name))
    a = dataset.assessments
    a = a.assign(_name=a["file"].map(lambda f: Path(str(f)).name)) if len(a) else a.assign(_name=[])
    rows = []
    for path in files:
        name = Path(path).name
        mine = items[items["_name"] == name]
        probs = [p for p in dataset.problems if Path(str(p.file)).name == name]
        kinds = sorted(set(mine["kind"].dropna().astype(str)))
        rows.append({
            "file": name,
            "kind": "unknown" if name in bad or not kinds else "+".join(kinds),
            "plans": "; ".join(sorted({plan_name(p) for p in mine["plan"].dropna().astype(str)})),
            "n_items": int(len(mine)),
            "n_rounds": int(a.loc[a["_name"] == name, "round"].nunique()) if len(a) else 0,
            "errors": sum(p.severity == "error" for p in probs) + (1 if name in bad else 0),
            "warnings": sum(p.severity != "error" for p in probs),
            "sha256": sha256_file(path)[:12] if Path(path).is_file() else "",
        })
    return pd.DataFrame(rows, columns=list(FILE_SUMMARY_COLUMNS))


def kpi_display(k: pd.DataFrame, m, titles: dict[str, str]) -> pd.DataFrame:
    """KPI rows in the official road-map order, with display columns in ``m``'s language.

    Adds ``roadmap_title``, ``reason_text`` (why a KPI has no status),
    ``baseline_shown``, ``target_shown``, ``latest_shown`` ("value (year)")
    and ``status_shown`` (the status, with the reason when there is one).
    """
    from .tables import display_value

    rank = {key: i for i, key in enumerate(roadmap_order(k["roadmap"]))} if len(k) else {}
    k = k.iloc[sorted(range(len(k)), key=lambda i: (rank[str(k["roadmap"].iloc[i])], i))].reset_index(drop=True)

    def reason(r: object) -> str | None:
        found = kpi_reason(r)
        return m(found[0], **found[1]) if found else None

    def value_year(value: object, year: Any) -> str:
        v = display_value(value, "value", m)
        return v if year is None or pd.isna(year) else f"{v}\u00a0({int(year)})"  # no break inside

    def status(code: object, why: object) -> str:
        text = display_value(code, "kpi_status", m)
        return f"{text}: {why}" if isinstance(why, str) and why else text

    if not len(k):
        return k.assign(**{c: pd.Series(dtype=object) for c in
                           ("roadmap_title", "reason_text", "baseline_shown", "target_shown", "latest_shown",
                            "status_shown")})
    k = k.assign(roadmap_title=k["roadmap"].map(lambda r: titles.get(str(r), str(r))),
                 reason_text=k["reason"].map(reason))
    return k.assign(
        baseline_shown=[value_year(v, y) for v, y in zip(k["baseline"], k["baseline_year"])],
        target_shown=[value_year(v, y) for v, y in zip(k["target"], k["target_year"])],
        latest_shown=[value_year(v, y) for v, y in zip(k["latest_value"], k["latest_year"])],
        status_shown=[status(c, w) for c, w in zip(k["status"], k["reason_text"])])
