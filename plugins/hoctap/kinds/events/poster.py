"""The monthly poster for the village notice board (bảng tin): one A4 page per unit and month
(``lich/ap-phich/2026-04.html`` in the unit's section) with the month's one-off activities in
large type, each with a QR code to its page, the clubs and classes meeting that month once each
(their weekdays and time, not every session), and a QR code to the subscription page.

Posters are made for the build month and the next ``POSTER_MONTHS - 1`` months (what staff
print; the nightly rebuild moves the window), for the unit's own activities (a district's poster
does not list its communes' activities: each commune prints its own). QR codes are inline SVG
made by segno at build time, pointing at absolute addresses (``site_url``), since a phone scans
them off paper.

A poster carries at most ``lich.so_hoat_dong_ap_phich`` one-off activities (default 5: what
fits one A4 sheet in large type with their codes) and ``POSTER_CLUBS`` club and class rows; when
the month holds more, it says how many more ("… và 12 hoạt động khác trong tháng") next to one QR
code to the month's page, so a hub of hundreds of activities a month still prints one sheet and
the page stays small (issue #11). The activities kept are those not yet over on the build day,
soonest first (then the month's latest already over), shown in date order; the clubs kept are
those meeting most often that month, shown by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...core import dates
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import render
from ...core.urls import Urls, absolute, page_source, relative
from ...site.hub import Hub
from .pages import scope_calendar, when_label
from .recurrence import Occurrence
from .subscribe import qr_code as _qr

POSTER_MONTHS = 3          # the build month and the next two
POSTER_CLUBS = 6           # club and class rows on a poster; the month's page lists the others


def qr_code(url: str, label: str) -> str:
    """An inline SVG QR code (scaled by CSS through its viewBox) titled ``label``."""
    return _qr(url).svg_inline(scale=1, omitsize=True, dark="#000", light="#fff", title=label,
                               svgclass="hoctap-poster__code")


@dataclass(frozen=True)
class PosterItem:
    title: str
    when: str
    location: str
    href: str
    url: str
    qr: str
    qr_label: str
    tentative: bool


@dataclass(frozen=True)
class PosterClub:
    title: str
    days: str          # "Thứ Ba, Thứ Sáu"
    time: str          # "19:30–21:00"
    location: str
    href: str


def poster_months(today: date) -> list[tuple[int, int]]:
    out, (y, m) = [], (today.year, today.month)
    for _ in range(POSTER_MONTHS):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _location(occ: Occurrence) -> str:
    loc = occ.effective_location
    return loc.label() if loc else ""


def month_items(hub: Hub, cal, unit_id: str, year: int, month: int) -> tuple[list[Occurrence], list[list[Occurrence]]]:
    """The unit's one-off activities touching the month (not cancelled, not commemorative days
    or milestones) and its routine sessions grouped by club or class schedule."""
    own = [o for o in cal.in_month(year, month)
           if hub.unit_of(o.event.path) == unit_id and not o.is_cancelled]
    one_off = [o for o in own if o.event.source.id not in cal.routine and o.event.source.id not in cal.milestones
               and not o.event.source.commemorative]
    routine: dict[str, list[Occurrence]] = {}
    for o in own:
        if o.event.source.id in cal.routine and o.start_day.month == month:
            routine.setdefault(o.event.source.id, []).append(o)
    return one_off, [routine[k] for k in sorted(routine, key=lambda k: (routine[k][0].event.source.title, k))]


def _club(sessions: list[Occurrence], src_uri: str) -> PosterClub:
    weekdays = sorted({o.start_day.weekday() for o in sessions})
    names = [dates.weekday_name(next(o.start_day for o in sessions if o.start_day.weekday() == d)) for d in weekdays]
    times = []
    for o in sessions:
        label = "Cả ngày" if o.all_day else dates.clock(o.start) + (
            f"–{dates.clock(o.end)}" if o.has_end and o.end != o.start else "")
        if label not in times:
            times.append(label)
    first = sessions[0]
    return PosterClub(first.event.source.title, ", ".join(names), "; ".join(times), _location(first),
                      relative(src_uri, first.event.url))


def _soonest(one_off: list[Occurrence], limit: int, today: date) -> list[Occurrence]:
    """At most ``limit`` of the month's one-off activities (in date order): those not over on
    ``today`` first, soonest first, then the latest of those already over."""
    order = {id(o): n for n, o in enumerate(one_off)}
    ahead = [o for o in one_off if o.end_day >= today]
    over = [o for o in one_off if o.end_day < today][::-1]
    return sorted((ahead + over)[:limit], key=lambda o: order[id(o)])


def _poster_page(hub: Hub, scope, cal, year: int, month: int) -> GeneratedPage | None:
    unit = scope.unit
    u: Urls = scope.urls
    one_off, routine = month_items(hub, cal, unit.id, year, month)
    if not one_off and not routine:
        return None
    src_uri = page_source(u.poster(year, month))
    label = dates.month_label(year, month)
    shown = _soonest(one_off, hub.config.calendar.poster_items, hub.today)
    more_items = len(one_off) - len(shown)
    kept = sorted(sorted(routine, key=lambda s: s[0].event.source.title), key=len, reverse=True)[:POSTER_CLUBS]
    more_clubs = len(routine) - len(kept)
    routine = [s for s in routine if any(s is k for k in kept)]     # the kept ones, in name order

    def html() -> str:
        items = []
        for o in shown:
            url = absolute(hub.site_url, o.event.url)
            qr_label = f"Mã QR trang hoạt động: {o.event.source.title}"
            items.append(PosterItem(o.event.source.title, when_label(o), _location(o), relative(src_uri, o.event.url),
                                    url, qr_code(url, qr_label), qr_label,
                                    o.event.source.status == "du_kien"))
        subscribe_url = absolute(hub.site_url, u.subscribe())
        subscribe_label = "Mã QR trang đăng ký lịch hoạt động trên điện thoại"
        month_url = absolute(hub.site_url, u.month(year, month))
        month_label = f"Mã QR trang lịch {label.lower()}"
        sample = unit.sample or any(o.event.source.sample for o in one_off) or \
            any(o.event.source.sample for sessions in routine for o in sessions)
        return render("calendar_poster.html", unit=unit, label=label, items=items, sample=sample,
                      clubs=[_club(s, src_uri) for s in routine],
                      subscribe_url=subscribe_url, subscribe_href=relative(src_uri, u.subscribe()),
                      subscribe_qr=qr_code(subscribe_url, subscribe_label), subscribe_label=subscribe_label,
                      calendar_url=absolute(hub.site_url, u.calendar_index()),
                      month_href=relative(src_uri, u.month(year, month)),
                      more_items=more_items, more_clubs=more_clubs, month_url=month_url, month_label=month_label,
                      month_qr=qr_code(month_url, month_label) if more_items or more_clubs else "")
    return GeneratedPage(src_uri, f"Áp phích {label.lower()} – {unit.short_name}", html,
                         f"Áp phích lịch hoạt động {label.lower()} của {unit.centre}, in khổ A4 dán bảng tin.",
                         {"hoctap_kind": "poster"})


def poster_scopes(hub: Hub) -> list:
    """The scopes that have posters: each unit's section (the root of a one-unit site)."""
    return [s for s in hub.scopes() if s.unit is not None]


def render_posters(hub: Hub) -> Outputs:
    out = Outputs()
    for scope in poster_scopes(hub):
        cal = scope_calendar(hub, scope)
        made = hub.extras.setdefault(("posters", scope.urls.prefix), {})
        for year, month in poster_months(hub.today):
            page = _poster_page(hub, scope, cal, year, month)
            if page is not None:
                out.pages.append(page)
                made[(year, month)] = scope.urls.poster(year, month)
    return out
