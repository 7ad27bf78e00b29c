"""What content may publish: URLs read the way a browser reads them, files under content/,
symbolic links, SVG, and the links and images of every page and Markdown field.

Policy (every commit is treated as hostile):

- A link (``<a href>``) may go to http(s), mailto:, tel: or a path inside the site. Before the
  scheme is read the URL is normalised as the WHATWG URL parser does (leading and trailing C0
  controls and spaces stripped, tab/LF/CR removed anywhere), so ``java<TAB>script:`` is caught.
  ``//host`` and backslashes (which browsers read as ``//host``) are refused.
- Anything the page itself loads (images, media, frames, stylesheets, CSS ``url()``) must be a
  file of the site: no other host, no ``data:`` URL. Following a link is the reader's choice;
  loading an image is a request made for them.
- Files under content/ are published as they are, so only the types in ``PUBLISHABLE`` may be
  there; SVG files are read with an XML parser that refuses entities and checked like HTML.
- A symbolic link must point inside the project, never into a hidden folder (``.git``…); the
  check stops before any content is read when one does not.

The same functions serve ``hoctap check`` (messages with file and line) and the sanitiser
(``render.py``: attributes that fail are dropped), so the two cannot disagree.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import textcache
from .sources import refused_route, symlink_problem
from .urls import urls

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# File types staff may publish under content/ (lower-case suffixes). Everything else is refused:
# .html, .js, .css … would be served as they are, beside the sanitised pages.
PUBLISHABLE: dict[str, str] = {
    ".md": "trang nội dung (Markdown)",
    ".png": "ảnh", ".jpg": "ảnh", ".jpeg": "ảnh", ".gif": "ảnh", ".webp": "ảnh", ".avif": "ảnh",
    ".svg": "ảnh vẽ (được kiểm tra như HTML)",
    ".pdf": "tài liệu", ".docx": "tài liệu", ".xlsx": "bảng tính", ".pptx": "trình chiếu",
    ".odt": "tài liệu", ".ods": "bảng tính", ".odp": "trình chiếu", ".csv": "bảng số liệu",
    ".txt": "văn bản thuần",
}
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})

_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def browser_url(url: str) -> str:
    """The URL as a browser's parser reads it: C0 controls and spaces trimmed at both ends, tab,
    LF and CR removed everywhere (WHATWG URL, "basic URL parser", first steps)."""
    return _TAB_NEWLINE.sub("", url.strip(_C0_AND_SPACE))


def scheme_of(url: str) -> str | None:
    match = _SCHEME.match(browser_url(url))
    return match.group(1).lower() if match else None


def visible(url: str, limit: int = 80) -> str:
    """A URL fit to quote in a message: control characters shown as ``\\t``, ``\\x01``…"""
    shown = _CONTROL.sub(lambda m: {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(m.group(),
                                                                                f"\\x{ord(m.group()):02x}"), url)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _foreign_relative(url: str) -> bool:
    """``//host/x`` or ``/\\host/x``: no scheme, yet another host."""
    u = browser_url(url).replace("\\", "/")
    return u.startswith("//")


def link_problem(url: str, webcal: bool = False) -> str | None:
    """Why ``url`` may not be a link's target, in Vietnamese; None when it may."""
    scheme = scheme_of(url)
    if scheme is not None:
        if scheme in LINK_SCHEMES or (webcal and scheme == "webcal"):
            return None
        return (f"Liên kết '{visible(url)}' không được phép; chỉ dùng http://, https://, mailto:, tel: "
                "hoặc đường dẫn trong trang")
    if _foreign_relative(url):
        return (f"Liên kết '{visible(url)}' thiếu http:// hoặc https:// ở đầu (trình duyệt hiểu // là "
                "một trang khác); viết đầy đủ https://… hoặc đường dẫn trong trang")
    if "\\" in url:
        return f"Liên kết '{visible(url)}' có dấu \\; trong đường dẫn chỉ dùng dấu /"
    return None


def resource_problem(url: str) -> str | None:
    """Why ``url`` may not be loaded by a page (image, media, stylesheet); None when it may."""
    scheme = scheme_of(url)
    if scheme == "data":
        return f"Ảnh hay tệp nhúng dạng 'data:' không được dùng ({visible(url, 40)}); hãy lưu thành tệp trong content/assets/"
    if scheme is not None or _foreign_relative(url):
        return (f"'{visible(url)}' lấy từ máy chủ khác; ảnh, âm thanh, video phải là tệp trong thư mục "
                "content/ (tải tệp về, đặt vào content/assets/ rồi ghi đường dẫn assets/…)")
    if "\\" in url:
        return f"Đường dẫn '{visible(url)}' có dấu \\; chỉ dùng dấu /"
    return None


