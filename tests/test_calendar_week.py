"""Issue #12, points 6 and 7: "Hôm nay" / "Tuần này" with every session, per-village and per-unit
feeds named after their village or unit, subscribe blocks where people look, "dự kiến" on
provisional events, and the client-side hiding that keeps pages right after the build day.

Checked with independent parsers: the feeds through icalendar + recurring-ical-events, the pages
through BeautifulSoup, the script in Chromium with a fixed clock (the site is built on
21/04/2026, a Tuesday)."""

from __future__ import annotations

import re

from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs_build

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BUILD_DAY = date(2026, 4, 21)
HOST = "hoctap-vienglan.example.org"
UNIT = "don-vi/vieng-lan/"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def feed(site: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_bytes())


def expand(cal: icalendar.Calendar, start: date, end: date) -> set[tuple]:
    return {(str(e["UID"]), e["DTSTART"].dt.isoformat(), str(e["SUMMARY"]), str(e.get("STATUS", "")))
            for e in recurring_ical_events.of(cal).between(start, end)}


def hub_config() -> dict:
    # mkdocs.yml has !!python/name tags: read it with a loader that ignores them.
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plugin = next(p["hoctap"] for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    return plugin


def units() -> list[dict]:
    return hub_config()["cac_don_vi"]


def village_ids_of_sources(unit: str, village: str) -> set[str]:
    """UIDs (without host) of the unit's events, clubs' and classes' sessions written with
    ``ban: <village>``, read from the YAML files (not from our code)."""
    out = set()
    base = ROOT / "events" / unit
    for path in sorted(base.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        folder = path.parent.name
        if folder in ("cau-lac-bo", "lop-hoc"):
            if data.get("ban") == village:
                prefix = "clb" if folder == "cau-lac-bo" else "lop"
                rules = data.get("lich") or data.get("lich_hoc") or []
                out |= {f"{prefix}-{data['ma']}-{n}" for n in range(1, len(rules) + 1)}
            continue
        for item in data.get("su_kien", [data]):
            if item.get("ban") == village:
                out.add(item["ma"])
    return out


def uid_base(uid: str) -> str:
    return uid.split("@")[0]


def occurrence_days(occ, start: date, end: date) -> list[date]:
    """The days (from ``start``, before ``end``) an expanded occurrence covers."""
    first = occ["DTSTART"].dt
    if isinstance(first, datetime):
        days = [first.date()]
    else:
        last = occ["DTEND"].dt - timedelta(days=1)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if start <= d < end]


def title_of(occ) -> str:
    return str(occ["SUMMARY"]).removeprefix("[ĐÃ HỦY] ")


# -- feeds ---------------------------------------------------------------------------------------

def test_village_feed_is_the_villages_part_of_the_unit_feed(built_site):
    whole = feed(built_site, UNIT + "lich/lich.ics")
    start, end = date(2025, 1, 1), date(2027, 12, 31)
    for village in next(u for u in units() if u["ma"] == "vieng-lan")["ban"]:
        ids = village_ids_of_sources("vieng-lan", village["ma"])
        mine = feed(built_site, f"{UNIT}lich/ban/{village['ma']}.ics")
        expected = {e for e in expand(whole, start, end) if uid_base(e[0]) in ids}
        assert expand(mine, start, end) == expected, village["ma"]
    # Bản Púng: the volleyball team, Mondays, Wednesdays and Fridays 17:00; the grafting class on
    # Tuesdays 08:00 from 05/05; the talk of 05/12/2026.
    pung = expand(feed(built_site, UNIT + "lich/ban/ban-pung.ics"), date(2026, 4, 20), date(2026, 5, 9))
    assert sorted(s for _, s, _, _ in pung) == [
        "2026-04-20T17:00:00+07:00", "2026-04-22T17:00:00+07:00", "2026-04-24T17:00:00+07:00",
        "2026-04-27T17:00:00+07:00", "2026-04-29T17:00:00+07:00", "2026-05-01T17:00:00+07:00",
        "2026-05-04T17:00:00+07:00", "2026-05-05T08:00:00+07:00", "2026-05-06T17:00:00+07:00",
        "2026-05-08T17:00:00+07:00"]
    talk = expand(feed(built_site, UNIT + "lich/ban/ban-pung.ics"), date(2026, 12, 5), date(2026, 12, 6))
    assert [(u, s) for u, s, _, _ in talk] == [
        (f"chuyen-giao-ky-thuat-trong-ca-phe-2026@{HOST}", "2026-12-05T08:00:00+07:00")]


def test_feeds_are_named_after_their_village_or_unit(built_site):
    for unit in units():
        whole = feed(built_site, f"don-vi/{unit['ma']}/lich/lich.ics")
        assert str(whole["X-WR-CALNAME"]) == str(whole["NAME"]) == f"Lịch hoạt động – {unit['trung_tam']}"
        for village in unit.get("ban", []):
            cal = feed(built_site, f"don-vi/{unit['ma']}/lich/ban/{village['ma']}.ics")
            assert str(cal["X-WR-CALNAME"]) == str(cal["NAME"]) == f"{village['ten']} – {unit['ten_ngan']}"
    assert str(feed(built_site, UNIT + "lich/ban/ban-pung.ics")["X-WR-CALNAME"]) == "Bản Púng – Viêng Lán"
    # Village feeds live in their unit's section only.
    assert not (built_site / "lich/ban").exists()


def test_village_feeds_are_offered_on_the_units_subscribe_page(built_site):
    page = soup(built_site, UNIT + "lich/dang-ky.html")
    section = page.find(id="theo-ban").find_next("ul")
    names = [li.strong.get_text() for li in section.select("li")]
    assert names == [f"{v['ten']} – Viêng Lán" for v in units()[0]["ban"]]
    for li in section.select("li"):
        href = li.select_one("a[download]")["href"]
        assert (built_site / UNIT / "lich" / href).resolve().is_file()


# -- agenda pages ----------------------------------------------------------------------------------

def day_sections(page: BeautifulSoup) -> dict[str, BeautifulSoup]:
    return {s["data-hoctap-date"]: s for s in page.select("[data-hoctap-day-section]")}


def test_agenda_has_every_session_of_the_coming_days(built_site):
    """Every occurrence of the unit's feed (events, club and class sessions alike) from the build
    day to the end of next week is in its day on the agenda page."""
    page = soup(built_site, UNIT + "lich/tuan-nay.html")
    assert page.h1.get_text(strip=True) == "Tuần này"
    assert page.find(id="hom-nay").get_text(strip=True) == "Hôm nay"
    days = day_sections(page)
    assert sorted(days) == [(BUILD_DAY + timedelta(days=i)).isoformat() for i in range(21)]
    whole = feed(built_site, UNIT + "lich/lich.ics")
    end = date(2026, 5, 4)   # the build week and the next
    occurrences = list(recurring_ical_events.of(whole).between(BUILD_DAY, end))
    assert len(occurrences) > 15
    sessions = 0
    for occ in occurrences:
        for day in occurrence_days(occ, BUILD_DAY, end):
            titles = [a.get_text(" ", strip=True) for a in days[day.isoformat()].select(".hoctap-occ__title")]
            assert any(title_of(occ) in t for t in titles), (day, title_of(occ))
        sessions += str(occ["UID"]).startswith(("clb-", "lop-"))
    assert sessions > 10     # weekly club and class sessions are there, not only events
    # Build day: "Hôm nay"; the rest of that week (to Sunday 26/04); next week (27/04–03/05).
    parts = {p["data-hoctap-week"]: [s["data-hoctap-date"] for s in p.select("[data-hoctap-day-section]")]
             for p in page.select("[data-hoctap-week]")}
    assert parts["today"] == ["2026-04-21"]
    assert parts["this"] == ["2026-04-22", "2026-04-23", "2026-04-24", "2026-04-25", "2026-04-26"]
    assert parts["next"] == [f"2026-{d}" for d in ("04-27", "04-28", "04-29", "04-30", "05-01", "05-02", "05-03")]
    assert all(s.has_attr("hidden") for s in page.select("[data-hoctap-week=later] [data-hoctap-day-section]"))


def test_village_filter_pages_work_without_javascript(built_site):
    page = soup(built_site, UNIT + "lich/tuan-nay.html")
    nav = page.select_one("nav.hoctap-village-filter")
    links = {a.get_text(strip=True): a["href"] for a in nav.select("a")}
    villages = next(u for u in units() if u["ma"] == "vieng-lan")["ban"]
    assert list(links) == [v["ten"] for v in villages]
    whole = feed(built_site, UNIT + "lich/lich.ics")
    for village in villages:
        target = (built_site / UNIT / "lich" / links[village["ten"]]).resolve()
        assert target == (built_site / UNIT / f"lich/tuan-nay/{village['ma']}.html").resolve()
        vpage = soup(built_site, f"{UNIT}lich/tuan-nay/{village['ma']}.html")
        assert vpage.h1.get_text(strip=True) == f"Tuần này ở {village['ten']}"
        assert vpage.select_one("nav.hoctap-village-filter a[aria-current=page]").get_text(strip=True) == village["ten"]
        ids = village_ids_of_sources("vieng-lan", village["ma"])
        end = BUILD_DAY + timedelta(days=21)
        expected = sorted((title_of(o), d.isoformat()) for o in recurring_ical_events.of(whole).between(BUILD_DAY, end)
                          if uid_base(str(o["UID"])) in ids for d in occurrence_days(o, BUILD_DAY, end))
        shown = sorted((a.get_text(strip=True).removeprefix("ĐÃ HỦY:"), s["data-hoctap-date"])
                       for s in vpage.select("[data-hoctap-day-section]") for a in s.select(".hoctap-occ__title"))
        assert shown == expected, village["ma"]
        # Its subscribe block points at the village's own feed.
        webcal = vpage.select_one("[data-hoctap-subscribe] a[data-hoctap-webcal]")["href"]
        assert webcal == f"webcal://{HOST}/{UNIT}lich/ban/{village['ma']}.ics"
    pung = soup(built_site, UNIT + "lich/tuan-nay/ban-pung.html")
    assert "Đội bóng chuyền bản Púng" in pung.get_text()
    assert "Câu lạc bộ Văn nghệ bản Lán" not in pung.get_text()


def test_hub_agenda_has_a_unit_filter_and_villages_by_unit(built_site):
    page = soup(built_site, "lich/tuan-nay.html")
    unit_links = page.select("nav.hoctap-unit-filter a")
    assert unit_links[0].get_text(strip=True) == "Tất cả đơn vị" and unit_links[0].has_attr("aria-current")
    assert len(unit_links) == 1 + len(units())
    for unit, link in zip(units(), unit_links[1:]):
        assert (built_site / "lich" / link["href"]).resolve() == (built_site / f"don-vi/{unit['ma']}/lich/tuan-nay.html")
    for link in page.select("nav.hoctap-village-filter a"):
        assert (built_site / "lich" / link["href"]).resolve().is_file()
    labels = [p.select_one(".hoctap-village-filter__label").get_text(strip=True)
              for p in page.select("nav.hoctap-village-filter p")]
    assert labels[0] == "Xã Viêng Lán – bản, ấp:"
    # The hub's agenda holds every unit's sessions.
    text = page.get_text()
    assert "Đội bóng chuyền bản Púng" in text and "Xã mẫu A (đơn vị mẫu)" in text


def test_home_and_calendar_pages_have_the_today_block(built_site):
    for path, agenda in (("index.html", "lich/tuan-nay.html"), ("lich/index.html", "tuan-nay.html"),
                         (UNIT + "lich/index.html", "tuan-nay.html")):
        page = soup(built_site, path)
        block = page.select_one(".hoctap-agenda--block")
        assert block is not None, path
        assert [h.get_text(strip=True) for h in block.select("h2")] == ["Hôm nay", "Tuần này"]
        today = block.select_one("[data-hoctap-week=today] [data-hoctap-day-section]")
        assert today["data-hoctap-date"] == "2026-04-21"
        assert block.select_one("[data-hoctap-week=next]") is None
        link = block.select("a")[-1]["href"]
        assert link == agenda, path
    home = soup(built_site, "index.html").select_one(".hoctap-agenda--block").get_text()
    assert "Câu lạc bộ Văn nghệ bản Lán" in home       # a weekly club session (Tuesday 21/04 19:30)


def test_nightly_build_moves_the_build_day():
    """The pages are refreshed by the nightly rebuild: it builds for the day it runs (no fixed
    SOURCE_DATE_EPOCH in the workflow)."""
    text = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "schedule" in text and "SOURCE_DATE_EPOCH" not in text


# -- subscribe blocks ------------------------------------------------------------------------------

def _check_block(site: Path, path: str) -> str:
    page = soup(site, path)
    block = page.select_one("[data-hoctap-subscribe]")
    assert block is not None, path
    webcal = block.select_one("a[data-hoctap-webcal]")["href"]
    parsed = urlparse(webcal)
    assert parsed.scheme == "webcal" and parsed.netloc == HOST, path
    target = site / parsed.path.lstrip("/")
    assert target.is_file() and target.suffix == ".ics", path
    icalendar.Calendar.from_ical(target.read_bytes())
    google = parse_qs(urlparse(block.select_one("a[data-hoctap-google]")["href"]).query)["cid"][0]
    assert unquote(google) == webcal
    assert block.select_one("input")["value"] == "https://" + HOST + parsed.path
    assert block.select_one("[data-hoctap-copy]")["data-hoctap-copy"] == block.select_one("input")["id"]
    assert block.select_one("svg title").get_text() == "Mã QR địa chỉ lịch"
    ics = block.select_one("a[data-hoctap-ics]")["href"]
    assert (site / path).parent.joinpath(ics).resolve() == target.resolve()
    # No bare .ics download left outside the block.
    for link in page.select("article a[download]"):
        assert block in link.parents, (path, link)
    return parsed.path


def test_subscribe_block_on_every_club_class_and_category_page(built_site):
    clubs = sorted(p.stem for p in (ROOT / "events/vieng-lan/cau-lac-bo").glob("*.yaml"))
    courses = sorted(p.stem for p in (ROOT / "events/vieng-lan/lop-hoc").glob("*.yaml"))
    assert clubs and courses
    for name in clubs:
        assert _check_block(built_site, f"cau-lac-bo/{name}.html") == f"/cau-lac-bo/{name}.ics"
    for name in courses:
        assert _check_block(built_site, f"lop-hoc/{name}.html") == f"/lop-hoc/{name}.ics"
    categories = sorted(built_site.glob("lich/the-loai/*.html")) + sorted(built_site.glob("don-vi/*/lich/the-loai/*.html"))
    assert len(categories) > 10
    for page in categories:
        rel = page.relative_to(built_site).as_posix()
        assert _check_block(built_site, rel) == "/" + re.sub(r"-trang-\d+$", "", rel[:-5]) + ".ics"


# -- "dự kiến" ------------------------------------------------------------------------------------

def test_provisional_event_says_so_wherever_it_is_listed(built_site):
    title = "Ngày hội Văn hóa – Thể thao các bản"     # trang_thai: du_kien, 17–18/01/2027
    category_pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("lich/the-loai/the-thao*.html"))
    for path in ("lich/thang/2027-01.html", "lich/the-loai/the-thao.html", UNIT + "lich/thang/2027-01.html"):
        pages = category_pages if path == "lich/the-loai/the-thao.html" else [path]   # a category paginates
        page = BeautifulSoup("".join(str(soup(built_site, p)) for p in pages), "html.parser")
        items = [li for li in page.select("li.hoctap-occ") if title in li.get_text()]
        assert items, path
        assert all(li.select_one(".hoctap-tentative-badge").get_text() == "dự kiến" for li in items), path
        grid = [a.get_text() for a in page.select(".hoctap-grid__event") if title in a.get_text()]
        assert all(g.endswith("(dự kiến)") for g in grid)
    others = soup(built_site, "lich/thang/2026-04.html").select(".hoctap-tentative-badge")
    assert others == []     # confirmed events carry no badge
    # Phones: the title says it (most apps do not show STATUS:TENTATIVE).
    found = [e for e in feed(built_site, "lich/lich.ics").walk("VEVENT") if title in str(e["SUMMARY"])]
    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in found] == [(f"[DỰ KIẾN] {title}", "TENTATIVE")]
    confirmed = [e for e in feed(built_site, "lich/lich.ics").walk("VEVENT") if str(e["STATUS"]) == "CONFIRMED"]
    assert confirmed and not any("DỰ KIẾN" in str(e["SUMMARY"]) for e in confirmed)
    # Search results show it too.
    index = (built_site / "search/index-0.js").read_text(encoding="utf-8")
    assert "Chủ Nhật, 17/01/2027 (dự kiến)" in index


