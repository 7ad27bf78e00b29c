"""Club and class schedules, expanded from the produced .ics files by recurring-ical-events."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HOST = "hoctap-vienglan.example.org"


def _sessions(site, path, start, end, uid_prefix=""):
    cal = icalendar.Calendar.from_ical((site / path).read_bytes())
    out = []
    for ev in recurring_ical_events.of(cal).between(start, end):
        if not str(ev["UID"]).startswith(uid_prefix):
            continue
        s, e = ev["DTSTART"].dt, ev["DTEND"].dt
        out.append((s, e, str(ev["UID"])))
    def key(item):
        start = item[0] if isinstance(item[0], datetime) else datetime.combine(item[0], time.min, VN)
        return (start, item[2])
    return sorted(out, key=key)


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=VN)


def test_tuesday_and_friday_evenings_skip_the_holiday(built_site):
    got = _sessions(built_site, "cau-lac-bo/van-nghe-ban-lan.ics", date(2026, 4, 20), date(2026, 5, 10))
    days = [date(2026, 4, 21), date(2026, 4, 24), date(2026, 4, 28), date(2026, 5, 5), date(2026, 5, 8)]
    assert [(s, e) for s, e, _ in got] == [(_at(d, 19, 30), _at(d, 21, 0)) for d in days]
    for s, e, uid in got:
        assert s.utcoffset() == timedelta(hours=7) and e.utcoffset() == timedelta(hours=7)
        assert uid == f"clb-van-nghe-ban-lan-1@{HOST}"
    # 1 May (a Friday, public holiday) is listed in bo_ngay
    assert date(2026, 5, 1) not in {s.date() for s, _, _ in got}


def test_first_sunday_of_the_month(built_site):
    got = _sessions(built_site, "cau-lac-bo/doc-sach-trung-tam.ics", date(2026, 1, 1), date(2026, 7, 1),
                    uid_prefix="clb-doc-sach-trung-tam-1@")
    sundays = [date(2026, 1, 4), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 5), date(2026, 5, 3),
               date(2026, 6, 7)]
    assert [(s, e) for s, e, _ in got] == [(_at(d, 8, 0), _at(d, 10, 0)) for d in sundays]
    assert all(s.weekday() == 6 and s.day <= 7 for s, _, _ in got)


def test_two_rules_of_one_club_are_two_events_in_one_file(built_site):
    got = _sessions(built_site, "cau-lac-bo/doc-sach-trung-tam.ics", date(2026, 4, 27), date(2026, 5, 4))
    assert [(s, uid.split("@")[0]) for s, _, uid in got] == [
        (_at(date(2026, 5, 2), 15, 0), "clb-doc-sach-trung-tam-2"),
        (_at(date(2026, 5, 3), 8, 0), "clb-doc-sach-trung-tam-1"),
    ]


def test_every_other_saturday(built_site):
    got = _sessions(built_site, "cau-lac-bo/theu-tho-cam-ban-cang.ics", date(2025, 1, 1), date(2026, 3, 10))
    assert [s for s, _, _ in got] == [_at(d, 14, 0) for d in (
        date(2026, 1, 10), date(2026, 1, 24), date(2026, 2, 7), date(2026, 2, 21), date(2026, 3, 7))]


def test_fifteenth_of_every_month(built_site):
    got = _sessions(built_site, "cau-lac-bo/nuoi-ong-khau-cang.ics", date(2026, 3, 1), date(2026, 7, 1))
    assert [(s, e) for s, e, _ in got] == [(_at(date(2026, m, 15), 8, 0), _at(date(2026, m, 15), 10, 30))
                                           for m in (3, 4, 5, 6)]


def test_class_sessions_stay_within_the_class_dates(built_site):
    got = _sessions(built_site, "lop-hoc/ghep-xoai-ban-pung-2026.ics", date(2024, 1, 1), date(2031, 1, 1))
    assert [(s, e) for s, e, _ in got] == [(_at(date(2026, 5, d), 8, 0), _at(date(2026, 5, d), 11, 0))
                                           for d in (5, 12, 19, 26)]


def test_weekday_class_with_days_off(built_site):
    got = _sessions(built_site, "lop-hoc/may-cong-nghiep-2026.ics", date(2024, 1, 1), date(2031, 1, 1))
    off = {date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1)}
    expected = []
    day = date(2026, 3, 2)
    while day <= date(2026, 5, 29):
        if day.weekday() < 5 and day not in off:
            expected.append((_at(day, 7, 30), _at(day, 11, 0)))
        day += timedelta(days=1)
    assert [(s, e) for s, e, _ in got] == expected
    assert len(expected) == 62


def test_club_sessions_are_in_the_main_and_category_feeds(built_site):
    week = (date(2026, 4, 20), date(2026, 4, 27))
    main = {uid.split("@")[0] for _, _, uid in _sessions(built_site, "lich/lich.ics", *week)}
    assert {"clb-van-nghe-ban-lan-1", "clb-bong-chuyen-ban-pung-1", "clb-doc-sach-trung-tam-2",
            "lop-may-cong-nghiep-2026-1"} <= main
    clubs = {uid.split("@")[0] for _, _, uid in _sessions(built_site, "lich/the-loai/cau-lac-bo.ics", *week)}
    courses = {uid.split("@")[0] for _, _, uid in _sessions(built_site, "lich/the-loai/lop-hoc.ics", *week)}
    assert {"clb-van-nghe-ban-lan-1", "clb-duong-sinh-ban-na-vuong-1"} <= clubs
    assert not any(u.startswith("lop-") for u in clubs)
    assert courses == {"lop-may-cong-nghiep-2026-1"}
    # a whole-range expansion of the category feed holds every club rule
    cal = icalendar.Calendar.from_ical((built_site / "lich/the-loai/cau-lac-bo.ics").read_bytes())
    uids = {str(c["UID"]).split("@")[0] for c in cal.walk("VEVENT") if str(c["UID"]).startswith("clb-")}
    assert uids == {"clb-van-nghe-ban-lan-1", "clb-bong-chuyen-ban-pung-1", "clb-doc-sach-trung-tam-1",
                    "clb-doc-sach-trung-tam-2", "clb-theu-tho-cam-ban-cang-1", "clb-duong-sinh-ban-na-vuong-1",
                    "clb-nuoi-ong-khau-cang-1"}


def test_sessions_show_on_the_calendar_month_page(built_site):
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((built_site / "lich/thang/2026-05.html").read_text(encoding="utf-8"), "html.parser")
    titles = [a.get_text(strip=True) for a in soup.select(".hoctap-month__list .hoctap-occ__title")]
    assert titles.count("Lớp chuyển giao kỹ thuật ghép và chăm sóc xoài") == 4
