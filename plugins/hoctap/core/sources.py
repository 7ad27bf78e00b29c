"""Read YAML files and Markdown front matter, keeping the line of every field.

Scalars follow a safe subset: ``true``/``false`` are booleans, ``null``/``~``/empty
is None, plain integers and decimals are numbers; everything else stays a string.
YAML 1.1 surprises (``14:30`` read as 870, ``no`` as False, ``2026-04-21`` as a
date object) never happen: the models parse dates and times from strings.

Hostile input is refused before anything is built from it (README "Content mistakes"):
a file over ``MAX_FILE_BYTES`` is not read; anchors (``&``), aliases (``*``) and explicit
tags (``!``) are refused and nesting deeper than ``MAX_DEPTH`` is refused while scanning the
event stream, before composing, so neither an alias bomb nor a deep list can exhaust memory or
the stack; raw control characters are reported with their line and field.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import textcache
from .problems import Problems

Path_t = tuple  # a field path such as ("dia_diem", "ten") or ("lich", 0, "ngay")


def _safe_subset(cls):
    """Give a loader class only the implicit types listed in the module docstring."""
    cls.yaml_implicit_resolvers = {}
    cls.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    cls.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    cls.add_implicit_resolver(  # at most 18 digits: longer stays text (no huge int conversions)
        "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]{1,18}$"), list("-+0123456789"))
    cls.add_implicit_resolver(
        "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]{1,18}\.[0-9]{0,18}|\.[0-9]{1,18})$"),
        list("-+0123456789."))
    return cls


@_safe_subset
class _Loader(yaml.SafeLoader):
    """SafeLoader (PyYAML's pure-Python scanner) with only the implicit types listed above.
    It reads every file that has a problem, so that messages and their lines never depend on
    whether libyaml is installed."""


_FastLoader = None
if getattr(yaml, "__with_libyaml__", False) and hasattr(yaml, "CSafeLoader"):
    @_safe_subset
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """The same loader on libyaml's C parser: about 5× faster. Used for a file only when it
        reads without any problem (see ``parse_yaml``); any problem, or any difference in what the
        C parser accepts, sends the file to ``_Loader``."""


MAX_FILE_BYTES = 1_000_000   # one content file (YAML or Markdown): about 1 MB
MAX_DEPTH = 20               # levels of lists and groups nested in one another
MAX_REPORTS = 10             # anchors/aliases/tags/characters reported per file; the rest summarised



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


def _construct(node: yaml.Node, loader, loc: Path_t, lines: dict, problems: Problems,
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


def _vi_count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class _Refused(Exception):
    """The event scan found a structure that must not be composed."""


def _scan_events(text: str, path: Path, problems: Problems, line_offset: int, lines: dict,
                 loader_class=_Loader) -> bool:
    """Walk the YAML event stream once, keeping only a stack of field paths (no nodes are built):
    report anchors, aliases, explicit tags and nesting deeper than ``MAX_DEPTH``. True if clean.
    Raises ``yaml.MarkedYAMLError`` on a syntax error."""
    loader = loader_class(text)
    frames: list[list] = []   # [path, is_mapping, expecting_key, last_key, next_index]
    found: dict[int, tuple[Path_t, list[str]]] = {}   # line -> (first field, markers on that line)
    try:
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                frames.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            line = event.start_mark.line + 1 + line_offset
            loc: Path_t = ()
            if frames:
                frame = frames[-1]
                if frame[1]:
                    if frame[2]:
                        loc = frame[0]
                        frame[3] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                        lines.setdefault(loc + (frame[3],), line)
                    else:
                        loc = frame[0] + (frame[3],)
                    frame[2] = not frame[2]
                else:
                    loc = frame[0] + (frame[4],)
                    frame[4] += 1
                    lines.setdefault(loc, line)
            markers = []
            if event.anchor is not None:
                markers.append(("*" if isinstance(event, yaml.AliasEvent) else "&") + str(event.anchor)[:40])
            if getattr(event, "tag", None) is not None:
                markers.append(str(event.tag)[:40].replace("tag:yaml.org,2002:", "!!"))
            if markers:
                entry = found.setdefault(line, (loc, []))
                entry[1].extend(m for m in markers if m not in entry[1])
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(frames) >= MAX_DEPTH:
                    problems.add(path, line, _dotted(loc[:1]),
                                 f"Cấu trúc lồng nhau quá sâu (hơn {MAX_DEPTH} cấp).",
                                 "mỗi trường chỉ cần vài cấp thụt lề; kiểm tra các dấu [ { hoặc - thừa")
                    raise _Refused
                frames.append([loc, isinstance(event, yaml.MappingStartEvent), True, None, 0])
    except _Refused:
        return False
    finally:
        loader.dispose()
        for line in sorted(found)[:MAX_REPORTS]:
            loc, markers = found[line]
            shown = ", ".join(markers[:5]) + (", …" if len(markers) > 5 else "")
            problems.add(path, line, _dotted(loc),
                         f"Không dùng neo (&), bí danh (*) hay thẻ (!) của YAML: {shown}.",
                         "viết đầy đủ giá trị ở từng chỗ; chữ có dấu & * ! ở đầu thì đặt trong dấu ngoặc kép")
        if len(found) > MAX_REPORTS:
            problems.add(path, None, "", f"Còn {_vi_count(len(found) - MAX_REPORTS)} dòng khác dùng neo, bí danh "
                         f"hoặc thẻ của YAML (chỉ báo {MAX_REPORTS} dòng đầu).")
    return not found


def parse_yaml(text: str, path: Path, problems: Problems, line_offset: int = 0,
               scanned: dict | None = None) -> Located | None:
    """Parse YAML text; on a syntax error report it with its line and return None.
    ``scanned`` receives the line of every field seen, even when the file is refused.

    libyaml's C parser (``_FastLoader``) reads the file first when it is installed; its result is
    kept only when it found no problem at all. Otherwise (a syntax error, an anchor, a tag, a
    duplicate field, …) the file is read again by PyYAML's pure-Python parser, which alone writes
    the messages, so that their wording and lines are the same with or without libyaml."""
    # libyaml accepts a tab between tokens (``a:\t1``) where PyYAML refuses it: text with a tab
    # anywhere goes to PyYAML straight away.
    if _FastLoader is not None and "\t" not in text:
        # A clean result is kept between runs (``textcache``): plain data, the same for any file.
        clean = textcache.current().get("yaml", f"{line_offset}\n{text}", lambda: _parse_clean(text, line_offset),
                                        keep=lambda result: result)
        if clean is not None:
            data, lines, fields = clean
            if scanned is not None:
                scanned.update(fields)
            return Located(path, data, lines)
    try:
        return _parse_with(_Loader, text, path, problems, line_offset, {} if scanned is None else scanned)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problems.add(path, line, "", "Lỗi cú pháp YAML: " + _yaml_problem_vi(exc),
                     "kiểm tra dấu hai chấm, thụt lề bằng dấu cách và dấu ngoặc kép")
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: masking leaves no ReaderError
        problems.add(path, None, "", "Lỗi cú pháp YAML: cấu trúc không đúng (" + str(exc)[:200] + ").")
        return None


def _parse_clean(text: str, line_offset: int) -> tuple[Any, dict, dict] | None:
    """(data, lines of its fields, lines of every field seen) of a text libyaml reads without any
    problem; None otherwise."""
    quiet = Problems(Path("."))
    lines: dict = {}
    try:
        located = _parse_with(_FastLoader, text, Path("."), quiet, line_offset, lines)
    except yaml.YAMLError:
        return None
    if located is None or quiet.items:
        return None
    return located.data, located.lines, lines


def _parse_with(loader_class, text: str, path: Path, problems: Problems, line_offset: int,
                scanned: dict) -> Located | None:
    """Scan, then compose and construct with ``loader_class``. Raises ``yaml.YAMLError``."""
    if not _scan_events(text, path, problems, line_offset, scanned, loader_class):
        return None
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        located = Located(path, None)
        if node is not None:
            located.data = _construct(node, loader, (), located.lines, problems, path, line_offset)
        return located
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


# -- symbolic links ------------------------------------------------------------------------------
# A link in a content folder is refused when it is broken, leaves the project, points at a folder
# that holds it (a loop) or into a hidden folder (.git). Nothing is ever read through a refused link:
# ``read_text`` refuses such a route (with the link's own message, so that it is reported once
# however many files lie behind it), and the loaders' walks do not start in one (``refused_route``).

def symlink_problem(link: Path, root: Path, ancestors: set[Path] | None = None) -> tuple[str, str] | None:
    """(message, hint) when the symbolic link ``link`` must not be followed, else None.
    ``ancestors``: the real folders on the way down to it (default: its own folder); a link to
    one of them makes a loop."""
    raw = os.readlink(link)
    root = root.resolve()
    try:
        target = link.resolve(strict=True)
    except (FileNotFoundError, RuntimeError, OSError):
        return (f"Liên kết tượng trưng (symlink) '{link.name}' trỏ tới '{raw}', nơi không có tệp nào.",
                "xóa liên kết này, hoặc chép tệp thật vào đây")
    try:
        inside = target.relative_to(root)
    except ValueError:
        return (f"Liên kết tượng trưng (symlink) '{link.name}' trỏ ra ngoài kho nội dung ('{raw}'): "
                "tệp ngoài kho không bao giờ được đăng.",
                "xóa liên kết này, hoặc chép tệp thật vào thư mục content/")
    if ancestors is None:
        ancestors = {link.parent.resolve()}
    if target.is_dir() and any(a.is_relative_to(target) for a in ancestors):
        return (f"Liên kết tượng trưng (symlink) '{link.name}' trỏ về thư mục chứa chính nó ('{raw}'): "
                "vòng lặp không có điểm dừng.", "xóa liên kết này")
    if any(part.startswith(".") for part in inside.parts):
        return (f"Liên kết tượng trưng (symlink) '{link.name}' trỏ vào thư mục ẩn '{inside.as_posix()}' "
                "(như .git, nơi có thể chứa mật khẩu): không được đăng.", "xóa liên kết này")
    return None


def refused_route(path: Path, root: Path) -> tuple[Path, str, str] | None:
    """(link, message, hint) for the first refused symbolic link on the way from the project
    folder ``root`` down to ``path`` (``path`` itself included); None when the way is clear or
    ``path`` is not written under ``root``."""
    for base in (root, None):
        base = base or root.resolve()   # resolved only when the path is not written under root
        try:
            parts = path.relative_to(base).parts
            root = base
            break
        except ValueError:
            continue
    else:
        return None
    current = root
    walked = [root]
    for part in parts:
        current = current / part
        if current.is_symlink():
            problem = symlink_problem(current, root, {p.resolve() for p in walked})
            if problem is not None:
                return (current, *problem)
        walked.append(current)
    return None


def walkable(folder: Path, root: Path) -> bool:
    """A folder a walk may start in: a real folder, not behind a refused symbolic link."""
    return folder.is_dir() and refused_route(folder, root) is None


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a UTF-8 file of at most ``MAX_FILE_BYTES``; accept a BOM and Windows line endings;
    refuse other encodings. The text is normalised to NFC (see ``values``: NFD input compares
    equal to NFC). A file reached through a refused symbolic link is not read (the link is
    reported)."""
    refused = refused_route(path, problems.root)
    if refused is not None:
        link, message, hint = refused
        problems.add(link, None, "lien-ket-tep", message, hint)
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(path, None, "", f"Tệp quá lớn: {_vi_count(size)} byte, tối đa {_vi_count(MAX_FILE_BYTES)} byte "
                     "(khoảng 1 MB).", "chia nội dung thành nhiều tệp; ảnh và tài liệu đặt riêng trong content/assets/")
        return None
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)   # the file may have grown since stat
    if len(raw) > MAX_FILE_BYTES:
        problems.add(path, None, "", f"Tệp quá lớn: hơn {_vi_count(MAX_FILE_BYTES)} byte (khoảng 1 MB).",
                     "chia nội dung thành nhiều tệp; ảnh và tài liệu đặt riêng trong content/assets/")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, "", "Tệp không phải mã UTF-8.",
                     "mở tệp bằng trình soạn thảo và lưu lại với mã hóa UTF-8")
        return None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


