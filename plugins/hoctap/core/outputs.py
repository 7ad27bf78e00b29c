"""What renderers produce: generated pages and files, handed to whichever site builder runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data; ``src_uri`` is its path as if it were a file in docs_dir."""

    src_uri: str
    title: str
    html: str
    description: str = ""
    meta: dict = field(default_factory=dict, hash=False)
    source: str | None = None   # the content file staff edit for this page, relative to the project


class GeneratedFile:
    """A non-page output (feeds, .ics, JSON, CSV) with its exact bytes. ``content`` may be given as
    a function of no arguments that makes them: it is called the first time they are read (a build
    writes every file; ``hoctap check`` needs only the paths, and the .ics files were a quarter
    of its time)."""

    __slots__ = ("path", "_content")

    def __init__(self, path: str, content: "bytes | str | Callable[[], bytes | str]") -> None:
        self.path = path
        self._content = content

    @property
    def content(self) -> "bytes | str":
        if callable(self._content):
            self._content = self._content()
        return self._content

    def __eq__(self, other) -> bool:
        if not isinstance(other, GeneratedFile):
            return NotImplemented
        return self.path == other.path and self.content == other.content

    __hash__ = None

    def __repr__(self) -> str:
        return f"GeneratedFile(path={self.path!r})"


@dataclass
class Outputs:
    pages: list[GeneratedPage] = field(default_factory=list)
    files: list[GeneratedFile] = field(default_factory=list)

    def extend(self, other: "Outputs") -> None:
        self.pages.extend(other.pages)
        self.files.extend(other.files)
