"""Club and class renderers: the listing block, ``lop-hoc/index``, static facet pages (filters
that work without JavaScript), one page and one ``.ics`` per club or class.

Every listing shows PAGE_SIZE cards a page (clubs first, then classes) with the shared pager
(``core/paging.py``); the in-page filter (hoctap.js) is offered only on a listing of one page,
where it sees every card: on a longer one the facet links lead to the static facet pages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from ..events.pages import section_urls, view
from ..events.subscribe import subscribe_block
from .model import (CENTRE, CENTRE_NAME, CLUB_CATEGORY, CLUB_KINDS, COURSE_CATEGORY, COURSE_KINDS, COURSE_STATUS, ClubIndex, Listing,
                    ScheduleRule, load_clubs)
from ..events.model import WEEKDAY_NAMES, WEEKDAYS
from ...site import rules
from ...site.hub import Hub
from ..events.ics import write_ics
from ...core import paging
from ...core.outputs import GeneratedFile, GeneratedPage, Outputs
from ..events.recurrence import Occurrence
from ...core.render import markdown_html, render
from ...core.urls import Urls, output_path, page_source, relative, urls

COURSES_PAGE = page_source(urls.courses_index())
OPEN_PAGE = page_source(urls.open_courses())
NEXT_SESSIONS = 3           # shown; the page holds NEXT_RESERVE, hidden past the first three
NEXT_RESERVE = 12           # (hoctap.js shows the next ones when the reader's day is past the build day)
PAGE_SIZE = 20              # cards on one page of a listing
_NTH = {1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", 5: "thứ năm", -1: "cuối cùng"}


# -- labels ----------------------------------------------------------------------------------

def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def rule_label(rule: ScheduleRule) -> str:
    """``Thứ Ba và Thứ Sáu hằng tuần, 19:30–21:00``; ``Chủ Nhật đầu tiên mỗi tháng, 08:00–10:00``."""
    if rule.day_of_month:
        text = f"Ngày {rule.day_of_month} hằng tháng"
        if rule.interval > 1:
            text = f"Ngày {rule.day_of_month}, {rule.interval} tháng một lần"
    elif rule.week_of_month is not None:
        text = f"{WEEKDAY_NAMES[rule.weekdays[0]]} {_NTH[rule.week_of_month]} mỗi tháng"
        if rule.interval > 1:
            text = f"{WEEKDAY_NAMES[rule.weekdays[0]]} {_NTH[rule.week_of_month]}, {rule.interval} tháng một lần"
    else:
        days = _join([WEEKDAY_NAMES[d] for d in rule.weekdays])
        text = f"{days} hằng tuần" if rule.interval == 1 else f"{days}, {rule.interval} tuần một lần"
    text += f", {rule.start_time:%H:%M}–{rule.end_time:%H:%M}"
    if rule.label:
        text = f"{rule.label}: {text[0].lower()}{text[1:]}" if text.startswith("Ngày") else f"{rule.label}: {text}"
    if rule.until:
        text += f" (đến {rule.until:%d/%m/%Y})"
    if rule.count:
        text += f" ({rule.count} buổi)"
    return text


def village_name(hub: Hub, listing: Listing) -> str:
    unit = hub.unit(hub.unit_of(listing.path))
    village = unit.village(listing.item.village) if listing.item.village and unit else None
    return village.name if village else CENTRE_NAME


def _centre(hub: Hub, listing: Listing) -> str:
    unit = hub.unit(hub.unit_of(listing.path))
    return unit.centre if unit else hub.site_name


def zalo_href(phone: str) -> str:
    return "https://zalo.me/" + ("0" + phone[3:] if phone.startswith("+84") else phone)


def next_sessions(hub: Hub, listing: Listing, limit: int = NEXT_SESSIONS) -> list[Occurrence]:
    """The next sessions from ``hub.today`` on (cancelled ones skipped), over all schedule rules."""
    items = [o for eid in listing.event_ids for o in hub.calendar.of_event(eid)
             if o.end_day >= hub.today and not o.is_cancelled]
    return sorted(items, key=lambda o: o.sort_key)[:limit]


# -- facets ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Facet:
    group: str          # kind | village | day | open (the card's data attribute it filters on)
    value: str
    label: str
    src_uri: str
    test: Callable[[Listing], bool]
    path_of: Callable[[int], str]     # output path of page n of the facet's listing

    @property
    def title(self) -> str:
        prefix = {"kind": "", "village": "", "day": "Sinh hoạt vào ", "open": ""}[self.group]
        return prefix + self.label


def _villages(hub: Hub) -> list:
    """Villages of every unit, once per id (facet pages are hub-wide)."""
    seen: dict[str, object] = {}
    for unit in hub.config.units:
        for village in unit.villages:
            seen.setdefault(village.id, village)
    return list(seen.values())


def facet_groups(hub: Hub) -> list[tuple[str, list[Facet]]]:
    today = hub.today
    def pages(group: str, value: str) -> Callable[[int], str]:
        return lambda n: urls.club_facet_page(group, value, n)

    kinds = [Facet("kind", k.replace("_", "-"), label, page_source(urls.club_facet("loai", k.replace("_", "-"))),
                   lambda x, k=k: x.item.kind == k, pages("loai", k.replace("_", "-")))
             for k, label in {**CLUB_KINDS, **COURSE_KINDS}.items()]
    villages = [Facet("village", v.id, v.name, page_source(urls.club_facet("ban", v.id)),
                      lambda x, v=v.id: x.village_facet == v, pages("ban", v.id)) for v in _villages(hub)]
    villages.append(Facet("village", CENTRE, CENTRE_NAME, page_source(urls.club_facet("ban", CENTRE)),
                          lambda x: x.village_facet == CENTRE, pages("ban", CENTRE)))
    days = [Facet("day", d.lower(), WEEKDAY_NAMES[d], page_source(urls.club_facet("thu", d.lower())),
                  lambda x, d=d: d in x.weekdays, pages("thu", d.lower())) for d in WEEKDAYS]
    open_ = [Facet("open", "1", "Lớp đang mở đăng ký", OPEN_PAGE, lambda x: x.open_on(today),
                   urls.open_courses_page)]
    return [("Loại", kinds), ("Bản", villages), ("Ngày sinh hoạt", days), ("Đăng ký", open_)]


# -- views -----------------------------------------------------------------------------------

def _month_records(hub: Hub, listing: Listing) -> list[dict]:
    """The sessions held per month (bulk records) beside the sessions the rules scheduled."""
    from ..events.held import monthly
    return [{"label": f"Tháng {m.month}/{m.year}", "scheduled": m.scheduled, "held": m.held, "average": m.average}
            for m in reversed(monthly(listing, hub.calendar, hub.today))][:12]


def card(hub: Hub, listing: Listing, src_uri: str) -> dict:
    item = listing.item
    upcoming = next_sessions(hub, listing, 1)
    reg = item.registration if listing.is_course else None
    return {
        "listing": listing, "item": item, "href": relative(src_uri, listing.url),
        "kind_label": listing.kind_label, "village": village_name(hub, listing),
        "schedule": [rule_label(r) for r in item.schedule],
        "next": view(hub, upcoming[0], src_uri) if upcoming else None,
        "zalo": zalo_href(item.leader.zalo) if item.leader.zalo else None,
        "status": COURSE_STATUS[listing.status_on(hub.today)] if listing.is_course else None,
        "status_code": listing.status_on(hub.today) if listing.is_course else None,
        "open": listing.open_on(hub.today),
        "unit": hub.unit_mark(listing.path),
        "deadline": reg.deadline if reg else None,
        "data": {"kind": listing.kind_facet, "village": listing.village_facet,
                 "days": " ".join(d.lower() for d in listing.weekdays),
                 "open": "1" if listing.open_on(hub.today) else "0"},
    }


def _facet_bar(hub: Hub, src_uri: str, index: ClubIndex, current: Facet | None) -> dict:
    groups = []
    for label, facets in facet_groups(hub):
        items = [{"facet": f, "href": relative(src_uri, output_path(f.src_uri)),
                  "count": sum(1 for x in index.listings if f.test(x)),
                  "current": current is not None and f.src_uri == current.src_uri} for f in facets]
        groups.append({"label": label, "facets": items})
    return {"groups": groups, "all_href": relative(src_uri, urls.clubs_index()),
            "courses_href": relative(src_uri, urls.courses_index()), "is_all": current is None}


def _ordered(listings: list[Listing], show: tuple[str, ...]) -> list[Listing]:
    """The cards of a listing in page order: clubs, then classes."""
    return ([x for x in listings if not x.is_course] if "clubs" in show else []) + \
        ([x for x in listings if x.is_course] if "courses" in show else [])


def _listing_html(hub: Hub, src_uri: str, listings: list[Listing], current: Facet | None,
                  filterable: bool, intro: str = "", show: tuple[str, ...] = ("clubs", "courses"),
                  scope=None, n: int = 1, path_of: Callable[[int], str] | None = None) -> str:
    """Page ``n`` of a listing of ``listings`` (PAGE_SIZE cards; ``path_of(i)``: page i's path)."""
    ordered = _ordered(listings, show)
    pages = paging.chunks(ordered, PAGE_SIZE)
    chunk = pages[n - 1]
    pager = paging.pager(src_uri, n, len(pages), path_of) if path_of else None
    filterable = filterable and len(pages) == 1    # the in-page filter must see every card
    sections = []
    for sid, title, empty, is_course in (
            ("cau-lac-bo", "Câu lạc bộ, đội, nhóm sở thích", "Không có câu lạc bộ, đội, nhóm nào phù hợp.", False),
            ("lop-hoc", "Lớp học", "Không có lớp học nào phù hợp.", True)):
        if ("courses" if is_course else "clubs") not in show:
            continue
        cards = [card(hub, x, src_uri) for x in chunk if x.is_course == is_course]
        if cards or (n == 1 and not any(x.is_course == is_course for x in ordered)):
            sections.append({"id": sid, "title": title, "cards": cards, "empty": empty})
    unit_section = scope is not None and not scope.is_root
    return render("club_listing.html", bar=None if unit_section else _facet_bar(hub, src_uri, load_clubs(hub), current),
                  sections=sections, filterable=filterable and not unit_section, intro=intro, current=current,
                  today=hub.today, unit_filter=hub.unit_filter(src_uri, Urls.clubs_index, scope)
                  if current is None and "clubs" in show else [],
                  pager=pager, count=len(ordered), page_count=len(chunk),
                  calendar_href=_category_href(hub, src_uri, scope, CLUB_CATEGORY),
                  courses_calendar_href=_category_href(hub, src_uri, scope, COURSE_CATEGORY))


def _page_count(listings: list[Listing], show: tuple[str, ...] = ("clubs", "courses")) -> int:
    return len(paging.chunks(_ordered(listings, show), PAGE_SIZE))


def _category_href(hub: Hub, src_uri: str, scope, category_id: str) -> str | None:
    """The calendar category page of the listing's scope (a unit's section has one only when its
    calendar has that category; the hub's always, as before)."""
    from ..events.pages import scope_calendar
    if scope is None or scope.is_root:
        return relative(src_uri, urls.category(category_id))
    if scope_calendar(hub, scope).by_category(category_id):
        return relative(src_uri, scope.urls.category(category_id))
    return None


def listing_block(hub: Hub, src_uri: str) -> str:
    """Page 1 of the list of every club and class (the nav entry ``cau-lac-bo/index.md``); the
    next pages are generated (``render_clubs``)."""
    return _listing_html(hub, src_uri, load_clubs(hub).listings, None, filterable=True,
                         path_of=urls.clubs_page)


def _paged(src_uri_of: Callable[[int], str], total: int, title: str, description: str, html_of,
           first: int = 1) -> list[GeneratedPage]:
    """The pages first..total of a listing (``html_of(src_uri, n)``), titled "– trang n" past the first."""
    out = []
    for n in range(first, total + 1):
        src_uri = page_source(src_uri_of(n))
        suffix = f" – trang {n}" if n > 1 else ""
        more = f" Trang {n}/{total}." if total > 1 else ""
        out.append(GeneratedPage(src_uri, title + suffix, partial(html_of, src_uri, n), description + more,
                                 {"hoctap_kind": "club-facet"}))
    return out


def _show(facet: Facet) -> tuple[str, ...]:
    if facet.group == "open" or facet.value in {k.replace("_", "-") for k in COURSE_KINDS}:
        return ("courses",)
    if facet.value in {k.replace("_", "-") for k in CLUB_KINDS}:
        return ("clubs",)
    return ("clubs", "courses")


def _facet_pages(hub: Hub, facet: Facet) -> list[GeneratedPage]:
    matches = [x for x in load_clubs(hub).listings if facet.test(x)]
    show = _show(facet)
    return _paged(facet.path_of, _page_count(matches, show), f"Câu lạc bộ & lớp học: {facet.title}",
                  f"{len(matches)} câu lạc bộ, lớp học: {facet.title}.",
                  lambda uri, n: _listing_html(hub, uri, matches, facet, filterable=False, show=show,
                                               n=n, path_of=facet.path_of))


def _courses_pages(hub: Hub) -> list[GeneratedPage]:
    courses = load_clubs(hub).courses
    intro = ("Lớp năng khiếu, lớp nghề và lớp chuyển giao tiến bộ khoa học kỹ thuật trong trồng trọt, "
             "chăn nuôi, mở theo nhu cầu của người dân.")
    return _paged(urls.courses_page, _page_count(courses, ("courses",)), "Lớp học", intro,
                  lambda uri, n: _listing_html(hub, uri, courses, None, filterable=False, intro=intro,
                                               show=("courses",), n=n, path_of=urls.courses_page))


def _citation(hub: Hub, src_uri: str, ref: str) -> tuple[str, str]:
    cited = rules.cite(hub.plans, ref)
    return cited.label(), relative(src_uri, cited.url)


def _detail_page(hub: Hub, listing: Listing) -> GeneratedPage:
    item = listing.item
    src_uri = page_source(listing.url)

    def html() -> str:
        sessions = [view(hub, o, src_uri) for o in next_sessions(hub, listing, NEXT_RESERVE)]
        reg = item.registration if listing.is_course else None
        return render(
            "club_page.html", listing=listing, item=item, course=listing.is_course,
            sample=item.sample or bool(getattr(hub.unit(hub.unit_of(listing.path)), "sample", False)),
            kind_label=listing.kind_label, village=village_name(hub, listing),
            village_href=relative(src_uri, urls.club_facet("ban", listing.village_facet)),
            kind_href=relative(src_uri, urls.club_facet("loai", listing.kind_facet)),
            schedule=[rule_label(r) for r in item.schedule],
            sessions=sessions,
            zalo=zalo_href(item.leader.zalo) if item.leader.zalo else None,
            citations=[_citation(hub, src_uri, ref) for ref in item.plan_refs],
            demand=_citation(hub, src_uri, item.demand) if listing.is_course else None,
            status=COURSE_STATUS[listing.status_on(hub.today)] if listing.is_course else None,
            status_code=listing.status_on(hub.today) if listing.is_course else None,
            status_reason=item.status_reason if listing.is_course and listing.status_on(hub.today) == item.status else None,
            open=listing.open_on(hub.today), registration=reg,
            months=_month_records(hub, listing),
            deadline_passed=bool(reg and reg.deadline and reg.deadline < hub.today),
            photos=[(relative(src_uri, p.file), p.caption) for p in item.photos],
            description_html=markdown_html(item.description),
            subscribe=subscribe_block(
                hub, src_uri, listing.ics_path, listing.item.name,
                "Đăng ký lịch học" if listing.is_course else "Đăng ký lịch sinh hoạt",
                section_urls(hub, hub.unit_of(listing.path))),
            venue_href=relative(src_uri, urls.venue(item.venue)) if item.venue else None,
            back_href=relative(src_uri, urls.courses_index() if listing.is_course else urls.clubs_index()),
            today=hub.today, limit=NEXT_SESSIONS,
        )
    summary = f"{listing.kind_label} – {village_name(hub, listing)}. {item.topic}."
    return GeneratedPage(src_uri, item.name, html, summary, {"hoctap_kind": "club"},
                         source=hub.source_of(listing.path))


def render_clubs(hub: Hub) -> Outputs:
    out = Outputs()
    index = load_clubs(hub)
    names = {c.id: c.name for c in hub.config.categories}
    refresh = hub.config.calendar.refresh_hours
    for listing in index.listings:
        out.pages.append(_detail_page(hub, listing))
        events = [hub.calendar.events[eid] for eid in listing.event_ids]
        out.files.append(GeneratedFile(listing.ics_path, partial(write_ics,
            listing.item.name, f"Lịch sinh hoạt {listing.item.name} – {_centre(hub, listing)}", events,
            hub.calendar, hub.site_url, names, refresh, listing.ics_path)))
    out.pages.extend(_courses_pages(hub))
    for _label, facets in facet_groups(hub):
        for facet in facets:
            out.pages.extend(_facet_pages(hub, facet))
    # the pages after the first of the hub's list (page 1 is cau-lac-bo/index.md's block)
    out.pages.extend(_paged(urls.clubs_page, _page_count(index.listings), "Câu lạc bộ & lớp học",
                            f"Câu lạc bộ và lớp học của {hub.scope.name}.",
                            lambda uri, n: _listing_html(hub, uri, index.listings, None, filterable=True, n=n,
                                                         path_of=urls.clubs_page), first=2))
    for scope in hub.scopes()[1:]:   # each unit's section: its own and its descendants' clubs
        listings = [x for x in index.listings if scope.has(hub.unit_of(x.path))]
        out.pages.extend(_paged(
            scope.urls.clubs_page, _page_count(listings), f"Câu lạc bộ & lớp học – {scope.unit.name}",
            f"Câu lạc bộ và lớp học của {scope.name}.",
            lambda uri, n, scope=scope, listings=listings: _listing_html(
                hub, uri, listings, None, filterable=False, scope=scope, n=n, path_of=scope.urls.clubs_page)))
    return out
