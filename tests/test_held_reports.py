"""Held versus scheduled (issue #15): a fixture project with a fixed set of events, held records,
monthly club records and milestones, whose every report figure was computed by hand.

Build day: Tuesday 21/04/2026 (conftest.BUILD_EPOCH). The hand count, for 2026:

  f-hoi-thi      10/02  hội thi      trung-tam  record, 50 people        held
  f-trien-lam    05/03  triển lãm    (default)  no record                unreported
  f-chieu-phim   first Saturday, 03/01 … 06/06, to_chuc khac:
                 03/01 record 80 → held; 07/02 unreported; 07/03 record (no count) → held;
                 04/04 unreported; 02/05 and 06/06 upcoming
  f-ngay-sach    21/04  commemorative day, no record of its own: a date, not an activity
  f-doc-sach     20/04  đọc sách     trung-tam  marks f-ngay-sach, record 30 → held
  f-the-thao     01/06  thể thao     trung-tam  upcoming
  f-huy          20/03  cancelled
  f-le-hoi       17/02  lễ hội       khac       no record                unreported
  f-ngay-gd      28/03  commemorative day with its own record, 20 people → held (trung-tam)

  held 5 (E1, two screenings, E5, E9), unreported 4, upcoming 3, scheduled 12, cancelled 1,
  participants 50 + 80 + 30 + 20 = 180, one held activity without a count (07/03);
  commemorative days 2, both marked (28/03 by its record, 21/04 by f-doc-sach).
  Club f-clb, Sundays 04/01 … 26/04: 4 + 4 + 5 + 4 = 17 scheduled; records January 4 × 20 and
  February 3 × 15: 7 held, 125 attendances; March is over without a record: 1 month unreported.
  Target f-trung-tam (≥ 3, to_chuc trung-tam, any category): E1, E2, E5, E6, E9 scheduled = 5,
  held 3 (E1, E5, E9), unreported 1 (E2): Đạt. Target f-chieu-phim (≥ 6, chiếu phim, anyone):
  6 scheduled, 2 held, 2 unreported: "Còn thiếu 4" (the year is not over).
  Milestones: so-ket due 31/12/2025 without a document → overdue (2025 page); han-quy due
  31/03/2026 without a document → overdue; bao-cao 15/12/2026 with its document → documented.
  2025 has no activity: both targets "Không đạt" (the year is over).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import copy_project, mkdocs_build

EVENTS = """\
su_kien:
  - ma: f-hoi-thi
    tieu_de: Hội thi mẫu
    bat_dau: "2026-02-10 08:00"
    the_loai: hoi-thi
    to_chuc: trung-tam
    dia_diem: { ten: Hội trường }
    da_to_chuc: { ngay: 2026-02-10, nguoi_tham_gia: 50 }
    ke_hoach: hoc-tap-suot-doi-den-2030#II.1
  - ma: f-trien-lam
    tieu_de: Triển lãm mẫu
    bat_dau: 2026-03-05
    the_loai: trien-lam
    dia_diem: { ten: Nhà văn hóa }
  - ma: f-chieu-phim
    tieu_de: Chiếu phim mẫu
    bat_dau: "2026-01-03 19:30"
    lap_lai: { kieu: hang_thang, thu: [T7], tuan_thu: 1, den_ngay: 2026-06-30 }
    the_loai: chieu-phim
    to_chuc: khac
    dia_diem: { ten: Sân }
    da_to_chuc:
      - { ngay: 2026-01-03, nguoi_tham_gia: 80 }
      - { ngay: 2026-03-07 }
  - ma: f-ngay-sach
    tieu_de: Ngày sách mẫu
    bat_dau: 2026-04-21
    lap_lai: { kieu: hang_nam }
    the_loai: ngay-ky-niem
    dia_diem: { ten: Tủ sách }
  - ma: f-doc-sach
    tieu_de: Ngày hội đọc sách mẫu
    bat_dau: "2026-04-20 08:00"
    the_loai: doc-sach
    to_chuc: trung-tam
    ngay_ky_niem: f-ngay-sach
    dia_diem: { ten: Nhà văn hóa }
    da_to_chuc: { ngay: 2026-04-20, nguoi_tham_gia: 30, bai_viet: f-bai }
  - ma: f-the-thao
    tieu_de: Ngày hội thể thao mẫu
    bat_dau: 2026-06-01
    the_loai: the-thao
    dia_diem: { ten: Sân vận động }
  - ma: f-huy
    tieu_de: Hội thi bị hủy
    bat_dau: 2026-03-20
    the_loai: hoi-thi
    trang_thai: huy
    dia_diem: { ten: Hội trường }
  - ma: f-le-hoi
    tieu_de: Lễ hội mẫu
    bat_dau: 2026-02-17
    the_loai: le-hoi
    to_chuc: khac
    dia_diem: { ten: Các bản }
  - ma: f-ngay-gd
    tieu_de: Ngày gia đình mẫu
    bat_dau: 2026-03-28
    the_loai: ngay-ky-niem
    dia_diem: { ten: Nhà văn hóa }
    da_to_chuc: { ngay: 2026-03-28, nguoi_tham_gia: 20 }
