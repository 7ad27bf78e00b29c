"""Tests for hoctap.core.lunar, the Vietnamese lunar calendar (UTC+7; UTC+8 before 1968).

The main oracle is built here from precise ephemerides (astronomy-engine,
test-only dependency, pinned at 2.1.19) with the calendar rules written out
independently of the module: a month starts on the local day of the new moon,
month 11 contains the winter solstice, and in a 13-month year the first month
after month 11 containing no principal term (multiple of 30° of solar
longitude) is the leap month.  ``vnlunar`` (1.0.5), if installed, is an extra
oracle only.
"""

from __future__ import annotations

import bisect
import os
import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hoctap.core.lunar import (
    SUPPORTED_RANGE,
    LunarDate,
    LunarDateError,
    can_chi_year,
    leap_month,
    lunar_to_solar,
    month_length,
    month_starts,
    occurrences_in_range,
    solar_to_lunar,
)

FIRST_YEAR, LAST_YEAR = 1899, 2100   # lunar years the module supports
TZ = timedelta(hours=7)

# ---------------------------------------------------------------------------
# Known differences between the module (Ho Ngoc Duc's algorithm: truncated
# Meeus series, as in Vietnamese published calendars) and the precise
# ephemeris.  Each is an event within a couple of minutes of local midnight,
# where the truncated series and the ephemeris (and its ΔT) put it on
# different sides of 00:00 UTC+7.  Entries: (lunar year, month, leap, first day).
# ---------------------------------------------------------------------------
KNOWN_MODULE_ONLY = {
    # (With UTC+7 before 1968, 1938 differed too: the autumn equinox fell at 00:00:01 UTC+7 on
    # 24/9. In UTC+8, which the calendar used then, it is 01:00 and both agree.)
    # 2072: new moon 2072-12-09 16:59:23 UTC (23:59:23 UTC+7, 9/12) per
    # astronomy-engine; 17:00:14 UTC (00:00:14 UTC+7, 10/12) per the series.
    (2072, 11, False, date(2072, 12, 10)),
    # 2085: new moon 2085-10-18 17:00:16 UTC (00:00:16 UTC+7, 19/10) per
    # astronomy-engine; 16:59:13 UTC (23:59:13 UTC+7, 18/10) per the series.
    (2085, 9, False, date(2085, 10, 18)),
}
KNOWN_ORACLE_ONLY = {
    (2072, 11, False, date(2072, 12, 9)),
    (2085, 9, False, date(2085, 10, 19)),
}
# The astronomical event behind each known difference: (kind, UTC instant near which to search).
KNOWN_BORDERLINE_EVENTS = [
    ("moon", 0, datetime(2072, 12, 9, 17, 0)),
    ("moon", 0, datetime(2085, 10, 18, 17, 0)),
]


# ---------------------------------------------------------------------------
# Independent oracle from astronomy-engine
# ---------------------------------------------------------------------------

# Quyết định 121-CP (8/8/1967): the calendar is computed for UTC+7 from 1968; before, Vietnam's
# almanacs used UTC+8.  The instant of the switch: 1968-01-01 00:00 UTC+7.
SWITCH_UTC = datetime(1967, 12, 31, 17, 0)
OLD_TZ = timedelta(hours=8)


def _zone(utc: datetime) -> timedelta:
    return OLD_TZ if utc < SWITCH_UTC else TZ


def _local_day(t) -> date:
    """Civil date of an astronomy.Time in the zone the calendar used then (UTC+8 before 1968)."""
    utc = t.Utc()
    return (utc + _zone(utc)).date()


