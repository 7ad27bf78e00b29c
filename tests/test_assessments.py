"""Self-assessment and ranking (issue #13, point 5): the ``danh-gia`` kind. Pages are read with
BeautifulSoup; ranks are checked against totals worked out by hand for the sample, and against
the YAML files read independently."""

from __future__ import annotations

import re
from datetime import date

import yaml

from cli_helpers import hoctap
from conftest import ROOT, copy_hub
from test_surveys import _edit, content, resolves

GUIDE = ROOT / "events" / "huyen-dong-thap" / "danh-gia" / "tieu-chi" / "tieu-chi-mau-2553.yaml"
RANKING = "don-vi/huyen-dong-thap/danh-gia/xep-hang-2025.html"

# Worked out by hand from the sample files (criteria maxima 10+10+20+15+15+15+10+5 = 100;
# thresholds Tốt ≥ 85, Khá ≥ 70, Trung bình ≥ 50, Chưa đạt ≥ 0):
#   xã mẫu A 2025: 9+9+18+12+12+12+9+5   = 86   → Tốt
#   xã mẫu C 2025: 8+8+15+11+10+11,5+7+5 = 75,5 → Khá
#   xã mẫu B 2025: 8+7+14+10+9+10+6+4    = 68   → Trung bình
#   xã mẫu A 2026: 9+10, six criteria "chưa chấm" → not ranked
HAND = [("xa-mau-a", "86/100", "Tốt"), ("xa-mau-c", "75,5/100", "Khá"), ("xa-mau-b", "68/100", "Trung bình")]


def _independent_rank(unit: str, year: int) -> tuple[float, str | None]:
    guide = yaml.safe_load(GUIDE.read_text(encoding="utf-8"))
    path = next(p for p in (ROOT / "events" / unit / "danh-gia").glob("*.yaml")
                if yaml.safe_load(p.read_text(encoding="utf-8"))["nam"] == year)
    scores = yaml.safe_load(path.read_text(encoding="utf-8"))["cham_diem"]
    if any(s["diem"] == "chua_cham" for s in scores):
        return sum(s["diem"] for s in scores if s["diem"] != "chua_cham"), None
    total = sum(s["diem"] for s in scores)
    rank = next(r["ten"] for r in guide["xep_loai"] if total >= r["tu_diem"])
    return total, rank


def test_hand_worked_ranks_agree_with_the_files():
    assert _independent_rank("xa-mau-a", 2025) == (86, "Tốt")
    assert _independent_rank("xa-mau-c", 2025) == (75.5, "Khá")
    assert _independent_rank("xa-mau-b", 2025) == (68, "Trung bình")
    assert _independent_rank("xa-mau-a", 2026) == (19, None)


def test_district_ranking_table_of_its_centres(built_site):
    main = content(built_site, RANKING)
    rows = main.select("table.hoctap-assessment-list tbody tr")
    got = [(r["data-unit"], r.select_one("[data-total]").get_text(strip=True), r.select("td")[2].get_text(strip=True))
           for r in rows]
    assert got == HAND
    assert [r.select("td")[0].get_text(strip=True) for r in rows] == ["1", "2", "3"]
    assert all("Dữ liệu mẫu" in r.th.get_text() for r in rows)
    for a in main.select("a[href]"):
        assert resolves(built_site, RANKING, a["href"]), a["href"]
    assert "Tiêu chí mẫu, cần đối chiếu văn bản gốc" in main.get_text()
    index = content(built_site, "don-vi/huyen-dong-thap/danh-gia/index.html")
    years = [a.get_text(strip=True) for a in index.select(".hoctap-ranking-years a")]
    assert years == ["Năm 2026", "Năm 2025"]
    unranked = content(built_site, "don-vi/huyen-dong-thap/danh-gia/xep-hang-2026.html")
    row = unranked.select_one("tbody tr")
    assert row.select("td")[0].get_text(strip=True) == "–"
    assert row.select("td")[2].get_text(strip=True) == "Chưa xếp loại (còn 6 tiêu chí chưa chấm)"


