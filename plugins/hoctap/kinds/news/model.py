"""News articles (tin bài): front matter model, loading, cross-checks and the published set.

Articles are Markdown files in ``content/tin-tuc/<year>/<ascii-slug>.md``. MkDocs renders
each body once as a normal page; the hub wraps it with the article header and footer
(``kinds/news/pages.article_markdown``) through ``Hub.page_fillers``. Drafts and articles dated
after ``hub.today`` are loaded and validated but never published.
"""

from __future__ import annotations

import heapq
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from ...site.config import Category, Strict
from ...core.problems import Problems
from ...site.hub import Hub
from ...core.timezone import TZ
from ...core.urls import urls
from ...core.validation import did_you_mean, validate
from ...core.values import SingleLine, Slug, check_year, parse_date_or_datetime, parse_slug, slugify
from ...core.sources import Located, load_front_matter_file
from ...site import rules

if TYPE_CHECKING:
    from ...site.incremental import Edited

NEWS_FOLDER = "tin-tuc"
DEFAULT_IMAGE = "assets/news/mac-dinh.png"
DEFAULT_IMAGE_ALT = "Trung tâm Văn hóa – Học tập cộng đồng: học tập suốt đời"
WORDS_PER_MINUTE = 220  # Vietnamese syllables read per minute, a common estimate

_ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)$")


def parse_published(value: Any) -> datetime:
    """``2026-04-21 08:30`` (local time), ``2026-04-21`` (midnight) or ISO 8601 with an offset."""
    if isinstance(value, str) and _ISO_WITH_OFFSET.match(value.strip()):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"'{value}' không phải là ngày giờ hợp lệ") from None
        return check_year(parsed, value.strip()).astimezone(TZ)
    parsed = parse_date_or_datetime(value)
    if not isinstance(parsed, datetime):
        parsed = datetime.combine(parsed, time(0), tzinfo=TZ)
    return parsed.astimezone(TZ)


Published = Annotated[datetime, BeforeValidator(parse_published),
                      WithJsonSchema({"type": "string", "examples": ["2026-04-21 08:30"]})]


class ArticleMeta(Strict):
    """Front matter of one article."""

    title: SingleLine = Field(alias="tieu_de", min_length=1)
    published: Published = Field(alias="ngay")
    author: SingleLine = Field(alias="tac_gia", min_length=1)
    categories: tuple[Slug, ...] = Field(alias="chuyen_muc", min_length=1)
    tags: tuple[SingleLine, ...] = Field((), alias="the")
    summary: SingleLine = Field(alias="tom_tat", min_length=1)
    cover: SingleLine | None = Field(None, alias="anh_bia")
    cover_alt: SingleLine | None = Field(None, alias="mo_ta_anh")
    events: tuple[Slug, ...] = Field((), alias="su_kien")
    plan_refs: tuple[SingleLine, ...] = Field((), alias="ke_hoach")
    draft: bool = Field(False, alias="nhap")
    # An invented sample article: the page says so ("Dữ liệu mẫu").
    sample: bool = Field(False, alias="mau")


# -- images ---------------------------------------------------------------------------------

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Image:
    """An image in docs_dir with what feeds and link previews need to know about it."""

    path: str       # inside docs_dir, e.g. "assets/news/ngay-sach.png" (= its output path)
    length: int     # bytes
    mime: str
    width: int
    height: int


def image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of a PNG or JPEG from its header; None when it is neither."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            length = int.from_bytes(data[i + 2:i + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
            i += 2 + length
    return None


def load_image(docs_dir: Path, path: str) -> Image | str:
    """The image at ``path`` (inside docs_dir), or a Vietnamese message saying what is wrong."""
    clean = posixpath.normpath(path.strip().lstrip("/"))
    if clean.startswith("..") or "://" in path:
        return f"Ảnh '{path}' phải là một tệp trong thư mục content/ (ví dụ assets/news/anh.png)."
    suffix = posixpath.splitext(clean)[1].lower()
    if suffix not in IMAGE_TYPES:
        return f"Ảnh '{path}' phải là tệp .png hoặc .jpg (mạng xã hội không hiển thị loại ảnh khác)."
    file = docs_dir / clean
    if not file.is_file():
        return f"Không tìm thấy ảnh '{path}' trong thư mục content/."
    data = file.read_bytes()
    size = image_size(data)
    if size is None:
        return f"Tệp '{path}' không phải là ảnh {suffix[1:].upper()} đọc được."
    return Image(clean, len(data), IMAGE_TYPES[suffix], size[0], size[1])


# -- articles -------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanRef:
    citation: str   # "hoc-tap-suot-doi-den-2030#II.1"
    label: str      # "Kế hoạch … — mục II.1. Tuyên truyền …"
    url: str        # output path with anchor


