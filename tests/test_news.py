"""News articles: the core (loading, publishing rules, events, plan citations) and the built pages."""

from __future__ import annotations

import re
import shutil
import textwrap
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, mkdocs_build
from hoctap.kinds.news import NEWS
from hoctap.core.problems import ContentErrors
from hoctap.kinds.news.feeds import absolute_url
from hoctap.site.hub import Paths, load_hub
from hoctap.kinds.news.model import image_size, load_image, parse_published
from hoctap.core.timezone import TZ

SITE_URL = "https://hoctap-vienglan.example.org/"
TODAY = date(2026, 4, 20)


def copy_project(dest: Path) -> Path:
    """The one-unit project made from the shipped hub (conftest.copy_project): today's layout."""
    from conftest import copy_project as one_unit_copy

    return one_unit_copy(dest)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def plugin_options(root: Path) -> dict:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    entry = next(p for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    options = dict(entry["hoctap"])
    options.pop("events_dir", None)
    return options


def load(root: Path, today: date = TODAY):
    return load_hub(Paths(root, root / "content", root / "events"), plugin_options(root), SITE_URL,
                    "Trung tâm", options_source=root / "mkdocs.yml", today=today)


@dataclass
class FakeEvent:
    title: str
    url: str
    # the news also checks the articles named by events' held records (da_to_chuc.bai_viet)
    source: object = field(default_factory=lambda: SimpleNamespace(id="", held=(), bodies=()))
    path: Path | None = None

    def line_of(self, *fields) -> int | None:
        return None


class FakeCalendar:
    """Only what the news needs of a calendar: ``events`` by id, each with a title and a url."""

    def __init__(self, real=None):
        self.events = {k: FakeEvent(e.title, e.url, e.source, e.path) for k, e in (getattr(real, "events", None) or {}).items()}
        self.events["ngay-sach-2026"] = FakeEvent("Ngày hội đọc sách 2026", "lich/su-kien/ngay-sach-2026.html")


def calendar_before_news(monkeypatch, make_calendar) -> None:
    """Replace the calendar the hub loaded with ``make_calendar(hub)``, just before the news loader."""
    import hoctap.kinds

    def load(hub):
        hub.calendar = make_calendar(hub)
        NEWS.load(hub)
    kinds = tuple(replace(k, load=load) if k is NEWS else k for k in hoctap.kinds.BUILTIN_KINDS)
    monkeypatch.setattr(hoctap.kinds, "BUILTIN_KINDS", kinds)


@pytest.fixture
def with_calendar(monkeypatch):
    calendar_before_news(monkeypatch, lambda hub: FakeCalendar(getattr(hub, "calendar", None)))


def write_article(project: Path, rel: str, front: str, body: str = "Nội dung bài viết.\n") -> Path:
    path = project / "content" / "tin-tuc" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + textwrap.dedent(front).strip() + "\n---\n\n" + body, encoding="utf-8")
    return path


GOOD = """
    tieu_de: "Ngày hội đọc sách 2026 ở bản Púng"
    ngay: "2026-04-19 09:00"
    tac_gia: Lò Thị Hoa
    chuyen_muc: [van-hoa-doc]
    tom_tat: Bà con bản Púng đọc sách cùng con.
    anh_bia: assets/news/ngay-sach-2026.png
    su_kien: [ngay-sach-2026]
    ke_hoach: ["hoc-tap-suot-doi-den-2030#II.1"]
"""


# -- values ---------------------------------------------------------------------------------

def test_published_accepts_local_time_dates_and_offsets():
    assert parse_published("2026-04-21 08:30") == datetime(2026, 4, 21, 8, 30, tzinfo=TZ)
    assert parse_published("21/04/2026 8h30") == datetime(2026, 4, 21, 8, 30, tzinfo=TZ)
    assert parse_published("2026-04-21") == datetime(2026, 4, 21, 0, 0, tzinfo=TZ)
    converted = parse_published("2026-04-21T01:30:00Z")
    assert converted == datetime(2026, 4, 21, 8, 30, tzinfo=TZ) and converted.utcoffset().seconds == 7 * 3600
    with pytest.raises(ValueError, match="không phải"):
        parse_published("ngày mai")