@pytest.fixture(scope="module")
def oracle() -> dict[int, list[tuple[int, bool, date]]]:
    """Lunar year -> [(month, leap, first day)], built from precise ephemerides."""
    import astronomy  # astronomy-engine==2.1.19, required test dependency

    begin = astronomy.Time.Make(FIRST_YEAR - 2, 10, 1, 0, 0, 0)
    stop_ut = astronomy.Time.Make(LAST_YEAR + 2, 4, 1, 0, 0, 0).ut

    new_moons = []
    t = begin
    while True:
        nm = astronomy.SearchMoonPhase(0, t, 40)
        if nm.ut > stop_ut:
            break
        new_moons.append(_local_day(nm))
        t = nm.AddDays(20)

    terms = []  # (local day, longitude) of every principal term, in order
    lon = 270
    x = astronomy.SearchSunLongitude(lon, begin, 400)
    while x.ut < stop_ut:
        terms.append((_local_day(x), lon))
        lon = (lon + 30) % 360
        x = astronomy.SearchSunLongitude(lon, x.AddDays(20), 20)

    term_days = [d for d, _ in terms]

    def month_index(day: date) -> int:
        return bisect.bisect_right(new_moons, day) - 1

    def has_principal_term(i: int) -> bool:
        j = bisect.bisect_left(term_days, new_moons[i])
        return j < len(term_days) and term_days[j] < new_moons[i + 1]

    month11 = [month_index(d) for d, lon in terms if lon == 270]
    labels: dict[int, tuple[int, bool]] = {}
    for a, b in zip(month11, month11[1:]):
        assert b - a in (12, 13)
        leap_index = None
        if b - a == 13:
            leap_index = next(i for i in range(a + 1, b) if not has_principal_term(i))
        number = 10
        for i in range(a, b):
            if i == leap_index:
                labels[i] = (number, True)
            else:
                number = number % 12 + 1
                labels[i] = (number, False)

    calendar: dict[int, list[tuple[int, bool, date]]] = {}
    year = None
    for i in sorted(labels):
        number, leap = labels[i]
        if number == 1 and not leap:
            year = new_moons[i].year
        if year is not None:
            calendar.setdefault(year, []).append((number, leap, new_moons[i]))
    return {y: calendar[y] for y in range(FIRST_YEAR, LAST_YEAR + 1)}


def _flatten(table):
    return {(y, m, leap, d) for y, months in table.items() for m, leap, d in months}


# ---------------------------------------------------------------------------
# Agreement with the oracle
# ---------------------------------------------------------------------------

def test_every_month_start_matches_oracle(oracle):
    module = {y: month_starts(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)}
    mine, theirs = _flatten(module), _flatten(oracle)
    assert mine - theirs == KNOWN_MODULE_ONLY
    assert theirs - mine == KNOWN_ORACLE_ONLY
    # 1970-2100 in particular: only the two new moons at midnight differ.
    recent = {e for e in mine ^ theirs if e[0] >= 1970}
    assert {e[:3] for e in recent} == {(2072, 11, False), (2085, 9, False)}


def test_every_leap_month_matches_oracle(oracle):
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        expected = next((m for m, leap, _ in oracle[y] if leap), None)
        assert leap_month(y) == expected, y


def test_every_tet_matches_oracle(oracle):
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        assert oracle[y][0][:2] == (1, False)
        assert lunar_to_solar(y, 1, 1) == oracle[y][0][2], y


def test_known_differences_are_borderline():
    import astronomy

    for kind, target, near in KNOWN_BORDERLINE_EVENTS:
        start = astronomy.Time.Make(near.year, near.month, near.day, 0, 0, 0).AddDays(-5)
        if kind == "moon":
            t = astronomy.SearchMoonPhase(target, start, 10)
        else:
            t = astronomy.SearchSunLongitude(target, start, 10)
        local = t.Utc() + _zone(t.Utc())
        midnight = datetime.combine(local.date(), datetime.min.time())
        minutes = min(local - midnight, midnight + timedelta(days=1) - local) / timedelta(minutes=1)
        assert minutes < 3, (kind, near, local)


def test_solar_to_lunar_agrees_at_month_boundaries(oracle):
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        for m, leap, first in oracle[y]:
            if (y, m, leap, first) in KNOWN_ORACLE_ONLY:
                continue
            assert solar_to_lunar(first) == LunarDate(y, m, 1, leap)
            if first == SUPPORTED_RANGE[0]:
                continue
            before = solar_to_lunar(first - timedelta(days=1))
            assert before.day in (29, 30)


# ---------------------------------------------------------------------------
# vnlunar: extra oracle, only if installed
# ---------------------------------------------------------------------------

