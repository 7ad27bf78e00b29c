"""Paginated listings and static facet pages, shared by the record kinds (documents, bodies,
honour roll): every listing page has a bounded size, and filters are plain links to generated
pages, so they work without JavaScript and over file://."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence, TypeVar

from .urls import page_source, relative

T = TypeVar("T")

PAGE_SIZE = 30   # rows of one listing page


def chunks(items: Sequence[T], size: int = PAGE_SIZE) -> list[list[T]]:
    """``items`` cut into pages of ``size``; one empty page when there is nothing."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)] or [[]]


def pager(src_uri: str, n: int, total: int, path_of: Callable[[int], str]) -> dict[str, Any] | None:
    """Links of page ``n`` of ``total`` (``path_of(k)`` is the output path of page k); None for one page."""
    if total <= 1:
        return None
    return {
        "pages": [(i, relative(src_uri, path_of(i)), i == n) for i in range(1, total + 1)],
        "prev": relative(src_uri, path_of(n - 1)) if n > 1 else None,
        "next": relative(src_uri, path_of(n + 1)) if n < total else None,
    }


@dataclass(frozen=True)
class Facet:
    """One value of one filter group: its label, how many items it has and its pages' paths."""

    group: str                       # "loai"
    value: str                       # "quyet-dinh"
    label: str                       # "Quyết định"
    count: int
    path_of: Callable[[int], str]    # page number -> output path

    @property
    def path(self) -> str:
        return self.path_of(1)


def facet_bar(src_uri: str, groups: list[tuple[str, list[Facet]]], current: Facet | None,
              all_path: str) -> dict[str, Any]:
    """The filter bar of a listing: per group, (label, count, link, current); and "all"."""
    return {
        "all": (relative(src_uri, all_path), current is None),
        "groups": [(title, [(f.label, f.count, relative(src_uri, f.path),
                             current is not None and (f.group, f.value) == (current.group, current.value))
                            for f in facets])
                   for title, facets in groups if facets],
    }


def paginated(items: Sequence[T], path_of: Callable[[int], str]):
    """(src_uri, page items, pager) of each page of a listing."""
    pages = chunks(items)
    for n, page_items in enumerate(pages, start=1):
        src_uri = page_source(path_of(n))
        yield src_uri, page_items, pager(src_uri, n, len(pages), path_of), n
