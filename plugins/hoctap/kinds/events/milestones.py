"""Milestones (issue #15): reviews and reports the plans name (sơ kết 2025, tổng kết 2030, the
annual report to the level above), declared per unit under ``moc`` in mkdocs.yml next to the
targets. Each due date is a dated item on the calendar (one all-day event per unit and year,
``moc-<unit>-<ma>-<year>``) and on the report page of its year, with its document once published
(``van_ban``: the id of a document of the hub, i.e. of the ``ke-hoach`` kind); past due without a
document it says "Quá hạn, chưa có văn bản".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...core.dates import short_date
from ...core.urls import relative, urls
from ...site import rules

OVERDUE = "qua_han"
DOCUMENTED = "da_co_van_ban"
NOT_DUE = "chua_den_han"
STATE_LABELS = {OVERDUE: "Quá hạn, chưa có văn bản", DOCUMENTED: "Đã có văn bản", NOT_DUE: "Chưa đến hạn"}
PREFIX = "moc-"


@dataclass(frozen=True)
class MilestoneInstance:
    milestone: object        # site.config.Milestone
    unit: object             # the unit that must deliver it
    owner: object            # the unit whose plan names it
    year: int
    due: date
    document: str | None     # id of the document (a ke-hoach item), when published

    @property
    def id(self) -> str:
        return f"{PREFIX}{self.unit.id}-{self.milestone.id}-{self.year}"

    def state(self, today: date) -> str:
        if self.document:
            return DOCUMENTED
        return OVERDUE if self.due < today else NOT_DUE


def instances(config, unit_id: str) -> list[MilestoneInstance]:
    out = []
    unit = config.unit_by_id(unit_id)
    for milestone, owner in config.milestones_for(unit_id):
        docs = milestone.documents
        if milestone.due is not None:
            document = docs if isinstance(docs, str) else (docs or {}).get(milestone.due.year)
            out.append(MilestoneInstance(milestone, unit, owner, milestone.due.year, milestone.due, document))
        if milestone.yearly is not None:
            day, month = (int(x) for x in milestone.yearly.day.split("/"))
            for year in range(milestone.yearly.from_year, milestone.yearly.to_year + 1):
                document = (docs or {}).get(year) if isinstance(docs, dict) else None
                out.append(MilestoneInstance(milestone, unit, owner, year, date(year, month, day), document))
    return sorted(out, key=lambda m: (m.due, m.id))


def all_instances(config) -> list[MilestoneInstance]:
    return [m for unit in config.units for m in instances(config, unit.id)]


def check_milestones(hub) -> None:
    """Each milestone: one of ``han`` / ``hang_nam``; a valid day; its plan section exists and
    belongs to the declaring unit; its documents exist."""
    source = hub.paths.root / "mkdocs.yml"
    key = "cac_don_vi" if hub.config.multi else "don_vi"
    for i, unit in enumerate(hub.config.units):
        prefix = f"{key}[{i + 1}]" if hub.config.multi else key
        for j, milestone in enumerate(unit.milestones):
            where = f"{prefix}.moc[{j + 1}]"
            if (milestone.due is None) == (milestone.yearly is None):
                hub.problems.add(source, None, where, f"Mốc '{milestone.id}' cần đúng một trong hai: han hoặc hang_nam.",
                                 "ví dụ han: 2025-12-31, hoặc hang_nam: { tu_nam: 2025, den_nam: 2030, ngay: \"31/12\" }")
            yearly = milestone.yearly
            if yearly is not None:
                day, month = (int(x) for x in yearly.day.split("/"))
                try:
                    date(2001, month, day)   # a year that is not a leap year: 29/02 is refused
                except ValueError:
                    hub.problems.add(source, None, f"{where}.hang_nam.ngay",
                                     f"'{yearly.day}' không phải ngày có trong mọi năm.", "viết ngày/tháng, ví dụ \"31/12\"")
                if yearly.to_year < yearly.from_year:
                    hub.problems.add(source, None, f"{where}.hang_nam.den_nam",
                                     f"den_nam ({yearly.to_year}) đứng trước tu_nam ({yearly.from_year}).")
            if isinstance(milestone.documents, dict) and yearly is None:
                hub.problems.add(source, None, f"{where}.van_ban",
                                 "Mốc một lần ghi van_ban là một mã văn bản, không theo năm.")
            cited = rules.check_citation(hub.problems, source, None, f"{where}.ke_hoach", hub.plans, milestone.plan_ref)
            if cited is not None and hub.config.multi and hub.unit_of(cited.plan.source) != unit.id:
                hub.problems.add(source, None, f"{where}.ke_hoach",
                                 f"Mốc '{milestone.id}' của đơn vị '{unit.id}' dẫn kế hoạch '{cited.plan.id}' "
                                 f"của đơn vị '{hub.unit_of(cited.plan.source)}'.",
                                 "khai báo mốc ở đơn vị ban hành kế hoạch (ap_dung: don_vi_con cho các đơn vị con)")
            docs = milestone.documents
            for year, doc in (docs.items() if isinstance(docs, dict) else [(None, docs)] if docs else []):
                field = f"{where}.van_ban" + (f".{year}" if year is not None else "")
                if hub.plans.get(doc) is None:
                    hub.problems.add(source, None, field, f"Không có văn bản mã '{doc}' trên trang.",
                                     "đăng văn bản trong thư mục ke-hoach của đơn vị rồi ghi mã (ma) của nó")
                elif yearly is not None and year is not None and not yearly.from_year <= year <= yearly.to_year:
                    hub.problems.add(source, None, field,
                                     f"Năm {year} nằm ngoài thời gian của mốc ({yearly.from_year}–{yearly.to_year}).")


def milestone_events(hub) -> list[dict]:
    """Event data (validated by the caller) for each milestone instance inside the calendar window."""
    out = []
    for m in all_instances(hub.config):
        cited = rules.cite(hub.plans, m.milestone.plan_ref)
        source = "" if isinstance(cited, str) else f" theo {cited.label(section_title=False)}"
        text = f"Mốc đánh giá{source}: hạn {short_date(m.due)}."
        links = []
        plan = hub.plans.get(m.document) if m.document else None
        if plan is not None:
            links.append({"ten": f"Văn bản: {plan.meta.title if hasattr(plan.meta, 'title') else plan.id}",
                          "url": relative(urls.event(m.id), plan.url)})
        out.append({"ma": m.id, "tieu_de": f"{m.milestone.name} ({m.unit.short_name}, {m.year})",
                    "bat_dau": m.due, "the_loai": CATEGORY, "mo_ta": text, "lien_ket": links,
                    "to_chuc": "trung-tam", "ke_hoach": [m.milestone.plan_ref],
                    "dia_diem": {"ten": m.unit.centre}, "_unit": m.unit.id})
    return out


CATEGORY = "moc-danh-gia"
