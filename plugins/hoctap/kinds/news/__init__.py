"""News articles: ``content/tin-tuc/<year>/*.md``, their listings and RSS/Atom feeds. Articles
cite calendar events, so news loads after the calendar."""

from __future__ import annotations

from ...core.outputs import Outputs
from ...site.registry import ContentKind, Kind
from .backlinks import news_backlinks
from .feeds import feeds
from .model import ArticleMeta, article_edit, load_news
from .pages import latest_block, news_index_block, news_pages, register_articles
from .scaffold import news_scaffold


def load(hub) -> None:
    load_news(hub)
    register_articles(hub)


def outputs(hub) -> Outputs:
    out = news_pages(hub)
    out.extend(feeds(hub))
    return out


NEWS = Kind(
    name="tin-tuc", label="Tin tức",
    files=(ContentKind(name="tin-tuc", label="Tin tức", folder="content/tin-tuc", pattern="*.md",
                       model=ArticleMeta, scaffold=news_scaffold, id_field=None,
                       subfolder=lambda today: str(today.year)),),
    load=load,
    blocks={"danh-sach-tin": news_index_block, "tin-moi": latest_block},
    outputs=outputs,
    backlinks=(news_backlinks,),
    requires=("ke-hoach", "su-kien"),
    edit=article_edit,
)
