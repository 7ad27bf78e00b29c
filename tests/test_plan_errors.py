"""Broken plan files fail the real ``mkdocs build`` with Vietnamese file:line: field: messages."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build

PLAN1 = "content/ke-hoach/hoc-tap-suot-doi-den-2030.md"
PLAN2 = "content/ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.md"


def edit(project: Path, rel: str, old: str, new: str) -> int:
    """Replace one exact line fragment; return the 1-based line where it is."""
    path = project / rel
    content = path.read_text(encoding="utf-8")
    assert content.count(old) == 1, old
    line = content[: content.index(old)].count("\n") + 1
    path.write_text(content.replace(old, new), encoding="utf-8")
    return line


def failed_build(project: Path, tmp_path: Path) -> str:
    site = tmp_path / "out-site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    assert "Nội dung có" in output and "chưa thể xây dựng trang" in output
    # Validation runs in on_config, before anything is written: no half-built site is left behind.
    assert not site.exists() or not any(site.iterdir())
    return output


def test_unknown_field(project, tmp_path):
    line = edit(project, PLAN1, "ten_ngan:", "ten_ngann:")
    output = failed_build(project, tmp_path)
    assert (f"ke-hoach/hoc-tap-suot-doi-den-2030.md:{line}: ten_ngann: Trường không được hỗ trợ. "
            "(có phải ý bạn là 'ten_ngan'?)") in output


def test_bad_date(project, tmp_path):
    line = edit(project, PLAN1, "    ngay: 2023-02-23", "    ngay: 2023-02-30")
    output = failed_build(project, tmp_path)
    assert (f"ke-hoach/hoc-tap-suot-doi-den-2030.md:{line}: can_cu[1].ngay: "
            "'2023-02-30': tháng 2/2023 không có ngày 30.") in output


def test_missing_subject(project, tmp_path):
    edit(project, PLAN2, 'trich_yeu: "Nâng cao chất lượng', 'ghi_chu_cu: "Nâng cao chất lượng')
    path = project / PLAN2
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ghi_chu_cu:", "trich_yeu_khac:", 1), encoding="utf-8")
    first_field = text.split("\n").index("ma: nang-cao-chat-luong-tt-vh-htcd-2021-2025") + 1
    output = failed_build(project, tmp_path)
    # A missing field has no line of its own: the message points at the start of the front matter.
    assert (f"ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.md:{first_field}: trich_yeu: "
            "Thiếu trường bắt buộc.") in output
    assert ": trich_yeu_khac: Trường không được hỗ trợ." in output


def test_yaml_syntax_error(project, tmp_path):
    line = edit(project, PLAN1, "ten_ngan: \"Kế hoạch học tập suốt đời đến năm 2030\"",
                "ten_ngan: Kế hoạch: học tập suốt đời")
    output = failed_build(project, tmp_path)
    assert f"ke-hoach/hoc-tap-suot-doi-den-2030.md:{line}: Lỗi cú pháp YAML:" in output
    assert "dấu hai chấm" in output


def test_two_problems_in_two_files_are_both_reported(project, tmp_path):
    line1 = edit(project, PLAN1, "hieu_luc: con_hieu_luc", "hieu_luc: con_hieu_lu")
    line2 = edit(project, PLAN2, "ngay: 2020-12-15", "ngay: 15/13/2020")
    output = failed_build(project, tmp_path)
    # (Content citing a plan that failed validation may add its own errors: not counted here.)
    assert (f"ke-hoach/hoc-tap-suot-doi-den-2030.md:{line1}: hieu_luc: Giá trị 'con_hieu_lu' không hợp lệ; "
            "chọn một trong: con_hieu_luc, het_hieu_luc, bi_thay_the.") in output
    assert f"ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.md:{line2}: can_cu[1].ngay: '15/13/2020': không có tháng 13." in output


def test_citing_a_missing_document_and_unnumbered_section(project, tmp_path):
    line = edit(project, PLAN1, "    so_ky_hieu: 1520/QĐ-TTg", "    so_ky_hieu: 1520/QĐ-TTg\n    ma: qd-khong-co")
    line_h = edit(project, PLAN1, "### 2. Yêu cầu", "### Yêu cầu")
    output = failed_build(project, tmp_path)
    assert (f"ke-hoach/hoc-tap-suot-doi-den-2030.md:{line + 1}: van_ban_lien_quan[1].ma: "
            "Không có văn bản mã 'qd-khong-co' trong cổng.") in output
    assert f"ke-hoach/hoc-tap-suot-doi-den-2030.md:{line_h}: muc: Tiêu đề mục 'Yêu cầu' thiếu số thứ tự." in output


def test_existing_site_dir_is_not_touched_on_failure(project, tmp_path):
    site = tmp_path / "old-site"
    site.mkdir()
    (site / "index.html").write_text("bản cũ", encoding="utf-8")
    edit(project, PLAN1, "ten_ngan:", "ten_ngann:")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "bản cũ"
