"""Venues (nhà văn hóa): pages, listings per unit with village filter pages, per-venue .ics, the
place events and clubs take from the venue they name, and the checks of that reference. Pages are
read with BeautifulSoup, feeds with icalendar, sample files with PyYAML: never our own strings."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from cli_helpers import hoctap
from conftest import ROOT, copy_hub

VENUE_FILES = sorted((ROOT / "events").glob("*/nha-van-hoa/*.yaml"))


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _venues() -> dict[str, tuple[str, dict]]:
    """{id: (unit, data)} of the shipped sample's venue files."""
    out = {}
    for path in VENUE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["ma"]] = (path.parent.parent.name, data)
    return out


def _calendar(site: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_bytes())


def test_sample_has_the_centre_every_village_of_vieng_lan_and_each_sample_commune():
    venues = _venues()
    vieng_lan = {d.get("ban") for unit, d in venues.values() if unit == "vieng-lan"}
    assert vieng_lan == {None, "ban-lan", "ban-pung", "ban-cang", "ban-na-vuong", "ban-khau-cang"}
    for code in ("xa-mau-a", "xa-mau-b", "xa-mau-c"):
        assert any(unit == code for unit, _ in venues.values()), code
    # Invented data is marked in the data: every venue is mau: true, but the commune centre named by
    # the programme, whose details are marked thong_tin_mau: true.
    for ma, (unit, data) in venues.items():
        assert data.get("mau") is True or data.get("thong_tin_mau") is True, ma
    assert venues["nha-van-hoa-trung-tam-vieng-lan"][1].get("thong_tin_mau") is True


def test_every_venue_page_shows_its_sample_notice_and_facts(built_site):
    for ma, (unit, data) in _venues().items():
        page = _soup(built_site, f"nha-van-hoa/{ma}.html")
        assert page.select_one("article.hoctap-venue h1").get_text(strip=True) == data["ten"]
        notice = page.select_one("article.hoctap-venue .hoctap-sample")
        assert notice is not None and "Dữ liệu mẫu" in notice.get_text(), ma
        facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
                 for dt in page.select("article.hoctap-venue dl.hoctap-facts > dt")}
        assert facts["Địa chỉ"] == data["dia_chi"]
        seats = data["co_so_vat_chat"]["suc_chua_hoi_truong"]
        assert facts["Hội trường"] == f"{seats} chỗ ngồi"
        # Staff-only field names never reach the page.
        text = page.select_one("article.hoctap-venue").get_text(" ")
        for word in ("thong_tin_mau", "suc_chua_hoi_truong", "nha_van_hoa", "mau:"):
            assert word not in text, (ma, word)


def test_map_links_open_apps_and_nothing_is_loaded_from_another_host(built_site):
    page = _soup(built_site, "nha-van-hoa/nha-van-hoa-ban-cang.html")
    hrefs = [a["href"] for a in page.select(".hoctap-venue__maps a")]
    assert hrefs[0] == "geo:21.0563,104.2795"
    hosts = {urlparse(h).hostname for h in hrefs[1:]}
    assert hosts == {"www.openstreetmap.org", "www.google.com"}
    assert page.find("iframe") is None and page.find("embed") is None and page.find("object") is None
    for img in page.select("article img"):
        src = img["src"]
        assert urlparse(src).scheme == "" and not src.startswith("//"), src
        assert (built_site / "nha-van-hoa" / src).resolve().is_file(), src


def test_venue_page_lists_its_upcoming_activities_and_clubs(built_site):
    pung = _soup(built_site, "nha-van-hoa/nha-van-hoa-ban-pung.html")
    upcoming = [a["href"] for a in pung.select(".hoctap-venue__upcoming .hoctap-occ a")]
    assert upcoming == ["../lich/su-kien/chuyen-giao-ky-thuat-trong-ca-phe-2026.html"]
    page = _soup(built_site, "nha-van-hoa/nha-van-hoa-ban-cang.html")
    assert page.select(".hoctap-venue__upcoming .hoctap-occ") == []
    assert "Chưa có hoạt động nào sắp tới" in page.select_one(".hoctap-venue__upcoming").get_text()
    clubs = [a["href"] for a in page.select(".hoctap-venue__clubs a")]
    assert clubs == ["../cau-lac-bo/theu-tho-cam-ban-cang.html"]
    lan = _soup(built_site, "nha-van-hoa/nha-van-hoa-ban-lan.html")
    assert sorted(a["href"] for a in lan.select(".hoctap-venue__clubs a")) == [
        "../cau-lac-bo/van-nghe-ban-lan.html", "../lop-hoc/mua-xoe-thieu-nhi-2026.html"]