def _vnlunar():
    """The optional vnlunar package (pinned 1.0.5), or skip if it is missing or broken."""
    try:
        import vnlunar.core
    except ImportError as exc:  # also a package that fails to import
        pytest.skip(f"vnlunar unavailable: {exc}")
    return vnlunar


def test_matches_vnlunar_algorithm():
    """vnlunar's own port of Ho Ngoc Duc's algorithm gives the same days (time_zone=7 from 1968,
    8 before)."""
    vnlunar = _vnlunar()
    core = vnlunar.core

    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        for m, leap, first in month_starts(y):
            length = month_length(y, m, leap)
            for day in (1, length):
                d = first + timedelta(days=day - 1)
                r = core.convert_solar_to_lunar(d.day, d.month, d.year, 8.0 if y < 1968 else 7.0)
                got = LunarDate(r["year"], r["month"], r["day"], bool(r["leap"]))
                assert got == LunarDate(y, m, day, leap) == solar_to_lunar(d), d
    assert vnlunar.__version__


# Ho Ngoc Duc's precomputed tables (TK20/TK21, shipped in vnlunar) from 1968,
# when Vietnam adopted UTC+7 for its calendar, differ from his algorithm (which
# the module implements) only for three future new moons within ~2 minutes of
# 00:00 UTC+7, where the table puts the month start one day earlier:
#   2054-05-07 17:01:08 UTC (astronomy-engine) / 17:01:55 UTC (series): both 8/5;
#   2077-11-15 17:00:36 UTC (astronomy-engine) / 17:00:13 UTC (series): both 16/11;
#   2072-12-09 16:59:23 UTC (astronomy-engine, 9/12) / 17:00:14 UTC (series, 10/12).
KNOWN_TABLE_DIFFERENCES = {
    (2054, 4, False): (date(2054, 5, 8), date(2054, 5, 7)),
    (2072, 11, False): (date(2072, 12, 10), date(2072, 12, 9)),
    (2077, 10, False): (date(2077, 11, 16), date(2077, 11, 15)),
}


def test_matches_vnlunar_tables_since_1968():
    vnlunar = _vnlunar()

    differences = {}
    for y in range(1968, LAST_YEAR + 1):
        table = [(m["month"], bool(m["leap"]), date(*reversed(vnlunar.jdn2date(m["jd"]))))
                 for m in vnlunar.get_year_info(y)]
        mine = month_starts(y)
        assert [e[:2] for e in table] == [e[:2] for e in mine], y
        for (m, leap, d1), (_, _, d2) in zip(mine, table):
            if d1 != d2:
                differences[(y, m, leap)] = (d1, d2)
    assert differences == KNOWN_TABLE_DIFFERENCES


# ---------------------------------------------------------------------------
# Known facts (each also checked against the oracle)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("year, tet", [
    (2026, date(2026, 2, 17)),
    (2025, date(2025, 1, 29)),
    (2024, date(2024, 2, 10)),
    (1985, date(1985, 1, 21)),   # China: 20/02/1985
    (2007, date(2007, 2, 17)),   # China: 18/02/2007
    (2030, date(2030, 2, 2)),    # China: 03/02/2030
])
def test_known_tet(year, tet, oracle):
    assert lunar_to_solar(year, 1, 1) == tet
    assert LunarDate(year, 1, 1).to_solar() == tet
    assert solar_to_lunar(tet) == LunarDate(year, 1, 1)
    assert oracle[year][0] == (1, False, tet)


def test_known_festivals_2026(oracle):
    gio_to = lunar_to_solar(2026, 3, 10)
    trung_thu = lunar_to_solar(2026, 8, 15)
    assert gio_to == date(2026, 4, 26)
    assert trung_thu == date(2026, 9, 25)
    months = {(m, leap): d for m, leap, d in oracle[2026]}
    assert months[(3, False)] + timedelta(days=9) == gio_to
    assert months[(8, False)] + timedelta(days=14) == trung_thu
    assert solar_to_lunar(date(2026, 4, 26)) == LunarDate(2026, 3, 10)


