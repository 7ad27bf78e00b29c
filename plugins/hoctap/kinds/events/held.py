"""Held versus scheduled (issue #15): a past activity is "đã tổ chức" only when staff record it
(``da_to_chuc`` on the event: one record per occurrence held), otherwise "chưa có báo cáo".

Club and class sessions are routine: their rule says when they are *scheduled*; what was held is
recorded in bulk per month on the club or class (``buoi_sinh_hoat``, see kinds/clubs). Events of
the category ``ngay-ky-niem`` are days to mark, not activities.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ...core.dates import short_date
from ...core.publishing import resource_problem
from .model import Event, HeldRecord
from .recurrence import Occurrence

HELD = "held"                 # past, recorded by staff
UNREPORTED = "unreported"     # past, no record
UPCOMING = "upcoming"
CANCELLED = "cancelled"
ROUTINE = "routine"           # a club or class session: scheduled by rule, recorded per month
DAY = "day"                   # a commemorative day without a record of its own

LABELS = {HELD: "Đã tổ chức", UNREPORTED: "Chưa có báo cáo", UPCOMING: "Sắp diễn ra",
          CANCELLED: "Đã hủy", ROUTINE: "Buổi theo lịch định kỳ", DAY: "Ngày kỷ niệm"}


def record_for(occ: Occurrence, today: date | None = None) -> HeldRecord | None:
    """The staff record of ``occ`` (its ``ngay`` falls on one of the occurrence's days; with
    ``today``, not after it: a record dated later counts from that day, like a later article)."""
    for record in occ.event.source.held:
        if occ.start_day <= record.day <= occ.end_day and (today is None or record.day <= today):
            return record
    return None


def status(occ: Occurrence, today: date, routine: frozenset[str] = frozenset()) -> str:
    src = occ.event.source
    if occ.is_cancelled:
        return CANCELLED
    if src.id in routine:
        return ROUTINE
    if record_for(occ, today) is not None:
        return HELD
    if occ.end_day >= today:
        return UPCOMING
    return DAY if src.commemorative else UNREPORTED


def _where(event: Event, index: int) -> tuple[str, int | None]:
    """The field name and line of held record ``index`` (a mapping or the n-th of a list)."""
    key = f"da_to_chuc[{index + 1}]"
    lines = dict(event.field_lines)
    if key in lines:
        return key, lines[key]
    return "da_to_chuc", event.line_of("da_to_chuc")


def check_held(hub, calendar) -> None:
    """Each record names a day of one occurrence (not cancelled, not after the build day), once;
    its photos are files of the site. Articles (``bai_viet``) are checked by the news kind."""
    problems = hub.problems
    for event in calendar.events.values():
        src = event.source
        if not src.held:
            continue
        occurrences = calendar.of_event(src.id)
        taken: dict[tuple, int] = {}
        for i, record in enumerate(src.held):
            field, line = _where(event, i)
            if record.day > hub.today:
                problems.warn(event.path, line, f"{field}.ngay",
                              f"Ngày tổ chức {short_date(record.day)} chưa tới (ngày xây dựng trang "
                              f"{short_date(hub.today)}); bản ghi chưa được tính.",
                              "chỉ ghi da_to_chuc sau khi hoạt động đã diễn ra")
                continue
            if src.recurrence is not None and record.day < calendar.window[0]:
                continue  # before the calendar's window: kept, not shown or counted
            occ = next((o for o in occurrences if o.start_day <= record.day <= o.end_day), None)
            if occ is None:
                problems.add(event.path, line, f"{field}.ngay",
                             f"Ngày {short_date(record.day)} không phải ngày diễn ra của hoạt động theo lịch.",
                             "ghi đúng ngày đã tổ chức; nếu hoạt động đã dời ngày, sửa bat_dau hoặc thêm doi_ngay")
                continue
            if occ.is_cancelled:
                problems.add(event.path, line, f"{field}.ngay",
                             f"Buổi ngày {short_date(record.day)} đã bị hủy trong lịch, không thể ghi đã tổ chức.",
                             "bỏ huy: true ở doi_ngay hoặc trang_thai: huy nếu hoạt động vẫn diễn ra")
                continue
            key = (occ.start_day, occ.start)
            if key in taken:
                problems.add(event.path, line, f"{field}.ngay",
                             f"Buổi ngày {short_date(occ.start_day)} đã có bản ghi ở da_to_chuc[{taken[key] + 1}].",
                             "mỗi buổi chỉ ghi một lần")
                continue
            taken[key] = i
            for j, photo in enumerate(record.photos):
                foreign = resource_problem(photo)
                target = hub.paths.docs_dir / photo
                if foreign:
                    problems.add(event.path, line, f"{field}.anh[{j + 1}]", foreign + ".")
                elif (photo.startswith(("/", "..")) or posixpath.normpath(photo).startswith("..")
                      or "\\" in photo or not target.is_file()):
                    problems.add(event.path, line, f"{field}.anh[{j + 1}]",
                                 f"Không có tệp ảnh '{photo}' trong thư mục {hub.paths.docs_dir.name}/.",
                                 "đường dẫn tính từ thư mục content/, ví dụ assets/news/ten-anh.jpg")


# -- club and class sessions: scheduled by rule, held as recorded per month --------------------

@dataclass(frozen=True)
class RoutineMonth:
    """One month of a club or class: sessions its rules scheduled (not cancelled), sessions held
    as recorded (``buoi_sinh_hoat``; None: no record) and the average attendance."""

    listing: object             # kinds.clubs.Listing
    year: int
    month: int
    scheduled: int
    held: int | None
    average: int | None


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1)


def monthly(listing, calendar, today: date) -> list[RoutineMonth]:
    """One row per month that is over on ``today`` (or has a record)."""
    scheduled = Counter()
    for event_id in listing.event_ids:
        for occ in calendar.of_event(event_id):
            if not occ.is_cancelled:
                scheduled[(occ.start_day.year, occ.start_day.month)] += 1
    records = {r.year_month: r for r in listing.item.sessions_held}
    months = {m for m in scheduled if _month_end(*m) <= today} | set(records)
    out = []
    for year, month in sorted(months):
        record = records.get((year, month))
        out.append(RoutineMonth(listing, year, month, scheduled[(year, month)],
                                record.sessions if record else None, record.average if record else None))
    return out
