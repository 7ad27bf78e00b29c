"""Calendar pages checked with an HTML parser (the site is built for 2026-04-21)."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qs, urlparse

from bs4 import BeautifulSoup


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def upcoming_titles(page):
    return [a.get_text(strip=True) for a in page.select("[data-hoctap-upcoming] .hoctap-occ__title")]


def test_upcoming_lists_nothing_before_the_build_day(built_site):
    page = soup(built_site, "lich/index.html")
    items = page.select("[data-hoctap-upcoming] [data-hoctap-end]")
    assert items
    ends = [item["data-hoctap-end"] for item in items]
    assert min(e[:10] for e in ends) >= "2026-04-21"
    titles = upcoming_titles(page)
    assert "Tết Nguyên đán" not in titles          # 17/02/2026 is past on 21/04/2026
    # Both fall on the build day; the all-day one sorts first (midnight).
    assert titles[:2] == ["Ngày Sách và Văn hóa đọc Việt Nam", "Hội sách và Ngày hội đọc sách của xã"]
    groups = [h.get_text(strip=True) for h in page.select(".hoctap-month-group__title")]
    assert groups[0] == "Tháng 4/2026"


def test_home_page_next_events_block_is_filled_from_data(built_site):
    page = soup(built_site, "index.html")
    block = page.select_one(".hoctap-next")
    assert block is not None
    whens = [t.get_text(strip=True) for t in block.select(".hoctap-occ__when time")]
    assert whens[0] == "Thứ Ba, 21/04/2026"
    # Six shown; more in reserve (hidden), shown by the script when the first ones have ended.
    assert len(block.select("[data-hoctap-end]:not([hidden])")) == 6
    assert len(block.select("[data-hoctap-end][hidden]")) > 0
    assert block.select_one("[data-hoctap-upcoming]")["data-hoctap-limit"] == "6"


def test_month_page_grid_list_and_navigation(built_site):
    page = soup(built_site, "lich/thang/2026-04.html")
    assert page.select_one("h1").get_text(strip=True) == "Lịch tháng 4/2026"
    headers = [th.get_text(strip=True) for th in page.select(".hoctap-grid thead th")]
    assert headers == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    cells = {int(td.select_one(".hoctap-grid__day").get_text()): td
             for td in page.select(".hoctap-grid td") if "hoctap-grid__out" not in (td.get("class") or [])}
    assert sorted(cells) == list(range(1, 31))
    assert "Hội sách và Ngày hội đọc sách của xã" in cells[21].get_text()
    assert "Giỗ Tổ Hùng Vương" in cells[26].get_text()
    first_row = page.select(".hoctap-grid tbody tr")[0].select("td")
    assert first_row[2].select_one(".hoctap-grid__day").get_text() == "1"  # 1/4/2026 is a Wednesday
    prev = page.select_one('a[rel="prev"]')["href"]
    nxt = page.select_one('a[rel="next"]')["href"]
    assert prev == "2026-03.html" and nxt == "2026-05.html"
    assert (built_site / "lich/thang" / prev).exists()
    listing = page.select(".hoctap-month__list .hoctap-occ")
    assert len(listing) >= 6


def test_event_page_facts_lunar_date_and_add_to_calendar(built_site):
    page = soup(built_site, "lich/su-kien/gio-to-hung-vuong.html")
    assert page.select_one(".hoctap-event__when").get_text(strip=True) == "Chủ Nhật, 26/04/2026"
    assert page.select_one(".hoctap-event__lunar").get_text(strip=True) == "10/3 âm lịch"
    assert "10/3 âm lịch" in page.select_one(".hoctap-event__recurrence").get_text()
    add = page.select_one(".hoctap-add")
    links = {a.get_text(strip=True): a["href"] for a in add.select("a")}
    assert links["Tải tệp .ics"] == "gio-to-hung-vuong.ics"
    google = urlparse(links["Google Lịch"])
    query = parse_qs(google.query)
    assert google.netloc == "calendar.google.com"
    assert query["dates"] == ["20260426/20260427"] and query["ctz"] == ["Asia/Ho_Chi_Minh"]
    outlook = parse_qs(urlparse(links["Outlook"]).query)
    assert outlook["startdt"] == ["2026-04-26"] and outlook["allday"] == ["true"]


def test_event_page_json_ld_and_map(built_site):
    page = soup(built_site, "lich/su-kien/hoi-sach-2026.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-04-21T07:30:00+07:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["geo"]["latitude"] == 21.0489
    map_link = page.find("a", string="Xem bản đồ")
    assert "openstreetmap.org" in map_link["href"] and "mlat=21.0489" in map_link["href"]
    cites = [a["href"] for a in page.select(".hoctap-citations a")]
    assert cites == ["../../ke-hoach/hoc-tap-suot-doi-den-2030.html#II.1"]
    plan = soup(built_site, "ke-hoach/hoc-tap-suot-doi-den-2030.html")
    assert plan.find(id="II.1") is not None


def test_cancelled_event_page(built_site):
    page = soup(built_site, "lich/su-kien/giao-luu-van-nghe-ban-cang-2026.html")
    assert "ĐÃ HỦY" in page.select_one("h1").get_text()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert page.select_one(".hoctap-add") is None   # nothing to add to a calendar


def test_category_pages_and_archive(built_site):
    page = soup(built_site, "lich/the-loai/le-hoi.html")
    titles = set(upcoming_titles(page))
    assert titles == {"Giỗ Tổ Hùng Vương", "Tết Trung thu cho thiếu nhi", "Tết Nguyên đán",
                      "Đêm Giao thừa – văn nghệ đón năm mới"}
    assert page.select_one('a[href="le-hoi.ics"]') is not None
    archive = soup(built_site, "lich/luu-tru/2026.html")
    text = archive.get_text()
    assert "Tết Nguyên đán" in text and "Thứ Ba, 17/02/2026" in text
    assert "Hội sách" not in text  # 21/04/2026 is the build day: still upcoming


def test_subscribe_page(built_site):
    page = soup(built_site, "lich/dang-ky.html")
    hrefs = [a["href"] for a in page.select("a[href]")]
    assert "webcal://hoctap-vienglan.example.org/lich/lich.ics" in hrefs
    google = next(h for h in hrefs if h.startswith("https://calendar.google.com/calendar/render?cid="))
    assert parse_qs(urlparse(google).query)["cid"] == ["webcal://hoctap-vienglan.example.org/lich/lich.ics"]
    assert page.select_one("#hoctap-feed-url")["value"] == "https://hoctap-vienglan.example.org/lich/lich.ics"
    assert page.select_one("[data-hoctap-copy]") is not None
    assert page.select_one(".hoctap-qr svg") is not None
    text = page.get_text(" ", strip=True)
    assert "vài giờ" in text and "Android" in text and "iPhone" in text and "Outlook" in text


def test_generated_pages_stay_out_of_the_navigation(built_site):
    page = soup(built_site, "lich/su-kien/hoi-sach-2026.html")
    nav_links = page.select(".md-nav--primary .md-nav__link")
    assert not any("su-kien" in (a.get("href") or "") for a in nav_links)
    assert len(page.select(".md-tabs__item")) == 6


def test_generated_pages_link_to_the_file_staff_edit(built_site):
    from conftest import ROOT

    prefix = "https://github.com/example/hoctap-vienglan/edit/main/"
    for page_path, source in (("lich/su-kien/hoi-sach-2026.html", "events/vieng-lan/hoat-dong-2026.yaml"),
                              ("lich/su-kien/tet-nguyen-dan.html", "events/vieng-lan/le-hoi-am-lich.yaml"),
                              ("cau-lac-bo/bong-chuyen-ban-pung.html", "events/vieng-lan/cau-lac-bo/bong-chuyen-ban-pung.yaml")):
        edit = soup(built_site, page_path).select_one('a[rel="edit"]')
        assert edit is not None and edit["href"] == prefix + source
        assert (ROOT / source).is_file()
    month = soup(built_site, "lich/thang/2026-04.html")
    assert month.select_one('a[rel="edit"]') is None   # made from many files: nothing single to edit
