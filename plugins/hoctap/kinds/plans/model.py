"""Plan documents (kế hoạch and the texts they cite): metadata, sections, citations.

Metadata follows the parts of an administrative document (Nghị định 30/2020/NĐ-CP):
issuing body, number and symbol, place and date, type and subject (trích yếu), body,
signature (TM./KT. marker, role, name) and recipients (nơi nhận). Fields a text does
not state stay ``None`` and are shown as absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, Mapping

from pydantic import Field, model_validator

from ...site.config import Strict
from ...core.problems import Problems
from ...core.urls import urls
from ...core.validation import validate
from ...core.values import Date, SingleLine, Slug, Text
from ...core.sources import Located, load_front_matter_file

STATUS_LABELS = {
    "con_hieu_luc": "Còn hiệu lực",
    "het_hieu_luc": "Hết hiệu lực",
    "bi_thay_the": "Đã được thay thế",
}


class Signature(Strict):
    on_behalf_of: SingleLine | None = Field(None, alias="thay_mat")   # TM. <collective body>
    deputy_for: SingleLine | None = Field(None, alias="ky_thay")      # KT. <head>
    role: SingleLine = Field(alias="chuc_vu", min_length=1)
    name: SingleLine | None = Field(None, alias="ho_ten")

    def lines(self) -> list[str]:
        out = []
        if self.on_behalf_of:
            out.append(f"TM. {self.on_behalf_of}")
        if self.deputy_for:
            out.append(f"KT. {self.deputy_for}")
        out.append(self.role)
        return out

    @property
    def marker(self) -> str:
        return " ".join(m for m, v in (("TM.", self.on_behalf_of), ("KT.", self.deputy_for)) if v)


class CitedDocument(Strict):
    kind: SingleLine = Field(alias="loai", min_length=1)
    number: SingleLine | None = Field(None, alias="so_ky_hieu")
    issued: Date | None = Field(None, alias="ngay")
    issuer: SingleLine | None = Field(None, alias="co_quan")
    subject: SingleLine | None = Field(None, alias="trich_yeu")
    ref: Slug | None = Field(None, alias="ma")  # id of the document in this hub, when it is here

    def label(self) -> str:
        parts = [self.kind]
        if self.number:
            parts.append(f"số {self.number}")
        if self.issued:
            parts.append(f"ngày {self.issued:%d/%m/%Y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)


class Period(Strict):
    start: int | None = Field(None, alias="tu_nam", ge=1945, le=2100)
    end: int | None = Field(None, alias="den_nam", ge=1945, le=2100)

    @model_validator(mode="after")
    def _order(self) -> "Period":
        if self.start and self.end and self.end < self.start:
            raise ValueError("năm kết thúc (den_nam) trước năm bắt đầu (tu_nam)")
        return self

    def label(self) -> str:
        if self.start and self.end:
            return f"{self.start}–{self.end}"
        if self.end:
            return f"đến năm {self.end}"
        if self.start:
            return f"từ năm {self.start}"
        return ""


class PlanMeta(Strict):
    id: Slug = Field(alias="ma")
    kind: SingleLine = Field("Kế hoạch", alias="loai_van_ban", min_length=1)
    number: SingleLine | None = Field(None, alias="so_ky_hieu")
    governing_body: SingleLine | None = Field(None, alias="co_quan_chu_quan")
    issuer: SingleLine = Field(alias="co_quan_ban_hanh", min_length=1)
    place: SingleLine | None = Field(None, alias="dia_danh")
    issued: Date | None = Field(None, alias="ngay_ban_hanh")
    subject: SingleLine = Field(alias="trich_yeu", min_length=1)
    short_title: SingleLine | None = Field(None, alias="ten_ngan")
    signature: Signature | None = Field(None, alias="nguoi_ky")
    recipients: tuple[SingleLine, ...] = Field((), alias="noi_nhan")
    legal_bases: tuple[CitedDocument, ...] = Field((), alias="can_cu")
    related: tuple[CitedDocument, ...] = Field((), alias="van_ban_lien_quan")
    period: Period = Field(default_factory=Period, alias="thoi_ky")
    status: Literal["con_hieu_luc", "het_hieu_luc", "bi_thay_the"] = Field(alias="hieu_luc")
    replaced_by: Slug | None = Field(None, alias="thay_the_boi")
    full_text: bool = Field(True, alias="toan_van")
    notes: Text | None = Field(None, alias="ghi_chu")
    source: SingleLine | None = Field(None, alias="nguon")

    @model_validator(mode="after")
    def _replaced(self) -> "PlanMeta":
        if self.status == "bi_thay_the" and not self.replaced_by:
            raise ValueError("văn bản 'bi_thay_the' cần trường thay_the_boi (mã văn bản thay thế)")
        return self

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def title(self) -> str:
        """Page title: the short title, else "Quyết định số 1520/QĐ-TTg", else kind and subject."""
        if self.short_title:
            return self.short_title
        if self.number:
            return f"{self.kind} số {self.number}"
        return f"{self.kind} {self.subject}"

    def sort_date(self) -> date:
        """Issue date for ordering; an undated text is at least as new as the newest text it cites."""
        if self.issued:
            return self.issued
        cited = [d.issued for d in (*self.legal_bases, *self.related) if d.issued]
        return max(cited, default=date.min)


@dataclass(frozen=True)
class Section:
    anchor: str     # "II.1"
    number: str     # "1."
    title: str      # "Tuyên truyền, phổ biến ..."
    level: int      # 2 for I/II/III, 3 for 1./2., 4 for a)/b)
    line: int       # line in the source file


@dataclass(frozen=True)
class Plan:
    meta: PlanMeta
    source: Path        # absolute path of the Markdown file
    src_uri: str        # path inside docs_dir, e.g. "ke-hoach/hoc-tap-suot-doi-2030.md"
    body: str
    body_line: int
    sections: tuple[Section, ...]
    lines: Mapping[tuple, int] = field(default_factory=dict, compare=False)  # front-matter field lines

    def line_of(self, *loc) -> int | None:
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def url(self) -> str:
        """Output path of the page, e.g. ``ke-hoach/hoc-tap-suot-doi-2030.html``."""
        return urls.page(self.src_uri)

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.anchor == anchor), None)


_ROMAN = re.compile(r"^(?P<num>[IVXL]+)\.\s+(?P<title>.+)$")
_ARABIC = re.compile(r"^(?P<num>\d+)\.\s+(?P<title>.+)$")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s+(?P<title>.+)$")
_HEADING = re.compile(r"^(?P<hashes>#{2,4})\s+(?P<text>.+?)\s*(?:\{[^}]*\})?\s*$")
_FENCE = re.compile(r"^(```|~~~)")


def parse_sections(body: str, body_line: int, path: Path, problems: Problems) -> tuple[Section, ...]:
    """Sections from headings: ``## II. NỘI DUNG`` → II, ``### 1. …`` → II.1, ``#### a) …`` → II.1.a."""
    sections: list[Section] = []
    parents: dict[int, str] = {}
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _HEADING.match(line)
        if not m:
            continue
        level = len(m["hashes"])
        text = m["text"]
        pattern = {2: _ROMAN, 3: _ARABIC, 4: _LETTER}[level]
        lm = pattern.match(text)
        lineno = body_line + offset
        if not lm:
            expected = {2: "I. TIÊU ĐỀ", 3: "1. Tiêu đề", 4: "a) Tiêu đề"}[level]
            problems.add(path, lineno, "muc", f"Tiêu đề mục '{text}' thiếu số thứ tự.",
                         f"viết dạng '{'#' * level} {expected}'")
            continue
        parent = parents.get(level - 1, "") if level > 2 else ""
        if level > 2 and not parent:
            problems.add(path, lineno, "muc", f"Mục '{text}' không nằm trong mục lớn nào.",
                         "thêm mục cấp trên (## I. …) trước nó")
            continue
        anchor = f"{parent}.{lm['num']}" if parent else lm["num"]
        if any(s.anchor == anchor for s in sections):
            problems.add(path, lineno, "muc", f"Số mục {anchor} bị trùng.")
            continue
        parents[level] = anchor
        for deeper in [k for k in parents if k > level]:
            del parents[deeper]
        suffix = ")" if level == 4 else "."
        sections.append(Section(anchor, lm["num"] + suffix, lm["title"].strip(), level, lineno))
    return tuple(sections)


