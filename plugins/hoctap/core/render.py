"""HTML fragments of generated pages, rendered by Jinja2 with autoescaping.

Templates live in ``hoctap/templates/fragments``; Material overrides (the page
frame around them) live in ``hoctap/templates/theme``.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown as _markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import dates, textcache, values
from .publishing import attribute_filter

TEMPLATES = Path(__file__).parent.parent / "templates"
THEME_DIR = TEMPLATES / "theme"

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "img", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul", "figure",
    "figcaption", "sup", "sub", "del",
}
_ALLOWED_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height", "loading"},
                  "td": {"align"}, "th": {"align"}}


_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]#!|]")  # what would turn a heading's text into markup


def markdown_escape(text: str) -> str:
    """Plain text placed into Markdown (a heading made from a title): shown as typed, never as markup.

    HTML characters become entities (Markdown has no backslash escape for ``<`` or ``&``); Markdown's
    own punctuation gets a backslash."""
    return _MD_SPECIAL.sub(r"\\\g<0>", html.escape(text, quote=False))


_CONVERTER: "_markdown.Markdown | None" = None


def markdown_html(text: str) -> Markup:
    """Staff Markdown (descriptions, summaries) → sanitised HTML: no scripts, no styles, no raw tags.

    One converter, reset between texts (making one loads every extension again); the conversion
    of each text is kept between runs (``textcache``: it depends on the text alone), the
    sanitiser runs on every call."""
    html = textcache.current().get("md-html", text or "", lambda: _markdown_convert(text or ""),
                                   keep=lambda result: result)
    return Markup(nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, attribute_filter=attribute_filter,
                            url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener"))


def _markdown_convert(text: str) -> str:
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = _markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    return _CONVERTER.reset().convert(text)


# Tags and attributes a content page (staff Markdown plus the hub's own blocks) may keep.
_PAGE_TAGS = _ALLOWED_TAGS | {
    "article", "aside", "caption", "col", "colgroup", "dd", "details", "div", "dl", "dt", "h1", "h5",
    "h6", "kbd", "mark", "nav", "s", "section", "small", "span", "summary", "time", "u", "ins",
    "label", "input", "button", "tfoot",
}
_PAGE_ATTRS = {
    "*": {"class", "id", "title", "lang", "style", "hidden", "role", "aria-label", "aria-hidden",
          "aria-current", "aria-live"},
    "a": {"href", "title", "download", "rel", "type", "tabindex"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"}, "th": {"align", "colspan", "rowspan", "scope"},
    "time": {"datetime"}, "details": {"open"}, "ol": {"start"},
    "input": {"type", "readonly", "value"}, "label": {"for"}, "button": {"type"},
}
_STYLE_PROPERTIES = {"background", "background-color", "color", "border-left-color", "text-align", "width"}


def sanitize_page(html: str) -> str:
    """A content page's HTML without scripts, event handlers or ``javascript:`` links, and without
    anything that loads from another host (images, CSS ``url()``, ``//host``).

    Staff write Markdown, in which raw HTML passes through; ``hoctap check`` refuses what this drops
    (publishing.py), so this is defence in depth, and the one place page HTML is cleaned.
    """
    return nh3.clean(html, tags=_PAGE_TAGS, attributes=_PAGE_ATTRS, generic_attribute_prefixes={"data-"},
                     attribute_filter=attribute_filter,
                     url_schemes={"http", "https", "mailto", "tel", "webcal"}, link_rel=None,
                     filter_style_properties=_STYLE_PROPERTIES, strip_comments=True)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES / "fragments")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,   # the package's templates do not change while it runs: no stat per use
    )
    env.filters.update(
        weekday_date=dates.weekday_date,
        short_date=dates.short_date,
        clock=dates.clock,
        markdown=markdown_html,
        tel_href=values.tel_href,
        phone=values.format_phone,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
