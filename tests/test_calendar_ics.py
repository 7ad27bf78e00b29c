"""The produced .ics feeds, parsed with icalendar and expanded with recurring-ical-events."""

from __future__ import annotations

import filecmp
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from conftest import mkdocs_build

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HOST = "hoctap-vienglan.example.org"


def load(site, path="lich/lich.ics") -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_bytes())


def instances(cal, uid_prefix, start=(2025, 1, 1), end=(2030, 1, 1)):
    found = [e for e in recurring_ical_events.of(cal).between(start, end)
             if str(e["UID"]).startswith(uid_prefix)]
    return sorted(found, key=lambda e: (str(e.start), str(e["UID"])))


def start_days(events):
    return [e.start if not isinstance(e.start, datetime) else e.start.date() for e in events]


def test_every_feed_is_valid_rfc5545(built_site):
    feeds = sorted(built_site.rglob("*.ics"))
    assert len(feeds) > 20  # site feed, one per category, one per event
    for path in feeds:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        assert cal["VERSION"] == "2.0", path
        assert cal["PRODID"], path
        assert cal["CALSCALE"] == "GREGORIAN"
        assert cal["METHOD"] == "PUBLISH"
        assert cal["X-WR-CALNAME"] and cal["NAME"]
        assert cal["X-WR-TIMEZONE"] == "Asia/Ho_Chi_Minh"
        refresh = cal["REFRESH-INTERVAL"]
        assert refresh.params.get("VALUE") == "DURATION"
        assert refresh.dt == timedelta(hours=6)
        assert str(cal["X-PUBLISHED-TTL"]) == "PT6H"
        tzids = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
        assert tzids == ["Asia/Ho_Chi_Minh"], path
        events = cal.walk("VEVENT")
        # A village's feed exists before its first activity (its address is on the village page),
        # and a category's stays at its address when all its activities have moved to the archives.
        assert events or "/lich/ban/" in path.as_posix() or "/lich/the-loai/" in path.as_posix(), path
        for ev in events:
            assert ev["UID"].endswith("@" + HOST)
            assert isinstance(ev["DTSTAMP"].dt, datetime) and ev["DTSTAMP"].dt.utcoffset() == timedelta(0)
            assert ev["LAST-MODIFIED"].dt == ev["DTSTAMP"].dt
            start = ev["DTSTART"].dt
            if isinstance(start, datetime):
                assert start.tzinfo is not None, "floating time in " + str(path)
                assert ev["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
            else:
                assert ev["DTSTART"].params.get("VALUE") == "DATE"
                assert ev["DTEND"].dt > start  # exclusive end of an all-day event
            assert ev["URL"].startswith(f"https://{HOST}/lich/su-kien/")


def test_uids_are_unique_per_instance(built_site):
    cal = load(built_site)
    seen = set()
    for ev in cal.walk("VEVENT"):
        key = (str(ev["UID"]), str(ev.get("RECURRENCE-ID").dt) if ev.get("RECURRENCE-ID") else None)
        assert key not in seen
        seen.add(key)


def test_solar_yearly_commemorative_day(built_site):
    cal = load(built_site)
    events = instances(cal, "ngay-sach-va-van-hoa-doc@")
    assert start_days(events) == [date(y, 4, 21) for y in (2026, 2027, 2028, 2029)]
    master = next(e for e in cal.walk("VEVENT") if e["UID"] == f"ngay-sach-va-van-hoa-doc@{HOST}")
    assert master["DTSTART"].dt == date(2026, 4, 21)
    assert master["DTEND"].dt == date(2026, 4, 22)
    assert master["RRULE"]["FREQ"] == ["YEARLY"]


def test_monthly_nth_weekday_with_excluded_moved_and_cancelled_instances(built_site):
    cal = load(built_site)
    events = instances(cal, "chieu-phim-luu-dong@", (2026, 1, 1), (2027, 1, 1))
    starts = [e.start for e in events]
    expected_days = [date(2026, 1, 3), date(2026, 3, 7), date(2026, 4, 4), date(2026, 5, 9),
                     date(2026, 6, 6), date(2026, 7, 4), date(2026, 8, 1), date(2026, 9, 5),
                     date(2026, 10, 3), date(2026, 11, 7), date(2026, 12, 5)]
    assert [s.date() for s in starts] == expected_days  # 7/2 excluded, 2/5 moved to 9/5
    assert all(s.hour == 19 and s.minute == 30 and s.utcoffset() == timedelta(hours=7) for s in starts)
    assert all(e.end - e.start == timedelta(hours=2) for e in events)
    cancelled = [e for e in events if e.get("STATUS") == "CANCELLED"]
    assert [c.start.date() for c in cancelled] == [date(2026, 8, 1)]
    assert str(cancelled[0]["SUMMARY"]).startswith("[ĐÃ HỦY]")
    moved = next(e for e in events if e.start.date() == date(2026, 5, 9))
    assert moved["RECURRENCE-ID"].dt == datetime(2026, 5, 2, 19, 30, tzinfo=VN)


def test_lunar_festivals_are_dated_instances_with_stable_uids(built_site):
    cal = load(built_site, "lich/su-kien/tet-nguyen-dan.ics")   # every instance of the window
    tet = instances(cal, "tet-nguyen-dan-")
    # Published Vietnamese calendar: Tết 2026 17/2, 2027 6/2, 2028 26/1, 2029 13/2.
    assert start_days(tet) == [date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13)]
    assert [str(e["UID"]) for e in tet] == [f"tet-nguyen-dan-{y}@{HOST}" for y in (2026, 2027, 2028, 2029)]
    assert all(e.end - e.start == timedelta(days=3) for e in tet)  # mùng 1–3, exclusive DTEND
    assert not any("RRULE" in e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("tet-"))
    # the subscription feed: what starts within lich.so_ngay_toi (365) days of the build day
    shared = load(built_site)
    assert start_days(instances(shared, "tet-nguyen-dan-")) == [date(2026, 2, 17), date(2027, 2, 6)]
    hung = instances(load(built_site, "lich/su-kien/gio-to-hung-vuong.ics"), "gio-to-hung-vuong-")
    assert start_days(hung)[:2] == [date(2026, 4, 26), date(2027, 4, 16)]
    trung_thu = instances(load(built_site, "lich/su-kien/tet-trung-thu.ics"), "tet-trung-thu-")
    assert [e.start for e in trung_thu][:2] == [datetime(2026, 9, 25, 19, 0, tzinfo=VN),
                                                datetime(2027, 9, 15, 19, 0, tzinfo=VN)]


