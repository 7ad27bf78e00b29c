"""Quality in a real browser (issue #14, points 1, 3 and 4): one page of every page type, in the
light and dark schemes, at 360 px and 1280 px, in Debian's chromium.

- axe-core (npm, injected) with the WCAG 2.0–2.2 A/AA tags and HTML_CodeSniffer (npm, injected, as
  pa11y's htmlcs runner runs it) report no violation; pa11y itself (its axe and htmlcs runners,
  driving the same chromium) reports no issue;
- no English word of the theme is shown or read out (text, aria-label, title, alt, placeholder);
- no request fails (4xx/5xx or network error) and the console has no error.

The tools come from tests/node (package.json + lockfile), installed by scripts/test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

NODE_DIR = ROOT / "tests" / "node"
AXE = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
HTMLCS = NODE_DIR / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
PA11Y_SCRIPT = NODE_DIR / "pa11y-pages.mjs"

# One page of every type a resident meets: home, plans, calendar (index, month, category, event,
# archive, subscribe), clubs and classes (listing, facet, page), news (index, category, article,
# archive), reports, staff guide, the "not found" page, "Tuần này" (hub, village); venues (page,
# unit listing, village filter, the hub's overview) and a plan section's page of what carried it out.
# archive), reports, staff guide, the "not found" page; surveys (listing, survey with its chart) and
# ranking (overview, guide, self-assessment, a district's table, a centre's history).
PAGES = [
    "index.html", "gioi-thieu.html", "ke-hoach/index.html", "ke-hoach/hoc-tap-suot-doi-den-2030.html",
    "lich/index.html", "lich/thang/2026-04.html", "lich/the-loai/chieu-phim.html",
    "lich/su-kien/chieu-phim-luu-dong.html", "lich/luu-tru/2026.html", "lich/dang-ky.html",
    "cau-lac-bo/index.html", "cau-lac-bo/van-nghe-ban-lan.html", "lop-hoc/dang-mo.html",
    "tin-tuc/index.html", "tin-tuc/chuyen-muc/hoc-tap-suot-doi.html",
    "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html", "tin-tuc/luu-tru/2025-04.html",
    "bao-cao/index.html", "bao-cao/2026.html", "huong-dan/index.html", "404.html", "tim-kiem.html",
    # records (issue #13): document library, who does what, honour roll
    "van-ban/index.html", "van-ban/loai/quyet-dinh.html", "van-ban/93-kh-ubnd-2023.html",
    "van-ban/12-qd-ubnd-2025-xa-mau-a.html", "phan-cong/index.html", "phan-cong/hoi-khuyen-hoc-vieng-lan.html",
    "phan-cong/ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html", "vinh-danh/index.html",
    "vinh-danh/nam/2025.html", "vinh-danh/loai/cong-dan-hoc-tap.html", "bao-cao/2025.html",
    # "Tuần này" (issue #12): the hub's agenda with its unit and village filters, a village's page
    # with its subscribe block, and a unit's calendar home with the today block.
    "lich/tuan-nay.html", "don-vi/vieng-lan/lich/tuan-nay/ban-pung.html", "don-vi/vieng-lan/lich/index.html",
    "nha-van-hoa/nha-van-hoa-ban-lan.html", "nha-van-hoa/index.html", "don-vi/vieng-lan/nha-van-hoa/index.html",
    "don-vi/vieng-lan/nha-van-hoa/ban/ban-cang.html", "ke-hoach/thuc-hien/hoc-tap-suot-doi-den-2030/II.1.html",
    "huong-dan/nha-van-hoa.html",
    "khao-sat/index.html", "khao-sat/nhu-cau-hoc-tap-vieng-lan-2026.html", "danh-gia/index.html",
    "danh-gia/tieu-chi/tieu-chi-mau-2553.html", "danh-gia/tu-danh-gia-xa-mau-a-2025.html",
    "don-vi/huyen-dong-thap/danh-gia/xep-hang-2025.html", "don-vi/xa-mau-a/danh-gia/index.html",
    # the monthly A4 poster for the village notice board (issue #15 point 4)
    "don-vi/vieng-lan/lich/ap-phich/2026-04.html",
    # the weekly loudspeaker bulletin (issue #15 point 4)
    "don-vi/vieng-lan/lich/ban-tin/2026-04-20.html",    # the yearly report of a sample commune with its charts, and the one-page A4 summaries (issue #15 point 4)
    "don-vi/xa-mau-a/bao-cao/2026.html", "don-vi/xa-mau-a/bao-cao/tom-tat/2026.html", "bao-cao/tom-tat/2026.html",
    # the full list of a year's activities, paginated (issue #11 point 1): the hub's, a sample commune's
    "bao-cao/hoat-dong/2026.html", "don-vi/xa-mau-a/bao-cao/hoat-dong/2026.html",
]
SCHEMES = ["light", "dark"]
WIDTHS = [360, 1280]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Words of Material's (or any) English interface that must not reach a resident.
ENGLISH_UI = [
    "Search", "Initializing", "Tabs", "Not found", "Skip to", "Back to top", "Previous", "Next",
    "Edit this page", "Copy to clipboard", "Copied", "Table of contents", "Navigation", "Header",
    "Footer", "Share", "Clear", "Type to start", "No matching", "Select language", "Made with",
    "Material for MkDocs", "Contributors", "Last update", "Metadata", "Subscribe", "Calendar",
    "Read more", "Loading", "Close", "Menu", "Home", "Page not found", "RSS feed",
]
_ENGLISH = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH_UI) + r")\b")

_COLLECT_TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (p && !p.closest("script, style, code, pre, kbd, samp")) out.push(n.textContent);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [alt], [placeholder]")) {
    for (const a of ["aria-label", "title", "alt", "placeholder"]) {
      if (el.hasAttribute(a)) out.push(el.getAttribute(a));
    }
  }
  out.push(document.title);
  return out;
}"""