def test_centre_history_and_a_centre_without_assessment(built_site):
    main = content(built_site, "don-vi/xa-mau-a/danh-gia/index.html")
    rows = main.select("table.hoctap-assessment-list tbody tr")
    assert [(r["data-year"], r.select("td")[1].get_text(strip=True)) for r in rows] == [
        ("2026", "Chưa xếp loại (còn 6 tiêu chí chưa chấm)"), ("2025", "Tốt")]
    assert main.select_one("[data-sample]")
    vieng_lan = content(built_site, "don-vi/vieng-lan/danh-gia/index.html")
    assert not vieng_lan.select("table")
    assert "Đơn vị chưa đăng bản tự đánh giá nào." in vieng_lan.get_text()
    hub = content(built_site, "danh-gia/index.html")
    assert "Xã mẫu A (đơn vị mẫu): năm 2026" in hub.get_text(strip=False)


def _activities(unit: str, year: int, today: date) -> int:
    """Single activities of the unit held in ``year`` before ``today``, read from its event files."""
    count = 0
    for path in (ROOT / "events" / unit).glob("*.yaml"):
        for event in yaml.safe_load(path.read_text(encoding="utf-8"))["su_kien"]:
            assert "lap_lai" not in event or not str(event["bat_dau"]).startswith(str(year))
            start = date.fromisoformat(str(event["bat_dau"])[:10])
            count += start.year == year and start < today
    return count


def test_self_assessment_page_scores_counts_and_evidence(built_site):
    page = "danh-gia/tu-danh-gia-xa-mau-a-2025.html"
    main = content(built_site, page)
    assert main.select_one("[data-total]").get_text(strip=True) == "86/100"
    assert main.select_one("dd[data-rank]").get_text(strip=True) == "Tốt"
    assert "Dữ liệu mẫu" in main.get_text() and "Tiêu chí mẫu, cần đối chiếu văn bản gốc" in main.get_text()
    counted = main.select_one('tr[data-criterion="so-hoat-dong"] [data-count]')
    assert int(counted.get_text()) == _activities("xa-mau-a", 2025, date(2026, 4, 21)) == 7
    surveys = main.select_one('tr[data-criterion="khao-sat-nhu-cau"] [data-count]')
    assert surveys.get_text() == "1"
    points = {tr["data-criterion"]: tr.select_one("[data-points]")["data-points"] for tr in main.select("tr[data-criterion]")}
    assert points == {"kien-toan": "9", "ke-hoach-nam": "9", "so-hoat-dong": "18", "cau-lac-bo": "12",
                      "lop-theo-nhu-cau": "12", "co-so-vat-chat": "12", "khao-sat-nhu-cau": "9", "bao-cao-dinh-ky": "5"}
    evidence = main.select(".hoctap-evidence a")
    labels = [a.get_text(strip=True) for a in evidence]
    assert "Báo cáo năm 2025" in labels and "Hoạt động: Triển lãm ảnh quê hương xã mẫu A" in labels
    for a in evidence:
        if not a["href"].startswith("https://"):
            assert resolves(built_site, page, a["href"]), a["href"]
    unscored = content(built_site, "danh-gia/tu-danh-gia-xa-mau-a-2026.html")
    assert len(unscored.select('[data-points="chua-cham"]')) == 6
    assert unscored.select_one("dd[data-rank]").get_text(strip=True) == "Chưa xếp loại (còn 6 tiêu chí chưa chấm)"


