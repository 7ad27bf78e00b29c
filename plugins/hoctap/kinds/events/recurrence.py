"""Occurrences of events: single, repeating by rule (dateutil.rrule), and yearly on a lunar date.

Computed once per build over a window of whole years, then shared by pages, feeds and reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil import rrule

from ...core import textcache
from ...core.problems import Problems
from .model import WEEKDAYS, Event, Location
from ...core.lunar import MAX_LUNAR_YEAR, LunarDate, LunarDateError, LunarRule, month_end, solar_to_lunar
from ...core.dates import weekday_date
from ...core.timezone import TZ

_FREQ = {"hang_ngay": rrule.DAILY, "hang_tuan": rrule.WEEKLY, "hang_thang": rrule.MONTHLY,
         "hang_nam": rrule.YEARLY}
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Occurrence:
    event: Event
    start: date | datetime
    end: date | datetime          # all-day: the last day (inclusive); timed: end time (== start if none)
    has_end: bool
    recurrence_id: date | datetime | None = None   # original start, when this instance was changed
    cancelled: bool = False
    location: Location | None = None
    note: str | None = None
    lunar_year: int | None = None  # set for instances of lunar festivals
    # The days of ``start`` and ``end``, read millions of times by the pages: set once, in
    # __post_init__ (an attribute added later would cost each instance its own __dict__ keys).
    start_day: date = field(init=False, repr=False, compare=False)
    end_day: date = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start_day", self.start.date() if isinstance(self.start, datetime) else self.start)
        object.__setattr__(self, "end_day", self.end.date() if isinstance(self.end, datetime) else self.end)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def ends_at(self) -> datetime:
        """The instant after which the occurrence is over (for hiding past items)."""
        if isinstance(self.end, datetime):
            return self.end
        return datetime.combine(self.end + timedelta(days=1), datetime.min.time(), tzinfo=TZ)

    @property
    def sort_key(self) -> tuple:
        start = self.start if isinstance(self.start, datetime) else datetime.combine(
            self.start, datetime.min.time(), tzinfo=TZ)
        return (start, self.event.source.id)

    @property
    def lunar(self) -> LunarDate:
        return solar_to_lunar(self.start_day)

    @property
    def effective_location(self) -> Location | None:
        return self.location or self.event.source.location

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled or self.event.cancelled


def _duration(event: Event) -> tuple[timedelta, bool]:
    src = event.source
    if src.end is None:
        return timedelta(0), False
    return src.end - src.start, True


def _shift(start: date | datetime, duration: timedelta) -> date | datetime:
    return start + duration


def expand(event: Event, window: tuple[date, date], problems: Problems) -> list[Occurrence]:
    """All occurrences of ``event`` whose start day lies in ``window`` (inclusive).

    A non-repeating event is returned whatever the window, so that nothing is ever dropped.
    """
    src = event.source
    duration, has_end = _duration(event)
    rule = src.recurrence
    if rule is None:
        return [Occurrence(event, src.start, _shift(src.start, duration), has_end)]
    if rule.kind == "am_lich":
        return _expand_lunar(event, window, duration, has_end, problems)
    return _expand_rule(event, event_window(event, window), duration, has_end, problems)


def event_window(event: Event, window: tuple[date, date]) -> tuple[date, date]:
    """``window`` widened to every instance the event changes (``doi_ngay``) and every year it
    announces (``theo_nam``): an override outside the window would otherwise be dropped while
    the feed's RRULE still announces that instance at its rule date."""
    rule = event.source.recurrence
    lo, hi = window
    for moved in rule.moved:
        lo, hi = min(lo, moved.original), max(hi, moved.original)
    for year in rule.per_year:
        if 1 <= year <= 9999:
            lo, hi = min(lo, date(year, 1, 1)), max(hi, date(year, 12, 31))
    return lo, hi


def rrule_for(event: Event) -> rrule.rrule:
    return rrule.rrule(**_rrule_args(event))


def _rrule_args(event: Event) -> dict:
    src = event.source
    rule = src.recurrence
    start = src.start
    dtstart = start.replace(tzinfo=None) if isinstance(start, datetime) else datetime.combine(start, datetime.min.time())
    kwargs: dict = {"freq": _FREQ[rule.kind], "interval": rule.interval, "dtstart": dtstart, "cache": False}
    if rule.weekdays:
        days = [_RRULE_DAYS[WEEKDAYS.index(d)] for d in rule.weekdays]
        if rule.week_of_month is not None:
            days = [d(rule.week_of_month) for d in days]
        kwargs["byweekday"] = days
    if rule.day_of_month:
        kwargs["bymonthday"] = rule.day_of_month
    if rule.until:
        kwargs["until"] = datetime.combine(rule.until, datetime.max.time())
    if rule.count:
        kwargs["count"] = rule.count
    return kwargs


