"""Clubs and classes: ``events/cau-lac-bo/*.yaml`` and ``events/lop-hoc/*.yaml``. Their meeting
schedules become calendar events (``event_providers``), so clubs load before the calendar."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .backlinks import club_backlinks
from .model import Club, Course, club_events, load_clubs
from .pages import listing_block, render_clubs
from .scaffold import club_file_schema, club_scaffold


def course_scaffold(title, slug, today):
    return club_scaffold(title, slug, today, course=True)


CLUBS = Kind(
    name="cau-lac-bo", label="Câu lạc bộ & lớp học",
    files=(ContentKind(name="cau-lac-bo", label="Câu lạc bộ", folder="events/cau-lac-bo", pattern="*.yaml",
                       model=Club, scaffold=club_scaffold, file_schema=club_file_schema),
           ContentKind(name="lop-hoc", label="Lớp học", folder="events/lop-hoc", pattern="*.yaml",
                       model=Course, scaffold=course_scaffold, file_schema=club_file_schema)),
    load=load_clubs,
    blocks={"danh-sach-clb": listing_block},
    outputs=render_clubs,
    event_providers=(club_events,),
    backlinks=(club_backlinks,),
    requires=("ke-hoach",),
    feeds=("su-kien",),
    anchors=((r"^(buoi_sinh_hoat|ly_do_trang_thai)|Trạng thái lớp", "bao-cao-to-chuc"),),
)
