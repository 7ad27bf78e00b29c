"""Link previews (Open Graph, Twitter) and feed autodiscovery on every page type."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SITE_URL = "https://hoctap-vienglan.example.org/"

PAGES = {
    "home": "index.html",
    "plan": "ke-hoach/hoc-tap-suot-doi-den-2030.html",
    "article": "tin-tuc/2025/lop-theu-tho-cam.html",
    "news index": "tin-tuc/index.html",
    "listing page 2": "tin-tuc/trang-2.html",
    "category": "tin-tuc/chuyen-muc/van-hoa-doc.html",
    "archive": "tin-tuc/luu-tru/2025-10.html",
    "author": "tin-tuc/tac-gia/lo-thi-hoa.html",
}


def soup_of(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def prop(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_type_has_a_link_preview(built_site, kind):
    rel = PAGES[kind]
    soup = soup_of(built_site, rel)
    assert prop(soup, "og:locale") == "vi_VN"
    assert prop(soup, "og:site_name") == "Học tập cộng đồng – trang mẫu nhiều đơn vị"
    assert prop(soup, "og:title").strip()
    assert prop(soup, "og:description").strip()
    assert prop(soup, "og:url") == SITE_URL + rel
    image = prop(soup, "og:image")
    assert image.startswith(SITE_URL), image
    file = built_site / image[len(SITE_URL):]
    width, height = png_size(file)
    assert (int(prop(soup, "og:image:width")), int(prop(soup, "og:image:height"))) == (width, height)
    assert prop(soup, "og:image:type") == "image/png"
    assert prop(soup, "og:image:alt").strip()
    assert prop(soup, "twitter:card") == "summary_large_image"
    assert prop(soup, "twitter:image") == image
    assert prop(soup, "twitter:title") == prop(soup, "og:title")
    expected_type = "article" if kind == "article" else "website"
    assert prop(soup, "og:type") == expected_type


def test_article_preview_uses_its_cover_summary_and_date(built_site):
    soup = soup_of(built_site, PAGES["article"])
    assert prop(soup, "og:image") == SITE_URL + "assets/news/lop-theu-tho-cam.png"
    assert prop(soup, "og:description").startswith("25 chị em phụ nữ bản Nà Vường")
    assert prop(soup, "og:title").startswith("Lớp dạy nghề thêu thổ cẩm")
    assert prop(soup, "article:published_time") == "2025-08-05T10:15:00+07:00"
    assert prop(soup, "article:author") == "Lò Thị Hoa"
    assert prop(soup, "article:section") == "Lớp học"
    tags = [m["content"] for m in soup.find_all("meta", attrs={"property": "article:tag"})]
    assert tags == ["dạy nghề", "thổ cẩm", "phụ nữ"]


def test_other_pages_use_the_default_image_and_no_article_tags(built_site):
    for kind in ("home", "plan", "category"):
        soup = soup_of(built_site, PAGES[kind])
        assert prop(soup, "og:image") == SITE_URL + "assets/news/mac-dinh.png"
        assert prop(soup, "article:published_time") is None
    assert png_size(built_site / "assets/news/mac-dinh.png") == (1200, 630)
    home = soup_of(built_site, PAGES["home"])
    assert prop(home, "og:title") == "Học tập cộng đồng – trang mẫu nhiều đơn vị"


def test_every_built_page_advertises_the_site_feeds(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        alternates = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")}
        assert set(alternates) >= {"application/rss+xml", "application/atom+xml"}, page
        for kind, href in alternates.items():
            # 404.html is served from any folder, so MkDocs links it from the site root
            target = built_site / href[1:] if href.startswith("/") else page.parent / href
            assert target.resolve().is_file(), (page, href)
        assert prop(soup, "og:image"), page


def test_category_pages_also_advertise_their_own_feeds(built_site):
    soup = soup_of(built_site, PAGES["category"])
    hrefs = [link["href"] for link in soup.find_all("link", rel="alternate")]
    assert "van-hoa-doc/rss.xml" in hrefs and "van-hoa-doc/atom.xml" in hrefs
    assert "../rss.xml" in hrefs


def test_previews_never_point_outside_the_site(built_site):
    for rel in PAGES.values():
        soup = soup_of(built_site, rel)
        for meta in soup.find_all("meta", attrs={"property": True}):
            if meta["property"] in ("og:image", "og:url", "og:image:secure_url"):
                assert meta["content"].startswith(SITE_URL)
