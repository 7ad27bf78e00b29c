"""The hub: all content of one site loaded, validated and cross-checked in one pass.

``load_hub`` is the single entry point used by the MkDocs plugin and the ``hoctap``
command alike, so a check and a build can never disagree. The hub owns its registry
(``hub.registry``): the kinds it loads, their page blocks, renderers and event providers.
The hub itself names no kind.
"""

from __future__ import annotations

import os
import re
import secrets
from html import escape as _html_escape
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from . import rules, units
from .config import HubConfig, Unit
from ..core import textcache
from ..core.problems import ContentErrors, Problems
from ..core.publishing import check_links_and_files, check_site_assets, check_unsafe_pages
from ..core.outputs import Outputs
from ..core.render import render
from ..core.timezone import TZ
from ..core.urls import relative, urls
from ..core.validation import validate
from ..core.sources import Located, dotted, load_front_matter_file, read_text
from .registry import Block, Kind, Registry

if TYPE_CHECKING:
    from ..kinds.plans.model import PlanIndex


def reference_date() -> date:
    """The day the site is built for: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), TZ).date()
    return datetime.now(TZ).date()


@dataclass
class Paths:
    root: Path            # the project folder (where mkdocs.yml is)
    docs_dir: Path        # content/
    events_dir: Path      # events/


@dataclass
class Hub:
    config: HubConfig
    paths: Paths
    site_url: str
    site_name: str
    today: date
    problems: Problems
    registry: Registry
    plans: "PlanIndex | None" = None      # set by the plans kind, which every other kind may cite
    extras: dict[str, Any] = field(default_factory=dict)
    # Per-page hooks that content loaders register, keyed by src_uri (path inside docs_dir):
    page_fillers: dict[str, Callable[[str], str]] = field(default_factory=dict)  # markdown -> markdown
    page_meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # merged into the page's meta
    excluded: set[str] = field(default_factory=set)  # content files not to publish (drafts, future)
    # A hub of several units: address (path inside docs_dir) → the file of a unit folder published there.
    unit_files: dict[str, Path] = field(default_factory=dict)
    # src_uri → {marker: HTML} of the page whose Markdown was made last (``html_slot``).
    html_slots: dict[str, dict[str, str]] = field(default_factory=dict)

    # -- units -----------------------------------------------------------------------------

    @property
    def roots(self) -> list["units.Root"]:
        """Each unit's content and events folders (one root, docs_dir and events_dir, in a hub of one)."""
        return units.roots(self.config, self.paths.docs_dir, self.paths.events_dir)

    def unit_of(self, path: Path) -> str | None:
        """The code of the unit a content or event file belongs to."""
        cache = self.extras.setdefault("unit_of", {})
        if path not in cache:
            cache[path] = units.unit_of(self.config, self.paths.docs_dir, self.paths.events_dir, path)
        return cache[path]

    def unit_mark(self, path: Path) -> str:
        """The unit's name shown next to an item in a hub of several units ("" in a hub of one)."""
        if self.config is None or not self.config.multi:
            return ""
        unit = self.unit(self.unit_of(path))
        return units.unit_label(unit) if unit else ""

    def unit_filter(self, src_uri: str, section: Callable, scope: "units.Scope | None" = None) -> list[tuple[str, str, bool]]:
        """The unit filter of a listing (works without JavaScript): (label, link, current) to the
        same listing of the hub and of each unit's section; empty in a hub of one unit.
        ``section`` is the listing's method of ``Urls`` (``Urls.calendar_index``)."""
        if self.config is None or not self.config.multi:
            return []
        scope = scope or self.scope
        out = [("Tất cả đơn vị", relative(src_uri, section(urls)), scope.is_root)]
        for unit in self.config.units:
            out.append((units.unit_label(unit), relative(src_uri, section(units.unit_urls(unit.id))),
                        scope.unit is not None and scope.unit.id == unit.id))
        return out

    def unit(self, unit_id: str | None) -> Unit | None:
        return self.config.unit_by_id(unit_id)

    def scopes(self) -> list["units.Scope"]:
        """What listings are rendered for: the hub, then each unit's section (several units)."""
        return units.scopes(self.config, self.site_name)

    @property
    def scope(self) -> "units.Scope":
        return units.hub_scope(self.config, self.site_name)

    # -- rendering -------------------------------------------------------------------------

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, worked out once per load and kept in ``extras`` under ``key``."""
        if key not in self.extras:
            self.extras[key] = make()
        return self.extras[key]

    def markdown_owners(self) -> dict[Path, Kind]:
        """``Registry.markdown_owners`` of this hub's files."""
        return self.once("markdown_owners", lambda: self.registry.markdown_owners(self.paths.root))

    def source_of(self, path: Path) -> str:
        """A content file's path relative to the project, for "edit this page" links."""
        root = self.once("real_root", self.paths.root.resolve)
        return path.resolve().relative_to(root).as_posix()

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """Markdown of a content page after the hub has filled it: the kind's page (plans, news
        articles) and block markers. Its HTML, once converted, goes through ``page_html``."""
        self.html_slots[src_uri] = {}   # what an earlier call left unused is not this page's
        filler = self.page_fillers.get(src_uri)
        if filler is not None:
            markdown = filler(markdown)
        return self.fill_blocks(src_uri, markdown)

    def html_slot(self, src_uri: str, html: str) -> str:
        """A marker that stands for ready HTML in the Markdown of page ``src_uri`` (an article's
        header and footer): Python-Markdown passes it through as an HTML comment and
        ``page_html`` puts ``html`` in its place, instead of Python-Markdown's HTML parser reading
        it (two thirds of an article page's Markdown time). Staff cannot write a marker: it holds
        a random part drawn when the process starts, and it never reaches the output."""
        slots = self.html_slots.setdefault(src_uri, {})
        marker = f"<!--hoctap-{_SLOT_NONCE}-{len(slots)}-->"
        slots[marker] = html.strip()   # as Python-Markdown writes a block of raw HTML
        return marker

    def page_html(self, src_uri: str, html: str) -> str:
        """The HTML converted from ``page_markdown`` with the ``html_slot`` markers replaced. A
        marker that did not come through (staff Markdown left a code block open before it) has
        its HTML added at the end instead of being lost."""
        for marker, part in self.html_slots.pop(src_uri, {}).items():
            if marker in html:
                html = html.replace(marker, part, 1)
            else:   # swallowed by a code block, as text: not shown (it holds the random part)
                html = html.replace(_html_escape(marker, quote=False), "", 1) + part
        return html

    def fill_blocks(self, src_uri: str, markdown: str) -> str:
        def replace(match: re.Match) -> str:
            name = match.group(1)
            block = self.registry.blocks[name]
            return block(self, src_uri)
        return BLOCK_MARKER.sub(replace, markdown)

    def outputs(self) -> Outputs:
        """Every generated page and file, rendered once: the adapters' checks (generated paths,
        links) and the build share it."""
        def make() -> Outputs:
            out = Outputs()
            for renderer in self.registry.renderers:
                out.extend(renderer(self))
            out.extend(units.unit_pages(self))
            return out
        return self.once("outputs", make)


