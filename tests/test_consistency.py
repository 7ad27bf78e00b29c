"""Consistency checks (issue #15, point 5): contradictions between articles, events, clubs and
contacts, with their exact Vietnamese messages; the sample agrees with itself and says which data
is invented. Cases that fit the corpus are in tests/bad-input/du-an/ (tin-bai-khac-ngay-su-kien,
anh-bia-khac-nam, su-kien-ngay-tet, ten-cau-lac-bo-khong-co, lien-he-mau)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cli_helpers import hoctap
from conftest import copy_hub

from hoctap.kinds.consistency.checks import (mentioned_clubs, placeholder_email, placeholder_phone,
                                             tet_label)

CHECK_ANCHORS = ("ngay-bai-va-su-kien", "nam-anh-bia", "su-kien-ngay-tet", "ten-cau-lac-bo", "lien-he-mau")


@pytest.mark.parametrize("phone, expected", [
    ("0912000011", True), ("02123860000", True), ("0912300045", False), ("0912345678", False),
    ("+84912000011", True), (None, False),
])
def test_placeholder_phone(phone, expected):
    assert placeholder_phone(phone) is expected


@pytest.mark.parametrize("email, expected", [
    ("tthtcd@example.org", True), ("a@mail.example.com", True), ("a@tt.test", True),
    ("a@vienglan.sonla.gov.vn", False), ("a@examples.org", False),
])
def test_placeholder_email(email, expected):
    assert placeholder_email(email) is expected


def test_tet_days_from_the_lunar_calendar():
    # Tết Đinh Mùi: 06/02/2027; month 12 of Bính Ngọ has 29 days, so Giao thừa is 05/02/2027.
    assert tet_label(date(2027, 2, 5)) == "Giao thừa"
    assert [tet_label(date(2027, 2, d)) for d in (6, 7, 8, 9)] == ["mùng 1 Tết", "mùng 2 Tết", "mùng 3 Tết", None]
    assert tet_label(date(2026, 2, 16)) == "Giao thừa" and tet_label(date(2026, 2, 17)) == "mùng 1 Tết"


def test_club_mentions():
    known = ["Câu lạc bộ Văn nghệ bản Lán", "Đội bóng chuyền bản Púng"]
    text = ("CLB Văn nghệ bản Lán tập luyện. Câu lạc bộ xòe bản Lán biểu diễn; câu lạc bộ đang mở lớp, "
            "chủ nhiệm câu lạc bộ, cho biết")
    assert [name for name, _ in mentioned_clubs(text, known)] == ["Câu lạc bộ xòe bản Lán"]


def _check(project: Path):
    result = hoctap("check", cwd=project)
    assert "Traceback" not in result.stderr
    return result


def test_the_sample_agrees_with_itself(tmp_path):
    """None of the checks fires on the shipped hub (the contradictions of issue #15 are fixed)."""
    result = _check(copy_hub(tmp_path / "hub"))
    assert result.returncode == 0, result.stdout
    fired = [line for line in result.stdout.splitlines() if any(f"#{a}]" in line for a in CHECK_ANCHORS)]
    assert fired == []


def test_unit_contacts_without_the_sample_mark(tmp_path):
    """Without ``lien_he_mau: true`` the unit's sample phone is a warning, its example.org address
    an error."""
    project = copy_hub(tmp_path / "hub")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "lien_he_mau: true" in text
    config.write_text(re.sub(r"\n\s*lien_he_mau: true[^\n]*", "", text), encoding="utf-8")
    lines = config.read_text(encoding="utf-8").splitlines()
    phone_line = next(i for i, t in enumerate(lines, 1) if "0212 3860 000" in t)
    result = _check(project)
    assert result.returncode == 1
    out = result.stdout
    assert (f"[cảnh báo] mkdocs.yml:{phone_line}: cac_don_vi[1].dien_thoai: Số điện thoại '0212 3860 000' có dạng "
            "số mẫu nhưng trang không ghi đây là dữ liệu mẫu. (thay bằng số thật, hoặc ghi lien_he_mau: true để "
            "trang hiện thông báo 'mẫu')") in out
    assert (f"mkdocs.yml:{phone_line + 1}: cac_don_vi[1].email: Thư điện tử 'tthtcd.vienglan@example.org' dùng tên "
            "miền mẫu nhưng trang không ghi đây là dữ liệu mẫu. (thay bằng địa chỉ thật, hoặc ghi lien_he_mau: true "
            "để trang hiện thông báo 'mẫu')") in out


def test_a_cover_said_to_be_an_archive_photo_is_accepted(tmp_path):
    project = copy_hub(tmp_path / "hub")
    article = project / "content/vieng-lan/tin-tuc/2026/tuan-le-hoc-tap-suot-doi-2026.md"
    text = article.read_text(encoding="utf-8").replace("tuan-le-hoc-tap-2026.png", "tuan-le-hoc-tap-2025.png")
    article.write_text(text, encoding="utf-8")
    result = _check(project)
    assert result.returncode == 1
    assert "anh_bia: Ảnh bìa 'assets/news/tuan-le-hoc-tap-2025.png' mang năm 2025 nhưng bài đăng năm 2026." in result.stdout
    article.write_text(text.replace("anh_bia:", 'mo_ta_anh: "Ảnh tư liệu năm 2025: lễ khai mạc"\nanh_bia:'),
                       encoding="utf-8")
    result = _check(project)
    assert result.returncode == 0, result.stdout
    assert "anh_bia" not in result.stdout


def test_a_lunar_festival_on_tet_is_not_reported_but_a_moved_screening_is(tmp_path):
    project = copy_hub(tmp_path / "hub")
    events = project / "events/vieng-lan/hoat-dong-2026.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("        - 2027-02-06             # mùng 1 Tết Đinh Mùi: không chiếu phim\n", ""),
                      encoding="utf-8")
    result = _check(project)
    assert result.returncode == 0
    tet = [line for line in result.stdout.splitlines() if "rơi vào dịp Tết" in line]
    # Tết Nguyên đán and Đêm Giao thừa (lunar rules on those days) are not reported.
    assert tet == [line for line in tet if "'chieu-phim-luu-dong'" in line] and len(tet) == 1
    assert "06/02/2027 (mùng 1 Tết)" in tet[0]


