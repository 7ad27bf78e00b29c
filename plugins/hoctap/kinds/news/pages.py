"""Pages of the news section: the article frame, the paginated index, category, archive and
author listings, and the home-page block of latest news.

Articles are rendered by the site builder from their Markdown (once); this module only adds
their header and footer. Listings are generated pages outside the navigation.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

from ...core import dates, paging
from ...site.hub import Hub
from .model import Article, News
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import markdown_escape, render
from ...core.urls import Urls, output_path, page_source, relative, urls

PAGE_SIZE = 6      # the news index and category pages (cards with covers)
LIST_SIZE = 20     # author and month listings
LATEST_COUNT = 4
INDEX = page_source(urls.news_index())
ARCHIVE = page_source(urls.news_archive())


# -- where pages live: the src_uri of each listing (its output path is urls.news_…) ------------

def index_uri(n: int) -> str:
    return page_source(urls.news_index(n))


def category_uri(category_id: str, n: int = 1) -> str:
    return page_source(urls.news_category(category_id, n))


def author_uri(author_slug: str, n: int = 1) -> str:
    return page_source(urls.news_author(author_slug, n))


def year_uri(year: int) -> str:
    return page_source(urls.news_year(year))


def month_uri(year: int, month: int, n: int = 1) -> str:
    return page_source(urls.news_month(year, month, n))


feed_path = urls.news_feed
_html = output_path


# -- view models ----------------------------------------------------------------------------

def news_of(hub: Hub) -> News:
    return hub.extras["news"]


def card(hub: Hub, src_uri: str, article: Article) -> dict[str, Any]:
    """What a listing shows of one article, with links relative to the page at ``src_uri``."""
    news = news_of(hub)
    cover = article.cover
    return {
        "href": relative(src_uri, article.url),
        "title": article.title,
        "date": dates.weekday_date(article.day),
        "time": dates.clock(article.published),
        "iso": article.published.isoformat(),
        "summary": article.meta.summary,
        "cover": relative(src_uri, cover.path) if cover else None,
        "cover_width": cover.width if cover else None,
        "cover_height": cover.height if cover else None,
        "cover_alt": article.meta.cover_alt or article.title,
        "categories": [(c.name, relative(src_uri, _html(category_uri(c.id))))
                       for c in (news.category(cid) for cid in article.meta.categories) if c],
        "author": article.meta.author,
        "author_href": relative(src_uri, _html(author_uri(article.author_slug))),
        "minutes": article.reading_minutes,
        "unit": hub.unit_mark(article.source),
    }


def pager(src_uri: str, n: int, total: int, uri_of) -> dict[str, Any] | None:
    """Links to the previous, next and a few nearby pages (``uri_of(i)``: src_uri of page i)."""
    return paging.pager(src_uri, n, total, lambda i: _html(uri_of(i)))


def section_nav(hub: Hub, src_uri: str) -> dict[str, Any]:
    news = news_of(hub)
    return {
        "index": relative(src_uri, _html(INDEX)),
        "archive": relative(src_uri, _html(ARCHIVE)),
        "categories": [(c.name, relative(src_uri, _html(category_uri(c.id))), news.category_counts[c.id])
                       for c in news.categories],
        "rss": relative(src_uri, feed_path("rss")),
        "atom": relative(src_uri, feed_path("atom")),
    }


def listing_html(hub: Hub, src_uri: str, articles: list[Article], page: dict | None,
                 intro: str = "", feeds: tuple[str, str] | None = None, unit_filter=()) -> str:
    return render("news_list.html", nav=section_nav(hub, src_uri), intro=intro,
                  items=[card(hub, src_uri, a) for a in articles], pager=page,
                  feeds=tuple(relative(src_uri, f) for f in feeds) if feeds else None,
                  unit_filter=unit_filter)


def scope_articles(hub: Hub, scope) -> list[Article]:
    """The published articles a scope lists: all (the hub), or a unit's and its descendants'."""
    published = news_of(hub).published
    return published if scope.is_root else [a for a in published if scope.has(hub.unit_of(a.source))]


def unit_news_pages(hub: Hub, scope) -> Outputs:
    """A unit's section: its news index (paginated) with the unit filter."""
    out = Outputs()
    u = scope.urls
    pages = chunks(scope_articles(hub, scope))

    def uri_of(n: int) -> str:
        return page_source(u.news_index(n))
    for n, articles in enumerate(pages, start=1):
        uri = uri_of(n)
        html = partial(listing_html, hub, uri, articles, pager(uri, n, len(pages), uri_of),
                       feeds=(u.news_feed("rss"), u.news_feed("atom")),
                       unit_filter=hub.unit_filter(uri, Urls.news_index, scope))
        out.pages.append(_page(uri, f"Tin tức – {scope.unit.name}" + (f" – trang {n}" if n > 1 else ""), html,
                               f"Tin tức của {scope.name}.", feed_rss=u.news_feed("rss"),
                               feed_atom=u.news_feed("atom"), feed_title=f"Tin tức – {scope.name}"))
    return out


