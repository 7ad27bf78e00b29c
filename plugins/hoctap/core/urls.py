"""Output paths and relative links. The site is built with ``use_directory_urls: false``
so that every link also works from a USB copy opened with file://."""

from __future__ import annotations

import posixpath


def output_path(src_uri: str) -> str:
    """``lich/2026-04.md`` → ``lich/2026-04.html``; other files keep their path."""
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


def relative(from_src_uri: str, to_path: str) -> str:
    """Link from the page built from ``from_src_uri`` to the output path ``to_path`` (may carry #anchor)."""
    target, hash_, anchor = to_path.partition("#")
    start = posixpath.dirname(output_path(from_src_uri)) or "."
    rel = posixpath.relpath(target or output_path(from_src_uri), start)
    return rel + (hash_ + anchor if hash_ else "")


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")
