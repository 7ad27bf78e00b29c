"""Bounded output (issue #11, point 1): a generated corpus builds into pages and feeds whose size
does not follow the corpus, and every listing paginates with each item exactly once.

The corpus is scripts/bench's, at size T (300 articles, 120 events, 80 clubs and classes: every
listing has several pages; size S takes minutes on a shared machine). Pages are read with
BeautifulSoup, feeds with feedparser, calendars with icalendar and recurring-ical-events, front
matter with PyYAML; nothing re-reads our own strings.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import recurring_ical_events
import yaml
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader
from pyzbar.pyzbar import decode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from hoctap_bench.corpus import EPOCH, write_corpus  # noqa: E402

MAX_PAGE = 300_000   # bytes (1 KB = 1,000 bytes, as scripts/bench)
MAX_FEED = 1_000_000
FEED_ITEMS = 50      # tin_tuc.so_tin_nguon's default
VN = ZoneInfo("Asia/Ho_Chi_Minh")
BUILD_DAY = date(2026, 4, 21)                   # EPOCH, in Asia/Ho_Chi_Minh
SINCE = BUILD_DAY - timedelta(days=90)          # lich.so_ngay_da_qua's default
UNTIL = BUILD_DAY + timedelta(days=365)         # lich.so_ngay_toi's default
CLUB_PAGE = 20                                  # cards on a page of a club listing
PER_DAY = 12                                    # items of one day in "Tuần này"
UPCOMING = 60                                   # "Sắp diễn ra" on the calendar home


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    project = tmp_path_factory.mktemp("scale") / "p"
    write_corpus(project, "T", 11)
    site = project / "site"
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site


def articles(project: Path) -> dict[str, dict]:
    """Output path of every generated article -> its front matter (all are published)."""
    out = {}
    for path in sorted((project / "content" / "tin-tuc").glob("*/*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        out[path.relative_to(project / "content").with_suffix(".html").as_posix()] = front
    return out


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def follow(site: Path, first: str) -> list[tuple[str, BeautifulSoup]]:
    """Page 1, then every page its rel="next" link leads to, in order (never twice)."""
    pages, rel = [], first
    while rel is not None:
        assert rel not in [p for p, _ in pages], f"pager loops back to {rel}"
        page = soup(site, rel)
        pages.append((rel, page))
        nexts = {a["href"] for a in page.select('.hoctap-pager a[rel="next"]')}
        assert len(nexts) <= 1, rel
        rel = os.path.normpath(os.path.join(os.path.dirname(rel), nexts.pop())) if nexts else None
    return pages


def article_links(rel: str, page: BeautifulSoup) -> list[str]:
    return [os.path.normpath(os.path.join(os.path.dirname(rel), a["href"]))
            for a in page.select(".hoctap-news-card h2 a, .hoctap-news-card h3 a")]


def test_no_page_over_300_kb_and_no_feed_over_1_mb(corpus):
    _, site = corpus
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    feeds = {p.relative_to(site).as_posix(): p.stat().st_size
             for p in site.rglob("*") if p.suffix in (".xml", ".ics") and p.name != "sitemap.xml"}
    assert len(pages) > 500 and len(feeds) > 100
    assert {k: v for k, v in pages.items() if v > MAX_PAGE} == {}
    assert {k: v for k, v in feeds.items() if v > MAX_FEED} == {}


def test_feeds_carry_the_newest_50_with_summaries(corpus):
    project, site = corpus
    fronts = articles(project)
    newest = sorted(fronts, key=lambda k: (str(fronts[k]["ngay"]), k), reverse=True)[:FEED_ITEMS]
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((site / "tin-tuc" / name).read_bytes())
        assert feed.bozo is False
        links = [e.link.split("/", 3)[3] for e in feed.entries]
        assert sorted(links) == sorted(newest)
        for entry, rel in zip(feed.entries, links):
            assert "content" not in entry
            assert BeautifulSoup(entry.summary, "html.parser").get_text() == fronts[rel]["tom_tat"]


def test_news_listings_paginate_with_every_article_once(corpus):
    project, site = corpus
    fronts = articles(project)
    expected: dict[str, set[str]] = {"tin-tuc/index.html": set(fronts)}
    by_month: dict[str, set[str]] = defaultdict(set)
    for rel, front in fronts.items():
        for cid in front["chuyen_muc"]:
            expected.setdefault(f"tin-tuc/chuyen-muc/{cid}.html", set()).add(rel)
        day = str(front["ngay"])[:7]
        by_month[f"tin-tuc/luu-tru/{day}.html"].add(rel)
    # author pages: found from the article pages' own author links
    first = soup(site, next(iter(fronts)))
    author = first.select_one('.hoctap-article-header a[href*="tac-gia/"]')
    author_page = os.path.normpath(os.path.join(os.path.dirname(next(iter(fronts))), author["href"]))
    name = fronts[next(iter(fronts))]["tac_gia"]
    expected[author_page] = {k for k, v in fronts.items() if v["tac_gia"] == name}
    expected.update(by_month)
    paginated = 0
    for start, want in expected.items():
        pages = follow(site, start)
        seen = [link for rel, page in pages for link in article_links(rel, page)]
        assert len(seen) == len(set(seen)), f"{start}: an article is listed twice"
        assert set(seen) == want, start
        paginated += len(pages) > 1
        for rel, page in pages:
            numbers = page.select(".hoctap-pager a, .hoctap-pager__current")
            assert len(numbers) <= 9, f"{rel}: the pager grows with the number of pages"
    assert paginated >= 6 and len(follow(site, "tin-tuc/index.html")) == -(-len(fronts) // 6)


def occurrences(rel: str, page: BeautifulSoup, scope: str) -> list[tuple[str, str]]:
    return [(os.path.normpath(os.path.join(os.path.dirname(rel), li.select_one("a.hoctap-occ__title")["href"])),
             li.select_one("time")["datetime"]) for li in page.select(f"{scope} li.hoctap-occ")]


def test_calendar_listings_paginate_with_every_activity_once(corpus):
    _, site = corpus
    starts = sorted(p.relative_to(site).as_posix() for p in (site / "lich").rglob("*.html")
                    if p.parent.name in ("the-loai", "luu-tru", "thang") and "-trang-" not in p.name)
    paginated = 0
    for start in starts:
        pages = follow(site, start)
        scope = ".hoctap-month__list" if "/thang/" in start else ".hoctap-upcoming, .hoctap-archive"
        seen = [o for rel, page in pages for o in occurrences(rel, page, scope)]
        assert len(seen) == len(set(seen)), f"{start}: an activity is listed twice"
        paginated += len(pages) > 1
        if "/thang/" in start:   # every activity of the month's grid is in the month's list
            grid = {os.path.normpath(os.path.join("lich/thang", a["href"]))
                    for a in pages[0][1].select("a.hoctap-grid__event")}
            assert grid <= {href for href, _ in seen}, start
    assert paginated >= 3


def test_club_category_page_shows_the_next_sessions_and_links_months(corpus):
    _, site = corpus
    page = soup(site, "lich/the-loai/cau-lac-bo.html")
    items = page.select(".hoctap-upcoming li.hoctap-occ")
    assert 0 < len(items) <= 30
    times = [li.select_one("time")["datetime"] for li in items]
    assert times == sorted(times)
    months = [a["href"] for a in page.select(".hoctap-category__months a")]
    assert len(months) > 3 and all((site / "lich/the-loai" / h).is_file() for h in months)


# -- calendar feeds: a window, and yearly archives for the rest --------------------------------

def _ics(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def _last_day(occurrence) -> date:
    """The last day of one instance (all-day DTEND is exclusive)."""
    if isinstance(occurrence.start, datetime):
        return occurrence.end.astimezone(VN).date()
    return occurrence.end - timedelta(days=1)


def _series(cal: icalendar.Calendar) -> dict[str, tuple[date, date]]:
    """UID -> (start day, last day) of its last instance, from recurring-ical-events (2010-2030:
    club schedules started long ago and never end)."""
    out: dict[str, tuple[date, date]] = {}
    for occ in recurring_ical_events.of(cal).between(date(2005, 1, 1), date(2031, 1, 1)):
        uid = str(occ["UID"])
        start = occ.start.astimezone(VN).date() if isinstance(occ.start, datetime) else occ.start
        last = (start, _last_day(occ))
        if uid not in out or last[1] > out[uid][1]:
            out[uid] = last
    return out


def _day(value) -> date:
    return value.astimezone(VN).date() if isinstance(value, datetime) else value


def _masters(cal: icalendar.Calendar) -> list[str]:
    return [str(e["UID"]) for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e]


def test_subscription_feed_keeps_the_window_and_archives_each_older_event_once(corpus):
    _, site = corpus
    every = set()   # every VEVENT of the site, from the feeds of one event, club or class
    later = set()   # those that start after the window: in no shared feed yet
    for folder in ("lich/su-kien", "cau-lac-bo", "lop-hoc"):
        for path in (site / folder).glob("*.ics"):
            own = _ics(path)
            every |= set(_masters(own))
            later |= {str(e["UID"]) for e in own.walk("VEVENT") if "RECURRENCE-ID" not in e
                      and _day(e.decoded("DTSTART")) > UNTIL}
    feed = _ics(site / "lich/lich.ics")
    archives = {int(p.stem): _ics(p) for p in sorted((site / "lich/luu-tru").glob("*.ics"))}
    assert len(archives) >= 2
    # each VEVENT (a UID with its overrides) is in exactly one of the feed and the archives
    placed = Counter(_masters(feed))
    for cal in archives.values():
        placed.update(_masters(cal))
    assert {uid: n for uid, n in placed.items() if n != 1} == {}
    assert later and not later & set(placed)      # the corpus has events beyond the window
    assert set(placed) == every - later
    for cal in (feed, *archives.values()):
        overrides = {str(e["UID"]) for e in cal.walk("VEVENT") if "RECURRENCE-ID" in e}
        assert overrides <= set(_masters(cal))
    # the feed: what has not ended before the window (today less 90 days)
    current = _series(feed)
    assert set(current) == set(_masters(feed))
    assert [uid for uid, (_, last) in current.items() if last < SINCE] == []
    # archives: what ended before the window, in the year its last instance started
    for year, cal in archives.items():
        ended = _series(cal)
        assert set(ended) == set(_masters(cal)) and ended, year
        assert [uid for uid, (start, last) in ended.items() if last >= SINCE or start.year != year] == [], year
    # an old single event: not in the feed, in its year's archive
    singles = [e for e in archives[2024].walk("VEVENT") if "RRULE" not in e and "RECURRENCE-ID" not in e]
    assert singles and all(str(e["UID"]) not in current for e in singles)
    # a series that started years ago and still repeats (a club's weekly meeting) stays
    started_long_ago = [e for e in feed.walk("VEVENT") if "RRULE" in e and "UNTIL" not in e["RRULE"]
                        and "COUNT" not in e["RRULE"] and e.decoded("DTSTART").year <= 2015]
    assert started_long_ago
    coming = {str(o["UID"]) for o in recurring_ical_events.of(feed).between(BUILD_DAY, BUILD_DAY + timedelta(days=14))}
    assert {str(e["UID"]) for e in started_long_ago} <= coming
    # a series that ended long ago left the feed with its overrides
    ended_series = [e for cal in archives.values() for e in cal.walk("VEVENT") if "RRULE" in e]
    assert ended_series
    # the category and village feeds follow the same window
    for path in [*(site / "lich/the-loai").glob("*.ics"), *(site / "lich/ban").glob("*.ics")]:
        assert set(_masters(_ics(path))) <= set(placed) - {u for c in archives.values() for u in _masters(c)}, path


def test_archive_feeds_are_linked_from_the_archive_and_subscribe_pages(corpus):
    _, site = corpus
    years = sorted(int(p.stem) for p in (site / "lich/luu-tru").glob("*.ics"))
    page = soup(site, "lich/dang-ky.html")
    linked = {os.path.normpath(os.path.join("lich", a["href"])) for a in page.select("#luu-tru ~ ul a[href$='.ics']")}
    assert linked == {f"lich/luu-tru/{y}.ics" for y in years}
    assert "90 ngày" in page.select_one("#pham-vi").get_text()
    for year in years:
        if (site / f"lich/luu-tru/{year}.html").is_file():
            hrefs = [a["href"] for a in soup(site, f"lich/luu-tru/{year}.html").select(".hoctap-archive__feed a")]
            assert hrefs == [f"{year}.ics"], year


def test_a_feed_keeps_fewer_days_when_so_ngay_da_qua_is_set(corpus, tmp_path):
    """The window comes from mkdocs.yml (lich.so_ngay_da_qua) and the build day (SOURCE_DATE_EPOCH)."""
    from hoctap.site.config import CalendarOptions
    from hoctap.kinds.events.ics import feed_start

    assert CalendarOptions().feed_days == 90
    assert CalendarOptions.model_validate({"so_ngay_da_qua": 7}).feed_days == 7
    assert feed_start(BUILD_DAY, 7) == date(2026, 4, 14)


# -- club and class listings: pages of CLUB_PAGE cards -----------------------------------------

def _cards(rel: str, page: BeautifulSoup) -> list[str]:
    return [os.path.normpath(os.path.join(os.path.dirname(rel), a["href"]))
            for a in page.select(".hoctap-club-card__title a")]


def test_club_listings_paginate_with_every_club_once(corpus):
    _, site = corpus
    clubs = {p.with_suffix(".html").relative_to(site).as_posix()
             for folder in ("cau-lac-bo", "lop-hoc") for p in (site / folder).glob("*.ics")}
    courses = {c for c in clubs if c.startswith("lop-hoc/")}
    assert len(clubs) == 80
    starts = {"cau-lac-bo/index.html": clubs, "lop-hoc/index.html": courses}
    # every facet page: the count its chip shows on the index is the number of its cards
    index = soup(site, "cau-lac-bo/index.html")
    chips = {os.path.normpath(os.path.join("cau-lac-bo", a["href"])): int(re.search(r"\((\d+)\)", a.get_text())[1])
             for a in index.select(".hoctap-facets a[data-facet-group]") if a["data-facet-group"]}
    assert len(chips) > 10
    paginated = 0
    for start in [*starts, *chips]:
        pages = follow(site, start)
        seen = [href for rel, page in pages for href in _cards(rel, page)]
        assert len(seen) == len(set(seen)), f"{start}: a club is listed twice"
        if start in starts:
            assert set(seen) == starts[start], start
        else:
            assert set(seen) <= clubs and len(seen) == chips[start], start
        assert len(pages) == max(1, -(-len(seen) // CLUB_PAGE)), start
        paginated += len(pages) > 1
        for n, (rel, page) in enumerate(pages, start=1):
            assert len(_cards(rel, page)) <= CLUB_PAGE
            if len(pages) > 1:
                pager = page.select_one("nav.hoctap-pager")
                assert f"Trang {n}/{len(pages)}" in pager.get_text(), rel
                assert bool(pager.select('a[rel="prev"]')) == (n > 1), rel
                assert bool(pager.select('a[rel="next"]')) == (n < len(pages)), rel
                # the in-page filter (JavaScript) would see one page only: it is not offered
                assert page.select("[data-hoctap-clubs]") == [], rel
            else:
                assert page.select("nav.hoctap-pager") == [], rel
    assert paginated >= 4


def test_paginated_club_pages_are_valid_html(corpus):
    from test_html_valid import _vnu

    _, site = corpus
    pages = sorted({*(site / "cau-lac-bo").rglob("trang-*.html"), *(site / "lop-hoc").rglob("trang-*.html")})
    assert len(pages) >= 4
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in _vnu(*pages)] == []


# -- "Tuần này" and the calendar home: bounded days ----------------------------------------------

def test_agenda_days_show_twelve_items_and_link_the_rest(corpus):
    _, site = corpus
    feed = _ics(site / "lich/lich.ics")
    busy = 0
    for rel in ("lich/tuan-nay.html", "lich/index.html", "index.html"):
        page = soup(site, rel)
        for section in page.select("[data-hoctap-day-section]"):
            day = date.fromisoformat(section["data-hoctap-date"])
            shown = section.select("li.hoctap-occ")
            assert len(shown) <= PER_DAY, (rel, day)
            more = section.select_one(".hoctap-day__more a")
            hidden = int(re.search(r"\+ (\d+) hoạt động khác", more.get_text())[1]) if more else 0
            # every instance of that day in the feed (recurring-ical-events) is shown or counted
            assert len(shown) + hidden == len(recurring_ical_events.of(feed).at(day)), (rel, day)
            if more:
                busy += 1
                target = os.path.normpath(os.path.join(os.path.dirname(rel), more["href"].split("#")[0]))
                assert (site / target).is_file() and more["href"].endswith("#hoctap-month-list")
                month = f"lich/thang/{day:%Y-%m}.html"
                listed = [t["datetime"] for _, p in follow(site, month) for t in p.select(".hoctap-month__list li time")]
                assert sum(t.startswith(day.isoformat()) for t in listed) >= len(shown) + hidden
    assert busy >= 3
    home = soup(site, "lich/index.html")
    upcoming = home.select(".hoctap-calendar > .hoctap-upcoming li.hoctap-occ")
    assert 0 < len(upcoming) <= UPCOMING
    assert bool(home.select(".hoctap-upcoming__more a")) == (len(upcoming) == UPCOMING)


def test_shared_feeds_carry_a_short_description_and_the_event_feed_the_whole_text(corpus):
    """lich.ics (and the other shared feeds) keep each DESCRIPTION to its first 150 characters and
    the page's address; the feed of the event itself has the whole text."""
    _, site = corpus
    feed = {str(e["UID"]): str(e["DESCRIPTION"]) for e in _ics(site / "lich/lich.ics").walk("VEVENT")
            if "RECURRENCE-ID" not in e}
    shortened = 0
    for path in sorted((site / "lich/su-kien").glob("*.ics")):
        for event in _ics(path).walk("VEVENT"):
            uid = str(event["UID"])
            if "RECURRENCE-ID" in event or uid not in feed:
                continue
            whole, short = str(event["DESCRIPTION"]), feed[uid]
            link = whole.rsplit("\n\n", 1)[1]
            assert link.startswith("Chi tiết: http") and short.endswith("\n\n" + link), uid
            text = short[: -len(link) - 2]
            assert len(text) <= 150, uid
            if text != whole[: -len(link) - 2]:
                shortened += 1
                assert text.endswith(" …"), uid
                assert " ".join(whole.split()).startswith(text[:-2]), uid
    assert shortened       # the corpus has descriptions longer than 150 characters


