"""mkdocs.yml read safely, its mistakes in Vietnamese with their line.

MkDocs reads mkdocs.yml with PyYAML's full loader: ``!!python/object/apply:os.system [...]`` runs
a command while the file is read (by ``hoctap check`` too), ``!!python/name:`` imports any
module, ``!ENV`` copies an environment variable (a CI secret) into the site, ``hooks:`` runs
Python files and ``INHERIT:`` pulls in another file from anywhere. A commit is treated as hostile,
so before MkDocs sees the file, it is composed (parsed without building any value) and refused
when it uses any of these, or points the content, output or theme folders outside the project.

Policy (documented in content/huong-dan/loi.md#cau-hinh):
- ``!!python/…`` tags are refused, except ``!!python/name:`` of the few callables in
  ``ALLOWED_PYTHON_NAMES`` (the ones Material's own documentation uses; the sample uses none);
- ``!ENV``, ``hooks`` and ``INHERIT`` are refused; ``!relative`` (a path) is allowed;
- ``docs_dir``, ``site_dir``, ``theme.custom_dir`` and the hoctap plugin's ``events_dir`` stay
  inside the project folder;
- ``plugins`` and ``markdown_extensions`` name only those in ``ALLOWED_PLUGINS`` and
  ``ALLOWED_EXTENSIONS``: ``pymdownx.snippets`` would publish any file of the machine
  (``--8<-- "/etc/passwd"``), ``pymdownx.b64`` inlines files from a folder of its choice, Material's
  ``privacy`` and ``social`` plugins download from other hosts, ``info`` zips the project folder,
  and any other installed package could run its own code on content.

Then MkDocs validates the options itself; each of its errors and warnings (``hoctap build`` runs
MkDocs with ``--strict``, so warnings are errors too) becomes one ``ContentError`` naming
mkdocs.yml, the line of the option and a Vietnamese message.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path, PurePosixPath

import yaml

from ..core.problems import ContentError, Problems
from ..core.sources import _yaml_problem_vi, read_text

ALLOWED_PYTHON_NAMES = frozenset({
    "material.extensions.emoji.twemoji",
    "material.extensions.emoji.to_svg",
    "pymdownx.superfences.fence_code_format",
})
# Markdown extensions that only transform the page's own text (Python-Markdown's and the harmless
# pymdownx ones). Not: pymdownx.snippets (includes files), pymdownx.b64 (inlines files),
# pymdownx.pathconverter, or anything else installed.
_MARKDOWN = ("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
             "sane_lists", "smarty", "meta", "nl2br", "fenced_code", "codehilite", "wikilinks", "legacy_attrs",
             "legacy_em")
_PYMDOWNX = ("betterem", "caret", "critical", "details", "emoji", "escapeall", "highlight", "inlinehilite",
             "keys", "magiclink", "mark", "saneheaders", "smartsymbols", "superfences", "tabbed", "tasklist",
             "tilde", "blocks.admonition", "blocks.details", "blocks.tab", "blocks.caption", "blocks.definition")
ALLOWED_EXTENSIONS = frozenset(
    [*_MARKDOWN, *(f"markdown.extensions.{name}" for name in _MARKDOWN),
     *(f"pymdownx.{name}" for name in _PYMDOWNX), "material.extensions.emoji"])
# hoctap does the search, the feeds and everything else; MkDocs' own search plugin only indexes
# the built pages (harmless, though hoctap's index replaces it). The list stays minimal.
ALLOWED_PLUGINS = frozenset({"hoctap", "search"})
_STANDARD_TAG = "tag:yaml.org,2002:"
_PYTHON_TAG = _STANDARD_TAG + "python/"
_ALLOWED_LOCAL_TAGS = {"!relative"}
_INSIDE_PROJECT = ("docs_dir", "site_dir", ("theme", "custom_dir"), ("plugins", "hoctap", "events_dir"))

HINT_PYTHON = "thẻ này chạy mã Python khi xây dựng trang; hãy xóa nó"


class ConfigProblems(Exception):
    """mkdocs.yml cannot be used; carries every problem found."""

    def __init__(self, problems: list[ContentError]):
        self.problems = sorted(problems, key=ContentError.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


# -- before MkDocs: compose only, no value is built ---------------------------------------------

def _walk(node: yaml.Node, loc: tuple, lines: dict, values: dict, found: list) -> None:
    """Record the line and value node of every option path, and every node (keys too) in ``found``."""
    lines.setdefault(loc, node.start_mark.line + 1)
    values.setdefault(loc, node)
    found.append((loc, node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            lines.setdefault(loc + (name,), key.start_mark.line + 1)
            found.append((loc + (name,), key))     # a tag on a key is checked too
            _walk(value, loc + (name,), lines, values, found)
    elif isinstance(node, yaml.SequenceNode):
        listed = loc in (("plugins",), ("markdown_extensions",))
        for i, item in enumerate(node.value):
            # plugins and markdown_extensions are lists of names or one-key mappings (`- hoctap: {...}`)
            if listed and isinstance(item, yaml.MappingNode) and len(item.value) == 1 \
                    and isinstance(item.value[0][0], yaml.ScalarNode):
                key, value = item.value[0]
                lines.setdefault(loc + (key.value,), key.start_mark.line + 1)
                found.append((loc + (key.value,), key))
                _walk(value, loc + (key.value,), lines, values, found)
                continue
            if listed and isinstance(item, yaml.ScalarNode):
                lines.setdefault(loc + (item.value,), item.start_mark.line + 1)
            _walk(item, loc + (i,), lines, values, found)


def _dotted(loc: tuple) -> str:
    return ".".join(str(p) for p in loc if not isinstance(p, int))


def scan(path: Path, root: Path, problems: Problems) -> dict[tuple, int]:
    """Refuse what would run code or read outside the project; return the line of every option."""
    text = read_text(path, problems)
    if text is None:
        return {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.add(path, mark.line + 1 if mark else None, "", "Lỗi cú pháp YAML: " + _yaml_problem_vi(exc),
                     "kiểm tra dấu hai chấm, thụt lề bằng dấu cách và dấu ngoặc kép")
        return {}
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        problems.add(path, None, "", f"Lỗi cú pháp YAML: {exc}")
        return {}
    lines: dict[tuple, int] = {}
    values: dict[tuple, yaml.Node] = {}
    found: list = []
    if node is None:
        return lines
    _walk(node, (), lines, values, found)
    for loc, item in found:
        _check_tag(path, loc, item, problems)
    if isinstance(node, yaml.MappingNode):
        top = {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        if "hooks" in top:
            problems.add(path, lines[("hooks",)], "hooks",
                         "Không dùng 'hooks' trong mkdocs.yml: tệp Python ở đây sẽ được chạy khi xây dựng trang.",
                         "xóa mục hooks")
        if "INHERIT" in top:
            problems.add(path, lines[("INHERIT",)], "INHERIT",
                         "Không dùng 'INHERIT': mọi cấu hình phải nằm ngay trong mkdocs.yml.",
                         "chép các mục cần dùng vào mkdocs.yml rồi xóa dòng INHERIT")
        _check_folders(path, root, values, problems)
        for option, allowed in (("plugins", ALLOWED_PLUGINS), ("markdown_extensions", ALLOWED_EXTENSIONS)):
            if option in top:
                _check_names(path, option, top[option][1], allowed, problems)
    return lines


def _check_names(path: Path, option: str, node: yaml.Node, allowed: frozenset, problems: Problems) -> None:
    """Refuse a plugin or Markdown extension that is not on the allow-list."""
    items = node.value if isinstance(node, yaml.SequenceNode) else \
        [k for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []
    for item in items:
        if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            item = item.value[0][0]
        if not isinstance(item, yaml.ScalarNode):
            continue                                   # MkDocs reports the wrong shape itself
        name = item.value.strip()
        if name in allowed:
            continue
        if option == "plugins":
            message = (f"Không dùng plugin '{name}': trang chỉ dùng plugin hoctap (và search; plugin khác có thể chạy mã, "
                       "tải dữ liệu từ máy chủ khác hoặc đăng tệp ngoài dự án).")
        else:
            message = (f"Không dùng phần mở rộng Markdown '{name}': nó có thể đưa tệp ngoài dự án lên trang "
                       "hoặc chưa được kiểm tra an toàn.")
        problems.add(path, item.start_mark.line + 1, option, message,
                     "xóa dòng này; các phần mở rộng được phép có trong hướng dẫn, mục cấu hình")


def _check_tag(path: Path, loc: tuple, node: yaml.Node, problems: Problems) -> None:
    tag = node.tag or ""
    field = _dotted(loc)
    line = node.start_mark.line + 1
    if tag.startswith(_PYTHON_TAG):
        short = "!!" + tag[len(_STANDARD_TAG):]
        if tag.startswith(_PYTHON_TAG + "name:") and tag[len(_PYTHON_TAG + "name:"):] in ALLOWED_PYTHON_NAMES:
            return
        problems.add(path, line, field, f"Không được dùng thẻ '{short}' trong mkdocs.yml.", HINT_PYTHON)
    elif tag == "!ENV":
        problems.add(path, line, field,
                     "Không được dùng thẻ '!ENV': giá trị của biến môi trường (có thể là mật khẩu của máy "
                     "xây dựng trang) sẽ bị đăng lên trang.", "ghi thẳng giá trị vào mkdocs.yml")
    elif tag.startswith("!") and tag not in _ALLOWED_LOCAL_TAGS:
        problems.add(path, line, field, f"Thẻ YAML '{tag}' không được hỗ trợ trong mkdocs.yml.", "xóa thẻ này")
    elif tag.startswith("tag:") and not tag.startswith(_STANDARD_TAG):
        problems.add(path, line, field, f"Thẻ YAML '{tag}' không được hỗ trợ trong mkdocs.yml.", "xóa thẻ này")


def _check_folders(path: Path, root: Path, values: dict, problems: Problems) -> None:
    for want in _INSIDE_PROJECT:
        want = want if isinstance(want, tuple) else (want,)
        node = values.get(want)
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STANDARD_TAG + "str" or not node.value.strip():
            continue
        value = node.value.strip()
        target = (root / value).resolve()
        if PurePosixPath(value.replace("\\", "/")).is_absolute() or re.match(r"^[A-Za-z]:", value) \
                or not target.is_relative_to(root.resolve()) or target == root.resolve():
            problems.add(path, node.start_mark.line + 1, _dotted(want),
                         f"Thư mục '{value}' phải là một thư mục con trong thư mục của trang (nơi có mkdocs.yml).",
                         "dùng đường dẫn tương đối, không bắt đầu bằng / và không có '..'")


# -- MkDocs' own validation, translated ------------------------------------------------------------

_TYPES = {"str": "chữ", "bool": "true hoặc false", "int": "số nguyên", "list": "danh sách", "dict": "nhóm các dòng 'tên: giá trị'",
          "float": "số", "NoneType": "để trống"}


def _type(name: str) -> str:
    return _TYPES.get(name, name)


def _translate(message: str) -> tuple[str, str]:
    """(Vietnamese message, hint) for one of MkDocs' config messages; unknown ones keep the original
    English in the hint, so nothing is lost."""
    m = re.match(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>", message)
    if m:
        return f"Phải là {_type(m.group(1))}, không phải {_type(m.group(2))}.", ""
    m = re.match(r"Unrecognised configuration name: (.*)", message)
    if m:
        return f"MkDocs không có tùy chọn '{m.group(1)}'.", "kiểm tra chính tả, hoặc xóa dòng này"
    m = re.match(r"Unrecognised theme name: '([^']*)'\. The available installed themes are: (.*)", message)
    if m:
        return f"Không có giao diện (theme) tên '{m.group(1)}'.", f"các giao diện có sẵn: {m.group(2)}"
    if message.startswith("No theme name set"):
        return "Thiếu tên giao diện (theme.name).", "ghi 'name: material' dưới theme"
    m = re.match(r'The "([^"]*)" plugin is not installed', message)
    if m:
        return f"Không có plugin tên '{m.group(1)}'.", "kiểm tra chính tả tên plugin"
    m = re.match(r"Failed to load extension '([^']*)'", message)
    if m:
        return f"Không tải được phần mở rộng Markdown '{m.group(1)}'.", "kiểm tra chính tả tên phần mở rộng"
    if message.startswith("Required configuration not provided"):
        return "Thiếu tùy chọn bắt buộc.", ""
    if message.startswith("The URL isn't valid"):
        return "Địa chỉ không hợp lệ.", "ghi đầy đủ, ví dụ https://ten-trang.example.org/"
    m = re.match(r"Expected nav to be a list, got a (\w+)", message)
    if m:
        return f"Mục nav phải là danh sách, không phải {_type(m.group(1))}.", ""
    m = re.match(r"The path '([^']*)' isn't an existing (file|directory)", message)
    if m:
        what = "tệp" if m.group(2) == "file" else "thư mục"
        return f"Không có {what} '{m.group(1)}'.", ""
    return "Tùy chọn không hợp lệ.", f"MkDocs báo: {message.strip()}"


def _located(name: str, message: str) -> tuple[tuple, str]:
    """Option path and the rest of the message (plugin options are named inside the message)."""
    m = re.match(r"Plugin '([^']*)' option '([^']*)': (.*)", message, re.S)
    if name == "plugins" and m:
        return ("plugins", m.group(1), m.group(2)), m.group(3)
    m = re.match(r"Plugin '([^']*)' value: '([^']*)'\. Error: (.*)", message, re.S)
    if name == "plugins" and m:
        return ("plugins", m.group(1), m.group(2)), m.group(3)
    m = re.match(r'The "([^"]*)" plugin is not installed', message)
    if name == "plugins" and m:
        return ("plugins", m.group(1)), message
    m = re.match(r"Failed to load extension '([^']*)'", message)
    if name == "markdown_extensions" and m:
        return ("markdown_extensions", m.group(1)), message
    return tuple(name.split(".")), message


def load_mkdocs_config(path: Path):
    """MkDocsConfig of ``path`` after ``scan``; raises ``ConfigProblems`` with every problem."""
    root = path.parent
    problems = Problems(root)
    lines = scan(path, root, problems)
    if problems.errors:
        raise ConfigProblems(problems.items)
    from mkdocs import exceptions
    from mkdocs.config.defaults import MkDocsConfig

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        cfg = MkDocsConfig(config_file_path=str(path))
        with open(path, "rb") as handle:
            cfg.load_file(handle)
        errors, warnings = cfg.validate()
    except exceptions.ConfigurationError as exc:
        problems.add(path, None, "", "Tệp cấu hình không hợp lệ.", f"MkDocs báo: {exc}")
        raise ConfigProblems(problems.items) from None
    finally:
        logger.setLevel(level)
    # ``hoctap build`` runs MkDocs with --strict: a warning about the configuration stops it too.
    for name, error in [*errors, *warnings]:
        loc, rest = _located(name, str(error))
        message, hint = _translate(rest)
        line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
        problems.add(path, line, ".".join(loc), message, hint)
    if problems.errors:
        raise ConfigProblems(problems.items)
    return cfg
