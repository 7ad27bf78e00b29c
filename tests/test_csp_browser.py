"""Every kind of page under its own Content-Security-Policy, in Debian's chromium: no violation, no
request to another host, and the pages still work (search, palette toggle, copy button)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from hoctap.core.publishing import CONTENT_SECURITY_POLICY

# One page of every page type: hand-written, plan, news (index, article, category, author, archive),
# calendar (index, month, category, event, archive, subscribe), clubs and classes (listing, page,
# facet), report, staff guide, search-less 404.
PAGES = [
    "index.html", "gioi-thieu.html", "ke-hoach/index.html", "ke-hoach/hoc-tap-suot-doi-den-2030.html",
    "tin-tuc/index.html", "tin-tuc/trang-2.html", "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html",
    "tin-tuc/chuyen-muc/hoc-tap-suot-doi.html", "tin-tuc/tac-gia/lo-van-thanh.html",
    "tin-tuc/luu-tru/2025-04.html", "lich/index.html", "lich/thang/2026-04.html",
    "lich/the-loai/chieu-phim.html", "lich/su-kien/chieu-phim-luu-dong.html", "lich/luu-tru/2026.html",
    "lich/dang-ky.html", "cau-lac-bo/index.html", "cau-lac-bo/van-nghe-ban-lan.html",
    "cau-lac-bo/loai/doi.html", "lop-hoc/index.html", "lop-hoc/dang-mo.html", "bao-cao/index.html",
    "bao-cao/2026.html", "bao-cao/tom-tat/2026.html", "don-vi/xa-mau-a/bao-cao/2026.html", "huong-dan/index.html", "huong-dan/bao-mat.html", "404.html",
    "van-ban/index.html", "van-ban/93-kh-ubnd-2023.html", "phan-cong/index.html",
    "phan-cong/hoi-khuyen-hoc-vieng-lan.html", "phan-cong/ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html",
    "vinh-danh/index.html", "vinh-danh/nam/2025.html", "vinh-danh/loai/cong-dan-hoc-tap.html",
    # "Tuần này" (issue #12): the hub's agenda with its unit and village filters, a village's page
    # with its subscribe block, and a unit's calendar home with the today block.
    "lich/tuan-nay.html", "don-vi/vieng-lan/lich/tuan-nay/ban-pung.html", "don-vi/vieng-lan/lich/index.html",
    "nha-van-hoa/nha-van-hoa-ban-lan.html", "nha-van-hoa/index.html", "don-vi/vieng-lan/nha-van-hoa/index.html",
    "don-vi/vieng-lan/nha-van-hoa/ban/ban-cang.html", "ke-hoach/thuc-hien/hoc-tap-suot-doi-den-2030/II.1.html",
    "khao-sat/index.html", "khao-sat/nhu-cau-hoc-tap-vieng-lan-2026.html", "danh-gia/index.html",
    "danh-gia/tieu-chi/tieu-chi-mau-2553.html", "danh-gia/tu-danh-gia-xa-mau-a-2025.html",
    "don-vi/huyen-dong-thap/danh-gia/xep-hang-2025.html", "don-vi/xa-mau-a/danh-gia/index.html",
    # the monthly A4 poster for the village notice board (issue #15 point 4)
    "don-vi/vieng-lan/lich/ap-phich/2026-04.html",
    # the weekly loudspeaker bulletin (issue #15 point 4)
    "don-vi/vieng-lan/lich/ban-tin/2026-04-20.html",
]

_RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(
  e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));
"""


def _foreign(url: str) -> bool:
    parts = urlparse(url)
    return parts.scheme not in ("data", "blob", "about", "file") and parts.hostname != "127.0.0.1"


def test_every_page_type_exists(built_site):
    for path in PAGES:
        assert (built_site / path).is_file(), path


@pytest.mark.parametrize("path", PAGES)
def test_page_carries_the_policy_first(built_site, path):
    """The meta tag is in <head> before any script or stylesheet (it covers only what follows it),
    and no inline script is left that the policy would block."""
    soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
    head = soup.head
    metas = head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert [m["content"] for m in metas] == [CONTENT_SECURITY_POLICY]
    elements = head.find_all(True)
    first_load = next(i for i, el in enumerate(elements) if el.name in ("script", "style")
                      or (el.name == "link" and "stylesheet" in el.get("rel", [])))
    assert elements.index(metas[0]) < first_load
    for script in soup.find_all("script"):
        if script.get("type") in ("application/json", "application/ld+json"):
            continue   # data, never run
        assert script.get("src"), f"inline script left in {path}: {str(script)[:80]}"


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_without_csp_violation_or_foreign_request(browser, served_site, path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        page = context.new_page()
        page.add_init_script(_RECORD_VIOLATIONS)
        console: list[str] = []
        requests: list[str] = []
        page.on("console", lambda msg: console.append(msg.text))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(served_site + path, wait_until="networkidle")
        violations = page.evaluate("window.__csp")
        assert violations == [], violations
        assert [m for m in console if "Refused to" in m or "Content Security Policy" in m] == []
        assert [u for u in requests if _foreign(u)] == []
        # Material's start-up script ran (it was inline before): the palette toggle works.
        assert page.evaluate("typeof __md_get") == "function"
    finally:
        context.close()


def test_search_palette_and_copy_button_work_under_the_policy(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        page = context.new_page()
        page.add_init_script(_RECORD_VIOLATIONS)
        page.goto(served_site + "lich/dang-ky.html", wait_until="networkidle")
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{scheme}'")
        page.reload(wait_until="networkidle")   # the choice is restored by hoctap-palette.js
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
        page.fill("#hoctap-header-q", "chiếu phim")     # hoctap's search (tim-kiem.html)
        page.press("#hoctap-header-q", "Enter")
        page.wait_for_selector("#hoctap-search-results li a", timeout=10000)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def test_a_usb_copy_opens_under_the_policy(browser, built_site: Path):
    """file:// pages: the policy's 'self' still admits the site's own scripts and styles."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(_RECORD_VIOLATIONS)
        console: list[str] = []
        page.on("console", lambda msg: console.append(msg.text))
        page.goto((built_site / "lich/su-kien/chieu-phim-luu-dong.html").as_uri(), wait_until="load")
        assert page.evaluate("window.__csp") == []
        assert [m for m in console if "Refused to" in m] == []
        assert page.evaluate("typeof __md_get") == "function"
        color = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert color not in ("", "rgba(0, 0, 0, 0)")   # Material's stylesheet applied
    finally:
        context.close()
