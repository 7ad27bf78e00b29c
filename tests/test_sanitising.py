"""Raw HTML that staff paste into Markdown never reaches a page as script."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import mkdocs_build

EVIL = """

<script>alert("tin")</script>
<img src="x.png" onerror="alert('anh')" alt="ảnh">
<a href="javascript:alert('lien-ket')">Bấm vào đây</a>
<iframe src="https://example.com/"></iframe>
<p style="position: fixed; background: red" onclick="alert(1)">Đoạn văn vẫn còn.</p>
"""


def _unsafe(page: BeautifulSoup) -> list[str]:
    """Scripts, handlers and script links inside the content area (the theme's own frame aside)."""
    content = page.select_one(".md-content")
    assert content is not None
    found = [str(s)[:80] for s in content.find_all("script") if s.get("type") != "application/ld+json"]
    for tag in content.find_all(True):
        for name, value in tag.attrs.items():
            if name.startswith("on"):
                found.append(f"{tag.name}[{name}]")
            if name in ("href", "src") and str(value).strip().lower().startswith("javascript:"):
                found.append(f"{tag.name}[{name}]={value}")
    found += [str(t)[:60] for t in content.find_all(["iframe", "object", "embed", "style"])]
    return found


def test_raw_html_in_an_article_and_an_event_is_neutralised(project, tmp_path):
    article = project / "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    article.write_text(article.read_text(encoding="utf-8") + EVIL, encoding="utf-8")
    plan = project / "content/ke-hoach/hoc-tap-suot-doi-den-2030.md"
    plan.write_text(plan.read_text(encoding="utf-8") + EVIL, encoding="utf-8")
    events = project / "events/hoat-dong-2026.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "đọc sách cùng con;", 'đọc sách cùng con; <script>alert("su-kien")</script> <a href="javascript:x()">x</a>'),
        encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for path in ("tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html", "ke-hoach/hoc-tap-suot-doi-den-2030.html",
                 "lich/su-kien/hoi-sach-2026.html"):
        page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert _unsafe(page) == [], path
    article_page = BeautifulSoup((site / "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html").read_text(encoding="utf-8"),
                                 "html.parser")
    assert "Đoạn văn vẫn còn." in article_page.get_text()     # the text itself stays
    assert article_page.find("img", alt="ảnh") is not None
    feed = (site / "tin-tuc/rss.xml").read_text(encoding="utf-8")
    assert "alert(&quot;tin&quot;)" not in feed and "<script" not in feed and "javascript:" not in feed


def test_the_sample_site_has_no_unsafe_markup(built_site):
    for path in built_site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert _unsafe(page) == [], path


NASTY = "<img src=x onerror=alert(1)> & <b>co</b>"


def test_titles_summaries_and_authors_are_escaped_everywhere_on_the_page(project, tmp_path):
    import re

    events = project / "events/hoat-dong-2026.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "tieu_de: Hội sách và Ngày hội đọc sách của xã", f"tieu_de: 'Hội sách {NASTY}'"), encoding="utf-8")
    article = project / "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    text = article.read_text(encoding="utf-8")
    text = re.sub(r"^tieu_de: .*$", f"tieu_de: 'Tin {NASTY}'", text, count=1, flags=re.M)
    text = re.sub(r"^tac_gia: .*$", f"tac_gia: 'Tác giả {NASTY}'", text, count=1, flags=re.M)
    article.write_text(text, encoding="utf-8")
    club = project / "events/cau-lac-bo/van-nghe-ban-lan.yaml"
    club.write_text(re.sub(r"^ten: .*$", f"ten: 'CLB {NASTY}'", club.read_text(encoding="utf-8"),
                           count=1, flags=re.M), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {"lich/su-kien/hoi-sach-2026.html": "Hội sách ",
             "tin-tuc/2026/ngay-sach-van-hoa-doc-2026.html": "Tin ",
             "cau-lac-bo/van-nghe-ban-lan.html": "CLB "}
    author_pages = list((site / "tin-tuc/tac-gia").glob("*.html"))
    for path, prefix in pages.items():
        page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert page.find(src="x") is None, path
        assert not [t.name for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)], path
        assert page.title.string.startswith(prefix + NASTY), path          # shown as text, once escaped
        og = page.find("meta", property="og:title")["content"]
        assert og.startswith(prefix + NASTY), path                          # not escaped twice
    for path in author_pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.find(src="x") is None, path
