"""The calendar of a hub: events and their occurrences, computed once and shared."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from ...site import rules, units

from .history import NO_HISTORY, History, load_history
from .model import Event, EventSource, load_events
from .recurrence import Occurrence, expand

EVENTS_REFUSED = "su-kien"   # rules.refused(hub, "su-kien"): events refused for their own mistakes
from .held import check_held
from .milestones import check_milestones, milestone_events


@dataclass
class Calendar:
    events: dict[str, Event]
    window: tuple[date, date]                      # whole years covered by occurrences and feeds
    occurrences: list[Occurrence] = field(default_factory=list)
    # Ids of events that are routine sessions contributed by other content kinds (club meetings,
    # class sessions): in month, category and event pages and in the feeds, but not in the
    # "upcoming" highlights, where dozens of weekly meetings would bury the one-off activities.
    routine: frozenset[str] = frozenset()
    # Changes of time, place and status per event, from git (SEQUENCE, DTSTAMP; see history.py).
    history: History = NO_HISTORY
    # Ids of the plans' milestones (reviews, reports): dated items, not activities.
    milestones: frozenset[str] = frozenset()

    def restrict(self, keep) -> "Calendar":
        """The calendar of the events ``keep(event)`` accepts (a unit's section)."""
        events = [e for e in self.events.values() if keep(e)]
        ids = {e.source.id for e in events}
        restricted = Calendar({e.source.id: e for e in events}, self.window,
                              [o for o in self.occurrences if o.event.source.id in ids], self.routine & ids,
                              self.history, self.milestones & ids)
        restricted.ics_cache = self.ics_cache   # the same events, written the same way (ics.py)
        return restricted

    def of_event(self, event_id: str) -> list[Occurrence]:
        return self._by_event.get(event_id, [])

    def __post_init__(self) -> None:
        self._by_month: dict[tuple[int, int], list[Occurrence]] | None = None
        self._by_category: dict[str, list[Occurrence]] | None = None
        # An event's VEVENTs as bytes, written once for all the feeds that hold it (ics.py)
        self.ics_cache: dict = {}
        self._by_event: dict[str, list[Occurrence]] = defaultdict(list)
        for occ in self.occurrences:
            self._by_event[occ.event.source.id].append(occ)

    def upcoming(self, today: date, limit: int | None = None, days: int | None = None) -> list[Occurrence]:
        """Occurrences not yet over on ``today`` (a multi-day event stays until its last day)."""
        items = [o for o in self.occurrences if o.end_day >= today and o.event.source.id not in self.routine]
        if days is not None:
            items = [o for o in items if (o.start_day - today).days <= days]
        return items[:limit] if limit else items

    def past(self, today: date) -> list[Occurrence]:
        return [o for o in self.occurrences if o.end_day < today]

    def by_category(self, category_id: str) -> list[Occurrence]:
        if self._by_category is None:   # one pass over the occurrences, not one per category
            self._by_category = defaultdict(list)
            for occ in self.occurrences:
                self._by_category[occ.event.source.category].append(occ)
        return list(self._by_category.get(category_id, ()))

    @property
    def first_day(self) -> date:
        """The start of the window, or of the year of the first occurrence if later: pages and
        reports do not list empty years before any event started."""
        starts = [o.start_day for o in self.occurrences if o.start_day >= self.window[0]]
        return max(self.window[0], date(min(starts).year, 1, 1)) if starts else self.window[0]

    def months(self) -> list[tuple[int, int]]:
        first, last = self.first_day, self.window[1]
        out = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def in_month(self, year: int, month: int) -> list[Occurrence]:
        """Occurrences touching the month (multi-day spans appear in every month they cover)."""
        if self._by_month is None:
            # One pass over the occurrences, in their order, instead of one pass per month page.
            self._by_month = defaultdict(list)
            for occ in self.occurrences:
                first, last = occ.start_day, occ.end_day
                y, m = first.year, first.month
                while (y, m) <= (last.year, last.month):
                    self._by_month[(y, m)].append(occ)
                    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return list(self._by_month.get((year, month), ()))


def build_calendar(events: list[Event], window: tuple[date, date], problems,
                   routine: frozenset[str] = frozenset(), history: History = NO_HISTORY,
                   milestones: frozenset[str] = frozenset()) -> Calendar:
    occurrences: list[Occurrence] = []
    for event in events:
        occurrences.extend(expand(event, window, problems))
    occurrences.sort(key=lambda o: o.sort_key)
    return Calendar({e.source.id: e for e in events}, window, occurrences, routine, history, milestones)


def _with_venue(hub, event: Event) -> Event:
    """An event naming a venue (``nha_van_hoa``) takes its name, address and coordinates as its
    place (pages, LOCATION, GEO); the reference is checked against the venues of its unit and
    the units above it."""
    src = event.source
    if not src.venue:
        return event
    line = event.line_of("nha_van_hoa")
    rules.check_one_place(hub.problems, event.path, line, src.venue, src.location)
    venue = rules.check_venue(hub, event.path, line, src.venue)
    if venue is None or src.location is not None:
        return event
    return replace(event, source=src.model_copy(update={"location": venue.location()}))


def calendar_window(today: date, years_back: int, years_ahead: int) -> tuple[date, date]:
    return date(today.year - years_back, 1, 1), date(today.year + years_ahead, 12, 31)


def load_calendar(hub) -> None:
    """Loader: the events of ``events/`` and those other kinds contribute (clubs' and classes'
    meetings, through ``Kind.event_providers``: (EventSource, path, line) triples), so that the
    calendar has one recurrence implementation."""
    extra = []
    for provider in hub.registry.event_providers:
        extra.extend(provider(hub))
    opts = hub.config.calendar
    # Sub-folders of events/ that hold other kinds' files (clubs, classes, documents…), from the registry.
    skip = tuple(sorted({f.split("/", 1)[0] for f in units.kind_subfolders(hub.registry, "events") if f}))
    events = load_events([r.events for r in hub.roots], hub.config, hub.plans, hub.problems, extra,
                         unit_of=hub.unit_of, skip=skip, with_venue=partial(_with_venue, hub),
                         refused=hub.extras.setdefault(rules.REFUSED, {}).setdefault(EVENTS_REFUSED, {}))
    window = calendar_window(hub.today, opts.years_back, opts.years_ahead)
    routine = frozenset(s.id for s, _, _ in extra)
    history = load_history(hub.paths.events_dir, [e for e in events if e.source.id not in routine], hub.problems,
                           skip)
    milestones = _milestone_events(hub)
    hub.calendar = build_calendar(events + milestones, window, hub.problems, routine, history,
                                  frozenset(e.source.id for e in milestones))
    check_held(hub, hub.calendar)


def _milestone_events(hub) -> list[Event]:
    """The plans' milestones (mkdocs.yml ``moc``) as dated calendar items; the config is checked
    by ``check_milestones`` (each problem once, on mkdocs.yml)."""
    from ...core.validation import validate
    from ...core.sources import Located

    with hub.problems.mark() as errors:
        check_milestones(hub)
    if errors[0]:
        return []
    out = []
    first = calendar_window(hub.today, hub.config.calendar.years_back, hub.config.calendar.years_ahead)[0]
    for data in milestone_events(hub):
        unit = data.pop("_unit")
        if data["bat_dau"] < first:
            continue   # before the calendar's window: no month page to show it on
        folder = hub.paths.events_dir / unit if hub.config.multi else hub.paths.events_dir
        path = folder / "moc.yaml"           # no such file: the unit's folder tells its unit
        source = validate(EventSource, Located(hub.paths.root / "mkdocs.yml", data, {}), hub.problems, data=data)
        if source is not None:
            out.append(Event(source, path, None))
    return out


__all__ = ["Calendar", "EventSource", "build_calendar", "calendar_window", "load_calendar"]