def test_image_size_reads_png_and_jpeg_headers(tmp_path):
    root = ROOT / "content"
    assert image_size((root / "assets/news/mac-dinh.png").read_bytes()) == (1200, 630)
    jpeg = (b"\xff\xd8" + b"\xff\xe0\x00\x10" + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + b"\xff\xc0\x00\x11\x08" + (480).to_bytes(2, "big") + (640).to_bytes(2, "big") + b"\x03" + b"\x00" * 9)
    assert image_size(jpeg) == (640, 480)
    assert image_size(b"GIF89a....") is None
    (tmp_path / "a.jpg").write_bytes(jpeg)
    image = load_image(tmp_path, "a.jpg")
    assert (image.mime, image.length, image.width) == ("image/jpeg", len(jpeg), 640)
    assert "Không tìm thấy" in load_image(tmp_path, "b.png")
    assert ".png hoặc .jpg" in load_image(tmp_path, "logo.svg")
    assert "content/" in load_image(tmp_path, "../ngoai.png")


def test_absolute_url_resolves_markdown_links_like_the_site_does():
    src = "tin-tuc/2026/bai.md"
    assert absolute_url(SITE_URL, src, "../2025/cu.md") == SITE_URL + "tin-tuc/2025/cu.html"
    assert absolute_url(SITE_URL, src, "../../ke-hoach/kh.md#II.1") == SITE_URL + "ke-hoach/kh.html#II.1"
    assert absolute_url(SITE_URL, src, "../../assets/news/a.png") == SITE_URL + "assets/news/a.png"
    assert absolute_url(SITE_URL, src, "#muc") == SITE_URL + "tin-tuc/2026/bai.html#muc"
    assert absolute_url(SITE_URL, src, "https://example.org/x") == "https://example.org/x"
    assert absolute_url(SITE_URL, src, "mailto:a@b.vn") == "mailto:a@b.vn"


# -- the core -------------------------------------------------------------------------------

def test_sample_news_publishes_all_but_the_draft_and_the_future_article(project):
    hub = load(project)
    news = hub.extras["news"]
    published = [a.slug for a in news.published]
    assert len(published) >= 10
    assert "nhap-hoi-thi-ke-chuyen-theo-sach" not in published
    assert "tuan-le-hoc-tap-suot-doi-2026" not in published
    assert {a.slug for a in news.unpublished} == {"nhap-hoi-thi-ke-chuyen-theo-sach", "tuan-le-hoc-tap-suot-doi-2026"}
    assert "tin-tuc/2026/nhap-hoi-thi-ke-chuyen-theo-sach.md" in hub.excluded
    assert "tin-tuc/2026/tuan-le-hoc-tap-suot-doi-2026.md" in hub.excluded
    assert [a.published for a in news.published] == sorted((a.published for a in news.published), reverse=True)
    # The future article is published once its day has come.
    later = load(project, today=date(2026, 10, 5))
    assert "tuan-le-hoc-tap-suot-doi-2026" in [a.slug for a in later.extras["news"].published]