_CSS_URL = re.compile(r"url\s*\(|image-set\s*\(|@import|expression\s*\(|\\", re.I)


def css_problem(css: str) -> str | None:
    """CSS written in content may not load anything: no ``url()``, ``@import`` nor escapes."""
    if _CSS_URL.search(css):
        return "CSS có url(…), @import hoặc ký tự \\: nội dung không được tải gì qua CSS"
    return None


# -- HTML: every URL a piece of HTML would follow or load ------------------------------------------

# Elements that content may not use at all: they run script, embed another document, or load
# media and styles the sanitiser would silently drop.
FORBIDDEN_TAGS = {
    "script": "chạy mã", "noscript": "chạy mã", "style": "CSS riêng", "link": "tải tệp ngoài",
    "meta": "đổi thông tin trang", "base": "đổi địa chỉ gốc", "iframe": "nhúng trang khác",
    "frame": "nhúng trang khác", "frameset": "nhúng trang khác", "object": "nhúng chương trình",
    "embed": "nhúng chương trình", "applet": "nhúng chương trình", "form": "gửi dữ liệu đi nơi khác",
    "video": "nhúng video", "audio": "nhúng âm thanh", "source": "nhúng video, âm thanh",
    "track": "nhúng phụ đề", "picture": "nhúng ảnh nhiều nguồn", "svg": "vẽ trực tiếp",
    "math": "công thức nhúng", "portal": "nhúng trang khác", "template": "mẫu ẩn",
}
_RESOURCE_ATTRS = {"src", "poster", "data", "background", "lowsrc", "dynsrc", "longdesc", "manifest",
                   "codebase", "archive", "icon", "profile", "action", "formaction", "ping", "cite",
                   "usemap", "xlink:href"}
_SRCSET_ATTRS = {"srcset", "imagesrcset"}


@dataclass(frozen=True)
class Found:
    """One problem in a piece of HTML, with the text to look for in the source."""

    message: str
    needle: str
    hint: str = ""


@dataclass(frozen=True)
class Reference:
    """A relative link (``image`` False) or image (``image`` True) to check for existence."""

    url: str
    image: bool


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Found] = []
        self.references: list[Reference] = []
        self._in_style = False
        self._media_open = 0

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_data(self, data):
        if self._in_style and css_problem(data):
            self.found.append(Found(css_problem(data), data.strip()[:40]))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if tag in ("video", "audio", "picture") and self._media_open:
            self._media_open -= 1

    def _tag(self, tag: str, attrs) -> None:
        if tag in FORBIDDEN_TAGS:
            # One message per element; <source>/<track> inside a refused <video> add nothing.
            if not (tag in ("source", "track") and self._media_open):
                self.found.append(Found(f"Thẻ <{tag}> ({FORBIDDEN_TAGS[tag]}) không được dùng trong nội dung.",
                                        f"<{tag}", "trang chỉ giữ chữ, ảnh trong content/, bảng và liên kết"))
            self._in_style = tag == "style"
            if tag in ("video", "audio", "picture"):
                self._media_open += 1
            return
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(Found(f"Thuộc tính '{name}' (chạy mã khi bấm, khi tải…) không được dùng "
                                        "trong nội dung.", name))
            elif name == "style":
                problem = css_problem(value)
                if problem:
                    self.found.append(Found(problem + ".", "style"))
            elif name == "href" and tag in ("a", "area"):
                problem = link_problem(value)
                if problem:
                    self.found.append(Found(problem + ".", _attr_needle(name, value)))
                elif scheme_of(value) is None and browser_url(value):
                    self.references.append(Reference(value, False))
            elif name == "href" or name in _RESOURCE_ATTRS:
                problem = resource_problem(value)
                if problem:
                    self.found.append(Found(problem + ".", _attr_needle(name, value)))
                elif name in ("src", "poster") and value:
                    self.references.append(Reference(value, True))
            elif name in _SRCSET_ATTRS:
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0] if candidate.strip() else ""
                    problem = resource_problem(url) if url else None
                    if problem:
                        self.found.append(Found(problem + ".", url))
                    elif url:
                        self.references.append(Reference(url, True))


def _attr_needle(name: str, value: str) -> str:
    """What to look for in the source, best first (``\x00``-separated): the attribute or the
    Markdown link as usually written, else the value alone."""
    forms = [f'{name}="{value}"', f"{name}='{value}'", f"({value})", f"({value} ", f"(<{value}>)",
             f"]: {value}", value]
    return "\x00".join(forms)


