"""MkDocs adapter: reads the plugin options, calls the core, hands pages and files to MkDocs.

This is the only module that imports MkDocs (besides the CLI's reading of mkdocs.yml). It loads
the built-in kinds (``hoctap.kinds.BUILTIN_KINDS``).
"""

from __future__ import annotations

import collections.abc
import json
import logging
import re
import threading
from functools import partial
from pathlib import Path

from markupsafe import escape
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from ..core import textcache
from ..core.prerender import Prerender
from ..core.problems import ContentErrors
from .page_shell import SHELL_TEMPLATE, PageShells
from ..site import incremental
from ..site.hub import Hub, Paths, load_hub, slot_prefix
from ..site.rules import check_generated_paths
from ..site.units import unit_urls
from ..core.outputs import GeneratedPage
from ..core.render import THEME_DIR, sanitize_page
from ..core.values import format_phone, tel_href, toc_slugify
from ..core.publishing import CONTENT_SECURITY_POLICY, check_published, html_ids

log = get_plugin_logger(__name__)

# Markup the Nu Html Checker refuses, fixed in the finished page (where overriding Material's
# templates is not practical): md_in_html's `markdown` attribute left on fragments that never went
# through Markdown, Material's `autocomplete` on its checkbox toggles, and its table-of-contents
# label pointing at a toggle the page does not have (or a toggle without a label). Only start tags are touched: `<` in text is
# always escaped, so no text can match.
_MARKDOWN_ATTR = re.compile(r'(<[a-zA-Z][^<>]*?)\s+markdown="[01]"')
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^<>]*?type="checkbox"[^<>]*?)\s+autocomplete="off"')
_TOC_LABEL_FOR = re.compile(r'(<label\b[^<>]*?)\s+for="__toc"')
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
# Material's search toggle stays in its base template; the hub's own search form has no label for it.
_SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'


def _drop_markdown_attributes(html: str) -> str:
    """``_MARKDOWN_ATTR.sub(r"\1", html)``, found from the attribute instead of from every ``<``: an
    attribute ``markdown="0"``/``"1"`` after white space, inside a start tag (the last ``<`` before
    it opens a tag name and no ``>`` comes between)."""
    out: list[str] = []
    done = 0
    at = html.find('markdown="')
    while at != -1:
        end = at + len('markdown="') + 2
        begin = at
        while begin > done and html[begin - 1] in " \t\n\r\f\v":
            begin -= 1
        lt = html.rfind("<", done, begin)
        if (begin < at and html[end - 2:end] in ('0"', '1"') and lt != -1 and html.rfind(">", lt, begin) == -1
                and lt + 1 < begin and html[lt + 1].isascii() and html[lt + 1].isalpha()):
            out.append(html[done:begin])
            done = end
            at = html.find('markdown="', end)
        else:
            at = html.find('markdown="', at + 1)
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


def tidy_page_html(html: str) -> str:
    """The finished page with the markup above fixed. Each pattern runs only on a page that holds
    its attribute (a regular expression tried at every ``<`` of every page was a few percent of a
    large build)."""
    if 'markdown="' in html:
        html = _drop_markdown_attributes(html)
    if 'autocomplete="off"' in html:
        html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL_FOR.sub(r"\1", html)
    elif 'for="__toc"' not in html:   # a toggle without its label: give it a name
        html = html.replace(_TOC_TOGGLE, _TOC_TOGGLE[:-1] + ' aria-label="Mục lục">')
    if 'for="__search"' not in html:
        html = html.replace(_SEARCH_TOGGLE, _SEARCH_TOGGLE[:-1] + ' aria-label="Tìm kiếm">')
    return html


def site_assets(config) -> list[tuple[str, str]]:
    """The site's own stylesheets, scripts and pictures named in mkdocs.yml, as (option, path)."""
    out = [("extra_css", str(x)) for x in config.extra_css or []]
    out += [("extra_javascript", str(getattr(x, "path", x))) for x in config.extra_javascript or []]
    for key in ("logo", "favicon"):
        value = config.theme.get(key) if config.theme else None
        if isinstance(value, str):
            out.append((f"theme.{key}", value))
    return out


class HoctapConfig(base.Config):
    events_dir = c.Type(str, default="events")
    don_vi = c.Optional(c.Type(dict))
    cac_don_vi = c.Type(list, default=[])
    the_loai = c.Type(list, default=[])
    lich = c.Type(dict, default={})
    tin_tuc = c.Type(dict, default={})
    chuyen_muc = c.Type(list, default=[])
    chi_tieu = c.Type(list, default=[])