def test_each_venue_has_its_own_feed(built_site):
    uids = {str(e["UID"]).split("@")[0] for e in _calendar(built_site, "nha-van-hoa/nha-van-hoa-ban-lan.ics").walk("VEVENT")}
    assert uids == {"clb-van-nghe-ban-lan-1", "lop-mua-xoe-thieu-nhi-2026-1"}
    pung = _calendar(built_site, "nha-van-hoa/nha-van-hoa-ban-pung.ics")
    assert str(pung["X-WR-CALNAME"]) == "Nhà văn hóa bản Púng"
    event = next(e for e in pung.walk("VEVENT") if str(e["UID"]).startswith("chuyen-giao-ky-thuat-trong-ca-phe-2026@"))
    assert str(event["LOCATION"]) == "Nhà văn hóa bản Púng, Bản Púng, xã Viêng Lán"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (pytest.approx(21.0447), pytest.approx(104.2912))
    page = _soup(built_site, "nha-van-hoa/nha-van-hoa-ban-pung.html")
    assert page.select_one("a[download][href='nha-van-hoa-ban-pung.ics']") is not None
    # A venue nothing is held at has no feed (a calendar needs at least one event), and no button.
    assert not (built_site / "nha-van-hoa" / "nha-van-hoa-ban-khau-cang.ics").exists()
    khau = _soup(built_site, "nha-van-hoa/nha-van-hoa-ban-khau-cang.html")
    assert khau.select_one("a[download]") is None


def test_an_event_naming_a_venue_takes_its_place_in_pages_and_the_calendar(built_site):
    feed = _calendar(built_site, "lich/lich.ics")
    event = next(e for e in feed.walk("VEVENT") if str(e["UID"]).startswith("chuyen-giao-ky-thuat-trong-ca-phe-2026@"))
    assert str(event["LOCATION"]) == "Nhà văn hóa bản Púng, Bản Púng, xã Viêng Lán"
    assert event["GEO"].latitude == pytest.approx(21.0447)
    page = _soup(built_site, "lich/su-kien/chuyen-giao-ky-thuat-trong-ca-phe-2026.html")
    link = page.select_one(".hoctap-event__where a.hoctap-venue-link")
    assert link["href"] == "../../nha-van-hoa/nha-van-hoa-ban-pung.html"
    assert link.get_text(strip=True) == "Nhà văn hóa bản Púng, Bản Púng, xã Viêng Lán"
    club = _soup(built_site, "cau-lac-bo/van-nghe-ban-lan.html")
    assert club.select_one("a.hoctap-venue-link")["href"] == "../nha-van-hoa/nha-van-hoa-ban-lan.html"
    # Club sessions carry the venue's place into the feeds too.
    sessions = _calendar(built_site, "cau-lac-bo/van-nghe-ban-lan.ics")
    first = next(iter(sessions.walk("VEVENT")))
    assert str(first["LOCATION"]) == "Nhà văn hóa bản Lán, Bản Lán, xã Viêng Lán"


def test_unit_listing_and_village_filter_pages_work_without_javascript(built_site):
    venues = {ma: d for ma, (unit, d) in _venues().items() if unit == "vieng-lan"}
    listing = _soup(built_site, "don-vi/vieng-lan/nha-van-hoa/index.html")
    assert {li["data-ma"] for li in listing.select("li.hoctap-venue-card")} == set(venues)
    facets = listing.select("nav.hoctap-facets a[data-venue-village]")
    assert len(facets) == 6   # the commune centre and the five villages
    for a in facets:
        target = (built_site / "don-vi" / "vieng-lan" / "nha-van-hoa" / a["href"]).resolve()
        assert target.is_file(), a["href"]
        village = Path(a["href"]).stem
        expected = {ma for ma, d in venues.items() if (d.get("ban") or "trung-tam-xa") == village}
        page = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        assert {li["data-ma"] for li in page.select("li.hoctap-venue-card")} == expected, village
        current = page.select_one("nav.hoctap-facets a[aria-current='page']")["href"]
        assert (target.parent / current).resolve() == target
    assert listing.select(".hoctap-venues script, .hoctap-venues [data-hoctap-facets]") == []   # plain links


