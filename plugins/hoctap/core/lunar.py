"""Vietnamese lunar calendar (âm lịch): UTC+7 from 1968, UTC+8 before.

Pure standard library.  The rules are those used by Vietnamese published
calendars (Ho Ngoc Duc's algorithm):

* new moons come from a truncated form of Meeus' series (Astronomical
  Algorithms, ch. 49) and the sun's longitude from Meeus' low-precision
  formula (ch. 25), exactly as in Ho Ngoc Duc's reference implementation, so
  that borderline days (a new moon minutes from midnight) come out the way the
  printed calendars have them;
* a lunar month starts on the civil day that contains the new moon, in UTC+7
  from 1 January 1968 and in UTC+8 (the meridian 120° E of the Chinese
  calendar, which Vietnam's almanacs followed) before;
* lunar month 11 is the month containing the winter solstice;
* when 13 months lie between two consecutive month-11s, the first month after
  month 11 that contains no principal term (trung khí, a multiple of 30° of
  solar longitude) is the leap month and repeats the number of the month
  before it.

The Vietnamese calendar differs from the Chinese one (UTC+8) on a few dates:
Tết 1985 is a month earlier in Vietnam, Tết 2007 and 2030 a day earlier.  Do
not substitute a Chinese-calendar library.

The switch: Quyết định 121-CP of 8 August 1967 (Hội đồng Chính phủ, "về việc
tính lịch và quản lý lịch của Nhà nước") set the official time to the 7th zone
(meridian 105° E) and had the lunar calendar computed for it; the almanac of
1968 was the first so computed, hence Tết Mậu Thân on 29/01/1968 in the North
and 30/01/1968 (UTC+8) in the South.  ``HISTORICAL_SWITCH`` is that boundary:
a new moon or a solar term before it is placed on its UTC+8 day.  With UTC+7
throughout, Tết 1903, 1935 and 1965 would come a day early (28/01/1903,
03/02/1935, 01/02/1965 instead of 29/01, 04/02, 02/02).

Supported: every day of lunar years ``MIN_LUNAR_YEAR``..``MAX_LUNAR_YEAR``
(1899..2100), i.e. every solar day of 1900..2100 and a little more; see
``SUPPORTED_RANGE``.  Anything outside raises ``LunarDateError``.

Internally days are ``date.toordinal()`` numbers; all tables are cached, so the
whole range is computed once in a few milliseconds.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

__all__ = [
    "LunarDate",
    "LunarDateError",
    "LunarRule",
    "LUNAR_ALIASES",
    "MIN_LUNAR_YEAR",
    "MAX_LUNAR_YEAR",
    "SUPPORTED_RANGE",
    "HISTORICAL_SWITCH",
    "TIME_ZONE_HOURS",
    "time_zone_hours",
    "can_chi_year",
    "leap_month",
    "lunar_to_solar",
    "month_end",
    "month_length",
    "month_starts",
    "occurrences_in_range",
    "solar_to_lunar",
]

TIME_ZONE_HOURS = 7            # from HISTORICAL_SWITCH on
HISTORICAL_TIME_ZONE_HOURS = 8  # before it
HISTORICAL_SWITCH = date(1968, 1, 1)
MIN_LUNAR_YEAR = 1899
MAX_LUNAR_YEAR = 2100

# Julian Day Number of the proleptic Gregorian day d is d.toordinal() + this.
_JDN_OFFSET = 1721425
_DEG = math.pi / 180.0
_SYNODIC_MONTH = 29.530588853
# Julian day (UT) of the mean new moon of 1900-01-01, lunation k = 0.
_LUNATION_EPOCH = 2415021.076998695

_CAN = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_CHI = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


class LunarDateError(ValueError):
    """A lunar date that does not exist or lies outside the supported range.

    The message is in Vietnamese and can be shown to staff as it is.
    """


# ---------------------------------------------------------------------------
# Astronomy (Ho Ngoc Duc's formulas; angles in degrees, times in Julian days)
# ---------------------------------------------------------------------------

def _new_moon_jd(k: int) -> float:
    """Julian day (UT) of new moon number ``k`` (k = 0 is the one of 1900-01-01)."""
    t = k / 1236.85
    t2 = t * t
    t3 = t2 * t
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _DEG)
    m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * _DEG
    mpr = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * _DEG
    f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * _DEG
    c1 = (0.1734 - 0.000393 * t) * math.sin(m) + 0.0021 * math.sin(2 * m)
    c1 += -0.4068 * math.sin(mpr) + 0.0161 * math.sin(2 * mpr)
    c1 += -0.0004 * math.sin(3 * mpr)
    c1 += 0.0104 * math.sin(2 * f) - 0.0051 * math.sin(m + mpr)
    c1 += -0.0074 * math.sin(m - mpr) + 0.0004 * math.sin(2 * f + m)
    c1 += -0.0004 * math.sin(2 * f - m) - 0.0006 * math.sin(2 * f + mpr)
    c1 += 0.0010 * math.sin(2 * f - mpr) + 0.0005 * math.sin(2 * mpr + m)
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + c1 - delta_t


# Julian day (UT) of 1968-01-01 00:00 UTC+7: instants before it are counted in UTC+8.
_SWITCH_JD = HISTORICAL_SWITCH.toordinal() + _JDN_OFFSET - 0.5 - TIME_ZONE_HOURS / 24.0


def time_zone_hours(day: date) -> int:
    """The zone (hours east of UTC) the calendar uses on ``day``: 8 before 1968, then 7."""
    return HISTORICAL_TIME_ZONE_HOURS if day < HISTORICAL_SWITCH else TIME_ZONE_HOURS


def _zone_at(jd: float) -> int:
    return HISTORICAL_TIME_ZONE_HOURS if jd < _SWITCH_JD else TIME_ZONE_HOURS


@lru_cache(maxsize=None)
def _new_moon_day(k: int) -> int:
    """Ordinal of the civil day (UTC+7, or UTC+8 before 1968) containing new moon ``k``."""
    jd = _new_moon_jd(k)
    jdn = math.floor(jd + 0.5 + _zone_at(jd) / 24.0)
    return jdn - _JDN_OFFSET


def _sun_longitude(jd: float) -> float:
    """The sun's longitude in degrees, 0 <= L < 360, at Julian day ``jd``."""
    t = (jd - 2451545.0) / 36525.0
    t2 = t * t
    m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * _DEG
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(m)
    dl += (0.019993 - 0.000101 * t) * math.sin(2 * m) + 0.000290 * math.sin(3 * m)
    # Reduce in radians as the reference implementation does (same rounding).
    lon = (l0 + dl) * _DEG
    lon -= 2 * math.pi * math.floor(lon / (2 * math.pi))
    return lon / _DEG