@pytest.fixture(scope="module")
def one_unit_week(tmp_path_factory):
    """The one-unit project with a provisional event in Bản Púng on 22/04/2026, built on 21/04."""
    project = copy_project(tmp_path_factory.mktemp("tuan-nay") / "project")
    (project / "events" / "du-kien.yaml").write_text(
        "ma: hop-ban-pung-du-kien\n"
        "tieu_de: Họp bản Púng bàn việc làm đường\n"
        'bat_dau: "2026-04-22 19:00"\n'
        'ket_thuc: "2026-04-22 21:00"\n'
        "the_loai: tuyen-truyen\n"
        "ban: ban-pung\n"
        "trang_thai: du_kien\n"
        "dia_diem: { ten: Nhà văn hóa bản Púng }\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("tuan-nay-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_one_unit_site_has_agenda_village_pages_and_feeds(one_unit_week):
    site = one_unit_week
    assert not (site / "don-vi").exists()
    page = soup(site, "lich/tuan-nay.html")
    assert page.select_one("nav.hoctap-unit-filter") is None
    links = [a["href"] for a in page.select("nav.hoctap-village-filter a")]
    assert "tuan-nay/ban-pung.html" in links
    cal = feed(site, "lich/ban/ban-pung.ics")
    assert str(cal["X-WR-CALNAME"]) == "Bản Púng – Viêng Lán"
    events = expand(cal, date(2026, 4, 22), date(2026, 4, 23))
    assert (f"hop-ban-pung-du-kien@{HOST}", "2026-04-22T19:00:00+07:00",
            "[DỰ KIẾN] Họp bản Púng bàn việc làm đường", "TENTATIVE") in events
    for path in ("lich/tuan-nay.html", "lich/tuan-nay/ban-pung.html", "index.html", "lich/index.html"):
        day = soup(site, path).select_one("[data-hoctap-date='2026-04-22']")
        item = next(li for li in day.select("li") if "Họp bản Púng" in li.get_text())
        assert item.select_one(".hoctap-tentative-badge").get_text() == "dự kiến", path
    event = soup(site, "lich/su-kien/hop-ban-pung-du-kien.html")
    assert event.select_one(".hoctap-tentative").get_text() == "Thời gian dự kiến, có thể thay đổi."
    upcoming = soup(site, "lich/index.html").select("[data-hoctap-upcoming] li")
    item = next(li for li in upcoming if "Họp bản Púng" in li.get_text())
    assert item.select_one(".hoctap-tentative-badge") is not None


# -- in the browser, with a fixed clock ----------------------------------------------------------

def open_at(browser, url, moment):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=moment)
    page.goto(url)
    assert errors == []
    return context, page