def test_hub_overview_lists_units_not_venues_and_the_district_counts_its_communes(built_site):
    overview = _soup(built_site, "nha-van-hoa/index.html")
    assert overview.select("li.hoctap-venue-card") == []
    rows = {a.get_text(strip=True): a["href"] for a in overview.select("ul.hoctap-units a")}
    assert rows["Xã Viêng Lán"] == "../don-vi/vieng-lan/nha-van-hoa/index.html"
    district = _soup(built_site, "don-vi/huyen-dong-thap/nha-van-hoa/index.html")
    children = [li.get_text(" ", strip=True) for li in district.select("ul.hoctap-units li")]
    assert len(children) == 3 and all(c.endswith("1 nơi") for c in children)
    sample = _soup(built_site, "don-vi/xa-mau-a/nha-van-hoa/index.html")
    assert "Dữ liệu mẫu" in sample.select_one("li.hoctap-venue-card .hoctap-sample").get_text()
    unit_home = _soup(built_site, "don-vi/vieng-lan/index.html")
    assert unit_home.select_one("a[href='nha-van-hoa/index.html']") is not None


def test_one_unit_site_lists_its_venues_at_the_top(one_unit_site):
    listing = _soup(one_unit_site, "nha-van-hoa/index.html")
    assert len(listing.select("li.hoctap-venue-card")) == 6
    assert (one_unit_site / "nha-van-hoa" / "ban" / "ban-lan.html").is_file()
    assert not (one_unit_site / "don-vi").exists()


def _write(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


EVENT = """su_kien:
  - ma: {ma}
    tieu_de: Hoạt động thử
    bat_dau: "2026-06-06 19:30"
    the_loai: the-thao
    nha_van_hoa: {venue}
"""


def test_a_venue_of_another_unit_is_refused_and_one_of_the_parent_unit_accepted(tmp_path):
    project = copy_hub(tmp_path / "hub")
    _write(project, "events/xa-mau-a/thu-nha-van-hoa.yaml", EVENT.format(ma="thu-xa-khac", venue="trung-tam-xa-mau-b"))
    result = hoctap("check", cwd=project)
    assert result.returncode == 1
    assert ("events/xa-mau-a/thu-nha-van-hoa.yaml:6: nha_van_hoa: Nhà văn hóa 'trung-tam-xa-mau-b' thuộc Xã mẫu B, "
            "không phải của đơn vị này hay đơn vị cấp trên. (chọn nhà văn hóa của đơn vị mình, hoặc ghi dia_diem)") \
        in result.stdout
    assert "huong-dan/loi.html#nha-van-hoa]" in result.stdout
    # A venue of the district (the commune's parent) may be named by the commune's events.
    _write(project, "events/huyen-dong-thap/nha-van-hoa/hoi-truong-huyen.yaml",
           "ma: hoi-truong-huyen\nten: Hội trường huyện (mẫu)\nloai: diem_hoc_tap\n"
           "toa_do: { vi_do: 10.46, kinh_do: 105.63 }\nmau: true\n")
    _write(project, "events/xa-mau-a/thu-nha-van-hoa.yaml", EVENT.format(ma="thu-huyen", venue="hoi-truong-huyen"))
    result = hoctap("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "chưa có địa điểm" not in result.stdout
    # ... but not the other way round: the district cannot name a commune's venue.
    _write(project, "events/huyen-dong-thap/thu.yaml", EVENT.format(ma="thu-con", venue="trung-tam-xa-mau-a"))
    result = hoctap("check", cwd=project)
    assert "events/huyen-dong-thap/thu.yaml:6: nha_van_hoa: Nhà văn hóa 'trung-tam-xa-mau-a' thuộc Xã mẫu A" \
        in result.stdout


def test_hoctap_new_makes_a_venue_that_checks_clean(tmp_path):
    project = copy_hub(tmp_path / "hub")
    result = hoctap("new", "nha-van-hoa", "Nhà văn hóa bản Mới", "--don-vi", "vieng-lan", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "events" / "vieng-lan" / "nha-van-hoa" / "nha-van-hoa-ban-moi.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(text)
    assert data["ma"] == "nha-van-hoa-ban-moi" and data["ten"] == "Nhà văn hóa bản Mới"
    result = hoctap("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
