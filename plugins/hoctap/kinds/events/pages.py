"""Calendar renderers: upcoming blocks, event / month / category / archive pages,
the subscription page and the .ics feeds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from datetime import date, datetime, timedelta
from itertools import groupby
from urllib.parse import quote, urlencode

from ...core import dates, paging
from . import held
from .model import ORGANISERS, WEEKDAY_NAMES, Event
from ...site import rules
from ...site.hub import Hub
from .ics import CANCELLED_PREFIX, archive_years, feed_end, feed_start, write_ics
from ...core.outputs import GeneratedFile, GeneratedPage, Outputs
from .recurrence import Occurrence
from ...core.render import markdown_html, render
from ...core.timezone import TZ
from ...core.urls import Urls, absolute, page_source, relative, urls
from ...site.units import Scope
from .subscribe import feed_links, qr_svg, subscribe_block

FEED_PATH = urls.calendar_feed()
UPCOMING_DAYS = 120
UPCOMING_LIMIT = 60        # activities in the calendar home's "Sắp diễn ra"; the month pages list all
# Lists of the next items show SHOWN of them; RESERVE more are in the page, hidden, so that when
# the reader's day is past the build day the script can show the next ones instead of an empty list.
NEXT_SHOWN, NEXT_RESERVE = 6, 30
SESSIONS_SHOWN, SESSIONS_RESERVE = 5, 20
GRID_PER_DAY = 3           # activities shown in a day's cell of a month's grid
MONTH_PAGE_SIZE = 150      # activities per page of a month's list
CATEGORY_PAGE_SIZE = 60    # upcoming activities per page of a category
ARCHIVE_PAGE_SIZE = 100    # past activities per page of a year's archive
ROUTINE_NEXT = 30          # next sessions on the page of a category of club or class sessions


# -- view helpers --------------------------------------------------------------------------

def when_label(occ: Occurrence) -> str:
    """``Thứ Ba, 21/04/2026``, ``… 19:30–21:30``, or a span of days."""
    if occ.start_day != occ.end_day:
        label = f"{dates.weekday_date(occ.start_day)} – {dates.weekday_date(occ.end_day)}"
    else:
        label = dates.weekday_date(occ.start_day)
    if not occ.all_day:
        label += f", {dates.clock(occ.start)}"
        if occ.has_end and occ.end != occ.start and occ.start_day == occ.end_day:
            label += f"–{dates.clock(occ.end)}"
        elif occ.has_end and occ.start_day != occ.end_day:
            label = (f"{dates.weekday_date(occ.start_day)}, {dates.clock(occ.start)} – "
                     f"{dates.weekday_date(occ.end_day)}, {dates.clock(occ.end)}")
    return label


def lunar_label(occ: Occurrence) -> str:
    try:
        return occ.lunar.format()
    except ValueError:
        return ""


def recurrence_label(event: Event) -> str:
    rule = event.source.recurrence
    if rule is None:
        return ""
    start = event.source.start
    day = start.date() if isinstance(start, datetime) else start
    every = "" if rule.interval == 1 else f" (cách {rule.interval} lần một)"
    if rule.kind == "am_lich":
        lunar = rule.lunar_rule
        text = f"Hằng năm vào {lunar.label()} âm lịch" if lunar.last_day else f"Hằng năm vào ngày {lunar.label()} âm lịch"
        if rule.day30 == "doi_sang_29":
            text += " (năm tháng thiếu thì vào ngày 29)"
        elif rule.day30 == "bo_qua":
            text += " (năm tháng thiếu thì không tổ chức)"
    elif rule.kind == "hang_nam":
        text = f"Hằng năm vào ngày {day:%d/%m}"
        if rule.per_year:
            text += "; ngày cụ thể được thông báo mỗi năm"
    elif rule.kind == "hang_ngay":
        text = "Hằng ngày"
    elif rule.kind == "hang_tuan":
        names = ", ".join(WEEKDAY_NAMES[d] for d in rule.weekdays) or dates.weekday_name(day)
        text = f"Hằng tuần vào {names}"
    else:
        if rule.weekdays:
            nth = {1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", 5: "thứ năm", -1: "cuối cùng"}
            text = f"{WEEKDAY_NAMES[rule.weekdays[0]]} {nth[rule.week_of_month]} mỗi tháng"
        else:
            text = f"Ngày {rule.day_of_month or day.day} hằng tháng"
    if rule.until:
        text += f", đến {dates.short_date(rule.until)}"
    if rule.count:
        text += f", {rule.count} lần"
    return text + every


@dataclass(frozen=True)
class OccurrenceView:
    occ: Occurrence
    href: str
    when: str
    lunar: str
    category: str
    category_color: str
    unit: str = ""          # the unit's name, in a hub of several units
    state: str = ""         # events.held status; labelled on past items only

    @property
    def state_label(self) -> str:
        """"Đã tổ chức" / "Chưa có báo cáo" / … for an item that is over or recorded; "" otherwise."""
        if self.state in (held.UPCOMING, held.CANCELLED, ""):
            return ""
        return held.LABELS[self.state]

    @property
    def title(self) -> str:
        return self.occ.event.source.title

    @property
    def cancelled(self) -> bool:
        return self.occ.is_cancelled

    @property
    def tentative(self) -> bool:
        """A provisional event (``trang_thai: du_kien``): "dự kiến" wherever it is listed."""
        return self.occ.event.source.status == "du_kien" and not self.occ.is_cancelled

    @property
    def ends_at(self) -> str:
        return self.occ.ends_at.isoformat()

    @property
    def location(self) -> str:
        loc = self.occ.effective_location
        return loc.label() if loc else ""


def view(hub: Hub, occ: Occurrence, from_src_uri: str) -> OccurrenceView:
    """The view of an occurrence on the page ``from_src_uri``. Everything but the link is the same
    on every page (grid, list, category, archive, event page), so it is worked out once per
    occurrence and build (``hub.extras``, made anew for each build)."""
    facts = hub.extras.setdefault("occurrence_views", {})
    hit = facts.get(id(occ))
    if hit is None or hit[0] is not occ:
        category = hub.config.category(occ.event.source.category)
        state = held.status(occ, hub.today, hub.calendar.routine)
        if state == held.ROUTINE and occ.end_day >= hub.today:
            state = held.UPCOMING
        if occ.event.source.id in hub.calendar.milestones:
            state = ""
        hit = (occ, when_label(occ), lunar_label(occ), category.name if category else "",
               category.color if category else "#666", hub.unit_mark(occ.event.path), state)
        facts[id(occ)] = hit   # the occurrence is kept with its id, so the id is not reused
    return OccurrenceView(occ, relative(from_src_uri, occ.event.url), *hit[1:])


def month_groups(hub: Hub, occurrences: list[Occurrence], from_src_uri: str, u: Urls = urls) -> list[dict]:
    groups = []
    for (year, month), items in groupby(occurrences, key=lambda o: (o.start_day.year, o.start_day.month)):
        groups.append({
            "label": dates.month_label(year, month),
            "href": relative(from_src_uri, u.month(year, month)),
            "entries": [view(hub, o, from_src_uri) for o in items],
        })
    return groups


def google_link(occ: Occurrence, site_url: str) -> str:
    src = occ.event.source
    if occ.all_day:
        dates_param = f"{occ.start_day:%Y%m%d}/{occ.end_day + timedelta(days=1):%Y%m%d}"
    else:
        end = occ.end if occ.has_end else occ.start + timedelta(hours=1)
        dates_param = f"{occ.start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
    loc = occ.effective_location
    params = {"action": "TEMPLATE", "text": src.title, "dates": dates_param, "ctz": "Asia/Ho_Chi_Minh",
              "details": absolute(site_url, occ.event.url)}
    if loc:
        params["location"] = loc.label()
    return "https://calendar.google.com/calendar/render?" + urlencode(params, quote_via=quote)


def outlook_link(occ: Occurrence, site_url: str) -> str:
    src = occ.event.source
    if occ.all_day:
        start, end = occ.start_day.isoformat(), (occ.end_day + timedelta(days=1)).isoformat()
    else:
        start = occ.start.isoformat()
        end = (occ.end if occ.has_end else occ.start + timedelta(hours=1)).isoformat()
    loc = occ.effective_location
    params = {"path": "/calendar/action/compose", "rru": "addevent", "subject": src.title,
              "startdt": start, "enddt": end, "allday": "true" if occ.all_day else "false",
              "body": absolute(site_url, occ.event.url)}
    if loc:
        params["location"] = loc.label()
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(params, quote_via=quote)


def map_link(location) -> str | None:
    """OpenStreetMap at the location's coordinates, when it has them."""
    if location and location.coordinates:
        lat, lon = location.coordinates.lat, location.coordinates.lon
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return None