def test_yearly_week_with_per_year_override(built_site):
    cal = load(built_site)
    weeks = instances(cal, "tuan-le-hoc-tap-suot-doi@")
    spans = [(e.start, e.end) for e in weeks]
    assert spans[:3] == [(date(2025, 10, 1), date(2025, 10, 8)),
                         (date(2026, 10, 5), date(2026, 10, 12)),   # announced dates for 2026
                         (date(2027, 10, 1), date(2027, 10, 8))]


def test_multi_day_and_timed_single_events(built_site):
    cal = load(built_site)
    expo = instances(cal, "trien-lam-anh-ban-lang-2026@")
    assert [(e.start, e.end) for e in expo] == [(date(2026, 11, 20), date(2026, 12, 1))]
    fair = instances(cal, "hoi-sach-2026@")
    assert [(e.start, e.end) for e in fair] == [(datetime(2026, 4, 21, 7, 30, tzinfo=VN),
                                                 datetime(2026, 4, 21, 16, 30, tzinfo=VN))]
    assert fair[0]["GEO"].latitude == pytest.approx(21.0489)


def test_cancelled_event_is_kept_and_marked(built_site):
    cal = load(built_site)
    (ev,) = instances(cal, "giao-luu-van-nghe-ban-cang-2026@")
    assert ev["STATUS"] == "CANCELLED"
    assert str(ev["SUMMARY"]) == "[ĐÃ HỦY] Giao lưu văn nghệ bản Cang"
    assert ev["SEQUENCE"] == 1


