"""Content problems: one type carrying file, line and field, collected then reported at once."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
                        "\u200b\u2060\ufeff]")


def _printable(text: str) -> str:
    """Text safe for a terminal and a log: each invisible or control character as <U+XXXX>."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in a content file, worded in Vietnamese for staff."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error" fails the build, "warning" does not

    def sort_key(self) -> tuple:
        """File, then line (a problem without a line first), then the rest; never compares None with int."""
        return (self.file, self.line or 0, self.field, self.message, self.hint, self.severity)

    def format(self) -> str:
        """One line; control, bidi and invisible characters quoted from content show as <U+XXXX>."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.severity == "warning":
            text = "[cảnh báo] " + text
        return _printable(text)


class ContentErrors(Exception):
    """Raised once loading is over, carrying every problem found."""

    def __init__(self, problems: list[ContentError]):
        self.problems = sorted(problems, key=ContentError.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        head = f"Nội dung có {len(errors)} lỗi, chưa thể xây dựng trang:"
        return "\n".join([head, *("  " + p.format() for p in self.problems)])


@dataclass
class Problems:
    """Collector passed explicitly through loaders; never a global."""

    root: Path
    items: list[ContentError] = field(default_factory=list)
    _seen: set = field(default_factory=set, repr=False)

    _folders: dict = field(default_factory=dict, repr=False, compare=False)   # folder → resolved

    @cached_property
    def _real_root(self) -> Path:
        return self.root.resolve()

    def rel(self, path: Path | str) -> str:
        path = Path(path)
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        try:
            # The folder is resolved, not the file itself: a symbolic link is named as it is.
            return (folder / path.name).relative_to(self._real_root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path | str, line: int | None, field_name: str, message: str,
            hint: str = "", severity: str = "error") -> None:
        """Record a problem; the same problem found twice (by two checks of one file) is kept once."""
        item = ContentError(self.rel(path), line, field_name, message, hint, severity)
        if item not in self._seen:
            self._seen.add(item)
            self.items.append(item)

    def warn(self, path: Path | str, line: int | None, field_name: str, message: str, hint: str = "") -> None:
        self.add(path, line, field_name, message, hint, severity="warning")

    @property
    def errors(self) -> list[ContentError]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[ContentError]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.items)

    @contextmanager
    def mark(self) -> Iterator[list[int]]:
        """Yields a one-item list holding how many errors arose inside the block."""
        before = len(self.errors)
        box = [0]
        yield box
        box[0] = len(self.errors) - before


# Generic messages (the YAML reader, pydantic's translated errors, dates, references) → their
# explanation in the staff guide (content/huong-dan/loi.md). Kinds and shared rules put their own
# patterns first (``site.rules.guide_anchors``); the first match wins.
# Problems of the file itself (hostile or broken input) and of mkdocs.yml: matched before any other.
INPUT_ANCHORS: list[tuple[str, str]] = [
    (r"Tệp quá lớn", "tep-qua-lon"),
    (r"^(plugins|markdown_extensions): Không dùng (plugin|phần mở rộng)", "cau-hinh"),
    (r"neo \(&\), bí danh|neo, bí danh", "neo-bi-danh"),
    (r"lồng nhau quá sâu", "long-qua-sau"),
    (r"viết trên một dòng|trường một dòng|ký tự (điều khiển|đổi chiều chữ|ngắt dòng đặc biệt|không hợp lệ U)", "ky-tu-an"),
    (r"nằm ngoài khoảng cho phép", "ngay-gio"),
    (r"^(lien-ket-tep|svg|noi-dung): |không được phép|máy chủ khác|thiếu http|có dấu \\|dạng 'data:'|"
     r"loại không được đăng", "khong-an-toan"),
    (r"bài chưa đăng|^(lien-ket|anh): |trang không có tệp hay trang|Không có ảnh '|không có mục '#|"
     r"phải ghi tên tệp \.md|phải ghi đuôi \.html", "lien-ket-hong"),
    (r"Không được dùng thẻ|Không dùng '(hooks|INHERIT)'|Thẻ YAML|tùy chọn|giao diện|Không có plugin|"
     r"phần mở rộng Markdown|thư mục của trang|MkDocs báo|Mục nav|Địa chỉ không hợp lệ", "cau-hinh"),
]

GUIDE_ANCHORS: list[tuple[str, str]] = [
    (r"Trường không được hỗ trợ", "truong-khong-ho-tro"),
    (r"Thiếu trường bắt buộc", "thieu-truong-bat-buoc"),
    (r"Không được để trống", "thieu-truong-bat-buoc"),
    (r"khai báo hai lần", "khai-bao-hai-lan"),
    (r"Tab", "thut-le-bang-tab"),
    (r"Lỗi cú pháp YAML", "loi-cu-phap-yaml"),
    (r"UTF-8", "ma-hoa-utf-8"),
    (r"front matter", "thieu-front-matter"),
    (r"không phải là ngày|không có ngày|không có tháng|không phải là giờ|giờ không hợp lệ|"
     r"trước|sau ngày|kết thúc", "ngay-gio"),
    (r"chọn một trong", "gia-tri-khong-hop-le"),
    (r"chữ thường không dấu", "ma-khong-hop-le"),
    (r"trùng", "trung-lap"),
    (r"Không có |không có trong danh sách|không có mục", "tham-chieu"),
    (r"Phải là|không phải là|Phải lớn|Phải nhỏ|Cần ít nhất|Chỉ được", "sai-kieu"),
]