def json_ld(hub: Hub, event: Event, occ: Occurrence | None) -> str:
    src = event.source
    start = occ.start if occ else src.start
    end = occ.end if occ else (src.end or src.start)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": src.title,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled" if (occ.is_cancelled if occ else event.cancelled)
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": absolute(hub.site_url, event.url),
        "inLanguage": "vi",
        "organizer": {"@type": "Organization", "name": src.organizer or _centre_of(hub, event)},
    }
    loc = (occ.effective_location if occ else src.location)
    unit = hub.unit(hub.unit_of(event.path))
    if loc:
        place = {"@type": "Place", "name": loc.name,
                 "address": loc.address or (f"{unit.name}, {unit.province}" if unit else "")}
        if loc.coordinates:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": loc.coordinates.lat,
                            "longitude": loc.coordinates.lon}
        data["location"] = place
    if src.description:
        data["description"] = src.description.strip()
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("</", "<\\/")


# -- blocks --------------------------------------------------------------------------------

def next_events_block(hub: Hub, src_uri: str) -> str:
    items = [view(hub, o, src_uri) for o in hub.calendar.upcoming(hub.today, limit=NEXT_RESERVE, days=UPCOMING_DAYS)]
    return render("calendar_next.html", items=items, today=hub.today, limit=NEXT_SHOWN,
                  calendar_href=relative(src_uri, urls.calendar_index()),
                  subscribe_href=relative(src_uri, urls.subscribe()))


