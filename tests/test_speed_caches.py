"""What the build remembers to go faster gives what it would compute afresh (issue #11, point 3).

The month index of the calendar, an occurrence's view (worked out once, linked per page), the
remembered relative paths and date labels, and the anchors of generated pages found on demand."""

from __future__ import annotations

import inspect

import posixpath
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from babel.dates import format_date

from conftest import ROOT
from hoctap.adapters.mkdocs import _AnchorIds
from hoctap.core import dates
from hoctap.core.publishing import html_ids
from hoctap.core.urls import output_path, relative
from hoctap.kinds.events import pages
from hoctap.site.hub import Paths, load_hub

TODAY = date(2026, 4, 21)


def _hub():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    entry = next(p for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    options = {k: v for k, v in entry["hoctap"].items() if k != "events_dir"}
    return load_hub(Paths(ROOT, ROOT / "content", ROOT / "events"), options, "https://example.org/",
                    "Trung tâm", options_source=ROOT / "mkdocs.yml", today=TODAY)


def test_month_index_lists_what_a_scan_of_every_occurrence_finds():
    cal = _hub().calendar
    spans = [o for o in cal.occurrences if o.end_day.month != o.start_day.month]
    assert spans, "the sample has an activity over two months"
    for year, month in cal.months():
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        scanned = [o for o in cal.occurrences if o.start_day < end and o.end_day >= start]
        assert [id(o) for o in cal.in_month(year, month)] == [id(o) for o in scanned]
    # the list handed out is the caller's: changing it changes nothing in the calendar
    busy = next(m for m in cal.months() if cal.in_month(*m))
    handed = cal.in_month(*busy)
    count = len(handed)
    handed.clear()
    assert len(cal.in_month(*busy)) == count


def test_an_occurrence_view_is_the_same_on_every_page_but_its_link():
    hub = _hub()
    occ = next(o for o in hub.calendar.occurrences if o.event.source.category)
    month_page = "lich/thang/2026-04.md"
    archive_page = "don-vi/vieng-lan/lich/luu-tru/2025.md"
    a, b = pages.view(hub, occ, month_page), pages.view(hub, occ, archive_page)
    assert a.href == posixpath.relpath(occ.event.url, "lich/thang")
    assert b.href == posixpath.relpath(occ.event.url, "don-vi/vieng-lan/lich/luu-tru")
    assert (a.when, a.lunar, a.category, a.category_color, a.unit, a.state) == \
           (b.when, b.lunar, b.category, b.category_color, b.unit, b.state)
    assert a.when == pages.when_label(occ)
    category = hub.config.category(occ.event.source.category)
    assert a.category == category.name and a.category_color == category.color


def test_relative_links_and_date_labels_match_the_libraries():
    for src, to in [("lich/thang/2026-04.md", "lich/su-kien/hoi-sach.html#dang-ky"),
                    ("index.md", "lich/index.html"), ("a/b/c.md", "a/x.html"), ("a/b/c.md", ""),
                    ("don-vi/x/lich/index.md", "don-vi/y/lich/lich.ics")]:
        for _ in range(2):   # the second answer comes from the cache
            target, _, anchor = to.partition("#")
            start = posixpath.dirname(output_path(src)) or "."
            expected = posixpath.relpath(target or output_path(src), start) + ("#" + anchor if anchor else "")
            assert relative(src, to) == expected
    day = date(2026, 1, 1)
    for n in range(400):
        d = day + timedelta(days=n)
        assert dates.weekday_date(d) == format_date(d, "EEEE, dd/MM/yyyy", locale="vi")
        assert dates.weekday_name(d) == format_date(d, "EEEE", locale="vi")
    assert dates.weekday_date(datetime(2026, 4, 21, 23, 30)) == "Thứ Ba, 21/04/2026"


def test_anchor_ids_of_a_generated_page_are_found_when_asked():
    html = '<h2 id="android">Android</h2><a name="cu">x</a><p id="">y</p>'
    ids = _AnchorIds(html)
    assert ids._html is not None          # nothing parsed yet
    assert "android" in ids and "cu" in ids and "khong-co" not in ids
    assert ids._html is None              # parsed once, kept
    assert set(ids) == html_ids(html) == {"android", "cu"} and len(ids) == 2


def test_check_makes_no_ics_file_and_a_build_makes_each_once(monkeypatch):
    from hoctap.core.publishing import check_published
    from hoctap.site.rules import check_generated_paths

    made = []
    real = pages.write_ics
    signature = inspect.signature(real)
    monkeypatch.setattr(pages, "write_ics", lambda *a, **k: made.append(signature.bind(*a, **k).arguments["feed_path"])
                        or real(*a, **k))
    hub = _hub()
    check_generated_paths(hub)
    check_published(hub)
    assert made == []                       # what hoctap check does: paths only
    ics = [f for f in hub.outputs().files if f.path.endswith(".ics")]
    assert len(ics) > 20
    texts = [f.content for f in ics] + [f.content for f in ics]   # read twice, made once
    # the calendar's feeds (the monkeypatch sees the calendar's calls; clubs' own .ics files call it by
    # their kind's name)
    assert len(made) > 20 and len(made) == len(set(made)) and set(made) <= {f.path for f in ics}
    assert all(t.startswith(b"BEGIN:VCALENDAR") if isinstance(t, bytes) else t.startswith("BEGIN:VCALENDAR")
               for t in texts)


def test_check_renders_only_the_generated_pages_whose_anchors_a_link_names():
    """``hoctap check`` needs the generated pages' paths, and the anchors of a page only when a link
    names one of them (``lich/dang-ky.md#android``): it renders none of the pages that grow with the
    content (calendar, clubs and classes, news listings, reports, venues; in the hub and in each
    unit's section). The records' pages (documents, assignments, honours, surveys, ranking: a few
    per plan) are still made up front. The HTML is made when first read, once."""
    from hoctap.core.publishing import check_published
    from hoctap.site.rules import check_generated_paths

    hub = _hub()
    check_generated_paths(hub)
    check_published(hub)
    generated = hub.outputs().pages
    sections = ("lich/", "cau-lac-bo/", "lop-hoc/", "tin-tuc/", "bao-cao/", "nha-van-hoa/")

    def growing(src_uri: str) -> bool:
        if src_uri.startswith("don-vi/"):
            src_uri = src_uri.split("/", 2)[-1]
        return src_uri.startswith(sections)

    lazy = [p for p in generated if growing(p.src_uri)]
    assert len(lazy) > 300 and {p.src_uri.split("/")[0] for p in lazy} >= {"lich", "cau-lac-bo", "tin-tuc", "bao-cao"}
    linked = set()
    for path in (ROOT / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        linked |= {p.src_uri for p in lazy if p.src_uri.rsplit("/", 1)[-1] + "#" in text}
    rendered = {p.src_uri for p in lazy if p.rendered}
    assert rendered <= linked, rendered - linked
    assert len(rendered) < 5
    page = next(p for p in generated if p.src_uri == "lich/thang/2026-04.md")
    assert not page.rendered
    html = page.html
    assert page.rendered and page.html is html and "<table" in html


# Markdown the scan skips (no "<", "[" or "{"), in every syntax of the site's extensions.
_PLAIN_MARKDOWN = """# Tiêu đề

Chữ *nghiêng*, **đậm**, `mã <script>` và &lt;script&gt;alert(1)&lt;/script&gt; &#60;iframe&#62;.
javascript:alert(1) http://example.com/x.js mailto:a@b.c

| Cột trái | Cột phải |
| :------- | -------: |
| một      | hai      |

!!! note "Ghi chú onclick=alert(1)"
    Nội dung ghi chú style="position: fixed".

Thuật ngữ
:   Định nghĩa của thuật ngữ.

```html
<script src="https://example.com/x.js"></script>
```

    <iframe src="https://example.com"></iframe>

> Trích dẫn
> - mục một
> - mục hai

1. Bước một
2. Bước hai

***
"""


def test_markdown_without_markup_characters_has_nothing_to_report_when_rendered():
    """``scan_markdown`` does not render a text without "<", "[" or "{": rendering every such
    text of the sample and the crafted one above finds no problem and no reference either."""
    from hoctap.core.publishing import _MARKUP_STARTS, markdown_to_html, scan_html, scan_markdown

    texts = [_PLAIN_MARKDOWN]
    for path in sorted((ROOT / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8")
        texts += [part for part in body.split("\n\n") if not any(c in part for c in _MARKUP_STARTS)]
    assert len(texts) > 100
    for text in texts:
        assert scan_html(markdown_to_html(text)) == ([], []), text
        assert scan_markdown(text) == ([], [])
    # Each character that makes markup is still rendered and scanned.
    for text, needle in [("Đoạn văn.\n{: onclick=\"alert(1)\" }", "onclick"),
                         ("[bấm](javascript:alert(1))", "javascript"),
                         ("Chữ <script>alert(1)</script>", "<script"),
                         ("![ảnh](https://example.com/a.png)", "example.com")]:
        found, _refs = scan_markdown(text)
        assert any(needle in f.needle for f in found), text
    assert scan_markdown("[bài khác](../bai-khac.md)")[1][0].url == "../bai-khac.md"


def _site_markdown():
    """A converter with the sample's markdown_extensions, as MkDocs makes one per page."""
    import markdown

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def test_an_articles_header_and_footer_are_put_in_after_markdown_as_if_markdown_had_passed_them():
    """``Hub.html_slot``: an article's header and footer skip Python-Markdown's HTML parser; the
    page's HTML is what converting them inline gives, even after a code block left open, and a
    marker written by staff is not one."""
    from bs4 import BeautifulSoup

    hub = _hub()
    src = next(s for s in sorted(hub.page_fillers) if "tin-tuc/" in s)
    body = "Một đoạn văn của bài.\n\n## Một mục\n\nĐoạn thứ hai.\n"

    def both(text: str) -> tuple[str, str]:
        md = hub.page_markdown(src, text)
        slots = dict(hub.html_slots[src])
        assert len(slots) == 2 and all(marker in md for marker in slots)
        assert not any(part in md for part in slots.values())
        inline = md
        for marker, part in slots.items():
            inline = inline.replace(marker, part)
        return (hub.page_html(src, _site_markdown().convert(md)), _site_markdown().convert(inline))

    slotted, inline = both(body)
    assert slotted == inline
    soup = BeautifulSoup(slotted, "html.parser")
    assert soup.select_one(".hoctap-article-header") and soup.select_one(".hoctap-article-footer")
    assert "hoctap-" not in "".join(str(c) for c in soup.find_all(string=lambda s: s.__class__.__name__ == "Comment"))
    assert src not in hub.html_slots   # used once

    # A code block left open swallows what follows it: the footer is still a footer, at the end.
    slotted, _inline = both(body + "\n```\nmã chưa đóng\n")
    soup = BeautifulSoup(slotted, "html.parser")
    assert "hoctap-article-footer" in soup.find_all(recursive=False)[-1].get("class", [])
    from hoctap.site.hub import slot_prefix

    assert slot_prefix() not in slotted and "mã chưa đóng" in soup.get_text()
    # A marker that came through as text (escaped, as inside a code block) is not shown: its
    # random part would make two builds differ; its HTML goes at the end.
    import html as html_module

    marker = hub.html_slot(src, "<p>phần của hoctap</p>")
    page = hub.page_html(src, f"<pre><code>{html_module.escape(marker, quote=False)}\n</code></pre>")
    assert slot_prefix() not in page and page.endswith("<p>phần của hoctap</p>")

    # Staff cannot write a marker: it holds a part drawn when the process starts.
    forged = body + "\n<!--hoctap-0000000000000000-1-->\n"
    slotted, _inline = both(forged)
    assert slotted.count('class="hoctap-article-footer"') == 1