@lru_cache(maxsize=None)
def _sun_sector(day: int) -> int:
    """Index 0..11 of the 30° sector the sun is in at the start (local midnight) of ``day``."""
    zone = time_zone_hours(date.fromordinal(day))
    jd_midnight = day + _JDN_OFFSET - 0.5 - zone / 24.0
    return math.floor(_sun_longitude(jd_midnight) / 30.0)


@lru_cache(maxsize=None)
def _month11_lunation(gregorian_year: int) -> int:
    """Lunation number whose month is lunar month 11 around December of ``gregorian_year``.

    That is the month containing the winter solstice (sun entering sector 9, 270°).
    """
    days = date(gregorian_year, 12, 31).toordinal() + _JDN_OFFSET - 2415021
    k = math.floor(days / _SYNODIC_MONTH)
    # New moon k falls in December; if the solstice is already past at the
    # start of that day, month 11 is the previous one.
    if _sun_sector(_new_moon_day(k)) >= 9:
        k -= 1
    return k


@dataclass(frozen=True)
class _Month:
    year: int     # lunar year
    month: int    # 1..12
    leap: bool
    start: int    # ordinal of first day
    end: int      # ordinal of the first day of the next month


@lru_cache(maxsize=None)
def _cycle(gregorian_year: int) -> tuple[_Month, ...]:
    """The months from month 11 of the previous Gregorian year up to (excluding)
    month 11 of ``gregorian_year``: 12 months, or 13 with one leap month."""
    k_first = _month11_lunation(gregorian_year - 1)
    k_next = _month11_lunation(gregorian_year)
    count = k_next - k_first
    if count not in (12, 13):  # pragma: no cover - cannot happen astronomically
        raise AssertionError(f"{count} lunations between month-11s around {gregorian_year}")
    starts = [_new_moon_day(k) for k in range(k_first, k_next + 1)]
    leap_offset = None
    if count == 13:
        # First month after month 11 with no principal term: the sun stays in
        # the same sector from its first day to the first day of the next month.
        for i in range(1, count):
            if _sun_sector(starts[i]) == _sun_sector(starts[i + 1]):
                leap_offset = i
                break
        if leap_offset is None:  # pragma: no cover - cannot happen astronomically
            raise AssertionError(f"no month without principal term around {gregorian_year}")
    months = []
    seen_month1 = False
    for i in range(count):
        if leap_offset is None or i < leap_offset:
            number, leap = (i + 10) % 12 + 1, False
        else:
            number, leap = (i + 9) % 12 + 1, i == leap_offset
        if number == 1 and not leap:
            seen_month1 = True
        year = gregorian_year if seen_month1 else gregorian_year - 1
        months.append(_Month(year, number, leap, starts[i], starts[i + 1]))
    return tuple(months)


