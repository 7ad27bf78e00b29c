"""The hoctap command, run as a subprocess the way staff type it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import hoctap, make_project, tree_bytes
from conftest import ROOT, copy_hub, mkdocs_build
from hoctap.kinds import all_kinds, get_kind
from hoctap.site.registry import with_schema_line
from hoctap.core.sources import load_front_matter_file, load_yaml_file
from hoctap.core.problems import Problems

KIND_NAMES = [k.name for k in all_kinds()]


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)

# Values staff would type for the required placeholders ("" marked BẮT BUỘC), per kind and field.
FILL = {
    ("ke-hoach", "co_quan_ban_hanh"): "Ủy ban nhân dân xã Viêng Lán",
    ("su-kien", "bat_dau"): "2026-05-01 19:30",
    ("su-kien", "the_loai"): "doc-sach",
    ("su-kien", "ten"): "Nhà văn hóa trung tâm xã",
    ("tin-tuc", "tac_gia"): "Lò Văn Thanh",
    ("cau-lac-bo", "dien_thoai"): "0912 345 678",
    ("lop-hoc", "dien_thoai"): "0912 345 678",
    ("lop-hoc", "nhu_cau"): "hoc-tap-suot-doi-den-2030#II.1",
    ("tin-tuc", "chuyen_muc"): "thong-bao",
    ("tin-tuc", "tom_tat"): "Tóm tắt của tin.",
    ("phan-cong", "ke_hoach"): "hoc-tap-suot-doi-den-2030#III.1",
    ("vinh-danh", "so_ky_hieu"): "15/QĐ-UBND",
    ("vinh-danh", "co_quan"): "UBND xã Viêng Lán",
    ("vinh-danh", "ten"): "Gia đình ông Lò Văn Xuân",
    ("khao-sat", "ban"): "ban-lan",
    ("danh-gia", "bo_tieu_chi"): "bo-tieu-chi-danh-gia",
    ("danh-gia", "tieu_chi"): "so-hoat-dong",
}


def fill_placeholders(kind_name: str, text: str) -> str:
    def fill(match: re.Match) -> str:
        field = match.group(1)
        value = FILL.get((kind_name, field), "Giá trị mẫu")
        quoted = f'["{value}"]' if match.group(0).split(":", 1)[1].lstrip().startswith("[") else f'"{value}"'
        return f'{match.group(0).split(":")[0]}: {quoted}{match.group(2)}'
    return re.sub(r'^\s*(?:- )?([a-z_]+): (?:""|\[""\])(\s*# BẮT BUỘC.*)$', fill, text, flags=re.M)


# -- help ------------------------------------------------------------------------------------------

def test_help_is_vietnamese(tmp_path):
    result = hoctap("--help", cwd=tmp_path)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("Cách dùng: hoctap")
    for text in ("Tùy chọn:", "Lệnh:", "hiện hướng dẫn này rồi thoát", "kiểm tra toàn bộ nội dung"):
        assert text in out
    for command in ("new", "check", "build", "serve", "lich", "schema"):
        assert re.search(rf"^\s+{command}\s+\S", out, re.M), command
    assert "usage:" not in out and "show this help" not in out and "options:" not in out


def test_subcommand_help_and_argument_errors_are_vietnamese(tmp_path):
    result = hoctap("new", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Cách dùng: hoctap new")
    assert "Cách dùng: Cách dùng" not in result.stdout
    assert "ke-hoach" in result.stdout
    missing = hoctap("new", cwd=tmp_path)
    assert missing.returncode == 2
    assert "lỗi: thiếu tham số: LOẠI, TIÊU_ĐỀ" in missing.stderr
    wrong = hoctap("kiem-tra", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "lệnh không hợp lệ: 'kiem-tra'" in wrong.stderr


# -- new -------------------------------------------------------------------------------------------

def test_new_plan_from_vietnamese_title(project):
    result = hoctap("new", "ke-hoach", "Đọc sách", cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "content/ke-hoach/doc-sach.md"
    assert "Đã tạo content/ke-hoach/doc-sach.md" in result.stdout
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---"
    assert lines[1] == "# yaml-language-server: $schema=../../schemas/ke-hoach.schema.json"
    # The reference resolves to the committed schema from the same place in the repository.
    assert (ROOT / "content/ke-hoach" / "../../schemas/ke-hoach.schema.json").resolve().is_file()
    problems = Problems(project)
    located = load_front_matter_file(path, problems)
    assert not problems.items
    assert located.data["ma"] == "doc-sach"
    assert located.data["trich_yeu"] == "Đọc sách"


def test_new_refuses_to_overwrite(project):
    assert hoctap("new", "ke-hoach", "Đọc sách", cwd=project).returncode == 0
    path = project / "content/ke-hoach/doc-sach.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐã sửa.\n", encoding="utf-8")
    before = path.read_bytes()
    again = hoctap("new", "ke-hoach", "Đọc  sách!", cwd=project)
    assert again.returncode == 1
    assert "Tệp content/ke-hoach/doc-sach.md đã có; không ghi đè." in again.stderr
    assert path.read_bytes() == before


def test_new_with_explicit_id(project):
    result = hoctap("new", "ke-hoach", "Kế hoạch năm 2026", "--ma", "KH 2026", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "content/ke-hoach/kh-2026.md").is_file()


def test_new_unknown_kind_suggests(project):
    result = hoctap("new", "ke-hoac", "Đọc sách", cwd=project)
    assert result.returncode == 1
    assert "Không có loại nội dung 'ke-hoac'. Có phải ý bạn là 'ke-hoach'?" in result.stderr


def test_new_title_without_letters(project):
    result = hoctap("new", "ke-hoach", "!!!", cwd=project)
    assert result.returncode == 1
    assert "ít nhất một chữ hoặc số" in result.stderr


def test_new_in_a_hub_of_several_units_needs_the_unit(tmp_path):
    hub = copy_hub(tmp_path / "hub")
    missing = hoctap("new", "tin-tuc", "Thử", cwd=hub)
    assert missing.returncode == 1
    assert ("Trang có nhiều đơn vị: hãy chọn đơn vị của tệp mới bằng --don-vi MÃ (các mã: vieng-lan, "
            "huyen-dong-thap, xa-mau-a, xa-mau-b, xa-mau-c).") in missing.stderr
    wrong = hoctap("new", "tin-tuc", "Thử", "--don-vi", "xa-mau", cwd=hub)
    assert wrong.returncode == 1
    assert "Không có đơn vị 'xa-mau'." in wrong.stderr and "Các mã: vieng-lan, huyen-dong-thap" in wrong.stderr
    assert not list(hub.rglob("thu.*"))


@pytest.mark.parametrize("name", KIND_NAMES)
def test_new_in_a_hub_of_several_units_lands_in_the_unit_folder(tmp_path, name):
    hub = copy_hub(tmp_path / "hub")
    kind = get_kind(name)
    result = hoctap("new", name, "Đọc sách cùng con", "--don-vi", "xa-mau-a", cwd=hub)
    assert result.returncode == 0, result.stderr
    created = re.search(r"^Đã tạo (\S+)$", result.stdout, re.M).group(1)
    top, _, rest = kind.folder.partition("/")
    assert created.startswith("/".join(filter(None, (top, "xa-mau-a", rest))) + "/")
    schema = re.search(r"\$schema=(\S+)", (hub / created).read_text(encoding="utf-8")).group(1)
    assert ((hub / created).parent / schema).resolve() == (hub / kind.schema_file).resolve()
    # The scaffold is refused only for its placeholders, never for being outside a unit folder
    # (a kind with no required blank, like nha-van-hoa, checks clean as made).
    checked = hoctap("check", cwd=hub)
    blanks = re.search(r'""\s+# BẮT BUỘC', (hub / created).read_text(encoding="utf-8"))
    assert checked.returncode == (1 if blanks else 0), checked.stdout
    assert "don-vi:" not in checked.stdout + checked.stderr


def test_new_with_a_unit_in_a_hub_of_one_unit_is_refused(project):
    result = hoctap("new", "tin-tuc", "Thử", "--don-vi", "vieng-lan", cwd=project)
    assert result.returncode == 1
    assert "Trang này chỉ có một đơn vị (don_vi): tệp mới nằm ở thư mục chung, không cần --don-vi." in result.stderr


@pytest.mark.parametrize("name", KIND_NAMES)
def test_scaffold_has_every_field(name):
    kind = get_kind(name)
    text = kind.scaffold("Tiêu đề", "tieu-de", __import__("datetime").date(2026, 4, 21))
    for field_name, info in kind.model.model_fields.items():
        alias = info.alias or field_name
        if info.deprecated:                       # kept only to say where the value goes now
            assert not re.search(rf"^{alias}:", text, re.M), f"{name}: deprecated {alias} offered"
            continue
        assert re.search(rf"^{alias}:.*#", text, re.M), f"{name}: field {alias} missing or without comment"


@pytest.mark.parametrize("name", KIND_NAMES)
def test_scaffold_needs_placeholders_then_passes_check_and_build(project, tmp_path, name):
    kind = get_kind(name)
    result = hoctap("new", name, "Đọc sách cùng con", cwd=project)
    assert result.returncode == 0, result.stderr
    created = re.search(r"^Đã tạo (\S+)$", result.stdout, re.M).group(1)
    assert created.startswith(kind.folder + "/") and created.endswith(f"/doc-sach-cung-con{kind.suffix}")
    path = project / created
    text = path.read_text(encoding="utf-8")
    if "# BẮT BUỘC" in text and '""' in text:
        unfilled = hoctap("check", cwd=project)
        assert unfilled.returncode == 1
        assert re.search(rf"^{re.escape(created)}:\d+: ", unfilled.stdout, re.M)
    path.write_text(fill_placeholders(name, text), encoding="utf-8")
    if name == "danh-gia":   # a self-assessment needs a ranking guide: the guide's own scaffold, filled
        made = hoctap("new", "tieu-chi-danh-gia", "Bộ tiêu chí đánh giá", cwd=project)
        guide = project / re.search(r"^Đã tạo (\S+)$", made.stdout, re.M).group(1)
        guide.write_text(fill_placeholders("tieu-chi-danh-gia", guide.read_text(encoding="utf-8")), encoding="utf-8")
    checked = hoctap("check", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr


# -- check -----------------------------------------------------------------------------------------

def test_check_sample_project_passes():
    result = hoctap("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nội dung hợp lệ" in result.stderr
    assert result.stdout.strip() == "" or all(line.startswith("[cảnh báo]") for line in result.stdout.splitlines())


def test_check_reports_every_problem_at_once_with_links(project):
    plan = project / "content/ke-hoach/qd-1520-qd-ttg-2022.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\nhieu_luc:", "\nhieu_lucc:", 1), encoding="utf-8")
    other = project / "content/ke-hoach/hoc-tap-suot-doi-den-2030.md"
    other.write_text(other.read_text(encoding="utf-8").replace("hieu_luc: con_hieu_luc", "hieu_luc: con_hieu_lu"),
                     encoding="utf-8")
    result = hoctap("check", cwd=project)
    assert result.returncode == 1
    out = result.stdout
    assert re.search(r"^content/ke-hoach/qd-1520-qd-ttg-2022\.md:\d+: hieu_lucc: Trường không được hỗ trợ\. "
                     r"\(có phải ý bạn là 'hieu_luc'\?\) \[xem: \S+huong-dan/loi\.html#truong-khong-ho-tro\]$",
                     out, re.M), out
    assert re.search(r"^content/ke-hoach/hoc-tap-suot-doi-den-2030\.md:\d+: hieu_luc: Giá trị 'con_hieu_lu' "
                     r"không hợp lệ.*\(có phải ý bạn là 'con_hieu_luc'\?\)", out, re.M), out
    # The renamed field is also missing: reported as well (events citing these plans add more).
    assert len([line for line in out.splitlines() if line.startswith("content/ke-hoach/")]) == 3


def test_check_agrees_with_mkdocs_build(project, tmp_path):
    plan = project / "content/ke-hoach/qd-1520-qd-ttg-2022.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("\nhieu_luc:", "\nhieu_lucc:", 1), encoding="utf-8")
    checked = hoctap("check", cwd=project)
    built = mkdocs_build(project, tmp_path / "site")
    assert checked.returncode == 1 and built.returncode != 0
    lines = [line.split(" [xem:")[0] for line in checked.stdout.splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert line in built.stdout + built.stderr


def test_check_with_config_file_from_elsewhere(project, tmp_path):
    result = hoctap("check", "-f", str(project / "mkdocs.yml"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_without_mkdocs_yml(tmp_path):
    result = hoctap("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "Không tìm thấy tệp cấu hình mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


# -- build, serve, lich, schema --------------------------------------------------------------------

def test_build_then_failed_build_leaves_site_untouched(project):
    first = hoctap("build", cwd=project)
    assert first.returncode == 0, first.stdout + first.stderr
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "ke-hoach/qd-1520-qd-ttg-2022.html").is_file()
    before = tree_bytes(site)
    plan = project / "content/ke-hoach/qd-1520-qd-ttg-2022.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("ma: qd-1520-qd-ttg-2022", "ma: QĐ 1520"),
                    encoding="utf-8")
    broken = hoctap("build", cwd=project)
    assert broken.returncode == 1
    assert "trang cũ (nếu có) được giữ nguyên" in broken.stderr
    assert tree_bytes(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


def test_build_failure_inside_mkdocs_leaves_site_untouched(project):
    """A problem only MkDocs sees (a nav entry to a missing page under --strict; broken links in
    content are refused by the check itself) also keeps the old site."""
    assert hoctap("build", cwd=project).returncode == 0
    site = project / "site"
    before = tree_bytes(site)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - Giới thiệu: gioi-thieu.md\n", "  - Giới thiệu: gioi-thieu.md\n  - Thiếu: khong-co-trang-nay.md\n"),
        encoding="utf-8")
    assert hoctap("check", cwd=project).returncode == 0
    broken = hoctap("build", cwd=project)
    assert broken.returncode == 1
    assert "trang cũ được giữ nguyên" in broken.stderr
    assert tree_bytes(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


def test_build_replaces_site_on_success(project):
    assert hoctap("build", cwd=project).returncode == 0
    stale = project / "site/cu-khong-con.html"
    stale.write_text("old", encoding="utf-8")
    assert hoctap("build", cwd=project).returncode == 0
    assert not stale.exists()
    assert (project / "site/index.html").is_file()


def test_serve_refuses_broken_content_without_starting(project):
    plan = project / "content/ke-hoach/qd-1520-qd-ttg-2022.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("\nhieu_luc:", "\nhieu_lucc:", 1), encoding="utf-8")
    result = hoctap("serve", "--dev-addr", "127.0.0.1:8765", cwd=project)
    assert result.returncode == 1
    assert "hieu_lucc: Trường không được hỗ trợ." in result.stdout
    assert "Trang thử" not in result.stderr


EVENT = """ma: hop-mat-nguoi-doc
tieu_de: Họp mặt người đọc sách
bat_dau: "2026-04-25 19:00"
ket_thuc: "2026-04-25 21:00"
the_loai: doc-sach
dia_diem: {ten: Thư viện xã}
"""


def test_lich_prints_coming_events(project):
    (project / "events/hop-mat.yaml").write_text(EVENT, encoding="utf-8")
    cancelled = EVENT.replace("hop-mat-nguoi-doc", "hop-mat-huy").replace("2026-04-25", "2026-04-27")
    (project / "events/hop-mat-huy.yaml").write_text(cancelled + "trang_thai: huy\n", encoding="utf-8")
    result = hoctap("lich", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Hoạt động sắp diễn ra trong 30 ngày tới (hôm nay: ")
    assert "• Thứ Bảy, 25/04/2026, 19:00–21:00: Họp mặt người đọc sách — Thư viện xã" in lines
    assert "• Thứ Hai, 27/04/2026, 19:00–21:00: Họp mặt người đọc sách — Thư viện xã [ĐÃ HỦY]" in lines
    # Chronological order.
    assert lines.index("• Thứ Bảy, 25/04/2026, 19:00–21:00: Họp mặt người đọc sách — Thư viện xã") < \
        lines.index("• Thứ Hai, 27/04/2026, 19:00–21:00: Họp mặt người đọc sách — Thư viện xã [ĐÃ HỦY]")
    short = hoctap("lich", "--so-ngay", "2", cwd=project)
    assert short.returncode == 0
    assert "Họp mặt người đọc sách" not in short.stdout
    assert "trong 2 ngày tới" in short.stdout


def test_lich_refuses_broken_content(project):
    (project / "events/hop-mat.yaml").write_text(EVENT.replace("the_loai: doc-sach", "the_loai: doc-sac"),
                                                 encoding="utf-8")
    result = hoctap("lich", cwd=project)
    assert result.returncode == 1
    assert "events/hop-mat.yaml:5: the_loai: Thể loại 'doc-sac' không có trong danh sách" in result.stdout
    assert "(có phải ý bạn là 'doc-sach'?)" in result.stdout


def test_check_warnings_do_not_fail(project):
    (project / "events/hop-mat.yaml").write_text(EVENT.replace("dia_diem: {ten: Thư viện xã}\n", ""),
                                                 encoding="utf-8")
    result = hoctap("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\[cảnh báo\] events/hop-mat\.yaml:1: dia_diem: Sự kiện chưa có địa điểm\.", result.stdout, re.M)
    assert "có 1 cảnh báo" in result.stderr


def test_schema_check_passes_on_repository():
    result = hoctap("schema", "--kiem-tra", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_regenerates_missing_file(project):
    result = hoctap("schema", cwd=project)
    assert result.returncode == 0
    for kind in all_kinds():
        assert (project / kind.schema_file).read_bytes() == (ROOT / kind.schema_file).read_bytes()
    assert hoctap("schema", "--kiem-tra", cwd=project).returncode == 0
    (project / "schemas/ke-hoach.schema.json").write_text("{}", encoding="utf-8")
    stale = hoctap("schema", "--kiem-tra", cwd=project)
    assert stale.returncode == 1 and "schemas/ke-hoach.schema.json" in stale.stderr


def test_with_schema_line_for_markdown_kind():
    kind = get_kind("ke-hoach")
    assert with_schema_line(kind, "---\nma: x\n---\n", "s.json") == "---\n# yaml-language-server: $schema=s.json\nma: x\n---\n"
