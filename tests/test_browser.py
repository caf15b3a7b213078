"""Every generated HTML page renders in a real browser: Debian's headless ``chromium``.

The browser is driven over the DevTools protocol (``--remote-debugging-port``)
with ``websocket-client``; test tools here cannot download browsers of their
own. Each page — every report of the shared suite run, the hostile-title
report and ``index.html`` — is opened with the network switched off, its
images are all loaded (lazy ones too) and checked (``complete`` and
``naturalWidth > 0``), and the page must raise no JavaScript error, log no
error (a missing file is logged), request nothing but its own file, data:
URIs and, for the index, files inside ``reports/``, and open no dialog
(``alert``). Skipped only when chromium is not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from reports_support import LANGS, build_safety, build_suite

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
         "--remote-debugging-port=0", "--window-size=1200,1600"]

CHECK = """
(async () => {
  const imgs = Array.from(document.images);
  imgs.forEach(img => { img.loading = 'eager'; });
  await Promise.all(imgs.map(img => img.complete && img.naturalWidth > 0 ? null : new Promise(done => {
    img.addEventListener('load', done); img.addEventListener('error', done); setTimeout(done, 10000);
  })));
  return {
    images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 120)),
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
    text: document.body ? document.body.innerText.length : 0,
    scripts: document.scripts.length,
    width: document.documentElement.scrollWidth,
  };
})()
"""


class Browser:
    """A headless chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, profile: Path):
        import websocket  # websocket-client (the test extra)

        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5))
            except OSError:
                time.sleep(0.1)
                continue
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                break
            time.sleep(0.1)
        else:
            self.close()
            raise RuntimeError("chromium has no page target")
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(method)
        self.call("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1,
                  uploadThroughput=-1)

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        me = self.next_id
        self.ws.send(json.dumps({"id": me, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == me:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._event(msg)

    def _event(self, msg: dict) -> None:
        if "method" not in msg:
            return
        self.events.append(msg)
        if msg["method"] == "Page.javascriptDialogOpening":  # do not block on alert(); it is recorded
            self.ws.send(json.dumps({"id": 10**9, "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": True}}))

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for e in self.events:
                if e["method"] == method:
                    return e
            msg = json.loads(self.ws.recv())
            self._event(msg)
        raise TimeoutError(method)

    def open(self, page: Path) -> tuple[dict, list[dict]]:
        """Load a page; returns the CHECK result and the events seen while loading and checking."""
        self.events = []
        url = page.resolve().as_uri()
        nav = self.call("Page.navigate", url=url)
        assert not nav.get("errorText"), f"{page}: {nav.get('errorText')}"
        self.wait_for("Page.loadEventFired")
        res = self.call("Runtime.evaluate", expression=CHECK, awaitPromise=True, returnByValue=True)
        assert "exceptionDetails" not in res, f"{page}: the check script failed: {res['exceptionDetails']}"
        self.call("Runtime.evaluate", expression="1")  # flush events that arrived meanwhile
        return res["result"]["value"], list(self.events)

    def screenshot(self, path: Path) -> None:
        import base64

        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (make test installs Debian's chromium when run as root)")
    pytest.importorskip("websocket", reason="websocket-client (pip install -e '.[test]') drives chromium")
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def problems(page: Path, events: list[dict], allowed_root: Path) -> list[str]:
    """JS errors, error log entries, dialogs and requests outside ``allowed_root`` seen on a page."""
    out = []
    for e in events:
        m, p = e["method"], e.get("params", {})
        if m == "Runtime.exceptionThrown":
            details = p["exceptionDetails"]
            out.append(f"JS error: {details.get('exception', {}).get('description') or details.get('text')}")
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append(f"console.{p['type']}: {p.get('args')}")
        elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
            out.append(f"log error: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        elif m == "Page.javascriptDialogOpening":
            out.append(f"dialog opened: {p.get('type')} {p.get('message')!r}")
        elif m == "Network.loadingFailed":
            out.append(f"failed to load: {p.get('errorText')}")
        elif m == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if url.startswith("data:"):
                continue
            if not url.startswith("file://") or not Path(urllib.request.url2pathname(url[7:])).resolve().is_relative_to(
                    allowed_root.resolve()):
                out.append(f"request outside the report: {url[:120]}")
    return out


def test_every_report_page_renders_with_no_broken_image(browser, tmp_path_factory):
    suite = build_suite(tmp_path_factory)
    pages = [(lang, name, suite.out / "latest" / lang / f"{name}.html") for lang in LANGS for name in suite.expected]
    assert pages
    for _lang, name, page in pages:
        manifest = json.loads((page.parent / "manifest.json").read_text("utf-8"))
        n_charts = sum(c.endswith(".png") for c in manifest["notebooks"][name]["charts"])
        result, events = browser.open(page)
        assert result["broken"] == [], f"{page}: broken images {result['broken']}"
        assert result["images"] >= n_charts, f"{page}: {result['images']} images for {n_charts} charts"
        assert result["title"] == manifest["notebooks"][name]["title"]
        assert result["h1"].strip() and result["text"] > 200, f"{page}: renders empty"
        assert result["scripts"] == 0
        assert problems(page, events, page) == [], f"{page}"


def test_index_page_renders_with_every_thumbnail(browser, tmp_path_factory):
    suite = build_suite(tmp_path_factory)
    result, events = browser.open(suite.out / "index.html")
    n_thumbs = sum(1 for lang in LANGS
                   for e in json.loads((suite.out / "latest" / lang / "manifest.json").read_text("utf-8"))
                   ["notebooks"].values() if e.get("thumbnail"))
    assert n_thumbs >= 2
    assert result["images"] == n_thumbs
    assert result["broken"] == [], f"index.html: broken thumbnails {result['broken']}"
    assert problems(suite.out / "index.html", events, suite.out) == []


def test_hostile_title_renders_as_text_and_runs_nothing(browser, tmp_path_factory):
    safety = build_safety(tmp_path_factory)
    for lang in LANGS:
        page = safety["out"] / "latest" / lang / "nap_monitoring.html"
        result, events = browser.open(page)
        assert result["scripts"] == 0 and result["broken"] == []
        assert problems(page, events, page) == []  # no alert() dialog opened
        text = browser.call("Runtime.evaluate", expression="document.body.innerText", returnByValue=True)
        assert "<script>alert(1)</script>" in text["result"]["value"], "the title is shown literally"
