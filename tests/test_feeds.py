"""RSS 2.0 and Atom 1.0 feeds of the built sample site, read with feedparser and lxml."""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from conftest import BUILD_EPOCH, ROOT, mkdocs_build

SITE_URL = "https://hoctap-vienglan.example.org/"
NEWS_ROOT = ROOT / "content" / "vieng-lan"   # the sample's news are Viêng Lán's (published without the unit folder)
DRAFT = "tin-tuc/2026/nhap-hoi-thi-ke-chuyen-theo-sach"
FUTURE = "tin-tuc/2026/tuan-le-hoc-tap-suot-doi-2026"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def published_articles() -> list[str]:
    """Output paths of the sample articles that are neither drafts nor future-dated."""
    out = []
    for path in sorted((NEWS_ROOT / "tin-tuc").glob("*/*.md")):
        rel = path.relative_to(NEWS_ROOT).as_posix()[:-3]
        if rel not in (DRAFT, FUTURE):
            out.append(rel + ".html")
    return out


def front_date(article_html: str) -> datetime:
    src = (NEWS_ROOT / article_html).with_suffix(".md").read_text(encoding="utf-8")
    value = re.search(r'^ngay: "?([^"\n]+)"?$', src, re.M)[1]
    return datetime.strptime(value, "%Y-%m-%d %H:%M")


def local_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url[len(SITE_URL):].split("#")[0]


@pytest.fixture(scope="module")
def rss(built_site):
    return feedparser.parse((built_site / "tin-tuc" / "rss.xml").read_bytes())


@pytest.fixture(scope="module")
def atom(built_site):
    return feedparser.parse((built_site / "tin-tuc" / "atom.xml").read_bytes())


def test_feeds_parse_without_errors(rss, atom):
    assert rss.bozo is False, rss.get("bozo_exception")
    assert atom.bozo is False, atom.get("bozo_exception")
    assert rss.version == "rss20"
    assert atom.version == "atom10"


def test_feeds_list_every_published_article_newest_first(rss, atom):
    expected = [SITE_URL + p for p in published_articles()]
    assert len(expected) >= 10
    for feed in (rss, atom):
        links = [e.link for e in feed.entries]
        assert sorted(links) == sorted(expected)
        stamps = [e.published_parsed for e in feed.entries]
        assert stamps == sorted(stamps, reverse=True)


def test_drafts_and_future_articles_are_not_published(built_site, rss, atom):
    for slug in (DRAFT, FUTURE):
        assert not (built_site / (slug + ".html")).exists()
        for feed in (rss, atom):
            assert all(slug not in e.link for e in feed.entries)
    listing = (built_site / "tin-tuc" / "index.html").read_text(encoding="utf-8")
    assert "nhap-hoi-thi" not in listing and "tuan-le-hoc-tap-suot-doi-2026" not in listing


def test_item_dates_are_in_vietnam_time(built_site, rss):
    raw = etree.parse(str(built_site / "tin-tuc" / "rss.xml"))
    for item in raw.iter("item"):
        link = item.findtext("link")
        pub = item.findtext("pubDate")
        assert pub.endswith("+0700"), pub
        parsed = email.utils.parsedate_to_datetime(pub)
        assert parsed.utcoffset() == timedelta(hours=7)
        assert parsed.replace(tzinfo=None) == front_date(link[len(SITE_URL):])
    atom_raw = etree.parse(str(built_site / "tin-tuc" / "atom.xml"))
    for entry in atom_raw.iter(ATOM + "entry"):
        for name in ("published", "updated"):
            value = entry.findtext(ATOM + name)
            assert RFC3339.match(value) and value.endswith("+07:00"), value


def test_guid_is_the_absolute_permalink(rss, atom):
    for entry in rss.entries:
        assert entry.id == entry.link
        assert entry.guidislink is True or entry.id.startswith(SITE_URL)
    assert [e.id for e in atom.entries] == [e.link for e in atom.entries]
    assert len({e.id for e in atom.entries}) == len(atom.entries)


def test_items_carry_author_categories_and_summary(rss, atom):
    for feed in (rss, atom):
        for entry in feed.entries:
            assert entry.author.strip()
            assert entry.tags and all(t.term for t in entry.tags)
            assert entry.summary.strip()
    books = next(e for e in atom.entries if e.link.endswith("ngay-sach-van-hoa-doc-2025.html"))
    assert books.author == "Lò Thị Hoa"
    assert {t.label for t in books.tags} == {"Văn hóa đọc", "Học tập suốt đời"}


def test_enclosures_match_the_real_cover_files(built_site, rss, atom):
    for feed in (rss, atom):
        for entry in feed.entries:
            enclosures = entry.enclosures
            assert len(enclosures) == 1, entry.link
            enc = enclosures[0]
            file = local_file(built_site, enc.href)
            data = file.read_bytes()
            assert int(enc.length) == len(data)
            assert enc.type == "image/png" and data[:8] == b"\x89PNG\r\n\x1a\n"


