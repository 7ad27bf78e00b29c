"""Programme statistics per year, from the calendar's occurrences (computed once, shared).

An *activity* is a non-routine occurrence (club and class sessions are counted apart) that was
not cancelled. Targets (``chi_tieu`` in mkdocs.yml) count activities of their categories.
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


@dataclass(frozen=True)
class TargetResult:
    target: Target
    count: int
    done: int
    owner: object = None        # the unit whose plan sets the target (site.config.Unit)

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
    activities: list[Occurrence] = field(default_factory=list)
    done: int = 0
    upcoming: int = 0
    cancelled: int = 0
    routine_sessions: int = 0
    participants: int = 0
    without_participants: int = 0       # past single activities whose attendance is not filled in
    by_category: Counter = field(default_factory=Counter)
    by_village: Counter = field(default_factory=Counter)
    by_plan_section: Counter = field(default_factory=Counter)
    targets: list[TargetResult] = field(default_factory=list)


def plan_section_label(plans: PlanIndex, ref: str) -> str:
    cited = rules.cite(plans, ref)
    return ref if isinstance(cited, str) else cited.label(section_title=False)


def year_report(year: int, calendar: Calendar, config: HubConfig, plans: PlanIndex, today: date,
                targets=None, unit_of=None, own: str | None = None) -> YearReport:
    """``targets``: (target, unit that sets it) to evaluate (default: the one-unit hub's); they
    count only activities of the unit ``own`` when given (a unit is graded on its own activities,
    never on another unit's)."""
    if targets is None:
        targets = [(t, config.unit) for t in config.targets]
    report = YearReport(year, complete=date(year, 12, 31) < today)
    for occ in calendar.occurrences:
        if occ.start_day.year != year:
            continue
        src = occ.event.source
        if src.id in calendar.routine:
            if not occ.is_cancelled and occ.end_day < today:
                report.routine_sessions += 1
            continue
        if occ.is_cancelled:
            report.cancelled += 1
            continue
        report.activities.append(occ)
        past = occ.end_day < today
        report.done += past
        report.upcoming += not past
        category = config.category(src.category)
        report.by_category[category.name if category else src.category] += 1
        unit = config.unit_by_id(unit_of(occ.event.path)) if unit_of else config.unit
        village = unit.village(src.village) if src.village and unit else None
        report.by_village[village.name if village else _whole(config, unit)] += 1
        for ref in src.plan_refs:
            report.by_plan_section[plan_section_label(plans, ref)] += 1
        if past and src.recurrence is None:
            if src.participants is None:
                report.without_participants += 1
            else:
                report.participants += src.participants
    for target, owner in targets:
        matching = [o for o in report.activities
                    if (not target.categories or o.event.source.category in target.categories)
                    and (own is None or unit_of(o.event.path) == own)]
        report.targets.append(TargetResult(target, len(matching), sum(o.end_day < today for o in matching), owner))
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