@pytest.mark.parametrize("year, tet", [
    # Published Tết dates of years computed for UTC+8 (Vietnam's almanacs before 1968); with the
    # UTC+7 rule 1903, 1935 and 1965 would come one day early.  1925: the Chinese calendar and
    # astronomy agree on 24/01 (vnlunar's TK20 table has 25/01).
    (1903, date(1903, 1, 29)),
    (1925, date(1925, 1, 24)),
    (1935, date(1935, 2, 4)),
    (1965, date(1965, 2, 2)),
    (1967, date(1967, 2, 9)),
    (1968, date(1968, 1, 29)),   # first year for UTC+7: North 29/01, South (still UTC+8) 30/01
])
def test_known_tet_before_1968(year, tet, oracle):
    assert lunar_to_solar(year, 1, 1) == tet
    assert solar_to_lunar(tet) == LunarDate(year, 1, 1)
    assert oracle[year][0] == (1, False, tet)


def test_tet_1968_new_moon_is_on_different_days_in_utc7_and_utc8():
    """The switch matters: Tết Mậu Thân's new moon fell between 00:00 UTC+8 and 00:00 UTC+7."""
    import astronomy

    t = astronomy.SearchMoonPhase(0, astronomy.Time.Make(1968, 1, 25, 0, 0, 0), 10)
    assert (t.Utc() + TZ).date() == date(1968, 1, 29)
    assert (t.Utc() + OLD_TZ).date() == date(1968, 1, 30)
    for year, tet in ((1903, date(1903, 1, 29)), (1935, date(1935, 2, 4)), (1965, date(1965, 2, 2))):
        t = astronomy.SearchMoonPhase(0, astronomy.Time.Make(year, tet.month, tet.day, 0, 0, 0).AddDays(-3), 10)
        assert (t.Utc() + OLD_TZ).date() == tet
        assert (t.Utc() + TZ).date() == tet - timedelta(days=1)


@pytest.mark.parametrize("year, expected", [(2023, 2), (2025, 6), (2028, 5), (2026, None), (2024, None), (2020, 4)])
def test_known_leap_months(year, expected, oracle):
    assert leap_month(year) == expected
    assert next((m for m, leap, _ in oracle[year] if leap), None) == expected


@pytest.mark.parametrize("year, name", [
    (2026, "Bính Ngọ"), (2024, "Giáp Thìn"), (2025, "Ất Tỵ"), (2023, "Quý Mão"),
    (2000, "Canh Thìn"), (1985, "Ất Sửu"), (1900, "Canh Tý"), (2027, "Đinh Mùi"),
    (2029, "Kỷ Dậu"), (2031, "Tân Hợi"), (2032, "Nhâm Tý"), (2028, "Mậu Thân"),
])
def test_can_chi_year(year, name):
    assert can_chi_year(year) == name


# ---------------------------------------------------------------------------
# Structure of the calendar
# ---------------------------------------------------------------------------

def test_month_starts_structure():
    previous_end = None
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        months = month_starts(y)
        lm = leap_month(y)
        assert len(months) == (13 if lm else 12)
        assert [m for m, leap, _ in months if not leap] == list(range(1, 13))
        if lm:
            i = [leap for _, leap, _ in months].index(True)
            assert months[i - 1][:2] == (lm, False) and months[i][0] == lm
        if previous_end is not None:
            assert months[0][2] == previous_end
        days = [d for _, _, d in months]
        assert days == sorted(days)
        for (m, leap, d), nxt in zip(months, days[1:] + [None]):
            length = month_length(y, m, leap)
            assert length in (29, 30)
            if nxt is not None:
                assert (nxt - d).days == length
        previous_end = months[-1][2] + timedelta(days=month_length(y, *months[-1][:2]))
    assert SUPPORTED_RANGE == (month_starts(FIRST_YEAR)[0][2], previous_end - timedelta(days=1))


def test_round_trip_every_day():
    start, end = SUPPORTED_RANGE
    assert start <= date(1900, 1, 1) and end >= date(2100, 12, 31)
    d = start
    one = timedelta(days=1)
    previous = None
    while d <= end:
        lunar = solar_to_lunar(d)
        assert lunar.to_solar() == d
        if previous is not None and lunar.day != 1:
            assert (lunar.year, lunar.month, lunar.leap, lunar.day) == \
                (previous.year, previous.month, previous.leap, previous.day + 1)
        previous = lunar
        d += one