@lru_cache(maxsize=None)
def _year_months(year: int) -> tuple[_Month, ...]:
    """All months of lunar year ``year``, month 1 to month 12, leap included, in order."""
    return tuple(m for g in (year, year + 1) for m in _cycle(g) if m.year == year)


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int):
        raise LunarDateError(f"Năm âm lịch phải là số nguyên (nhận được {year!r}).")
    if not MIN_LUNAR_YEAR <= year <= MAX_LUNAR_YEAR:
        raise LunarDateError(
            f"Năm {year} âm lịch nằm ngoài phạm vi hỗ trợ "
            f"({MIN_LUNAR_YEAR}–{MAX_LUNAR_YEAR})."
        )


def _check_month_day(month: int, day: int | None = None) -> None:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise LunarDateError(f"Tháng âm lịch phải từ 1 đến 12 (nhận được {month!r}).")
    if day is not None and (isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 30):
        raise LunarDateError(f"Ngày âm lịch phải từ 1 đến 30 (nhận được {day!r}).")


def _month_label(month: int, leap: bool) -> str:
    return f"{month} nhuận" if leap else f"{month}"


def _find_month(year: int, month: int, leap: bool) -> _Month:
    _check_year(year)
    _check_month_day(month)
    for m in _year_months(year):
        if m.month == month and m.leap == bool(leap):
            return m
    raise LunarDateError(f"Năm {year} không có tháng {month} nhuận âm lịch.")


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

SUPPORTED_RANGE: tuple[date, date] = (
    date.fromordinal(_year_months(MIN_LUNAR_YEAR)[0].start),
    date.fromordinal(_year_months(MAX_LUNAR_YEAR)[-1].end - 1),
)


def _check_solar(d: date) -> int:
    if not isinstance(d, date):
        raise LunarDateError(f"Cần một ngày dương lịch (nhận được {d!r}).")
    lo, hi = SUPPORTED_RANGE
    ordinal = d.toordinal()
    if not lo.toordinal() <= ordinal <= hi.toordinal():
        raise LunarDateError(
            f"Ngày {d:%d/%m/%Y} nằm ngoài phạm vi lịch âm được hỗ trợ "
            f"({lo:%d/%m/%Y} – {hi:%d/%m/%Y})."
        )
    return ordinal


def can_chi_year(year: int) -> str:
    """Sexagenary name of a lunar year: 2024 -> "Giáp Thìn", 2026 -> "Bính Ngọ"."""
    return f"{_CAN[(year + 6) % 10]} {_CHI[(year + 8) % 12]}"


def month_starts(year: int) -> list[tuple[int, bool, date]]:
    """Every month of lunar year ``year`` as (month, leap, first solar day), in order."""
    _check_year(year)
    return [(m.month, m.leap, date.fromordinal(m.start)) for m in _year_months(year)]


def leap_month(year: int) -> int | None:
    """The month of lunar year ``year`` that has a leap copy, or None."""
    _check_year(year)
    for m in _year_months(year):
        if m.leap:
            return m.month
    return None


def month_length(year: int, month: int, leap: bool = False) -> int:
    """Number of days (29 or 30) of a lunar month."""
    m = _find_month(year, month, leap)
    return m.end - m.start


