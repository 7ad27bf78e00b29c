"""One rendered page shell per folder for generated pages (issue #11, point 3).

Material's page template (header, tabs, navigation, footer) gave the same result for every
generated page of a folder but its title, description, addresses, edit link and content, and it
ran for each of thousands of pages (a fifth of a build). Here it runs once per *shell key* (the
page's folder, which fixes every relative link, and its other metadata) with placeholders for the
values that differ; each page is that shell with its own values put in.

Guards, so that a page never differs from what Material's template would give:

- a page whose values contain a character a filter could change (``& < > " '``, a tab, a line
  break or two spaces: ``striptags`` unescapes and joins spaces, ``e`` escapes) is rendered in full;
- the first page of each key is rendered both ways and compared: a key whose pages differ is
  rendered in full from then on (a template that transforms a value in a way not foreseen here);
- ``HOCTAP_SHELL_CHECK=1`` compares every page and raises on the first difference (tests).

MkDocs-specific (the template environment and page context): the core never imports it.
"""

from __future__ import annotations

import copy
import os
import re

SHELL_TEMPLATE = "hoctap_shell.html"   # {{ hoctap_page_html }}: the page made here
_SLOTS = ("title", "description", "canonical", "abs_url", "edit", "content")
_TOKEN = {name: f"\x02hoctap-shell-{name}\x03" for name in _SLOTS}
_SPLIT = re.compile("(" + "|".join(re.escape(t) for t in _TOKEN.values()) + ")")
_BY_TOKEN = {t: name for name, t in _TOKEN.items()}
_RISKY = re.compile(r"[&<>\"'\t\r\n\x02\x03]|  ")


class ShellMismatch(RuntimeError):
    pass


class PageShells:
    """Shells of one build (made anew with each build: the theme or the navigation may change)."""

    def __init__(self, env, check_all: bool | None = None) -> None:
        self.env = env
        self.check_all = os.environ.get("HOCTAP_SHELL_CHECK") == "1" if check_all is None else check_all
        self._shells: dict[tuple, list[str] | None] = {}   # None: render this key's pages in full
        self.stats = {"shell": 0, "full": 0}

    def html(self, context: dict, page) -> str:
        """The finished page (before ``on_post_page``), as Material's ``main.html`` renders it."""
        values = _values(page)
        if values is None:
            return self._full(context)
        key = _key(page)
        if key not in self._shells:
            parts = _SPLIT.split(self._render(context, _prototype(page)))   # text, placeholder, text…
            shell_output = _join(parts, values)
            full_output = self._full(context)
            self._shells[key] = parts if shell_output == full_output else None
            return full_output
        parts = self._shells[key]
        if parts is None:
            return self._full(context)
        output = _join(parts, values)
        self.stats["shell"] += 1
        if self.check_all:
            full_output = self._full(context)
            if output != full_output:
                raise ShellMismatch(f"{page.file.src_uri}: the page shell differs from Material's template")
        return output

    def _full(self, context: dict) -> str:
        self.stats["full"] += 1
        return self._render(context, context["page"])

    def _render(self, context: dict, page) -> str:
        return self.env.get_template("main.html").render({**context, "page": page})


def _values(page) -> dict[str, str] | None:
    """What differs from page to page in one key; None when a value is risky (see the module)."""
    values = {
        "title": str(page.title or ""),
        "description": str(page.meta.get("description", "")),
        "canonical": str(page.canonical_url or ""),
        "abs_url": str(page.abs_url or ""),
        "edit": str(page.edit_url or ""),
        "content": page.content or "",
    }
    if any(_RISKY.search(v) for k, v in values.items() if k != "content"):
        return None
    if not values["title"] or str(page.meta.get("title", "")) != values["title"]:
        return None
    return values


def _key(page) -> tuple:
    folder = page.file.url.rsplit("/", 1)[0] if "/" in page.file.url else ""
    meta = tuple(sorted((k, repr(v)) for k, v in page.meta.items() if k not in ("title", "description")))
    return (folder, meta, "description" in page.meta, bool(page.canonical_url), bool(page.abs_url),
            bool(page.edit_url), "\u003ch1" in (page.content or ""))


def _prototype(page):
    """A copy of the page with placeholders for the values of ``_values``."""
    proto = copy.copy(page)
    proto.meta = dict(page.meta)
    proto.meta["title"] = _TOKEN["title"]
    if "description" in page.meta:
        proto.meta["description"] = _TOKEN["description"]
    proto.title = _TOKEN["title"]
    proto.canonical_url = _TOKEN["canonical"] if page.canonical_url else page.canonical_url
    proto.abs_url = _TOKEN["abs_url"] if page.abs_url else page.abs_url
    proto.edit_url = _TOKEN["edit"] if page.edit_url else page.edit_url
    # content.html prints an <h1> with the title unless the content has one: keep that choice
    proto.content = _TOKEN["content"] + ("\u003ch1" if "\u003ch1" in (page.content or "") else "")
    return proto


def _join(parts: list[str], values: dict[str, str]) -> str:
    """The shell with the page's values; the ``<h1`` marker after the content placeholder (see
    ``_prototype``) chose the template's branch and is not part of the page."""
    out = []
    skip_h1 = False
    for part in parts:
        name = _BY_TOKEN.get(part)
        if name is not None:
            out.append(values[name])
            skip_h1 = name == "content"
            continue
        if skip_h1 and part.startswith("\u003ch1") and "\u003ch1" in values["content"]:
            part = part[3:]
        skip_h1 = False
        out.append(part)
    return "".join(out)