# Characters refused wherever they stand in a content file: C0 controls but tab and line feed, DEL,
# C1 controls (U+0080–U+009F: usually mojibake), the Unicode line/paragraph separators (YAML would
# count them as line breaks) and the noncharacters U+FFFE/U+FFFF. Escapes inside double quotes
# ("\e", "\x1b") produce the same characters after parsing: the value types refuse those.
_RAW_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _raw_chars(text: str) -> list[tuple[int, str]]:
    """(line, character) of the first forbidden character of each line that has one."""
    out: list[tuple[int, str]] = []
    for match in _RAW_FORBIDDEN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if not out or out[-1][0] != line:
            out.append((line, match.group()))
    return out


def _mask(text: str) -> str:
    """The text with each forbidden character replaced, so that parsing goes on and reports the rest."""
    return _RAW_FORBIDDEN.sub("\ufffd", text)


def _field_at(lines: dict, line: int, whole: bool) -> str:
    """The field written on ``line``, or (when the whole file was read: ``whole``) the field whose
    value runs over it."""
    best: tuple[int, int, Path_t] | None = None
    for loc, start in lines.items():
        if (start == line or (whole and start < line)) and (best is None or (start, len(loc)) > best[:2]):
            best = (start, len(loc), loc)
    return _dotted(best[2]) if best else ""