def upcoming_block(hub: Hub, src_uri: str) -> str:
    return render("calendar_index.html", **_index_context(hub, src_uri))


def _index_context(hub: Hub, src_uri: str, cal=None, scope: Scope | None = None) -> dict:
    from .agenda import agenda_block_html
    cal = cal or hub.calendar
    scope = scope or hub.scope
    u = scope.urls
    upcoming = cal.upcoming(hub.today, days=UPCOMING_DAYS)
    more = len(upcoming) > UPCOMING_LIMIT
    upcoming = upcoming[:UPCOMING_LIMIT]
    this_month = (hub.today.year, hub.today.month)
    months = cal.months() if scope.is_root else _busy_months(cal)
    month = this_month if this_month in months else (months[0] if months else None)
    return {
        "groups": month_groups(hub, upcoming, src_uri, u),
        "today": hub.today,
        "days": UPCOMING_DAYS,
        "limit": UPCOMING_LIMIT if more else None,
        "this_month_href": relative(src_uri, u.month(*month)) if month else None,
        "subscribe_href": relative(src_uri, u.subscribe()),
        "feed_href": relative(src_uri, u.calendar_feed()),
        "categories": [(c.name, relative(src_uri, u.category(c.id)), c.color)
                       for c in hub.config.categories if cal.by_category(c.id)],
        "archives": [(y, relative(src_uri, u.archive(y))) for y in _archive_years(hub, cal)],
        "unit_filter": hub.unit_filter(src_uri, Urls.calendar_index, scope),
        "agenda": agenda_block_html(hub, src_uri, scope),
    }