def with_anchors(body: str, sections: tuple[Section, ...], body_line: int) -> str:
    """The body with each section heading given its stable id (attr_list syntax)."""
    by_line = {s.line: s for s in sections}
    out = []
    for offset, line in enumerate(body.split("\n")):
        section = by_line.get(body_line + offset)
        if section:
            hashes = "#" * section.level
            line = f"{hashes} {section.number} {section.title} {{ #{section.anchor} }}"
        out.append(line)
    return "\n".join(out)


def load_plans(docs_dir: Path | list[Path], folder: str, problems: Problems) -> list[Plan]:
    """Every ``*.md`` under ``docs_dir/folder`` except ``index.md``, in path order; ``docs_dir``
    may be a list (each unit's folder in a hub of several units, published as if it were docs_dir)."""
    plans: list[Plan] = []
    refused: set[str] = set()   # ids of plans refused for their own mistakes
    for root in (docs_dir if isinstance(docs_dir, list) else [docs_dir]):
        plans.extend(_load_plans(root, folder, problems, refused))
    _check_plan_links(plans, problems, refused)
    return plans


def _load_plans(docs_dir: Path, folder: str, problems: Problems, refused: set[str]) -> list[Plan]:
    plans: list[Plan] = []
    base = docs_dir / folder
    if not base.is_dir():
        return plans
    for path in sorted(base.rglob("*.md")):
        if path.name == "index.md" or not path.is_file():   # a folder named x.md is not a plan
            continue
        located = load_front_matter_file(path, problems)
        if located is None:
            refused.add(path.stem)
            continue
        meta = validate(PlanMeta, located, problems)
        sections = parse_sections(located.body, located.body_line, path, problems)
        if meta is None:
            ma = located.data.get("ma") if isinstance(located.data, dict) else None
            refused.add(ma if isinstance(ma, str) and ma else path.stem)
            continue
        plans.append(Plan(meta, path, path.relative_to(docs_dir).as_posix(), located.body,
                          located.body_line, sections, dict(located.lines)))
    return plans


