"""The staff guide: reachable but not in the nav, every error anchor exists, templates shown,
screenshots taken by the test browser.

Screenshots are retaken only with HOCTAP_UPDATE_SCREENSHOTS=1 (then commit the PNGs); otherwise
the committed files are checked.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from hoctap.adapters.cli import GUIDE_ERRORS
from hoctap.kinds import all_kinds, builtin_registry
from hoctap.site.rules import guide_anchors

GUIDE = ROOT / "content/huong-dan"
SHOTS = GUIDE / "anh"
# screenshot file → page of the built site
SCREENSHOTS = {
    "trang-chu.png": "index.html",
    "nut-sua-trang.png": "gioi-thieu.html",
    "lich.png": "lich/index.html",
    "ke-hoach.png": "ke-hoach/hoc-tap-suot-doi-den-2030.html",
}
# screenshot file → element scrolled into the middle of the picture (the top of the page otherwise)
SCROLL_TO = {"nut-sua-trang.png": 'a[rel="edit"]'}
WIDTH = 360
MAX_BYTES = 150 * 1024


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_guide_is_not_in_the_nav_but_linked(built_site):
    home = soup(built_site, "index.html")
    nav_links = [a["href"] for a in home.select("nav.md-tabs a[href]")]
    assert nav_links and not any("huong-dan" in href for href in nav_links)
    about = soup(built_site, "gioi-thieu.html")
    assert about.select_one('article a[href="huong-dan/index.html"]'), "link from Giới thiệu"
    footer = home.select_one("footer")
    assert footer.select_one('a[href$="huong-dan/index.html"]'), "link in the footer"
    for page in ("index", "su-kien", "ke-hoach", "tin-tuc", "cau-lac-bo", "loi"):
        assert (built_site / f"huong-dan/{page}.html").is_file()


def test_every_error_anchor_is_explained(built_site):
    page = soup(built_site, GUIDE_ERRORS)
    ids = {el["id"] for el in page.select("article [id]")}
    anchors = {anchor for _, anchor in guide_anchors(builtin_registry())} | {"cac-loi-khac"}
    for anchor in anchors:
        assert anchor in ids, anchor
        heading = page.find(id=anchor)
        assert heading.name in ("h2", "h3") and heading.get_text(strip=True)


@pytest.mark.parametrize("kind", [k for k in all_kinds()], ids=lambda k: k.name)
def test_guide_shows_the_current_template(built_site, kind):
    pages = [p for p in GUIDE.glob("*.md") if f"<!-- hoctap: mau-{kind.name} -->" in p.read_text(encoding="utf-8")]
    assert pages, f"no guide page shows the template of {kind.name}"
    page = soup(built_site, f"huong-dan/{pages[0].stem}.html")
    codes = [pre.get_text() for pre in page.select("pre.hoctap-mau code") if kind.schema_file in pre.get_text()]
    assert len(codes) == 1
    code = codes[0]
    assert code.startswith("---\n# yaml-language-server" if kind.markdown else "# yaml-language-server")
    for name, info in kind.model.model_fields.items():
        if info.deprecated:                       # kept only to say where the value goes now
            continue
        assert re.search(rf"^{info.alias or name}:", code, re.M)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _take_screenshots(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("HOCTAP_CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": WIDTH, "height": 640}, device_scale_factor=1)
        for name, path in SCREENSHOTS.items():
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            if name in SCROLL_TO:
                page.eval_on_selector(SCROLL_TO[name], "el => el.scrollIntoView({block: 'center'})")
            page.screenshot(path=str(SHOTS / name), full_page=False)
        browser.close()


def test_screenshots(built_site):
    if os.environ.get("HOCTAP_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        _take_screenshots(built_site)
    for name in SCREENSHOTS:
        path = SHOTS / name
        assert path.is_file(), f"missing {path}; run with HOCTAP_UPDATE_SCREENSHOTS=1"
        data = path.read_bytes()
        assert _png_size(data) == (WIDTH, 640)
        assert len(data) < MAX_BYTES
    for md in GUIDE.glob("*.md"):
        for ref in re.findall(r"\]\((anh/[^)]+)\)", md.read_text(encoding="utf-8")):
            assert (GUIDE / ref).is_file(), f"{md.name}: {ref}"


@pytest.mark.parametrize("field, message, anchor", [
    ("trich_yue", "Trường không được hỗ trợ.", "truong-khong-ho-tro"),
    ("muc", "Mục '1. Mục đích' không nằm trong mục lớn nào.", "muc-van-ban"),
    ("thoi_ky", "Năm kết thúc (den_nam) trước năm bắt đầu (tu_nam).", "ngay-gio"),
    ("ten-tep", "Tên tệp 'a b.md' có dấu cách, chữ có dấu hoặc ký tự đặc biệt.", "ten-tep"),
    ("ma", "Mã sự kiện 'x' trùng với sự kiện trong events/a.yaml:4.", "trung-lap"),
    ("the_loai", "Thể loại 'x' không có trong danh sách: a, b.", "tham-chieu"),
    ("", "Lỗi cú pháp YAML: thiếu dấu ngoặc kép đóng", "loi-cu-phap-yaml"),
    ("", "Dòng được thụt lề bằng ký tự Tab.", "thut-le-bang-tab"),
    ("bat_dau", "'25:00': giờ không hợp lệ.", "ngay-gio"),
    ("hieu_luc", "Giá trị 'x' không hợp lệ; chọn một trong: a, b.", "gia-tri-khong-hop-le"),
    ("noi_nhan", "Phải là một danh sách (mỗi mục một dòng bắt đầu bằng dấu -).", "sai-kieu"),
    ("x", "Điều gì đó chưa biết.", "cac-loi-khac"),
])
def test_error_anchor(field, message, anchor):
    from hoctap.adapters.cli import error_anchor
    from hoctap.core.problems import ContentError

    assert error_anchor(ContentError("a.yaml", 1, field, message)) == anchor