@dataclass(frozen=True)
class EventRef:
    id: str
    title: str
    url: str | None  # output path of the event page; None when no calendar is loaded


@dataclass(frozen=True, eq=False)
class Article:
    meta: ArticleMeta
    source: Path
    src_uri: str            # "tin-tuc/2026/ngay-sach-2026.md"
    body: str
    body_line: int
    cover: Image | None
    plan_refs: tuple[PlanRef, ...]
    events: tuple[EventRef, ...]
    author_line: int | None = None

    @property
    def slug(self) -> str:
        return posixpath.splitext(posixpath.basename(self.src_uri))[0]

    @property
    def url(self) -> str:
        return urls.page(self.src_uri)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def published(self) -> datetime:
        return self.meta.published

    @property
    def day(self) -> date:
        return self.meta.published.date()

    @property
    def words(self) -> int:
        return len(re.findall(r"\w+", re.sub(r"\]\([^)]*\)|<[^>]+>|\{[^}]*\}", " ", self.body)))

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))

    @property
    def author_slug(self) -> str:
        return slugify(self.meta.author)

    def sort_key(self) -> tuple:
        return (self.published, self.src_uri)


@dataclass
class News:
    """Every loaded article, and the published ones (newest first) with their taxonomies."""

    categories: tuple[Category, ...]
    published: list[Article] = field(default_factory=list)
    unpublished: list[Article] = field(default_factory=list)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def in_category(self, category_id: str) -> list[Article]:
        return [a for a in self.published if category_id in a.meta.categories]

    def by_author(self) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = defaultdict(list)
        for article in self.published:
            out[article.author_slug].append(article)
        return dict(sorted(out.items()))

    def archive(self) -> dict[int, dict[int, list[Article]]]:
        """``{year: {month: [articles]}}``, newest first at every level."""
        out: dict[int, dict[int, list[Article]]] = {}
        for article in self.published:
            out.setdefault(article.day.year, {}).setdefault(article.day.month, []).append(article)
        return out

    @cached_property
    def _position(self) -> dict[str, int]:
        """Index of each published article (asked for only once loading has sorted them)."""
        return {a.src_uri: i for i, a in enumerate(self.published)}

    def newer(self, article: Article) -> Article | None:
        i = self._position[article.src_uri]
        return self.published[i - 1] if i > 0 else None

    def older(self, article: Article) -> Article | None:
        i = self._position[article.src_uri]
        return self.published[i + 1] if i + 1 < len(self.published) else None

    @cached_property
    def _postings(self) -> dict[tuple[str, str], list[int]]:
        """Positions of the published articles per event, plan section, category and tag: the
        index related articles are found from (never every pair of articles)."""
        out: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, article in enumerate(self.published):
            for key in _related_keys(article):
                out[key].append(i)
        return dict(out)

    @cached_property
    def category_counts(self) -> dict[str, int]:
        """Published articles per category, counted once (every listing's section nav shows them)."""
        counts = {c.id: 0 for c in self.categories}
        for article in self.published:
            for cid in article.meta.categories:
                if cid in counts:
                    counts[cid] += 1
        return counts

    def related(self, article: Article, limit: int = 3) -> list[Article]:
        """Articles sharing events (3 points each), plan sections (2), categories (2) or tags (1);
        ties go to the newest. Candidates come from the index of each key's articles, so an
        article is compared only with the articles it shares something with."""
        scores: Counter[int] = Counter()
        for key in _related_keys(article):
            postings = self._postings.get(key, ())
            for _ in range(RELATED_WEIGHTS[key[0]]):
                scores.update(postings)
        scores.pop(self._position[article.src_uri], None)
        best = heapq.nlargest(limit, ((score, -i) for i, score in scores.items()))
        return [self.published[-i] for _, i in best]


RELATED_WEIGHTS = {"event": 3, "plan": 2, "category": 2, "tag": 1}


def _related_keys(article: Article) -> set[tuple[str, str]]:
    return ({("event", e.id) for e in article.events} | {("plan", p.citation) for p in article.plan_refs}
            | {("category", c) for c in article.meta.categories} | {("tag", t) for t in article.meta.tags})


def article_files(docs_dir: Path) -> list[Path]:
    base = docs_dir / NEWS_FOLDER
    if not base.is_dir():
        return []
    return [p for p in sorted(base.rglob("*.md")) if p != base / "index.md" and p.is_file()]


def _raw_list(located: Located, key: str) -> list[tuple[int, str]]:
    """(index, text) of the string items of a list field, whatever else is wrong with the file."""
    value = located.data.get(key) if isinstance(located.data, dict) else None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [(i, str(v).strip()) for i, v in enumerate(value) if isinstance(v, (str, int)) and str(v).strip()]


def _guess(value: str, options: list[str]) -> str:
    known = ", ".join(options)
    hint = did_you_mean(value, options, cutoff=0.5)
    return f"{hint} Các mã hiện có: {known}" if hint else (f"các mã hiện có: {known}" if options else "")


