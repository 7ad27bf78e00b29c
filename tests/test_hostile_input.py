"""Hostile and broken content input (issue #9, part A): what the bad-input corpus cannot hold
(generated files over 1 MB, memory bounds, the value types themselves, every model field typed)."""

from __future__ import annotations

import tracemalloc
import typing
import unicodedata
from pathlib import Path

import pytest
from pydantic import BaseModel

from cli_helpers import hoctap, make_project, tree_bytes
from hoctap.site.config import HubConfig
from hoctap.core.problems import ContentError, Problems
from hoctap.kinds.events.model import EventSource
from hoctap.kinds import all_kinds
from hoctap.core.validation import validate
from hoctap.core.values import clean_single_line, clean_text
from hoctap.core.sources import MAX_DEPTH, MAX_FILE_BYTES, load_front_matter_file, load_yaml_file, parse_yaml

EVENT = 'ma: thu\ntieu_de: {title}\nbat_dau: "2026-05-02"\nthe_loai: doc-sach\ndia_diem: {{ten: Thư viện}}\n'


def _lines(result) -> list[str]:
    return [line.split(" [xem: ")[0] for line in result.stdout.splitlines()]


# -- size -------------------------------------------------------------------------------------------

def test_files_over_the_size_limit_are_refused_with_their_size(tmp_path):
    project = make_project(tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "cu.html").write_text("cũ", encoding="utf-8")
    before = tree_bytes(site)
    big_yaml = EVENT.format(title="Lớn") + "mo_ta: \"" + "a" * MAX_FILE_BYTES + "\"\n"
    (project / "events" / "lon.yaml").write_text(big_yaml, encoding="utf-8")
    page = "---\ntitle: Lớn\n---\n\n" + ("Một dòng chữ dài.\n" * 70_000)
    (project / "content" / "trang-lon.md").write_text(page, encoding="utf-8")
    size_yaml = len(big_yaml.encode())
    size_page = len(page.encode())
    check = hoctap("check", cwd=project)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    lines = _lines(check)
    dotted = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    assert (f"events/lon.yaml: Tệp quá lớn: {dotted(size_yaml)} byte, tối đa 1.000.000 byte (khoảng 1 MB). "
            "(chia nội dung thành nhiều tệp; ảnh và tài liệu đặt riêng trong content/assets/)") in lines
    assert any(line.startswith(f"content/trang-lon.md: Tệp quá lớn: {dotted(size_page)} byte") for line in lines)
    assert "#tep-qua-lon]" in check.stdout
    build = hoctap("build", cwd=project)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert tree_bytes(site) == before


def test_a_file_just_under_the_limit_is_read(tmp_path):
    path = tmp_path / "vua.yaml"
    text = "mo_ta: \"" + "a" * (MAX_FILE_BYTES - 20) + "\"\n"
    path.write_text(text, encoding="utf-8")
    assert len(text.encode()) <= MAX_FILE_BYTES
    problems = Problems(tmp_path)
    located = load_yaml_file(path, problems)
    assert problems.items == [] and len(located.data["mo_ta"]) == MAX_FILE_BYTES - 20


# -- aliases and depth: refused before anything is built ----------------------------------------------

def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_in_bounded_memory(tmp_path):
    problems = Problems(tmp_path)
    tracemalloc.start()
    try:
        located = parse_yaml(_bomb(), tmp_path / "bom.yaml", problems)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert located is None
    assert peak < 5_000_000, peak          # expanded, this document holds 10^10 strings
    assert [p.line for p in problems.items] == list(range(1, 11))
    assert problems.items[1].format() == (
        "bom.yaml:2: a1: Không dùng neo (&), bí danh (*) hay thẻ (!) của YAML: &a1, *a0. "
        "(viết đầy đủ giá trị ở từng chỗ; chữ có dấu & * ! ở đầu thì đặt trong dấu ngoặc kép)")


def test_aliases_on_many_lines_are_summarised(tmp_path):
    text = "a: &a x\n" + "".join(f"b{i}: *a\n" for i in range(30))
    problems = Problems(tmp_path)
    assert parse_yaml(text, tmp_path / "x.yaml", problems) is None
    assert len(problems.items) == 11
    assert problems.items[-1].message == ("Còn 21 dòng khác dùng neo, bí danh hoặc thẻ của YAML "
                                          "(chỉ báo 10 dòng đầu).")


@pytest.mark.parametrize("text", [
    "a: " + "[" * 20000 + "]" * 20000 + "\n",
    "a: " + "{b: " * 5000 + "1" + "}" * 5000 + "\n",
    "".join("  " * i + "- \n" for i in range(500)),
])
def test_deep_nesting_is_refused_without_recursion(tmp_path, text):
    path = tmp_path / "sau.md"
    path.write_text("---\n" + text + "---\n\nThân bài.\n", encoding="utf-8")
    problems = Problems(tmp_path)
    assert load_front_matter_file(path, problems) is None
    assert len(problems.items) == 1
    assert problems.items[0].message == f"Cấu trúc lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)."


def test_nesting_up_to_the_limit_is_accepted(tmp_path):
    text = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    problems = Problems(tmp_path)
    located = parse_yaml(text, tmp_path / "x.yaml", problems)
    assert problems.items == [] and located is not None