_RUN_HTMLCS = """() => new Promise(resolve => {
  window.HTMLCS.process("WCAG2AA", window.document, () => {
    resolve(window.HTMLCS.getMessages().filter(m => m.type === 1).map(m => ({
      code: m.code, msg: m.msg,
      html: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : String(m.element)})));
  });
})"""


def _tools_present() -> None:
    missing = [str(p.relative_to(ROOT)) for p in (AXE, HTMLCS) if not p.is_file()]
    assert not missing, f"{missing} missing: ./scripts/test installs tests/node (npm ci)"


def _visit(browser, served_site, scheme: str, width: int) -> dict:
    _tools_present()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN",
                                  color_scheme=scheme, bypass_csp=True)
    result = {"axe": [], "htmlcs": [], "english": [], "failed": [], "console": []}
    try:
        for path in PAGES:
            page = context.new_page()
            page.on("response", lambda r, path=path: r.status >= 400 and result["failed"].append(
                f"{path}: {r.status} {r.url}"))
            page.on("requestfailed", lambda r, path=path: result["failed"].append(
                f"{path}: {r.failure} {r.url}"))
            page.on("console", lambda m, path=path: m.type == "error" and result["console"].append(
                f"{path}: {m.text}"))
            page.on("pageerror", lambda e, path=path: result["console"].append(f"{path}: {e}"))
            page.goto(served_site + path, wait_until="networkidle")
            # The page is in the scheme asked for (Material follows prefers-color-scheme).
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.dataset.mdColorScheme") == expected, path
            page.add_script_tag(path=str(AXE))
            axe = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            for v in axe["violations"]:
                for node in v["nodes"]:
                    result["axe"].append(f"{path}: {v['id']}: {node['target']} {node['failureSummary'][:200]}")
            page.add_script_tag(path=str(HTMLCS))
            for m in page.evaluate(_RUN_HTMLCS):
                result["htmlcs"].append(f"{path}: {m['code']}: {m['msg'][:120]} {m['html']}")
            for text in page.evaluate(_COLLECT_TEXTS):
                for hit in _ENGLISH.findall(text or ""):
                    result["english"].append(f"{path}: {hit!r} in {text.strip()[:80]!r}")
            page.close()
    finally:
        context.close()
    return result


@pytest.fixture(scope="module", params=[(s, w) for s in SCHEMES for w in WIDTHS],
                ids=lambda p: f"{p[0]}-{p[1]}px")
def visited(request, browser, served_site):
    scheme, width = request.param
    return _visit(browser, served_site, scheme, width)


def test_every_page_type_exists(built_site):
    for path in PAGES:
        assert (built_site / path).is_file(), path


def test_axe_finds_no_violation(visited):
    assert visited["axe"] == [], "\n".join(visited["axe"][:40]) + f"\n({len(visited['axe'])} in all)"


def test_html_codesniffer_finds_no_error(visited):
    assert visited["htmlcs"] == [], "\n".join(visited["htmlcs"][:40]) + f"\n({len(visited['htmlcs'])} in all)"


def test_no_english_words_on_screen(visited):
    assert visited["english"] == [], "\n".join(visited["english"][:40])


def test_no_failed_request_or_console_error(visited):
    assert visited["failed"] == [], "\n".join(visited["failed"])
    assert visited["console"] == [], "\n".join(visited["console"])


def test_english_word_check_can_fail(browser, served_site):
    """The word list catches Material's untranslated strings: an English page trips it."""
    sample = "<nav aria-label='Tabs'>Back to top</nav>"
    assert _ENGLISH.findall(sample) == ["Tabs", "Back to top"]


# pa11y repeats the checks above with its own runners: every page type light at 1280 px and dark
# at 360 px (both schemes, both widths, at half the time of every combination).
PA11Y_RUNS = [("light", 1280), ("dark", 360)]


def test_pa11y_reports_no_issue(served_site):
    """pa11y itself (axe and htmlcs runners) on every page type with Debian's chromium (puppeteer
    never downloads a browser)."""
    node = shutil.which("node")
    assert node, "node is missing: ./scripts/test needs Node 20"
    assert (NODE_DIR / "node_modules" / "pa11y").is_dir(), "./scripts/test installs tests/node (npm ci)"
    chromium = os.environ.get("HOCTAP_CHROMIUM") or shutil.which("chromium")
    job = {"base": served_site, "paths": PAGES, "runs": PA11Y_RUNS, 
           "chromium": chromium}
    done = subprocess.run([node, str(PA11Y_SCRIPT)], input=json.dumps(job), capture_output=True,
                          text=True, cwd=NODE_DIR, timeout=900,
                          env=dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1"))
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    issues = found["issues"]
    assert issues == [], "\n".join(issues[:40]) + f"\n({len(issues)} in all)"
    # axe's undecided results (not violations) stay few: one code block of the staff guide.
    assert len(found["review"]) <= 2, found["review"]