def _is_external_or_fragment(url: str) -> bool:
    u = browser_url(url)
    return not u or u.startswith("#") or scheme_of(u) is not None


def scan_html(text: str) -> tuple[list[Found], list[Reference]]:
    """Problems and relative references of a piece of HTML (parsed, entities decoded)."""
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.found, collector.references


# -- the sanitiser's last word ---------------------------------------------------------------------

def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """nh3 ``attribute_filter``: drop any URL or style that ``hoctap check`` would refuse."""
    if attribute == "href" and tag in ("a", "area"):
        return None if link_problem(value, webcal=True) else value
    if attribute in _RESOURCE_ATTRS or attribute == "href":
        return None if resource_problem(value) else value
    if attribute in _SRCSET_ATTRS:
        return None
    if attribute == "style":
        return None if css_problem(value) else value
    return value


# -- Markdown ------------------------------------------------------------------------------------------

_MARKDOWN = None


def markdown_to_html(text: str) -> str:
    """Staff Markdown rendered with the extensions the site uses, for checking (not publishing).

    One converter, reset between texts: making a new one loads every extension again (a third
    of the cost of checking a thousand articles)."""
    global _MARKDOWN
    if _MARKDOWN is None:
        import markdown

        from .values import toc_slugify
        _MARKDOWN = markdown.Markdown(extensions=["extra", "admonition", "sane_lists", "toc"],
                                      extension_configs={"toc": {"slugify": toc_slugify}}, output_format="html")
    return _MARKDOWN.reset().convert(text)


def line_in(text: str, needle: str, first_line: int) -> int:
    """The line of ``text`` (numbered from ``first_line``) where ``needle`` is written; the source may
    spell it with entities or escapes, so shorter tails of it are tried before giving up."""
    if "\x00" in needle:   # alternatives, best first; the last one is searched loosely
        *forms, last = needle.split("\x00")
        for form in forms:
            index = text.find(form)
            if index >= 0:
                return first_line + text.count("\n", 0, index)
        return line_in(text, last, first_line)
    needle = _CONTROL.sub("", needle).strip()
    candidates = [needle, html.escape(needle, quote=False)]
    if ":" in needle:
        candidates.append(needle.split(":", 1)[1])
    candidates += [needle[-n:] for n in (24, 12, 6) if len(needle) > n]
    for candidate in candidates:
        if candidate:
            index = text.find(candidate)
            if index >= 0:
                return first_line + text.count("\n", 0, index)
    return first_line


# Every tag or attribute the scan reports comes from raw HTML (``<``), a link, image, footnote,
# abbreviation or reference definition (``[``) or an attribute list (``{:``): the other syntax
# of the site's extensions (emphasis, headings, lists, tables, code, admonitions, definitions)
# writes only tags and attributes that pass. Entities (``&lt;script&gt;``) stay text.
_MARKUP_STARTS = ("<", "[", "{")


def scan_markdown(text: str) -> tuple[list[Found], list[Reference]]:
    """Problems and relative references of staff Markdown. A text with none of
    ``_MARKUP_STARTS`` (most news articles: paragraphs, headings and lists) has none, and is not
    rendered (half of ``hoctap check`` at size L)."""
    if not any(c in text for c in _MARKUP_STARTS):
        return [], []
    # Kept between runs as plain tuples (``textcache``); a text with a finding is scanned again.
    found, refs = textcache.current().get(
        "scan", text, lambda: scan_html(markdown_to_html(text)),
        keep=lambda result: None if result[0] else ([], [(r.url, r.image) for r in result[1]]))
    if refs and isinstance(refs[0], tuple):
        refs = [Reference(url, image) for url, image in refs]
    return found, refs


# -- files: types, symbolic links, SVG ------------------------------------------------------------------

