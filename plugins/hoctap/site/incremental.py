"""Serving an edit: the pages to rewrite when only some content pages changed.

Under ``hoctap serve`` an edit is served alone when this module can show that it is local: every
changed file is an existing Markdown page of content/ (a page of a kind that says what the rest
of the site reads from its files, ``Kind.edit`` — news articles —, or a page no kind owns), it
passes every check ``hoctap check`` runs on one page, and what other pages, feeds, the calendar
and the search index read from it (front matter, reading time, anchors, search entry…) is the same
as in the hub of the last full build. Only those pages are then rewritten.

Anything else takes the full build, which reports problems the usual way: a data file,
mkdocs.yml, an asset, a new, deleted or renamed file, a file with a new problem, a page of a kind
that cannot tell (plans are cited everywhere), a change this scan cannot see.

No MkDocs here: the adapter renders the pages.
"""

from __future__ import annotations

import copy
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..core import search
from ..core.problems import Problems
from ..core.publishing import check_page_links, html_ids, markdown_to_html, published_uri
from ..core.sources import load_front_matter_file
from .hub import Hub, Paths, check_page

Stamp = tuple[int, int, int]   # (mtime in ns, size, mode) of one file or link


def scan(paths: Iterable[Path]) -> dict[str, Stamp]:
    """Every file and link under the folders given (and the files given), by path. Links are
    entries like files: not followed (a change behind a linked folder is not seen here, so the
    watcher's call finds nothing changed and the site is rebuilt)."""
    out: dict[str, Stamp] = {}

    def add(path: str) -> None:
        try:
            st = os.lstat(path)
        except OSError:
            return
        if not stat.S_ISDIR(st.st_mode):
            out[path] = (st.st_mtime_ns, st.st_size, st.st_mode)

    for top in map(str, paths):
        if not os.path.isdir(top) or os.path.islink(top):
            add(top)
            continue
        for current, dirnames, filenames in os.walk(top):
            for name in dirnames + filenames:
                add(os.path.join(current, name))
    return out


def scan_checked(paths: Paths, config_file: Path) -> dict[str, Stamp]:
    """``scan`` of every file a check reads: content/, events/ and mkdocs.yml."""
    return scan([paths.docs_dir, paths.events_dir, Path(config_file)])


def changed(before: dict[str, Stamp], after: dict[str, Stamp]) -> list[Path] | None:
    """The files whose stamp changed; None when a file came or went, or nothing visible changed."""
    if before.keys() != after.keys():
        return None
    out = [Path(p) for p in sorted(after) if after[p] != before[p]]
    return out or None


@dataclass(frozen=True)
class Edited:
    """What the rest of the site reads from one edited file, in the hub (``before``) and in the
    file as it is now (``after``): values compared with ``==``."""

    before: Any
    after: Any
    item: Any = None   # the kind's new model of the file, for other kinds' ``Kind.edit_checks``


def page_anchors(hub: Hub, src_uri: str, body: str) -> list[str]:
    """The anchors a page offers links from other pages, as hoctap check computes them."""
    return sorted(html_ids(hub.page_html(src_uri, markdown_to_html(hub.page_markdown(src_uri, body)))))


def _page_view(hub: Hub, path: Path, located) -> tuple:
    """What others read from a page no kind owns: its front matter (title, description…), its
    search entry's outline and its anchors."""
    data = located.data if isinstance(located.data, dict) else {}
    return (json.dumps(data, sort_keys=True, default=str, ensure_ascii=False),
            search.markdown_outline(located.body or ""),
            page_anchors(hub, published_uri(hub, path), located.body or ""))


def remember(hub: Hub) -> None:
    """Keep what others read from each page no kind owns (the hub keeps no model of them), so
    that an edit can be compared with it. Called when a hub is loaded for ``serve``."""
    owners = hub.markdown_owners()
    scratch = Problems(hub.paths.root)
    views = {}
    docs = hub.paths.docs_dir
    for path in sorted(docs.rglob("*.md")):
        if (not path.is_file() or path.resolve() in owners
                or any(part.startswith(".") for part in path.relative_to(docs).parts)):
            continue
        located = load_front_matter_file(path, scratch, required=False)
        if located is not None:
            views[path.resolve()] = _page_view(hub, path, located)
    hub.extras["page_views"], hub.extras["page_owners"] = views, owners


def _plain_page(hub: Hub, path: Path) -> Edited | None:
    before = hub.extras["page_views"].get(path.resolve())
    located = load_front_matter_file(path, hub.problems, required=False)
    if before is None or located is None:
        return None
    return Edited(before, _page_view(hub, path, located))


def local_edit(hub: Hub, paths: list[Path]) -> list[Path] | None:
    """``paths`` when the edit of these files is local (see the module docstring), else None.
    Needs ``remember(hub)``."""
    if "page_views" not in hub.extras:
        return None
    docs = hub.paths.docs_dir.resolve()
    fresh = Problems(hub.paths.root)
    view = copy.copy(hub)   # the same hub (what kinds set on it included), its problems kept apart
    view.problems = fresh
    for path in paths:
        real = path.resolve()
        if (path.suffix != ".md" or path.is_symlink() or not path.is_file()
                or not real.is_relative_to(docs)):
            return None
        kind = hub.extras["page_owners"].get(real)
        if kind is not None and kind.edit is None:
            return None
        check_page(path, fresh, hub.registry, kind is not None)
        if fresh.errors:
            return None
        edited = kind.edit(view, path) if kind is not None else _plain_page(view, path)
        if edited is None or fresh.errors or edited.before != edited.after:
            return None
        check_page_links(view, path)
        for other in hub.registry.kinds:
            for check in other.edit_checks:
                check(view, edited.item)
    # A warning the last full build did not print is printed by a full build.
    if fresh.errors or not set(fresh.warnings) <= set(hub.problems.warnings):
        return None
    return paths