def _between(event: Event, lo: datetime, hi: datetime) -> list[datetime]:
    """The rule's instances from ``lo`` to ``hi`` (naive), through ``textcache``: they depend only
    on the rule's arguments (DTSTART included) and the window. dateutil's walk over a year of weekly
    sessions for hundreds of clubs was the largest part of loading the calendar."""
    args = _rrule_args(event)
    key = f"{args!r}\n{lo!r}\n{hi!r}"
    stamps = textcache.current().get(
        "rrule", key, lambda: [d.timetuple()[:6] for d in rrule.rrule(**args).between(lo, hi, inc=True)],
        keep=lambda result: result)
    return [datetime(*stamp) for stamp in stamps]


def _localize(event: Event, naive: datetime) -> date | datetime:
    if event.all_day:
        return naive.date()
    return naive.replace(tzinfo=TZ)


def _expand_rule(event: Event, window, duration, has_end, problems) -> list[Occurrence]:
    src = event.source
    rule = src.recurrence
    first_day = src.start.date() if isinstance(src.start, datetime) else src.start
    if not is_instance(event, first_day):
        # Calendar clients count DTSTART as the first instance; dateutil does not. Refuse the
        # mismatch rather than let the pages and the feed disagree.
        first = rrule_for(event).after(datetime.combine(first_day, datetime.min.time()), inc=True)
        hint = f"buổi đầu tiên theo lịch lặp là {weekday_date(first.date())}" if first else ""
        problems.add(event.path, event.line_of("bat_dau"), "bat_dau",
                     f"Ngày bắt đầu {weekday_date(first_day)} không phải là một buổi của lịch lặp.", hint)
        return []
    lo = datetime.combine(window[0], datetime.min.time())
    hi = datetime.combine(window[1], datetime.max.time())
    starts = [_localize(event, dt) for dt in _between(event, lo, hi)]
    by_day = {(s.date() if isinstance(s, datetime) else s): s for s in starts}
    excluded = set(rule.exdates)
    out: dict[date, Occurrence] = {}
    for day, start in by_day.items():
        if day in excluded:
            continue
        out[day] = Occurrence(event, start, _shift(start, duration), has_end)
    # changed single instances (RECURRENCE-ID)
    for i, moved in enumerate(rule.moved):
        field = f"lap_lai.doi_ngay[{i + 1}]"
        if not is_instance(event, moved.original):
            problems.add(event.path, event.line_of("lap_lai"), f"{field}.ngay",
                         f"Ngày {moved.original:%d/%m/%Y} không phải là một buổi của lịch lặp này.")
            continue
        if moved.original not in by_day:
            continue
        original = by_day[moved.original]
        new_start = moved.start or original
        new_end = moved.end or _shift(new_start, duration)
        problem = span_problem(original, new_start, new_end)
        if problem:
            problems.add(event.path, event.line_of("lap_lai"), field, problem)
            continue
        out[moved.original] = Occurrence(event, new_start, new_end, has_end or moved.end is not None,
                                         recurrence_id=original, cancelled=moved.cancelled,
                                         location=moved.location, note=moved.note)
    for year, override in sorted(rule.per_year.items()):
        original = next((s for d, s in by_day.items() if d.year == year), None)
        if original is None:
            # The window covers every theo_nam year (event_window): no instance means the rule
            # has none that year (before bat_dau, after den_ngay or so_lan).
            problems.add(event.path, event.line_of("lap_lai"), f"lap_lai.theo_nam.{year}",
                         f"Năm {year} không có buổi nào của lịch lặp này (lịch bắt đầu "
                         f"{first_day:%d/%m/%Y}" + (f", đến {rule.until:%d/%m/%Y}" if rule.until else "")
                         + (f", {rule.count} lần" if rule.count else "") + ").")
            continue
        end = override.end or _shift(override.start, duration)
        problem = span_problem(original, override.start, end)
        if problem:
            problems.add(event.path, event.line_of("lap_lai"), f"lap_lai.theo_nam.{year}", problem)
            continue
        key = original.date() if isinstance(original, datetime) else original
        out[key] = Occurrence(event, override.start, end, True, recurrence_id=original, note=override.note)
    return sorted(out.values(), key=lambda o: o.sort_key)


def is_instance(event: Event, day: date) -> bool:
    """Whether the rule (with its count or end, whatever the window) has an instance on ``day``."""
    first = rrule_for(event).after(datetime.combine(day, datetime.min.time()) - timedelta(seconds=1), inc=True)
    return first is not None and first.date() == day


def span_problem(reference: date | datetime, start: date | datetime, end: date | datetime) -> str | None:
    """Why a changed instance's start and end cannot stand (Vietnamese), or None."""
    if isinstance(start, datetime) != isinstance(reference, datetime):
        return "bat_dau phải cùng dạng với bat_dau của sự kiện (ngày, hoặc ngày giờ)."
    if isinstance(end, datetime) != isinstance(start, datetime):
        return "ket_thuc phải cùng dạng với bat_dau (ngày, hoặc ngày giờ)."
    if end < start:
        return f"Kết thúc ({end:%d/%m/%Y %H:%M}) đứng trước bắt đầu ({start:%d/%m/%Y %H:%M})." \
            if isinstance(end, datetime) else f"Kết thúc ({end:%d/%m/%Y}) đứng trước bắt đầu ({start:%d/%m/%Y})."
    return None


