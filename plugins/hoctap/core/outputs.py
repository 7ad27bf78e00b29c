"""What renderers produce: generated pages and files, handed to whichever site builder runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


class GeneratedPage:
    """A page made from data; ``src_uri`` is its path as if it were a file in docs_dir.

    ``html`` may be given as a function of no arguments that makes it: it is called the first time
    the page's HTML is read (a build reads every page; ``hoctap check`` needs only the paths, and a
    page's anchors only when a link names one of them), and the result is kept."""

    __slots__ = ("src_uri", "title", "_html", "description", "meta", "source")

    def __init__(self, src_uri: str, title: str, html: "str | Callable[[], str]", description: str = "",
                 meta: dict | None = None, source: str | None = None) -> None:
        self.src_uri = src_uri
        self.title = title
        self._html = html
        self.description = description
        self.meta = meta if meta is not None else {}
        self.source = source   # the content file staff edit for this page, relative to the project

    @property
    def html(self) -> str:
        if callable(self._html):
            self._html = self._html()
        return self._html

    def take_maker(self, replacement: "Callable[[], str]") -> "Callable[[], str] | None":
        """The function that makes the HTML, replaced by ``replacement`` (which then makes it,
        e.g. by asking another process: core/prerender.py); None when the HTML is already made."""
        if not callable(self._html):
            return None
        maker, self._html = self._html, replacement
        return maker

    @property
    def rendered(self) -> bool:
        """Whether the HTML has been made (always, for a page given its HTML)."""
        return not callable(self._html)

    def __eq__(self, other) -> bool:
        if not isinstance(other, GeneratedPage):
            return NotImplemented
        return (self.src_uri, self.title, self.description, self.meta, self.source, self.html) == \
            (other.src_uri, other.title, other.description, other.meta, other.source, other.html)

    __hash__ = None

    def __repr__(self) -> str:
        return f"GeneratedPage(src_uri={self.src_uri!r}, title={self.title!r})"


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
