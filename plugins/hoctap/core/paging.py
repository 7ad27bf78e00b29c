"""Pagination of generated listings: chunks of a fixed size and a pager whose size does not
grow with the number of pages (first, last, the current page and its neighbours)."""

from __future__ import annotations

from typing import Any, Callable, Sequence, TypeVar

from .urls import relative

T = TypeVar("T")
WINDOW = 2   # pages shown on each side of the current one


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` in pages of ``size``; one empty page when there is nothing."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)] or [[]]


def pager(src_uri: str, n: int, total: int, path_of: Callable[[int], str]) -> dict[str, Any] | None:
    """Links from page ``n`` of ``total`` (``path_of(i)``: output path of page i): previous, next
    and a bounded list of page numbers, ``None`` standing for a gap ("…")."""
    if total <= 1:
        return None
    shown = sorted({1, total, *range(max(1, n - WINDOW), min(total, n + WINDOW) + 1)})
    pages: list[tuple[int, str, bool] | None] = []
    for i in shown:
        if pages and pages[-1] is not None and i > pages[-1][0] + 1:
            pages.append(None)
        pages.append((i, relative(src_uri, path_of(i)), i == n))
    return {
        "pages": pages,
        "prev": relative(src_uri, path_of(n - 1)) if n > 1 else None,
        "next": relative(src_uri, path_of(n + 1)) if n < total else None,
        "current": n,
        "total": total,
    }
