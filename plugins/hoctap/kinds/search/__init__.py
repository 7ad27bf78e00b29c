"""Search: the index (``core/search.py``) made from every other kind's models, and the search
page ``tim-kiem.html``. It loads nothing of its own; it reads what the kinds it requires loaded
(``hub.calendar``, ``hub.extras["clubs"]``, ``hub.plans``, ``hub.extras["news"]``) and the
hand-written pages of ``content/``."""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path

from ...core import search
from ...core.dates import short_date, weekday_date
from ...core.outputs import GeneratedPage, Outputs
from ...core.problems import Problems
from ...core.render import render
from ...core.sources import load_front_matter_file
from ...core.urls import page_source, relative, urls
from ...site.hub import QUICK_LINKS
from ...site.registry import Kind

GUIDE_FOLDER = posixpath.dirname(urls.guide_errors()) + "/"   # the staff guide: ranked last
SEARCH_PAGE = "tim-kiem.html"


def _join(*parts) -> str:
    return " · ".join(p for p in parts if p)


def _village(hub, village_id: str | None, path=None) -> str:
    """The village's name, declared by the unit of the item's file (``path``)."""
    if not village_id or hub.config is None:
        return ""
    unit = hub.unit(hub.unit_of(path)) if path is not None else None
    units = [unit] if unit is not None else hub.config.units
    village = next((v for u in units for v in u.villages if v.id == village_id), None)
    return village.name if village else ""


def _group(hub, path) -> int:
    return search.group_of(hub, path)


def _next_day(hub, event_ids) -> tuple[date | None, object]:
    """The next day (or the last, when none is coming) among the occurrences of ``event_ids``."""
    calendar = getattr(hub, "calendar", None)
    if calendar is None:
        return None, None
    occurrences = [o for i in event_ids for o in calendar.of_event(i) if not o.cancelled]
    if not occurrences:
        return None, None
    coming = sorted((o for o in occurrences if o.end_day >= hub.today), key=lambda o: o.sort_key)
    chosen = coming[0] if coming else max(occurrences, key=lambda o: o.sort_key)
    return max(chosen.start_day, hub.today) if coming else chosen.start_day, chosen


def event_entries(hub) -> list[search.Entry]:
    calendar = getattr(hub, "calendar", None)
    if calendar is None:
        return []
    out = []
    for event_id, event in sorted(calendar.events.items()):
        if event_id in calendar.routine:
            continue   # club and class sessions: the club's own page is the result
        source = event.source
        day, occurrence = _next_day(hub, [event_id])
        location = (occurrence.location if occurrence and occurrence.location else None) or source.location
        category = hub.config.category(source.category)
        out.append(search.Entry(
            title=source.title, type="sự kiện", url=urls.event(event_id),
            date=(weekday_date(day) + (" (dự kiến)" if source.status == "du_kien" else "")) if day else "",
            place=_join(location.name if location else "", _village(hub, source.village, event.path)),
            keywords=_join(category.name if category else "", source.organizer or ""),
            summary=search.shorten(search.plain(source.description)), group=_group(hub, event.path)))
    return out


def club_entries(hub) -> list[search.Entry]:
    index = hub.extras.get("clubs")
    if index is None:
        return []
    out = []
    for listing in sorted(index.listings, key=lambda x: x.url):
        item = listing.item
        day, _ = _next_day(hub, listing.event_ids)
        out.append(search.Entry(
            title=item.name, type="lớp học" if listing.is_course else "câu lạc bộ", url=listing.url,
            date=weekday_date(day) if day else "",
            place=_join(item.location.name, _village(hub, item.village, listing.path)),
            keywords=_join(listing.kind_label, item.topic),
            summary=search.shorten(_join(item.topic, search.plain(item.description))),
            group=_group(hub, listing.path)))
    return out


