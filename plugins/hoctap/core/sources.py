"""Read YAML files and Markdown front matter, keeping the line of every field.

Scalars follow a safe subset: ``true``/``false`` are booleans, ``null``/``~``/empty
is None, plain integers and decimals are numbers; everything else stays a string.
YAML 1.1 surprises (``14:30`` read as 870, ``no`` as False, ``2026-04-21`` as a
date object) never happen: the models parse dates and times from strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

Path_t = tuple  # a field path such as ("dia_diem", "ten") or ("lich", 0, "ngay")


class _Loader(yaml.SafeLoader):
    """SafeLoader with only the implicit types listed in the module docstring."""


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$"), list("-+0123456789."))


@dataclass
class Located:
    """Data read from one file, with the 1-based line of every field path."""

    path: Path
    data: Any
    lines: dict[Path_t, int] = field(default_factory=dict)
    body: str = ""          # Markdown after the front matter (front-matter files only)
    body_line: int = 1      # line number of the first body line

    def line_of(self, loc: Path_t) -> int | None:
        """Line of the deepest known prefix of ``loc``."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


def _construct(node: yaml.Node, loader: _Loader, loc: Path_t, lines: dict, problems: Problems,
               path: Path, line_offset: int) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1 + line_offset)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                problems.add(path, key_node.start_mark.line + 1 + line_offset, ".".join(map(str, loc)),
                             "Tên trường phải là chữ.")
                continue
            key = str(key)
            child = loc + (key,)
            if key in result:
                problems.add(path, key_node.start_mark.line + 1 + line_offset, _dotted(child),
                             "Trường này được khai báo hai lần.", "xóa một trong hai dòng")
                continue
            lines[child] = key_node.start_mark.line + 1 + line_offset
            result[key] = _construct(value_node, loader, child, lines, problems, path, line_offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, loader, loc + (i,), lines, problems, path, line_offset)
            for i, item in enumerate(node.value)
        ]
    value = loader.construct_object(node, deep=True)
    return value


def _dotted(loc: Path_t) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted = _dotted


def parse_yaml(text: str, path: Path, problems: Problems, line_offset: int = 0) -> Located | None:
    """Parse YAML text; on a syntax error report it with its line and return None."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        located = Located(path, None)
        if node is not None:
            located.data = _construct(node, loader, (), located.lines, problems, path, line_offset)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.add(path, line, "", "Lỗi cú pháp YAML: " + _yaml_problem_vi(exc),
                     "kiểm tra dấu hai chấm, thụt lề bằng dấu cách và dấu ngoặc kép")
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        problems.add(path, None, "", f"Lỗi cú pháp YAML: {exc}")
        return None
    finally:
        loader.dispose()


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "không được có dấu hai chấm ở đây (hãy đặt giá trị trong dấu ngoặc kép)",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên trường",
    "found character '\\t' that cannot start any token": "có ký tự Tab; hãy thụt lề bằng dấu cách",
    "found undefined alias": "dùng bí danh (*) chưa được khai báo",
    "expected <block end>, but found": "thụt lề không thẳng hàng",
    "found unexpected end of stream": "thiếu dấu ngoặc kép đóng",
    "found unknown escape character": "ký tự thoát (\\) không hợp lệ trong chuỗi ngoặc kép",
}


def _yaml_problem_vi(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for english, vietnamese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    if "expected" in problem and ("block" in problem or "found" in problem):
        return "thụt lề hoặc cấu trúc không đúng"
    return "cấu trúc không đúng (" + problem + ")"


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a UTF-8 file; accept a BOM and Windows line endings; refuse other encodings."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, "", "Tệp không phải mã UTF-8.",
                     "mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml_file(path: Path, problems: Problems) -> Located | None:
    text = read_text(path, problems)
    if text is None:
        return None
    if _has_tab_indent(text, path, problems, 0):
        return None
    return parse_yaml(text, path, problems)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def load_front_matter_file(path: Path, problems: Problems, required: bool = True) -> Located | None:
    """Split a Markdown file into front matter (with lines) and body."""
    text = read_text(path, problems)
    if text is None:
        return None
    match = _FRONT.match(text)
    if not match:
        if required:
            problems.add(path, 1, "", "Thiếu phần thông tin đầu trang (front matter) giữa hai dòng ---.",
                         "dòng đầu tiên của tệp phải là ---")
            return None
        return Located(path, {}, {}, text, 1)
    fm = match.group(1) or ""
    if _has_tab_indent(fm, path, problems, 1):
        return None
    located = parse_yaml(fm, path, problems, line_offset=1)
    if located is None:
        return None
    if located.data is None:
        located.data = {}
    located.lines.setdefault((), 1)  # missing fields of an empty front matter point at its first line
    located.body = text[match.end():]
    located.body_line = text[: match.end()].count("\n") + 1
    return located


def _has_tab_indent(text: str, path: Path, problems: Problems, offset: int) -> bool:
    """Report the first line indented with a tab (YAML forbids it); True if there is one."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip(" ").startswith("\t"):
            problems.add(path, number + offset, "", "Dòng được thụt lề bằng ký tự Tab.",
                         "YAML chỉ cho phép thụt lề bằng dấu cách")
            return True
    return False