def visible_days(page, part):
    return page.eval_on_selector_all(
        f"[data-hoctap-week={part}] [data-hoctap-day-section]",
        "els => els.filter(e => e.checkVisibility()).map(e => e.getAttribute('data-hoctap-date'))")


def test_agenda_follows_the_readers_day(browser, served_site):
    url = served_site + UNIT + "lich/tuan-nay.html"
    # Thursday 23/04: today, the rest of the week to Sunday 26/04, next week 27/04–03/05.
    context, page = open_at(browser, url, datetime(2026, 4, 23, 8, 0, tzinfo=VN))
    assert visible_days(page, "today") == ["2026-04-23"]
    assert visible_days(page, "this") == ["2026-04-24", "2026-04-25", "2026-04-26"]
    assert visible_days(page, "next") == [f"2026-{d}" for d in ("04-27", "04-28", "04-29", "04-30", "05-01", "05-02", "05-03")]
    assert page.locator("[data-hoctap-date='2026-04-21']").is_hidden()
    assert page.locator("[data-hoctap-date='2026-04-23'] [data-hoctap-today-mark]").is_visible()
    assert page.locator("[data-hoctap-date='2026-04-24'] [data-hoctap-today-mark]").is_hidden()
    today = page.locator("[data-hoctap-week=today]").inner_text()
    assert "Lớp nghề may công nghiệp" in today
    context.close()
    # Sunday 03/05 at 20:00: today only, nothing else this week; the 18:30 session is over.
    context, page = open_at(browser, url, datetime(2026, 5, 3, 20, 0, tzinfo=VN))
    assert visible_days(page, "today") == ["2026-05-03"]
    assert page.locator("[data-hoctap-week=this]").is_hidden()
    assert visible_days(page, "next") == [f"2026-05-{d:02d}" for d in range(4, 11)]
    today = page.locator("[data-hoctap-week=today]")
    assert today.locator(".hoctap-occ").count() > 0 and today.locator(".hoctap-occ:visible").count() == 0
    assert today.locator(".hoctap-empty:visible").inner_text() == "Không còn hoạt động nào trong ngày."
    context.close()
    # Monday 11/05, the last day the page holds: today only; nothing more to show yet.
    context, page = open_at(browser, url, datetime(2026, 5, 11, 7, 0, tzinfo=VN))
    assert visible_days(page, "today") == ["2026-05-11"]
    assert page.locator("[data-hoctap-stale]").is_hidden()
    context.close()
    # A month later without a rebuild: no day is shown, the page says it is out of date.
    context, page = open_at(browser, url, datetime(2026, 6, 1, 9, 0, tzinfo=VN))
    assert page.eval_on_selector_all("[data-hoctap-day-section]", "els => els.filter(e => e.checkVisibility()).length") == 0
    assert page.locator("[data-hoctap-stale]").is_visible()
    context.close()