def _archive_years(hub: Hub, cal=None) -> list[int]:
    return sorted({o.start_day.year for o in (cal or hub.calendar).past(hub.today)}, reverse=True)


def _busy_months(cal) -> list[tuple[int, int]]:
    """A unit's section has month pages only for months with activities."""
    return sorted({(y, m) for (y, m) in cal.months() if cal.in_month(y, m)})


# -- pages -----------------------------------------------------------------------------------

def _event_page(hub: Hub, event: Event) -> GeneratedPage:
    src_uri = page_source(event.url)
    occurrences = hub.calendar.of_event(event.source.id)
    upcoming = [o for o in occurrences if o.end_day >= hub.today]
    past = [o for o in occurrences if o.end_day < hub.today]
    focus = upcoming[0] if upcoming else (past[-1] if past else None)
    src = event.source
    description = src.description.strip().split("\n")[0] if src.description else ""

    def html() -> str:
        category = hub.config.category(src.category)
        unit = hub.unit(hub.unit_of(event.path))
        village = unit.village(src.village) if src.village and unit else None
        citations = [(c.label(), relative(src_uri, c.url)) for c in (rules.cite(hub.plans, r) for r in src.plan_refs)]
        articles = [
            (a.title, relative(src_uri, a.url)) for a in hub.extras.get("articles_by_event", {}).get(src.id, [])
        ]
        location = focus.effective_location if focus else src.location
        report = _held_view(hub, event, focus, src_uri)
        return render(
            "event.html", event=event, src=src, focus=focus,
            sample=src.sample or bool(unit and unit.sample),
            when=when_label(focus) if focus else "", lunar=lunar_label(focus) if focus else "",
            recurrence=recurrence_label(event),
            upcoming=[view(hub, o, src_uri) for o in upcoming[:SESSIONS_RESERVE]], limit=SESSIONS_SHOWN,
            past=[view(hub, o, src_uri) for o in past[-3:]],
            location=location,
            map_href=map_link(location),
            # The venue's page, when the event names one and this occurrence was not moved elsewhere.
            venue_href=relative(src_uri, urls.venue(src.venue))
            if src.venue and (focus is None or focus.effective_location == src.location) else None,
            category=category, category_href=relative(src_uri, urls.category(src.category)),
            village=village, citations=citations, articles=articles,
            description_html=markdown_html(src.description),
            ics_href=relative(src_uri, event.ics_path),
            google_href=google_link(focus, hub.site_url) if focus else None,
            outlook_href=outlook_link(focus, hub.site_url) if focus else None,
            json_ld=json_ld(hub, event, focus),
            image_href=relative(src_uri, src.image) if src.image else None,
            status_label={"du_kien": "Dự kiến", "huy": "ĐÃ HỦY"}.get(src.status),
            calendar_href=relative(src_uri, urls.calendar_index()),
            report=report, organiser=ORGANISERS[src.organiser],
            milestone=src.id in hub.calendar.milestones,
            marks=_marks_view(hub, event, src_uri),
        )
    title = (CANCELLED_PREFIX if event.cancelled else "") + src.title
    summary = f"{when_label(focus)}. {description}" if focus else description
    return GeneratedPage(src_uri, title, html, summary.strip(), {"hoctap_kind": "event"},
                         source=hub.source_of(event.path))


def _held_view(hub: Hub, event: Event, focus: Occurrence | None, src_uri: str) -> dict | None:
    """What the page says about the focused occurrence once it is over: the staff record, or
    "Chưa có báo cáo" (a commemorative day or a milestone says nothing of the kind)."""
    if focus is None or event.source.id in hub.calendar.milestones:
        return None
    state = held.status(focus, hub.today, hub.calendar.routine)
    if state not in (held.HELD, held.UNREPORTED):
        return None
    record = held.record_for(focus, hub.today)
    view_ = {"state": state, "label": held.LABELS[state], "record": record, "photos": [], "article": None}
    if record is not None:
        view_["photos"] = [relative(src_uri, p) for p in record.photos]
        article = hub.extras.get("articles_by_slug", {}).get(record.article) if record.article else None
        if article is not None:
            view_["article"] = (article.title, relative(src_uri, article.url))
    return view_