"""

CLUB = """\
ma: f-clb
ten: Câu lạc bộ mẫu
loai: cau_lac_bo
chu_de: Văn nghệ
lich:
  - thu: [CN]
    gio_bat_dau: "08:00"
    gio_ket_thuc: "10:00"
    den_ngay: 2026-04-30
dia_diem: Nhà văn hóa
nguoi_phu_trach: { ho_ten: Người phụ trách, dien_thoai: "0912 000 099" }
thanh_lap: 2026-01-01
buoi_sinh_hoat:
  - { thang: 2026-01, so_buoi: 4, binh_quan: 20 }
  - { thang: 2026-02, so_buoi: 3, binh_quan: 15 }
"""

ARTICLE = """\
---
tieu_de: "Bài mẫu về ngày hội đọc sách"
ngay: "2026-04-20 18:00"
tac_gia: Cán bộ mẫu
chuyen_muc: [van-hoa-doc]
tom_tat: Bài mẫu.
anh_bia: assets/news/ngay-sach-2026.png
---

Bài mẫu.
"""


def make_fixture(dest: Path) -> Path:
    project = copy_project(dest)
    events = project / "events"
    shutil.rmtree(events)
    (events / "cau-lac-bo").mkdir(parents=True)
    (events / "hoat-dong.yaml").write_text(EVENTS, encoding="utf-8")
    (events / "cau-lac-bo" / "f-clb.yaml").write_text(CLUB, encoding="utf-8")
    news = project / "content" / "tin-tuc"
    for year in [p for p in news.iterdir() if p.is_dir()]:
        shutil.rmtree(year)
    (news / "2026").mkdir()
    (news / "2026" / "f-bai.md").write_text(ARTICLE, encoding="utf-8")
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    options = next(p["hoctap"] for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    options["chi_tieu"] = [
        {"ma": "f-trung-tam", "ten": "Hoạt động do Trung tâm tổ chức", "toi_thieu": 3,
         "to_chuc": ["trung-tam"], "ke_hoach": "nang-cao-chat-luong-tt-vh-htcd-2021-2025#III.9"},
        {"ma": "f-chieu-phim", "ten": "Buổi chiếu phim", "toi_thieu": 6, "the_loai": ["chieu-phim"]},
    ]
    options["don_vi"]["moc"] = [
        {"ma": "so-ket", "ten": "Sơ kết mẫu", "ke_hoach": "hoc-tap-suot-doi-den-2030#III.1", "han": "2025-12-31"},
        {"ma": "han-quy", "ten": "Báo cáo quý mẫu", "ke_hoach": "hoc-tap-suot-doi-den-2030#III.1",
         "han": "2026-03-31"},
        {"ma": "bao-cao", "ten": "Báo cáo năm mẫu", "ke_hoach": "hoc-tap-suot-doi-den-2030#III.1",
         "hang_nam": {"tu_nam": 2026, "den_nam": 2026, "ngay": "15/12"},
         "van_ban": {2026: "qd-1520-qd-ttg-2022"}},
    ]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_fixture(tmp_path_factory.mktemp("held") / "project")
    out = tmp_path_factory.mktemp("held-site")
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _dd(page, field: str) -> str:
    return page.select_one(f'dd[data-field="{field}"]').get_text(" ", strip=True)


def test_json_figures_2026(site):
    data = json.loads((site / "bao-cao/thong-ke.json").read_text(encoding="utf-8"))
    assert [y["nam"] for y in data["nam"]] == [2026, 2025]
    y = data["nam"][0]
    assert (y["hoat_dong_theo_lich"], y["hoat_dong_da_to_chuc"], y["hoat_dong_chua_bao_cao"],
            y["hoat_dong_sap_toi"], y["hoat_dong_bi_huy"]) == (12, 5, 4, 3, 1)
    assert (y["ngay_ky_niem"], y["ngay_ky_niem_co_hoat_dong"]) == (2, 2)
    assert (y["buoi_sinh_hoat_theo_lich"], y["buoi_sinh_hoat_da_ghi"], y["luot_tham_gia_sinh_hoat"],
            y["thang_sinh_hoat_chua_bao_cao"]) == (17, 7, 125, 1)
    assert (y["nguoi_tham_gia"], y["hoat_dong_chua_ghi_so_nguoi"]) == (180, 1)
    assert y["theo_the_loai"] == {"Chiếu phim": 2, "Hội thi": 1, "Ngày kỷ niệm": 1, "Đọc sách": 1}
    assert y["theo_don_vi_to_chuc"] == {"Cơ quan, đoàn thể khác": 2, "Trung tâm": 3}
    assert y["theo_muc_ke_hoach"] == {"Kế hoạch học tập suốt đời đến năm 2030, mục II.1": 1}
    assert y["theo_ban"] == {"Toàn xã": 5}
    targets = {t["ma"]: t for t in y["chi_tieu"]}
    assert targets["f-trung-tam"] == {"ma": "f-trung-tam", "ten": "Hoạt động do Trung tâm tổ chức", "toi_thieu": 3,
                                      "to_chuc": ["trung-tam"], "da_to_chuc": 3, "chua_bao_cao": 1,
                                      "theo_lich": 5, "dat": True}
    assert (targets["f-chieu-phim"]["da_to_chuc"], targets["f-chieu-phim"]["chua_bao_cao"],
            targets["f-chieu-phim"]["theo_lich"], targets["f-chieu-phim"]["dat"]) == (2, 2, 6, False)
    assert [(m["ma"], m["han"], m["tinh_trang"], m["van_ban"]) for m in y["moc"]] == [
        ("han-quy", "2026-03-31", "Quá hạn, chưa có văn bản", None),
        ("bao-cao", "2026-12-15", "Đã có văn bản", "qd-1520-qd-ttg-2022")]


def test_json_figures_2025(site):
    data = json.loads((site / "bao-cao/thong-ke.json").read_text(encoding="utf-8"))
    y = data["nam"][1]
    assert y["da_tron_nam"] is True
    assert (y["hoat_dong_theo_lich"], y["hoat_dong_da_to_chuc"], y["hoat_dong_chua_bao_cao"]) == (0, 0, 0)
    assert [(t["ma"], t["da_to_chuc"], t["dat"]) for t in y["chi_tieu"]] == [("f-trung-tam", 0, False),
                                                                            ("f-chieu-phim", 0, False)]
    assert [(m["ma"], m["tinh_trang"]) for m in y["moc"]] == [("so-ket", "Quá hạn, chưa có văn bản")]


def test_report_page_2026(site):
    page = _page(site, "bao-cao/2026.html")
    assert _dd(page, "scheduled") == "12"
    assert _dd(page, "held") == "5"
    assert _dd(page, "unreported") == "4"
    assert _dd(page, "upcoming") == "3"
    assert _dd(page, "cancelled") == "1"
    assert _dd(page, "days") == "2 (2 ngày có hoạt động của Trung tâm)"
    assert _dd(page, "routine-scheduled") == "17"
    assert _dd(page, "routine-held") == "7 (1 tháng chưa có báo cáo)"
    assert _dd(page, "routine-attendance") == "125"
    assert _dd(page, "participants") == "180 (1 hoạt động chưa ghi số người)"
    rows = {tr["data-target"]: tr for tr in page.select("tr[data-target]")}
    cells = lambda tr: [tr.select_one(f'[data-field="{f}"]').get_text(strip=True)
                        for f in ("done", "unreported", "scheduled", "status")]
    assert cells(rows["f-trung-tam"]) == ["3", "1", "5", "Đạt"]
    assert cells(rows["f-chieu-phim"]) == ["2", "2", "6", "Còn thiếu 4"]
    states = [tr["data-state"] for tr in page.select("tr[data-state]")]
    assert (states.count("held"), states.count("unreported"), states.count("upcoming")) == (5, 4, 3)
    milestones = {tr["data-milestone"]: tr.select_one('[data-field="state"]').get_text(strip=True)
                  for tr in page.select("tr[data-milestone]")}
    assert milestones == {"moc-vieng-lan-han-quy-2026": "Quá hạn, chưa có văn bản",
                          "moc-vieng-lan-bao-cao-2026": "Đã có văn bản"}


def test_report_page_2025_and_index(site):
    page = _page(site, "bao-cao/2025.html")
    status = [tr.select_one('[data-field="status"]').get_text(strip=True) for tr in page.select("tr[data-target]")]
    assert status == ["Không đạt", "Không đạt"]
    assert _dd(page, "held") == "0"
    index = _page(site, "bao-cao/index.html")
    row = index.select_one('tr[data-year="2026"]')
    values = [row.select_one(f'[data-field="{f}"]').get_text(strip=True)
              for f in ("scheduled", "held", "unreported", "cancelled", "routine-held", "participants", "targets")]
    assert values == ["12", "5", "4", "1", "7", "180", "1/2"]


def test_csv_lists_the_split(site):
    raw = (site / "bao-cao/2026.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 12
    by = {(r["hoat_dong"], r["ngay"]): r for r in rows}
    assert by[("Hội thi mẫu", "2026-02-10")]["tinh_trang"] == "Đã tổ chức"
    assert by[("Hội thi mẫu", "2026-02-10")]["so_nguoi_tham_gia"] == "50"
    assert by[("Hội thi mẫu", "2026-02-10")]["to_chuc"] == "Trung tâm"
    assert by[("Triển lãm mẫu", "2026-03-05")]["tinh_trang"] == "Chưa có báo cáo"
    assert by[("Chiếu phim mẫu", "2026-03-07")]["tinh_trang"] == "Đã tổ chức"
    assert by[("Chiếu phim mẫu", "2026-03-07")]["so_nguoi_tham_gia"] == ""
    assert by[("Chiếu phim mẫu", "2026-05-02")]["tinh_trang"] == "Sắp diễn ra"
    assert by[("Ngày gia đình mẫu", "2026-03-28")]["ngay_to_chuc"] == "2026-03-28"
    assert ("Ngày sách mẫu", "2026-04-21") not in by            # a date to mark, not an activity
    assert ("Hội thi bị hủy", "2026-03-20") not in by
    counts = [r["tinh_trang"] for r in rows]
    assert (counts.count("Đã tổ chức"), counts.count("Chưa có báo cáo"), counts.count("Sắp diễn ra")) == (5, 4, 3)


def test_event_pages_say_held_or_unreported(site):
    held = _page(site, "lich/su-kien/f-doc-sach.html").select_one("[data-held]")
    assert held["data-held"] == "held"
    assert held.select_one('[data-field="held-participants"]').get_text(strip=True) == "30"
    assert held.select_one("a")["href"] == "../../tin-tuc/2026/f-bai.html"
    unreported = _page(site, "lich/su-kien/f-trien-lam.html").select_one("[data-held]")
    assert unreported["data-held"] == "unreported"
    assert unreported.h2.get_text(strip=True) == "Chưa có báo cáo"
    assert _page(site, "lich/su-kien/f-the-thao.html").select_one("[data-held]") is None
    day = _page(site, "lich/su-kien/f-ngay-sach.html")
    assert [a.get_text(strip=True) for a in day.select("section h2")].count("Hoạt động hưởng ứng") == 1


def test_archive_labels_past_items_and_sessions(site):
    page = _page(site, "lich/luu-tru/2026.html")
    labels = {}
    for li in page.select("li.hoctap-occ"):
        mark = li.select_one("[data-held]")
        labels.setdefault(li.select_one(".hoctap-occ__title").get_text(strip=True), []).append(
            mark["data-held"] if mark else None)
    assert labels["Chiếu phim mẫu"] == ["held", "unreported", "held", "unreported"]
    assert "Câu lạc bộ mẫu" not in labels          # routine sessions: listed on the month pages
    assert "đã diễn ra" not in page.get_text().lower()
    month = _page(site, "lich/thang/2026-02.html")
    marks = [li.select_one("[data-held]") for li in month.select("li.hoctap-occ")
             if "Câu lạc bộ mẫu" in li.get_text()]
    assert marks and {m["data-held"] for m in marks if m is not None} == {"routine"}
    assert "đã diễn ra" not in month.get_text().lower()


def test_club_page_shows_months(site):
    page = _page(site, "cau-lac-bo/f-clb.html")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in page.select("[data-held-months] tbody tr")]
    assert rows == [["Tháng 3/2026", "5", "Chưa có báo cáo", ""], ["Tháng 2/2026", "4", "3", "15 người"],
                    ["Tháng 1/2026", "4", "4", "20 người"]]


def test_milestone_is_on_the_calendar(site):
    page = _page(site, "lich/su-kien/moc-vieng-lan-so-ket-2025.html")
    assert "Sơ kết mẫu" in page.h1.get_text()
    assert (site / "lich/thang/2025-12.html").exists()


def test_full_activity_list_agrees_with_the_csv(site):
    """The year's full list (its own page: 12 activities fit on one) has every activity of the
    CSV once, with the same time, state and attendance; the report page links to it."""
    report = _page(site, "bao-cao/2026.html")
    link = report.select_one('[data-field="list-link"] a')
    assert link.get_text(strip=True) == "Xem danh sách đầy đủ 12 hoạt động"
    assert link["href"] == "hoat-dong/2026.html"
    page = _page(site, "bao-cao/hoat-dong/2026.html")
    assert page.select_one("h1").get_text(strip=True) == "Danh sách hoạt động năm 2026"
    assert page.select(".hoctap-pager") == []
    listed = [tuple(td.get_text(strip=True) for td in tr.select("td"))
              for tr in page.select('table[data-table="hoat-dong"] tbody tr')]
    raw = (site / "bao-cao/2026.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r[0], r[1], r[5], r[6]) for r in listed] == [
        (r["thoi_gian"], r["hoat_dong"], r["tinh_trang"], r["so_nguoi_tham_gia"]) for r in rows]
    states = [tr["data-state"] for tr in page.select("tr[data-state]")]
    assert (states.count("held"), states.count("unreported"), states.count("upcoming")) == (5, 4, 3)
    empty = _page(site, "bao-cao/hoat-dong/2025.html")
    assert empty.select("tr[data-state]") == []
    assert "Chưa có hoạt động nào theo lịch trong năm." in empty.get_text()
    assert _page(site, "bao-cao/2025.html").select_one('[data-field="list-link"]') is None
