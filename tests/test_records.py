"""The programme's records (issue #13, points 2, 3, 6): the document library (van-ban), who does
what (phan-cong) and the honour roll (vinh-danh), checked on the built pages with an HTML parser
and against the plan texts themselves."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_hub

PLAN_TEXTS = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("content/*/ke-hoach/*.md")))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def main(page: BeautifulSoup):
    return page.select_one(".hoctap-records")


def resolve(site: Path, page_path: str, href: str) -> tuple[Path, str]:
    target, _, anchor = href.partition("#")
    return site / posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target)), anchor


def assert_link_reaches(site: Path, page_path: str, href: str) -> BeautifulSoup:
    file, anchor = resolve(site, page_path, href)
    assert file.is_file(), (page_path, href)
    target = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    if anchor:
        assert target.find(id=anchor) is not None, (page_path, href)
    return target


def facts(page: BeautifulSoup) -> dict[str, str]:
    dl = page.select_one("dl.hoctap-facts")
    return {dd["data-field"]: dd.get_text(" ", strip=True) for dd in dl.find_all("dd")}


# -- documents ---------------------------------------------------------------------------------

REAL_DOCUMENTS = {   # id: (number, date as the plan prints it, issuer as the plan prints it)
    "93-kh-ubnd-2023": ("93/KH-UBND", "23/02/2023", "UBND huyện"),
    "1520-qd-ttg-2022": ("1520/QĐ-TTg", "09/12/2022", "Thủ tướng Chính phủ"),
    "28-nq-hdnd-2020": ("28/NQ-HĐND", "15/12/2020", "Hội đồng nhân dân Huyện"),
    "347-qd-ubnd-hc-2012": ("347/QĐ-UBND.HC", "24/4/2012", "UBND tỉnh Đồng Tháp"),
    "2553-bgddt-gdtx-2013": ("2553/BGDĐT-GDTX", "18/4/2013", "Bộ Giáo dục và Đào tạo"),
}


def test_every_document_the_plans_cite_is_in_the_library(built_site):
    """Every number of the form 93/KH-UBND in the plan texts has a record, and every record of a
    real document states what the plan states: "số <number> ngày <date> của <issuer>"."""
    cited = set(re.findall(r"số (\d+/[A-ZĐ][A-Za-zĐđ.\-]*[A-Za-zĐđ])", PLAN_TEXTS))
    assert cited == {n for n, _, _ in REAL_DOCUMENTS.values()}
    page = soup(built_site, "van-ban/index.html")
    rows = {tr["data-document"]: tr for tr in page.select("tr[data-document]")}
    assert set(REAL_DOCUMENTS) | {"luat-ngan-sach-nha-nuoc"} <= set(rows)
    for doc_id, (number, day, issuer) in REAL_DOCUMENTS.items():
        assert f"số {number} ngày {day} của {issuer}" in _fold(PLAN_TEXTS), doc_id
        doc = soup(built_site, f"van-ban/{doc_id}.html")
        got = facts(doc)
        assert got["so"] == number
        d, m, y = (int(x) for x in day.split("/"))
        assert got["ngay"].endswith(f"{d:02d}/{m:02d}/{y}")
        assert got["co-quan"] == issuer
        assert got["toan-van"] == "Toàn văn chưa đăng"
        assert doc.select_one("[data-sample]") is None
    assert "Luật Ngân sách nhà nước" in PLAN_TEXTS


def test_what_a_plan_does_not_state_is_said_not_invented(built_site):
    law = facts(soup(built_site, "van-ban/luat-ngan-sach-nha-nuoc.html"))
    for field in ("so", "ngay", "co-quan", "trich-yeu"):
        assert law[field] == "Không ghi trong văn bản", field
    assert facts(soup(built_site, "van-ban/2553-bgddt-gdtx-2013.html"))["trich-yeu"] == "Không ghi trong văn bản"


def test_document_pages_link_back_to_every_citing_page(built_site):
    expected = {
        "93-kh-ubnd-2023": ["ke-hoach/hoc-tap-suot-doi-den-2030.html"],
        "1520-qd-ttg-2022": ["ke-hoach/hoc-tap-suot-doi-den-2030.html", "ke-hoach/hoc-tap-suot-doi-den-2030.html#I.1"],
        "luat-ngan-sach-nha-nuoc": ["ke-hoach/hoc-tap-suot-doi-den-2030.html#III.3"],
        "28-nq-hdnd-2020": ["ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html"],
        "347-qd-ubnd-hc-2012": ["ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html",
                                "ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html#III.1"],
        "2553-bgddt-gdtx-2013": ["ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html",
                                 "ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html#III.1"],
        "12-qd-ubnd-2025-xa-mau-a": ["vinh-danh/nam/2025.html#vinh-danh-2025-xa-mau-a"],
    }
    for doc_id, targets in expected.items():
        path = f"van-ban/{doc_id}.html"
        links = soup(built_site, path).select("ul.hoctap-backlinks a")
        got = []
        for a in links:
            assert_link_reaches(built_site, path, a["href"])
            file, anchor = resolve(built_site, path, a["href"])
            got.append(file.relative_to(built_site).as_posix() + (f"#{anchor}" if anchor else ""))
        assert got == targets, doc_id
    # The Quyết định 1520 has its own page in the hub (no full text): linked, not counted as citing.
    page = soup(built_site, "van-ban/1520-qd-ttg-2022.html")
    assert page.select_one("[data-field=trang] a")["href"] == "../ke-hoach/qd-1520-qd-ttg-2022.html"


def test_sample_document_is_marked(built_site):
    page = soup(built_site, "van-ban/12-qd-ubnd-2025-xa-mau-a.html")
    assert "Dữ liệu mẫu" in main(page).select_one("[data-sample]").get_text()
    row = soup(built_site, "van-ban/index.html").select_one('tr[data-document="12-qd-ubnd-2025-xa-mau-a"]')
    assert row.select_one("[data-sample]") is not None


def test_document_facets_are_static_pages(built_site):
    index = soup(built_site, "van-ban/index.html")
    facets = {a.get_text(" ", strip=True): a["href"] for a in index.select("nav.hoctap-facets a")}
    assert facets["Quyết định (3)"] == "loai/quyet-dinh.html"
    assert facets["2013 (1)"] == "nam/2013.html"
    assert facets["Không ghi trong văn bản (1)"] in ("nam/khong-ghi.html", "co-quan/khong-ghi.html")
    for text, href in facets.items():
        target = assert_link_reaches(built_site, "van-ban/index.html", href)
        count = int(re.search(r"\((\d+)\)$", text).group(1)) if text != "Tất cả" else 7
        assert len(target.select("tr[data-document]")) == count, text
    year = soup(built_site, "van-ban/nam/2013.html")
    assert [tr["data-document"] for tr in year.select("tr[data-document]")] == ["2553-bgddt-gdtx-2013"]
    assert year.select_one('nav.hoctap-facets a[aria-current="page"]').get_text(strip=True).startswith("2013")


def test_document_list_paginates(tmp_path):
    """35 more documents: the list and the type facet go on to a second page, linked both ways."""
    from hoctap.adapters.cli import load_project, load_project_hub

    project = copy_hub(tmp_path / "hub")
    folder = project / "events" / "vieng-lan" / "van-ban"
    for n in range(100, 135):
        (folder / f"{n}-tb-ubnd-2024.yaml").write_text(
            f"ma: {n}-tb-ubnd-2024\nloai: Thông báo\nso_ky_hieu: {n}/TB-UBND\nngay_ban_hanh: 2024-05-01\n", encoding="utf-8")
    hub = load_project_hub(load_project(str(project / "mkdocs.yml")))
    pages = {p.src_uri: p for p in hub.outputs().pages}
    first, second = pages["van-ban/index.md"], pages["van-ban/trang-2.md"]
    rows = lambda p: BeautifulSoup(p.html, "html.parser").select("tr[data-document]")
    assert len(rows(first)) == 30 and len(rows(second)) == 42 - 30
    assert BeautifulSoup(first.html, "html.parser").select_one("a[rel=next]")["href"] == "trang-2.html"
    assert BeautifulSoup(second.html, "html.parser").select_one("a[rel=prev]")["href"] == "index.html"
    assert "van-ban/loai/thong-bao-trang-2.md" in pages


# -- who does what -----------------------------------------------------------------------------

def test_every_quoted_assignment_is_in_its_plan_section(built_site):
    """The quotes on the body pages are word for word in the plan text (read here independently)."""
    index = soup(built_site, "phan-cong/index.html")
    bodies = [a["href"] for a in index.select("table.hoctap-body-table a")]
    assert len(bodies) == 22
    quotes = 0
    for href in bodies:
        page = soup(built_site, f"phan-cong/{href}")
        for li in page.select("ul.hoctap-body-tasks > li"):
            link = li.find("a")
            target = assert_link_reaches(built_site, f"phan-cong/{href}", link["href"])
            assert target.select_one("h1").get_text(strip=True)
            quote = li.find("blockquote")
            if quote is not None:
                quotes += 1
                assert _fold(quote.get_text()) in _fold(PLAN_TEXTS), quote.get_text()
    assert quotes >= 25


def test_names_of_bodies_are_the_plans_own_words(built_site):
    names = [a.get_text(strip=True) for a in soup(built_site, "phan-cong/index.html").select("table.hoctap-body-table a")]
    for name in names:
        words = name.removeprefix("Các ").removesuffix(" Huyện")
        assert words.lower() in PLAN_TEXTS.lower(), name


def test_plan_assignment_table_lists_leads_and_partners(built_site):
    path = "phan-cong/ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html"
    page = soup(built_site, path)
    heads = [th.get_text(strip=True) for th in page.select("thead th")]
    assert heads == ["Mục", "Chủ trì", "Phối hợp", "Thực hiện"]
    rows = {tr.th.get_text(" ", strip=True).split(".")[0] + "." + tr.th.get_text(" ", strip=True).split(".")[1]:
            [[a.get_text(strip=True) for a in td.find_all("a")] for td in tr.find_all("td")]
            for tr in page.select("tbody tr")}
    assert rows["III.1"] == [["Phòng Văn hóa và Thông tin"], ["Phòng Giáo dục và Đào tạo"], []]
    assert rows["III.5"][0] == ["Phòng Nông Nghiệp và Phát triển nông thôn", "Trung tâm Dịch vụ nông nghiệp"]
    assert "Uỷ ban nhân dân xã, thị trấn" in rows["III.5"][1]
    for tr in page.select("tbody tr"):
        assert_link_reaches(built_site, path, tr.th.a["href"])


def test_body_page_lists_tasks_and_activities(built_site):
    page = soup(built_site, "phan-cong/hoi-khuyen-hoc-vieng-lan.html")
    task = page.select_one("ul.hoctap-body-tasks a")
    assert task["href"] == "../ke-hoach/hoc-tap-suot-doi-den-2030.html#III.2"
    activities = [a["href"] for a in page.select("ul.hoctap-body-activities a")]
    assert set(activities) == {"../lich/su-kien/tuan-le-hoc-tap-suot-doi.html", "../lich/su-kien/ngay-khuyen-hoc-viet-nam.html",
                               "../lich/su-kien/hoi-thi-tim-hieu-hoc-tap-suot-doi-2026.html"}
    # A commune of the district names the district plan's body (a unit above it).
    district = soup(built_site, "phan-cong/ubnd-xa-thi-tran-huyen.html")
    assert [a["href"] for a in district.select("ul.hoctap-body-activities a")] == ["../lich/su-kien/xa-mau-a-ngay-sach.html"]


def test_clubs_name_their_bodies_and_a_body_of_another_unit_is_refused(tmp_path):
    from hoctap.adapters.cli import load_project, load_project_hub
    from hoctap.core.problems import ContentErrors

    project = copy_hub(tmp_path / "hub")
    club = project / "events" / "vieng-lan" / "cau-lac-bo" / "doc-sach-trung-tam.yaml"
    club.write_text(club.read_text(encoding="utf-8") + "co_quan: [bo-phan-van-hoa-xa-hoi-vieng-lan]\n", encoding="utf-8")
    hub = load_project_hub(load_project(str(project / "mkdocs.yml")))
    page = next(p for p in hub.outputs().pages if p.src_uri == "phan-cong/bo-phan-van-hoa-xa-hoi-vieng-lan.md")
    links = [a["href"] for a in BeautifulSoup(page.html, "html.parser").select("ul.hoctap-body-activities a")]
    assert links == ["../cau-lac-bo/doc-sach-trung-tam.html"]
    # Viêng Lán is not under the district: the district's bodies are not Viêng Lán's.
    club.write_text(club.read_text(encoding="utf-8").replace("bo-phan-van-hoa-xa-hoi-vieng-lan", "mttq-huyen"),
                    encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_project_hub(load_project(str(project / "mkdocs.yml")))
    lines = [p.format() for p in caught.value.problems]
    assert any("co_quan: Không có cơ quan mã 'mttq-huyen' trong danh sách phân công của đơn vị 'vieng-lan' "
               "hoặc đơn vị cấp trên" in line for line in lines), lines


# -- honour roll -------------------------------------------------------------------------------

def test_honour_roll_pages_by_year_and_kind(built_site):
    index = soup(built_site, "vinh-danh/index.html")
    assert index.select_one("[data-sample]") is not None
    table = {tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
             for tr in index.select("tbody tr")}
    assert table["2025"][-1] == "7 (mẫu: 7)" and table["2024"][-1] == "2 (mẫu: 2)"
    year = soup(built_site, "vinh-danh/nam/2025.html")
    rows = year.select("tbody tr")
    assert len(rows) == 7 and all(tr.get("data-sample") == "true" for tr in rows)
    assert "Dữ liệu mẫu" in year.select_one("p.hoctap-sample").get_text()
    names = [tr.find_all("td")[1].get_text(" ", strip=True) for tr in rows]
    assert "(không công bố tên) Dữ liệu mẫu" in names
    for name in names:
        assert "(mẫu)" in name or name.startswith("(không công bố tên)"), name
    decision = rows[0].find_all("td")[-1]
    assert decision.a["href"] == "../../van-ban/12-qd-ubnd-2025-xa-mau-a.html"
    assert decision.get_text(" ", strip=True) == "Số 12/QĐ-UBND ngày 20/12/2025 của UBND Xã mẫu A"
    kind = soup(built_site, "vinh-danh/loai/cong-dan-hoc-tap.html")
    assert [tr.find_all("td")[4].get_text(strip=True) for tr in kind.select("tbody tr")] == ["2025", "2025"]
    kinds = [a.get_text(strip=True) for a in index.select("thead a")]
    assert kinds == ["Gia đình học tập", "Dòng họ học tập", "Cộng đồng học tập", "Đơn vị học tập", "Công dân học tập"]


def test_withheld_name_is_never_published(built_site):
    """The withheld learner's row says so; nothing else of that entry names a person."""
    row = next(tr for tr in soup(built_site, "vinh-danh/nam/2025.html").select("tbody tr")
               if tr.select_one("[data-withheld]"))
    assert row.select_one("[data-withheld]").get_text(strip=True) == "(không công bố tên)"