def _report_raw(chars: list[tuple[int, str]], lines: dict, path: Path, problems: Problems,
                line_offset: int = 0, field_lines: int | None = None, whole: bool = True) -> None:
    """Report forbidden characters; those on the first ``field_lines`` lines name their YAML field."""
    for line, char in chars[:MAX_REPORTS]:
        code = f"U+{ord(char):04X}"
        in_yaml = field_lines is None or line <= field_lines
        where = _field_at(lines, line + line_offset, whole) if in_yaml else ""
        if char in "\u2028\u2029":
            problems.add(path, line + line_offset, where, f"Có ký tự ngắt dòng đặc biệt {code} không được phép.",
                         "thay bằng một lần xuống dòng bình thường")
        elif char in "\ufffe\uffff":
            problems.add(path, line + line_offset, where, f"Có ký tự không hợp lệ {code}.", "xóa ký tự này")
        else:
            problems.add(path, line + line_offset, where, f"Có ký tự điều khiển {code} không được phép.",
                         "xóa ký tự ẩn này; nó thường lẫn vào khi sao chép từ phần mềm khác")
    if len(chars) > MAX_REPORTS:
        problems.add(path, None, "", f"Còn {_vi_count(len(chars) - MAX_REPORTS)} dòng khác có ký tự điều khiển "
                     f"(chỉ báo {MAX_REPORTS} dòng đầu).")


