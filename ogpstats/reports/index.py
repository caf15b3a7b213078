"""``reports/index.html``: every period and language, with a thumbnail of each report's first chart."""

from __future__ import annotations

import html
from pathlib import Path

from ..i18n import LANGS, messages
from ..vocab import round_sort_key
from .atomic import atomic_write
from .manifest import read_manifest

THUMB_WIDTH = 360

INDEX_CSS = """
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", "Noto Sans", Arial, sans-serif; color: #1f2328; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { margin: 0; font-size: 1.6em; } p.sub { margin: .2em 0 1.2em; color: #5b636b; }
h2 { border-bottom: 2px solid #d8dee4; padding-bottom: .2em; margin-top: 1.6em; font-size: 1.25em; }
h3 { font-size: 1em; color: #5b636b; margin: 1em 0 .4em; }
ul.reports { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 14px; }
ul.reports li { width: 240px; border: 1px solid #d8dee4; border-radius: 6px; overflow: hidden; background: #f8fafc; }
ul.reports a { color: inherit; text-decoration: none; display: block; }
ul.reports img { width: 100%; height: auto; display: block; background: #fff; border-bottom: 1px solid #d8dee4; }
ul.reports .name { display: block; padding: 8px 10px 2px; font-weight: bold; }
ul.reports .round { display: block; padding: 0 10px 8px; color: #5b636b; font-size: .9em; }
p.note { color: #5b636b; font-size: .9em; }
"""


def make_thumbnail(png: Path, out: Path, width: int = THUMB_WIDTH) -> Path:
    """A small PNG of a chart (Pillow comes with matplotlib); same bytes for the same chart."""
    from PIL import Image

    out.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(png) as im:
        im = im.convert("RGB")
        height = max(1, round(im.height * width / im.width))
        im.resize((width, height), Image.LANCZOS).save(out, format="PNG", optimize=True)
    return out


def _period_order(period: str) -> tuple:
    return (0, ()) if period == "latest" else (1, tuple(-x if isinstance(x, int) else 0 for x in round_sort_key(period)))


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


def render_index(out_dir: str | Path) -> str:
    """The HTML of the index page (links relative to ``out_dir``)."""
    out_dir = Path(out_dir)
    found = collect(out_dir)
    az, en = messages("az"), messages("en")
    parts = [f"<h1>{html.escape(az('index.title'))}</h1>",
             f'<p class="sub" lang="en">{html.escape(en("index.title"))} · {html.escape(az("index.intro"))} '
             f'<span lang="en">{html.escape(en("index.intro"))}</span></p>']
    if not found:
        parts.append(f"<p>{html.escape(az('report.no_data'))} / {html.escape(en('report.no_data'))}</p>")
    for period in sorted(found, key=_period_order):
        if period == "latest":
            label = f"{az('index.latest')} / {en('index.latest')}"
        else:
            label = az.round_label(period) + " / " + en.round_label(period)
        parts.append(f'<section id="{html.escape(period)}"><h2>{html.escape(label)}</h2>')
        for lang in [x for x in LANGS if x in found[period]] + sorted(set(found[period]) - set(LANGS)):
            m = messages(lang) if lang in LANGS else en
            data = found[period][lang]
            parts.append(f'<h3 lang="{html.escape(lang)}">{html.escape(m(f"lang.{lang}"))}</h3><ul class="reports">')
            entries = sorted(data.get("notebooks", {}).items(), key=lambda kv: (kv[1].get("order", 0), kv[0]))
            for name, entry in entries:
                base = f"{period}/{lang}/"
                href = html.escape(base + entry["html"])
                thumb = entry.get("thumbnail")
                img = (f'<img src="{html.escape(base + thumb)}" alt="{html.escape(entry.get("title", name))}" '
                       f'width="{THUMB_WIDTH}" loading="lazy">') if thumb and (out_dir / period / lang / thumb).exists() else ""
                rnd = entry.get("round")
                parts.append(f'<li lang="{html.escape(lang)}"><a href="{href}">{img}'
                             f'<span class="name">{html.escape(entry.get("title", name))}</span>'
                             f'<span class="round">{html.escape(m.round_label(rnd) if rnd else "")}</span></a></li>')
            parts.append("</ul>")
            for name, note in sorted(data.get("skipped", {}).items()):
                if note.get("message_key") and note["message_key"] in m:
                    parts.append(f'<p class="note">{html.escape(m(note["message_key"]))}</p>')
        parts.append("</section>")
    body = "\n".join(parts)
    return ("<!DOCTYPE html>\n<html lang=\"az\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(az('index.title'))}</title>\n<style>{INDEX_CSS}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


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