def _marks_view(hub: Hub, event: Event, src_uri: str) -> dict:
    """The commemorative day an activity marks, or the activities that mark this day."""
    src = event.source
    out = {"day": None, "activities": []}
    if src.marks and src.marks in hub.calendar.events:
        day = hub.calendar.events[src.marks]
        out["day"] = (day.source.title, relative(src_uri, day.url))
    if src.commemorative:
        out["activities"] = [(e.source.title, relative(src_uri, e.url)) for e in hub.calendar.events.values()
                             if e.source.marks == src.id]
    return out


def poster_path(hub: Hub, u: Urls, year: int, month: int) -> str | None:
    """The poster of a month in the section of ``u``, when there is one (see poster.py, which
    runs before the month pages)."""
    return hub.extras.get(("posters", u.prefix), {}).get((year, month))


def _month_page(hub: Hub, year: int, month: int, months: list[tuple[int, int]], cal=None,
                u: Urls = urls) -> list[GeneratedPage]:
    """A month: its grid (at most GRID_PER_DAY activities a day, one-off activities before routine
    sessions, then "+ n hoạt động khác") and the list of its activities, MONTH_PAGE_SIZE a page
    (``lich/thang/2026-04-trang-2.html``…): a month of a hundred clubs' sessions stays small."""
    cal = cal or hub.calendar
    occurrences = cal.in_month(year, month)
    pages = paging.chunks(occurrences, MONTH_PAGE_SIZE)
    page_of = {id(o): n for n, chunk in enumerate(pages, start=1) for o in chunk}
    label = dates.month_label(year, month)
    index = months.index((year, month))
    prev_m = months[index - 1] if index > 0 else None
    next_m = months[index + 1] if index + 1 < len(months) else None
    poster = poster_path(hub, u, year, month)
    out = []
    for n, chunk in enumerate(pages, start=1):
        src_uri = page_source(u.month(year, month, n))

        def html(n: int = n, chunk: list = chunk, src_uri: str = src_uri) -> str:
            weeks = _month_weeks(hub, year, month, occurrences, cal, src_uri, page_of, u) if n == 1 else None
            return render(
                "calendar_month.html", label=label, weeks=weeks, weekdays=dates.WEEKDAY_ABBRS,
                listing=[view(hub, o, src_uri) for o in chunk], total=len(occurrences),
                pager=paging.pager(src_uri, n, len(pages), lambda i: u.month(year, month, i)),
                prev=(dates.month_label(*prev_m), relative(src_uri, u.month(*prev_m))) if prev_m else None,
                next=(dates.month_label(*next_m), relative(src_uri, u.month(*next_m))) if next_m else None,
                calendar_href=relative(src_uri, u.calendar_index()),
                poster_href=relative(src_uri, poster) if poster else None,
            )
        suffix = f" – trang {n}" if n > 1 else ""
        out.append(GeneratedPage(src_uri, f"Lịch {label.lower()}{suffix}", html,
                                 f"{len(occurrences)} hoạt động trong {label.lower()}."
                                 + (f" Trang {n}/{len(pages)}." if n > 1 else "")))
    return out


def _month_weeks(hub: Hub, year: int, month: int, occurrences: list[Occurrence], cal, src_uri: str,
                 page_of: dict[int, int], u: Urls) -> list[list[dict]]:
    by_day: dict[date, list[Occurrence]] = {}
    for o in occurrences:
        day = o.start_day
        while day <= o.end_day:
            by_day.setdefault(day, []).append(o)
            day += timedelta(days=1)
    first = date(year, month, 1)
    day = first - timedelta(days=first.weekday())
    weeks = []
    while True:
        week = []
        for _ in range(7):
            items = by_day.get(day, [])
            shown = sorted(items, key=lambda o: o.event.source.id in cal.routine)[:GRID_PER_DAY]
            more = len(items) - len(shown)
            rest = [o for o in items if o not in shown]
            week.append({"day": day, "in_month": day.month == month,
                         "entries": [view(hub, o, src_uri) for o in shown],
                         "more": more,
                         "more_href": relative(src_uri, u.month(year, month, page_of[id(rest[0])])) if more else None,
                         "today": day == hub.today, "iso": day.isoformat()})
            day += timedelta(days=1)
        weeks.append(week)
        if day.month != month or day.year != year:
            break
    return weeks


