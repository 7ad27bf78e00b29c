"""The published news articles that cite a plan section (``ke_hoach``), by the year of their date,
for the plan pages."""

from __future__ import annotations

from ...site.registry import Backlink


def news_backlinks(hub) -> list[Backlink]:
    news = hub.extras.get("news")
    if news is None:
        return []
    return [Backlink(ref.citation, "Tin bài", article.title, article.url, article.published.year,
                     article.published.date(), article.source)
            for article in news.published for ref in article.plan_refs]
