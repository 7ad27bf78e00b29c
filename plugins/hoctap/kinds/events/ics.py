"""iCalendar (RFC 5545) feeds through icalendar's typed API.

Nothing here reads the clock: DTSTAMP and LAST-MODIFIED come from the event's
``cap_nhat`` (or its start) and the commit of its last change of time, place or status;
SEQUENCE from ``phien_ban`` plus the number of such changes (``history.py``); UIDs from its
``ma``; output order is stable.

Subscription feeds are bounded (issue #11): they carry what ends on or after the first day of the
feed window (``feed_start``: the build day, from SOURCE_DATE_EPOCH, less ``lich.so_ngay_da_qua``
days); everything that ended before goes to the archive feed of its year. Each VEVENT (a UID, with
its overrides) is in exactly one of them: a single event by its own dates, a lunar festival per
dated instance, a repeating series as a whole (it stays while it has sessions in the window, or
never ends). What starts after the window's last day (``feed_end``: the build day plus
``lich.so_ngay_toi`` days) is in neither yet: the nightly build adds it as it comes near, and the
event's own page and ``.ics`` have it already.
"""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlparse

from icalendar import Calendar as VCalendar
from icalendar import Event as VEvent
from icalendar import Timezone
from icalendar import vDuration, vGeo, vRecur, vText

from .calendar import Calendar
from .history import NO_HISTORY, History
from .model import Event
from .recurrence import Occurrence, rrule_for
from ...core.timezone import TZ, TZ_NAME
from ...core.urls import absolute

PRODID = "-//hoctap//Lich hoat dong//VI"
CANCELLED_PREFIX = "[ĐÃ HỦY] "
# Most apps do not show STATUS:TENTATIVE; the title says it (like "[ĐÃ HỦY]"), so "dự kiến" shows
# wherever the event is listed, phones included.
TENTATIVE_PREFIX = "[DỰ KIẾN] "
_STATUS = {"xac_nhan": "CONFIRMED", "du_kien": "TENTATIVE", "huy": "CANCELLED"}
# DESCRIPTION in the shared feeds (site, unit, category, village, archives): the first characters
# and the page's address, without our own X-HOCTAP-ORGANIZER (no app shows it), so that a feed of
# a whole commune stays small; the feed of one event, club or class carries everything.
BRIEF = 150


def uid_for(event: Event, site_url: str, lunar_year: int | None = None) -> str:
    host = urlparse(site_url).hostname or "hoctap.local"
    suffix = f"-{lunar_year}" if lunar_year is not None else ""
    return f"{event.source.id}{suffix}@{host}"


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(timezone.utc)


def _dtend(start, end, has_end: bool):
    """All-day: exclusive DTEND the day after the last day; timed: the end, if any."""
    if not isinstance(start, datetime):
        return end + timedelta(days=1)
    return end if has_end and end != start else None


def revision(event: Event, history: History) -> tuple[int, datetime]:
    """(SEQUENCE, DTSTAMP in UTC): ``phien_ban`` plus the changes of time, place or status found
    in the history; the later of ``cap_nhat`` (else the start) and the last such change."""
    stamp = _utc(event.last_modified)
    rev = history.of(event.source.id)
    if rev is None:
        return event.source.sequence, stamp
    if rev.changed_at is not None:
        stamp = max(stamp, _utc(rev.changed_at))
    return event.source.sequence + rev.changes, stamp


def _vevent(event: Event, occ: Occurrence | None, site_url: str, category_name: str,
            uid: str, recurrence_id=None, history: History = NO_HISTORY, brief: bool = False) -> VEvent:
    src = event.source
    start = occ.start if occ else src.start
    end = occ.end if occ else (src.end or src.start)
    has_end = occ.has_end if occ else src.end is not None
    cancelled = (occ.is_cancelled if occ else event.cancelled)
    status = "CANCELLED" if cancelled else _STATUS[src.status]
    title = (CANCELLED_PREFIX if cancelled else TENTATIVE_PREFIX if src.status == "du_kien" else "") + src.title
    location = (occ.effective_location if occ else src.location)
    url = absolute(site_url, event.url)
    description = src.description.strip()
    if occ and occ.note:
        description = (occ.note + "\n\n" + description).strip()
    if brief and len(description) > BRIEF:
        description = textwrap.shorten(description, BRIEF, placeholder=" …")
    description = (description + "\n\n" if description else "") + f"Chi tiết: {url}"
    sequence, stamp = revision(event, history)
    vevent = VEvent.new(
        uid=uid,
        stamp=stamp,
        last_modified=stamp,
        sequence=sequence,
        summary=title,
        start=start,
        end=_dtend(start, end, has_end),
        status=status,
        description=description,
        location=location.label() if location else None,
        url=url,
        categories=[category_name],
        recurrence_id=recurrence_id,
        # An all-day day does not make the resident busy; OPAQUE, RFC 5545's default, is not written.
        transparency="TRANSPARENT" if not isinstance(start, datetime) else None,
    )
    if location and location.coordinates:
        vevent.add("GEO", vGeo((location.coordinates.lat, location.coordinates.lon)))
    if src.organizer and not brief:
        vevent.add("X-HOCTAP-ORGANIZER", vText(src.organizer))
    return vevent


