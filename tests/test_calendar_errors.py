"""Broken event files: every problem reported at once, in Vietnamese, with file, line and field."""

from __future__ import annotations

from conftest import mkdocs_build

BROKEN = """\
su_kien:
  - ma: su-kien-sai-1
    tieu_de: Kết thúc trước bắt đầu
    bat_dau: 2026-05-10
    ket_thuc: 2026-05-09
    the_loai: hoi-thi
  - ma: su-kien-sai-2
    tieu_de: Ngày không có thật
    bat_dau: 2026-02-30
    the_loai: hoi-thi
  - ma: su-kien-sai-3
    tieu_de: Thể loại lạ
    bat_dau: 2026-05-10
    the_loai: hoi-thii
    ban: ban-khong-co
  - ma: su-kien-sai-4
    tieu_de: Ngày âm lịch không có
    bat_dau: 2026-05-10
    lap_lai: { kieu: am_lich, ngay_am: "32/3" }
    the_loai: le-hoi
  - ma: su-kien-sai-5
    tieu_de: Quy tắc lặp sai
    bat_dau: 2026-05-10
    lap_lai: { kieu: hang_gio }
    the_loai: le-hoi
  - ma: hoi-sach-2026
    tieu_de: Trùng mã
    bat_dau: 2026-05-10
    the_loai: doc-sach
  - ma: su-kien-sai-6
    tieu_de: Tháng nhuận không có
    bat_dau: 2026-05-10
    lap_lai: { kieu: am_lich, ngay_am: "15/4 nhuận" }
    the_loai: le-hoi
  - ma: su-kien-sai-7
    tieu_de: Trích dẫn mục không có
    bat_dau: 2026-05-10
    the_loai: hoi-thi
    ke_hoach: hoc-tap-suot-doi-den-2030#IX.9
"""


def test_all_event_problems_reported_at_once(project, tmp_path):
    (project / "events" / "sai.yaml").write_text(BROKEN, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    expected = [
        "events/sai.yaml:5: su_kien[1].ket_thuc: Kết thúc (09/05/2026) đứng trước bắt đầu (10/05/2026).",
        "events/sai.yaml:9: su_kien[2].bat_dau: '2026-02-30': tháng 2/2026 không có ngày 30.",
        "events/sai.yaml:14: the_loai: Thể loại 'hoi-thii' không có trong danh sách",
        "có phải ý bạn là 'hoi-thi'?",
        "events/sai.yaml:15: ban: Bản 'ban-khong-co' không có trong danh sách",
        "events/sai.yaml:19: su_kien[4].lap_lai.ngay_am: Ngày âm lịch phải từ 1 đến 30 (nhận được 32).",
        "events/sai.yaml:24: su_kien[5].lap_lai.kieu: Giá trị 'hang_gio' không hợp lệ",
        "events/sai.yaml:26: ma: Mã sự kiện 'hoi-sach-2026' trùng với sự kiện trong events/hoat-dong-2026.yaml",
        "events/sai.yaml:32: bat_dau: Ngày 10/05/2026 là 24/3 âm lịch, không trùng ngay_am 15/4 nhuận."
        " (năm âm lịch 2026 không có tháng 4 nhuận)",
        "events/sai.yaml:39: ke_hoach: Kế hoạch 'hoc-tap-suot-doi-den-2030' không có mục IX.9",
    ]
    for line in expected:
        assert line in output, line
    assert not site.exists() or not any(site.iterdir())


def test_a_broken_plan_is_reported_once_not_once_per_citing_event(project, tmp_path):
    plan = project / "content" / "ke-hoach" / "hoc-tap-suot-doi-den-2030.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("hieu_luc: con_hieu_luc", "hieu_luc: con_hieu_lu"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/ke-hoach/hoc-tap-suot-doi-den-2030.md:" in output and "hieu_luc" in output
    assert "Không có kế hoạch mã" not in output   # no cascade from the events that cite it
    assert "Nội dung có 1 lỗi" in output