# -- one parse per file and build --------------------------------------------------------------
# The kinds' loaders, the shared rules (site/rules.check_duplicates) and the publishing checks
# (core/publishing) all read the content files; a file that parsed without any problem is parsed
# once and shared (keyed by its path, modification time and size, so an edit under ``serve`` is
# read again). A file with a problem is parsed again by each reader, so that each reports it.
_PARSED: dict[tuple[str, str], tuple[tuple[int, int], Located]] = {}


def _cached(kind: str, path: Path, problems: Problems, parse, keep=lambda located: True) -> Located | None:
    try:
        stat = path.stat()
    except OSError:
        return parse(problems)
    key, stamp = (kind, str(path)), (stat.st_mtime_ns, stat.st_size)
    hit = _PARSED.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    local = Problems(problems.root)
    located = parse(local)
    for item in local.items:   # as Problems.add: the same problem twice is kept once
        if item not in problems._seen:
            problems._seen.add(item)
            problems.items.append(item)
    if located is not None and not local.items and keep(located):
        _PARSED[key] = (stamp, located)
    else:
        _PARSED.pop(key, None)
    return located


def load_yaml_file(path: Path, problems: Problems) -> Located | None:
    return _cached("yaml", path, problems, lambda p: _load_yaml_file(path, p))


def load_front_matter_file(path: Path, problems: Problems, required: bool = True) -> Located | None:
    """Split a Markdown file into front matter (with lines) and body."""
    # One key whatever ``required`` says: a file with front matter reads the same either way; one
    # without (``required=False`` gives it empty data) is not kept (see _cached's ``keep``).
    return _cached("md", path, problems, lambda p: _load_front_matter_file(path, p, required),
                   keep=lambda located: bool(located.lines))


def _load_yaml_file(path: Path, problems: Problems) -> Located | None:
    text = read_text(path, problems)
    if text is None:
        return None
    chars = _raw_chars(text)
    if chars:
        text = _mask(text)
    if _has_tab_indent(text, path, problems, 0):
        _report_raw(chars, {}, path, problems)
        return None
    lines: dict = {}
    located = parse_yaml(text, path, problems, scanned=lines)
    _report_raw(chars, lines, path, problems, whole=located is not None)
    return located


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _load_front_matter_file(path: Path, problems: Problems, required: bool = True) -> Located | None:
    text = read_text(path, problems)
    if text is None:
        return None
    match = _FRONT.match(text)
    if not match:
        if required:
            problems.add(path, 1, "", "Thiếu phần thông tin đầu trang (front matter) giữa hai dòng ---.",
                         "dòng đầu tiên của tệp phải là ---")
            return None
        _report_raw(_raw_chars(text), {}, path, problems)
        return Located(path, {}, {}, text, 1)
    fm = match.group(1) or ""
    chars = _raw_chars(text)
    if chars:
        fm = _mask(fm)
    if _has_tab_indent(fm, path, problems, 1):
        _report_raw(chars, {}, path, problems)
        return None
    lines: dict = {}
    located = parse_yaml(fm, path, problems, line_offset=1, scanned=lines)
    # Lines of the file: 1 is "---", the front matter follows; the rest (body) names no field.
    _report_raw(chars, lines, path, problems, field_lines=1 + fm.count("\n"), whole=located is not None)
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