class _AnchorIds(collections.abc.Set):
    """The anchors of a generated page, found when MkDocs first asks (it asks only for a page
    that another page links into with a #fragment): parsing every generated page's HTML up front
    cost about a tenth of a build."""

    def __init__(self, html: str) -> None:
        self._html: str | None = html
        self._ids: set[str] = set()

    def _get(self) -> set[str]:
        if self._html is not None:
            self._ids, self._html = html_ids(self._html), None
        return self._ids

    def __contains__(self, anchor) -> bool:
        return anchor in self._get()

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


class _GeneratedMkDocsPage(Page):
    """MkDocs' page for a generated page: its metadata comes from the core and it has no Markdown,
    so MkDocs neither parses a front matter nor converts an empty text with a new Markdown
    converter (both were made for each of the thousands of generated pages). The HTML is handed
    over in ``on_page_content``."""

    def __init__(self, file: File, config, meta: dict) -> None:
        super().__init__(None, file, config)
        self._generated_meta = meta

    def read_source(self, config) -> None:
        # the template only hands over the page made by page_shell (on_page_context)
        self.markdown, self.meta = "", {**self._generated_meta, "template": SHELL_TEMPLATE}

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()   # links_to_anchors stays None: no links to check


_HANDED_OVER: dict[tuple, tuple[Hub, dict | None]] = {}


def handover_key(config_file: Path) -> tuple:
    """What a handed-over hub must have been loaded from: the same mkdocs.yml, unchanged."""
    path = Path(config_file).resolve()
    return (str(path), path.stat().st_mtime_ns)


def hand_over(config_file: Path, hub: Hub, scan: dict | None = None) -> None:
    """``hoctap build`` or ``hoctap serve`` has just loaded and checked the content in this process
    and forked it to build: the (first) build takes that hub instead of loading and checking
    everything a second time. ``scan``: ``incremental.scan_checked`` taken before the check began; under
    ``serve`` the hub is taken only if nothing has changed since then (else an edit made during
    the check would never be seen: the scan the next edit is compared with is taken later)."""
    _HANDED_OVER.clear()
    _HANDED_OVER[handover_key(config_file)] = (hub, scan)


# Converted content pages kept between runs (core/textcache.py): Python-Markdown was the largest
# part of building thousands of articles, most of them unchanged since the last build.
_PAGE_SPACE = "page-html"
_SLOT_TOKEN = "hoctap-slot-"


def _markdown_setup(page, config) -> str:
    """What the conversion of a page depends on besides its address and text: the MkDocs (or
    fork) and its version, the Markdown extensions, their packages' versions and their settings
    (functions by name), and what decides its warnings."""
    import importlib
    import sys

    def plain(value):
        if isinstance(value, (str, int, float, bool, type(None))):
            return value
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if callable(value) and hasattr(value, "__qualname__"):
            return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
        return repr(value)   # an extension object: its address differs per run, so nothing is reused

    def patterns(spec):   # exclude_docs and the like: which link targets are pages
        return None if spec is None else [str(getattr(p, "pattern", p)) for p in getattr(spec, "patterns", [spec])]

    def versions(names) -> dict:   # of the extensions' own packages (Python-Markdown's: textcache)
        out = {}
        for name in names:
            top = str(name).split(".")[0].split(":")[0]
            try:
                module = importlib.import_module(top)
            except Exception:   # an entry-point name ("toc"): one of Python-Markdown's
                continue
            out[top] = str(getattr(module, "__version__", getattr(module, "__version_info__", "?")))
        return out

    package = type(page).__module__.split(".")[0]
    version = getattr(sys.modules.get(package), "__version__", "?")
    # The validation levels and the excluded pages decide what the conversion warns about, which
    # --strict turns into a failure: a page is taken from the cache only where it would not warn.
    return json.dumps([package, version, versions(config.markdown_extensions),
                       plain(list(config.markdown_extensions)), plain(dict(config.mdx_configs)),
                       config.use_directory_urls, plain(dict(config.validation)),
                       [patterns(config.get(k)) for k in ("exclude_docs", "not_in_nav", "draft_docs")]],
                      sort_keys=True, ensure_ascii=False)


