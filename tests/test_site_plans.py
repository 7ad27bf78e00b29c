"""The built sample site, checked with BeautifulSoup against the sources read independently."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PLANS_DIR = ROOT / "content"   # the plans are in the units' folders: content/<unit>/ke-hoach/
MKDOCS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
NAV = ["Trang chủ", "Kế hoạch", "Lịch hoạt động", "Câu lạc bộ & lớp học", "Tin tức", "Giới thiệu"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(el) -> str:
    """Visible text, without the ¶ permalinks of headings."""
    parts = [s for s in el.find_all(string=True) if not (s.parent.name == "a" and "headerlink" in (s.parent.get("class") or []))]
    return " ".join(" ".join(p.strip() for p in parts if p.strip()).split())


def read_source(path: Path) -> tuple[dict, str]:
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    return yaml.safe_load(front), body


def plan_sources() -> list[Path]:
    return sorted(p for p in PLANS_DIR.glob("*/ke-hoach/*.md") if p.name != "index.md")


def expected_anchors(body: str) -> list[str]:
    """Section ids computed from the Markdown headings, independently of hoctap.kinds.plans.model."""
    anchors, parents = [], {}
    for line in body.split("\n"):
        m = re.match(r"^(#{2,4}) +([IVXL]+\.|\d+\.|[a-zđ]\)) ", line)
        if not m:
            continue
        level, num = len(m[1]), m[2].rstrip(".)")
        anchor = num if level == 2 else f"{parents[level - 1]}.{num}"
        parents[level] = anchor
        anchors.append(anchor)
    return anchors


def plan_page(site: Path, source: Path) -> BeautifulSoup:
    return soup(site / "ke-hoach" / (source.stem + ".html"))


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, BeautifulSoup]:
    return {p.relative_to(built_site).as_posix(): soup(p) for p in sorted(built_site.rglob("*.html"))}


# -- plan pages --------------------------------------------------------------------------------

@pytest.mark.parametrize("source", plan_sources(), ids=lambda p: p.stem)
def test_plan_header_fields(built_site, source):
    meta, _ = read_source(source)
    page = plan_page(built_site, source)
    header = page.select_one(".hoctap-doc-header")
    info = page.select_one("dl.hoctap-doc-meta__list")
    assert header is not None and info is not None

    number = info.select_one('dd[data-field="so_ky_hieu"]')
    head_number = header.select_one('[data-field="so_ky_hieu"]')
    if meta.get("so_ky_hieu"):
        assert text(number) == meta["so_ky_hieu"] == text(head_number)
    else:
        assert text(number).startswith("Không ghi") and number.select_one(".hoctap-absent")
        assert "hoctap-absent" in head_number["class"] and "không ghi" in text(head_number)

    assert text(info.select_one('dd[data-field="co_quan_ban_hanh"]')) == meta["co_quan_ban_hanh"]
    assert text(header.select_one(".hoctap-doc-header__body")) == meta["co_quan_ban_hanh"].upper()
    assert text(page.select_one('[data-field="trich_yeu"]')) == meta["trich_yeu"]
    assert text(page.select_one(".hoctap-doc-kind")) == meta.get("loai_van_ban", "Kế hoạch").upper()

    issued = meta.get("ngay_ban_hanh")
    when = header.select_one('[data-field="ngay_ban_hanh"]')
    if issued:
        assert when.name == "time" and when["datetime"] == issued.isoformat()
        assert text(when) == f"ngày {issued:%d} tháng {issued:%m} năm {issued.year}"
    else:
        assert "hoctap-absent" in when["class"]

    period = meta.get("thoi_ky") or {}
    shown = text(info.select_one('dd[data-field="thoi_ky"]'))
    if period.get("tu_nam") and period.get("den_nam"):
        assert shown == f"{period['tu_nam']}–{period['den_nam']}"
    elif period.get("den_nam"):
        assert shown == f"đến năm {period['den_nam']}"

    bases = meta.get("can_cu") or []
    items = info.select('dd[data-field="can_cu"] li')
    assert len(items) == len(bases)
    for item, doc in zip(items, bases):
        assert text(item).startswith(doc["loai"])
        assert doc["so_ky_hieu"] in text(item)
        if doc.get("ngay"):
            assert f"{doc['ngay']:%d/%m/%Y}" in text(item)
    related = meta.get("van_ban_lien_quan") or []
    assert len(info.select('dd[data-field="van_ban_lien_quan"] li')) == len(related)


@pytest.mark.parametrize("source", [p for p in plan_sources() if read_source(p)[0].get("nguoi_ky")],
                         ids=lambda p: p.stem)
def test_plan_signature_and_recipients(built_site, source):
    meta, _ = read_source(source)
    page = plan_page(built_site, source)
    sig = meta["nguoi_ky"]
    block = page.select_one(".hoctap-doc-footer__signature")
    lines = [text(p) for p in block.find_all("p")]
    expected = []
    if sig.get("thay_mat"):
        expected.append(f"TM. {sig['thay_mat']}")
    if sig.get("ky_thay"):
        expected.append(f"KT. {sig['ky_thay']}")
    expected += [sig["chuc_vu"], sig["ho_ten"]]
    assert lines == expected
    # The recipients list, complete and in order.
    assert [text(li) for li in page.select('ul[data-field="noi_nhan"] > li')] == meta["noi_nhan"]
    # The metadata summary names the signer too.
    assert sig["ho_ten"] in text(page.select_one('dl dd[data-field="nguoi_ky"]'))


def test_plan_one_signature_is_tm_kt_pho_chu_tich(built_site):
    page = soup(built_site / "ke-hoach" / "hoc-tap-suot-doi-den-2030.html")
    lines = [text(p) for p in page.select(".hoctap-doc-footer__signature p")]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hà Văn Đức"]


@pytest.mark.parametrize("source", plan_sources(), ids=lambda p: p.stem)
def test_every_section_has_its_stable_id(built_site, source):
    meta, body = read_source(source)
    page = plan_page(built_site, source)
    article = page.select_one("article")
    ids = [h["id"] for h in article.find_all(["h2", "h3", "h4"]) if h.get("id")]
    expected = expected_anchors(body) if meta.get("toan_van", True) else []
    assert ids == expected
    for anchor in expected:
        heading = article.find(id=anchor)
        assert heading.select_one(f'a.headerlink[href="#{anchor}"]') is not None


def test_known_anchors_of_the_sample_plans(built_site):
    page = soup(built_site / "ke-hoach" / "hoc-tap-suot-doi-den-2030.html")
    assert text(page.find(id="II.1")).startswith("1. Tuyên truyền, phổ biến")
    assert text(page.find(id="III.4")).startswith("4. Công đoàn cơ quan")
    other = soup(built_site / "ke-hoach" / "nang-cao-chat-luong-tt-vh-htcd-2021-2025.html")
    assert text(other.find(id="III.9")).startswith("9. Uỷ ban nhân dân xã, thị trấn")


@pytest.mark.parametrize("source", plan_sources(), ids=lambda p: p.stem)
def test_plan_page_title(built_site, source):
    meta, _ = read_source(source)
    page = plan_page(built_site, source)
    h1 = page.select("article h1")
    assert len(h1) == 1
    title = meta.get("ten_ngan") or (f"{meta['loai_van_ban']} số {meta['so_ky_hieu']}" if meta.get("so_ky_hieu")
                                     else f"{meta['loai_van_ban']} {meta['trich_yeu']}")
    assert text(h1[0]) == title
    assert page.title.string.startswith(title + " - ")


def test_plan_one_links_to_qd_1520(built_site):
    page = soup(built_site / "ke-hoach" / "hoc-tap-suot-doi-den-2030.html")
    links = page.select('dd[data-field="van_ban_lien_quan"] a')
    assert [a["href"] for a in links] == ["qd-1520-qd-ttg-2022.html"]
    assert "1520/QĐ-TTg" in text(links[0])
    target = soup(built_site / "ke-hoach" / "qd-1520-qd-ttg-2022.html")
    assert text(target.select_one('dd[data-field="so_ky_hieu"]')) == "1520/QĐ-TTg"
    # Legal basis 93/KH-UBND is not in the hub: shown as text, not linked.
    assert page.select('dd[data-field="can_cu"] a') == []


# -- the index -----------------------------------------------------------------------------------

def test_index_table_one_row_per_document_newest_first(built_site):
    index = built_site / "ke-hoach" / "index.html"
    page = soup(index)
    rows = page.select("table.hoctap-plan-table tbody tr")
    sources = {p.stem: read_source(p)[0] for p in plan_sources()}
    assert sorted(r["data-plan"] for r in rows) == sorted(m["ma"] for m in sources.values())
    by_id = {m["ma"]: m for m in sources.values()}
    for row in rows:
        meta = by_id[row["data-plan"]]
        cells = [text(td) for td in row.find_all("td")]
        assert cells[0] == (meta.get("so_ky_hieu") or "Không ghi")
        assert cells[1] == (f"{meta['ngay_ban_hanh']:%d/%m/%Y}" if meta.get("ngay_ban_hanh") else "Không ghi")
        assert cells[2] == meta["co_quan_ban_hanh"]
        assert meta["trich_yeu"] in cells[3]
        href = row.find("a")["href"]
        assert (index.parent / href).is_file()
        assert soup(index.parent / href).select_one('[data-field="trich_yeu"]').get_text(strip=True) == meta["trich_yeu"]
    # Newest first: a text without a date is at least as new as the newest text it cites.

    def known(meta) -> date:
        if meta.get("ngay_ban_hanh"):
            return meta["ngay_ban_hanh"]
        cited = [d["ngay"] for d in (meta.get("can_cu") or []) + (meta.get("van_ban_lien_quan") or [])
                 if d.get("ngay")]
        return max(cited, default=date.min)
    dates = [known(by_id[r["data-plan"]]) for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert [r["data-plan"] for r in rows][0] == "hoc-tap-suot-doi-den-2030"


# -- whole site --------------------------------------------------------------------------------

def _external(url: str, site_host: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("", "data") and not parsed.netloc:
        return False
    return parsed.netloc != site_host


def test_no_external_urls_in_fetched_resources(pages):
    site_host = urlparse(MKDOCS["site_url"]).netloc
    assert len(pages) >= 8
    bad = []
    for name, page in pages.items():
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                          ("object", "data")):
            for el in page.find_all(tag):
                url = el.get(attr)
                if url and _external(url, site_host):
                    bad.append((name, tag, url))
        for el in page.find_all(["img", "source"], srcset=True):
            for part in el["srcset"].split(","):
                if _external(part.strip().split(" ")[0], site_host):
                    bad.append((name, "srcset", part))
    assert bad == []


def test_no_external_urls_in_stylesheets(built_site):
    for css in built_site.rglob("*.css"):
        content = css.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", content):
            assert not re.match(r"^(https?:)?//", url), (css, url)
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", content), css


def test_local_links_and_resources_exist(built_site, pages):
    missing = []
    for name, page in pages.items():
        if name == "404.html":  # Material serves it from any depth with root-relative URLs
            continue
        here = (built_site / name).parent
        for el in page.find_all(["a", "link", "script", "img"]):
            url = el.get("href") or el.get("src")
            if not url or urlparse(url).scheme or url.startswith(("#", "//")):
                continue
            path = unquote(urlparse(url).path)
            if path and not (here / path).exists():
                missing.append((name, url))
    assert missing == []


def test_every_page_is_vietnamese_with_six_item_nav(pages):
    for name, page in pages.items():
        assert page.html["lang"] == "vi", name
        tabs = [text(a) for a in page.select("nav.md-tabs .md-tabs__item > a")]
        if name != "404.html":
            assert tabs == NAV, name
    home = pages["index.html"]
    primary = home.select("nav.md-nav--primary > ul.md-nav__list > li.md-nav__item")
    assert [text(li.find(["a", "label"])) for li in primary] == NAV


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("84") else digits


def test_footer_and_contact_show_configured_identity(one_unit_site, one_unit_project):
    """A hub of one unit shows its unit's identity in the footer and on the contact page (the
    shipped hub's footer lists its units instead: test_units.py)."""
    pages = {name: soup(one_unit_site / name) for name in
             ("index.html", "ke-hoach/hoc-tap-suot-doi-den-2030.html", "gioi-thieu.html")}
    config = yaml.safe_load((one_unit_project / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["hoctap"] for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    unit = plugin["don_vi"]
    for name in ("index.html", "ke-hoach/hoc-tap-suot-doi-den-2030.html", "gioi-thieu.html"):
        footer = pages[name].select_one("footer .hoctap-footer")
        assert footer is not None, name
        assert unit["trung_tam"] in text(footer)
        assert unit["dia_chi"] in text(footer)
        assert unit["tinh"] in text(footer)
        tel = footer.select_one('a[href^="tel:"]')
        assert _digits(tel["href"]) == _digits(unit["dien_thoai"]) == _digits(text(tel))
        mail = footer.select_one('a[href^="mailto:"]')
        assert mail["href"] == "mailto:" + unit["email"] and text(mail) == unit["email"]
    contact = pages["gioi-thieu.html"].select_one(".hoctap-contact")
    assert text(contact.select_one('[data-field="dia_chi"]')) == unit["dia_chi"]
    tel = contact.select_one('[data-field="dien_thoai"] a')
    assert tel["href"].startswith("tel:") and _digits(tel["href"]) == _digits(unit["dien_thoai"])
    assert text(tel) == unit["dien_thoai"]
    assert text(contact.select_one('[data-field="email"] a')) == unit["email"]
    assert unit["huyen"] in text(contact) and unit["tinh"] in text(contact)
