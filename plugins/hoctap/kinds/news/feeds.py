"""RSS 2.0 and Atom 1.0 feeds of the news, built with feedgen.

Bounded: each feed carries the newest ``tin_tuc.so_tin_nguon`` articles (50 by default) with
their summaries (``tom_tat``) and covers, not their full text, so a feed's size does not grow
with the number of articles; older articles are on the archive pages.

Deterministic: the feed's lastBuildDate / updated is the newest article's date, never the
build clock; ids are the articles' absolute URLs; items are newest first.
"""

from __future__ import annotations

import posixpath
from datetime import datetime, time
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree

from ...site.hub import Hub
from .model import Article, News
from .pages import category_uri, feed_path, index_uri, scope_articles
from ...core.outputs import GeneratedFile, Outputs
from ...core.timezone import TZ
from ...core.urls import absolute, output_path, page_source

def absolute_url(site_url: str, src_uri: str, url: str) -> str:
    """A link or image source written in the Markdown of ``src_uri``, made absolute.

    Links to ``.md`` pages become links to their ``.html`` output, as the site builder does.
    """
    if not url or urlsplit(url).scheme:
        return url
    page = absolute(site_url, output_path(src_uri))
    if url.startswith("#"):
        return page + url
    path, hash_, anchor = url.partition("#")
    if path.startswith("/"):
        target = path.lstrip("/")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if target.endswith(".md"):
        target = output_path(target)
    return absolute(site_url, target) + (hash_ + anchor if hash_ else "")


def build_feed(hub: Hub, articles: list[Article], title: str, page_uri: str, category_id: str | None,
               scope=None) -> FeedGenerator:
    site = hub.site_url
    scope = scope or hub.scope
    unit = scope.unit
    news: News = hub.extras["news"]
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    rss_url, atom_url = (absolute(site, scope.urls.news_feed(k, category_id)) for k in ("rss", "atom"))
    page_url = absolute(site, output_path(page_uri))
    fg.id(page_url)
    fg.title(title)
    fg.subtitle(f"Tin tức về hoạt động học tập suốt đời của {scope.name}.")
    fg.link(href=atom_url, rel="self", type="application/atom+xml")
    fg.link(href=page_url, rel="alternate", type="text/html")  # last link: RSS <link>
    fg.language("vi")
    fg.author({"name": scope.name, **({"email": unit.email} if unit is not None and unit.email else {})})
    fg.generator("hoctap (python-feedgen)")
    # The newest article's time; an empty feed takes the build day, never feedgen's clock default.
    newest = articles[0].published if articles else datetime.combine(hub.today, time(0), tzinfo=TZ)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    fg.pubDate(newest)
    for article in articles:   # already the newest feed_items (see latest())
        url = absolute(site, article.url)
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.guid(url, permalink=True)
        fe.title(article.title)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.published(article.published)
        fe.updated(article.published)
        fe.author(name=article.meta.author)
        fe.dc.dc_creator(article.meta.author)
        for cid in article.meta.categories:
            category = news.category(cid)
            fe.category(term=cid, label=category.name if category else cid,
                        scheme=absolute(site, output_path(category_uri(cid))))
        fe.summary(article.meta.summary)
        if article.cover:
            fe.enclosure(absolute(site, article.cover.path), str(article.cover.length), article.cover.mime)
    return fg


ATOM_NS = "{http://www.w3.org/2005/Atom}"


def atom_bytes(hub: Hub, fg: FeedGenerator, articles: list[Article]) -> bytes:
    """feedgen 1.0.0 drops every attribute but href from an entry's <link> (it shadows the
    link dict with the new element), which loses rel="enclosure", type and length. Put them
    back from the articles, in the same order as the entries."""
    root = etree.fromstring(fg.atom_str())
    for entry, article in zip(root.iter(ATOM_NS + "entry"), articles, strict=True):
        for link in entry.iter(ATOM_NS + "link"):
            if article.cover and link.get("href") == absolute(hub.site_url, article.cover.path):
                link.set("rel", "enclosure")
                link.set("type", article.cover.mime)
                link.set("length", str(article.cover.length))
            else:
                link.set("rel", "alternate")
                link.set("type", "text/html")
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def latest(hub: Hub, articles: list[Article]) -> list[Article]:
    """The articles a feed carries: the newest ``tin_tuc.so_tin_nguon``."""
    return articles[:hub.config.news.feed_items]


def _pair(hub: Hub, fg: FeedGenerator, articles: list[Article], category_id: str | None,
          u=None) -> list[GeneratedFile]:
    u = u or hub.scope.urls
    return [GeneratedFile(u.news_feed("rss", category_id), fg.rss_str(pretty=True)),
            GeneratedFile(u.news_feed("atom", category_id), atom_bytes(hub, fg, articles))]


def feeds(hub: Hub) -> Outputs:
    news: News = hub.extras["news"]
    out = Outputs()
    name = hub.scope.name
    newest = latest(hub, news.published)
    fg = build_feed(hub, newest, f"Tin tức – {name}", index_uri(1), None)
    out.files += _pair(hub, fg, newest, None)
    for category in news.categories:
        articles = latest(hub, news.in_category(category.id))
        if articles:
            fg = build_feed(hub, articles, f"{category.name} – {name}", category_uri(category.id), category.id)
            out.files += _pair(hub, fg, articles, category.id)
    for scope in hub.scopes()[1:]:   # each unit's section: its own and its descendants' news
        articles = latest(hub, scope_articles(hub, scope))
        fg = build_feed(hub, articles, f"Tin tức – {scope.name}", page_source(scope.urls.news_index()), None, scope)
        out.files += _pair(hub, fg, articles, None, scope.urls)
    return out
