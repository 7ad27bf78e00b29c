"""Plan documents in the core: sections and anchors, citations, ordering (no MkDocs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoctap.core.problems import Problems
from hoctap.kinds.plans.pages import plan_markdown
from hoctap.kinds.plans.model import PlanIndex, load_plans, parse_sections, with_anchors

ROOT = Path(__file__).resolve().parent.parent

BODY = """Lời mở đầu.

## I. MỤC ĐÍCH, YÊU CẦU

### 1. Mục đích

#### a) Thứ nhất

#### b) Thứ hai

### 2. Yêu cầu

```
## Không phải tiêu đề (trong khối mã)
```

## II. NỘI DUNG

### 1. Tuyên truyền

## III. TỔ CHỨC THỰC HIỆN

### 4. Công đoàn cơ quan
"""


def sections_of(body: str, body_line: int = 10):
    problems = Problems(Path("/p"))
    return parse_sections(body, body_line, Path("/p/k.md"), problems), problems


def test_section_anchors_and_lines():
    sections, problems = sections_of(BODY)
    assert problems.items == []
    assert [s.anchor for s in sections] == ["I", "I.1", "I.1.a", "I.1.b", "I.2", "II", "II.1", "III", "III.4"]
    by = {s.anchor: s for s in sections}
    assert by["I"].line == 12 and by["I"].level == 2 and by["I"].title == "MỤC ĐÍCH, YÊU CẦU"
    assert by["I.1.a"].number == "a)" and by["I.1.a"].level == 4
    assert by["III.4"].number == "4." and by["III.4"].title == "Công đoàn cơ quan"
    assert by["III.4"].line == 10 + BODY.split("\n").index("### 4. Công đoàn cơ quan")


def test_anchors_are_written_into_headings():
    sections, _ = sections_of(BODY)
    out = with_anchors(BODY, sections, 10).split("\n")
    assert "## I. MỤC ĐÍCH, YÊU CẦU { #I }" in out
    assert "#### a) Thứ nhất { #I.1.a }" in out
    assert "### 4. Công đoàn cơ quan { #III.4 }" in out
    assert "## Không phải tiêu đề (trong khối mã)" in out  # untouched


def test_unnumbered_heading_is_an_error_with_its_line():
    _, problems = sections_of("## I. A\n\n### Không số\n", body_line=5)
    [error] = problems.errors
    assert (error.file, error.line, error.field) == ("k.md", 7, "muc")
    assert "thiếu số thứ tự" in error.message and "### 1. Tiêu đề" in error.hint


def test_duplicate_section_number_is_an_error():
    _, problems = sections_of("## I. A\n\n### 1. X\n\n### 1. Y\n", body_line=1)
    [error] = problems.errors
    assert error.line == 5 and error.message == "Số mục I.1 bị trùng."


def test_subsection_without_parent_is_an_error():
    _, problems = sections_of("### 1. Mồ côi\n", body_line=3)
    [error] = problems.errors
    assert error.line == 3 and "không nằm trong mục lớn nào" in error.message


def test_numbering_restarts_under_each_roman_section():
    sections, problems = sections_of("## I. A\n### 1. X\n#### a) P\n## II. B\n#### a) Q\n")
    # "a)" directly under II (no "1.") has no level-3 parent: reported, not silently attached to I.1.
    assert [s.anchor for s in sections] == ["I", "I.1", "I.1.a", "II"]
    assert len(problems.errors) == 1


# -- the shipped sample plans ------------------------------------------------------------------

@pytest.fixture(scope="module")
def index():
    problems = Problems(ROOT)
    # The shipped hub: Viêng Lán's plans and the district's, each in its unit folder.
    plans = [plan for unit in ("vieng-lan", "huyen-dong-thap")
             for plan in load_plans(ROOT / "content" / unit, "ke-hoach", problems)]
    assert problems.items == []
    return PlanIndex(tuple(plans))


def test_sample_plans_load(index):
    ids = sorted(p.id for p in index.plans)
    assert ids == ["hoc-tap-suot-doi-den-2030", "nang-cao-chat-luong-tt-vh-htcd-2021-2025", "qd-1520-qd-ttg-2022"]


def test_resolve_existing_section(index):
    plan, section = index.resolve("hoc-tap-suot-doi-den-2030#II.1")
    assert plan.id == "hoc-tap-suot-doi-den-2030"
    assert section.title.startswith("Tuyên truyền, phổ biến")
    plan, section = index.resolve("nang-cao-chat-luong-tt-vh-htcd-2021-2025")
    assert section is None and plan.meta.period.label() == "2021–2025"


def test_resolve_missing_section_is_a_vietnamese_message(index):
    message = index.resolve("hoc-tap-suot-doi-den-2030#IV.9")
    assert isinstance(message, str)
    assert message.startswith("Kế hoạch 'hoc-tap-suot-doi-den-2030' không có mục IV.9")
    assert "II.1" in message  # lists the sections that do exist


def test_resolve_missing_plan_is_a_vietnamese_message(index):
    message = index.resolve("khong-co#I")
    assert isinstance(message, str)
    assert message.startswith("Không có kế hoạch mã 'khong-co'")
    assert "hoc-tap-suot-doi-den-2030" in message


def test_cited_document_found_by_number(index):
    plan = index.get("hoc-tap-suot-doi-den-2030")
    [qd] = plan.meta.related
    assert index.find_cited(qd).id == "qd-1520-qd-ttg-2022"
    [kh93] = plan.meta.legal_bases
    assert index.find_cited(kh93) is None  # not in the hub: plain text, no link


def test_newest_first_places_undated_texts_after_what_they_cite(index):
    # Plan 1 is undated but cites a text of 23/02/2023, so it is newer than QĐ 1520 (09/12/2022);
    # plan 2 is undated and cites a resolution of 15/12/2020.
    assert [p.id for p in index.newest_first()] == [
        "hoc-tap-suot-doi-den-2030", "qd-1520-qd-ttg-2022", "nang-cao-chat-luong-tt-vh-htcd-2021-2025"]


def test_plan_markdown_starts_with_escaped_title_h1(index):
    plan = index.get("qd-1520-qd-ttg-2022")
    text = plan_markdown(plan, index, lambda plan_id: plan_id + ".html")
    assert text.startswith("# Quyết định số 1520/QĐ-TTg { .hoctap-doc-title }\n")


def test_link_errors_carry_lines(tmp_path):
    folder = tmp_path / "content" / "ke-hoach"
    folder.mkdir(parents=True)
    head = "---\nma: {ma}\nco_quan_ban_hanh: UBND\ntrich_yeu: T\nhieu_luc: con_hieu_luc\n"
    (folder / "a.md").write_text(head.format(ma="a") + "can_cu:\n  - loai: QĐ\n    ma: khong-co\n---\n",
                                 encoding="utf-8")
    (folder / "b.md").write_text(head.format(ma="a") + "---\n", encoding="utf-8")
    problems = Problems(tmp_path)
    load_plans(tmp_path / "content", "ke-hoach", problems)
    found = {(e.file, e.line, e.field) for e in problems.errors}
    assert found == {("content/ke-hoach/a.md", 8, "can_cu[1].ma"), ("content/ke-hoach/b.md", 2, "ma")}