def _toc_tokens(toc) -> list[dict]:
    """``page.toc`` as the tokens ``get_toc`` reads back."""
    return [{"name": link.title, "id": link.id, "level": link.level, "children": _toc_tokens(link.children)}
            for link in toc]


def _valid_page_entry(entry) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("html"), str) and isinstance(entry.get("toc"), list)
            and isinstance(entry.get("title"), (str, type(None))) and isinstance(entry.get("anchors"), list))


class HoctapPlugin(BasePlugin[HoctapConfig]):
    """Adapter only: no content logic lives here."""

    def __init__(self) -> None:
        self.hub: Hub | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self._page_keys: dict[str, str] = {}      # content page → its key in the converted-page cache
        self._page_hits: dict[str, dict] = {}     # content page → its converted page, from the cache
        self._markdown_setup: str | None = None
        self.prerender: Prerender | None = None
        self.serving = False
        self._scanning: dict | None = None  # serve: the files the running build is made from
        self._scanned: dict | None = None   # serve: the files the last finished build was made from
        self._built = None                  # serve: (config, files, nav, env) of that build

    def on_startup(self, *, command, dirty) -> None:
        # Having this hook, the plugin is one object for every rebuild of `mkdocs serve`.
        self.serving = command == "serve"

    def on_config(self, config, **kwargs):
        self._markdown_setup = None   # worked out again for each build: under serve, mkdocs.yml may have changed
        self._page_keys.clear()
        self._page_hits.clear()
        if config.use_directory_urls:
            raise PluginError("hoctap: cần đặt 'use_directory_urls: false' trong mkdocs.yml "
                              "để trang mở được cả khi sao chép ra USB.")
        root = Path(config.config_file_path).resolve().parent
        paths = Paths(root=root, docs_dir=Path(config.docs_dir), events_dir=root / self.config.events_dir)
        if self.serving:   # before anything is read: an edit made during this build is seen next time
            self._scanning = incremental.scan(self._watched(config, paths))
            self._built = None   # until this build has finished: after a failed one, the next is full
        options = {"don_vi": self.config.don_vi, "cac_don_vi": self.config.cac_don_vi,
                   "the_loai": self.config.the_loai, "lich": self.config.lich, "tin_tuc": self.config.tin_tuc,
                   "chuyen_muc": self.config.chuyen_muc, "chi_tieu": self.config.chi_tieu}
        options = {k: v for k, v in options.items() if v}
        handed, scan = _HANDED_OVER.pop(handover_key(Path(config.config_file_path)), (None, None))
        if handed is not None and self.serving and (
                scan is None or scan != incremental.scan_checked(paths, Path(config.config_file_path))):
            handed = None   # a file changed while hoctap serve checked it: loaded again below
        if handed is not None and handed.paths == paths:
            self.hub = handed   # loaded and checked by hoctap build or serve a moment ago, in this process
        else:
            try:
                self.hub = load_hub(paths, options, site_url=config.site_url or "", site_name=config.site_name,
                                    options_source=Path(config.config_file_path), assets=site_assets(config))
                check_generated_paths(self.hub)
                check_published(self.hub)   # as hoctap check does
            except ContentErrors as exc:
                raise PluginError(exc.report()) from None
        if self.serving:
            incremental.remember(self.hub)
        # Our warnings never stop the build (`hoctap check` exits 0 on them): logged as INFO, which
        # MkDocs' --strict does not count.
        for problem in self.hub.problems.warnings:
            log.info(problem.format())   # a content warning must not fail --strict (hoctap check shows it)
        # Material overrides shipped with the package, after the project's own custom_dir.
        theme_dirs = config.theme.dirs
        position = 1 if config.theme.custom_dir else 0
        if str(THEME_DIR) not in theme_dirs:
            theme_dirs.insert(position, str(THEME_DIR))
        # Heading ids keep Vietnamese letters readable: "đ" becomes "d" instead of vanishing.
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", toc_slugify)
        unit = self.hub.config.unit   # None in a hub of several units: the footer lists them
        config.extra.setdefault("hoctap", {}).update(
            unit=unit, units=[(u.name + (" (đơn vị mẫu)" if u.sample else ""), unit_urls(u.id).home())
                              for u in self.hub.config.units] if unit is None else [],
            phone=format_phone(unit.phone) if unit and unit.phone else None,
            tel=tel_href(unit.phone) if unit and unit.phone else None,
        )
        config.extra["hoctap"]["social"] = self.hub.extras.get("social", {})
        config.extra["hoctap"]["csp"] = CONTENT_SECURITY_POLICY
        return config

    def on_files(self, files: Files, *, config) -> Files:
        # A hub of several units: a unit folder's file is published at its address without the
        # unit folder (site/units.py), so that item pages keep one address across the hub.
        if self.hub.unit_files:
            real = {str(p.resolve()): uri for uri, p in self.hub.unit_files.items()}
            for file in list(files):
                uri = real.get(str(Path(file.abs_src_path).resolve())) if file.abs_src_path else None
                if uri is not None:
                    files.remove(file)
                    moved = File.generated(config, uri, abs_src_path=file.abs_src_path)
                    moved.generated_by = None   # a content page, not generated: MkDocs treats it as such
                    files.append(moved)
        for file in files:
            if file.src_uri in self.hub.excluded:
                file.inclusion = InclusionLevel.EXCLUDED
        outputs = self.hub.outputs()
        self.generated = {}
        for page in outputs.pages:
            front = {"title": page.title}
            if page.description:
                front["description"] = page.description
            front.update(page.meta)
            content = "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
            content += "---\n"
            file = File.generated(config, page.src_uri, content=content)
            files.append(file)
            _GeneratedMkDocsPage(file, config, front)   # becomes file.page: MkDocs makes no page of its own
            self.generated[page.src_uri] = page
        # MkDocs reads the generated pages in this order: a child process makes them from the end
        # (core/prerender.py), each handed over once;
        # meanwhile this process makes the feeds and .ics files.
        self.prerender = Prerender()
        makers = []
        for page in outputs.pages:
            maker = page.take_maker(partial(self.prerender.html, len(makers)))
            if maker is not None:
                makers.append(maker)
        self.prerender.start(makers)
        for item in outputs.files:
            files.append(File.generated(config, item.path, content=item.content))
        return files

    def on_post_build(self, *, config) -> None:
        if self.prerender is not None:
            self.prerender.finish()
        # With the pages converted by this build. Under serve nothing is dropped: the served site
        # has the local server's address, so its QR codes are not the published site's.
        textcache.current().save(prune=() if self.serving else None)
        if self.serving:
            self._scanned, self._built = self._scanning, (config, self._files, self._nav, self._env)

    def on_build_error(self, *, error) -> None:
        if self.prerender is not None:
            self.prerender.stop()

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            page.meta.update(self.hub.page_meta.get(page.file.src_uri, {}))
        # Material prints the title and description without escaping; they come from content.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        if generated is not None:
            page.edit_url = self._edit_url(config, generated.source)
            return ""
        unit_file = self.hub.unit_files.get(page.file.src_uri)
        if unit_file is not None:
            page.edit_url = self._edit_url(config, self.hub.source_of(unit_file))
        markdown = self.hub.page_markdown(page.file.src_uri, markdown)
        key = self._page_key(page, config, markdown)
        self._page_keys.pop(page.file.src_uri, None)
        self._page_hits.pop(page.file.src_uri, None)
        if key is not None:
            hit = textcache.current().peek(_PAGE_SPACE, key)
            if _valid_page_entry(hit):
                self._page_hits[page.file.src_uri] = hit
                return ""   # converted before: MkDocs converts nothing, on_page_content puts it back
            self._page_keys[page.file.src_uri] = key
        return markdown

    def _page_key(self, page, config, markdown: str) -> str | None:
        """The converted-page cache's key of a content page: the Markdown setup, the page's
        address (relative links are rewritten from it) and its final Markdown, with the random
        part of the article header's and footer's markers (``Hub.html_slot``, drawn per process)
        written as ``_SLOT_TOKEN``, here and in the kept HTML. A page whose own text holds that
        token is not kept.

        Links: the conversion rewrites a link to a ``.md`` page when that page exists; ``hoctap
        check`` refuses a link to a missing page before any build, so every page converted and
        kept had its targets, as every page built from the cache has."""
        if _SLOT_TOKEN in markdown:
            return None
        if self._markdown_setup is None:
            self._markdown_setup = _markdown_setup(page, config)
        return (self._markdown_setup + "\n" + page.file.src_uri + "\n"
                + markdown.replace(slot_prefix(), _SLOT_TOKEN))

    @staticmethod
    def _edit_url(config, source: str | None) -> str | None:
        """The host's editor for a data file outside docs_dir (``edit_uri`` points into docs_dir)."""
        edit_uri = config.edit_uri or ""
        docs = Path(config.docs_dir).name
        if not source or "://" not in edit_uri or not edit_uri.rstrip("/").endswith("/" + docs):
            return None
        return edit_uri.rstrip("/")[: -len(docs)] + source

    def on_page_content(self, html: str, *, page, config, files) -> str:
        generated = self.generated.get(page.file.src_uri)
        # Generated pages come from autoescaped templates; content pages hold staff Markdown.
        if generated:
            # MkDocs found no anchors in the empty Markdown: give it the page's own, so that links to
            # a section of a generated page validate (hoctap check judges them the same way).
            page.present_anchor_ids = _AnchorIds(generated.html)
            return generated.html
        src_uri = page.file.src_uri
        hit = self._page_hits.pop(src_uri, None)
        if hit is not None:
            html = hit["html"].replace(_SLOT_TOKEN, slot_prefix())
            page.toc = get_toc(hit["toc"])
            page._title_from_render = hit["title"]
            page.present_anchor_ids = set(hit["anchors"])
        else:
            key = self._page_keys.pop(src_uri, None)
            if key is not None:
                textcache.current().put(_PAGE_SPACE, key, {
                    "html": html.replace(slot_prefix(), _SLOT_TOKEN), "toc": _toc_tokens(page.toc),
                    "title": page._title_from_render,
                    "anchors": sorted(page.present_anchor_ids or ())})
        return sanitize_page(self.hub.page_html(src_uri, html))

    def on_nav(self, nav, *, config, files):
        self._nav = nav
        return nav

    def on_env(self, env, *, config, files):
        self.shells = PageShells(env)
        self._env, self._files = env, files
        return env

    def on_page_context(self, context, *, page, config, nav):
        if isinstance(page, _GeneratedMkDocsPage):
            context["hoctap_page_html"] = self.shells.html(context, page)
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        return tidy_page_html(output)

    def on_post_template(self, output: str, *, template_name: str, config) -> str:
        return tidy_page_html(output) if template_name.endswith(".html") else output

    def on_serve(self, server, *, config, builder):
        events = Path(config.config_file_path).resolve().parent / self.config.events_dir
        if events.is_dir():
            server.watch(str(events))
        server.builder = partial(self._rebuild, builder)
        return server

    # -- serve: an edit of a few pages rewrites those pages ------------------------------------

    @staticmethod
    def _watched(config, paths: Paths) -> list[Path]:
        return [paths.docs_dir, paths.events_dir, Path(config.config_file_path), *map(Path, config.watch)]

    def _rebuild(self, full_build) -> None:
        """What `mkdocs serve` calls when a watched file changes: the edited pages alone when the
        edit is local (site/incremental.py), else the full build."""
        if self._built is None or self._scanned is None:
            return full_build()
        config = self._built[0]
        scanned = incremental.scan(self._watched(config, self.hub.paths))
        edited = incremental.changed(self._scanned, scanned)
        pages = incremental.local_edit(self.hub, edited) if edited else None
        written = self._write_pages(pages) if pages is not None else None
        if written is None:
            return full_build()
        self._scanned = scanned
        if written:
            log.info("Đã cập nhật %d trang vừa sửa (phần còn lại của trang không đổi).", written)
        else:
            log.info("Tệp vừa sửa chưa được đăng (bản nháp hoặc ngày đăng sau hôm nay): không trang nào thay đổi.")

    def _write_pages(self, paths: list[Path]) -> int | None:
        """Render and write these content pages (those published) with the last build's files,
        navigation and templates, as MkDocs' build does: how many were written, or None when
        MkDocs warned (the full build reports it)."""
        config, files, nav, env = self._built
        real = {Path(p).resolve() for p in paths}
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        # only this thread's: the server's thread logs a request for a missing file as a warning
        counter.addFilter(lambda record: record.thread == threading.get_ident())
        logging.getLogger("mkdocs").addHandler(counter)
        written = 0
        try:
            for file in doc_files:
                if file.abs_src_path and Path(file.abs_src_path).resolve() in real and file.page is not None:
                    written += 1
                    _populate_page(file.page, config, files)
                    _build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
                    file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)
        return None if counter.get_counts() else written
