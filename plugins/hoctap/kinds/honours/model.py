"""Honour roll (vinh danh): ``events/<unit>/vinh-danh/<ma>.yaml``, one decision per file with
the recognitions it grants.

Policy:

- A file is one decision: who decided (``quyet_dinh``: number, date, body) or the decision's
  record in the document library (``van_ban: <ma>``, checked), the year recognised (``nam``)
  and the list (``danh_sach``) of what it recognises: kind (``loai``), name as the decision
  prints it (``ten``), village (``ban``, a village of the file's unit).
- Published names are only those in the decision. A person's name (a family, a learner, an
  exemplary individual) can be withheld with ``an_ten: true``: the page says "(không công bố
  tên)", and the name is then not written in the file at all (the repository is public).
- Invented data is ``mau: true`` (the page says "Dữ liệu mẫu") and its names say "(mẫu)";
  a sample unit (``mau: true`` in mkdocs.yml) holds only sample decisions.
- ``honour_counts(hub, year, units)`` counts recognitions for the reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field

from ...core.listing import chunks
from ...core.urls import urls
from ...core.values import Date, SingleLine, Slug, slugify
from ...site import rules
from ...site.config import Strict

FOLDER = "vinh-danh"        # inside each unit's events folder
EXTRAS_KEY = "vinh-danh"    # hub.extras: the HonourIndex (the reports kind reads its counts)
KIND_LABELS = {
    "gia_dinh_hoc_tap": "Gia đình học tập",
    "dong_ho_hoc_tap": "Dòng họ học tập",
    "cong_dong_hoc_tap": "Cộng đồng học tập",
    "don_vi_hoc_tap": "Đơn vị học tập",
    "cong_dan_hoc_tap": "Công dân học tập",
    "ca_nhan_tieu_bieu": "Cá nhân tiêu biểu",
    "tap_the_tieu_bieu": "Tập thể tiêu biểu",
}
PERSONAL = frozenset({"gia_dinh_hoc_tap", "cong_dan_hoc_tap", "ca_nhan_tieu_bieu"})
WITHHELD = "(không công bố tên)"
HonourKind = Literal["gia_dinh_hoc_tap", "dong_ho_hoc_tap", "cong_dong_hoc_tap", "don_vi_hoc_tap",
                     "cong_dan_hoc_tap", "ca_nhan_tieu_bieu", "tap_the_tieu_bieu"]


def kind_slug(kind: str) -> str:
    return kind.replace("_", "-")


class Decision(Strict):
    number: SingleLine = Field(alias="so_ky_hieu", min_length=1)
    issued: Date = Field(alias="ngay")
    body: SingleLine = Field(alias="co_quan", min_length=1)


class Entry(Strict):
    kind: HonourKind = Field(alias="loai")
    name: SingleLine | None = Field(None, alias="ten")
    withheld: bool = Field(False, alias="an_ten")
    village: SingleLine | None = Field(None, alias="ban")

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def shown_name(self) -> str:
        return WITHHELD if self.withheld else (self.name or "")


class HonourRoll(Strict):
    id: Slug = Field(alias="ma")
    year: int = Field(alias="nam", ge=1945, le=2200)
    decision: Decision | None = Field(None, alias="quyet_dinh")
    document: Slug | None = Field(None, alias="van_ban")
    entries: tuple[Entry, ...] = Field(alias="danh_sach")   # not empty: checked in _check (one message)
    sample: bool = Field(False, alias="mau")


@dataclass
class Roll:
    roll: HonourRoll
    path: Path
    unit: str | None
    document: object | None = None      # kinds.documents.model.Record

    @property
    def number(self) -> str | None:
        if self.roll.decision:
            return self.roll.decision.number
        return self.document.doc.number if self.document else None

    @property
    def issued(self):
        if self.roll.decision:
            return self.roll.decision.issued
        return self.document.doc.issued if self.document else None

    @property
    def body(self) -> str | None:
        if self.roll.decision:
            return self.roll.decision.body
        return self.document.doc.issuer if self.document else None


@dataclass(frozen=True)
class Row:
    """One recognition, with its decision and unit."""

    entry: Entry
    roll: Roll

    @property
    def sample(self) -> bool:
        return self.roll.roll.sample


@dataclass
class HonourIndex:
    rolls: list[Roll] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    unit_order: tuple[str, ...] = ()

    def years(self) -> list[int]:
        return sorted({r.roll.roll.year for r in self.rows}, reverse=True)

    def kinds(self) -> list[str]:
        present = {r.entry.kind for r in self.rows}
        return [k for k in KIND_LABELS if k in present]

    def in_year(self, year: int, units=None) -> list[Row]:
        return [r for r in self.rows if r.roll.roll.year == year and (units is None or r.roll.unit in units)]

    def of_kind(self, kind: str) -> list[Row]:
        """Newest year first."""
        return [r for r in self.rows if r.entry.kind == kind]   # rows are sorted newest year first

    def counts(self, year: int, units=None) -> dict:
        """For the reports: {"theo_loai": {label: n}, "tong": n, "mau": n} of ``year`` (in ``units``)."""
        rows = self.in_year(year, units)
        by_kind = Counter(r.entry.kind for r in rows)
        return {"theo_loai": {KIND_LABELS[k]: by_kind[k] for k in KIND_LABELS if by_kind[k]},
                "tong": len(rows), "mau": sum(1 for r in rows if r.sample)}

    def page_of(self, roll: Roll) -> int:
        """The page of the year listing that shows the decision's first recognition."""
        year_rows = self.in_year(roll.roll.year)
        for n, page in enumerate(chunks(year_rows), start=1):
            if any(r.roll is roll for r in page):
                return n
        return 1