def _expand_lunar(event: Event, window, duration, has_end, problems) -> list[Occurrence]:
    src = event.source
    rule = src.recurrence
    spec = rule.lunar_rule
    policy = rule.day30
    first = src.start.date() if isinstance(src.start, datetime) else src.start
    try:
        lunar_first = solar_to_lunar(first)
    except LunarDateError as exc:
        problems.add(event.path, event.line_of("bat_dau"), "bat_dau", str(exc))
        return []
    last_year = min(window[1].year, MAX_LUNAR_YEAR)
    if spec.day == 30 and policy is None:
        short = [y for y in range(max(lunar_first.year, window[0].year), last_year + 1) if _short_month(spec, y)]
        years = f" (trong lịch: năm {_years(short)} âm lịch)" if short else ""
        problems.add(event.path, event.line_of("lap_lai"), "lap_lai.ngay_30",
                     f"ngay_am \"{rule.lunar}\" là ngày 30, nhưng tháng {_month_text(spec)} âm lịch có năm chỉ "
                     f"có 29 ngày{years}: cần ghi ngay_30.",
                     "ngay_30: bo_qua để không tổ chức năm đó, hoặc ngay_30: doi_sang_29 để tổ chức vào ngày 29")
        return []
    if _lunar_solar(spec, lunar_first.year, policy) != first:
        expected = _lunar_solar(spec, lunar_first.year, policy)
        if expected:
            hint = f"năm {lunar_first.year}, {spec.label()} âm lịch là ngày {expected:%d/%m/%Y}"
        elif spec.leap:
            hint = f"năm âm lịch {lunar_first.year} không có tháng {spec.month} nhuận"
        else:
            hint = f"năm âm lịch {lunar_first.year} không có ngày {spec.label()}"
        problems.add(event.path, event.line_of("bat_dau"), "bat_dau",
                     f"Ngày {first:%d/%m/%Y} là {lunar_first.format()}, không trùng ngay_am {rule.lunar}.", hint)
        return []
    out: list[Occurrence] = []
    skipped: list[int] = []
    existing_years = 0
    count = 0
    for year in range(lunar_first.year, last_year + 1):
        solar = _lunar_solar(spec, year, policy)
        if solar is None:
            if (_short_month(spec, year) and not (year - lunar_first.year) % rule.interval
                    and year >= window[0].year and not (rule.until and year > rule.until.year)
                    and not (rule.count and count >= rule.count)):
                skipped.append(year)
            continue
        existing_years += 1
        if rule.until and solar > rule.until:
            break
        if (year - lunar_first.year) % rule.interval:
            continue
        count += 1
        if rule.count and count > rule.count:
            break
        if not window[0] <= solar <= window[1] or solar in rule.exdates:
            continue
        start = datetime.combine(solar, src.start.timetz()) if isinstance(src.start, datetime) else solar
        out.append(Occurrence(event, start, _shift(start, duration), has_end, lunar_year=year))
    if existing_years == 0:
        problems.add(event.path, event.line_of("lap_lai"), "lap_lai.ngay_am",
                     f"Ngày {rule.lunar} âm lịch không có trong năm nào từ {lunar_first.year} đến {window[1].year}.")
    if skipped:
        problems.warn(event.path, event.line_of("lap_lai"), "lap_lai.ngay_30",
                      f"Với ngay_30: bo_qua, sự kiện không có buổi nào trong năm {_years(skipped)} âm lịch "
                      f"(tháng {_month_text(spec)} các năm đó chỉ có 29 ngày).",
                      "muốn tổ chức vào ngày 29 những năm đó thì ghi ngay_30: doi_sang_29")
    return out


def _lunar_solar(spec: LunarRule, year: int, policy: str | None) -> date | None:
    """The solar date of ``spec`` in lunar ``year`` under the day-30 policy, or None (no such
    day that year, or a year outside the supported range)."""
    try:
        solar = spec.in_year(year)
        if solar is None and policy == "doi_sang_29" and _short_month(spec, year):
            solar = month_end(year, spec.month, spec.leap)
        return solar
    except LunarDateError:
        return None


def _short_month(spec: LunarRule, year: int) -> bool:
    """Whether ``spec`` is on day 30 and its month in lunar ``year`` exists with 29 days."""
    if spec.day != 30:
        return False
    try:
        return spec.in_year(year) is None and LunarRule(spec.month, 29, spec.leap).in_year(year) is not None
    except LunarDateError:
        return False


def _month_text(spec: LunarRule) -> str:
    return f"{spec.month} nhuận" if spec.leap else str(spec.month)


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)