def check_links_and_files(root: Path, docs_dir: Path, folders: list[Path], problems) -> bool:
    """Symbolic links in every content folder, file types and SVG under docs_dir.

    A symbolic link that is broken, leaves the project, makes a loop or enters a hidden folder is
    reported (``lien-ket-tep``) and nothing is read through it: this walk does not enter it, and
    ``core.sources.read_text`` refuses every file behind it, so the other files are still read and
    checked in the same run. Linked folders that pass are walked too (MkDocs follows them).

    Returns True only when one of ``folders`` itself (content/ or events/) is such a link: then
    every file would lie behind it, and the caller stops before loading anything."""
    given_root, root = root, root.resolve()
    stop = False
    seen: set[Path] = set()
    for folder in folders:
        if not folder.exists() and not folder.is_symlink():
            continue
        if folder.is_symlink() and _check_symlink(folder, root, problems, {folder.parent.resolve()}):
            stop = True
            continue
        for current, dirnames, filenames in os.walk(folder, followlinks=True):
            base = Path(current)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            # The real folders on the way down here: a link back to one of them is a loop.
            ancestors = {folder.resolve()}
            walked = folder
            for part in base.relative_to(folder).parts:
                walked = walked / part
                ancestors.add(walked.resolve())
            for name in list(dirnames) + sorted(f for f in filenames if not f.startswith(".")):
                path = base / name
                key = path.parent.resolve() / name   # one entry, however many routes lead to it
                if key in seen:
                    if name in dirnames:
                        dirnames.remove(name)   # already walked by another route
                    continue
                seen.add(key)
                if path.is_symlink() and _check_symlink(path, root, problems, ancestors):
                    if name in dirnames:
                        dirnames.remove(name)   # never walked, nor read, through
    if stop:
        return True
    for path in sorted(_files_under(docs_dir, given_root)):
        rel = path.relative_to(docs_dir)
        suffix = path.suffix.lower()
        if suffix not in PUBLISHABLE:
            problems.add(path, None, "ten-tep",
                         f"Tệp '{rel.as_posix()}' có loại không được đăng ({suffix or 'không có đuôi'}): "
                         "trang chỉ đăng Markdown, ảnh và tài liệu.",
                         "các loại được đăng: " + " ".join(PUBLISHABLE))
        elif suffix == ".svg":
            for line, message in svg_problems(path.read_bytes()):
                problems.add(path, line, "svg", message, "vẽ lại hoặc xuất lại ảnh SVG không có mã, hoặc dùng ảnh .png")
    return False


def _files_under(folder: Path, root: Path | None = None):
    """Files of ``folder`` that MkDocs would publish: hidden files and folders excluded, linked
    folders followed (their targets were checked before); with ``root``, refused links (see
    ``check_links_and_files``) are neither entered nor listed."""
    if not folder.is_dir():
        return
    entered: set[Path] = set()
    for current, dirnames, filenames in os.walk(folder, followlinks=True):
        base = Path(current)
        if root is not None:   # each real folder once: the walk ends whatever the links
            entered.add(base.resolve())
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (root is not None and (_refused_link(base / d, root)
                                                            or (base / d).resolve() in entered)))
        for name in filenames:
            if not name.startswith(".") and not (root is not None and _refused_link(base / name, root)):
                yield base / name


def _refused_link(path: Path, root: Path) -> bool:
    return path.is_symlink() and refused_route(path, root) is not None


def _check_symlink(path: Path, root: Path, problems, ancestors: set[Path]) -> bool:
    """True (and a message) when the link is broken, leaves the project, makes a loop or enters a
    hidden folder (``core.sources.symlink_problem``)."""
    problem = symlink_problem(path, root, ancestors)
    if problem is None:
        return False
    problems.add(path, None, "lien-ket-tep", *problem)
    return True


# -- SVG ------------------------------------------------------------------------------------------

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"


def svg_problems(data: bytes) -> list[tuple[int | None, str]]:
    """What makes an SVG unsafe to publish: scripts, handlers, foreign objects, links and styles
    reaching another host. Parsed by defusedxml (no entities, no external DTD)."""
    import xml.sax
    from xml.sax.handler import ContentHandler, feature_namespaces

    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    class Parser(DefusedExpatParser):
        """Entities refused; an external DTD (``<!DOCTYPE svg PUBLIC … svg11.dtd>``, common in
        exported drawings) is skipped, never fetched."""

        def defused_external_entity_ref_handler(self, context, base, sysid, pubid):
            return 1

    def make_parser():
        return Parser(forbid_dtd=False, forbid_entities=True, forbid_external=True)

    found: list[tuple[int | None, str]] = []

    class Handler(ContentHandler):
        def __init__(self) -> None:
            super().__init__()
            self.locator = None
            self.in_style = 0

        def setDocumentLocator(self, locator):
            self.locator = locator

        def _line(self) -> int | None:
            return self.locator.getLineNumber() if self.locator else None

        def startElementNS(self, name, qname, attrs):
            uri, local = name
            line = self._line()
            if local.lower() in ("script", "foreignobject", "iframe", "object", "embed", "handler"):
                found.append((line, f"Ảnh SVG có thẻ <{local}> (chạy mã hoặc nhúng trang): không được đăng."))
            if local == "style":
                self.in_style += 1
            for (attr_uri, attr_local), value in attrs.items():
                if attr_local.lower().startswith("on"):
                    found.append((line, f"Ảnh SVG có thuộc tính '{attr_local}' (chạy mã): không được đăng."))
                elif attr_local == "href" and attr_uri in (None, "", _XLINK_NS):
                    problem = _svg_href_problem(value)
                    if problem:
                        found.append((line, problem))
                elif attr_local == "style" or attr_local in ("fill", "stroke", "filter", "mask", "clip-path",
                                                             "marker-start", "marker-mid", "marker-end"):
                    if _svg_css_problem(value):
                        found.append((line, f"Ảnh SVG có CSS '{visible(value, 60)}' tải tệp khác: không được đăng."))

        def endElementNS(self, name, qname):
            if name[1] == "style":
                self.in_style -= 1

        def characters(self, content):
            if self.in_style and _svg_css_problem(content):
                found.append((self._line(), "Ảnh SVG có CSS url(…) hoặc @import tải tệp khác: không được đăng."))

    parser = make_parser()
    parser.setFeature(feature_namespaces, True)
    handler = Handler()
    parser.setContentHandler(handler)
    try:
        import io

        source = xml.sax.xmlreader.InputSource()
        source.setByteStream(io.BytesIO(data))
        parser.parse(source)
    except DefusedXmlException:
        return [(None, "Ảnh SVG có khai báo ENTITY hoặc DTD (có thể làm treo máy hay đọc tệp khác): "
                       "không được đăng.")]
    except xml.sax.SAXParseException as exc:
        return [(exc.getLineNumber(), f"Ảnh SVG không đọc được: XML lỗi ({exc.getMessage()}).")]
    return found