def cross_check(hub: Hub, located: Located) -> tuple[Image | None, tuple[PlanRef, ...], tuple[EventRef, ...]]:
    """Check references against the rest of the hub on the raw data, so that every problem of a
    file is reported at once, even when another field does not validate."""
    problems, path = hub.problems, located.path
    data = located.data if isinstance(located.data, dict) else {}

    known = [c.id for c in hub.config.news_categories]
    for i, cat in _raw_list(located, "chuyen_muc"):
        if cat not in known:
            problems.add(path, located.line_of(("chuyen_muc", i)), f"chuyen_muc[{i + 1}]",
                         f"Không có chuyên mục '{cat}'.",
                         _guess(cat, known) or "khai báo chuyên mục trong mkdocs.yml, mục chuyen_muc")

    cover: Image | None = None
    raw_cover = data.get("anh_bia")
    if isinstance(raw_cover, str) and raw_cover.strip():
        found = load_image(hub.paths.docs_dir, raw_cover)
        if isinstance(found, str):
            problems.add(path, located.line_of(("anh_bia",)), "anh_bia", found,
                         "đường dẫn tính từ thư mục content/, ví dụ assets/news/ten-anh.png")
        else:
            cover = found

    refs: list[PlanRef] = []
    for i, citation in _raw_list(located, "ke_hoach"):
        cited = rules.check_citation(problems, path, located.line_of(("ke_hoach", i)), f"ke_hoach[{i + 1}]",
                                     hub.plans, citation, "viết dạng ma-ke-hoach#II.1",
                                     config=hub.config, unit_of=hub.unit_of)
        if cited is not None:
            refs.append(PlanRef(citation, cited.label(separator=" — "), cited.url))

    events: list[EventRef] = []
    calendar = getattr(hub, "calendar", None)
    known_events = getattr(calendar, "events", None) if calendar is not None else None
    for i, event_id in _raw_list(located, "su_kien"):
        if known_events is None:
            events.append(EventRef(event_id, event_id, None))
        elif event_id in known_events:
            event = known_events[event_id]
            events.append(EventRef(event_id, event.title, event.url))
        elif event_id not in rules.refused(hub, "su-kien"):   # a refused event: reported on its file
            problems.add(path, located.line_of(("su_kien", i)), f"su_kien[{i + 1}]",
                         f"Không có sự kiện mã '{event_id}' trong lịch.",
                         did_you_mean(event_id, sorted(known_events), cutoff=0.5,
                                      otherwise="xem mã sự kiện trong thư mục events/"))
    return cover, tuple(refs), tuple(events)


def load_article(hub: Hub, path: Path, docs_dir: Path | None = None) -> Article | None:
    """``docs_dir``: the folder the article is published from (its unit's folder in a hub of
    several units; by default docs_dir)."""
    problems = hub.problems
    docs_dir = docs_dir or hub.paths.docs_dir
    src_uri = path.relative_to(docs_dir).as_posix()
    stem = path.stem
    try:
        parse_slug(stem)
    except ValueError:
        problems.add(path, 1, "tên tệp",  # line 1, not None: ContentError sorts by line
                     f"Tên tệp '{path.name}' phải gồm chữ thường không dấu, số và dấu gạch ngang.",
                     f"đổi tên thành {slugify(stem) or 'tin-moi'}.md")
    located = load_front_matter_file(path, problems)
    if located is None:
        return None
    if not isinstance(located.data, dict):
        problems.add(path, 2, "", "Phần thông tin đầu trang phải là các dòng 'tên: giá trị'.")
        return None
    cover, refs, events = cross_check(hub, located)
    meta = validate(ArticleMeta, located, problems)
    if meta is None:
        return None
    return Article(meta, path, src_uri, located.body, located.body_line, cover, refs, events,
                   located.line_of(("tac_gia",)))


def _load_articles(hub: Hub, news: "News", docs_dir: Path) -> None:
    base = docs_dir / NEWS_FOLDER
    for path in article_files(docs_dir):
        parts = path.relative_to(base).parts
        if len(parts) != 2 or not re.fullmatch(r"[0-9]{4}", parts[0]):
            # Addresses are tin-tuc/<year>/<slug>.html; anything else would be listed as an article
            # with no year of its own.
            hub.problems.add(path, None, "ten-tep",
                             f"Tin phải nằm ngay trong thư mục của năm đăng: {NEWS_FOLDER}/<năm>/{path.name}.",
                             f"chuyển tệp vào thư mục content/{NEWS_FOLDER}/{hub.today.year}/ (hoặc năm của tin)")
            hub.excluded.add(path.relative_to(docs_dir).as_posix())
            load_article(hub, path, docs_dir)   # its other problems too, all at once; never listed
            continue
        with hub.problems.mark() as errors:
            article = load_article(hub, path, docs_dir)
        if article is None or errors[0]:
            hub.excluded.add(path.relative_to(docs_dir).as_posix())
            continue
        if article.meta.draft or article.day > hub.today:
            news.unpublished.append(article)
            hub.excluded.add(article.src_uri)
        else:
            news.published.append(article)


