""""Hôm nay" and "Tuần này": the coming days with every session (club meetings and classes
included), one page per scope (``lich/tuan-nay.html``) and per village
(``lich/tuan-nay/<bản>.html`` in the section of the village's unit), and a block on the home page
and the calendar home.

Pages are static, so each one carries ``AGENDA_DAYS`` days from the build day on, every day a
section dated ``data-hoctap-date``; ``assets/hoctap.js`` files the days under "Hôm nay", the rest
of the reader's week and the next week by the reader's own date (Vietnam time) and hides past
days and ended items. Without JavaScript the page shows the build day's week. The nightly
rebuild refreshes the days.

A day shows at most ``PER_DAY`` items, one-off activities before club and class sessions, then
"+ n hoạt động khác" linking to the page of the month's list that holds the next one: a hub of a
few hundred clubs does not make the page grow with them (issue #11).
"""

from __future__ import annotations

from datetime import date, timedelta

from ...core import dates
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import render
from ...core.urls import Urls, page_source, relative
from ...site.hub import Hub
from ...site.units import Scope, unit_label
from .pages import (MONTH_PAGE_SIZE, OccurrenceView, in_village, scope_calendar, scope_villages,
                    section_urls, view, village_feed_name)
from .recurrence import Occurrence
from .subscribe import subscribe_block

AGENDA_DAYS = 21          # the build day and 20 more: a page stays right for two weeks without a rebuild
PER_DAY = 12              # items shown in one day; the month's list has the others
PARTS = (("today", "Hôm nay"), ("this", "Các ngày còn lại của tuần này"), ("next", "Tuần sau"))


def bucket(day: date, today: date) -> str:
    """Where a day goes seen from ``today`` (the same rule as hoctap.js): past, today, the rest
    of this week (Monday to Sunday), next week, later."""
    monday = today - timedelta(days=today.weekday())
    if day < today:
        return "past"
    if day == today:
        return "today"
    if day < monday + timedelta(days=7):
        return "this"
    if day < monday + timedelta(days=14):
        return "next"
    return "later"


def time_label(occ: Occurrence, day: date) -> str:
    """The time of an item inside a day: "19:30–21:00", "Cả ngày", or the span of a multi-day one."""
    if occ.start_day != occ.end_day:
        return f"{dates.weekday_date(occ.start_day)} – {dates.weekday_date(occ.end_day)}"
    if occ.all_day:
        return "Cả ngày"
    label = dates.clock(occ.start)
    if occ.has_end and occ.end != occ.start:
        label += f"–{dates.clock(occ.end)}"
    return label


