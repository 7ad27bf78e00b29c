"""Programme statistics per year, from the calendar's occurrences (computed once, shared).

An *activity* is a non-routine occurrence (club and class sessions are counted apart) that was
not cancelled; a commemorative day (category ``ngay-ky-niem``) is one only when it has a held
record of its own. An activity is *held* when staff recorded it (``da_to_chuc``), *unreported*
when it is past without a record, *upcoming* otherwise. Targets (``chi_tieu``) count held
activities of their categories and organisers (``to_chuc``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..events.calendar import Calendar
from ...site.config import HubConfig, Target
from ..plans.model import PlanIndex
from ...site import rules
from ..events.recurrence import Occurrence
from ..events import held
from ..events.model import ORGANISERS


@dataclass(frozen=True)
class TargetResult:
    target: Target
    count: int                  # scheduled in the year (held, unreported and upcoming)
    done: int                   # recorded as held: what the minimum counts
    owner: object = None        # the unit whose plan sets the target (site.config.Unit)
    unreported: int = 0         # past, matching, without a held record

    @property
    def met(self) -> bool:
        return self.done >= self.target.minimum

    @property
    def missing(self) -> int:
        return max(0, self.target.minimum - self.done)


@dataclass
class YearReport:
    year: int
    complete: bool                      # the year is over on the build day
    activities: list[Occurrence] = field(default_factory=list)   # scheduled, not cancelled
    statuses: dict = field(default_factory=dict)                 # id(occ) -> held.status
    held: int = 0
    unreported: int = 0
    upcoming: int = 0
    cancelled: int = 0
    days: int = 0                       # commemorative days in the year (dates, not activities)
    days_marked: int = 0                # … with a held record of their own or a held activity naming them
    routine_scheduled: int = 0          # club and class sessions by their rules (not cancelled)
    routine_held: int = 0               # sessions recorded per month
    routine_attendance: int = 0         # sum of sessions × average attendance of the records
    routine_unreported_months: int = 0  # past months with scheduled sessions and no record
    participants: int = 0               # from the held records of activities
    without_participants: int = 0       # held activities whose record has no attendance
    by_category: Counter = field(default_factory=Counter)       # held activities
    by_village: Counter = field(default_factory=Counter)
    by_organiser: Counter = field(default_factory=Counter)
    by_plan_section: Counter = field(default_factory=Counter)
    by_month: dict = field(default_factory=dict)    # month (1–12) -> Counter of held.status (scheduled day)
    participants_by_month: Counter = field(default_factory=Counter)   # month -> recorded participants
    targets: list[TargetResult] = field(default_factory=list)
    milestones: list = field(default_factory=list)              # reports.milestones.MilestoneView

    @property
    def scheduled(self) -> int:
        return self.held + self.unreported + self.upcoming

    def month(self, month: int, state: str) -> int:
        """Activities of ``month`` (their scheduled day) in ``state`` (held.HELD, …)."""
        return self.by_month.get(month, Counter())[state]

    def status(self, occ: Occurrence) -> str:
        return self.statuses[id(occ)]


def plan_section_label(plans: PlanIndex, ref: str) -> str:
    cited = rules.cite(plans, ref)
    return ref if isinstance(cited, str) else cited.label(section_title=False)


def year_report(year: int, calendar: Calendar, config: HubConfig, plans: PlanIndex, today: date,
                targets=None, unit_of=None, own: str | None = None, routine_months=()) -> YearReport:
    """``targets``: (target, unit that sets it) to evaluate (default: the one-unit hub's); they
    count only activities of the unit ``own`` when given (a unit is graded on its own activities,
    never on another unit's). ``routine_months``: the clubs' and classes' monthly records."""
    if targets is None:
        targets = [(t, config.unit) for t in config.targets]
    report = YearReport(year, complete=date(year, 12, 31) < today)
    held_marks = set()
    days = []
    for occ in calendar.occurrences:
        if occ.start_day.year != year:
            continue
        src = occ.event.source
        if src.id in calendar.milestones:
            continue
        if src.id in calendar.routine:
            if not occ.is_cancelled:
                report.routine_scheduled += 1
            continue
        state = held.status(occ, today, calendar.routine)
        if state == held.CANCELLED:
            report.cancelled += 1
            continue
        if src.commemorative:
            days.append(occ)
            if state != held.HELD:
                continue
        report.statuses[id(occ)] = state
        report.activities.append(occ)
        report.by_month.setdefault(occ.start_day.month, Counter())[state] += 1
        if state == held.UPCOMING:
            report.upcoming += 1
            continue
        if state == held.UNREPORTED:
            report.unreported += 1
            continue
        report.held += 1
        if src.marks:
            held_marks.add((src.marks, year))
        record = held.record_for(occ, today)
        if record.participants is None:
            report.without_participants += 1
        else:
            report.participants += record.participants
            report.participants_by_month[occ.start_day.month] += record.participants
        category = config.category(src.category)
        report.by_category[category.name if category else src.category] += 1
        report.by_organiser[ORGANISERS[src.organiser]] += 1
        unit = config.unit_by_id(unit_of(occ.event.path)) if unit_of else config.unit
        village = unit.village(src.village) if src.village and unit else None
        report.by_village[village.name if village else _whole(config, unit)] += 1
        for ref in src.plan_refs:
            report.by_plan_section[plan_section_label(plans, ref)] += 1
    report.days = len(days)
    report.days_marked = sum(1 for o in days if held.record_for(o, today) is not None
                             or (o.event.source.id, year) in held_marks)
    for month in routine_months:
        if month.year != year:
            continue
        if month.held is None:
            report.routine_unreported_months += 1
        else:
            report.routine_held += month.held
            report.routine_attendance += month.held * (month.average or 0)
    for target, owner in targets:
        matching = [o for o in report.activities
                    if (not target.categories or o.event.source.category in target.categories)
                    and (not target.organisers or o.event.source.organiser in target.organisers)
                    and (own is None or unit_of(o.event.path) == own)]
        states = [report.status(o) for o in matching]
        report.targets.append(TargetResult(target, len(matching), states.count(held.HELD), owner,
                                           states.count(held.UNREPORTED)))
    return report


def _whole(config: HubConfig, unit) -> str:
    """The row of activities held for a whole unit rather than one village."""
    if not config.multi or unit is None:
        return "Toàn xã"
    return f"Toàn {unit.level_label.lower()} ({unit.short_name})"


def reports(calendar: Calendar, config: HubConfig, plans: PlanIndex, today: date,
            first_year: int | None = None, **kwargs) -> list[YearReport]:
    """One report per year from the first activity (or ``first_year``: a unit's reports follow the
    hub's years, so a parent's table has a row for every child) to the build year, newest first."""
    years = range(first_year or calendar.first_day.year, today.year + 1)
    return [year_report(y, calendar, config, plans, today, **kwargs) for y in reversed(years)]