# -- the sample says what is invented -------------------------------------------------------------

@pytest.mark.parametrize("path, notice", [
    ("cau-lac-bo/van-nghe-ban-lan.html", "Dữ liệu mẫu — thông tin minh họa, không phải số liệu thật."),
    ("lop-hoc/tin-hoc-nguoi-dan-2026.html", "Dữ liệu mẫu — thông tin minh họa, không phải số liệu thật."),
    ("lich/su-kien/hoi-sach-2026.html", "Dữ liệu mẫu — thông tin minh họa, không phải số liệu thật."),
    ("tin-tuc/2025/cau-lac-bo-xoe-ngay-di-san.html", "Bài viết mẫu — thông tin minh họa, không phải số liệu thật."),
    ("don-vi/vieng-lan/index.html", "Số điện thoại và thư điện tử dưới đây là số liệu mẫu"),
])
def test_sample_pages_say_so(built_site, path, notice):
    soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
    shown = [p.get_text(" ", strip=True) for p in soup.select("[data-sample], [data-sample-contact]")]
    assert any(notice in text for text in shown), (path, shown)


def test_real_data_has_no_sample_notice(built_site):
    """The national commemorative days are real: no notice on their pages."""
    soup = BeautifulSoup((built_site / "lich/su-kien/ngay-sach-va-van-hoa-doc.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.select("[data-sample]") == []


def test_the_computer_class_of_the_news_is_in_the_class_list(built_site):
    soup = BeautifulSoup((built_site / "lop-hoc/index.html").read_text(encoding="utf-8"), "html.parser")
    assert any("Lớp tin học cho người dân" in a.get_text() for a in soup.find_all("a"))


def test_club_mentions_leave_common_words_alone():
    """"câu lạc bộ" followed by a word that begins no name (tại, của, và, ở, trong, các, này…) names
    no club, even when a capitalised word follows later in the clause."""
    known = ["Câu lạc bộ Văn nghệ bản Lán"]
    for text in ("Các câu lạc bộ tại hội trường Trung tâm văn hóa xã đã họp.",
                 "Câu lạc bộ tại hội trường Trung tâm sinh hoạt tối thứ Bảy.",
                 "Thành viên câu lạc bộ của bản Lán, câu lạc bộ và Đội văn nghệ cùng tham gia.",
                 "Các câu lạc bộ ở Trung tâm, câu lạc bộ trong Tháng khuyến học, câu lạc bộ này Năm nay.",
                 "câu lạc bộ mới thành lập ở bản Lán"):
        assert mentioned_clubs(text, known) == [], text


def test_club_mentions_still_name_an_unknown_club():
    known = ["Câu lạc bộ Văn nghệ bản Lán"]
    text = "Thành viên câu lạc bộ Dưỡng sinh bản Cang và CLB Thêu thổ cẩm Khau Cang cùng biểu diễn."
    assert [name for name, _ in mentioned_clubs(text, known)] == [
        "câu lạc bộ Dưỡng sinh bản Cang", "CLB Thêu thổ cẩm Khau"]
    assert mentioned_clubs("CLB Văn nghệ bản Lán tập luyện tại Trung tâm.", known) == []