def category_feed_name(category, scope_name: str) -> str:
    return f"{category.name} – {scope_name}"


def _category_page(hub: Hub, category, cal=None, u: Urls = urls, scope_name: str = "") -> list[GeneratedPage]:
    """A category's upcoming activities, CATEGORY_PAGE_SIZE a page. A category of routine sessions
    (club meetings, class sessions) shows only the next ROUTINE_NEXT of them and links to the
    month pages, which list them all."""
    cal = cal or hub.calendar
    occurrences = cal.by_category(category.id)
    upcoming = [o for o in occurrences if o.end_day >= hub.today]
    sessions = [o for o in upcoming if o.event.source.id in cal.routine]
    routine = bool(sessions)
    ics_href = u.category(category.id, "ics")
    if routine:
        # every one-off activity of the category, but only the next ROUTINE_NEXT sessions
        keep = {id(o) for o in sessions[:ROUTINE_NEXT]}
        shown = [o for o in upcoming if o.event.source.id not in cal.routine or id(o) in keep]
        month_keys = sorted({(o.start_day.year, o.start_day.month) for o in sessions})
    else:
        shown = upcoming
        month_keys = []
    pages = paging.chunks(shown, CATEGORY_PAGE_SIZE)
    out = []
    for n, chunk in enumerate(pages, start=1):
        src_uri = page_source(u.category(category.id, n=n))

        def html(n: int = n, chunk: list = chunk, src_uri: str = src_uri) -> str:
            return render(
                "calendar_category.html", category=category,
                groups=month_groups(hub, chunk, src_uri, u),
                routine=routine, next_count=min(len(sessions), ROUTINE_NEXT), total=len(sessions),
                months=[(dates.month_label(y, m), relative(src_uri, u.month(y, m))) for y, m in month_keys],
                pager=paging.pager(src_uri, n, len(pages), lambda i: u.category(category.id, n=i)),
                subscribe=subscribe_block(hub, src_uri, ics_href, category_feed_name(category, scope_name),
                                          "Đăng ký lịch " + category.name.lower(), u),
                calendar_href=relative(src_uri, u.calendar_index()), today=hub.today)
        suffix = f" – trang {n}" if n > 1 else ""
        out.append(GeneratedPage(src_uri, f"Lịch: {category.name}{suffix}", html,
                                 f"Các hoạt động thuộc thể loại {category.name}."
                                 + (f" Trang {n}/{len(pages)}." if n > 1 else "")))
    return out


def _archive_page(hub: Hub, year: int, years: list[int], cal=None, u: Urls = urls,
                  feed: str | None = None) -> list[GeneratedPage]:
    """The activities of a past year, ARCHIVE_PAGE_SIZE a page. Routine sessions (club meetings,
    class sessions) are left out, as in the upcoming list: the month pages list them."""
    cal = cal or hub.calendar
    past = [o for o in cal.past(hub.today) if o.start_day.year == year and o.event.source.id not in cal.routine]
    pages = paging.chunks(past, ARCHIVE_PAGE_SIZE)
    out = []
    for n, chunk in enumerate(pages, start=1):
        src_uri = page_source(u.archive(year, n))

        def html(n: int = n, chunk: list = chunk, src_uri: str = src_uri) -> str:
            return render("calendar_archive.html", year=year, groups=month_groups(hub, chunk, src_uri, u),
                          years=[(y, relative(src_uri, u.archive(y))) for y in years],
                          pager=paging.pager(src_uri, n, len(pages), lambda i: u.archive(year, i)),
                          feed_href=relative(src_uri, feed) if feed else None,
                          calendar_href=relative(src_uri, u.calendar_index()))
        suffix = f" – trang {n}" if n > 1 else ""
        out.append(GeneratedPage(src_uri, f"Lịch đã qua năm {year}{suffix}", html,
                                 f"{len(past)} mục đã qua trên lịch năm {year}."
                                 + (f" Trang {n}/{len(pages)}." if n > 1 else "")))
    return out