def _svg_href_problem(value: str) -> str | None:
    u = browser_url(value)
    if not u or u.startswith("#"):
        return None
    if scheme_of(u) == "data" and re.match(r"data:image/(png|jpeg|gif|webp);", u, re.I):
        return None   # embedded bitmaps are common in exported drawings and load nothing
    if scheme_of(u) is not None or _foreign_relative(u) or "\\" in u:
        return f"Ảnh SVG có liên kết '{visible(u, 60)}' ra ngoài: không được đăng."
    return None


def _svg_css_problem(css: str) -> bool:
    for match in re.finditer(r"url\s*\(\s*['\"]?([^'\")]*)", css, re.I):
        if not match.group(1).strip().startswith("#"):
            return True
    return bool(re.search(r"@import|\\", css, re.I))


# -- references: does the target exist? --------------------------------------------------------------

def resolve_reference(from_src_uri: str, url: str) -> tuple[str, str] | None:
    """The site path a relative reference on the page built from ``from_src_uri`` points at, and its
    fragment; None for references this check leaves alone (absolute paths, empty)."""
    parts = urlsplit(browser_url(url))
    path = unquote(parts.path)
    if not path:
        return (from_src_uri, parts.fragment) if parts.fragment and from_src_uri.endswith(".md") else None
    if path.startswith("/"):
        return None
    base = posixpath.dirname(from_src_uri)
    target = posixpath.normpath(posixpath.join(base, path))
    return target, parts.fragment


# -- the hub loader: every page, every Markdown field, every URL field ------------------------------

# Where a Markdown field or a link field of a data file is shown, by its folder under events/:
# relative links in it are read from that page.
_FIELD_PAGES = {folder: urls.club(folder, "x") for folder in ("cau-lac-bo", "lop-hoc")}
_EVENT_PAGE = urls.event("x")


@dataclass
class SiteFiles:
    """What a relative link may reach. Content pages are Markdown that MkDocs rewrites: a link to
    a page names its ``.md`` file (MkDocs refuses ``.html`` under --strict). Markdown fields and
    ``lien_ket`` are not rewritten: a link to a page names its ``.html`` output."""

    hub: object
    content: set[str]                 # every file under content/ (paths inside it)
    md_targets: set[str]              # what links in content pages may name
    html_targets: set[str]            # what links in Markdown fields and link fields may name
    excluded: set[str]                # drafts and articles not yet due, as .md and .html
    generated: dict[str, object]      # generated page src_uri -> its GeneratedPage (HTML made on demand)
    _ids: dict[str, set[str]] | None = None

    def ids(self, src_uri: str) -> set[str] | None:
        """The anchors of a page (its ``.md`` path); None when it cannot be rendered here."""
        if self._ids is None:
            self._ids = {}
        if src_uri not in self._ids:
            self._ids[src_uri] = self._page_ids(src_uri)
        return self._ids[src_uri]

    def _page_ids(self, src_uri: str) -> set[str] | None:
        from .problems import Problems
        from .sources import load_front_matter_file

        if src_uri in self.generated:
            return html_ids(self.generated[src_uri].html)
        hub = self.hub
        path = (getattr(hub, "unit_files", None) or {}).get(src_uri) or hub.paths.docs_dir / src_uri
        located = load_front_matter_file(path, Problems(hub.paths.root), required=False)
        if located is None:
            return None
        return html_ids(hub.page_html(src_uri, markdown_to_html(hub.page_markdown(src_uri, located.body))))