def test_article_resolves_plan_sections_and_calendar_events(project, with_calendar):
    write_article(project, "2026/doc-sach-ban-pung.md", GOOD)
    hub = load(project)
    article = next(a for a in hub.extras["news"].published if a.slug == "doc-sach-ban-pung")
    assert article.plan_refs[0].url == "ke-hoach/hoc-tap-suot-doi-den-2030.html#II.1"
    assert "mục II.1" in article.plan_refs[0].label
    assert article.events[0].title == "Ngày hội đọc sách 2026"
    assert hub.extras["articles_by_event"]["ngay-sach-2026"] == [article]
    assert article.cover.length == (project / "content/assets/news/ngay-sach-2026.png").stat().st_size

    # The header and footer stand as markers in the Markdown (Hub.html_slot) until it is HTML.
    page = hub.page_html(article.src_uri, hub.page_markdown(article.src_uri, article.body))
    assert page.startswith("# Ngày hội đọc sách 2026 ở bản Púng\n")
    soup = BeautifulSoup(page, "html.parser")
    hrefs = {a.get_text(strip=True): a["href"] for a in soup.find_all("a")}
    assert hrefs["Ngày hội đọc sách 2026"] == "../../lich/su-kien/ngay-sach-2026.html"
    assert any(h == "../../ke-hoach/hoc-tap-suot-doi-den-2030.html#II.1" for h in hrefs.values())
    assert "Chủ Nhật, 19/04/2026" in soup.get_text()
    assert hub.page_meta[article.src_uri]["published"] == "2026-04-19T09:00:00+07:00"


def test_unknown_event_is_reported_with_file_line_and_field(project, with_calendar):
    write_article(project, "2026/su-kien-sai.md", GOOD.replace("[ngay-sach-2026]", "[ngay-sach-2062]"))
    with pytest.raises(ContentErrors) as caught:
        load(project)
    [problem] = [p for p in caught.value.problems if p.field.startswith("su_kien")]
    assert (problem.file, problem.line, problem.field) == ("content/tin-tuc/2026/su-kien-sai.md", 8, "su_kien[1]")
    assert "Không có sự kiện mã 'ngay-sach-2062'" in problem.message
    assert "ngay-sach-2026" in problem.hint


def test_without_a_calendar_events_are_kept_as_plain_ids(project, monkeypatch):
    calendar_before_news(monkeypatch, lambda hub: None)
    write_article(project, "2026/doc-sach-ban-pung.md", GOOD)
    hub = load(project)
    article = next(a for a in hub.extras["news"].published if a.slug == "doc-sach-ban-pung")
    assert article.events[0].url is None and article.events[0].id == "ngay-sach-2026"


def test_related_articles_and_neighbours(project):
    news = load(project).extras["news"]
    first, second = news.published[0], news.published[1]
    assert news.newer(first) is None and news.older(first) is second and news.newer(second) is first
    related = news.related(first)
    assert 0 < len(related) <= 3 and first not in related
    shared = set(first.meta.categories)
    assert all(shared & set(r.meta.categories) or set(first.meta.tags) & set(r.meta.tags) for r in related)


