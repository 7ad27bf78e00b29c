"""Bounded output (issue #11, point 1): a generated corpus builds into pages and feeds whose size
does not follow the corpus, and every listing paginates with each item exactly once.

The corpus is scripts/bench's, at size T (300 articles, 120 events, 30 clubs and classes: every
listing has several pages; size S takes minutes on a shared machine). Pages are read with
BeautifulSoup, feeds with feedparser, front matter with PyYAML; nothing re-reads our own strings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from hoctap_bench.corpus import EPOCH, write_corpus  # noqa: E402

MAX_PAGE = 300_000   # bytes (1 KB = 1,000 bytes, as scripts/bench)
MAX_FEED = 1_000_000
FEED_ITEMS = 50      # tin_tuc.so_tin_nguon's default


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