def _days(hub: Hub, occurrences: list[Occurrence], src_uri: str, cal, u: Urls) -> list[dict]:
    """The AGENDA_DAYS days from the build day, each with at most PER_DAY items; ``cal`` and ``u``:
    the calendar and section whose month pages list a busy day's other items."""
    start = hub.today
    end = start + timedelta(days=AGENDA_DAYS - 1)
    window = [o for o in occurrences if o.end_day >= start and o.start_day <= end]
    views: dict[int, OccurrenceView] = {}
    pages: dict[tuple[int, int], dict[int, int]] = {}
    out = []
    for i in range(AGENDA_DAYS):
        day = start + timedelta(days=i)
        items = sorted((o for o in window if o.start_day <= day <= o.end_day),
                       key=lambda o: o.event.source.id in cal.routine)    # stable: by time within each
        entries = []
        for occ in items[:PER_DAY]:
            if id(occ) not in views:
                views[id(occ)] = view(hub, occ, src_uri)
            entries.append({"view": views[id(occ)], "time": time_label(occ, day),
                            "village": _village_name(hub, occ)})
        more, more_href = len(items) - len(entries), None
        if more:
            key = (day.year, day.month)
            if key not in pages:
                pages[key] = {id(o): n // MONTH_PAGE_SIZE + 1 for n, o in enumerate(cal.in_month(*key))}
            page = pages[key].get(id(items[PER_DAY]), 1)
            more_href = relative(src_uri, u.month(day.year, day.month, page)) + "#hoctap-month-list"
        out.append({"iso": day.isoformat(), "label": dates.weekday_date(day), "entries": entries,
                    "more": more, "more_href": more_href, "bucket": bucket(day, hub.today)})
    return out


def _village_name(hub: Hub, occ: Occurrence) -> str:
    village_id = occ.event.source.village
    if not village_id:
        return ""
    unit = hub.unit(hub.unit_of(occ.event.path))
    village = unit.village(village_id) if unit else None
    return village.name if village else ""


def _village_filter(hub: Hub, scope: Scope, src_uri: str, current=None) -> list[dict]:
    """Links to the per-village pages (a filter without JavaScript), grouped by unit in a hub of
    several units."""
    groups: dict[str, dict] = {}
    for unit, village in scope_villages(hub, scope):
        group = groups.setdefault(unit.id, {"unit": unit_label(unit) if hub.config.multi else "", "links": []})
        group["links"].append((village.name, relative(src_uri, section_urls(hub, unit.id).agenda(village.id)),
                               current is not None and current == (unit.id, village.id)))
    return list(groups.values())


def _context(hub: Hub, src_uri: str, occurrences: list[Occurrence], u: Urls, cal) -> dict:
    return {"days": _days(hub, occurrences, src_uri, cal, u), "parts": PARTS, "today": hub.today,
            "agenda_href": relative(src_uri, u.agenda()), "months_href": relative(src_uri, u.calendar_index()),
            "village": None, "unit_agenda_href": None, "villages": [], "unit_filter": [], "subscribe": "",
            "subscribe_href": None, "heading": "", "scope_name": "", "bulletin_href": None}


def agenda_block_html(hub: Hub, src_uri: str, scope: Scope | None = None) -> str:
    """Today and the rest of the week, for the home page and the calendar home."""
    scope = scope or hub.scope
    cal = scope_calendar(hub, scope)
    return render("agenda.html", **{**_context(hub, src_uri, cal.occurrences, scope.urls, cal), "block": True})


def agenda_block(hub: Hub, src_uri: str) -> str:
    return agenda_block_html(hub, src_uri)


def _scope_page(hub: Hub, scope: Scope) -> GeneratedPage:
    u = scope.urls
    src_uri = page_source(u.agenda())
    cal = scope_calendar(hub, scope)
    html = lambda: render("agenda.html", **{
        **_context(hub, src_uri, cal.occurrences, u, cal), "block": False, "heading": "Tuần này",
        "scope_name": scope.name, "unit_filter": hub.unit_filter(src_uri, Urls.agenda, scope),
        "villages": _village_filter(hub, scope, src_uri), "subscribe_href": relative(src_uri, u.subscribe()),
        # Unit sections have a loudspeaker bulletin for the build day's week (bulletin.py).
        "bulletin_href": relative(src_uri, u.bulletin(hub.today - timedelta(days=hub.today.weekday())))
        if scope.unit is not None else None})
    return GeneratedPage(src_uri, f"Tuần này – {scope.short_name}", html,
                         f"Hôm nay và tuần này: mọi hoạt động, buổi sinh hoạt câu lạc bộ và buổi học của {scope.name}.",
                         {"hoctap_kind": "agenda"})


def _village_page(hub: Hub, scope: Scope, unit, village) -> GeneratedPage:
    u = scope.urls
    src_uri = page_source(u.agenda(village.id))
    name = village_feed_name(unit, village)
    html = lambda: render("agenda.html", **{
        **_context(hub, src_uri, [o for o in hub.calendar.occurrences if in_village(hub, o.event, unit, village)],
                   u, scope_calendar(hub, scope)), "block": False,
        "heading": f"Tuần này ở {village.name}",
        "scope_name": name, "village": village, "unit_agenda_href": relative(src_uri, u.agenda()),
        "villages": _village_filter(hub, scope, src_uri, (unit.id, village.id)),
        "subscribe": subscribe_block(hub, src_uri, u.village_feed(village.id), name,
                                     f"Đăng ký lịch {village.name}", u)})
    return GeneratedPage(src_uri, f"Tuần này – {name}", html,
                         f"Hôm nay và tuần này ở {village.name} ({unit.name}).", {"hoctap_kind": "agenda"})


def render_agenda(hub: Hub) -> Outputs:
    out = Outputs()
    for scope in hub.scopes():
        out.pages.append(_scope_page(hub, scope))
        for unit, village in scope_villages(hub, scope, own=True):
            out.pages.append(_village_page(hub, scope, unit, village))
    return out