def test_criteria_page_shows_source_maxima_thresholds_and_sample_mark(built_site):
    main = content(built_site, "danh-gia/tieu-chi/tieu-chi-mau-2553.html")
    guide = yaml.safe_load(GUIDE.read_text(encoding="utf-8"))
    assert guide["mau"] is True
    assert main.select_one("[data-sample]").get_text(" ", strip=True).startswith("Tiêu chí mẫu, cần đối chiếu văn bản gốc")
    assert "2553/BGDĐT-GDTX ngày 18/04/2013 của Bộ Giáo dục và Đào tạo" in main.select_one("[data-source]").get_text()
    assert main.select_one("[data-max]").get_text() == "100"
    ranks = [(tr.th.get_text(strip=True), tr.td.get_text(strip=True)) for tr in main.select(".hoctap-ranks-table tbody tr")]
    assert ranks == [(r["ten"], str(r["tu_diem"])) for r in guide["xep_loai"]]
    maxima = {tr["data-criterion"]: int(tr.td.get_text()) for tr in main.select(".hoctap-criteria-table tr[data-criterion]")}
    assert maxima == {c["ma"]: c["diem_toi_da"] for g in guide["nhom"] for c in g["tieu_chi"]}


def test_one_unit_site_has_an_assessment_page(one_unit_site):
    main = content(one_unit_site, "danh-gia/index.html")
    assert "Đơn vị chưa đăng bản tự đánh giá nào." in main.get_text()


