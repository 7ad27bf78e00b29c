"""Recurrence edge cases in the core (no MkDocs): each either expands right or is a Vietnamese error."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hoctap.core.problems import Problems
from hoctap.kinds.events.model import Event, EventSource
from hoctap.kinds.events.recurrence import expand
from hoctap.core.timezone import TZ

WINDOW = (date(2025, 1, 1), date(2031, 12, 31))


def event(**fields) -> Event:
    data = {"ma": "thu", "tieu_de": "Thử", "the_loai": "hoi-thi", **fields}
    return Event(EventSource.model_validate(data), Path("events/thu.yaml"), 3)


def run(ev: Event):
    problems = Problems(Path("."))
    return expand(ev, WINDOW, problems), [f"{p.field}: {p.message}" for p in problems.items]


def test_start_that_is_not_an_instance_of_its_rule_is_refused():
    occs, errors = run(event(bat_dau="2026-05-06", lap_lai={"kieu": "hang_tuan", "thu": ["T7"], "so_lan": 3}))
    assert occs == []
    assert errors == ["bat_dau: Ngày bắt đầu Thứ Tư, 06/05/2026 không phải là một buổi của lịch lặp."]


def test_weekly_count_starts_on_the_first_instance():
    occs, errors = run(event(bat_dau="2026-05-09", lap_lai={"kieu": "hang_tuan", "thu": ["T7"], "so_lan": 3}))
    assert errors == []
    assert [o.start for o in occs] == [date(2026, 5, 9), date(2026, 5, 16), date(2026, 5, 23)]


def test_moved_instance_with_end_of_another_type_or_before_start():
    base = {"bat_dau": "2026-05-06 19:00", "ket_thuc": "2026-05-06 21:00"}
    _, errors = run(event(**base, lap_lai={"kieu": "hang_tuan", "thu": ["T4"], "so_lan": 5,
                                           "doi_ngay": [{"ngay": "2026-05-13", "ket_thuc": "2026-05-13"}]}))
    assert errors == ["lap_lai.doi_ngay[1]: ket_thuc phải cùng dạng với bat_dau (ngày, hoặc ngày giờ)."]
    _, errors = run(event(**base, lap_lai={"kieu": "hang_tuan", "thu": ["T4"], "so_lan": 5,
                                           "doi_ngay": [{"ngay": "2026-05-20", "ket_thuc": "2026-05-20 18:00"}]}))
    assert errors == ["lap_lai.doi_ngay[1]: Kết thúc (20/05/2026 18:00) đứng trước bắt đầu (20/05/2026 19:00)."]


def test_per_year_dates_with_end_of_another_type():
    _, errors = run(event(bat_dau="2026-10-01", ket_thuc="2026-10-07", lap_lai={
        "kieu": "hang_nam", "theo_nam": {2027: {"bat_dau": "2027-10-01", "ket_thuc": "2027-10-07 08:00"}}}))
    assert errors == ["lap_lai.theo_nam.2027: ket_thuc phải cùng dạng với bat_dau (ngày, hoặc ngày giờ)."]


def test_moved_instance_beyond_the_window_is_still_an_instance():
    occs, errors = run(event(bat_dau="2026-01-07 19:00", lap_lai={
        "kieu": "hang_tuan", "thu": ["T4"], "doi_ngay": [{"ngay": "2032-01-07", "bat_dau": "2032-01-08 19:00"}]}))
    assert errors == []
    assert occs[0].start == datetime(2026, 1, 7, 19, 0, tzinfo=TZ)


def test_lunar_count_counts_instances_not_years():
    occs, errors = run(event(bat_dau="2026-04-26", lap_lai={"kieu": "am_lich", "ngay_am": "10/3", "cach": 2,
                                                            "so_lan": 3}))
    assert errors == []
    # 10/3 âm lịch (vnlunar agrees): 26/04/2026, 04/04/2028, 12/04/2030.
    assert [o.start for o in occs] == [date(2026, 4, 26), date(2028, 4, 4), date(2030, 4, 12)]