def test_stamps_come_from_content_not_the_clock(built_site):
    cal = load(built_site)
    ev = next(e for e in cal.walk("VEVENT") if e["UID"] == f"giao-luu-van-nghe-ban-cang-2026@{HOST}")
    assert ev["DTSTAMP"].dt == datetime(2026, 11, 20, tzinfo=VN).astimezone(ZoneInfo("UTC"))
    assert ev["SEQUENCE"] == 1
    # The screening's schedule changed in git after its cap_nhat (issue #15: no screening on Tết
    # 2027, January's screening in Khâu Cang): its stamps follow that commit, and SEQUENCE rose.
    ev = next(e for e in cal.walk("VEVENT") if e["UID"] == f"chieu-phim-luu-dong@{HOST}")
    assert ev["DTSTAMP"].dt > datetime(2026, 7, 30, tzinfo=VN)
    assert ev["SEQUENCE"] >= 3


def test_category_and_event_feeds_hold_only_their_events(built_site):
    import yaml
    from conftest import ROOT

    films = set()
    for path in (ROOT / "events").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = data.get("su_kien", [data]) if isinstance(data, dict) else []
        films |= {e["ma"] for e in items if isinstance(e, dict) and e.get("the_loai") == "chieu-phim"}
    assert "chieu-phim-luu-dong" in films
    film = load(built_site, "lich/the-loai/chieu-phim.ics")
    current = {str(e["UID"]).split("@")[0] for e in film.walk("VEVENT")}
    # the ones that ended before the feed window are in the yearly archives, not in the category feed
    archived = {str(e["UID"]).split("@")[0] for path in (built_site / "lich/luu-tru").glob("*.ics")
                for e in load(built_site, path.relative_to(built_site).as_posix()).walk("VEVENT")
                if str(e.get("CATEGORIES").cats[0]) == "Chiếu phim"} if (built_site / "lich/luu-tru").is_dir() else set()
    assert current and not current & archived
    assert current | archived == films
    one = load(built_site, "lich/su-kien/tet-nguyen-dan.ics")
    assert {str(e["UID"]).split("@")[0].rsplit("-", 1)[0] for e in one.walk("VEVENT")} == {"tet-nguyen-dan"}


def test_two_builds_are_byte_identical(tmp_path, built_site):
    from conftest import ROOT
    other = tmp_path / "again"
    result = mkdocs_build(ROOT, other)
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    assert first == second
    different = [str(p) for p in first if not filecmp.cmp(built_site / p, other / p, shallow=False)]
    assert different == []


def test_uid_survives_edits_of_title_time_and_file_name(project, tmp_path):
    events = project / "events"
    src = (events / "hoat-dong-2026.yaml").read_text(encoding="utf-8")
    edited = src.replace("tieu_de: Hội sách và Ngày hội đọc sách của xã", "tieu_de: Hội sách mùa xuân") \
                .replace('bat_dau: "2026-04-21 07:30"', 'bat_dau: "2026-04-21 08:00"')
    assert edited != src
    (events / "hoat-dong-2026.yaml").unlink()
    (events / "hoat-dong-nam-2026.yaml").write_text(edited, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    (fair,) = instances(load(site), "hoi-sach-2026@")
    assert str(fair["UID"]) == f"hoi-sach-2026@{HOST}"
    assert str(fair["SUMMARY"]) == "Hội sách mùa xuân"
    assert fair.start == datetime(2026, 4, 21, 8, 0, tzinfo=VN)


def test_all_day_events_leave_the_day_free_and_timed_ones_keep_the_default(built_site):
    """TRANSP:TRANSPARENT on all-day events (a commemorative day does not make anyone busy); timed
    events keep RFC 5545's default, OPAQUE, without writing it."""
    cal = load(built_site)
    events = [e for e in cal.walk("VEVENT")]
    all_day = [e for e in events if not isinstance(e.decoded("DTSTART"), datetime)]
    timed = [e for e in events if isinstance(e.decoded("DTSTART"), datetime)]
    assert all_day and timed
    assert {str(e.get("TRANSP")) for e in all_day} == {"TRANSPARENT"}
    assert all("TRANSP" not in e for e in timed)
