"""What renderers produce: generated pages and files, handed to whichever site builder runs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data; ``src_uri`` is its path as if it were a file in docs_dir."""

    src_uri: str
    title: str
    html: str
    description: str = ""
    meta: dict = field(default_factory=dict, hash=False)
    source: str | None = None   # the content file staff edit for this page, relative to the project


@dataclass(frozen=True)
class GeneratedFile:
    """A non-page output (feeds, .ics, JSON, CSV) with its exact bytes."""

    path: str
    content: bytes


@dataclass
class Outputs:
    pages: list[GeneratedPage] = field(default_factory=list)
    files: list[GeneratedFile] = field(default_factory=list)

    def extend(self, other: "Outputs") -> None:
        self.pages.extend(other.pages)
        self.files.extend(other.files)