def chunks(articles: list[Article], size: int = PAGE_SIZE) -> list[list[Article]]:
    return paging.chunks(articles, size)


def paginated(hub: Hub, out: Outputs, articles: list[Article], uri_of, title: str, description: str,
              size: int = LIST_SIZE, **meta: Any) -> None:
    """A listing of ``articles`` in pages of ``size`` (``uri_of(n)``: src_uri of page n)."""
    pages = chunks(articles, size)
    for n, items in enumerate(pages, start=1):
        uri = uri_of(n)
        suffix = f" – trang {n}" if n > 1 else ""
        out.pages.append(_page(uri, title + suffix,
                               partial(listing_html, hub, uri, items, pager(uri, n, len(pages), uri_of)),
                               description + (f" Trang {n}/{len(pages)}." if n > 1 else ""), **meta))


# -- articles -------------------------------------------------------------------------------

def article_markdown(hub: Hub, article: Article, markdown: str) -> str:
    """The article page: title, header (date, author, reading time, categories, cover), the
    staff's Markdown unchanged, then related events and plan sections, tags, previous/next and
    related articles."""
    news = news_of(hub)
    src = article.src_uri
    info = card(hub, src, article)
    header = hub.html_slot(src, render("news_header.html", a=info, sample=article.meta.sample))
    newer, older = news.newer(article), news.older(article)
    footer = hub.html_slot(src, render(
        "news_footer.html",
        events=[(e.title, relative(src, e.url) if e.url else None) for e in article.events],
        plans=[(p.label, relative(src, p.url)) for p in article.plan_refs],
        tags=article.meta.tags,
        newer=card(hub, src, newer) if newer else None,
        older=card(hub, src, older) if older else None,
        related=[card(hub, src, a) for a in news.related(article)],
        index=relative(src, _html(INDEX)),
    ))
    return f"# {markdown_escape(article.title)}\n\n{header}\n\n{markdown.strip()}\n\n{footer}\n"


def article_meta(hub: Hub, article: Article) -> dict[str, Any]:
    """Page meta the theme turns into link-preview tags."""
    news = news_of(hub)
    meta: dict[str, Any] = {
        "title": article.title,
        "description": article.meta.summary,
        "og_type": "article",
        "published": article.published.isoformat(),
        "author": article.meta.author,
        "section": next((c.name for c in (news.category(i) for i in article.meta.categories) if c), ""),
        "tags": list(article.meta.tags),
    }
    if article.cover:
        meta.update(image=article.cover.path, image_width=article.cover.width,
                    image_height=article.cover.height, image_type=article.cover.mime,
                    image_alt=article.meta.cover_alt or article.title)
    return meta


def register_articles(hub: Hub) -> None:
    """Loader (runs after ``load_news``): hook every published article page into the hub."""
    for article in news_of(hub).published:
        hub.page_fillers[article.src_uri] = partial(article_markdown, hub, article)
        hub.page_meta[article.src_uri] = article_meta(hub, article)


# -- blocks ---------------------------------------------------------------------------------