def month_end(year: int, month: int, leap: bool = False) -> date:
    """Solar date of the last day (29th or 30th) of a lunar month: ``month_end(y, 12)`` is the
    day before Tết of year y + 1 (Giao thừa)."""
    m = _find_month(year, month, leap)
    return date.fromordinal(m.end - 1)


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date:
    """Solar date of a lunar date; LunarDateError if that lunar date does not exist."""
    _check_year(year)
    _check_month_day(month, day)
    m = _find_month(year, month, leap)
    length = m.end - m.start
    if day > length:
        raise LunarDateError(
            f"Tháng {_month_label(month, leap)} năm {year} âm lịch chỉ có {length} ngày."
        )
    return date.fromordinal(m.start + day - 1)


def solar_to_lunar(d: date) -> "LunarDate":
    """Lunar date of a solar date (a ``datetime`` is taken by its calendar date)."""
    ordinal = _check_solar(d)
    year = d.year
    if ordinal < _year_months(year)[0].start:  # before Tết: previous lunar year
        year -= 1
    months = _year_months(year)
    i = bisect_right([m.start for m in months], ordinal) - 1
    m = months[i]
    return LunarDate(m.year, m.month, ordinal - m.start + 1, m.leap)


def occurrences_in_range(
    month: int,
    day: int,
    start: date,
    end: date,
    leap: bool = False,
    *,
    fallback_to_last_day: bool = False,
) -> list[date]:
    """Solar dates in [start, end] of every lunar (month, day), in order.

    A year in which that lunar day does not exist (day 30 of a 29-day month) is
    skipped, unless ``fallback_to_last_day`` is true: then the month's last day
    is used (as with "30 Tết" falling on the 29th).  With ``leap`` true only
    years having that leap month produce a date.
    """
    _check_month_day(month, day)
    first = _check_solar(start)
    last = _check_solar(end)
    if first > last:
        return []
    result = []
    for year in range(solar_to_lunar(start).year, solar_to_lunar(end).year + 1):
        m = next((m for m in _year_months(year) if m.month == month and m.leap == bool(leap)), None)
        if m is None:
            continue
        length = m.end - m.start
        if day <= length:
            ordinal = m.start + day - 1
        elif fallback_to_last_day:
            ordinal = m.end - 1
        else:
            continue
        if first <= ordinal <= last:
            result.append(date.fromordinal(ordinal))
    return result