def test_outside_supported_range():
    start, end = SUPPORTED_RANGE
    with pytest.raises(LunarDateError, match="ngoài phạm vi"):
        solar_to_lunar(start - timedelta(days=1))
    with pytest.raises(LunarDateError, match="ngoài phạm vi"):
        solar_to_lunar(end + timedelta(days=1))
    for bad_year in (FIRST_YEAR - 1, LAST_YEAR + 1):
        with pytest.raises(LunarDateError, match="ngoài phạm vi"):
            lunar_to_solar(bad_year, 1, 1)
        with pytest.raises(LunarDateError):
            month_starts(bad_year)
        with pytest.raises(LunarDateError):
            leap_month(bad_year)
    assert solar_to_lunar(start) == LunarDate(FIRST_YEAR, 1, 1)
    assert solar_to_lunar(end).year == LAST_YEAR and solar_to_lunar(end).month == 12


def test_whole_range_is_fast_from_cold():
    code = (
        "import time; t = time.perf_counter()\n"
        "from hoctap.core.lunar import month_starts, solar_to_lunar\n"
        "for y in range(1899, 2101): month_starts(y)\n"
        "print(time.perf_counter() - t)\n"
    )
    plugins = str(Path(__file__).resolve().parents[1] / "plugins")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (plugins, env.get("PYTHONPATH")) if p)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert float(out.stdout) < 1.0


# ---------------------------------------------------------------------------
# Conversions and errors
# ---------------------------------------------------------------------------

def test_leap_month_conversion():
    # 2025: tháng 6 nhuận starts 25/07/2025.
    assert lunar_to_solar(2025, 6, 1, leap=True) == date(2025, 7, 25)
    assert lunar_to_solar(2025, 6, 1) == date(2025, 6, 25)
    assert solar_to_lunar(date(2025, 8, 8)) == LunarDate(2025, 6, 15, True)
    assert month_length(2025, 6, leap=True) == 29
    with pytest.raises(LunarDateError) as err:
        lunar_to_solar(2025, 6, 30, leap=True)
    assert str(err.value) == "Tháng 6 nhuận năm 2025 âm lịch chỉ có 29 ngày."


def test_lunar_to_solar_errors():
    with pytest.raises(LunarDateError) as err:
        lunar_to_solar(2026, 4, 1, leap=True)
    assert str(err.value) == "Năm 2026 không có tháng 4 nhuận âm lịch."
    assert month_length(2026, 2) == 29
    with pytest.raises(LunarDateError) as err:
        lunar_to_solar(2026, 2, 30)
    assert str(err.value) == "Tháng 2 năm 2026 âm lịch chỉ có 29 ngày."
    assert lunar_to_solar(2026, 3, 30) == date(2026, 5, 16)  # month 3 of 2026 has 30 days
    with pytest.raises(LunarDateError, match="Tháng âm lịch phải từ 1 đến 12"):
        lunar_to_solar(2026, 13, 1)
    with pytest.raises(LunarDateError, match="Tháng âm lịch phải từ 1 đến 12"):
        lunar_to_solar(2026, 0, 1)
    with pytest.raises(LunarDateError, match="Ngày âm lịch phải từ 1 đến 30"):
        lunar_to_solar(2026, 1, 31)
    with pytest.raises(LunarDateError, match="Ngày âm lịch phải từ 1 đến 30"):
        lunar_to_solar(2026, 1, 0)
    with pytest.raises(LunarDateError):
        month_length(2026, 5, leap=True)
    with pytest.raises(LunarDateError):
        LunarDate(2026, 4, 1, True).to_solar()
    assert issubclass(LunarDateError, ValueError)


def test_lunar_date_basics():
    d = LunarDate(2026, 3, 10)
    assert d.leap is False
    assert LunarDate.from_solar(date(2026, 4, 26)) == d
    assert solar_to_lunar(datetime(2026, 4, 26, 23, 30)) == d
    with pytest.raises(FrozenInstanceError):
        d.day = 11  # type: ignore[misc]
    assert LunarDate(2026, 3, 10) < LunarDate(2026, 3, 11) < LunarDate(2026, 4, 1)
    assert len({d, LunarDate(2026, 3, 10)}) == 1
    with pytest.raises(LunarDateError):
        LunarDate(2026, 13, 1)
    with pytest.raises(LunarDateError):
        LunarDate(2026, 1, 31)


