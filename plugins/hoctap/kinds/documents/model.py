"""Document records (văn bản): ``events/<unit>/van-ban/<ma>.yaml``, one document per file.

Policy:

- A record holds only what a text states about a document: number, date, issuer, type,
  subject; what is not stated is ``null`` and shown as "Không ghi trong văn bản".
- Its id is a slug of its number and year (``93/KH-UBND`` of 2023 → ``93-kh-ubnd-2023``), with
  a suffix when two units hold documents of the same number and year
  (``12-qd-ubnd-2025-xa-mau-a``); a document with no number (a law cited by name) takes a
  slug of its type and name (``luat-ngan-sach-nha-nuoc``).
- A record belongs to the unit whose folder holds it: the unit whose plan cites the document;
  a document cited by plans of several units goes to their nearest common parent, else to the
  hub's first top unit (README, "Documents").
- Other kinds cite a record with ``van_ban: <ma>`` (``cite_document``, checked); the record's
  page lists every page that cites it: plans whose text names its number (or one of
  ``cach_goi``), items whose ``van_ban`` is its id (``add_backlink``).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from ...core.publishing import resource_problem
from ...core.urls import urls
from ...core.validation import did_you_mean
from ...core.values import Date, SingleLine, Slug, Text, one_or_many, slugify
from ...site import rules
from ...site.config import Strict

FOLDER = "van-ban"          # inside each unit's events folder
EXTRAS_KEY = "van-ban"      # hub.extras: the DocumentIndex
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt")
STATUS_LABELS = {
    "con_hieu_luc": "Còn hiệu lực",
    "het_hieu_luc": "Hết hiệu lực",
    "bi_thay_the": "Đã được thay thế",
    "chua_ro": "Chưa xác minh hiệu lực",
}
RESERVED_IDS = frozenset({"index"})
NOT_STATED = "Không ghi trong văn bản"


class Document(Strict):
    id: Slug = Field(alias="ma")
    kind: SingleLine = Field(alias="loai", min_length=1)                 # Kế hoạch, Quyết định…
    number: SingleLine | None = Field(None, alias="so_ky_hieu")          # 93/KH-UBND
    issued: Date | None = Field(None, alias="ngay_ban_hanh")
    issuer: SingleLine | None = Field(None, alias="co_quan_ban_hanh")
    subject: SingleLine | None = Field(None, alias="trich_yeu")
    name: SingleLine | None = Field(None, alias="ten")                    # a document cited by name only
    status: Literal["con_hieu_luc", "het_hieu_luc", "bi_thay_the", "chua_ro"] = Field("chua_ro", alias="hieu_luc")
    attachment: SingleLine | None = Field(None, alias="tep")             # a file under content/
    plan: Slug | None = Field(None, alias="ke_hoach")                    # the hub's page of its text
    other_names: tuple[SingleLine, ...] = Field((), alias="cach_goi")    # how plans name it besides its number
    source: SingleLine | None = Field(None, alias="nguon")               # where these facts come from
    notes: Text | None = Field(None, alias="ghi_chu")
    sample: bool = Field(False, alias="mau")

    _one_or_many = field_validator("other_names", mode="before")(one_or_many)

    @property
    def title(self) -> str:
        """"Quyết định số 1520/QĐ-TTg", "Luật Ngân sách nhà nước" (plus "(mẫu)" for sample data)."""
        if self.number:
            text = f"{self.kind} số {self.number}"
        elif self.name:
            text = self.name
        else:
            text = f"{self.kind} {self.subject or ''}".strip()
        return text + (" (mẫu)" if self.sample else "")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def phrases(self) -> tuple[str, ...]:
        """What a plan's text says when it cites this document."""
        return tuple(p for p in ((self.number,) if self.number else ()) + self.other_names if p)

    def expected_id(self) -> str | None:
        """The slug its id starts with (number and year, or type and name)."""
        if self.number and self.issued:
            return slugify(f"{self.number} {self.issued.year}")
        if not self.number and self.name:
            return slugify(self.name)
        return None


@dataclass(frozen=True)
class Backlink:
    """A page that cites a document: where (output path, may carry #anchor) and how it is named."""

    label: str
    path: str
    kind: str        # "Kế hoạch", "Vinh danh"… (the citing kind's label)


@dataclass
class Record:
    doc: Document
    path: Path
    unit: str | None
    backlinks: list[Backlink] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def url(self) -> str:
        return urls.document(self.doc.id)

    @property
    def year(self) -> int | None:
        return self.doc.issued.year if self.doc.issued else None

    def sort_key(self) -> tuple:
        """Newest first; undated records last, by title."""
        issued = self.doc.issued or date.min
        return (-issued.toordinal(), slugify(self.doc.title), self.doc.id)


@dataclass
class DocumentIndex:
    records: list[Record] = field(default_factory=list)

    def get(self, document_id: str) -> Record | None:
        return next((r for r in self.records if r.id == document_id), None)


def documents_of(hub) -> DocumentIndex:
    return hub.extras.setdefault(EXTRAS_KEY, DocumentIndex())


# -- loading ---------------------------------------------------------------------------------

def load_documents(hub) -> None:
    index = documents_of(hub)

    def check(path: Path, located, doc: Document) -> Record:
        _check(hub, doc, located)
        return Record(doc, path, hub.unit_of(path))

    index.records = rules.load_items(hub, "van-ban", "văn bản", check)
    index.records.sort(key=Record.sort_key)
    _plan_backlinks(hub, index)


