"""Broken club and class files: a real `mkdocs build` reports every problem at once, in Vietnamese,
with file, line and field."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once; return the 1-based line where ``new`` now starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def test_bad_club_and_class_files_are_all_reported(project, tmp_path):
    clubs, courses = project / "events" / "cau-lac-bo", project / "events" / "lop-hoc"
    broken = {
        # a schedule that cannot be parsed: a weekday written out, a time that is not one
        "weekday": ("events/cau-lac-bo/van-nghe-ban-lan.yaml",
                    _edit(clubs / "van-nghe-ban-lan.yaml", "thu: [T3, T6]", "thu: [Thứ Ba, T6]"),
                    "lich[1].thu[1]", "Giá trị 'Thứ Ba' không hợp lệ"),
        "time": ("events/cau-lac-bo/nuoi-ong-khau-cang.yaml",
                 _edit(clubs / "nuoi-ong-khau-cang.yaml", 'gio_bat_dau: "08:00"', 'gio_bat_dau: "8 giờ sáng"'),
                 "lich[1].gio_bat_dau", "'8 giờ sáng' không phải là giờ"),
        "end-time": ("events/cau-lac-bo/bong-chuyen-ban-pung.yaml",
                     _edit(clubs / "bong-chuyen-ban-pung.yaml", 'gio_ket_thuc: "18:30"', 'gio_ket_thuc: "16:00"'),
                     "lich[1].gio_ket_thuc", "Giờ kết thúc 16:00 phải sau giờ bắt đầu 17:00"),
        # a class ending before it starts
        "class-dates": ("events/lop-hoc/ghep-xoai-ban-pung-2026.yaml",
                        _edit(courses / "ghep-xoai-ban-pung-2026.yaml", "ket_thuc: 2026-05-26", "ket_thuc: 2026-04-26"),
                        "ket_thuc", "Lớp kết thúc (26/04/2026) trước khi bắt đầu (05/05/2026)"),
        # an unknown village
        "village": ("events/cau-lac-bo/duong-sinh-ban-na-vuong.yaml",
                    _edit(clubs / "duong-sinh-ban-na-vuong.yaml", "ban: ban-na-vuong", "ban: ban-na-vuon"),
                    "ban", "Bản 'ban-na-vuon' không có trong danh sách"),
        # a phone number that is not one
        "phone": ("events/cau-lac-bo/theu-tho-cam-ban-cang.yaml",
                  _edit(clubs / "theu-tho-cam-ban-cang.yaml", 'dien_thoai: "0974 000 044"', 'dien_thoai: "0974 000"'),
                  "nguoi_phu_trach.dien_thoai", "'0974 000' không phải là số điện thoại"),
        # a missing photo and a citation of a section that does not exist
        "photo": ("events/cau-lac-bo/doc-sach-trung-tam.yaml",
                  _edit(clubs / "doc-sach-trung-tam.yaml", "assets/clubs/doc-sach.svg", "assets/clubs/khong-co.svg"),
                  "anh[1]", "Không có tệp ảnh 'assets/clubs/khong-co.svg'"),
        "demand": ("events/lop-hoc/mua-xoe-thieu-nhi-2026.yaml",
                   _edit(courses / "mua-xoe-thieu-nhi-2026.yaml", "nhu_cau: hoc-tap-suot-doi-den-2030#II.2",
                         "nhu_cau: hoc-tap-suot-doi-den-2030#IX.9"),
                   "nhu_cau", "Kế hoạch 'hoc-tap-suot-doi-den-2030' không có mục IX.9"),
    }
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"Nội dung có {len(broken)} lỗi" in output, output
    for name, (file, line, field, message) in broken.items():
        assert f"{file}:{line}: {field}: {message}" in output, (name, output)
    assert "có phải ý bạn là 'ban-na-vuong'?" in output


def test_a_class_file_using_the_club_schedule_field_gets_a_hint(project, tmp_path):
    path = project / "events" / "lop-hoc" / "dan-tinh-2025.yaml"
    line = _edit(path, "lich_hoc:", "lich:")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"events/lop-hoc/dan-tinh-2025.yaml:{line}: lich: Trường không được hỗ trợ. (có phải ý bạn là 'lich_hoc'?)" in output


def test_club_files_are_not_read_as_events(project, tmp_path):
    """The calendar's own loader skips events/cau-lac-bo and events/lop-hoc: a valid build proves it."""
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "lich" / "su-kien" / "clb-van-nghe-ban-lan-1.html").is_file()
    assert not (tmp_path / "site" / "lich" / "su-kien" / "van-nghe-ban-lan.html").exists()
