"""Staff-only wording stays out of the pages residents read (issue #14, point 8); the edit link is
kept, as small text at the end of the page."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment

STAFF_WORDING = ["Trích dẫn", "Mã văn bản", "hẹn đăng", "địa chỉ mẫu", "cần thay bằng", "nguoi_tham_gia"]
# A field name of the content files (snake_case, as staff type them), shown as code.
FIELD_NAME = re.compile(r"^[a-z]+(_[a-z]+)+$")


def _public_pages(site):
    return [p for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix().startswith("huong-dan/")]


def _visible_text(soup: BeautifulSoup) -> str:
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for node in soup.find_all(["script", "style"]):
        node.decompose()
    return soup.get_text(" ")


def test_no_staff_wording_on_public_pages(built_site):
    pages = _public_pages(built_site)
    assert len(pages) > 100
    found = []
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        text = _visible_text(soup)
        found += [f"{path.relative_to(built_site)}: {w}" for w in STAFF_WORDING if w in text]
        found += [f"{path.relative_to(built_site)}: <code>{c.get_text()}</code>" for c in soup.find_all("code")
                  if FIELD_NAME.match(c.get_text().strip())]
    assert found == []


def test_the_guide_still_names_the_fields(built_site):
    """The check above would see a field name: the staff guide shows them."""
    soup = BeautifulSoup((built_site / "huong-dan/su-kien.html").read_text(encoding="utf-8"), "html.parser")
    assert any(FIELD_NAME.match(c.get_text().strip()) for c in soup.find_all("code"))


def test_edit_link_is_discreet_text_at_the_end(built_site):
    for path in ("gioi-thieu.html", "lich/su-kien/chieu-phim-luu-dong.html", "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html"):
        soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        links = soup.select('a[rel="edit"]')
        assert len(links) == 1, path
        link = links[0]
        assert link.get_text(strip=True) == "Sửa trang này (dành cho cán bộ)"
        assert "md-content__button" not in (link.get("class") or [])
        article = soup.select_one("article.md-content__inner")
        # Nothing of the page's own content comes after it.
        after = [el for el in link.find_all_next(True) if article in el.parents]
        assert after == [], path


def test_footer_shows_no_placeholder_note(one_unit_site):
    """A commune's own site shows its centre's address in the footer, without the staff note that
    the sample address must be replaced (that note is a comment in mkdocs.yml)."""
    soup = BeautifulSoup((one_unit_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    address = soup.select_one(".hoctap-footer__address").get_text()
    assert "mẫu" not in address and "Viêng Lán" in address


def test_hub_footer_links_every_unit(built_site):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = soup.select(".hoctap-footer__units a")
    assert len(links) == 5
    for link in links:
        assert (built_site / link["href"]).resolve().is_file(), link["href"]
    assert "Xã Viêng Lán" in [a.get_text(strip=True) for a in links]


def test_not_found_page_is_vietnamese_with_ways_back(built_site):
    """404.html is served at any address: its links are absolute paths to pages that exist, and
    none points at another host ("//…")."""
    soup = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text(strip=True) == "Không tìm thấy trang này"
    assert "Not found" not in soup.get_text()
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert not [h for h in hrefs if h.startswith("//")]
    ways_back = {a.get_text(strip=True): a["href"] for a in soup.select("article a")}
    assert ways_back["Về trang chủ"] == "/index.html"
    assert ways_back["Xem lịch hoạt động"] == "/lich/index.html"
    for href in hrefs:
        if href.startswith("/"):
            assert (built_site / href.lstrip("/").split("#")[0]).is_file(), href