def html_ids(text: str) -> set[str]:
    """Every anchor of a piece of HTML, as MkDocs collects them: ``id`` attributes and ``<a name>``."""
    class Ids(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.ids: set[str] = set()

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if value and (name == "id" or (tag == "a" and name == "name")):
                    self.ids.add(value)

        handle_startendtag = handle_starttag

    parser = Ids()
    parser.feed(text)
    parser.close()
    return parser.ids


def published_uri(hub, path: Path) -> str:
    """A content file's address inside the site: its path in docs_dir, or, in a hub of several
    units, its path without the unit folder (``hub.unit_files``), as MkDocs resolves its links."""
    reverse = hub.once("unit_file_uris", lambda: {p.resolve(): uri for uri, p in
                                                  (getattr(hub, "unit_files", None) or {}).items()})
    return (reverse and reverse.get(path.resolve())) or path.relative_to(hub.paths.docs_dir).as_posix()


def site_files(hub) -> SiteFiles:
    """``_site_files`` of the hub, worked out once per load (kept in ``hub.extras``): the check of
    every page and, under ``serve``, of an edited page use the same."""
    return hub.once("site_files", lambda: _site_files(hub))


def _site_files(hub) -> SiteFiles:
    """What links may reach: content files and every generated page and file (by path: a generated
    page is rendered here only when a link names one of its anchors)."""
    from .urls import output_path

    docs = hub.paths.docs_dir
    content = {published_uri(hub, p) for p in _files_under(docs)}
    excluded = set(hub.excluded) | {output_path(x) for x in hub.excluded}
    outputs = hub.outputs()
    published = {x for x in content if x not in excluded}
    generated = {page.src_uri: page for page in outputs.pages}
    files = {f.path for f in outputs.files}
    md_targets = published | set(generated) | files
    html_targets = {output_path(x) for x in published} | {output_path(x) for x in generated} | files
    return SiteFiles(hub, content, md_targets, html_targets, excluded, generated)


def _check_reference(ref: Reference, from_page: str, files: SiteFiles, report, markdown_links: bool) -> None:
    resolved = resolve_reference(from_page, ref.url)
    if resolved is None:
        return
    target, _fragment = resolved
    shown = visible(ref.url)
    needle = _attr_needle("src" if ref.image else "href", ref.url)
    if target in files.excluded:
        report(f"Liên kết '{shown}' trỏ tới bài chưa đăng ({target}: bài nháp hoặc có ngày đăng sau hôm nay).",
               needle, "bỏ liên kết, hoặc thêm lại khi bài đã được đăng")
        return
    if ref.image or posixpath.splitext(target)[1].lower() in IMAGE_SUFFIXES:
        if target not in files.content:
            report(f"Không có ảnh '{shown}': không tìm thấy tệp {target} trong thư mục content/.", needle,
                   "đường dẫn tính từ tệp đang viết; kiểm tra tên tệp và thư mục")
        return
    _check_page_reference(ref, from_page, files, report, markdown_links)


def _check_page_reference(ref: Reference, from_page: str, files: SiteFiles, report, markdown_links: bool) -> None:
    from .urls import output_path

    target, fragment = resolve_reference(from_page, ref.url)
    shown = visible(ref.url)
    needle = _attr_needle("href", ref.url)
    valid = files.md_targets if markdown_links else files.html_targets
    if target not in valid:
        other = (target[:-5] + ".md") if target.endswith(".html") else output_path(target)
        if markdown_links and other in valid and other.endswith(".md"):
            suggestion = posixpath.relpath(other, posixpath.dirname(from_page) or ".")
            suggestion += f"#{fragment}" if fragment else ""
            report(f"Liên kết '{shown}' tới một trang phải ghi tên tệp .md của trang: '{suggestion}'.", needle)
        elif not markdown_links and other in valid and other.endswith(".html"):
            report(f"Liên kết '{shown}' tới một trang phải ghi đuôi .html: "
                   f"'{posixpath.relpath(other, posixpath.dirname(from_page) or '.')}'.", needle)
        else:
            report(f"Liên kết '{shown}' trỏ tới {target}, trang không có tệp hay trang nào như vậy.", needle,
                   "đường dẫn tính từ tệp đang viết; trang khác viết tên tệp .md, ví dụ ../gioi-thieu.md")
        return
    if fragment:
        page_src = target if target.endswith(".md") else (target[:-5] + ".md" if target.endswith(".html") else None)
        ids = files.ids(page_src) if page_src and (page_src in files.content or page_src in files.generated) else None
        if ids is not None and fragment not in ids:
            report(f"Trang {page_src} không có mục '#{fragment}' (liên kết '{shown}').", needle,
                   "mở trang đó, bấm dấu ¶ cạnh tiêu đề mục để lấy đúng địa chỉ")


def _report_markdown(hub, path: Path, text: str, first_line: int, from_page: str,
                     files: SiteFiles | None, field: str = "", fixed_line: bool = False,
                     problems=None) -> None:
    """Problems of one piece of staff Markdown, each at the line of ``text`` (numbered from
    ``first_line``) where it is written; ``fixed_line``: always ``first_line`` (a one-line field).
    Without ``files`` (a site that did not load: ``hub`` None, ``problems`` given), only what the
    text runs or loads; its links to pages of the site are not checked."""
    problems = problems if problems is not None else hub.problems
    found, refs = scan_markdown(text)
    path_hint = ("đường dẫn tính từ trang hiện mô tả này, " + from_page.rsplit("/", 1)[0] + "/…"
                 if field else "")

    def report(message: str, needle: str, hint: str = "", field_name: str = "") -> None:
        where = first_line if fixed_line else line_in(text, needle, first_line)
        problems.add(path, where, field or field_name, message, hint)

    for item in found:
        report(item.message, item.needle, item.hint, "noi-dung")
    for ref in refs if files is not None else ():
        _check_reference(ref, from_page, files,
                         lambda m, n, h="": report(m, n, path_hint or h, "anh" if ref.image else "lien-ket"),
                         markdown_links=not field)


def check_unsafe_pages(root: Path, docs_dir: Path, problems, events_dir: Path | None = None) -> None:
    """What each content page, and each Markdown field (``mo_ta``) of the data files under
    ``events_dir``, would run or load (scripts, handlers, forbidden links, files from another
    host), for a hub that did not load: these need no other file of the site, so they are
    reported with the loading errors instead of after they are fixed (``check_published`` then
    adds the links to missing pages). Nothing is read through a refused symbolic link."""
    from .problems import Problems
    from .sources import load_front_matter_file, load_yaml_file

    quiet = Problems(root)   # front matter and YAML mistakes are the loaders' to report
    if not _refused_link(docs_dir, root):
        for path in sorted(p for p in _files_under(docs_dir, root) if p.suffix == ".md"):
            located = load_front_matter_file(path, quiet, required=False)
            if located is None:
                continue
            _report_markdown(None, path, located.body, located.body_line, "", None, problems=problems)
    if events_dir is None or _refused_link(events_dir, root):
        return
    for path in sorted(p for p in _files_under(events_dir, root) if p.suffix in (".yaml", ".yml")):
        located = load_yaml_file(path, quiet)
        if located is not None:
            _unsafe_fields(located, located.data, (), problems)


def _unsafe_fields(located, node, loc: tuple, problems) -> None:
    """``_walk_fields``' Markdown fields, for a hub that did not load: only what they run or load."""
    from .sources import _dotted

    items = enumerate(node) if isinstance(node, list) else node.items() if isinstance(node, dict) else ()
    for key, value in items:
        here = loc + (key,)
        if isinstance(value, (dict, list)):
            _unsafe_fields(located, value, here, problems)
        elif key == "mo_ta" and isinstance(value, str):
            line = located.line_of(here)
            block = "\n" in value.strip()   # a block scalar (mo_ta: |) starts on the line after its key
            _report_markdown(None, located.path, value, (line or 1) + (1 if block else 0), "", None,
                             field=_dotted(here), fixed_line=not block, problems=problems)


def check_published(hub) -> None:
    """Every content page, Markdown field and URL field of a data file: what it runs, loads and
    links to. Called by both adapters right after ``load_hub`` succeeded (``cli.load_project_hub``
    and the plugin's ``on_config``), since knowing the generated pages means rendering them, which
    needs valid content; the outputs are kept for the build. Raises ``ContentErrors``."""
    if hub.problems.errors:
        return
    try:
        _check_content(hub)
    finally:   # every file has been read: results of texts no longer there are dropped
        textcache.current().save(prune=textcache.CHECK_SPACES)
    hub.problems.raise_if_any()


def _check_content(hub) -> None:
    from .problems import Problems
    from .sources import load_front_matter_file, load_yaml_file

    files = site_files(hub)
    docs = hub.paths.docs_dir
    quiet = Problems(hub.paths.root)   # syntax errors are reported by each kind's own loader
    for path in sorted(p for p in _files_under(docs) if p.suffix == ".md"):
        check_page_links(hub, path, files, quiet)
    events_dir = hub.paths.events_dir
    if events_dir.is_dir():
        for path in sorted(p for p in _files_under(events_dir) if p.suffix in (".yaml", ".yml")):
            located = load_yaml_file(path, quiet)
            if located is None:
                continue
            parts = path.relative_to(events_dir).parts[:-1]
            # events/cau-lac-bo/… or, in a hub of several units, events/<unit>/cau-lac-bo/…
            folder = next((part for part in parts[:2] if part in _FIELD_PAGES), parts[0] if parts else "")
            page = _FIELD_PAGES.get(folder, _EVENT_PAGE)
            _walk_fields(hub, located, located.data, (), page, folder in _FIELD_PAGES, files)


def check_page_links(hub, path: Path, files: SiteFiles | None = None, quiet=None) -> None:
    """What one content page runs, loads and links to (``files``: what links may reach, by
    default the hub's, worked out once per hub). Syntax errors of the front matter are left to
    the page's own loader (``quiet`` collects them)."""
    from .problems import Problems
    from .sources import load_front_matter_file

    if files is None:
        files = site_files(hub)
    quiet = quiet if quiet is not None else Problems(hub.paths.root)
    located = load_front_matter_file(path, quiet, required=False)
    if located is not None:
        _report_markdown(hub, path, located.body, located.body_line, published_uri(hub, path), files)


def _walk_fields(hub, located, node, loc: tuple, page: str, club: bool, files: SiteFiles) -> None:
    from .sources import _dotted

    if isinstance(node, list):
        for i, item in enumerate(node):
            _walk_fields(hub, located, item, loc + (i,), page, club, files)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        here = loc + (key,)
        if isinstance(value, (dict, list)):
            _walk_fields(hub, located, value, here, page, club, files)
            continue
        if not isinstance(value, str):
            continue
        line = located.line_of(here)
        field = _dotted(here)
        if key == "mo_ta":
            # A block scalar (mo_ta: |) starts on the line after its key.
            block = "\n" in value.strip()
            _report_markdown(hub, located.path, value, (line or 1) + (1 if block else 0), page, files,
                             field=field, fixed_line=not block)
        elif key == "anh" and not club:
            # An event's picture: a file under content/, shown on the event page.
            problem = resource_problem(value)
            if problem:
                hub.problems.add(located.path, line, field, problem + ".")
            else:
                target = posixpath.normpath(browser_url(value).lstrip("/"))
                if target not in files.content:
                    hub.problems.add(located.path, line, field,
                                     f"Không có ảnh '{visible(value)}': không tìm thấy tệp {target} trong thư mục content/.",
                                     "đường dẫn tính từ thư mục content/, ví dụ assets/anh/hoi-sach.jpg")
        elif key == "url" and len(loc) >= 2 and loc[-2] == "lien_ket" and not link_problem(value):
            # A relative path in lien_ket is read from the event's page (lich/su-kien/<ma>.html).
            if not _is_external_or_fragment(value):
                hint = "đường dẫn tính từ trang của sự kiện, " + page.rsplit("/", 1)[0] + "/…"
                _check_reference(Reference(value, False), page, files,
                                 lambda m, n, h="": hub.problems.add(located.path, line, field, m, hint),
                                 markdown_links=False)


# -- mkdocs.yml: the site's own stylesheets, scripts and pictures ------------------------------------

def check_site_assets(config_file: Path, assets: list[tuple[str, str]], problems) -> None:
    """``extra_css``, ``extra_javascript``, ``theme.logo``, ``theme.favicon``: files of the site only."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        text = ""
    for option, url in assets:
        if resource_problem(url) is None:
            continue
        line = line_in(text, url, 1) if url and url in text else None
        problems.add(config_file, line, option,
                     f"'{visible(url)}' nằm ở máy chủ khác: trang không tải mã, kiểu chữ hay ảnh từ nơi khác.",
                     "tải tệp về, đặt vào thư mục của trang rồi ghi đường dẫn trong trang")


# -- Content-Security-Policy ------------------------------------------------------------------------

# Every page carries it as <meta http-equiv> (templates/theme/main.html); deploy/nginx.conf sends
# the same as a header (a header can also set frame-ancestors, which a meta tag cannot).
# script-src has no 'unsafe-inline': Material's inline scripts are files (theme/assets/hoctap-*.js).
# style-src keeps 'unsafe-inline' for style attributes (category colours, Material's palette).
# img-src allows data: for Material's icons, drawn as data: SVG masks in its stylesheet.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])