def test_format():
    assert LunarDate(2026, 3, 10).format() == "10/3 âm lịch"
    assert LunarDate(2025, 4, 15, True).format() == "15/4 (nhuận) âm lịch"
    assert LunarDate(2026, 3, 10).format_long() == "Ngày 10 tháng 3 năm Bính Ngọ (âm lịch)"
    assert LunarDate(2025, 6, 15, True).format_long() == "Ngày 15 tháng 6 nhuận năm Ất Tỵ (âm lịch)"
    assert LunarDate(2024, 1, 1).format_long() == "Ngày 1 tháng 1 năm Giáp Thìn (âm lịch)"


# ---------------------------------------------------------------------------
# Parsing staff input
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("10/3", (3, 10, False)),
    ("15/8", (8, 15, False)),
    ("1/1", (1, 1, False)),
    ("30/12", (12, 30, False)),
    ("01/01", (1, 1, False)),
    (" 10 / 3 ", (3, 10, False)),
    ("15/4 nhuận", (4, 15, True)),
    ("15/4nhuận", (4, 15, True)),
    ("15/4n", (4, 15, True)),
    ("15/4 N", (4, 15, True)),
    ("15/4 (nhuận)", (4, 15, True)),
    ("15/4(nhuận)", (4, 15, True)),
    ("15/4 NHUẬN", (4, 15, True)),
    ("15/4 nhuan", (4, 15, True)),
    ("15/4 nhua\u0323\u0302n", (4, 15, True)),  # decomposed (NFD) diacritics
    ("10/3 âm lịch", (3, 10, False)),
    ("15/4 (nhuận) âm lịch", (4, 15, True)),
    ("10-3", (3, 10, False)),
    ("10.3", (3, 10, False)),
])
def test_parse_accepts(text, expected):
    assert LunarDate.parse(text) == expected


@pytest.mark.parametrize("text", [
    "", "   ", "abc", "10", "10/", "/3", "10/3/2026", "10/3 x", "nhuận 10/3", "10//3",
    "-1/3", "1.5/3", "10/3 nhuận nhuận", "١٠/٣",
])
def test_parse_rejects_junk(text):
    with pytest.raises(LunarDateError, match="Không hiểu ngày âm lịch"):
        LunarDate.parse(text)


@pytest.mark.parametrize("text, message", [
    ("10/13", "Tháng âm lịch phải từ 1 đến 12"),
    ("10/0", "Tháng âm lịch phải từ 1 đến 12"),
    ("31/1", "Ngày âm lịch phải từ 1 đến 30"),
    ("0/1", "Ngày âm lịch phải từ 1 đến 30"),
    ("00/5 nhuận", "Ngày âm lịch phải từ 1 đến 30"),
])
def test_parse_rejects_out_of_range(text, message):
    with pytest.raises(LunarDateError, match=message):
        LunarDate.parse(text)


def test_parse_rejects_non_string():
    with pytest.raises(LunarDateError):
        LunarDate.parse(None)  # type: ignore[arg-type]


def test_parse_round_trips_format():
    for d in (LunarDate(2026, 3, 10), LunarDate(2025, 6, 29, True), LunarDate(2024, 12, 30)):
        assert LunarDate.parse(d.format()) == (d.month, d.day, d.leap)


# ---------------------------------------------------------------------------
# occurrences_in_range
# ---------------------------------------------------------------------------

def test_occurrences_regular():
    got = occurrences_in_range(3, 10, date(2024, 1, 1), date(2027, 12, 31))
    assert got == [lunar_to_solar(y, 3, 10) for y in (2024, 2025, 2026, 2027)]
    assert date(2026, 4, 26) in got
    # Bounds are inclusive.
    assert occurrences_in_range(3, 10, date(2026, 4, 26), date(2026, 4, 26)) == [date(2026, 4, 26)]
    assert occurrences_in_range(3, 10, date(2026, 4, 27), date(2027, 1, 1)) == []
    assert occurrences_in_range(3, 10, date(2027, 1, 1), date(2026, 1, 1)) == []


