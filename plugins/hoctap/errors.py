"""Content problems: one type carrying file, line and field, collected then reported at once."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


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
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.severity == "warning":
            text = "[cảnh báo] " + text
        return text


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

    def rel(self, path: Path | str) -> str:
        path = Path(path)
        try:
            # The folder is resolved, not the file itself: a symbolic link is named as it is.
            return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path | str, line: int | None, field_name: str, message: str,
            hint: str = "", severity: str = "error") -> None:
        self.items.append(ContentError(self.rel(path), line, field_name, message, hint, severity))

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
