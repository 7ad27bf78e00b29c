"""The built site in Debian's chromium (Playwright): phone and desktop widths, no foreign hosts, print."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

playwright = pytest.importorskip("playwright.sync_api")

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("HOCTAP_CHROMIUM") or shutil.which("chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PLAN1 = "ke-hoach/hoc-tap-suot-doi-den-2030.html"

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed (./scripts/test installs it)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def open_(path: str, width: int, height: int = 800):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + path, wait_until="networkidle")
        return page, requests

    yield open_
    for context in contexts:
        context.close()


def _foreign(requests: list[str]) -> list[str]:
    return [u for u in requests if urlparse(u).scheme not in ("data", "blob", "about")
            and urlparse(u).hostname != "127.0.0.1"]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["index.html", PLAN1, "ke-hoach/index.html", "gioi-thieu.html"])
def test_pages_at_phone_and_desktop_width(open_page, path, width):
    page, requests = open_page(path, width)
    assert requests, "the page made no request at all"
    assert _foreign(requests) == []
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width + 1, f"{path} is {overflow}px wide at {width}px"
    assert page.evaluate("document.documentElement.lang") == "vi"
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.replace("/", "_").replace(".html", "")
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=(width == 360 and path == PLAN1))


@pytest.mark.parametrize("width", [360, 1280])
def test_section_anchor_scrolls_into_view(open_page, server, width):
    page, _ = open_page(PLAN1 + "#II.1", width)
    # Chromium scrolls to the fragment on load: the heading must be on screen, below the sticky header.
    box = page.evaluate("""() => {
        const el = document.getElementById('II.1');
        const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, height: innerHeight, scroll: scrollY};
    }""")
    assert box["scroll"] > 0
    assert 0 <= box["top"] and box["bottom"] <= box["height"]
    assert page.locator("h3[id='II.1']").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"plan1-anchor-II.1-{width}.png"))


def test_plan_prints_on_a4_without_site_chrome(open_page):
    page, requests = open_page(PLAN1, 1280)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer',
                                     '.headerlink', 'h1.hoctap-doc-title', '.hoctap-doc-meta']
        .map(sel => [sel, [...document.querySelectorAll(sel)].every(
             el => getComputedStyle(el).display === 'none')])""")
    assert all(ok for _, ok in hidden), hidden
    shown = page.evaluate("""() => ['.hoctap-doc-header', '.hoctap-doc-footer__signature',
                                    '.hoctap-doc-footer__recipients', "h2[id='III']"]
        .map(sel => getComputedStyle(document.querySelector(sel)).display !== 'none')""")
    assert all(shown)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 2 <= pages <= 12
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "plan1-a4.pdf").write_bytes(pdf)
    assert _foreign(requests) == []
