"""The events that carried out a plan section (``ke_hoach``), by year, for the plan pages.

An event counts in each year it took place (cancelled occurrences left out), up to the build
year: a monthly screening running to next December is listed for this year, not already for
next. An event whose first occurrence is after this year is listed in that first year. Club and
class sessions are listed by the clubs kind, as the club or class itself.
"""

from __future__ import annotations

from ...site.registry import Backlink


def occurrence_years(occurrences, today) -> dict[int, object]:
    """{year: latest day of an occurrence in that year}, capped as the module says."""
    days = sorted(o.start_day for o in occurrences if not o.is_cancelled)
    if not days:
        return {}
    last_year = max(today.year, days[0].year)
    out: dict[int, object] = {}
    for day in days:
        if day.year <= last_year:
            out[day.year] = day
    return out


def event_backlinks(hub) -> list[Backlink]:
    cal = hub.calendar
    out = []
    for event in cal.events.values():
        src = event.source
        if src.id in cal.routine or not src.plan_refs or event.cancelled:
            continue
        for year, day in occurrence_years(cal.of_event(src.id), hub.today).items():
            out.extend(Backlink(ref, "Hoạt động", src.title, event.url, year, day, event.path)
                       for ref in dict.fromkeys(src.plan_refs))
    return out