def test_items_carry_the_summary_not_the_full_text(rss, atom):
    """Feeds stay small (issue #11): each item has the article's tom_tat, no full text."""
    for feed in (rss, atom):
        for entry in feed.entries:
            assert "content" not in entry, entry.link
            src = (NEWS_ROOT / entry.link[len(SITE_URL):]).with_suffix(".md").read_text(encoding="utf-8")
            summary = yaml.safe_load(src.split("---\n")[1])["tom_tat"]
            assert BeautifulSoup(entry.summary, "html.parser").get_text() == summary


def test_feeds_carry_the_newest_items_only(tmp_path):
    """``tin_tuc.so_tin_nguon`` bounds every feed to the newest articles."""
    import shutil
    project = tmp_path / "p"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", "tests", "__pycache__"))
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "      lich:\n" in text
    yml.write_text(text.replace("      lich:\n", "      tin_tuc:\n        so_tin_nguon: 3\n      lich:\n", 1),
                   encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    newest = [SITE_URL + p for p in sorted(published_articles(), key=front_date, reverse=True)[:3]]
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((site / "tin-tuc" / name).read_bytes())
        assert [e.link for e in feed.entries] == newest
    category = feedparser.parse((site / "tin-tuc/chuyen-muc/van-hoa-doc/atom.xml").read_bytes())
    assert 0 < len(category.entries) <= 3


def test_last_build_date_is_the_newest_article(built_site, rss, atom):
    newest = max(front_date(p) for p in published_articles())
    assert email.utils.parsedate_to_datetime(rss.feed.updated).replace(tzinfo=None) == newest
    assert atom.feed.updated == newest.strftime("%Y-%m-%dT%H:%M:%S+07:00")
    raw = etree.parse(str(built_site / "tin-tuc" / "rss.xml"))
    assert raw.findtext("channel/lastBuildDate") == newest.strftime("%a, %d %b %Y %H:%M:%S +0700")


def test_one_feed_pair_per_category(built_site):
    categories = ["hoc-tap-suot-doi", "van-hoa-doc", "lop-hoc", "van-nghe", "thong-bao"]
    for cat in categories:
        folder = built_site / "tin-tuc" / "chuyen-muc" / cat
        rss = feedparser.parse((folder / "rss.xml").read_bytes())
        atom = feedparser.parse((folder / "atom.xml").read_bytes())
        assert not rss.bozo and not atom.bozo
        assert rss.entries and len(rss.entries) == len(atom.entries)
        for entry in atom.entries:
            assert cat in {t.term for t in entry.tags}
        for entry in rss.entries:  # RSS: the label is the text, the category page the domain
            assert SITE_URL + f"tin-tuc/chuyen-muc/{cat}.html" in {t.scheme for t in entry.tags}
        page = (built_site / "tin-tuc" / "chuyen-muc" / f"{cat}.html").read_text(encoding="utf-8")
        links = BeautifulSoup(page, "html.parser").select(".hoctap-news-card__title a")
        assert len(links) == min(len(rss.entries), 6)


# -- structure: the rules of RSS 2.0 and Atom 1.0 (RFC 4287) ---------------------------------

def rfc822(value: str | None) -> bool:
    try:
        return value is not None and email.utils.parsedate_to_datetime(value).tzinfo is not None
    except (TypeError, ValueError):
        return False


def rss_violations(tree: etree._ElementTree) -> list[str]:
    """The required elements and formats of the RSS 2.0 specification (rssboard.org)."""
    bad = []
    root = tree.getroot()
    if root.tag != "rss" or root.get("version") != "2.0":
        bad.append("root must be <rss version='2.0'>")
    channels = root.findall("channel")
    if len(channels) != 1:
        return bad + ["exactly one <channel>"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        if len(channel.findall(name)) != 1 or not (channel.findtext(name) or "").strip():
            bad.append(f"channel needs one non-empty <{name}>")
    for name in ("pubDate", "lastBuildDate"):
        value = channel.findtext(name)
        if value is not None and not rfc822(value):
            bad.append(f"channel <{name}> is not RFC 822")
    for item in channel.findall("item"):
        if item.find("title") is None and item.find("description") is None:
            bad.append("item needs <title> or <description>")
        for name in ("title", "link", "description", "guid", "pubDate", "author", "comments", "source"):
            if len(item.findall(name)) > 1:
                bad.append(f"item has more than one <{name}>")
        pub = item.findtext("pubDate")
        if not rfc822(pub):
            bad.append("item <pubDate> missing or not RFC 822")
        guid = item.find("guid")
        if guid is None or (guid.get("isPermaLink", "true") == "true" and not guid.text.startswith("http")):
            bad.append("item <guid> missing or not a URL while isPermaLink")
        for enc in item.findall("enclosure"):
            if not (enc.get("url", "").startswith("http") and enc.get("length", "").isdigit() and enc.get("type")):
                bad.append("enclosure needs url, length and type")
        if len(item.findall("enclosure")) > 1:
            bad.append("at most one enclosure per item")
    return bad


def atom_violations(tree: etree._ElementTree) -> list[str]:
    """The constraints of RFC 4287 that apply to a feed with entries."""
    bad = []
    feed = tree.getroot()
    if feed.tag != ATOM + "feed":
        return ["root must be atom:feed"]

    def one(parent, name, where):
        found = parent.findall(ATOM + name)
        if len(found) != 1:
            bad.append(f"{where} needs exactly one atom:{name}")
        return found[0] if found else None

    def date_ok(el, where):
        if el is not None and not RFC3339.match(el.text or ""):
            bad.append(f"{where} date is not RFC 3339: {el.text}")

    one(feed, "id", "feed")
    one(feed, "title", "feed")
    date_ok(one(feed, "updated", "feed"), "feed")
    feed_has_author = feed.find(ATOM + "author") is not None
    selfs = [l for l in feed.findall(ATOM + "link") if l.get("rel") == "self"]
    if len(selfs) != 1:
        bad.append("feed should have one link rel=self")
    ids = set()
    for entry in feed.findall(ATOM + "entry"):
        id_ = one(entry, "id", "entry")
        if id_ is not None:
            if id_.text in ids:
                bad.append(f"duplicate entry id {id_.text}")
            ids.add(id_.text)
        one(entry, "title", "entry")
        date_ok(one(entry, "updated", "entry"), "entry")
        date_ok(entry.find(ATOM + "published"), "entry published")
        if not feed_has_author and entry.find(ATOM + "author") is None:
            bad.append("entry needs an author when the feed has none")
        for author in entry.findall(ATOM + "author"):
            if len(author.findall(ATOM + "name")) != 1:
                bad.append("author needs one name")
        links = entry.findall(ATOM + "link")
        for link in links:
            if not link.get("href"):
                bad.append("link needs href")
        alternates = [(l.get("type"), l.get("hreflang")) for l in links if l.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            bad.append("more than one alternate link with the same type and hreflang")
        content = entry.find(ATOM + "content")
        if content is None and not alternates:
            bad.append("entry without content needs an alternate link")
        if content is not None:
            ctype = content.get("type", "text")
            if ctype not in ("text", "html", "xhtml") and "/" not in ctype:
                bad.append(f"content type '{ctype}' is not text, html, xhtml or a MIME type")
        for enc in [l for l in links if l.get("rel") == "enclosure"]:
            if not (enc.get("type") and (enc.get("length") or "").isdigit()):
                bad.append("enclosure link needs type and length")
        summary = entry.find(ATOM + "summary")
        if summary is not None and summary.get("type", "text") not in ("text", "html", "xhtml"):
            bad.append("summary type invalid")
    return bad


def test_all_feeds_follow_rss_and_atom_rules(built_site):
    rss_files = sorted(built_site.glob("tin-tuc/**/rss.xml"))
    atom_files = sorted(built_site.glob("tin-tuc/**/atom.xml"))
    assert len(rss_files) == len(atom_files) == 6
    for path in rss_files:
        assert rss_violations(etree.parse(str(path))) == [], path
    for path in atom_files:
        assert atom_violations(etree.parse(str(path))) == [], path


def test_structure_checks_catch_broken_feeds():
    bad_rss = etree.ElementTree(etree.fromstring(
        b"<rss version='2.0'><channel><title>t</title><link>x</link>"
        b"<item><title>a</title><pubDate>tomorrow</pubDate><enclosure url='http://x/a.png'/></item></channel></rss>"))
    problems = rss_violations(bad_rss)
    assert "channel needs one non-empty <description>" in problems
    assert "item <pubDate> missing or not RFC 822" in problems
    assert "enclosure needs url, length and type" in problems
    bad_atom = etree.ElementTree(etree.fromstring(
        b"<feed xmlns='http://www.w3.org/2005/Atom'><id>x</id><title>t</title><updated>2026-04-21</updated>"
        b"<entry><id>a</id><title>a</title><updated>2026-04-21T08:00:00+07:00</updated>"
        b"<content type='CDATA'>x</content></entry></feed>"))
    problems = atom_violations(bad_atom)
    assert any("not RFC 3339" in p for p in problems)
    assert "entry needs an author when the feed has none" in problems
    assert "content type 'CDATA' is not text, html, xhtml or a MIME type" in problems


# -- determinism ------------------------------------------------------------------------------

def test_two_builds_give_identical_feeds(built_site, tmp_path):
    """A second build, a day later by the clock, gives byte-identical feeds: nothing new was
    published, and nothing in a feed comes from the build clock."""
    later = str(int(BUILD_EPOCH) + 86400)
    other = tmp_path / "site"
    result = mkdocs_build(ROOT, other, epoch=later)
    assert result.returncode == 0, result.stderr
    feeds = sorted(p.relative_to(built_site) for p in built_site.glob("tin-tuc/**/*.xml"))
    assert feeds
    for rel in feeds:
        assert (other / rel).read_bytes() == (built_site / rel).read_bytes(), rel
