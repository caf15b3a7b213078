"""Regenerate the README screenshot: the English NAP report of the sample data, in headless Chromium.

Usage: ``python scripts/screenshot.py [OUT_PNG]`` (default ``docs/img/report_nap_en.png``;
``make screenshot``). The report is built from ``data/raw/`` into a temporary folder with
``nap_monitoring.ipynb`` only, then Debian's ``/usr/bin/chromium`` takes the top of the page
at 960 × 1232 pixels, offline, with no profile of the user's. Exit 2 with one line when
Chromium is missing or the report cannot be built.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "img" / "report_nap_en.png"
WIDTH, HEIGHT = 960, 1232
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def chromium() -> str | None:
    """The Chromium binary: ``/usr/bin/chromium``, else one on ``PATH``."""
    for name in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if name and Path(name).exists():
            return name
    return None


def build_report(work: Path) -> Path:
    """The English NAP report of the sample data, built in ``work``; returns its HTML page."""
    from ogpstats.reports import run_reports

    notebooks = work / "notebooks"
    notebooks.mkdir()
    shutil.copy2(ROOT / "notebooks" / "reports" / "nap_monitoring.ipynb", notebooks)
    run_reports("latest", ROOT / "data" / "raw", work / "reports", lang="en", notebooks_dir=notebooks, echo=False)
    return work / "reports" / "latest" / "en" / "nap_monitoring.html"


def screenshot(browser: str, page: Path, out: Path, profile: Path) -> None:
    """Chromium's ``--screenshot`` of ``page`` at :data:`WIDTH` × :data:`HEIGHT` into ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}",
                    f"--screenshot={out}", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) > 1 or argv[:1] in (["-h"], ["--help"]):
        print("usage: screenshot.py [OUT_PNG]", file=sys.stderr)
        return 2
    out = Path(argv[0]) if argv else DEFAULT_OUT
    browser = chromium()
    if browser is None:
        print("screenshot: chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    from ogpstats.reports import ReportError

    with tempfile.TemporaryDirectory(prefix="ogpstats-screenshot-") as tmp:
        work = Path(tmp)
        try:
            page = build_report(work)
            screenshot(browser, page, out, work / "profile")
        except ReportError as exc:
            print(f"screenshot: {exc}", file=sys.stderr)
            return 2
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"screenshot: chromium failed: {exc}", file=sys.stderr)
            return 2
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