def _subscribe_page(hub: Hub, feeds: list[tuple[str, str]], u: Urls = urls, name: str = "",
                    villages: list[tuple[str, str]] = (), archives: list[tuple[int, str]] = ()) -> GeneratedPage:
    """``feeds``: (name, path) of the scope's whole feed, then its categories; ``villages``: the
    villages' feeds (name, path); ``archives``: (year, path) of the yearly archive feeds."""
    src_uri = page_source(u.subscribe())

    def html() -> str:
        rows = [feed_links(hub.site_url, src_uri, path, label) for label, path in feeds]
        rows[0] = feed_links(hub.site_url, src_uri, feeds[0][1], name or hub.site_name)
        return render(
            "calendar_subscribe.html", main=rows[0], feeds=rows[1:], qr_svg=qr_svg(rows[0]["url"]),
            villages=[feed_links(hub.site_url, src_uri, path, label) for label, path in villages],
            refresh_hours=hub.config.calendar.refresh_hours,
            years_back=hub.config.calendar.years_back, years_ahead=hub.config.calendar.years_ahead,
            feed_days=hub.config.calendar.feed_days, feed_ahead_days=hub.config.calendar.feed_ahead_days,
            archives=[(year, relative(src_uri, path)) for year, path in archives],
            calendar_href=relative(src_uri, u.calendar_index()))
    return GeneratedPage(src_uri, "Đăng ký lịch hoạt động", html,
                         "Theo dõi lịch hoạt động trên điện thoại: Google Lịch, Lịch iPhone, Outlook.")


def render_calendar(hub: Hub) -> Outputs:
    from .poster import render_posters
    out = Outputs()
    out.extend(render_posters(hub))    # before the month pages, which link to their posters
    cal = hub.calendar
    names = {c.id: c.name for c in hub.config.categories}
    refresh = hub.config.calendar.refresh_hours
    events = sorted(cal.events.values(), key=lambda e: e.source.id)
    for event in events:   # one page and one .ics per event, at its one address in the hub
        out.files.append(GeneratedFile(event.ics_path, partial(write_ics,
            event.source.title, f"{event.source.title} – {_centre_of(hub, event)}", [event], cal, hub.site_url,
            names, refresh, event.ics_path)))
        out.pages.append(_event_page(hub, event))
    for scope in hub.scopes():
        out.extend(_scope_calendar(hub, scope, names, refresh))
    from .agenda import render_agenda
    from .bulletin import render_bulletins
    out.extend(render_agenda(hub))
    out.extend(render_bulletins(hub))
    return out


def _centre_of(hub: Hub, event: Event) -> str:
    unit = hub.unit(hub.unit_of(event.path))
    return unit.centre if unit else hub.site_name


def scope_calendar(hub: Hub, scope: Scope):
    """The calendar a scope shows: every event (the hub), or a unit's and its descendants'."""
    if scope.is_root:
        return hub.calendar
    key = ("calendar", scope.urls.prefix)
    if key not in hub.extras:
        hub.extras[key] = hub.calendar.restrict(lambda e: scope.has(hub.unit_of(e.path)))
    return hub.extras[key]