# -- the feed window and the yearly archives --------------------------------------------------

CURRENT = None   # placement of a VEVENT in the subscription feeds (else: its archive year)
LATER = "later"  # placement of a VEVENT that starts after the window: in no shared feed yet


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def feed_start(today: date, days: int) -> date:
    """The first day of the subscription feeds' window: ``days`` before the build day."""
    return today - timedelta(days=days)


def feed_end(today: date, days: int) -> date:
    """The last day of the subscription feeds' window: ``days`` after the build day."""
    return today + timedelta(days=days)


def _series_last(event: Event, calendar: Calendar) -> tuple[date, date] | None:
    """(start day, end day) of the last session of a repeating (RRULE) series, or None when the
    series never ends. Its rule is bounded (``den_ngay`` or ``so_lan``); an instance moved
    (``doi_ngay``) or changed for a year (``theo_nam``) counts at its new dates."""
    src = event.source
    rule = src.recurrence
    if not (rule.until or rule.count):
        return None
    excluded = set(rule.exdates)
    days = [d.date() for d in rrule_for(event) if d.date() not in excluded]
    span_days = (_day(src.end or src.start) - _day(src.start)).days
    candidates = [(d, d + timedelta(days=span_days)) for d in days[-1:]]
    candidates += [(o.start_day, o.end_day) for o in calendar.of_event(src.id)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[1], c[0]))


def placement(event: Event, occ: Occurrence | None, calendar: Calendar, since: date,
              until: date | None = None) -> int | str | None:
    """``CURRENT`` when the VEVENT of ``event`` (or of its lunar instance ``occ``) belongs in the
    subscription feeds of window ``since`` … ``until``; ``LATER`` when it starts after ``until``;
    else the year of the archive feed that holds it (the year its last session started, as on the
    archive pages)."""
    src = event.source
    rule = src.recurrence
    first = occ.start_day if occ is not None else _day(src.start)
    if until is not None and first > until:
        return LATER
    if occ is not None:
        return CURRENT if occ.end_day >= since else occ.start_day.year
    if rule is None:
        return CURRENT if _day(src.end or src.start) >= since else _day(src.start).year
    last = _series_last(event, calendar)
    if last is None or last[1] >= since:
        return CURRENT
    return last[0].year


def archive_years(events: list[Event], calendar: Calendar, since: date) -> list[int]:
    """The years whose archive feed holds at least one VEVENT of ``events``, oldest first."""
    years: set[int] = set()
    for event in events:
        rule = event.source.recurrence
        if rule is not None and rule.kind == "am_lich":
            places = {placement(event, occ, calendar, since) for occ in calendar.of_event(event.source.id)}
        else:
            places = {placement(event, None, calendar, since)}
        years |= {p for p in places if isinstance(p, int)}
    return sorted(years)


def event_components(event: Event, calendar: Calendar, site_url: str, category_name: str,
                     keep=None, brief: bool = False) -> list[VEvent]:
    """VEVENTs for one event: a single one, a master with RRULE/EXDATE plus overrides, or lunar
    instances. ``keep(event, occ)``, when given, chooses which VEVENTs (a lunar instance, or the
    whole event) are written."""
    src = event.source
    rule = src.recurrence
    history = calendar.history
    if rule is None or rule.kind != "am_lich":
        if keep is not None and not keep(event, None):
            return []
    if rule is None:
        return [_vevent(event, None, site_url, category_name, uid_for(event, site_url), history=history, brief=brief)]
    occurrences = calendar.of_event(src.id)
    if rule.kind == "am_lich":
        return [_vevent(event, occ, site_url, category_name, uid_for(event, site_url, occ.lunar_year),
                        history=history, brief=brief)
                for occ in occurrences if keep is None or keep(event, occ)]
    master = _vevent(event, None, site_url, category_name, uid_for(event, site_url), history=history, brief=brief)
    master.add("RRULE", vRecur.from_ical(_rrule_text(event)))
    for ex in sorted(rule.exdates):
        master.add("EXDATE", _at_start_time(event, ex))
    out = [master]
    for occ in occurrences:
        if occ.recurrence_id is not None:
            out.append(_vevent(event, occ, site_url, category_name, uid_for(event, site_url),
                               recurrence_id=occ.recurrence_id, history=history, brief=brief))
    return out


def _at_start_time(event: Event, day: date):
    start = event.source.start
    return datetime.combine(day, start.timetz()) if isinstance(start, datetime) else day


def _rrule_text(event: Event) -> str:
    text = str(rrule_for(event)).split("RRULE:", 1)[1].strip()
    # dateutil writes UNTIL as a naive local time; RFC 5545 wants UTC with DTSTART in a TZID.
    if "UNTIL=" in text:
        parts = dict(p.split("=", 1) for p in text.split(";"))
        until = datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%S")
        if isinstance(event.source.start, datetime):
            parts["UNTIL"] = _utc(until.replace(tzinfo=TZ)).strftime("%Y%m%dT%H%M%SZ")
        else:
            parts["UNTIL"] = until.strftime("%Y%m%d")
        text = ";".join(f"{k}={v}" for k, v in parts.items())
    return text