# Accepts "10/3", "15/4 nhuận", "15/4n", "15/4 (nhuận)", "15 / 4", "10-3", "10.3",
# optionally followed by "âm lịch" / "ÂL" (so that LunarDate.format() parses back).
_PARSE_RE = re.compile(
    r"""
    (?P<day>[0-9]{1,2}) \s* [/.\-] \s* (?P<month>[0-9]{1,2})
    \s* (?: \( \s* (?P<leap1>nhuận|nhuan|n) \s* \) | (?P<leap2>nhuận|nhuan|n) )?
    \s* (?: âm \s* lịch | am \s* lich | âl | al )?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, order=True)
class LunarDate:
    """A date of the Vietnamese lunar calendar.

    Ordering is field by field (year, month, day, leap), which is not
    chronological across a leap month; compare ``to_solar()`` for that.
    """

    year: int      # lunar year number (Tết 2026 starts lunar year 2026)
    month: int     # 1..12
    day: int       # 1..30
    leap: bool = False

    def __post_init__(self) -> None:
        _check_month_day(self.month, self.day)

    def format(self) -> str:
        """ "10/3 âm lịch"; leap month: "15/4 (nhuận) âm lịch"."""
        if self.leap:
            return f"{self.day}/{self.month} (nhuận) âm lịch"
        return f"{self.day}/{self.month} âm lịch"

    def format_long(self) -> str:
        """ "Ngày 10 tháng 3 năm Bính Ngọ (âm lịch)"; leap month: "tháng 4 nhuận"."""
        return (
            f"Ngày {self.day} tháng {_month_label(self.month, self.leap)} "
            f"năm {can_chi_year(self.year)} (âm lịch)"
        )

    def to_solar(self) -> date:
        return lunar_to_solar(self.year, self.month, self.day, self.leap)

    @classmethod
    def from_solar(cls, d: date) -> "LunarDate":
        return solar_to_lunar(d)

    @classmethod
    def parse(cls, text: str) -> tuple[int, int, bool]:
        """Parse a staff-typed lunar day/month ("10/3", "15/4 nhuận") into (month, day, leap)."""
        if not isinstance(text, str):
            raise LunarDateError(f"Ngày âm lịch phải là chuỗi dạng ngày/tháng (nhận được {text!r}).")
        cleaned = unicodedata.normalize("NFC", text).strip().lower()
        match = _PARSE_RE.fullmatch(cleaned)
        if match is None:
            raise LunarDateError(
                f"Không hiểu ngày âm lịch \"{text.strip()}\": hãy viết dạng ngày/tháng, "
                "ví dụ \"10/3\" hoặc \"15/4 nhuận\"."
            )
        day, month = int(match["day"]), int(match["month"])
        leap = bool(match["leap1"] or match["leap2"])
        _check_month_day(month, day)
        return month, day, leap


# Named lunar days staff may write instead of day/month.
LUNAR_ALIASES: dict[str, tuple[int, int | None, bool, str]] = {
    # name: (month, day or None for the month's last day, leap, Vietnamese name)
    "giao-thua": (12, None, False, "Giao thừa"),
}

# Other spellings staff use for the aliases.
_ALIAS_SPELLINGS = {"giao thừa": "giao-thua", "giao thua": "giao-thua", "giao-thừa": "giao-thua"}

_LAST_RE = re.compile(
    r"""
    (?: cuối | cuoi ) \s* [/.\-] \s* (?P<month>[0-9]{1,2})
    \s* (?: \( \s* (?P<leap1>nhuận|nhuan|n) \s* \) | (?P<leap2>nhuận|nhuan|n) )?
    \s* (?: âm \s* lịch | am \s* lich | âl | al )?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class LunarRule:
    """A yearly lunar day as staff write it: "10/3", "15/4 nhuận", "cuối/12" (the last day of
    month 12, whether it has 29 or 30 days), or a name from ``LUNAR_ALIASES`` ("giao-thua")."""

    month: int
    day: int | None          # None: the last day of the month
    leap: bool = False
    name: str | None = None  # "Giao thừa" for an alias

    @property
    def last_day(self) -> bool:
        return self.day is None

    def label(self) -> str:
        """Vietnamese: "10/3", "15/4 (nhuận)", "ngày cuối tháng 12 (Giao thừa)"."""
        month = f"{self.month} (nhuận)" if self.leap else f"{self.month}"
        text = f"ngày cuối tháng {month}" if self.day is None else f"{self.day}/{month}"
        return f"{text} ({self.name})" if self.name else text

    def in_year(self, year: int) -> date | None:
        """The solar date in lunar year ``year``; None when that year has no such day (no day 30,
        or no such leap month)."""
        _check_year(year)
        m = next((m for m in _year_months(year) if m.month == self.month and m.leap == self.leap), None)
        if m is None:
            return None
        if self.day is None:
            return date.fromordinal(m.end - 1)
        if self.day > m.end - m.start:
            return None
        return date.fromordinal(m.start + self.day - 1)

    @classmethod
    def parse(cls, text: str) -> "LunarRule":
        if not isinstance(text, str):
            raise LunarDateError(f"Ngày âm lịch phải là chuỗi dạng ngày/tháng (nhận được {text!r}).")
        cleaned = unicodedata.normalize("NFC", text).strip().lower()
        alias = LUNAR_ALIASES.get(_ALIAS_SPELLINGS.get(cleaned, cleaned))
        if alias is not None:
            month, day, leap, name = alias
            return cls(month, day, leap, name)
        match = _LAST_RE.fullmatch(cleaned)
        if match is not None:
            month = int(match["month"])
            _check_month_day(month)
            return cls(month, None, bool(match["leap1"] or match["leap2"]))
        if _PARSE_RE.fullmatch(cleaned) is not None:   # day/month: its own range messages
            month, day, leap = LunarDate.parse(text)
            return cls(month, day, leap)
        names = ", ".join(f'"{k}"' for k in LUNAR_ALIASES)
        raise LunarDateError(
            f"Không hiểu ngày âm lịch \"{text.strip()}\": hãy viết dạng ngày/tháng, "
            f"ví dụ \"10/3\", \"15/4 nhuận\", \"cuối/12\" (ngày cuối tháng 12) hoặc {names}."
        )
