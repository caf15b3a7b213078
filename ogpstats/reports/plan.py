"""The report run's plan: which notebook runs for which period and language, and why the others do not.

:func:`make_plan` is pure: given the notebooks, the input files, the periods,
the languages and what each report folder's ``manifest.json`` says (and
which of its outputs exist), it decides for every notebook of every folder
one of

* ``run``: :class:`Task`, with the key it will be recorded under;
* ``unchanged``: same key in the manifest and every output present;
* ``refused``: its inputs have data errors (the previous report is kept);
* ``kept``: an input it was built from is gone or unusable — a published
  report stays published until its data says otherwise, so the last good
  version is kept (a :class:`Refusal` with code ``input.missing`` or
  ``input.unusable``);
* ``not applicable``: :class:`Skip` — the kind of data it needs is not there,
  and this output folder never had a report of that notebook.

``prune=True`` forgets what the reports were built from: a report whose
input is gone is then rebuilt from what remains, or removed as not applicable.

Nothing is read, written or started here; :mod:`.run` executes the plan
and publishes the result, and :func:`format_plan` prints it for
``ogpstats report --dry-run``.

The seams later work plugs into: :func:`task_key` is the one place a
notebook's cache key is computed (per-period keys replace its ``inputs``);
:class:`Refusal` and :class:`Skip` carry a stable ``code`` so a publisher
can tell "keep the last good report" from "this folder never had that data".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..rounds import applicable_round, report_round
from ..vocab import OGP_ROUNDS, ROUND_RE
from .inputs import InputFile, rounds_of
from .manifest import notebook_key, sha256_bytes

KIND_NAMES = {"nap": "National Action Plan (nap)", "srm": "Strategic Road Map (srm)", "ogp": "OGP export (ogp)"}


class PlanError(Exception):
    """Arguments or notebooks that cannot be planned; the message is one line."""


@dataclass(frozen=True)
class NotebookSpec:
    """A report notebook and what it needs.

    Read from the notebook's metadata ``{"ogpstats": {"requires": [...],
    "order": n, "title": key}}``; ``requires`` empty means any input.
    """

    name: str
    path: Path
    requires: tuple[str, ...]
    order: int
    title_key: str
    sha256: str


@dataclass(frozen=True)
class Skip:
    """A notebook that does not apply to a folder (its kind of data is missing)."""

    notebook: str
    code: str  # "kind.missing" | "inputs.none" | "period.no_data"
    reason: str
    message_key: str | None = None  # catalogue key the index shows (the SRM note)


@dataclass(frozen=True)
class Refusal:
    """A notebook not run because of its inputs; ``previous`` is the entry kept, if any.

    ``code`` is ``data.errors`` (an input has data errors), ``input.missing``
    (an input the report was built from is gone) or ``input.unusable`` (it
    cannot be read); ``files`` names those inputs.
    """

    notebook: str
    code: str
    files: tuple[str, ...]
    previous: Mapping | None = None

    @property
    def lost(self) -> bool:
        """Whether an input is gone or unusable (exit 2), rather than holding data errors (exit 1)."""
        return self.code in LOST_CODES


LOST_CODES = ("input.missing", "input.unusable")
History = Mapping[str, Mapping[str, str]]
"""``{notebook: {input name: sha256}}``: what the reports of a notebook were built from, in every manifest."""


@dataclass(frozen=True)
class Task:
    """A notebook to run into a folder."""

    spec: NotebookSpec
    key: str
    inputs: tuple[tuple[str, str], ...]  # (file name, sha256)
    round: str | None

    @property
    def input_records(self) -> list[dict]:
        return [{"name": n, "sha256": s} for n, s in self.inputs]


@dataclass
class FolderPlan:
    """What happens to one report folder ``<out>/<period>/<lang>/``."""

    period: str
    lang: str
    folder: Path
    old: dict  # its manifest, {} when none
    run: list[Task] = field(default_factory=list)
    unchanged: dict[str, dict] = field(default_factory=dict)  # name -> manifest entry kept
    refused: list[Refusal] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    @property
    def keep(self) -> dict[str, dict]:
        """Manifest entries carried over: unchanged notebooks and the last good version of refused ones."""
        kept = dict(self.unchanged)
        kept.update({r.notebook: dict(r.previous) for r in self.refused if r.previous})
        return kept

    @property
    def stale(self) -> set[str]:
        """Notebooks of the old manifest that neither run nor are kept: their outputs go."""
        return set(self.old.get("notebooks", {})) - {t.spec.name for t in self.run} - set(self.keep)

    @property
    def needs_work(self) -> bool:
        """Whether the folder must be staged and swapped (something runs or goes, or it has no manifest)."""
        return bool(self.run or self.stale or not self.old)

    def tag(self, name: str) -> str:
        return f"{self.period}/{self.lang}/{name}"


@dataclass
class Plan:
    """The whole run: one :class:`FolderPlan` per period and language, and notes for the user."""

    periods: list[str]
    langs: list[str]
    folders: list[FolderPlan]
    notes: list[str] = field(default_factory=list)  # notebooks not applicable, once each
    input_notes: list[str] = field(default_factory=list)  # unreadable input files

    @property
    def tasks(self) -> list[tuple[FolderPlan, Task]]:
        return [(fp, t) for fp in self.folders for t in fp.run]


def read_spec(path: Path) -> NotebookSpec:
    """The :class:`NotebookSpec` of one notebook file."""
    try:
        raw = path.read_bytes()
        meta = json.loads(raw.decode("utf-8")).get("metadata", {}).get("ogpstats", {})
    except (OSError, ValueError) as exc:
        raise PlanError(f"{path}: not a readable notebook ({exc})") from None
    return NotebookSpec(path.stem, path, tuple(meta.get("requires", [])), int(meta.get("order", 100)),
                        meta.get("title", ""), sha256_bytes(raw))


def valid_period(period: str) -> bool:
    return period in OGP_ROUNDS or bool(ROUND_RE.match(period))


def resolve_periods(period: str, files: list[InputFile], data_dir: Path) -> list[str]:
    """Report folders to produce: ``latest``; ``all`` → every data round and ``latest``; or one round."""
    if period == "latest":
        return ["latest"]
    rounds = rounds_of(files)
    if period == "all":
        return rounds + ["latest"]
    if not valid_period(period):
        raise PlanError(f"{period!r} is not a period; use latest, all or a round such as 2018-H2")
    if report_round(rounds, period) is None:
        have = ", ".join(rounds) or "none"
        raise PlanError(f"{data_dir}: no monitoring round at or before {period} (rounds in the data: {have})")
    return [period]


def applicable(spec: NotebookSpec, files: list[InputFile],
               period: str) -> tuple[list[InputFile], str | None, Skip | None]:
    """Inputs of a notebook, and the round it will show; or a :class:`Skip` saying why it does not apply."""
    if spec.requires:
        mine = [f for f in files if set(f.kinds) & set(spec.requires)]
        if not mine:
            kinds = " or ".join(KIND_NAMES.get(k, k) for k in spec.requires)
            return [], None, _skip(spec, "kind.missing", f"no {kinds} workbook in the data")
    else:
        mine = list(files)
        if not mine:
            return [], None, _skip(spec, "inputs.none", "no input files")
    rounds = rounds_of(mine)
    if period == "latest":
        return mine, (rounds[-1] if rounds else None), None
    if spec.requires and applicable_round(rounds, period) is None:
        return [], None, _skip(spec, "period.no_data", f"no data at or before {period}")
    return mine, period, None


def _skip(spec: NotebookSpec, code: str, reason: str) -> Skip:
    return Skip(spec.name, code, reason, "srm.missing" if spec.requires == ("srm",) else None)


def outputs(entry: Mapping) -> list[str]:
    """Every file of a manifest entry, relative to its report folder."""
    files = [entry.get("html"), entry.get("executed"), entry.get("thumbnail")]
    files += list(entry.get("charts", [])) + list(entry.get("tables", []))
    return [f for f in files if f]


def task_key(spec: NotebookSpec, period: str, lang: str,
             files: Sequence[InputFile | tuple[str, str]]) -> str:
    """The cache key of one notebook run (the one place it is computed).

    A period's report depends on the data up to its date only: each input
    stands in the key by the digest of that slice of its tidy tables
    (:mod:`.slices`), not by its bytes, so a new round re-runs the new
    period and ``latest``, and an edited assessment the periods from its
    round on. A file without tidy tables (unreadable, or described without
    them) stands by its sha256.
    """
    from .slices import period_digest

    inputs = [{"name": f[0], "sha256": f[1]} if isinstance(f, tuple)
              else {"name": f.name,
                    "sha256": f.sha256 if f.tidy is None else "slice:" + period_digest(f.tidy, period, f.digests)}
              for f in files]
    return notebook_key(spec.sha256, {"period": period, "lang": lang}, inputs)


def built_from(entry: Mapping | None) -> dict[str, str]:
    """``{input name: sha256}`` of a manifest entry."""
    return {str(i.get("name")): str(i.get("sha256")) for i in (entry or {}).get("inputs", [])}


def lost_inputs(spec: NotebookSpec, files: list[InputFile], prev: Mapping | None,
                history: History) -> Refusal | None:
    """The :class:`Refusal` of a report whose inputs are gone or unusable, or ``None``.

    A report is built from the inputs its manifest entry lists (``prev``);
    without one in this folder, from those of the notebook's reports in the
    other folders (``history``). An input renamed with the same bytes is not lost.
    The data quality report (it requires nothing) lists unusable files: it is never held back.
    """
    if not spec.requires:
        return None
    had = built_from(prev) if prev else dict(history.get(spec.name, {}))
    usable = {f.name: f.sha256 for f in files if not f.error}
    shas = set(usable.values())
    lost = sorted(n for n, digest in had.items() if n not in usable and digest not in shas)
    if not lost:
        return None
    bad = {f.name for f in files if f.error}
    code = "input.unusable" if bad & set(lost) else "input.missing"
    return Refusal(spec.name, code, tuple(lost), prev)


def plan_folder(specs: list[NotebookSpec], files: list[InputFile], period: str, lang: str, folder: Path, old: dict,
                present: Callable[[Path], bool], force: bool = False, history: History | None = None) -> FolderPlan:
    """Decide every notebook of one report folder (see the module docstring); ``history=None`` prunes."""
    fp = FolderPlan(period, lang, folder, old)
    entries = old.get("notebooks", {})
    for spec in specs:
        lost = None if history is None else lost_inputs(spec, files, entries.get(spec.name), history)
        if lost:
            fp.refused.append(lost)
            continue
        mine, rnd, skip = applicable(spec, files, period)
        if skip:
            fp.skipped.append(skip)
            continue
        prev = entries.get(spec.name)
        if spec.requires and any(f.errors for f in mine):
            # Indicators from data with errors are refused, as `ogpstats indicators` refuses them;
            # the data quality report (requires nothing) still runs and lists the errors.
            fp.refused.append(Refusal(spec.name, "data.errors", tuple(f.name for f in mine if f.errors), prev))
            continue
        inputs = tuple((f.name, f.sha256) for f in mine)
        key = task_key(spec, period, lang, mine)
        if (not force and prev and prev.get("key") == key
                and all(present(folder / rel) for rel in outputs(prev))):
            fp.unchanged[spec.name] = prev
            continue
        fp.run.append(Task(spec, key, inputs, rnd))
    return fp


def make_plan(specs: list[NotebookSpec], files: list[InputFile], periods: list[str], langs: list[str], out: Path,
              manifests: Mapping[tuple[str, str], dict], *, present: Callable[[Path], bool], force: bool = False,
              data_dir: Path | str = "", history: History | None = None, prune: bool = False) -> Plan:
    """The plan of a run (pure; see the module docstring).

    Parameters
    ----------
    specs
        Report notebooks, in report order.
    files
        Described input files.
    periods, langs
        Report folders to consider.
    out
        Root of the reports.
    manifests
        ``{(period, lang): manifest}`` of the existing folders (missing: none).
    present
        Whether an output file exists (``Path.exists`` in a real run).
    force
        Run every applicable notebook even when unchanged.
    data_dir
        Named in the notes.
    history
        What the reports of each notebook were built from in every manifest
        of ``out`` (:func:`history_of`); by default that of ``manifests``.
    prune
        Forget what the reports were built from (see the module docstring).
    """
    plan = Plan(list(periods), list(langs), [])
    seen: set[tuple[str, str]] = set()
    had = None if prune else (history if history is not None else history_of(manifests.values()))
    for p in periods:
        for lg in langs:
            fp = plan_folder(specs, files, p, lg, out / p / lg, manifests.get((p, lg), {}), present, force, had)
            plan.folders.append(fp)
            for s in fp.skipped:
                if (s.notebook, s.reason) not in seen:
                    seen.add((s.notebook, s.reason))
                    plan.notes.append(f"note: {s.notebook} skipped: {s.reason} ({data_dir})")
    return plan


def history_of(manifests) -> dict[str, dict[str, str]]:
    """:data:`History` of some manifests: every input each notebook's reports were built from."""
    out: dict[str, dict[str, str]] = {}
    for m in manifests:
        for name, entry in (m or {}).get("notebooks", {}).items():
            out.setdefault(name, {}).update(built_from(entry))
    return out