def news_index_block(hub: Hub, src_uri: str) -> str:
    """First page of the paginated index (the nav entry ``tin-tuc/index.md``)."""
    pages = chunks(news_of(hub).published)
    return listing_html(hub, src_uri, pages[0], pager(src_uri, 1, len(pages), index_uri),
                        feeds=(feed_path("rss"), feed_path("atom")),
                        unit_filter=hub.unit_filter(src_uri, Urls.news_index))


def latest_block(hub: Hub, src_uri: str) -> str:
    latest = news_of(hub).published[:LATEST_COUNT]
    return render("news_latest.html", items=[card(hub, src_uri, a) for a in latest],
                  index=relative(src_uri, _html(INDEX)))


# -- generated listings ---------------------------------------------------------------------

def _page(src_uri: str, title: str, html: "str | Callable[[], str]", description: str, **meta: Any) -> GeneratedPage:
    return GeneratedPage(src_uri, title, html, description, meta)


def news_pages(hub: Hub) -> Outputs:
    news = news_of(hub)
    out = Outputs()
    site = hub.scope.short_name

    pages = chunks(news.published)
    for n, articles in enumerate(pages[1:], start=2):
        uri = index_uri(n)
        out.pages.append(_page(uri, f"Tin tức – trang {n}",
                               partial(listing_html, hub, uri, articles, pager(uri, n, len(pages), index_uri),
                                       unit_filter=hub.unit_filter(uri, Urls.news_index)),
                               f"Tin tức về hoạt động học tập suốt đời ở {site}, trang {n}/{len(pages)}."))

    for category in news.categories:
        cat_pages = chunks(news.in_category(category.id))
        feeds = (feed_path("rss", category.id), feed_path("atom", category.id)) if cat_pages[0] else None
        uri_of = partial(category_uri, category.id)
        for n, articles in enumerate(cat_pages, start=1):
            uri = uri_of(n)
            title = f"Chuyên mục: {category.name}" + (f" – trang {n}" if n > 1 else "")
            description = category.description or f"Tin bài chuyên mục {category.name} của {hub.scope.name}."
            meta = {"feed_rss": feeds[0], "feed_atom": feeds[1], "feed_title": category.name} if feeds else {}
            out.pages.append(_page(uri, title, partial(listing_html, hub, uri, articles,
                                                       pager(uri, n, len(cat_pages), uri_of),
                                                       intro=category.description, feeds=feeds),
                                   description, **meta))

    for slug, articles in news.by_author().items():
        name = articles[0].meta.author
        paginated(hub, out, articles, partial(author_uri, slug), f"Tác giả: {name}", f"Các tin bài do {name} viết.")

    archive = news.archive()
    out.pages.append(_page(ARCHIVE, "Lưu trữ tin tức", partial(_archive_html, hub, ARCHIVE, archive),
                           "Tin tức theo năm và tháng."))
    for year, months in archive.items():
        uri = year_uri(year)
        out.pages.append(_page(uri, f"Tin tức năm {year}", partial(_archive_html, hub, uri, {year: months}),
                               f"Các tin bài năm {year}."))
        for month, articles in months.items():
            label = dates.month_label(year, month).lower()
            paginated(hub, out, articles, partial(month_uri, year, month), f"Tin tức {label}",
                      f"Các tin bài {label}.")
    for scope in hub.scopes()[1:]:
        out.extend(unit_news_pages(hub, scope))
    return out


def _archive_html(hub: Hub, src_uri: str, archive: dict[int, dict[int, list[Article]]]) -> str:
    """Years and months with their counts, each linking to its (paginated) listing."""
    years = []
    for year, months in archive.items():
        years.append({
            "year": year,
            "href": relative(src_uri, _html(year_uri(year))),
            "count": sum(len(a) for a in months.values()),
            "months": [{
                "label": dates.month_label(year, month),
                "href": relative(src_uri, _html(month_uri(year, month))),
                "count": len(articles),
                "items": [],
            } for month, articles in months.items()],
        })
    return render("news_archive.html", nav=section_nav(hub, src_uri), years=years)