def test_vietnam_day_not_the_readers_time_zone(browser, served_site):
    """At 23:30 UTC on 22/04 it is already 23/04 in Vietnam."""
    context, page = open_at(browser, served_site + UNIT + "lich/tuan-nay.html",
                            datetime(2026, 4, 22, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert visible_days(page, "today") == ["2026-04-23"]
    context.close()


def test_month_grid_marks_the_readers_today(browser, served_site):
    context, page = open_at(browser, served_site + "lich/thang/2026-04.html", datetime(2026, 4, 23, 8, 0, tzinfo=VN))
    marked = page.eval_on_selector_all("td.hoctap-grid__today", "els => els.map(e => e.getAttribute('data-hoctap-day'))")
    assert marked == ["2026-04-23"]
    assert page.locator("td[data-hoctap-day='2026-04-23']").get_attribute("aria-current") == "date"
    assert page.locator("td[data-hoctap-day='2026-04-21']").get_attribute("aria-current") is None
    context.close()


EMPTY_STATE = """boxes => boxes.map(box => {
  const items = [...box.querySelectorAll('[data-hoctap-end]')];
  const empty = [...box.children].filter(e => e.classList.contains('hoctap-empty'));
  return {visible: box.checkVisibility(), items: items.length, shown: items.filter(e => e.checkVisibility()).length,
          empty: empty.map(e => e.checkVisibility())};
})"""


@pytest.mark.parametrize("path", ["index.html", "lich/index.html", "lich/su-kien/chieu-phim-luu-dong.html",
                                  "cau-lac-bo/van-nghe-ban-lan.html", "lich/the-loai/chieu-phim.html"])
def test_empty_state_shows_exactly_when_every_item_is_hidden(browser, served_site, path):
    seen_empty = seen_items = False
    for moment in (datetime(2026, 4, 21, 8, 0), datetime(2026, 5, 1, 9, 0), datetime(2026, 5, 20, 9, 0),
                   datetime(2026, 9, 1, 9, 0), datetime(2028, 1, 1, 9, 0)):
        context, page = open_at(browser, served_site + path, moment.replace(tzinfo=VN))
        boxes = page.eval_on_selector_all("[data-hoctap-upcoming]", EMPTY_STATE)
        assert boxes, path
        for box in boxes:
            assert box["visible"], (path, moment)
            assert box["empty"] == [box["shown"] == 0], (path, moment, box)
            seen_empty |= box["shown"] == 0 and box["items"] > 0
            seen_items |= box["shown"] > 0
        context.close()
    assert seen_items and seen_empty, path


def test_later_readers_see_the_next_items_not_an_empty_list(browser, served_site):
    """Read on 20/05/2026, a month after the build: the six items the home page showed are over;
    the next ones (kept in the page) show instead, six at most, none of them past."""
    context, page = open_at(browser, served_site + "index.html", datetime(2026, 5, 20, 9, 0, tzinfo=VN))
    ends = page.eval_on_selector_all(".hoctap-next [data-hoctap-end]",
                                     "els => els.filter(e => e.checkVisibility()).map(e => e.getAttribute('data-hoctap-end'))")
    assert len(ends) == 6
    assert all(datetime.fromisoformat(e) > datetime(2026, 5, 20, 9, 0, tzinfo=VN) for e in ends)
    assert page.locator(".hoctap-next .hoctap-empty").is_hidden()
    context.close()
    context, page = open_at(browser, served_site + "cau-lac-bo/van-nghe-ban-lan.html", datetime(2026, 5, 6, 9, 0, tzinfo=VN))
    shown = page.eval_on_selector_all("[data-hoctap-next-sessions] li",
                                      "els => els.filter(e => e.checkVisibility()).map(e => e.querySelector('time').getAttribute('datetime'))")
    assert shown == ["2026-05-08T19:30:00+07:00", "2026-05-12T19:30:00+07:00", "2026-05-15T19:30:00+07:00"]
    context.close()
