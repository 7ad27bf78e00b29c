"""Club and class renderers: the listing block, ``lop-hoc/index``, static facet pages (filters
that work without JavaScript), one page and one ``.ics`` per club or class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..events.pages import section_urls, view
from ..events.subscribe import subscribe_block
from .model import (CENTRE, CENTRE_NAME, CLUB_CATEGORY, CLUB_KINDS, COURSE_CATEGORY, COURSE_KINDS, COURSE_STATUS, ClubIndex, Listing,
                    ScheduleRule, load_clubs)
from ..events.model import WEEKDAY_NAMES, WEEKDAYS
from ...site import rules
from ...site.hub import Hub
from ..events.ics import write_ics
from ...core.outputs import GeneratedFile, GeneratedPage, Outputs
from ..events.recurrence import Occurrence
from ...core.render import markdown_html, render
from ...core.urls import Urls, output_path, page_source, relative, urls

COURSES_PAGE = page_source(urls.courses_index())
OPEN_PAGE = page_source(urls.open_courses())
NEXT_SESSIONS = 3           # shown; the page holds NEXT_RESERVE, hidden past the first three
NEXT_RESERVE = 12           # (hoctap.js shows the next ones when the reader's day is past the build day)
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
    kinds = [Facet("kind", k.replace("_", "-"), label, page_source(urls.club_facet("loai", k.replace("_", "-"))),
                   lambda x, k=k: x.item.kind == k)
             for k, label in {**CLUB_KINDS, **COURSE_KINDS}.items()]
    villages = [Facet("village", v.id, v.name, page_source(urls.club_facet("ban", v.id)),
                      lambda x, v=v.id: x.village_facet == v) for v in _villages(hub)]
    villages.append(Facet("village", CENTRE, CENTRE_NAME, page_source(urls.club_facet("ban", CENTRE)),
                          lambda x: x.village_facet == CENTRE))
    days = [Facet("day", d.lower(), WEEKDAY_NAMES[d], page_source(urls.club_facet("thu", d.lower())),
                  lambda x, d=d: d in x.weekdays) for d in WEEKDAYS]
    open_ = [Facet("open", "1", "Lớp đang mở đăng ký", OPEN_PAGE, lambda x: x.open_on(today))]
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


def _listing_html(hub: Hub, src_uri: str, listings: list[Listing], current: Facet | None,
                  filterable: bool, intro: str = "", show: tuple[str, ...] = ("clubs", "courses"),
                  scope=None) -> str:
    sections = []
    if "clubs" in show:
        sections.append({"id": "cau-lac-bo", "title": "Câu lạc bộ, đội, nhóm sở thích",
                         "cards": [card(hub, x, src_uri) for x in listings if not x.is_course],
                         "empty": "Không có câu lạc bộ, đội, nhóm nào phù hợp."})
    if "courses" in show:
        sections.append({"id": "lop-hoc", "title": "Lớp học",
                         "cards": [card(hub, x, src_uri) for x in listings if x.is_course],
                         "empty": "Không có lớp học nào phù hợp."})
    unit_section = scope is not None and not scope.is_root
    return render("club_listing.html", bar=None if unit_section else _facet_bar(hub, src_uri, load_clubs(hub), current),
                  sections=sections, filterable=filterable and not unit_section, intro=intro, current=current,
                  today=hub.today, unit_filter=hub.unit_filter(src_uri, Urls.clubs_index, scope)
                  if current is None and "clubs" in show else [],
                  calendar_href=_category_href(hub, src_uri, scope, CLUB_CATEGORY),
                  courses_calendar_href=_category_href(hub, src_uri, scope, COURSE_CATEGORY))


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
    return _listing_html(hub, src_uri, load_clubs(hub).listings, None, filterable=True)


def _facet_page(hub: Hub, facet: Facet) -> GeneratedPage:
    matches = [x for x in load_clubs(hub).listings if facet.test(x)]
    show: tuple[str, ...] = ("clubs", "courses")
    if facet.group == "open" or facet.value in {k.replace("_", "-") for k in COURSE_KINDS}:
        show = ("courses",)
    elif facet.value in {k.replace("_", "-") for k in CLUB_KINDS}:
        show = ("clubs",)
    html = _listing_html(hub, facet.src_uri, matches, facet, filterable=False, show=show)
    title = f"Câu lạc bộ & lớp học: {facet.title}"
    return GeneratedPage(facet.src_uri, title, html, f"{len(matches)} câu lạc bộ, lớp học: {facet.title}.",
                         {"hoctap_kind": "club-facet"})


def _courses_page(hub: Hub) -> GeneratedPage:
    courses = load_clubs(hub).courses
    intro = ("Lớp năng khiếu, lớp nghề và lớp chuyển giao tiến bộ khoa học kỹ thuật trong trồng trọt, "
             "chăn nuôi, mở theo nhu cầu của người dân.")
    html = _listing_html(hub, COURSES_PAGE, courses, None, filterable=False, intro=intro, show=("courses",))
    return GeneratedPage(COURSES_PAGE, "Lớp học", html, intro, {"hoctap_kind": "club-facet"})


def _citation(hub: Hub, src_uri: str, ref: str) -> tuple[str, str]:
    cited = rules.cite(hub.plans, ref)
    return cited.label(), relative(src_uri, cited.url)


def _detail_page(hub: Hub, listing: Listing) -> GeneratedPage:
    item = listing.item
    src_uri = page_source(listing.url)
    sessions = [view(hub, o, src_uri) for o in next_sessions(hub, listing, NEXT_RESERVE)]
    reg = item.registration if listing.is_course else None
    html = render(
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
        out.files.append(GeneratedFile(listing.ics_path, write_ics(
            listing.item.name, f"Lịch sinh hoạt {listing.item.name} – {_centre(hub, listing)}", events,
            hub.calendar, hub.site_url, names, refresh, listing.ics_path)))
    out.pages.append(_courses_page(hub))
    for _label, facets in facet_groups(hub):
        for facet in facets:
            out.pages.append(_facet_page(hub, facet))
    for scope in hub.scopes()[1:]:   # each unit's section: its own and its descendants' clubs
        src_uri = page_source(scope.urls.clubs_index())
        listings = [x for x in index.listings if scope.has(hub.unit_of(x.path))]
        html = _listing_html(hub, src_uri, listings, None, filterable=False, scope=scope)
        out.pages.append(GeneratedPage(src_uri, f"Câu lạc bộ & lớp học – {scope.unit.name}", html,
                                       f"Câu lạc bộ và lớp học của {scope.name}.", {"hoctap_kind": "club-facet"}))
    return out
