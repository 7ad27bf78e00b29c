"""The site's search index, built from the models (not from the built HTML).

One entry per page or plan section: title, type, url, key facts (next date, place), extra
keywords (headings, tags, village) and a short summary. The browser folds diacritics itself
(``assets/hoctap-search.js``: NFC, lower case, đ → d, combining marks removed), so the index
stores only display text and stays small.

Files (every one a script that assigns a global, so that search also works from a copy opened
with file://, where fetch/XHR are blocked; CSP ``script-src 'self'`` allows them):

- ``search/index-0.js``: ``window.HOCTAP_SEARCH = {...}``: every entry without its summary;
  the only file a search downloads first.
- ``search/tom-tat-<n>.js``: the summaries of entries ``n*SHARD`` … ``(n+1)*SHARD - 1``, loaded
  only when one of them is shown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .outputs import GeneratedFile

SUMMARY_MAX = 200       # characters of a summary
SHARD = 500             # summaries per lazily loaded file

# Groups: results of a lower group come first whatever their score: the units' own content, then
# that of sample units (invented, marked `mau: true` in the configuration), the staff guide last.
GROUP_CONTENT = 0
GROUP_SAMPLE = 1
GROUP_GUIDE = 2

# Types, in the order the index lists them (an entry stores the position).
TYPES = ("sự kiện", "câu lạc bộ", "lớp học", "kế hoạch", "mục kế hoạch", "tin tức", "trang",
         "hướng dẫn cán bộ", "nhà văn hóa", "văn bản", "cơ quan", "khảo sát")


@dataclass(frozen=True)
class Entry:
    title: str
    type: str               # one of TYPES
    url: str                # output path from the site root, may carry #anchor
    date: str = ""          # "Thứ Ba, 21/04/2026"
    place: str = ""         # place and village
    keywords: str = ""      # headings, tags, village, category: matched, not shown
    context: str = ""       # shown, not matched (the plan a section belongs to)
    summary: str = ""       # ≤ SUMMARY_MAX characters, loaded lazily
    group: int = GROUP_CONTENT
    alt: str = ""           # another name, matched like the title (a page's H1, a plan's subject)

    def row(self) -> list:
        row = [self.title, TYPES.index(self.type), self.url, self.date, self.place, self.keywords,
               self.context, self.group, self.alt]
        while row and row[-1] in ("", 0):   # trailing empty fields are left out
            row.pop()
        return row


def search_join(*parts) -> str:
    """Facts joined for display: "Bản Púng · Nhà văn hóa" (empty parts left out)."""
    return " · ".join(p for p in parts if p)


def group_of(hub, path) -> int:
    """A sample unit's content (invented, ``mau: true`` in the configuration) comes after the real
    units' content (an invented item of a real unit says so on its page, and ranks with its unit)."""
    unit = hub.unit(hub.unit_of(path)) if getattr(hub, "config", None) is not None and path is not None else None
    return GROUP_SAMPLE if unit is not None and unit.sample else GROUP_CONTENT


def shorten(text: str, limit: int = SUMMARY_MAX) -> str:
    """One line of at most ``limit`` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`]+|\{[^}]*\}|<[^>]+>")


def plain(markdown: str) -> str:
    """Markdown inline text as plain text (links keep their label, images their alt)."""
    return " ".join(_MD_MARKS.sub("", _MD_LINK.sub(r"\1", markdown)).split())


def markdown_outline(body: str) -> tuple[str | None, list[str], str]:
    """(first H1, the other headings, the first paragraph) of a Markdown page body."""
    h1: str | None = None
    headings: list[str] = []
    paragraph: list[str] = []
    first = ""
    fence = False
    for line in body.splitlines() + [""]:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        heading = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", stripped)
        if heading:
            text = plain(heading.group(2))
            if heading.group(1) == "#" and h1 is None:
                h1 = text
            elif text:
                headings.append(text)
            if paragraph and not first:
                first = " ".join(paragraph)
            paragraph = []
            continue
        if not first:
            if not stripped or stripped.startswith(("<", "|", "!!!", "???", ">", "-", "*", "1.")):
                if paragraph:
                    first = plain(" ".join(paragraph))
                paragraph = []
            else:
                paragraph.append(stripped)
    return h1, headings, first


def index_files(entries: list[Entry], root: str = "") -> list[GeneratedFile]:
    """The index files under ``root`` (a unit's prefix, or the site root)."""
    out = [GeneratedFile(f"{root}search/index-0.js", _script(
        "window.HOCTAP_SEARCH = ",
        {"v": 1, "types": list(TYPES), "shard": SHARD, "entries": [e.row() for e in entries]}))]
    for n in range(0, (len(entries) + SHARD - 1) // SHARD):
        summaries = [e.summary for e in entries[n * SHARD:(n + 1) * SHARD]]
        out.append(GeneratedFile(f"{root}search/tom-tat-{n}.js", _script(
            f"(window.HOCTAP_SEARCH_SUMMARIES = window.HOCTAP_SEARCH_SUMMARIES || {{}})[{n}] = ", summaries)))
    return out


def _script(prefix: str, value) -> bytes:
    # JSON is a JavaScript expression; U+2028/2029 are refused in content, escaped here anyway.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (prefix + text + ";\n").encode("utf-8")
