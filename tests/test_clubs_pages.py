"""Listing, facet and detail pages of clubs and classes, read back with BeautifulSoup.

Expected facets are computed here from the YAML files themselves, not from the code under test."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import BUILD_EPOCH, ROOT

VILLAGES = ["ban-lan", "ban-pung", "ban-cang", "ban-na-vuong", "ban-khau-cang", "trung-tam-xa"]
KINDS = ["cau-lac-bo", "doi", "nhom-so-thich", "lop-nang-khieu", "lop-nghe", "chuyen-giao-ky-thuat"]
# The hub's village facet also lists the invented sample communes' villages (one each).
SAMPLE_VILLAGES = ["ap-a1", "ap-b1", "ap-c1"]
DAYS = ["t2", "t3", "t4", "t5", "t6", "t7", "cn"]
BUILD_DAY = datetime.fromtimestamp(int(BUILD_EPOCH), ZoneInfo("Asia/Ho_Chi_Minh")).date()


def _entries() -> dict[str, dict]:
    out = {}
    for folder in ("cau-lac-bo", "lop-hoc"):
        for path in sorted((ROOT / "events").glob(f"*/{folder}/*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            rules = data.get("lich") or data.get("lich_hoc")
            deadline = (data.get("dang_ky") or {}).get("han")
            out[data["ma"]] = {
                "name": data["ten"],
                "course": folder == "lop-hoc",
                "kind": data["loai"].replace("_", "-"),
                "village": data.get("ban") or "trung-tam-xa",
                "days": {d.lower() for r in rules for d in r.get("thu", [])},
                # Open: before the start, registration not past its deadline, no staff override.
                "open": (folder == "lop-hoc" and data.get("trang_thai") is None and data.get("dang_ky") is not None
                         and BUILD_DAY < data["bat_dau"] and (deadline is None or deadline >= BUILD_DAY)),
                "phone": data["nguoi_phu_trach"]["dien_thoai"],
                "zalo": data["nguoi_phu_trach"].get("zalo"),
            }
    return out


ENTRIES = _entries()


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _cards(soup: BeautifulSoup) -> list[str]:
    return [li["data-ma"] for li in soup.select("[data-hoctap-card]")]


def test_sample_content_spreads_over_villages_and_kinds():
    assert len([e for e in ENTRIES.values() if not e["course"]]) >= 6
    assert len([e for e in ENTRIES.values() if e["course"]]) >= 5
    assert {e["village"] for e in ENTRIES.values()} == set(VILLAGES)
    assert {e["kind"] for e in ENTRIES.values()} == set(KINDS)


def test_main_listing_has_every_club_and_class_in_its_section(built_site):
    soup = _soup(built_site, "cau-lac-bo/index.html")
    clubs = soup.select_one("#ds-cau-lac-bo")
    courses = soup.select_one("#ds-lop-hoc")
    assert sorted(_cards(clubs)) == sorted(k for k, e in ENTRIES.items() if not e["course"])
    assert sorted(_cards(courses)) == sorted(k for k, e in ENTRIES.items() if e["course"])
    assert soup.select_one("[data-hoctap-clubs] [data-hoctap-facets]") is not None


@pytest.mark.parametrize("group,values,test", [
    ("loai", KINDS, lambda e, v: e["kind"] == v),
    ("ban", VILLAGES, lambda e, v: e["village"] == v),
    ("thu", DAYS, lambda e, v: v in e["days"]),
])
def test_each_facet_page_lists_exactly_the_matching_entries(built_site, group, values, test):
    for value in values:
        soup = _soup(built_site, f"cau-lac-bo/{group}/{value}.html")
        expected = sorted(k for k, e in ENTRIES.items() if test(e, value))
        assert sorted(_cards(soup)) == expected, (group, value)
        # the facet bar marks the current facet and links every other one
        current = soup.select("nav.hoctap-facets a[aria-current]")
        assert [a["href"] for a in current] == [f"{value}.html"]


def test_every_entry_appears_in_its_facets_and_only_there(built_site):
    for ma, entry in ENTRIES.items():
        found = set()
        for group, values in (("loai", KINDS), ("ban", VILLAGES), ("thu", DAYS)):
            for value in values:
                if ma in _cards(_soup(built_site, f"cau-lac-bo/{group}/{value}.html")):
                    found.add((group, value))
        expected = {("loai", entry["kind"]), ("ban", entry["village"])} | {("thu", d) for d in entry["days"]}
        assert found == expected, ma


def test_open_for_registration_page(built_site):
    soup = _soup(built_site, "lop-hoc/dang-mo.html")
    expected = sorted(k for k, e in ENTRIES.items() if e["open"])
    assert expected == ["ghep-xoai-ban-pung-2026", "mua-xoe-thieu-nhi-2026"]
    assert sorted(_cards(soup)) == expected
    assert soup.select_one("#ds-cau-lac-bo") is None


def test_classes_index_lists_only_classes(built_site):
    soup = _soup(built_site, "lop-hoc/index.html")
    assert sorted(_cards(soup)) == sorted(k for k, e in ENTRIES.items() if e["course"])
    assert soup.title.get_text().startswith("Lớp học")


def test_facet_links_resolve_to_existing_pages(built_site):
    for page in ("cau-lac-bo/index.html", "lop-hoc/index.html", "cau-lac-bo/ban/ban-lan.html"):
        soup = _soup(built_site, page)
        links = [a["href"] for a in soup.select("nav.hoctap-facets a")]
        assert len(links) == 2 + len(KINDS) + len(VILLAGES) + len(SAMPLE_VILLAGES) + len(DAYS) + 1
        assert all(any(h.endswith(f"{v}.html") for h in links) for v in SAMPLE_VILLAGES), links
        for href in links:
            assert (built_site / page).parent.joinpath(href).resolve().is_file(), (page, href)


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def test_cards_and_pages_have_tel_and_zalo_links(built_site):
    soup = _soup(built_site, "cau-lac-bo/index.html")
    for card in soup.select("[data-hoctap-card]"):
        entry = ENTRIES[card["data-ma"]]
        tel = card.select_one("a[href^='tel:']")
        assert tel["href"] == "tel:+84" + _digits(entry["phone"])[1:]
        zalo = card.select_one("a[href^='https://zalo.me/']")
        if entry["zalo"]:
            assert zalo["href"] == "https://zalo.me/" + _digits(entry["zalo"])
        else:
            assert zalo is None
        link = card.select_one(".hoctap-club-card__title a")["href"]
        assert (built_site / "cau-lac-bo" / link).resolve().is_file()


def test_club_page_shows_next_three_sessions(built_site):
    soup = _soup(built_site, "cau-lac-bo/van-nghe-ban-lan.html")
    shown = "[data-hoctap-next-sessions] li:not([hidden]) time"
    times = [t["datetime"] for t in soup.select(shown)]
    assert times == ["2026-04-21T19:30:00+07:00", "2026-04-24T19:30:00+07:00", "2026-04-28T19:30:00+07:00"]
    assert len(soup.select("[data-hoctap-next-sessions] li[hidden]")) > 0   # reserve for later readers
    texts = [t.get_text() for t in soup.select(shown)]
    assert texts[0] == "Thứ Ba, 21/04/2026, 19:30–21:00"
    assert soup.select_one("[data-hoctap-subscribe] a[href='van-nghe-ban-lan.ics']") is not None
    assert soup.select_one("a[href='tel:+84912000011']") is not None
    plan = soup.select_one(".hoctap-citations a")
    assert plan["href"] == "../ke-hoach/hoc-tap-suot-doi-den-2030.html#II.2"
    img = soup.select_one(".hoctap-club__photos img")
    assert (built_site / "cau-lac-bo" / img["src"]).resolve().is_file()


def test_class_page_shows_registration_and_demand(built_site):
    soup = _soup(built_site, "lop-hoc/ghep-xoai-ban-pung-2026.html")
    text = soup.select_one("article.hoctap-club").get_text(" ", strip=True)
    assert "Đang mở đăng ký" in text and "Hạn đăng ký: 30/04/2026" in text and "Miễn phí" in text
    facts = {dt.get_text(strip=True): dd for dt, dd in zip(soup.select(".hoctap-facts dt"), soup.select(".hoctap-facts dd"))}
    assert facts["Mở lớp theo"].a["href"] == "../ke-hoach/hoc-tap-suot-doi-den-2030.html#I.1"
    assert facts["Thời gian"].get_text(strip=True) == "05/05/2026 – 26/05/2026"
    times = [t["datetime"][:16] for t in soup.select("[data-hoctap-next-sessions] li:not([hidden]) time")]
    assert times == ["2026-05-05T08:00", "2026-05-12T08:00", "2026-05-19T08:00"]
    finished = _soup(built_site, "lop-hoc/dan-tinh-2025.html")
    assert finished.select_one("[data-hoctap-next-sessions]") is None
    assert "Đã kết thúc" in finished.get_text()


def test_calendar_event_pages_link_back_to_the_club(built_site):
    soup = _soup(built_site, "lich/su-kien/clb-van-nghe-ban-lan-1.html")
    hrefs = [a["href"] for a in soup.select(".hoctap-links a")]
    assert hrefs == ["../../cau-lac-bo/van-nghe-ban-lan.html"]


def test_routine_sessions_stay_out_of_the_upcoming_highlights(built_site):
    """Weekly meetings are in the month and category pages, not in /lich/ or the home page's next list."""
    for page in ("lich/index.html", "index.html"):
        hrefs = [a["href"] for a in _soup(built_site, page).select("[data-hoctap-upcoming] a")]
        assert hrefs and not [h for h in hrefs if "/clb-" in h or "/lop-" in h], page
    category = _soup(built_site, "lich/the-loai/cau-lac-bo.html")
    hrefs = [a["href"] for a in category.select("[data-hoctap-upcoming] a")]
    assert "../su-kien/clb-van-nghe-ban-lan-1.html" in hrefs
