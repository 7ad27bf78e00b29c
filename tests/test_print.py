"""Printing (issue #14, point 7): plan, month calendar, event and report pages printed to PDF on A4
by the browser: a bounded number of pages, the page's own text, and no navigation, buttons or staff
links. The PDF is read back with pypdf."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

# page -> (text it must print, most A4 pages it may take)
PRINTED = {
    "ke-hoach/hoc-tap-suot-doi-den-2030.html": ("KẾ HOẠCH", 6),
    "lich/thang/2026-04.html": ("Lịch tháng 4/2026", 2),
    "lich/su-kien/chieu-phim-luu-dong.html": ("Chiếu phim lưu động", 2),
    # the figures, charts, targets, milestones and tables of counts, with the first 20 activities of
    # 2026 (7 A4 pages when written; the limit was 24 while the page listed every activity)
    "bao-cao/2026.html": ("Báo cáo hoạt động năm 2026", 8),
    # one page of that full list: 50 activities of every unit, one row each (5 A4 pages when written)
    "bao-cao/hoat-dong/2026.html": ("Danh sách hoạt động năm 2026", 6),
    "bao-cao/index.html": ("Báo cáo thực hiện Chương trình", 1),
}
# Navigation, search, buttons and staff links a printout must not carry.
NOT_PRINTED = [
    "Câu lạc bộ & lớp học",                   # a tab (and the drawer)
    "Tìm kiếm",                               # search
    "Hướng dẫn đăng nội dung cho cán bộ",     # footer
    "Sửa trang này",                          # edit link
    "Lên đầu trang",                          # back-to-top button
    "← Lịch hoạt động",                       # breadcrumb
    "Tháng 5/2026 →",                         # month navigation
    "Trang sau →",                            # a listing's pager
    "Tải tệp .ics",                           # add-to-calendar buttons
    "Thông tin văn bản",                      # the plan's web-only details box
]
A4_POINTS = (595, 842)


def _squeeze(text: str) -> str:
    """pypdf splits Vietnamese letters from their marks with spaces: compare without spaces, NFC."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def printed(browser, served_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    out = {}
    try:
        for path in PRINTED:
            page = context.new_page()
            page.goto(served_site + path, wait_until="networkidle")
            pdf = folder / (path.replace("/", "_") + ".pdf")
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
            page.close()
            out[path] = PdfReader(str(pdf))
    finally:
        context.close()
    return out


@pytest.mark.parametrize("path", list(PRINTED))
def test_page_prints_on_a4_without_navigation(printed, path):
    reader = printed[path]
    own_text, most_pages = PRINTED[path]
    assert 1 <= len(reader.pages) <= most_pages, f"{path}: {len(reader.pages)} pages"
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width), round(height)) == A4_POINTS
    text = _squeeze("\n".join(sheet.extract_text() for sheet in reader.pages))
    assert _squeeze(own_text) in text
    printed_nav = [word for word in NOT_PRINTED if _squeeze(word) in text]
    assert printed_nav == [], f"{path} prints {printed_nav}"


def test_the_navigation_check_can_fail(browser, served_site, tmp_path):
    """On screen media the same page shows the navigation: the words above would be found."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_site + "lich/thang/2026-04.html", wait_until="networkidle")
        page.emulate_media(media="screen")
        pdf = tmp_path / "screen.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    text = _squeeze("\n".join(sheet.extract_text() for sheet in PdfReader(str(pdf)).pages))
    assert _squeeze("Tháng 5/2026 →") in text and _squeeze("Hướng dẫn đăng nội dung cho cán bộ") in text
