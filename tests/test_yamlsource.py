"""The line-keeping YAML reader, used without MkDocs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hoctap.core.problems import ContentErrors, Problems
from hoctap.core.sources import load_front_matter_file, load_yaml_file, parse_yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", ["hoctap.site.hub", "hoctap.kinds.plans.model", "hoctap.kinds.plans.pages", "hoctap.core.sources",
                                    "hoctap.core.validation", "hoctap.core.values", "hoctap.kinds", "hoctap.site.registry"])
def test_core_modules_do_not_import_mkdocs(module):
    code = (f"import {module}, hoctap.site.hub, sys; "
            "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')); "
            "assert not bad, bad")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


FRONT = """---
ma: vi-du
tieu_de: Ví dụ
dia_diem:
  ten: Nhà văn hóa
  ban: ban-lan
lich:
  - ngay: "2026-04-21"
    gio: "19:30"
  - ngay: 21/04/2026
---

# Thân bài
"""


def test_front_matter_lines_count_from_the_top_of_the_file(tmp_path):
    problems = Problems(tmp_path)
    located = load_front_matter_file(write(tmp_path, "a.md", FRONT), problems)
    assert problems.items == []
    assert located.lines[("ma",)] == 2
    assert located.lines[("tieu_de",)] == 3
    assert located.lines[("dia_diem", "ten")] == 5
    assert located.lines[("dia_diem", "ban")] == 6
    assert located.lines[("lich", 0)] == 8
    assert located.lines[("lich", 0, "gio")] == 9
    assert located.lines[("lich", 1, "ngay")] == 10
    # Unknown deeper paths fall back to their nearest known parent.
    assert located.line_of(("lich", 1, "ngay", "x")) == 10
    assert located.body.lstrip("\n").startswith("# Thân bài")
    assert located.body_line == 12


def test_yaml_1_1_pitfalls_stay_strings(tmp_path):
    problems = Problems(tmp_path)
    text = "gio: 14:30\nco: no\nbat: yes\ntat: off\nngay: 2026-04-21\nso: 12\nthap_phan: 1.5\n" \
           "dung: true\nrong:\nbat_phan: 0o17\nhex: 0x1F\nmu: 1e3\n"
    located = parse_yaml(text, tmp_path / "x.yml", problems)
    data = located.data
    assert data["gio"] == "14:30"
    assert data["co"] == "no"
    assert data["bat"] == "yes"
    assert data["tat"] == "off"
    assert data["ngay"] == "2026-04-21" and isinstance(data["ngay"], str)
    assert data["so"] == 12
    assert data["thap_phan"] == 1.5
    assert data["dung"] is True
    assert data["rong"] is None
    assert data["bat_phan"] == "0o17"
    assert data["hex"] == "0x1F"
    assert data["mu"] == "1e3"
    assert problems.items == []


def test_duplicate_key_is_reported_with_its_line(tmp_path):
    problems = Problems(tmp_path)
    located = parse_yaml("ma: a\ntieu_de: X\nma: b\n", tmp_path / "d.yml", problems)
    assert located.data["ma"] == "a"
    [error] = problems.errors
    assert (error.file, error.line, error.field) == ("d.yml", 3, "ma")
    assert "hai lần" in error.message


def test_duplicate_key_nested_in_list_names_the_item(tmp_path):
    problems = Problems(tmp_path)
    parse_yaml("lich:\n  - ngay: a\n    ngay: b\n", tmp_path / "d.yml", problems)
    [error] = problems.errors
    assert (error.line, error.field) == (3, "lich[1].ngay")


def test_tab_indentation_is_refused_with_its_line(tmp_path):
    problems = Problems(tmp_path)
    path = write(tmp_path, "t.md", "---\nma: a\ndia_diem:\n\tten: X\n---\nbody\n")
    assert load_front_matter_file(path, problems) is None
    [error] = problems.errors
    assert error.line == 4
    assert "Tab" in error.message


def test_bom_and_crlf_are_accepted(tmp_path):
    problems = Problems(tmp_path)
    raw = "\ufeff---\r\nma: a\r\ntieu_de: Đọc sách\r\n---\r\nThân bài\r\n".encode("utf-8")
    located = load_front_matter_file(write(tmp_path, "b.md", raw), problems)
    assert problems.items == []
    assert located.data == {"ma": "a", "tieu_de": "Đọc sách"}
    assert located.lines[("tieu_de",)] == 3
    assert located.body == "Thân bài\n"


def test_non_utf8_file_is_refused(tmp_path):
    problems = Problems(tmp_path)
    path = write(tmp_path, "w.yml", "ma: a\ntieu_de: Ðinh\n".encode("latin-1"))  # saved as Latin-1
    assert load_yaml_file(path, problems) is None
    [error] = problems.errors
    assert (error.file, error.line) == ("w.yml", 2)
    assert "UTF-8" in error.message


def test_yaml_syntax_error_is_vietnamese_with_line_after_front_matter_offset(tmp_path):
    problems = Problems(tmp_path)
    path = write(tmp_path, "s.md", "---\nma: a\ntieu_de: Giờ: 19:30 tối\n---\n")
    assert load_front_matter_file(path, problems) is None
    [error] = problems.errors
    assert error.line == 3
    assert error.message.startswith("Lỗi cú pháp YAML")
    assert "dấu hai chấm" in error.message


def test_missing_front_matter_is_reported(tmp_path):
    problems = Problems(tmp_path)
    assert load_front_matter_file(write(tmp_path, "n.md", "# Không có\n"), problems) is None
    assert problems.errors[0].line == 1
    located = load_front_matter_file(write(tmp_path, "n2.md", "# Không có\n"), Problems(tmp_path),
                                     required=False)
    assert located.data == {} and located.body == "# Không có\n"


def test_empty_front_matter_points_at_line_1(tmp_path):
    problems = Problems(tmp_path)
    located = load_front_matter_file(write(tmp_path, "e.md", "---\n---\nbody\n"), problems)
    assert located.data == {}
    assert located.line_of(("ma",)) == 1


def test_problems_with_and_without_line_in_one_file_sort_without_error(tmp_path):
    problems = Problems(tmp_path)
    problems.add(tmp_path / "a.md", 7, "ngay", "Sai ngày.")
    problems.add(tmp_path / "a.md", None, "ma", "Trùng mã.")
    problems.add(tmp_path / "0.md", 3, "x", "Lỗi.")
    with pytest.raises(ContentErrors) as caught:
        problems.raise_if_any()
    lines = caught.value.report().splitlines()
    assert lines[0] == "Nội dung có 3 lỗi, chưa thể xây dựng trang:"
    assert lines[1:] == ["  0.md:3: x: Lỗi.", "  a.md: ma: Trùng mã.", "  a.md:7: ngay: Sai ngày."]


def test_a_clean_file_is_parsed_once_and_read_again_after_an_edit(tmp_path):
    """The loaders, the shared rules and the publishing checks share one parse (issue #11)."""
    import os

    from hoctap.core import sources
    from hoctap.core.problems import Problems

    page = tmp_path / "a.md"
    page.write_text("---\ntieu_de: Một\n---\nNội dung\n", encoding="utf-8")
    problems = Problems(tmp_path)
    first = sources.load_front_matter_file(page, problems)
    assert sources.load_front_matter_file(page, problems, required=False) is first
    assert first.data == {"tieu_de": "Một"} and first.body == "Nội dung\n"
    page.write_text("---\ntieu_de: Hai\n---\nKhác hẳn\n", encoding="utf-8")
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = sources.load_front_matter_file(page, problems)
    assert second is not first and second.data == {"tieu_de": "Hai"}
    broken = tmp_path / "b.yaml"
    broken.write_text("ma: [x\n", encoding="utf-8")
    for _ in range(2):   # a file with a problem is parsed, and reported, for each reader
        other = Problems(tmp_path)
        assert sources.load_yaml_file(broken, other) is None
        assert len(other.errors) == 1
    assert problems.items == []
