"""The publishing policy (plugins/hoctap/core/publishing.py): URLs judged as a browser parses them,
symbolic links, file types and SVG, and what a build publishes when the policy allows it."""

from __future__ import annotations

import pytest

from cli_helpers import hoctap, make_project
from conftest import mkdocs_build
from hoctap.core.publishing import (CONTENT_SECURITY_POLICY, PUBLISHABLE, link_problem, resource_problem,
                               svg_problems)

# Hostile spellings of a script or foreign link, and harmless links that must stay allowed.
HOSTILE_LINKS = [
    "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", "java\rscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", " \x00\x1fjavascript:alert(1)", "javascript\t:alert(1)",
    "jav\tascript:alert(1)\x1f", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
    "//may-chu-khac.example/x", "\t//may-chu-khac.example/x", "/\\may-chu-khac.example/x", "\\\\may-chu-khac.example/x",
    "file:///etc/passwd", "blob:https://x/y",
]
SAFE_LINKS = ["https://vanban.chinhphu.vn/", "http://example.org/a?b=c#d", "mailto:a@example.org",
              "tel:+842123860000", "../gioi-thieu.md", "lich/index.html#thang-4", "#muc-2", "bao-cao/2026.csv"]


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_hostile_links_are_refused(url):
    assert link_problem(url) is not None
    assert resource_problem(url) is not None


@pytest.mark.parametrize("url", SAFE_LINKS)
def test_ordinary_links_pass(url):
    assert link_problem(url) is None


def test_images_must_be_files_of_the_site():
    assert resource_problem("../assets/news/chieu-phim.png") is None
    for url in ("https://may-chu-khac.example/a.png", "//may-chu-khac.example/a.png",
                "data:image/png;base64,AAAA", " http://x/y.png"):
        assert resource_problem(url) is not None, url


def test_the_policy_agrees_with_chromiums_url_parser(browser, served_site):
    """An independent parser: for every link the policy allows, Chromium resolves it to an allowed
    scheme, and to this site unless it names another host with http(s); for every link Chromium
    would run as script or resolve to another host without http(s), the policy refuses."""
    page = browser.new_page()
    try:
        page.goto(served_site + "index.html")
        for url in HOSTILE_LINKS + SAFE_LINKS:
            parsed = page.evaluate("u => { const x = new URL(u, location.href); "
                                   "return [x.protocol, x.host]; }", url)
            protocol, host = parsed
            allowed = link_problem(url) is None
            same_host = host == page.evaluate("location.host")
            if allowed:
                assert protocol in ("http:", "https:", "mailto:", "tel:"), (url, parsed)
                if not url.lower().startswith(("http:", "https:")):
                    assert same_host or protocol in ("mailto:", "tel:"), (url, parsed)
            if protocol in ("javascript:", "vbscript:", "data:") or (protocol.startswith("http") and not same_host
                                                                     and not url.startswith("http")):
                assert not allowed, (url, parsed)
    finally:
        page.close()


def test_every_publishable_type_is_documented_for_staff():
    from conftest import ROOT

    guide = (ROOT / "content/huong-dan/bao-mat.md").read_text(encoding="utf-8")
    for suffix in PUBLISHABLE:
        assert f"`{suffix}`" in guide, suffix
    assert "http://" in guide and "javascript:" in guide and "symlink" in guide


CLEAN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <style>rect { fill: url(#g) }</style>
  <rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/>
  <a href="https://vanban.chinhphu.vn/"><text>x</text></a>
</svg>"""


def test_an_exported_svg_passes_and_a_scripted_one_does_not():
    # An ordinary drawing: a DOCTYPE without entities, internal url(#id), an <a> is still refused
    # (an SVG is shown as an image; a link inside it is a way out): only the <a> is reported.
    problems = svg_problems(CLEAN_SVG)
    assert [message for _, message in problems] == [
        "Ảnh SVG có liên kết 'https://vanban.chinhphu.vn/' ra ngoài: không được đăng."]
    assert svg_problems(CLEAN_SVG.replace(b'<a href="https://vanban.chinhphu.vn/"><text>x</text></a>', b"")) == []
    scripted = CLEAN_SVG.replace(b"<defs>", b'<defs><script type="text/ecmascript">alert(1)</script>')
    assert any("<script>" in m for _, m in svg_problems(scripted))
    reading = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' \
              b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    assert [m for _, m in svg_problems(reading)] == [
        "Ảnh SVG có khai báo ENTITY hoặc DTD (có thể làm treo máy hay đọc tệp khác): không được đăng."]


def test_every_svg_of_the_sample_site_passes():
    from conftest import ROOT

    svgs = sorted((ROOT / "content").rglob("*.svg"))
    assert svgs
    for path in svgs:
        assert svg_problems(path.read_bytes()) == [], path


def test_a_symlink_inside_the_project_is_published(tmp_path):
    """Only links that leave the project (or enter a hidden folder) are refused."""
    project = make_project(tmp_path)
    (project / "content/assets/logo-ban-sao.svg").symlink_to("logo.svg")
    (project / "content/tai-lieu").symlink_to("assets/news", target_is_directory=True)
    result = hoctap("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (site / "assets/logo-ban-sao.svg").read_bytes() == (project / "content/assets/logo.svg").read_bytes()
    assert (site / "tai-lieu/chieu-phim.png").is_file()


def test_mkdocs_build_itself_refuses_an_outside_symlink_before_writing(tmp_path):
    """Not only `hoctap build`: a plain `mkdocs build` fails in the plugin's on_config, before
    MkDocs copies any file."""
    project = make_project(tmp_path)
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "bi-mat.txt").write_text("BÍ-MẬT-NGOÀI-KHO", encoding="utf-8")
    (project / "content/assets/bi-mat.txt").symlink_to(outside / "bi-mat.txt")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "content/assets/bi-mat.txt: lien-ket-tep: Liên kết tượng trưng (symlink) 'bi-mat.txt' trỏ ra ngoài kho" \
        in result.stdout + result.stderr
    assert not site.exists() or not any(site.rglob("*"))
    assert "Traceback" not in result.stdout + result.stderr


def test_the_deploy_samples_send_the_pages_policy():
    from conftest import ROOT

    nginx = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    assert f'Content-Security-Policy "{CONTENT_SECURITY_POLICY}; frame-ancestors \'self\'"' in nginx
    assert "X-Content-Type-Options nosniff" in nginx
    assert "text/calendar" in nginx


def test_links_to_sections_of_content_and_generated_pages_pass_check_and_strict_build(tmp_path):
    """check and `mkdocs build --strict` agree on anchors: the plugin hands MkDocs the anchors of
    generated pages (it saw none in their empty Markdown)."""
    project = make_project(tmp_path)
    page = project / "content/gioi-thieu.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Cài trên Android](lich/dang-ky.md#android) · "
                    "[Mục II.1](ke-hoach/hoc-tap-suot-doi-den-2030.md#II.1)\n", encoding="utf-8")
    assert hoctap("check", cwd=project).returncode == 0
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    page.write_text(page.read_text(encoding="utf-8").replace("#android", "#khong-co"), encoding="utf-8")
    check = hoctap("check", cwd=project)
    assert check.returncode == 1
    assert "Trang lich/dang-ky.md không có mục '#khong-co'" in check.stdout
