"""Report pages a donor can navigate: every link resolves, Russian pages speak Russian, sample data says so.

Reads the shared suite run of :mod:`reports_support` (the sample data in az, en and ru).
"""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ogpstats.i18n import LANGS, catalogue, messages

from reports_support import Page


def pages(suite):
    for lang, folder in suite.folders():
        for name in suite.expected:
            yield lang, name, folder / f"{name}.html"


def local_target(page: Path, href: str) -> Path:
    """The file a relative link of ``page`` points to (the link must not leave for the web)."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not href.startswith("/"), f"{page}: {href} is not relative"
    return (page.parent / unquote(parts.path)).resolve()


def test_every_link_of_every_page_resolves_on_disk(suite):
    n = 0
    for _lang, _name, page in pages(suite):
        for a in Page(page.read_text("utf-8")).all("a"):
            href = a["href"]
            if href.startswith("#"):
                continue
            assert local_target(page, href).is_file(), f"{page}: {href} does not exist"
            n += 1
    assert n >= len(LANGS) * len(suite.expected) * len(LANGS)  # at least the index and the other languages


def test_each_page_links_the_index_and_itself_in_the_other_languages(suite):
    for lang, name, page in pages(suite):
        links = {a["href"]: a for a in Page(page.read_text("utf-8")).all("a")}
        assert local_target(page, "../../index.html") == (suite.out / "index.html").resolve()
        assert "../../index.html" in links, f"{page}: no link to the index"
        for other in LANGS:
            if other == lang:
                continue
            href = f"../{other}/{name}.html"
            assert href in links, f"{page}: no link to the {other} report"
            assert links[href].get("hreflang") == other
        text = page.read_text("utf-8")
        assert htmllib.escape(messages(lang)("page.index")) in text


def test_every_chart_and_table_file_is_linked_under_its_chart_or_table(suite):
    for _lang, name, page in pages(suite):
        text = page.read_text("utf-8")
        entry = json.loads((page.parent / "manifest.json").read_text("utf-8"))["notebooks"][name]
        files = entry["charts"] + entry["tables"]
        hrefs = [a["href"] for a in Page(text).all("a")]
        for f in files:
            assert hrefs.count(f) == 1, f"{page}: {f} linked {hrefs.count(f)} times"
        # A chart's files are in its figure; a table's right after it (or after the note of an empty table).
        for chart in {Path(f).stem for f in entry["charts"]}:
            at = text.index(f'href="charts/{chart}.png"')
            start, end = text.rindex("<figure", 0, at), text.index("</figure>", at)
            assert "</figure>" not in text[start:at] and f'href="charts/{chart}.svg"' in text[at:end], \
                f"{page}: {chart} files not in its figure"
        for table in {Path(f).stem for f in entry["tables"]}:
            after = r'(</table></div>|<p class="note">[^<]*</p>)<p class="downloads">[^<]*<a [^>]*href="tables/'
            assert re.search(after + re.escape(table) + r'\.csv"', text), f"{page}: {table} files not under it"


def english_catalogue_words() -> set[str]:
    """Words of the English catalogue that no Russian catalogue text uses (``ogpstats``, ``English`` are shared)."""
    def words(texts):
        return {w.casefold() for t in texts for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", " ", t))}

    return words(catalogue("en").values()) - words(catalogue("ru").values())


def visible_text(page: Path) -> str:
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page.read_text("utf-8"), flags=re.S)
    parsed = Page(text)
    attrs = " ".join(a.get("alt", "") for a in parsed.all("img"))
    shown = " ".join(parsed.text) + " " + attrs
    return re.sub(r"[\w.-]+\.(xlsx|xlsm|xls|ods|csv)\b", " ", shown)  # file names are names, not words


def test_russian_pages_hold_no_english_catalogue_word(suite):
    """Apart from file names and the link to the English report, no word of the English catalogue."""
    english = english_catalogue_words()
    assert {"report", "measures", "index"} <= english
    for _lang, name, page in pages(suite):
        if page.parent.name != "ru":
            continue
        found = {w for w in re.findall(r"[A-Za-z]{4,}", visible_text(page)) if w.casefold() in english}
        # The link to the English report is named in English, on purpose.
        found -= {"English"}
        assert not found, f"{page}: English words {sorted(found)}"
        assert len(re.findall(r"[А-Яа-яЁё]", visible_text(page))) > 300, f"{name}: not Russian"


def test_every_page_of_the_sample_says_its_figures_are_made_up(suite):
    for lang, _name, page in pages(suite):
        text = page.read_text("utf-8")
        notice = htmllib.escape(messages(lang)("report.illustrative"))
        assert f'<p class="illustrative" role="note">{notice}</p>' in text, f"{page}: no illustrative notice"


def test_index_lists_every_report_in_every_language_with_its_period(suite):
    text = (suite.out / "index.html").read_text("utf-8")
    parsed = Page(text)
    hrefs = [a["href"] for a in parsed.all("a")]
    for lang in LANGS:
        assert f'<h3 lang="{lang}">{htmllib.escape(messages(lang)(f"lang.{lang}"))}</h3>' in text
        assert htmllib.escape(messages(lang)("index.title")) in text
        for name in suite.expected:
            assert hrefs.count(f"latest/{lang}/{name}.html") == 1
    # The data quality report (no chart): an icon, and the period it was built for.
    dq = re.search(r'<li lang="ru"><a href="latest/ru/data_quality.html">(.*?)</a></li>', text, re.S)
    assert dq and "<svg" in dq.group(1) and "<img" not in dq.group(1)
    manifest = json.loads((suite.out / "latest" / "ru" / "manifest.json").read_text("utf-8"))
    period = manifest["notebooks"]["data_quality"]["round"]
    shown = messages("ru").round_label(period) if period else messages("ru")("index.latest")
    assert f'<span class="round">{htmllib.escape(shown)}</span>' in dq.group(1)
    nap = re.search(r'<li lang="az"><a href="latest/az/nap_monitoring.html">(.*?)</a></li>', text, re.S)
    assert nap and f'<span class="round">{messages("az").round_label("2018-H2")}</span>' in nap.group(1)