@lru_cache(maxsize=4)
def _vtimezone(first: date, last: date) -> Timezone:
    # last_date past 2038, or icalendar cuts the definition short.
    first, last = first - timedelta(days=366), max(last, date(2040, 1, 1))
    zone = Timezone.from_tzinfo(TZ, TZ_NAME, first_date=first, last_date=last)
    # icalendar's own COMMENT is English; everything a resident may read is Vietnamese.
    zone.pop("COMMENT", None)
    zone.add("COMMENT", vText(f"Múi giờ này chỉ dùng cho khoảng từ ngày {first:%d/%m/%Y} "
                              f"đến ngày {last:%d/%m/%Y}."))
    return zone


def _set_text(component, name: str, value: str) -> None:
    """Replace a property with a TEXT value escaped by icalendar (RFC 5545 3.3.11).

    ``Calendar.new`` stores NAME, X-WR-CALNAME and X-WR-CALDESC as raw ``vUnknown`` values: a
    carriage return in a unit, category or event name would then start a new content line (a
    forged ``BEGIN:VEVENT``) and a line feed would crash the writer. ``vText`` escapes CR, LF,
    ``;``, ``,`` and ``\\``."""
    component.pop(name, None)
    component.add(name, vText(value))


def write_ics(name: str, description: str, events: list[Event], calendar: Calendar, site_url: str,
              category_names: dict[str, str], refresh_hours: int, feed_path: str,
              since: date | None = None, year: int | None = None, until: date | None = None) -> bytes:
    """One VCALENDAR. ``Calendar.new`` also writes X-WR-CALNAME/X-WR-CALDESC for NAME/DESCRIPTION;
    its UID would be random, so the feed's own path gives it.

    ``since`` (``feed_start``) and ``until`` (``feed_end``): a subscription feed of that window, or
    with ``year`` the archive feed of that year; without it, every VEVENT of ``events`` (the feed of one event, club or
    class). A shared feed (with ``since``) shortens each DESCRIPTION to ``BRIEF`` characters."""
    keep = None
    if since is not None:
        want = CURRENT if year is None else year
        keep = lambda event, occ: placement(event, occ, calendar, since, until) == want  # noqa: E731
    refresh = timedelta(hours=refresh_hours)
    host = urlparse(site_url).hostname or "hoctap.local"
    cal = VCalendar.new(prodid=PRODID, name=name, description=description, calscale="GREGORIAN",
                        method="PUBLISH", refresh_interval=refresh, url=absolute(site_url, feed_path),
                        uid=f"{feed_path}@{host}")
    # RFC 7986 wants VALUE=DURATION on REFRESH-INTERVAL; icalendar's setter leaves it out.
    cal.pop("REFRESH-INTERVAL")
    cal.add("REFRESH-INTERVAL", vDuration(refresh), parameters={"VALUE": "DURATION"})
    for key, value in (("NAME", name), ("X-WR-CALNAME", name),
                       ("DESCRIPTION", description), ("X-WR-CALDESC", description)):
        _set_text(cal, key, value)
    cal.add("X-WR-TIMEZONE", TZ_NAME)
    cal.add("X-PUBLISHED-TTL", f"PT{refresh_hours}H")
    vevents = []
    for event in sorted(events, key=lambda e: e.source.id):
        for occ, data in _event_bytes(event, calendar, site_url, category_names.get(event.source.category, ""),
                                      brief=since is not None):
            if keep is None or keep(event, occ):
                vevents.append(data)
    # Every feed carries the one zone it uses (X-WR-TIMEZONE names it even when all events are
    # all-day). Built once per window: icalendar's from_tzinfo is slow.
    cal.subcomponents.insert(0, _vtimezone(calendar.window[0], calendar.window[1]))
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    # icalendar writes a calendar as its lines, then each subcomponent's lines, each ending in CRLF:
    # the VEVENTs' bytes go before the last line as they would have been written in place.
    return head[: -len(end)] + b"".join(vevents) + end


def _event_bytes(event: Event, calendar: Calendar, site_url: str, category_name: str,
                 brief: bool) -> list[tuple[Occurrence | None, bytes]]:
    """The VEVENTs of one event as bytes, with the lunar instance each one is (None: the whole
    event), made once per build for every feed that holds the event (the hub's, its unit's, its
    category's, its village's, an archive: an event was written up to six times)."""
    key = (event.source.id, site_url, category_name, brief)
    if key in calendar.ics_cache:
        return calendar.ics_cache[key]
    rule = event.source.recurrence
    if rule is not None and rule.kind == "am_lich":
        occurrences = calendar.of_event(event.source.id)
        out = []
        for occ in occurrences:
            components = event_components(event, calendar, site_url, category_name,
                                          keep=lambda e, o, occ=occ: o is occ, brief=brief)
            out.append((occ, b"".join(c.to_ical() for c in components)))
    else:
        components = event_components(event, calendar, site_url, category_name, brief=brief)
        out = [(None, b"".join(c.to_ical() for c in components))]
    calendar.ics_cache[key] = out
    return out
