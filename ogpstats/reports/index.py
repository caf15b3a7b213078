"""``reports/index.html``: every period and language, with a thumbnail of each report's first chart.

One page for every reader: its headings are given in each language of
:data:`~ogpstats.i18n.LANGS` (Azerbaijani first), and each language's
reports are listed under a heading in that language, with their period.
A report without a chart (the data quality report) shows an icon instead
of a thumbnail.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import LANGS, messages
from ..vocab import round_sort_key
from .atomic import atomic_write
from .manifest import read_manifest

THUMB_WIDTH = 360


def chart_thumbnail(folder: Path, name: str, charts: tuple[str, ...] | list[str]) -> str | None:
    """Make the index's thumbnail of a report's first PNG chart: ``thumbs/<name>.png`` in ``folder``.

    ``charts`` are the report's chart files relative to ``folder``; returns the thumbnail's path relative to
    it, or ``None`` when the report has no PNG chart (the index shows an icon).
    """
    first_png = next((c for c in charts if c.endswith(".png")), None)
    if first_png is None or not (folder / first_png).exists():
        return None
    thumb = f"thumbs/{name}.png"
    make_thumbnail(folder / first_png, folder / thumb)
    return thumb


def make_thumbnail(png: Path, out: Path, width: int = THUMB_WIDTH) -> Path:
    """A small PNG of a chart (Pillow comes with matplotlib); same bytes for the same chart."""
    from PIL import Image

    out.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(png) as src:
        im = src.convert("RGB")
        height = max(1, round(im.height * width / im.width))
        # reducing_gap: a box reduction of the 300 dpi chart first, Lanczos over the rest (a third faster, same look).
        # No optimize=True: it took 20 ms of a thumbnail's 45 to make the file 1.5 % smaller.
        im.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0).save(out, format="PNG")
    return out


def _period_order(period: str) -> tuple:
    if period == "latest":
        return (0, ())
    return (1, tuple(-x if isinstance(x, int) else 0 for x in round_sort_key(period)))


def collect(out_dir: Path) -> dict[str, dict[str, dict]]:
    """``{period: {lang: manifest}}`` of every finished report folder."""
    found: dict[str, dict[str, dict]] = {}
    for manifest in sorted(out_dir.glob("*/*/manifest.json")):
        folder = manifest.parent
        if folder.parent.name.startswith((".", "_")):
            continue
        data = read_manifest(folder)
        if data:
            found.setdefault(folder.parent.name, {})[folder.name] = data
    return found


def _report_card(out_dir: Path, period: str, lang: str, name: str, entry: dict, m) -> dict:
    base = f"{period}/{lang}/"
    thumb = entry.get("thumbnail")
    # The round the report shows; a report about the files (no round) shows the folder's period.
    rnd = entry.get("round") or (period if period != "latest" else None)
    return {"href": base + entry["html"], "title": entry.get("title", name),
            "thumb": base + thumb if thumb and (out_dir / period / lang / thumb).exists() else None,
            "round": m.round_label(rnd) if rnd else m("index.latest")}


def _language_group(out_dir: Path, period: str, lang: str, data: dict, en) -> dict:
    m = messages(lang) if lang in LANGS else en
    entries = sorted(data.get("notebooks", {}).items(), key=lambda kv: (kv[1].get("order", 0), kv[0]))
    notes = [m(note["message_key"]) for _, note in sorted(data.get("skipped", {}).items())
             if note.get("message_key") and note["message_key"] in m]
    return {"lang": lang, "heading": m(f"lang.{lang}"), "notes": notes,
            "reports": [_report_card(out_dir, period, lang, name, entry, m) for name, entry in entries]}


def render_index(out_dir: str | Path) -> str:
    """The HTML of the index page (links relative to ``out_dir``; ``templates/index.html.j2``)."""
    from .templates import render

    out_dir = Path(out_dir)
    found = collect(out_dir)
    every = [messages(lg) for lg in LANGS]
    en = messages("en")
    periods = []
    for period in sorted(found, key=_period_order):
        label = [{"lang": m.lang, "text": m("index.latest") if period == "latest" else m.round_label(period)}
                 for m in every]
        langs = [x for x in LANGS if x in found[period]] + sorted(set(found[period]) - set(LANGS))
        periods.append({"id": period, "label": label,
                        "langs": [_language_group(out_dir, period, lg, found[period][lg], en) for lg in langs]})
    return render("index.html.j2", first=every[0], others=every[1:], periods=periods, thumb_width=THUMB_WIDTH) + "\n"


def write_index(out_dir: str | Path) -> Path:
    """Write ``<out_dir>/index.html`` (only when its content changed; atomically)."""
    out_dir = Path(out_dir)
    path = out_dir / "index.html"
    text = render_index(out_dir)
    try:
        if path.read_text("utf-8") == text:
            return path
    except OSError:
        pass
    return atomic_write(path, text)
