"""Events and the calendar: ``events/*.yaml``, occurrences (recurrence, lunar dates), the
calendar pages and the ``.ics`` feeds. Other kinds add events through ``Kind.event_providers``
(and ``feeds=("su-kien",)``), so there is one recurrence implementation."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .backlinks import event_backlinks
from .calendar import load_calendar
from .model import EventSource
from .agenda import agenda_block
from .pages import next_events_block, render_calendar, upcoming_block
from .scaffold import event_file_schema, event_scaffold

EVENTS = Kind(
    name="su-kien", label="Sự kiện",
    files=(ContentKind(name="su-kien", label="Sự kiện", folder="events", pattern="*.yaml",
                       model=EventSource, scaffold=event_scaffold, file_schema=event_file_schema),),
    load=load_calendar,
    blocks={"su-kien-sap-toi": next_events_block, "lich-sap-toi": upcoming_block,
            "tuan-nay": agenda_block},
    outputs=render_calendar,
    backlinks=(event_backlinks,),
    requires=("ke-hoach",),
    anchors=((r"ngay_am|ngay_30|âm lịch", "ngay-am-lich"),
             (r"^(da_to_chuc|to_chuc|ngay_ky_niem|nguoi_tham_gia)|\.moc\[", "bao-cao-to-chuc")),
)
