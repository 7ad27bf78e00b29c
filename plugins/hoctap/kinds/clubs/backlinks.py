"""The clubs and classes that carried out a plan section (``ke_hoach``), by year, for the plan
pages: a club in each year it met (from its founding, up to the build year), a class in the
years of its course (``bat_dau`` to ``ket_thuc``)."""

from __future__ import annotations

from datetime import date

from ...site.registry import Backlink
from ..events.backlinks import occurrence_years
from .model import load_clubs


def club_backlinks(hub) -> list[Backlink]:
    out = []
    for listing in load_clubs(hub).listings:
        item = listing.item
        if not item.plan_refs:
            continue
        if listing.is_course:
            years = {y: min(item.end, date(y, 12, 31)) for y in range(item.start.year, item.end.year + 1)}
            kind = "Lớp học"
        else:
            occurrences = [o for eid in listing.event_ids for o in hub.calendar.of_event(eid)]
            founded = item.founded.year if item.founded else 0
            years = {y: d for y, d in occurrence_years(occurrences, hub.today).items() if y >= founded}
            kind = "Câu lạc bộ"
        for year, day in sorted(years.items()):
            out.extend(Backlink(ref, kind, item.name, listing.url, year, day, listing.path)
                       for ref in dict.fromkeys(item.plan_refs))
    return out