def test_assessment_mistakes_are_reported_with_file_line_field(tmp_path):
    hub = copy_hub(tmp_path / "hub")
    guide = hub / "events" / "huyen-dong-thap" / "danh-gia" / "tieu-chi" / "tieu-chi-mau-2553.yaml"
    a = hub / "events" / "xa-mau-a" / "danh-gia" / "tu-danh-gia-xa-mau-a-2025.yaml"
    b = hub / "events" / "xa-mau-b" / "danh-gia" / "tu-danh-gia-xa-mau-b-2025.yaml"
    c = hub / "events" / "xa-mau-c" / "danh-gia" / "tu-danh-gia-xa-mau-c-2025.yaml"
    a26 = hub / "events" / "xa-mau-a" / "danh-gia" / "tu-danh-gia-xa-mau-a-2026.yaml"
    pa, pb, pc, p26 = (f"events/{p.parent.parent.name}/danh-gia/{p.name}" for p in (a, b, c, a26))
    expected = [
        f"{pa}:{_edit(a, '{ tieu_chi: kien-toan, diem: 9 }', '{ tieu_chi: kien-toan, diem: 12 }')}: cham_diem[1].diem: "
        "Điểm 12 lớn hơn điểm tối đa 10 của tiêu chí 'kien-toan'. (sửa điểm, hoặc ghi diem: chua_cham nếu chưa chấm)",
        f"{pa}:{_edit(a, '      - su_kien: xa-mau-a-trien-lam-2025', '      - su_kien: xa-mau-b-hoi-thi-2025')}: "
        "cham_diem[3].bang_chung[2].su_kien: Sự kiện 'xa-mau-b-hoi-thi-2025' không phải của đơn vị này; chỉ dẫn hoạt động của đơn vị mình.",
        f"{pa}:{_edit(a, '{ ten: Báo cáo năm 2025 gửi huyện (tệp minh họa), url:', '{ url:')}: cham_diem[8].bang_chung[1].ten: "
        "Bằng chứng là liên kết cần có tên (ten).",
        f"{pb}:{_edit(b, '  - { tieu_chi: ke-hoach-nam, diem: 7 }', '  - { tieu_chi: ke-hoach-nam, diem: 7 }' + chr(10) + '  - { tieu_chi: kien-toan, diem: 8 }') + 1}: "
        "cham_diem[3].tieu_chi: Tiêu chí 'kien-toan' đã chấm ở cham_diem[1]. (mỗi tiêu chí chấm một lần)",
        f"{pb}:{_edit(b, '{ tieu_chi: bao-cao-dinh-ky, diem: 4 }', '{ tieu_chi: bao-cao-dinh-ky, diem: bốn }')}: cham_diem[9].diem: "
        "Điểm 'bốn' không phải là một số. (ghi một số, hoặc diem: chua_cham nếu chưa chấm)",
        f"{pb}:{_edit(b, 'bang_chung: [ { bao_cao: 2025 } ]', 'bang_chung: [ { bao_cao: 2025, su_kien: xa-mau-b-hoi-thi-2025 } ]')}: "
        "cham_diem[4].bang_chung[1]: Mỗi bằng chứng ghi đúng một trong: su_kien, bao_cao, ke_hoach, khao_sat, url (đang ghi su_kien, bao_cao).",
        f"{pc}:{_edit(c, '  - { tieu_chi: bao-cao-dinh-ky, diem: 5 }', '  - { tieu_chi: bao-cao-dinh-ki, diem: 5 }')}: "
        "cham_diem[8].tieu_chi: Bộ tiêu chí 'tieu-chi-mau-2553' không có tiêu chí 'bao-cao-dinh-ki'. (có phải ý bạn là 'bao-cao-dinh-ky'?)",
        f"{pc}:{_edit(c, 'cham_diem:', 'cham_diem:')}: cham_diem: Tiêu chí 'bao-cao-dinh-ky' (Báo cáo định kỳ theo quy định) "
        "chưa có điểm. (thêm '- { tieu_chi: bao-cao-dinh-ky, diem: chua_cham }' nếu chưa chấm)",
        f"{p26}:{_edit(a26, 'nam: 2026', 'nam: 2025')}: nam: Đơn vị đã có bản tự đánh giá năm 2025: {pa}. (mỗi năm một bản; sửa tệp đã có)",
    ]
    result = hoctap("check", cwd=hub)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for line in expected:
        assert any(out.startswith(line) for out in lines), f"expected:\n{line}\ngot:\n{result.stdout}"
    problems = [out for out in lines if out.startswith("events/")]
    assert len(problems) == len(expected), result.stdout
    assert all(out.endswith("huong-dan/loi.html#danh-gia]") for out in problems), result.stdout
    # a broken guide: its own messages only, nothing about the self-assessments that use it
    guide_lines = [
        f"{_edit(guide, '{ ma: trung-binh, ten: Trung bình, tu_diem: 50 }', '{ ma: trung-binh, ten: Trung bình, tu_diem: 90 }')}: "
        "xep_loai[3].tu_diem: Ngưỡng xếp loại phải giảm dần: 'trung-binh' (từ 90 điểm) không thấp hơn 'kha' (từ 70 điểm). "
        "(ghi xếp loại cao nhất trước, thấp nhất sau)",
        f"{_edit(guide, '{ ma: chua-dat, ten: Chưa đạt, tu_diem: 0 }', '{ ma: chua-dat, ten: Chưa đạt, tu_diem: 10 }')}: "
        "xep_loai[4].tu_diem: Xếp loại thấp nhất 'chua-dat' phải bắt đầu từ 0 điểm để tổng điểm nào cũng có xếp loại. (ghi tu_diem: 0)",
        f"{_edit(guide, '{ ma: tot, ten: Tốt, tu_diem: 85 }', '{ ma: tot, ten: Tốt, tu_diem: 120 }')}: xep_loai[1].tu_diem: "
        "Ngưỡng 'tot' (từ 120 điểm) cao hơn tổng điểm tối đa (100). (không đơn vị nào đạt được xếp loại này)",
        f"{_edit(guide, '{ ma: ke-hoach-nam,', '{ ma: kien-toan,')}: nhom[1].tieu_chi[2].ma: Mã tiêu chí 'kien-toan' trùng với "
        "nhom[1].tieu_chi[1]. (mỗi tiêu chí cần một mã riêng vì bản tự đánh giá chấm theo mã)",
    ]
    result = hoctap("check", cwd=hub)
    lines = [out for out in result.stdout.splitlines() if out.startswith("events/")]
    g = "events/huyen-dong-thap/danh-gia/tieu-chi/tieu-chi-mau-2553.yaml:"
    for line in guide_lines:
        assert any(out.startswith(g + line) for out in lines), f"expected:\n{g + line}\ngot:\n{result.stdout}"
    assert len(lines) == len(guide_lines), result.stdout
    assert all(re.search(r"#danh-gia\]$", out) for out in lines)