def _check(hub, doc: Document, located) -> None:
    problems, path = hub.problems, located.path
    line = located.line_of
    if doc.id in RESERVED_IDS:
        problems.add(path, line(("ma",)), "ma", f"Mã '{doc.id}' trùng với tên trang có sẵn; hãy chọn mã khác.")
    expected = doc.expected_id()
    if expected and not (doc.id == expected or doc.id.startswith(expected + "-")):
        what = "số, ký hiệu và năm ban hành" if doc.number else "loại và tên văn bản"
        problems.add(path, line(("ma",)), "ma",
                     f"Mã văn bản '{doc.id}' phải là '{expected}' ({what}).",
                     f"thêm hậu tố sau dấu gạch ngang nếu đơn vị khác đã có văn bản cùng số, ví dụ "
                     f"'{expected}-{hub.unit_of(path) or 'ma-don-vi'}'")
    if not doc.number and not doc.name:
        problems.add(path, line(("so_ky_hieu",)), "so_ky_hieu",
                     "Văn bản cần số, ký hiệu (so_ky_hieu) hoặc tên (ten).",
                     "văn bản chỉ được nhắc tên, ví dụ một luật, ghi ten: Luật Ngân sách nhà nước")
    if doc.attachment:
        _check_attachment(hub, doc.attachment, path, line(("tep",)))
    if doc.plan and hub.plans is not None and hub.plans.get(doc.plan) is None:
        rules.check_citation(problems, path, line(("ke_hoach",)), "ke_hoach", hub.plans, doc.plan)


def _check_attachment(hub, file: str, path: Path, line: int | None) -> None:
    problems = hub.problems
    foreign = resource_problem(file)
    if foreign:
        problems.add(path, line, "tep", foreign + ".")
        return
    inside = posixpath.normpath(file)
    target = hub.paths.docs_dir / file
    if file.startswith(("/", "..")) or inside.startswith("..") or "\\" in file or not target.is_file():
        problems.add(path, line, "tep", f"Không có tệp '{file}' trong thư mục {hub.paths.docs_dir.name}/.",
                     "đường dẫn tính từ thư mục content/, ví dụ assets/van-ban/93-kh-ubnd-2023.pdf; "
                     "để null nếu chưa có toàn văn")
        return
    if posixpath.splitext(file)[1].lower() not in ATTACHMENT_SUFFIXES:
        problems.add(path, line, "tep", f"Tệp đính kèm '{file}' không phải văn bản.",
                     "dùng tệp " + ", ".join(ATTACHMENT_SUFFIXES))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _plan_backlinks(hub, index: DocumentIndex) -> None:
    """Each plan whose text (or list of legal bases and related documents) names a document's
    number: a backlink to the plan's section that names it (the plan itself for its header)."""
    if hub.plans is None:
        return
    for plan in hub.plans.plans:
        lines = plan.body.split("\n")
        cited_meta = [d.number for d in (*plan.meta.legal_bases, *plan.meta.related) if d.number]
        for record in index.records:
            if record.doc.plan == plan.id or not record.doc.phrases:
                continue
            anchors: list[str | None] = []
            if any(_fold(p) == _fold(n) for p in record.doc.phrases for n in cited_meta):
                anchors.append(None)
            for offset, text in enumerate(lines):
                if any(_fold(p) in _fold(text) for p in record.doc.phrases):
                    section = _section_at(plan, plan.body_line + offset)
                    anchor = section.anchor if section else None
                    if anchor not in anchors:
                        anchors.append(anchor)
            for anchor in anchors:
                cited = rules.cite(hub.plans, plan.id + (f"#{anchor}" if anchor else ""))
                if not isinstance(cited, str):
                    record.backlinks.append(Backlink(cited.label(), cited.url, plan.meta.kind))


def _section_at(plan, line: int):
    """The deepest section whose heading is at or before ``line``."""
    current = None
    for section in plan.sections:
        if section.line <= line:
            current = section
    return current


# -- the API other kinds cite documents with ---------------------------------------------------

def cite_document(hub, path: Path, line: int | None, field_name: str, ref: str) -> Record | None:
    """``van_ban: <ma>`` of another kind: the record, or a problem naming the ids there are (none
    for a document whose file was refused for its own mistakes: that is reported once, there)."""
    index = documents_of(hub)
    record = index.get(ref)
    if record is None and ref not in rules.refused(hub, "van-ban"):
        known = [r.id for r in index.records]
        hub.problems.add(path, line, field_name,
                         f"Không có văn bản mã '{ref}' trong thư viện văn bản"
                         + (f" (các mã hiện có: {', '.join(known)})." if known else "."),
                         did_you_mean(ref, known, otherwise="thêm văn bản vào events/<đơn vị>/van-ban/ "
                                                            "hoặc bỏ trường van_ban"))
    return record


def add_backlink(hub, document_id: str, label: str, path: str, kind: str) -> None:
    """Record that the page ``path`` cites the document (shown on the document's page)."""
    record = documents_of(hub).get(document_id)
    if record is not None and not any(b.path == path for b in record.backlinks):
        record.backlinks.append(Backlink(label, path, kind))