def test_report_shows_honour_counts(built_site):
    hub_report = soup(built_site, "bao-cao/2025.html").select_one("[data-field=honours]")
    assert hub_report.get_text(" ", strip=True).startswith("7 lượt vinh danh (trong đó 7 là dữ liệu mẫu)")
    assert hub_report.a["href"] == "../vinh-danh/nam/2025.html"
    unit = soup(built_site, "don-vi/xa-mau-b/bao-cao/2025.html").select_one("[data-field=honours]")
    assert unit.get_text(" ", strip=True).startswith("3 lượt vinh danh")
    assert soup(built_site, "don-vi/vieng-lan/bao-cao/2025.html").select_one("[data-field=honours]") is None


def test_honour_counts_function_for_reports(tmp_path):
    from hoctap.adapters.cli import load_project, load_project_hub
    from hoctap.kinds.honours import honour_counts

    hub = load_project_hub(load_project(str(ROOT / "mkdocs.yml")))
    assert honour_counts(hub, 2025) == {"theo_loai": {"Gia đình học tập": 2, "Dòng họ học tập": 1, "Cộng đồng học tập": 1,
                                                      "Đơn vị học tập": 1, "Công dân học tập": 2}, "tong": 7, "mau": 7}
    assert honour_counts(hub, 2025, {"xa-mau-b"})["tong"] == 3
    assert honour_counts(hub, 2030)["tong"] == 0


def test_a_sample_unit_holds_only_sample_honours(tmp_path):
    from hoctap.adapters.cli import load_project, load_project_hub
    from hoctap.core.problems import ContentErrors

    project = copy_hub(tmp_path / "hub")
    folder = project / "events" / "xa-mau-c" / "vinh-danh"
    folder.mkdir(parents=True)
    (folder / "vinh-danh-2025-xa-mau-c.yaml").write_text(
        "ma: vinh-danh-2025-xa-mau-c\nnam: 2025\n"
        "quyet_dinh: { so_ky_hieu: 3/QĐ-UBND, ngay: 2025-12-01, co_quan: UBND Xã mẫu C }\n"
        "danh_sach:\n  - { loai: cong_dong_hoc_tap, ten: Ấp mẫu C1 (mẫu) }\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_project_hub(load_project(str(project / "mkdocs.yml")))
    lines = [p.format() for p in caught.value.problems]
    assert any("mau: Đơn vị 'xa-mau-c' là đơn vị mẫu nên danh sách vinh danh cũng là dữ liệu mẫu." in line
               for line in lines), lines