_SLOT_NONCE = secrets.token_hex(8)


def slot_prefix() -> str:
    """The part of every ``html_slot`` marker of this process that holds its random part (for a
    cache of converted pages, which stores it as a fixed placeholder instead)."""
    return f"hoctap-{_SLOT_NONCE}-"

BLOCK_MARKER = re.compile(r"<!--\s*hoctap:\s*([a-z0-9-]+)\s*-->")


def _contact_block(hub: Hub, src_uri: str) -> str:
    return "\n".join(render("contact.html", unit=u) for u in hub.config.units)


def _units_block(hub: Hub, src_uri: str) -> str:
    """The hub's units as a tree, each with a link to its section (a hub of several units)."""
    if not hub.config.multi:
        return ""
    rows = []

    def walk(unit: Unit, depth: int) -> None:
        rows.append({"unit": unit, "depth": depth, "label": units.unit_label(unit),
                     "href": relative(src_uri, units.unit_urls(unit.id).home())})
        for child in hub.config.children(unit.id):
            walk(child, depth + 1)
    for unit in hub.config.units:
        if unit.parent is None or hub.config.unit_by_id(unit.parent) is None:
            walk(unit, 0)
    return render("unit_list.html", rows=rows)


def _quick_links_block(hub: Hub, src_uri: str) -> str:
    links = [(relative(src_uri, path), label) for path, label in QUICK_LINKS]
    if "venues" in hub.extras:   # the nha-van-hoa kind is registered
        links.append((relative(src_uri, urls.venues_index()), "Nhà văn hóa"))
    return render("quick_links.html", links=links)


QUICK_LINKS = [
    (urls.plans_index(), "Kế hoạch"),
    (urls.agenda(), "Tuần này"),
    (urls.calendar_index(), "Lịch hoạt động"),
    (urls.subscribe(), "Đăng ký lịch"),
    (urls.clubs_index(), "Câu lạc bộ & lớp học"),
    (urls.news_index(), "Tin tức"),
]


# Blocks of the site itself, not of a kind.
SITE_BLOCKS: dict[str, Block] = {"lien-he": _contact_block, "loi-tat": _quick_links_block,
                                  "don-vi": _units_block}