def _check_plan_links(plans: list[Plan], problems: Problems, refused: set[str] = frozenset()) -> None:
    """Ids unique; the plans a plan names exist (a plan ``refused`` for its own mistakes is not
    reported again as missing)."""
    ids: dict[str, Plan] = {}
    for plan in plans:
        if plan.id in ids:
            problems.add(plan.source, plan.line_of("ma"), "ma", f"Mã văn bản '{plan.id}' trùng với {ids[plan.id].src_uri}.")
        ids.setdefault(plan.id, plan)
    for plan in plans:
        if plan.meta.replaced_by and plan.meta.replaced_by not in ids and plan.meta.replaced_by not in refused:
            problems.add(plan.source, plan.line_of("thay_the_boi"), "thay_the_boi", f"Không có văn bản mã '{plan.meta.replaced_by}'.")
        for field_name, docs in (("can_cu", plan.meta.legal_bases), ("van_ban_lien_quan", plan.meta.related)):
            for i, doc in enumerate(docs):
                if doc.ref and doc.ref not in ids and doc.ref not in refused:
                    problems.add(plan.source, plan.line_of(field_name, i, "ma"), f"{field_name}[{i + 1}].ma",
                                 f"Không có văn bản mã '{doc.ref}' trong cổng.",
                                 "bỏ trường ma nếu văn bản chưa được đăng")


@dataclass(frozen=True)
class PlanIndex:
    """Plans by id and by number, to resolve citations like ``plan-id#II.1``."""

    plans: tuple[Plan, ...]

    def get(self, plan_id: str) -> Plan | None:
        return next((p for p in self.plans if p.id == plan_id), None)

    def find_cited(self, doc: CitedDocument) -> Plan | None:
        if doc.ref:
            return self.get(doc.ref)
        if doc.number:
            return next((p for p in self.plans if p.meta.number == doc.number
                         and (doc.issued is None or p.meta.issued in (None, doc.issued))), None)
        return None

    def newest_first(self) -> list[Plan]:
        """Newest first; undated texts are placed by the newest text they cite, then by period."""
        return sorted(self.plans, key=lambda p: (p.meta.sort_date(), p.meta.period.end or 0, p.id),
                      reverse=True)

    def resolve(self, citation: str) -> tuple[Plan, Section | None] | str:
        """``plan-id#II.1`` → (plan, section); a Vietnamese message when it does not exist."""
        plan_id, _, anchor = citation.partition("#")
        plan = self.get(plan_id.strip())
        if plan is None:
            known = ", ".join(p.id for p in self.plans)
            return f"Không có kế hoạch mã '{plan_id}' (các mã hiện có: {known})."
        if not anchor:
            return plan, None
        section = plan.section(anchor.strip())
        if section is None:
            return f"Kế hoạch '{plan_id}' không có mục {anchor} (các mục: {', '.join(s.anchor for s in plan.sections)})."
        return plan, section