def honours_of(hub) -> HonourIndex:
    return hub.extras.setdefault(EXTRAS_KEY, HonourIndex())


def honour_counts(hub, year: int, units=None) -> dict:
    """Recognitions of ``year`` (of the units ``units``, all when None): by kind label, total,
    and how many are sample data. The reports kind calls ``hub.extras["vinh-danh"].counts``."""
    return honours_of(hub).counts(year, units)


# -- loading ---------------------------------------------------------------------------------

def load_honours(hub) -> None:
    from ..documents.model import add_backlink, cite_document

    index = honours_of(hub)
    index.unit_order = tuple(u.id for u in hub.config.units)

    def check(path: Path, located, roll: HonourRoll) -> Roll:
        item = Roll(roll, path, hub.unit_of(path))
        if roll.document:
            item.document = cite_document(hub, path, located.line_of(("van_ban",)), "van_ban", roll.document)
        _check(hub, item, located)
        return item

    index.rolls = rules.load_items(hub, "vinh-danh", "vinh danh", check)
    order = {u: i for i, u in enumerate(index.unit_order)}
    kinds = list(KIND_LABELS)
    index.rows = sorted((Row(e, r) for r in index.rolls for e in r.roll.entries),
                        key=lambda x: (-x.roll.roll.year, order.get(x.roll.unit, 999), kinds.index(x.entry.kind),
                                       x.roll.issued or date.min, x.roll.roll.id,
                                       x.entry.withheld, slugify(x.entry.name or "")))
    for item in index.rolls:
        if item.document is not None:
            unit = hub.unit(item.unit)
            label = f"Vinh danh năm {item.roll.year}" + (f" – {unit.name}" if unit and hub.config.multi else "")
            add_backlink(hub, item.document.id, label,
                         urls.honours_year(item.roll.year, index.page_of(item)) + f"#{item.roll.id}", "Vinh danh")


def _check(hub, item: Roll, located) -> None:
    problems, path, roll = hub.problems, located.path, item.roll
    unit = hub.unit(item.unit)
    if roll.decision is None and roll.document is None:
        problems.add(path, located.line_of(("quyet_dinh",)), "quyet_dinh",
                     "Thiếu quyết định vinh danh: ghi quyet_dinh (số, ngày, cơ quan) hoặc van_ban (mã văn bản trong thư viện).")
    if item.document is not None and roll.decision is not None and item.document.doc.number \
            and item.document.doc.number != roll.decision.number:
        problems.add(path, located.line_of(("quyet_dinh", "so_ky_hieu")), "quyet_dinh.so_ky_hieu",
                     f"Số quyết định '{roll.decision.number}' khác số của văn bản '{item.document.id}' "
                     f"('{item.document.doc.number}').", "bỏ quyet_dinh khi đã ghi van_ban, hoặc sửa cho khớp")
    if unit is not None and unit.sample and not roll.sample:
        problems.add(path, located.line_of(("mau",)), "mau",
                     f"Đơn vị '{unit.id}' là đơn vị mẫu nên danh sách vinh danh cũng là dữ liệu mẫu.",
                     "ghi mau: true")
    if not roll.entries:
        problems.add(path, located.line_of(("danh_sach",)), "danh_sach",
                     "Danh sách vinh danh trống.", "mỗi danh hiệu một dòng bắt đầu bằng dấu -")
    for i, entry in enumerate(roll.entries):
        where = f"danh_sach[{i + 1}]"
        loc = ("danh_sach", i)
        if entry.withheld and entry.kind not in PERSONAL:
            problems.add(path, located.line_of(loc + ("an_ten",)), f"{where}.an_ten",
                         f"Chỉ ẩn được tên người; '{entry.kind_label}' là tập thể nên ghi tên như quyết định.",
                         "bỏ an_ten")
        elif entry.withheld and entry.name:
            problems.add(path, located.line_of(loc + ("ten",)), f"{where}.ten",
                         "Đã ghi an_ten: true thì không ghi tên: tên không công bố cũng không được lưu trong tệp.",
                         "xóa dòng ten")
        elif not entry.withheld and not entry.name:
            problems.add(path, located.line_of(loc), f"{where}.ten",
                         "Thiếu tên (ten) như quyết định ghi.",
                         "nếu không công bố tên người, ghi an_ten: true")
        elif roll.sample and entry.name and "mẫu" not in entry.name.lower():
            problems.add(path, located.line_of(loc + ("ten",)), f"{where}.ten",
                         f"Tên trong dữ liệu mẫu phải ghi rõ là mẫu: '{entry.name}'.",
                         "ví dụ 'Gia đình ông Lò Văn A (mẫu)'")
        rules.check_village(problems, path, located.line_of(loc + ("ban",)), hub.config, entry.village,
                            field_name=f"{where}.ban", unit=unit)