def load_news(hub: Hub) -> None:
    """Loader: every article, checked; the published ones stored as ``hub.extras["news"]``."""
    news = News(hub.config.news_categories)
    for root in hub.roots:
        _load_articles(hub, news, root.docs)
    news.published.sort(key=Article.sort_key, reverse=True)
    news.unpublished.sort(key=Article.sort_key, reverse=True)
    _check_author_pages(news, hub.problems)
    by_event: dict[str, list[Article]] = {}
    for article in news.published:
        for event in article.events:
            by_event.setdefault(event.id, []).append(article)
    hub.extras["news"] = news
    hub.extras["articles_by_event"] = by_event
    hub.extras["articles_by_slug"] = {a.slug: a for a in news.published}
    _check_held_articles(hub, news)
    hub.extras["social"] = social_defaults(hub)


def _check_held_articles(hub: Hub, news: News) -> None:
    """An event's held record may name the article about it (``bai_viet``: the article's file name
    without ``.md``): it must be a published article."""
    calendar = getattr(hub, "calendar", None)
    if calendar is None:
        return
    published = {a.slug for a in news.unpublished if not a.meta.draft} | {a.slug for a in news.published}
    waiting = {a.slug for a in news.unpublished if a.meta.draft}   # dated later: linked once published
    for event in calendar.events.values():
        for i, record in enumerate(event.source.held):
            if record.article is None or record.article in published:
                continue
            key = f"da_to_chuc[{i + 1}]"
            lines = dict(event.field_lines)
            field, line = (key, lines[key]) if key in lines else ("da_to_chuc", event.line_of("da_to_chuc"))
            if record.article in waiting:
                hub.problems.add(event.path, line, f"{field}.bai_viet",
                                 f"Bài viết '{record.article}' là bản nháp (nhap: true), chưa được đăng.")
            else:
                hub.problems.add(event.path, line, f"{field}.bai_viet", f"Không có bài viết '{record.article}'.",
                                 "ghi tên tệp của bài viết, bỏ .md, ví dụ bai_viet: ngay-sach-van-hoa-doc-2026")


def _check_author_pages(news: News, problems) -> None:
    """Author pages are keyed by the slug of the name: two spellings must not share one page."""
    seen: dict[str, Article] = {}
    for article in sorted(news.published + news.unpublished, key=lambda a: a.src_uri):
        first = seen.setdefault(article.author_slug, article)
        if first.meta.author != article.meta.author:
            problems.add(article.source, article.author_line, "tac_gia",
                         f"Tên tác giả '{article.meta.author}' gần giống '{first.meta.author}' "
                         f"(bài {first.src_uri}) nên sẽ chung một trang tác giả.",
                         "viết tên giống hệt nhau nếu là một người, hoặc thêm chữ để phân biệt")


def social_defaults(hub: Hub) -> dict[str, Any]:
    """Site-wide link-preview image and feed paths, for the theme's ``extrahead``."""
    out: dict[str, Any] = {"feed_rss": urls.news_feed("rss"), "feed_atom": urls.news_feed("atom")}
    image = load_image(hub.paths.docs_dir, DEFAULT_IMAGE)
    if isinstance(image, Image):
        out.update(image=image.path, image_width=image.width, image_height=image.height,
                   image_type=image.mime, image_alt=DEFAULT_IMAGE_ALT)
    return out


def _article_view(hub: Hub, article: Article) -> tuple:
    """What the rest of the site reads from an article: its front matter as checked, what it
    cites, its reading time (listings) and the anchors other pages may link to."""
    from ...site.incremental import page_anchors

    return (article.meta.model_dump(), article.src_uri, article.cover, article.plan_refs, article.events,
            article.reading_minutes, page_anchors(hub, article.src_uri, article.body))


def article_edit(hub: Hub, path: Path) -> "Edited | None":
    """``Kind.edit`` of news: the article in the hub and in its file now (None: not an article the
    hub loaded, or one that no longer loads)."""
    from ...site.incremental import Edited

    news = hub.extras.get("news")
    real = path.resolve()
    old = next((a for a in (news.published + news.unpublished if news else []) if a.source.resolve() == real), None)
    if old is None:
        return None
    docs_dir = old.source.parents[len(Path(old.src_uri).parts) - 1]   # its unit's folder, or content/
    new = load_article(hub, old.source, docs_dir)
    if new is None:
        return None
    return Edited(_article_view(hub, old), _article_view(hub, new), new)
