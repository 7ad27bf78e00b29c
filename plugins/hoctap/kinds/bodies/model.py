"""Who does what (phân công): ``events/<unit>/phan-cong/<ma>.yaml``, one body per file.

Policy:

- A body (cơ quan, đơn vị, tổ chức) is named exactly as the plan text names it, in the folder
  of the unit whose plan names it.
- Each task (``giao_viec``) cites the plan section that assigns it (``ma-ke-hoach#III.1``, the
  shared citation rule), says the body's role there (``chu_tri`` lead, ``phoi_hop`` partner,
  ``thuc_hien`` assigned without either word) and may quote the plan (``trich``): a quote must
  be word for word in that section. The section must belong to a plan of the body's unit or of
  a unit above it.
- Events, clubs and classes name the bodies that organised them with ``co_quan: [<ma>, …]``: a
  body of the item's unit or of a unit above it (checked here, once every item has loaded).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field

from ...core.problems import Problems
from ...core.sources import load_yaml_file
from ...core.urls import urls
from ...core.validation import did_you_mean
from ...core.values import SingleLine, Slug, Text, slugify
from ...site import rules
from ...site.config import Strict

FOLDER = "phan-cong"        # inside each unit's events folder
EXTRAS_KEY = "phan-cong"    # hub.extras: the BodyIndex
ROLE_LABELS = {"chu_tri": "Chủ trì", "phoi_hop": "Phối hợp", "thuc_hien": "Thực hiện"}
RESERVED_IDS = frozenset({"index", "ke-hoach"})


class Task(Strict):
    section: SingleLine = Field(alias="ke_hoach", min_length=1)    # ma-ke-hoach#III.1
    role: Literal["chu_tri", "phoi_hop", "thuc_hien"] = Field(alias="vai_tro")
    quote: SingleLine | None = Field(None, alias="trich")          # word for word from the section

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


class Body(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    notes: Text | None = Field(None, alias="ghi_chu")
    tasks: tuple[Task, ...] = Field((), alias="giao_viec")


@dataclass
class BodyRecord:
    body: Body
    path: Path
    unit: str | None
    tasks: list[tuple[Task, object]] = field(default_factory=list)   # (task, rules.Citation)
    events: list = field(default_factory=list)       # kinds.events.model.Event
    listings: list = field(default_factory=list)     # kinds.clubs.model.Listing

    @property
    def id(self) -> str:
        return self.body.id

    @property
    def url(self) -> str:
        return urls.body(self.body.id)

    def sort_key(self) -> tuple:
        return (slugify(self.body.name), self.body.id)


@dataclass
class BodyIndex:
    records: list[BodyRecord] = field(default_factory=list)

    def get(self, body_id: str) -> BodyRecord | None:
        return next((r for r in self.records if r.id == body_id), None)

    def of_plan(self, plan_id: str) -> list[tuple[object, list[tuple[str, BodyRecord, Task]]]]:
        """(section, [(role, body, task)]) for each section of ``plan_id`` assigned to a body, in
        the plan's order; bodies by role (lead, partner, assigned) then name."""
        order = list(ROLE_LABELS)
        by_section: dict[str, tuple[object, list]] = {}
        for record in self.records:
            for task, cited in record.tasks:
                if cited.plan.id == plan_id:
                    by_section.setdefault(cited.section.anchor, (cited, []))[1].append((task.role, record, task))
        out = []
        for cited, rows in by_section.values():
            rows.sort(key=lambda r: (order.index(r[0]), r[1].sort_key()))
            out.append((cited, rows))
        plan = out[0][0].plan if out else None
        anchors = [s.anchor for s in plan.sections] if plan else []
        out.sort(key=lambda x: anchors.index(x[0].section.anchor))
        return out


def bodies_of(hub) -> BodyIndex:
    return hub.extras.setdefault(EXTRAS_KEY, BodyIndex())


# -- loading ---------------------------------------------------------------------------------

def load_bodies(hub) -> None:
    index = bodies_of(hub)

    def check(path: Path, located, body: Body) -> BodyRecord:
        record = BodyRecord(body, path, hub.unit_of(path))
        _check(hub, record, located)
        return record

    index.records = rules.load_items(hub, "phan-cong", "cơ quan", check)
    index.records.sort(key=BodyRecord.sort_key)
    _check_organisers(hub, index)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def section_text(plan, section) -> str:
    """The text of a section: from its heading to the next heading at its level or above."""
    lines = plan.body.split("\n")
    start = section.line - plan.body_line
    later = [s.line for s in plan.sections if s.line > section.line and s.level <= section.level]
    end = (min(later) - plan.body_line) if later else len(lines)
    return "\n".join(lines[start:end])


