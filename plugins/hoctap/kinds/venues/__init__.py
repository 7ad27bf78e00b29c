"""Venues (nhà văn hóa, điểm học tập): ``events/<unit>/nha-van-hoa/<ma>.yaml``, their pages, a
listing per unit with village filter pages, and one ``.ics`` per venue. Events, clubs and
classes name a venue (``nha_van_hoa: <ma>``), so venues load before them (``feeds=``)."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .model import FOLDER, Venue, load_venues
from .pages import render_venues, search_entries
from .scaffold import venue_file_schema, venue_scaffold

VENUES = Kind(
    name="nha-van-hoa", label="Nhà văn hóa",
    files=(ContentKind(name="nha-van-hoa", label="Nhà văn hóa", folder=f"events/{FOLDER}", pattern="*.yaml",
                       model=Venue, scaffold=venue_scaffold, file_schema=venue_file_schema),),
    load=load_venues,
    outputs=render_venues,
    search=(search_entries,),
    requires=("ke-hoach",),          # after the plans, which every kind may cite
    feeds=("su-kien", "cau-lac-bo"),
    anchors=((r"^nha_van_hoa: ", "nha-van-hoa"), (r"^dia_diem: Thiếu nơi sinh hoạt", "nha-van-hoa")),
)