def plan_entries(hub) -> list[search.Entry]:
    plans = getattr(hub, "plans", None)
    if plans is None:
        return []
    out = []
    for plan in sorted(plans.plans, key=lambda p: p.url):
        meta = plan.meta
        out.append(search.Entry(
            title=plan.meta.title, type="kế hoạch", url=plan.url,
            date=short_date(meta.issued) if meta.issued else "",
            place=meta.issuer,
            keywords=_join(meta.kind, meta.number or ""), alt=meta.subject,
            summary=search.shorten(meta.subject)))
        for section in plan.sections:
            out.append(search.Entry(
                title=f"{section.anchor}. {section.title}", type="mục kế hoạch",
                url=f"{plan.url}#{section.anchor}", context=plan.meta.title))
    return out


def news_entries(hub) -> list[search.Entry]:
    news = hub.extras.get("news")
    if news is None:
        return []
    out = []
    for article in sorted(news.published, key=lambda a: a.url):
        meta = article.meta
        categories = [c.name for c in (news.category(i) for i in meta.categories) if c]
        out.append(search.Entry(
            title=article.title, type="tin tức", url=article.url, date=weekday_date(article.day),
            keywords=_join(*meta.tags, *categories), summary=search.shorten(meta.summary)))
    return out


def page_entries(hub) -> list[search.Entry]:
    """Hand-written pages of content/ (not the plans and articles their kinds publish): title,
    headings, first paragraph. The staff guide is its own group, after everything else."""
    docs = hub.paths.docs_dir
    owned = hub.markdown_owners()
    scratch = Problems(hub.paths.root)   # every page was checked when the hub loaded
    out = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if (not path.is_file() or path.resolve() in owned or rel in hub.excluded
                or any(part.startswith(".") for part in path.relative_to(docs).parts)):
            continue
        located = load_front_matter_file(path, scratch, required=False)
        if located is None:
            continue
        data = located.data if isinstance(located.data, dict) else {}
        h1, headings, first = search.markdown_outline(located.body or "")
        title = str(data.get("title") or h1 or path.stem)
        guide = rel.startswith(GUIDE_FOLDER)
        out.append(search.Entry(
            title=title, type="hướng dẫn cán bộ" if guide else "trang", url=urls.page(rel),
            keywords=_join(*headings), alt=h1 if h1 and h1 != title else "",
            summary=search.shorten(str(data.get("description") or first)),
            group=search.GROUP_GUIDE if guide else search.GROUP_CONTENT))
    return out


def entries(hub) -> list[search.Entry]:
    """The kinds this one requires, then what every other kind contributes (``Kind.search``)."""
    others = [e for provider in hub.registry.search_providers for e in provider(hub)]
    return (event_entries(hub) + club_entries(hub) + plan_entries(hub) + news_entries(hub)
            + sorted(others, key=lambda e: (e.url, e.title)) + page_entries(hub))


def outputs(hub) -> Outputs:
    page_path = urls.at(SEARCH_PAGE)
    src_uri = page_source(page_path)
    root = urls.at("")
    html = render("search_page.html",
                  index=relative(src_uri, root + "search/index-0.js"),
                  summaries=relative(src_uri, root + "search/tom-tat-"),
                  base=relative(src_uri, "x")[:-1],
                  links=[(relative(src_uri, path), label) for path, label in QUICK_LINKS])
    out = Outputs(pages=[GeneratedPage(src_uri, "Tìm kiếm", html,
                                       description="Tìm trang, sự kiện, câu lạc bộ, lớp học, kế hoạch, tin tức, nhà văn hóa, văn bản, cơ quan và khảo sát.")])
    out.files.extend(search.index_files(entries(hub), root))
    return out


SEARCH = Kind(
    name="tim-kiem", label="Tìm kiếm",
    outputs=outputs,
    requires=("ke-hoach", "su-kien", "cau-lac-bo", "tin-tuc"),
)

__all__ = ["SEARCH", "SEARCH_PAGE", "entries"]