def _check_pages(hub: Hub) -> None:
    """Every Markdown page of content/, not only the files of a content kind (``check_page``)."""
    paths, problems, registry = hub.paths, hub.problems, hub.registry
    kind_files = hub.markdown_owners()
    for path in sorted(paths.docs_dir.rglob("*.md")):
        rel = path.relative_to(paths.docs_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue   # a folder named x.md is a folder; hidden files are not published
        check_page(path, problems, registry, path.resolve() in kind_files)


def check_page(path: Path, problems: Problems, registry: Registry, kind_file: bool) -> None:
    """One Markdown page: UTF-8, size, control characters, the YAML of its front matter (MkDocs
    would otherwise print a broken front matter as page text, or build an alias bomb), and its
    block markers. ``kind_file``: a content kind's file, whose loader reads the front matter."""
    from ..core.values import ContentValueError, clean_single_line, clean_text

    if kind_file:
        text = read_text(path, problems)
    else:
        located = load_front_matter_file(path, problems, required=False)
        text = None
        if located is not None:
            text = path.read_text(encoding="utf-8", errors="replace")
            for loc, value in _strings(located.data, ()):
                check = clean_single_line if loc in (("title",), ("description",)) else clean_text
                try:
                    check(value)
                except ContentValueError as exc:
                    problems.add(path, located.line_of(loc), dotted(loc), str(exc) + ".", exc.hint)
    if text is None:
        return
    for match in BLOCK_MARKER.finditer(text):
        if match.group(1) not in registry.blocks:
            line = text[: match.start()].count("\n") + 1
            problems.add(path, line, "hoctap", f"Không có khối nội dung tên '{match.group(1)}'.",
                         "các khối có sẵn: " + ", ".join(sorted(registry.blocks)))


def _strings(data: Any, loc: tuple):
    """(field path, text) of every string in parsed front matter, keys included."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield loc + (key,), str(key)
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, loc + (i,))


def load_hub(paths: Paths, options: dict, site_url: str, site_name: str,
             options_source: Path | None = None, today: date | None = None,
             kinds: Iterable[Kind] | None = None, assets: Iterable[tuple[str, str]] = ()) -> Hub:
    """Load and validate everything; raise ``ContentErrors`` with every problem at once
    (``_load_hub``), with what the content pages would run or load among them."""
    problems = Problems(paths.root)
    cache = textcache.open_for(paths.root)
    try:
        return _load_hub(problems, paths, options, site_url, site_name, options_source, today, kinds, assets)
    except ContentErrors:
        check_unsafe_pages(paths.root, paths.docs_dir, problems, paths.events_dir)
        cache.save(prune=())
        raise ContentErrors(problems.items) from None


def _load_hub(problems: Problems, paths: Paths, options: dict, site_url: str, site_name: str,
              options_source: Path | None, today: date | None,
              kinds: Iterable[Kind] | None, assets: Iterable[tuple[str, str]]) -> Hub:
    """Load and validate everything into ``problems``; raise ``ContentErrors`` when any is an error.

    ``assets`` are the site's own stylesheets, scripts and pictures from mkdocs.yml, as
    (option, path) pairs: they must be files of the site.

    ``kinds``: the kinds this hub publishes, by default the built-in ones
    (``hoctap.kinds.BUILTIN_KINDS``); they load in the order their ``requires``/``feeds`` give.
    """
    if kinds is None:
        from ..kinds import BUILTIN_KINDS   # the default set; the hub itself names no kind
        kinds = BUILTIN_KINDS
    registry = Registry(kinds, site_blocks=SITE_BLOCKS)
    check_site_assets(options_source or paths.root / "mkdocs.yml", list(assets), problems)
    if check_links_and_files(paths.root, paths.docs_dir, [paths.docs_dir, paths.events_dir], problems):
        # content/ or events/ itself is a refused symbolic link: every file lies behind it, and
        # nothing is read through it, not even to check it. (A refused link further down is one
        # problem among the others: the files behind it are not read, the rest are.)
        problems.raise_if_any()
    located = Located(options_source or paths.root / "mkdocs.yml", options)
    config = validate(HubConfig, located, problems, loc_prefix=())
    from ..core.values import ContentValueError, clean_single_line
    try:   # the site name heads pages and feeds: one line, no control characters
        clean_single_line(site_name or "")
    except ContentValueError as exc:
        problems.add(located.path, None, "site_name", str(exc) + ".", exc.hint)
    unit_errors = [0]
    if config is not None:
        with problems.mark() as unit_errors:
            units.check_units(config, problems, located.path)
        if config.multi:
            registry.unit_folders = tuple(u.id for u in config.units)
    hub = Hub(config, paths, site_url, site_name, today or reference_date(), problems, registry)
    if config is not None and config.multi:
        units.check_folders(hub)
        hub.unit_files = units.published_files(hub)
    _check_pages(hub)
    # A broken configuration, or a broken kind that others cite (plans), stops loading before
    # the kinds that use it: checking them would only repeat the same mistake once per citation.
    stop = config is None or unit_errors[0] > 0
    for kind in registry.load_order:
        if kind.load is None:
            continue
        if stop and not kind.cited:
            problems.raise_if_any()
        with problems.mark() as errors:
            kind.load(hub)
        stop = stop or (kind.cited and errors[0] > 0)
    if stop:
        problems.raise_if_any()
    rules.check(hub)   # after every kind: a kind's own message about a file comes first
    problems.raise_if_any()
    return hub