def test_related_articles_from_the_index_equal_scoring_every_pair(tmp_path):
    """The index (issue #11) finds what scoring every article against every other finds: here on a
    generated corpus of 300 articles with shared categories, tags, events and plan sections."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from hoctap_bench.corpus import write_corpus

    root = tmp_path / "p"
    write_corpus(root, "T", 11)
    news = load(root, date(2026, 4, 21)).extras["news"]
    assert len(news.published) == 300

    def score(a, b) -> int:
        return (3 * len({e.id for e in a.events} & {e.id for e in b.events})
                + 2 * len({p.citation for p in a.plan_refs} & {p.citation for p in b.plan_refs})
                + 2 * len(set(a.meta.categories) & set(b.meta.categories))
                + len(set(a.meta.tags) & set(b.meta.tags)))

    for i, article in enumerate(news.published):
        scored = [(score(article, o), -j, o) for j, o in enumerate(news.published) if o is not article]
        best = [o for s, _, o in sorted([x for x in scored if x[0] > 0], key=lambda x: x[:2], reverse=True)[:3]]
        assert news.related(article) == best, article.src_uri


# -- bad input, through a real build ----------------------------------------------------------

def test_bad_articles_fail_the_build_with_every_problem_in_vietnamese(tmp_path):
    project = copy_project(tmp_path / "project")
    write_article(project, "2026/bai-loi.md", """
        tieu_de: Bài có nhiều lỗi
        tac_gia: Lò Thị Hoa
        chuyen_muc: [van-hoa-doc, tin-the-thao]
        tom_tat: Thiếu ngày đăng, sai chuyên mục, thiếu ảnh và trích dẫn sai mục.
        anh_bia: assets/news/khong-co-anh.png
        ke_hoach:
          - hoc-tap-suot-doi-den-2030#IX.9
          - ke-hoach-khong-co
        su_kien:
          - hoi-sach-2026
          - hoi-sach-2062
    """)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    where = "content/tin-tuc/2026/bai-loi.md"
    assert re.search(rf"{where}:2: ngay: Thiếu trường bắt buộc", out), out
    assert f"{where}:4: chuyen_muc[2]: Không có chuyên mục 'tin-the-thao'." in out
    assert f"{where}:6: anh_bia: Không tìm thấy ảnh 'assets/news/khong-co-anh.png'" in out
    assert f"{where}:8: ke_hoach[1]: Kế hoạch 'hoc-tap-suot-doi-den-2030' không có mục IX.9" in out
    assert f"{where}:9: ke_hoach[2]: Không có kế hoạch mã 'ke-hoach-khong-co'" in out
    assert f"{where}:12: su_kien[2]: Không có sự kiện mã 'hoi-sach-2062' trong lịch. (có phải ý bạn là 'hoi-sach-2026'?)" in out
    assert "su_kien[1]" not in out


def test_a_draft_with_errors_is_still_reported(tmp_path):
    project = copy_project(tmp_path / "project")
    write_article(project, "2026/nhap-loi.md", """
        tieu_de: Bản nháp
        ngay: "2026-04-01 08:00"
        tac_gia: Lò Thị Hoa
        chuyen_muc: [khong-co]
        tom_tat: Nháp.
        nhap: true
    """)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/tin-tuc/2026/nhap-loi.md:5: chuyen_muc[1]: Không có chuyên mục 'khong-co'." in result.stderr + result.stdout


def test_article_file_names_must_be_ascii_slugs(tmp_path):
    project = copy_project(tmp_path / "project")
    write_article(project, "2026/Ngày sách.md", GOOD.replace("su_kien: [ngay-sach-2026]\n", ""))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "tên tệp: Tên tệp 'Ngày sách.md' phải gồm chữ thường không dấu" in result.stderr + result.stdout


# -- built pages ------------------------------------------------------------------------------

def cards(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.select(".hoctap-news-card__title a")]


def test_index_is_paginated_and_covers_every_article(built_site):
    first = cards(built_site / "tin-tuc/index.html")
    second = cards(built_site / "tin-tuc/trang-2.html")
    assert len(first) == 6 and 1 <= len(second) <= 6
    all_links = first + [h for h in second]
    assert len(set(all_links)) == len(all_links)
    soup = BeautifulSoup((built_site / "tin-tuc/index.html").read_text(encoding="utf-8"), "html.parser")
    pager = soup.select_one(".hoctap-pager")
    assert pager.select_one("[aria-current=page]").get_text() == "1"
    assert pager.select_one("a[rel=next]")["href"] == "trang-2.html"
    for href in first:
        assert (built_site / "tin-tuc" / href).is_file()
    for href in second:
        assert (built_site / "tin-tuc" / href).is_file()


def test_home_page_shows_the_latest_news(built_site):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    latest = soup.select(".hoctap-news--latest .hoctap-news-card__title a")
    assert 3 <= len(latest) <= 5
    assert latest[0]["href"] == "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html"
    assert "Tin mới sẽ hiện ở đây" not in soup.get_text()


def test_articles_and_event_pages_link_each_other(built_site):
    article = built_site / "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html"
    soup = BeautifulSoup(article.read_text(encoding="utf-8"), "html.parser")
    events = [a["href"] for a in soup.select("[data-field=su_kien] a")]
    assert events == ["../../lich/su-kien/hoi-sach-2026.html", "../../lich/su-kien/ngay-sach-va-van-hoa-doc.html"]
    event_page = (article.parent / events[0]).resolve()
    event_soup = BeautifulSoup(event_page.read_text(encoding="utf-8"), "html.parser")
    back = [a["href"] for a in event_soup.find_all("a") if "tin-tuc/2026/" in a["href"]]
    assert "../../tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html" in back


def test_article_page_has_header_footer_and_neighbours(built_site):
    page = built_site / "tin-tuc/2025/lop-theu-tho-cam.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h1").get_text(strip=True).startswith("Lớp dạy nghề thêu thổ cẩm")
    header = soup.select_one(".hoctap-article-header")
    assert "Thứ Ba, 05/08/2025 · 10:15" in header.get_text()
    assert "phút đọc" in header.get_text()
    assert header.select_one("[data-field=tac_gia] a")["href"] == "../tac-gia/lo-thi-hoa.html"
    footer = soup.select_one(".hoctap-article-footer")
    # A vocational class: Viêng Lán's programme has no section for it, so the article cites none
    # (the district's plan is not Viêng Lán's).
    assert footer.select_one("[data-field=ke_hoach]") is None
    older = footer.select_one("a[rel=prev]")["href"]
    newer = footer.select_one("a[rel=next]")["href"]
    assert older == "lop-ky-thuat-cham-soc-xoai.html" and newer == "tuan-le-hoc-tap-suot-doi-2025.html"
    assert footer.select(".hoctap-news-card")
    for a in soup.select(".hoctap-article-header a, .hoctap-article-footer a"):
        target = (page.parent / a["href"].split("#")[0]).resolve()
        assert target.is_file(), a["href"]


def test_archive_and_author_pages(built_site):
    months = cards(built_site / "tin-tuc/luu-tru/2025-10.html")
    assert sorted(months) == ["../2025/hoi-thi-tim-hieu-hoc-tap-suot-doi.html",
                              "../2025/tuan-le-hoc-tap-suot-doi-2025.html"]
    year = BeautifulSoup((built_site / "tin-tuc/luu-tru/2025.html").read_text(encoding="utf-8"), "html.parser")
    assert "Tháng 10/2025" in year.get_text()
    index = BeautifulSoup((built_site / "tin-tuc/luu-tru/index.html").read_text(encoding="utf-8"), "html.parser")
    assert {a["href"] for a in index.select("h2 a")} == {"2025.html", "2026.html"}
    author = cards(built_site / "tin-tuc/tac-gia/lo-van-thanh.html")
    assert len(author) == 3


def test_author_names_that_share_a_page_are_refused(project, tmp_path):
    import re as _re

    article = project / "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    other = project / "content/tin-tuc/2026/lop-tin-hoc-cho-nguoi-dan.md"
    name = _re.search(r"^tac_gia: (.*)$", other.read_text(encoding="utf-8"), _re.M).group(1).strip()
    # The same letters with other tone marks: the author pages' slugs collide.
    twin = name.replace("a", "à", 1) if "a" in name else name + "à"
    text = _re.sub(r"^tac_gia: .*$", f"tac_gia: {twin}", article.read_text(encoding="utf-8"), count=1, flags=_re.M)
    article.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("tac_gia:"))
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert (f"content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md:{line}: tac_gia: Tên tác giả '{twin}' "
            f"gần giống '{name}' (bài tin-tuc/") in output
    assert "nên sẽ chung một trang tác giả" in output


def test_an_empty_feed_is_dated_by_the_build_day_not_the_clock(project, tmp_path):
    import feedparser

    for path in (project / "content/tin-tuc").glob("*/*.md"):
        path.unlink()
    for path in (project / "events").rglob("*.yaml"):      # held records name no article any more
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r",\s*bai_viet: [a-z0-9-]+", "", text), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    rss = feedparser.parse((tmp_path / "site/tin-tuc/rss.xml").read_bytes())
    assert not rss.bozo and rss.entries == []
    assert rss.feed.updated == "Tue, 21 Apr 2026 00:00:00 +0700"