def refusal_reason(r: Refusal) -> str:
    """Why a notebook was not run, for the plan and the log."""
    what = {"data.errors": "data errors in ", "input.missing": "input gone: ",
            "input.unusable": "input unusable: "}.get(r.code, r.code + ": ")
    kept = "; the previous report is kept" if r.previous else ""
    return what + ", ".join(r.files) + kept


def format_plan(plan: Plan) -> list[str]:
    """The plan as lines for ``ogpstats report --dry-run``: one per notebook and folder, then a summary."""
    lines = list(plan.input_notes) + list(plan.notes)
    counts = {"run": 0, "unchanged": 0, "refused": 0, "kept": 0, "not applicable": 0}
    for fp in plan.folders:
        rows = [(t.spec.name, "run", f"round {t.round}" if t.round else "") for t in fp.run]
        rows += [(name, "unchanged", "") for name in fp.unchanged]
        rows += [(r.notebook, "kept" if r.lost else "refused", refusal_reason(r)) for r in fp.refused]
        rows += [(s.notebook, "not applicable", s.reason) for s in fp.skipped]
        for name, what, why in sorted(rows, key=lambda r: r[0]):
            counts[what] += 1
            lines.append(f"{fp.period}/{fp.lang}/{name}: {what}" + (f" ({why})" if why else ""))
        for name in sorted(fp.stale):
            if name not in {r[0] for r in rows}:
                lines.append(f"{fp.period}/{fp.lang}/{name}: removed (no longer a report notebook)")
    kept = f"{counts['kept']} kept (input gone or unusable), " if counts["kept"] else ""
    lines.append(f"plan: {counts['run']} to run, {counts['unchanged']} unchanged, {counts['refused']} refused for "
                 f"data errors, {kept}{counts['not applicable']} not applicable (dry run: nothing was started)")
    return lines