def test_long_numbers_stay_text_and_do_not_crash(tmp_path):
    path = tmp_path / "so.yaml"
    path.write_text(EVENT.format(title="Số") + "nguoi_tham_gia: " + "9" * 5000 + "\n", encoding="utf-8")
    problems = Problems(tmp_path)
    located = load_yaml_file(path, problems)
    assert located.data["nguoi_tham_gia"] == "9" * 5000
    assert validate(EventSource, located, problems) is None
    assert [p.field for p in problems.items] == ["nguoi_tham_gia"]


# -- text: control characters, one line, NFC, zero width ------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\ud800"])
def test_control_characters_are_refused_in_every_text(char):
    for check in (clean_text, clean_single_line):
        with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
            check(f"a{char}b")


@pytest.mark.parametrize("char", ["\n", "\r", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069"])
def test_line_breaks_and_bidi_controls_are_refused_in_one_line_fields_only(char):
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        clean_single_line(f"a{char}b")
    if char not in "\r":
        assert clean_text(f"a{char}b") == f"a{char}b"


def test_text_is_nfc_and_loses_zero_width_characters(tmp_path):
    nfd = unicodedata.normalize("NFD", "Hội thi đọc sách hòa nhạc")
    assert nfd != "Hội thi đọc sách hòa nhạc"
    assert clean_single_line(" " + nfd + "\u200b\n") == "Hội thi đọc sách hòa nhạc"
    assert clean_text("a\u2060b\ufeffc\u200dd") == "abc\u200dd"   # ZWJ kept (emoji sequences)
    path = tmp_path / "nfd.yaml"
    path.write_text(EVENT.format(title=nfd), encoding="utf-8")
    problems = Problems(tmp_path)
    event = validate(EventSource, load_yaml_file(path, problems), problems)
    assert event.title == "Hội thi đọc sách hòa nhạc"


def test_messages_show_invisible_characters_as_code_points():
    error = ContentError("a.yaml", 3, "tieu_de\x1b[2J", "Giá trị 'x\u202ey' sai.", "gợi\x00ý")
    assert error.format() == "a.yaml:3: tieu_de<U+001B>[2J: Giá trị 'x<U+202E>y' sai. (gợi<U+0000>ý)"


def test_the_same_problem_is_reported_once(tmp_path):
    problems = Problems(tmp_path)
    for _ in range(2):
        problems.add(tmp_path / "a.md", 2, "", "Tệp không phải mã UTF-8.")
    assert len(problems.items) == 1


def _models(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _bare_str(annotation, typed: set) -> bool:
    """True when ``annotation`` holds a ``str`` without one of the text validators."""
    if annotation is str:
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        if base is str:
            return not typed & {getattr(extra, "func", None) for extra in extras}
        return _bare_str(base, typed)
    return any(_bare_str(arg, typed) for arg in typing.get_args(annotation))


def test_every_text_field_of_every_model_is_single_line_or_text():
    """A plain ``str`` in a content model would skip the control-character and one-line checks."""
    from hoctap.core.values import parse_email, parse_phone, parse_slug

    typed = {clean_single_line, clean_text, parse_slug, parse_phone, parse_email}
    todo = [HubConfig] + [kind.model for kind in all_kinds()]
    seen: set = set()
    bare = []
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            own = {getattr(m, "func", None) for m in info.metadata}
            if info.annotation is str and not typed & own:
                bare.append(f"{model.__name__}.{name}")
            elif info.annotation is not str and _bare_str(info.annotation, typed):
                bare.append(f"{model.__name__}.{name}: {info.annotation}")
            todo.extend(_models(info.annotation))
    assert len(seen) >= 15
    assert bare == []


# -- pages and folders ----------------------------------------------------------------------------------

def test_folders_named_like_content_files_are_skipped_and_the_site_builds(tmp_path):
    project = make_project(tmp_path)
    for folder in ("events/thu-muc.yaml", "events/lop-hoc/thu-muc.yml", "content/ke-hoach/thu-muc.md",
                   "content/tin-tuc/2026/thu-muc.md", "content/thu-muc.md"):
        (project / folder).mkdir(parents=True)   # empty: a stray file in it would be refused on its own
    (project / "events/thu-muc.yaml/trong-thu-muc.yaml").write_text(EVENT.format(title="Trong thư mục"),
                                                                     encoding="utf-8")
    check = hoctap("check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    build = hoctap("build", cwd=project)
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr[-2000:]
    assert (project / "site/lich/su-kien/thu.html").is_file()   # the event inside the folder is read


def test_page_front_matter_problems_fail_check_and_build_alike(tmp_path):
    project = make_project(tmp_path)
    (project / "content" / "trang.md").write_text("---\ntitle: \"Trang\\nhai dòng\"\ntags: [\"a\\x9bb\"]\n---\n\n"
                                                  "# Trang\n", encoding="utf-8")
    expected = ["content/trang.md:2: title: Chỉ được viết trên một dòng nhưng có ký tự xuống dòng U+000A. "
                "(viết liền trên một dòng, không dùng khối | của YAML)",
                "content/trang.md:3: tags[1]: Có ký tự điều khiển U+009B không được phép. "
                "(xóa ký tự ẩn này; nó thường lẫn vào khi sao chép từ phần mềm khác)"]
    check = hoctap("check", cwd=project)
    assert check.returncode == 1 and _lines(check) == expected
    build = hoctap("build", cwd=project)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert not (project / "site").exists()