def test_occurrences_day_30_skip_and_fallback():
    start, end = date(2020, 1, 1), date(2030, 12, 31)
    # 30 tháng Chạp: lunar years 2019..2029 have month 12 in this range.
    skipped = occurrences_in_range(12, 30, start, end)
    assert skipped == [date(2020, 1, 24), date(2021, 2, 11), date(2023, 1, 21), date(2024, 2, 9)]
    fallback = occurrences_in_range(12, 30, start, end, fallback_to_last_day=True)
    assert fallback == [
        date(2020, 1, 24), date(2021, 2, 11), date(2022, 1, 31), date(2023, 1, 21),
        date(2024, 2, 9), date(2025, 1, 28), date(2026, 2, 16), date(2027, 2, 5),
        date(2028, 1, 25), date(2029, 2, 12), date(2030, 2, 1),
    ]
    # Tất niên is always the eve of Tết.
    for d in fallback:
        after = solar_to_lunar(d + timedelta(days=1))
        assert (after.month, after.day, after.leap) == (1, 1, False)
    # Day 29 exists every year.
    assert len(occurrences_in_range(12, 29, start, end)) == len(fallback)


def test_occurrences_leap():
    start, end = date(2020, 1, 1), date(2030, 12, 31)
    assert occurrences_in_range(6, 15, start, end, leap=True) == [date(2025, 8, 8)]
    assert occurrences_in_range(4, 1, start, end, leap=True) == [date(2020, 5, 23)]
    assert occurrences_in_range(7, 1, start, end, leap=True) == []
    # tháng 6 nhuận 2025 has 29 days.
    assert occurrences_in_range(6, 30, start, end, leap=True) == []
    assert occurrences_in_range(6, 30, start, end, leap=True, fallback_to_last_day=True) == [date(2025, 8, 22)]
    # The regular month 6 is unaffected by the leap copy.
    assert date(2025, 7, 10) in occurrences_in_range(6, 16, start, end)


def test_occurrences_errors():
    with pytest.raises(LunarDateError):
        occurrences_in_range(13, 1, date(2024, 1, 1), date(2025, 1, 1))
    with pytest.raises(LunarDateError):
        occurrences_in_range(1, 31, date(2024, 1, 1), date(2025, 1, 1))
    with pytest.raises(LunarDateError, match="ngoài phạm vi"):
        occurrences_in_range(1, 1, date(2024, 1, 1), date(2200, 1, 1))


# ---------------------------------------------------------------------------
# Last day of a month, Giao thừa (issue #12)
# ---------------------------------------------------------------------------

def test_last_day_rules_and_giao_thua(oracle):
    from hoctap.core.lunar import LunarRule, month_end

    giao_thua = LunarRule.parse("giao-thua")
    assert giao_thua == LunarRule(12, None, False, "Giao thừa")
    assert LunarRule.parse("cuối/12") == LunarRule(12, None, False)
    assert LunarRule.parse("Giao thừa") == giao_thua
    assert LunarRule.parse("cuoi/4 nhuận") == LunarRule(4, None, True)
    assert LunarRule.parse("30/12") == LunarRule(12, 30, False)
    for year in range(FIRST_YEAR, LAST_YEAR):
        eve = giao_thua.in_year(year)
        # the day before the next Tết, from the ephemeris oracle
        assert eve == oracle[year + 1][0][2] - timedelta(days=1) == month_end(year, 12), year
        thirty = LunarRule(12, 30).in_year(year)
        assert thirty == (eve if month_length(year, 12) == 30 else None)
    assert [giao_thua.in_year(y) for y in (2026, 2027, 2029, 2032)] == [
        date(2027, 2, 5), date(2028, 1, 25), date(2030, 2, 1), date(2033, 1, 30)]
    with pytest.raises(LunarDateError, match="cuối/12"):
        LunarRule.parse("cuối năm")
    with pytest.raises(LunarDateError, match="từ 1 đến 30"):
        LunarRule.parse("31/3")
