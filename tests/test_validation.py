"""Vietnamese validation messages naming file, line and field (no MkDocs involved)."""

from __future__ import annotations

from pathlib import Path

from hoctap.core.problems import Problems
from hoctap.kinds.plans.model import PlanMeta
from hoctap.core.validation import validate
from hoctap.core.sources import load_front_matter_file

GOOD = """---
ma: ke-hoach-thu
co_quan_ban_hanh: Ủy ban nhân dân xã Viêng Lán
trich_yeu: Thử nghiệm
ngay_ban_hanh: 2026-04-21
hieu_luc: con_hieu_luc
nguoi_ky:
  thay_mat: ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
can_cu:
  - loai: Quyết định
    so_ky_hieu: 1520/QĐ-TTg
    ngay: 09/12/2022
---
## I. MỤC ĐÍCH
"""


def check(tmp_path: Path, text: str):
    path = tmp_path / "ke-hoach" / "thu.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = Problems(tmp_path)
    located = load_front_matter_file(path, problems)
    assert located is not None, problems.items
    return validate(PlanMeta, located, problems), problems


def test_valid_plan_has_no_problem(tmp_path):
    meta, problems = check(tmp_path, GOOD)
    assert problems.items == []
    assert meta.issued.isoformat() == "2026-04-21"
    assert meta.legal_bases[0].issued.isoformat() == "2022-12-09"
    assert meta.signature.lines() == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert meta.number is None and meta.place is None  # not stated: stays absent


def test_unknown_field_has_did_you_mean_hint(tmp_path):
    meta, problems = check(tmp_path, GOOD.replace("trich_yeu: Thử", "trich_yeu: Thử\ntrich_yue: Thử"))
    assert meta is None
    [error] = problems.errors
    assert (error.file, error.line, error.field) == ("ke-hoach/thu.md", 5, "trich_yue")
    assert error.message == "Trường không được hỗ trợ."
    assert error.hint == "có phải ý bạn là 'trich_yeu'?"
    assert error.format() == ("ke-hoach/thu.md:5: trich_yue: Trường không được hỗ trợ. "
                              "(có phải ý bạn là 'trich_yeu'?)")


def test_unknown_nested_field_names_the_path(tmp_path):
    _, problems = check(tmp_path, GOOD.replace("  chuc_vu: CHỦ TỊCH", "  chuc_vu: CHỦ TỊCH\n  ho_tn: A"))
    [error] = problems.errors
    assert (error.line, error.field, error.hint) == (10, "nguoi_ky.ho_tn", "có phải ý bạn là 'ho_ten'?")


def test_impossible_date(tmp_path):
    _, problems = check(tmp_path, GOOD.replace("ngay_ban_hanh: 2026-04-21", "ngay_ban_hanh: 2026-02-30"))
    [error] = problems.errors
    assert (error.line, error.field) == (5, "ngay_ban_hanh")
    assert error.message == "'2026-02-30': tháng 2/2026 không có ngày 30."


def test_bad_date_in_list_item_names_the_item(tmp_path):
    _, problems = check(tmp_path, GOOD.replace("ngay: 09/12/2022", "ngay: 9 tháng 12"))
    [error] = problems.errors
    assert (error.line, error.field) == (13, "can_cu[1].ngay")
    assert "không phải là ngày" in error.message and "2026-04-21" in error.message


def test_missing_required_field(tmp_path):
    _, problems = check(tmp_path, GOOD.replace("trich_yeu: Thử nghiệm\n", ""))
    [error] = problems.errors
    assert error.field == "trich_yeu"
    assert error.message == "Thiếu trường bắt buộc."
    assert error.line == 2  # the start of the front matter, the closest place we know


def test_empty_required_text_and_bad_choice(tmp_path):
    text = GOOD.replace("trich_yeu: Thử nghiệm", 'trich_yeu: ""').replace("con_hieu_luc", "con_hieu_lu")
    _, problems = check(tmp_path, text)
    by_field = {e.field: e for e in problems.errors}
    assert by_field["trich_yeu"].message == "Không được để trống."
    assert by_field["hieu_luc"].line == 6
    assert "con_hieu_luc, het_hieu_luc, bi_thay_the" in by_field["hieu_luc"].message
    assert by_field["hieu_luc"].hint == "có phải ý bạn là 'con_hieu_luc'?"


def test_every_problem_is_collected_not_just_the_first(tmp_path):
    text = (GOOD.replace("ngay_ban_hanh: 2026-04-21", "ngay_ban_hanh: 2026-13-01")
            .replace("ma: ke-hoach-thu", "ma: Kế hoạch thử")
            .replace("trich_yeu: Thử nghiệm\n", ""))
    _, problems = check(tmp_path, text)
    fields = sorted(e.field for e in problems.errors)
    assert fields == ["ma", "ngay_ban_hanh", "trich_yeu"]
    ma = next(e for e in problems.errors if e.field == "ma")
    assert "ke-hoach-thu" in ma.message  # suggests the slug


def test_boolean_where_a_date_is_expected(tmp_path):
    _, problems = check(tmp_path, GOOD.replace("ngay_ban_hanh: 2026-04-21", "ngay_ban_hanh: true"))
    [error] = problems.errors
    assert error.field == "ngay_ban_hanh" and error.line == 5
    assert "ngày" in error.message


def test_replaced_plan_needs_replacement(tmp_path):
    _, problems = check(tmp_path, GOOD.replace("con_hieu_luc", "bi_thay_the"))
    [error] = problems.errors
    assert "thay_the_boi" in error.message
    assert error.message[0].isupper()


def test_period_order(tmp_path):
    _, problems = check(tmp_path, GOOD.replace("hieu_luc:", "thoi_ky:\n  tu_nam: 2025\n  den_nam: 2021\nhieu_luc:"))
    [error] = problems.errors
    assert error.field == "thoi_ky" and error.line == 6
    assert "den_nam" in error.message