def _scope_calendar(hub: Hub, scope: Scope, names: dict, refresh: int) -> Outputs:
    """Feeds and listings of one scope: lich.ics, categories (page and .ics), months, archives,
    the subscription page, and for a unit's section its calendar index."""
    out = Outputs()
    u = scope.urls
    cal = scope_calendar(hub, scope)
    events = sorted(cal.events.values(), key=lambda e: e.source.id)
    since = feed_start(hub.today, hub.config.calendar.feed_days)   # older: the yearly archive feeds
    until = feed_end(hub.today, hub.config.calendar.feed_ahead_days)   # later: not yet in a shared feed
    feed = u.calendar_feed()
    out.files.append(GeneratedFile(feed, partial(write_ics,
        f"Lịch hoạt động – {scope.name}", f"Lịch hoạt động của {scope.name}", events, cal,
        hub.site_url, names, refresh, feed, since, until=until)))
    archives = {}
    for year in archive_years(events, cal, since):
        archives[year] = path = u.archive_feed(year)
        out.files.append(GeneratedFile(path, partial(write_ics,
            f"Lịch hoạt động năm {year} – {scope.name}", f"Các hoạt động đã qua năm {year} của {scope.name}",
            events, cal, hub.site_url, names, refresh, path, since, year, until)))
    feeds = [("Tất cả hoạt động", feed)]
    for category in hub.config.categories:
        members = [e for e in events if e.source.category == category.id]
        if not members:
            continue
        path = u.category(category.id, "ics")
        out.files.append(GeneratedFile(path, partial(write_ics,
            category_feed_name(category, scope.short_name), f"Lịch {category.name.lower()} của {scope.name}",
            members, cal, hub.site_url, names, refresh, path, since, until=until)))
        feeds.append((category.name, path))
        out.pages.extend(_category_page(hub, category, cal, u, scope.short_name))
    months = cal.months() if scope.is_root else _busy_months(cal)
    for year, month in months:
        out.pages.extend(_month_page(hub, year, month, months, cal, u))
    years = _archive_years(hub, cal)
    for year in years:
        out.pages.extend(_archive_page(hub, year, years, cal, u, archives.get(year)))
    villages = []
    for unit, village in scope_villages(hub, scope, own=True):
        path = u.village_feed(village.id)
        members = [e for e in events if in_village(hub, e, unit, village)]
        name = village_feed_name(unit, village)
        out.files.append(GeneratedFile(path, partial(write_ics,
            name, f"Lịch hoạt động ở {village.name}, {unit.name}", members, cal, hub.site_url, names,
            refresh, path, since, until=until)))
        villages.append((name, path))
    out.pages.append(_subscribe_page(hub, feeds, u, f"Lịch hoạt động – {scope.name}", villages,
                                     sorted(archives.items(), reverse=True)))
    if not scope.is_root:
        src_uri = page_source(u.calendar_index())
        html = partial(_render_index, hub, src_uri, cal, scope)
        out.pages.append(GeneratedPage(src_uri, f"Lịch hoạt động – {scope.unit.name}", html,
                                       f"Lịch hoạt động của {scope.name}."))
    return out


def _render_index(hub: Hub, src_uri: str, cal, scope: Scope) -> str:
    return render("calendar_index.html", **_index_context(hub, src_uri, cal, scope))


# -- villages ------------------------------------------------------------------------------------

def section_urls(hub: Hub, unit_id: str) -> Urls:
    """Where a unit's own pages are: its section in a hub of several units, the root in a hub of one."""
    from ...site.units import unit_urls
    return unit_urls(unit_id) if hub.config.multi else urls


def scope_villages(hub: Hub, scope: Scope, own: bool = False) -> list:
    """(unit, village) of the scope's units, in the order of mkdocs.yml; ``own``: only the villages
    of the scope's own unit (whose section holds their feeds and pages)."""
    if own:
        return [(scope.unit, v) for v in scope.unit.villages] if scope.unit is not None else []
    return [(unit, v) for unit in hub.config.units if scope.has(unit.id) for v in unit.villages]


def in_village(hub: Hub, event: Event, unit, village) -> bool:
    return event.source.village == village.id and hub.unit_of(event.path) == unit.id


def village_feed_name(unit, village) -> str:
    """The calendar's name in a phone's list: "Bản Púng – Viêng Lán"."""
    return f"{village.name} – {unit.short_name}"