REPORT_ROWS = 20         # activities on a year's report page
ACTIVITY_PAGE = 50       # activities on one page of a year's full list


def _activity_rows(rel: str, page: BeautifulSoup) -> list[tuple[str, ...]]:
    """(resolved link, time, title, state, participants) of each row of a page's activity table."""
    out = []
    for tr in page.select('table[data-table="hoat-dong"] tbody tr'):
        cells = [td.get_text(strip=True) for td in tr.select("td")]
        href = os.path.normpath(os.path.join(os.path.dirname(rel), tr.select_one("a")["href"]))
        out.append((href, cells[0], cells[1], cells[5], cells[6]))
    return out


def test_report_lists_its_activities_on_pages_with_each_once_as_the_csv(corpus):
    _, site = corpus
    starts = sorted(p.relative_to(site).as_posix() for p in site.rglob("bao-cao/hoat-dong/*.html")
                    if "-trang-" not in p.name)
    assert len(starts) >= 2   # 2025 and 2026 (and any unit section's years)
    paginated = 0
    for start in starts:
        folder = start.rsplit("/hoat-dong/", 1)[0]
        year = start.rsplit("/", 1)[1].removesuffix(".html")
        raw = (site / folder / f"{year}.csv").read_bytes().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(raw)))
        pages = follow(site, start)
        seen = [row for rel, page in pages for row in _activity_rows(rel, page)]
        # every activity of the CSV exactly once, in the CSV's order, with the same figures
        assert len(seen) == len(rows), start
        for got, want in zip(seen, rows):
            assert want["url"].endswith("/" + got[0]), (start, got, want["url"])
            assert got[1:] == (want["thoi_gian"], want["hoat_dong"], want["tinh_trang"], want["so_nguoi_tham_gia"])
        assert len(pages) == max(1, -(-len(rows) // ACTIVITY_PAGE)), start
        for n, (rel, page) in enumerate(pages, start=1):
            assert len(_activity_rows(rel, page)) <= ACTIVITY_PAGE
            title = page.select_one("h1").get_text(strip=True)
            assert title.startswith(f"Danh sách hoạt động năm {year}")
            assert title.endswith(f"trang {n}/{len(pages)}") == (len(pages) > 1), title
            prev = page.select('.hoctap-pager a[rel="prev"]')
            assert (len(prev) == 1) == (n > 1), rel
        paginated += len(pages) > 1
        # the report page: its figures, the first activities and a link to the full list
        report_rel = f"{folder}/{year}.html"
        report = soup(site, report_rel)
        assert _activity_rows(report_rel, report) == seen[:REPORT_ROWS]
        link = report.select_one('[data-field="list-link"] a')
        if rows:
            assert link.get_text(strip=True) == f"Xem danh sách đầy đủ {len(rows)} hoạt động"
            assert os.path.normpath(os.path.join(folder, link["href"])) == start
        else:
            assert link is None
    assert paginated >= 2
# -- the monthly A4 poster: at most POSTER_ITEMS activities and POSTER_CLUBS clubs -----------------

POSTER_ITEMS = 5      # lich.so_hoat_dong_ap_phich's default
POSTER_CLUBS = 6      # club and class rows on a poster
ROUTINE = {"Câu lạc bộ", "Lớp học", "Ngày kỷ niệm"}


def _start_key(event) -> tuple[date, str]:
    """All-day ones first on their day, then by time of day (Vietnam time)."""
    start = event.start
    return _day(start), start.astimezone(VN).strftime("%H:%M") if isinstance(start, datetime) else ""


def _june_from_feed(site: Path) -> tuple[list[str], set[str]]:
    """June 2026 in lich/lich.ics (recurring-ical-events): the titles of the one-off activities'
    instances (not cancelled, not club or class sessions, not commemorative days) by start, and
    the pages of the clubs and classes meeting that month."""
    feed = _ics(site / "lich/lich.ics")
    instances = [e for e in recurring_ical_events.of(feed).between(date(2026, 6, 1), date(2026, 7, 1))
                 if str(e.get("STATUS")) != "CANCELLED"]
    one_off = sorted((e for e in instances if not set(e["CATEGORIES"].cats) & ROUTINE), key=_start_key)
    clubs = {str(e["URL"]) for e in instances if set(e["CATEGORIES"].cats) & {"Câu lạc bộ", "Lớp học"}}
    # A tentative one (STATUS:TENTATIVE) says so in its title for calendar apps: "[DỰ KIẾN] …".
    titles = [re.sub(r"^\[[^]]*\] ", "", str(e["SUMMARY"])) if str(e.get("STATUS")) == "TENTATIVE"
              else str(e["SUMMARY"]) for e in one_off]
    return titles, clubs


def test_poster_shows_at_most_the_cap_and_counts_the_rest(corpus, browser, tmp_path):
    project, site = corpus
    site_url = re.search(r"^site_url: (\S+)$", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
    rel = "lich/ap-phich/2026-06.html"
    assert (site / rel).stat().st_size < 60_000
    poster = soup(site, rel).select_one(".hoctap-poster")
    titles, clubs = _june_from_feed(site)
    total = len(titles)
    assert total > POSTER_ITEMS and len(clubs) > POSTER_CLUBS       # the corpus's June is busy
    shown = poster.select(".hoctap-poster__item")
    assert len(shown) == POSTER_ITEMS
    # June is after the build day: the soonest ones, in date order.
    assert [li.select_one(".hoctap-poster__title a").get_text(strip=True) for li in shown] == titles[:POSTER_ITEMS]
    more = poster.select_one(".hoctap-poster__more")
    items_more = re.fullmatch(r"(\d+) hoạt động khác", more.select_one(".hoctap-poster__more-items").get_text(strip=True))
    assert int(items_more[1]) == total - POSTER_ITEMS
    rows = poster.select(".hoctap-poster__clubs tbody tr")
    assert len(rows) == POSTER_CLUBS
    clubs_more = re.fullmatch(r"(\d+) câu lạc bộ, lớp học khác", more.select_one(".hoctap-poster__more-clubs").get_text(strip=True))
    assert int(clubs_more[1]) == len(clubs) - POSTER_CLUBS
    assert "quét mã để xem lịch tháng" in more.get_text()
    # Its one QR code, read off a screenshot with zbar, opens the month's page.
    context = browser.new_context(viewport={"width": 1280, "height": 3000}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto((site / rel).as_uri())
        found = decode(Image.open(io.BytesIO(page.locator(".hoctap-poster__more figure").screenshot())))
        # A full poster still prints on one A4 sheet.
        pdf = tmp_path / "poster.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        assert len(PdfReader(str(pdf)).pages) == 1
    finally:
        context.close()
    assert [f.data.decode("utf-8") for f in found] == [urljoin(site_url, "lich/thang/2026-06.html")]
    assert (site / "lich/thang/2026-06.html").is_file()

