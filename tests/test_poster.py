"""The monthly poster for the village notice board (issue #15, point 4): one A4 page per unit
and month, the month's one-off activities in large type with a QR code each, the clubs and
classes once each, and a QR code to the subscription page.

The QR codes are read back from screenshots of the page in Chromium with zbar (pyzbar), the
printout with pypdf, the page with BeautifulSoup; the activities expected are read from the
event files (YAML), not from our code."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import icalendar
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader
from pyzbar.pyzbar import decode

from hoctap.core.urls import Urls

HOST = "hoctap-vienglan.example.org"
UNIT = "vieng-lan"
POSTER = Urls(f"don-vi/{UNIT}/").poster(2026, 4)
A4_POINTS = (595, 842)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_poster_path_has_the_scheme():
    assert POSTER == "don-vi/vieng-lan/lich/ap-phich/2026-04.html"
    assert Urls().poster(2026, 12) == "lich/ap-phich/2026-12.html"


def _april_one_off_titles(site: Path) -> set[str]:
    """Titles of the unit's one-off activities touching April 2026, read from the unit's feed
    with icalendar + recurring-ical-events: not club or class sessions, not commemorative days,
    not cancelled."""
    feed = icalendar.Calendar.from_ical((site / Urls(f"don-vi/{UNIT}/").calendar_feed()).read_bytes())
    routine = {"Câu lạc bộ", "Lớp học", "Ngày kỷ niệm"}
    return {str(e["SUMMARY"]) for e in recurring_ical_events.of(feed).between(date(2026, 4, 1), date(2026, 5, 1))
            if not set(e["CATEGORIES"].cats) & routine and str(e.get("STATUS")) != "CANCELLED"}


def test_poster_lists_the_months_activities_once_and_clubs_once(built_site):
    page = soup(built_site, POSTER)
    poster = page.select_one(".hoctap-poster")
    assert poster.h1.get_text(strip=True) == "Lịch hoạt động tháng 4/2026"
    titles = {li.select_one(".hoctap-poster__title a").get_text(strip=True)
              for li in poster.select(".hoctap-poster__item")}
    assert titles == _april_one_off_titles(built_site)
    assert {"Chiếu phim lưu động", "Hội sách và Ngày hội đọc sách của xã"} <= titles
    assert len(poster.select(".hoctap-poster__item")) == len(titles)
    clubs = [row.th.get_text(strip=True) for row in poster.select(".hoctap-poster__clubs tbody tr")]
    assert clubs and len(clubs) == len(set(clubs))           # each club or class schedule once
    # The arts club of bản Lán meets on Tuesdays and Fridays, 19:30–21:00 (events/vieng-lan/cau-lac-bo).
    row = next(r for r in poster.select(".hoctap-poster__clubs tbody tr") if "Văn nghệ bản Lán" in r.th.get_text())
    assert [td.get_text(strip=True) for td in row.find_all("td")][:2] == ["Thứ Ba, Thứ Sáu", "19:30–21:00"]
    # The sample's April activities include invented ones (mau: true): the poster says so.
    assert poster.select_one("[data-sample=true]") is not None
    # Every QR code is labelled for screen readers.
    figures = poster.select("figure.hoctap-poster__qr")
    assert len(figures) == len(titles) + 2             # and the subscription page and the month page
    assert all(f.get("role") == "img" and f["aria-label"].startswith("Mã QR") for f in figures)


def test_poster_counts_the_clubs_beyond_its_rows(built_site):
    """April's 3 activities are under the cap (lich.so_hoat_dong_ap_phich, 5): all shown, no
    "hoạt động khác"; its clubs and classes are over POSTER_CLUBS (6): the others are counted, read
    from the unit's feed (recurring-ical-events), next to one QR code to the month's page."""
    feed = icalendar.Calendar.from_ical((built_site / Urls(f"don-vi/{UNIT}/").calendar_feed()).read_bytes())
    clubs = {str(e["URL"]) for e in recurring_ical_events.of(feed).between(date(2026, 4, 1), date(2026, 5, 1))
             if set(e["CATEGORIES"].cats) & {"Câu lạc bộ", "Lớp học"} and str(e.get("STATUS")) != "CANCELLED"}
    poster = soup(built_site, POSTER).select_one(".hoctap-poster")
    rows = poster.select(".hoctap-poster__clubs tbody tr")
    assert len(clubs) > 6 and len(rows) == 6
    more = poster.select_one(".hoctap-poster__more")
    assert more.select_one(".hoctap-poster__more-items") is None
    assert more.select_one(".hoctap-poster__more-clubs").get_text(strip=True) == f"{len(clubs) - 6} câu lạc bộ, lớp học khác"
    assert more.select_one("figure")["aria-label"] == "Mã QR trang lịch tháng 4/2026"


def test_month_page_links_its_poster(built_site):
    month = Urls(f"don-vi/{UNIT}/").month(2026, 4)
    link = soup(built_site, month).select_one(".hoctap-month__poster a")
    target = (built_site / month).parent / link["href"]
    assert target.resolve() == (built_site / POSTER).resolve()
    # A month without a poster (the build day is 21/04/2026: posters for April to June) links none.
    assert soup(built_site, Urls(f"don-vi/{UNIT}/").month(2026, 7)).select_one(".hoctap-month__poster") is None


def _built_page(site: Path, url: str) -> Path:
    parsed = urlparse(url)
    assert parsed.scheme == "https" and parsed.netloc == HOST, url
    return site / parsed.path.lstrip("/")


@pytest.fixture(scope="module")
def poster_page(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 4000}, device_scale_factor=2, locale="vi-VN")
    page = context.new_page()
    page.goto(served_site + POSTER, wait_until="networkidle")
    yield page
    context.close()


def test_qr_codes_decode_to_built_pages(poster_page, built_site):
    figures = poster_page.locator("figure.hoctap-poster__qr")
    count = figures.count()
    assert count >= 2
    decoded = {}
    for i in range(count):
        figure = figures.nth(i)
        image = Image.open(io.BytesIO(figure.screenshot()))
        found = decode(image)
        assert len(found) == 1, f"QR {i}: {found}"
        decoded[figure.get_attribute("aria-label")] = found[0].data.decode("utf-8")
    for label, url in decoded.items():
        assert _built_page(built_site, url).is_file(), (label, url)
    assert decoded["Mã QR trang đăng ký lịch hoạt động trên điện thoại"] == \
        f"https://{HOST}/" + Urls(f"don-vi/{UNIT}/").subscribe()
    assert decoded["Mã QR trang lịch tháng 4/2026"] == f"https://{HOST}/" + Urls(f"don-vi/{UNIT}/").month(2026, 4)
    # Each activity's code opens that activity's page: its <h1> is the activity's title.
    for label, url in decoded.items():
        if label.startswith("Mã QR trang hoạt động: "):
            title = label.removeprefix("Mã QR trang hoạt động: ")
            assert soup(built_site, str(_built_page(built_site, url).relative_to(built_site))).h1.get_text(strip=True) == title


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def test_poster_prints_on_one_a4_page(browser, served_site, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(served_site + POSTER, wait_until="networkidle")
        pdf = tmp_path / "poster.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    finally:
        context.close()
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    sheet = reader.pages[0]
    assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == A4_POINTS
    text = _squeeze(sheet.extract_text())
    assert _squeeze("Lịch hoạt động tháng 4/2026") in text
    assert _squeeze("Chiếu phim lưu động") in text
    for web_only in ("Tìm kiếm", "← Lịch tháng 4/2026", "bấm In (Ctrl+P)"):
        assert _squeeze(web_only) not in text, web_only


def test_a_one_unit_site_has_its_posters_and_bulletins_at_the_root(one_unit_site):
    """A site of one unit keeps the old layout: the poster and the bulletin are at the root."""
    link = soup(one_unit_site, Urls().month(2026, 4)).select_one(".hoctap-month__poster a")
    assert ((one_unit_site / Urls().month(2026, 4)).parent / link["href"]).resolve() == (one_unit_site / Urls().poster(2026, 4)).resolve()
    assert (one_unit_site / Urls().bulletin(date(2026, 4, 20), "txt")).is_file()