def _check(hub, record: BodyRecord, located) -> None:
    problems, path, body = hub.problems, located.path, record.body
    if body.id in RESERVED_IDS:
        problems.add(path, located.line_of(("ma",)), "ma", f"Mã '{body.id}' trùng với tên trang có sẵn; hãy chọn mã khác.")
    reachable = _units_up(hub, record.unit)
    for i, task in enumerate(body.tasks):
        where = f"giao_viec[{i + 1}]"
        line = located.line_of(("giao_viec", i, "ke_hoach"))
        cited = rules.check_citation(problems, path, line, f"{where}.ke_hoach", hub.plans, task.section)
        if cited is None:
            continue
        if cited.section is None:
            problems.add(path, line, f"{where}.ke_hoach",
                         f"Phân công phải dẫn chiếu một mục của kế hoạch, không phải cả kế hoạch '{cited.plan.id}'.",
                         f"ví dụ {cited.plan.id}#III.1")
            continue
        plan_unit = hub.unit_of(cited.plan.source)
        if hub.config.multi and plan_unit not in reachable:
            problems.add(path, line, f"{where}.ke_hoach",
                         f"Kế hoạch '{cited.plan.id}' thuộc đơn vị '{plan_unit}', không phải đơn vị của cơ quan này "
                         f"('{record.unit}') hay đơn vị cấp trên.",
                         "khai báo cơ quan trong thư mục của đơn vị có kế hoạch giao việc")
            continue
        if task.quote and _fold(task.quote) not in _fold(section_text(cited.plan, cited.section)):
            problems.add(path, located.line_of(("giao_viec", i, "trich")), f"{where}.trich",
                         f"Đoạn trích không có nguyên văn trong mục {cited.section.anchor} của kế hoạch '{cited.plan.id}'.",
                         "chép đúng từng chữ của kế hoạch, hoặc bỏ trường trich")
            continue
        record.tasks.append((task, cited))


def _units_up(hub, unit_id: str | None) -> list[str | None]:
    """The unit and the units above it (whose bodies and plans an item of the unit may name)."""
    if unit_id is None:
        return [None]
    return [unit_id, *hub.config.ancestors(unit_id)]


def _check_organisers(hub, index: BodyIndex) -> None:
    """``co_quan`` of events, clubs and classes: bodies of the item's unit or of a unit above it."""
    items = []
    calendar = getattr(hub, "calendar", None)
    routine = getattr(calendar, "routine", frozenset())
    for event in (calendar.events.values() if calendar is not None else ()):
        if event.source.id in routine or not event.source.bodies:
            continue
        items.append((event, event.path, lambda i, e=event: e.line_of("co_quan"), event.source.bodies, "events"))
    clubs = hub.extras.get("clubs")
    quiet = Problems(hub.paths.root)
    refused = rules.refused(hub, "phan-cong")
    for listing in (clubs.listings if clubs is not None else ()):
        if not listing.item.bodies:
            continue
        located = load_yaml_file(listing.path, quiet)
        items.append((listing, listing.path, lambda i, loc=located: loc.line_of(("co_quan", i)) if loc else None,
                      listing.item.bodies, "listings"))
    for item, path, line_of, body_ids, bucket in items:
        unit = hub.unit_of(path)
        allowed = [r for r in index.records if r.unit in _units_up(hub, unit)]
        for i, body_id in enumerate(body_ids):
            record = next((r for r in allowed if r.id == body_id), None)
            if record is None and body_id in refused:
                continue   # its own file's problem is reported there, once
            if record is None:
                known = sorted(r.id for r in allowed)
                field_name = "co_quan" + (f"[{i + 1}]" if len(body_ids) > 1 else "")
                problems_hint = did_you_mean(body_id, known, otherwise="khai báo cơ quan trong events/<đơn vị>/phan-cong/")
                where = f"đơn vị '{unit}' hoặc đơn vị cấp trên" if hub.config.multi else "trang"
                hub.problems.add(path, line_of(i), field_name,
                                 f"Không có cơ quan mã '{body_id}' trong danh sách phân công của {where}"
                                 + (f" (các mã: {', '.join(known)})." if known else "."), problems_hint)
                continue
            target = getattr(record, bucket)
            if item not in target:
                target.append(item)
