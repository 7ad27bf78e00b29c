"""Raw HTML that staff paste into Markdown never reaches a page as script."""

from __future__ import annotations

import re

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
    """Scripts, handlers, script links and loads from another host inside the content area (the
    theme's own frame aside)."""
    from hoctap.core.publishing import browser_url, scheme_of

    content = page.select_one(".md-content") or page
    found = [str(s)[:80] for s in content.find_all("script") if s.get("type") != "application/ld+json"]
    for tag in content.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on"):
                found.append(f"{tag.name}[{name}]")
            scheme = scheme_of(value)
            # geo: (RFC 5870) only as the venue pages write it from validated coordinates
            geo = scheme == "geo" and re.fullmatch(r"geo:-?\d+(\.\d+)?,-?\d+(\.\d+)?", value)
            if name in ("href", "src") and scheme not in (None, "http", "https", "mailto", "tel", "webcal") and not geo:
                found.append(f"{tag.name}[{name}]={value}")
            if name in ("src", "srcset", "poster", "data") and (scheme_of(value) or browser_url(value).startswith("//")):
                found.append(f"{tag.name}[{name}]={value}")
            if name == "style" and "url(" in value.lower():
                found.append(f"{tag.name}[style]={value}")
    found += [str(t)[:60] for t in content.find_all(["iframe", "object", "embed", "style", "video", "audio",
                                                      "source", "link", "base", "form"])]
    return found


def test_raw_html_in_an_article_a_plan_and_an_event_is_refused_by_the_build(project, tmp_path):
    """What the sanitiser would drop is refused first, with its file and line: staff learn that
    their embed code will not work instead of seeing it vanish."""
    article = project / "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    lines_before = article.read_text(encoding="utf-8").count("\n")
    article.write_text(article.read_text(encoding="utf-8") + EVIL, encoding="utf-8")
    events = project / "events/hoat-dong-2026.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "đọc sách cùng con;", 'đọc sách cùng con; <script>alert("su-kien")</script> <a href="javascript:x()">x</a>'),
        encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert not (site / "index.html").exists()
    out = result.stdout + result.stderr
    rel = "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    script_line = lines_before + 3       # EVIL starts with two blank lines
    for line, text in [(script_line, "Thẻ <script> (chạy mã) không được dùng trong nội dung."),
                       (script_line + 1, "Thuộc tính 'onerror'"),
                       (script_line + 2, "Liên kết 'javascript:alert('lien-ket')' không được phép"),
                       (script_line + 3, "Thẻ <iframe> (nhúng trang khác)"),
                       (script_line + 4, "Thuộc tính 'onclick'")]:
        assert f"{rel}:{line}: noi-dung: {text}" in out, out
    assert "events/hoat-dong-2026.yaml" in out and "mo_ta: Thẻ <script>" in out


HOSTILE = EVIL + """
<p><img src="assets/logo.svg" alt="ảnh của trang"> <img src="https://may-chu-khac.example/a.png" alt="ngoài">
<img src="//may-chu-khac.example/b.png" alt="b"> <img src="assets/logo.svg" srcset="https://may-chu-khac.example/c.png 2x" alt="c">
<a href="java&#9;script:alert(2)">tab</a> <a href="&#106;avascript:alert(3)">thực thể</a>
<a href="//may-chu-khac.example/x">không giao thức</a> <a href="/\\may-chu-khac.example/y">gạch ngược</a>
<a href="data:text/html,x">dữ liệu</a> <a href="https://vanban.chinhphu.vn/">Cổng văn bản</a>
<span style="background: url(https://may-chu-khac.example/nen.png)">nền</span>
<video src="https://may-chu-khac.example/v.mp4"></video><link rel="stylesheet" href="https://may-chu-khac.example/k.css"></p>
"""


def test_the_sanitiser_drops_what_check_refuses():
    """Defence in depth: both cleaners (content pages; Markdown fields and feeds) leave nothing that
    runs or loads from another host, and keep the text, local images and ordinary links."""
    from hoctap.core.render import markdown_html, sanitize_page

    assert len(_unsafe(BeautifulSoup(HOSTILE, "html.parser"))) >= 12   # the checker sees them raw
    for clean in (sanitize_page(HOSTILE), str(markdown_html(HOSTILE))):
        page = BeautifulSoup(clean, "html.parser")
        assert _unsafe(page) == [], clean
        assert "Đoạn văn vẫn còn." in page.get_text()
        assert page.find("img", alt="ảnh của trang")["src"] == "assets/logo.svg"
        assert page.find("a", string="Cổng văn bản")["href"] == "https://vanban.chinhphu.vn/"
        for text in ("tab", "thực thể", "không giao thức", "gạch ngược", "dữ liệu"):
            assert page.find("a", string=text).get("href") is None, text


def test_the_sample_site_has_no_unsafe_markup(built_site):
    for path in built_site.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if path.relative_to(built_site).as_posix() == "tim-kiem.html":
            # the hub's own search form (submits to the page itself), not content
            form = page.select_one(".md-content form.hoctap-search-form")
            assert form["action"] == "tim-kiem.html" and form["method"] == "get"
            form.decompose()
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


def test_a_script_is_reported_with_the_files_loading_errors(project):
    """A page whose front matter does not load still has its script reported in the same run:
    fixing the first mistake does not reveal a second one (all problems at once)."""
    from cli_helpers import hoctap

    article = project / "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    text = article.read_text(encoding="utf-8")
    broken = re.sub(r"^tac_gia: .*$", 'tac_gia: ""', text, count=1, flags=re.MULTILINE)
    assert broken != text
    article.write_text(broken + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result = hoctap("check", cwd=project)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    rel = "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    author_line = next(i for i, line in enumerate(broken.splitlines(), 1) if line.startswith("tac_gia:"))
    script_line = len(broken.splitlines()) + 2
    assert re.search(rf"{re.escape(rel)}:{author_line}: tac_gia: ", out), out
    assert f"{rel}:{script_line}: noi-dung: Thẻ <script> (chạy mã) không được dùng trong nội dung." in out, out
    assert "Traceback" not in out


def test_a_script_in_a_data_files_description_is_reported_with_the_loading_errors(project):
    """A club's description (a Markdown field of a YAML file) with a script is reported in the
    same run as a mistake that stops loading (a broken article), not only once that is fixed."""
    from cli_helpers import hoctap

    article = project / "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md"
    text = article.read_text(encoding="utf-8")
    broken = re.sub(r"^tac_gia: .*$", 'tac_gia: ""', text, count=1, flags=re.MULTILINE)
    assert broken != text
    article.write_text(broken, encoding="utf-8")
    club = project / "events/cau-lac-bo/van-nghe-ban-lan.yaml"
    lines = club.read_text(encoding="utf-8").splitlines()
    at = lines.index("mo_ta: |")
    lines.insert(at + 1, "  <script>alert(1)</script>")
    club.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = hoctap("check", cwd=project)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md:" in out and "tac_gia" in out, out
    expected = f"events/cau-lac-bo/van-nghe-ban-lan.yaml:{at + 2}: mo_ta: Thẻ <script> (chạy mã) không được dùng"
    assert expected in out, out
    assert out.count("van-nghe-ban-lan.yaml") == 1, out   # once, not once per check
    assert "Traceback" not in out
