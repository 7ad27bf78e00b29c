"""Issue #10, point 5: a kind is one package. ``tests/fixture_kinds/notices`` (not shipped) registers
with one line and gets a generated page, a page block, a scaffold (``hoctap new``), a JSON schema and
references checked by the shared rules, without any other module knowing it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from cli_helpers import make_project
from conftest import BUILD_EPOCH
from fixture_kinds.notices import NOTICES
from hoctap.adapters.cli import main
from hoctap.core.sources import load_front_matter_file
from hoctap.core.problems import Problems
from hoctap.kinds import BUILTIN_KINDS
from hoctap.site.hub import Paths, load_hub
from hoctap.site.registry import Registry

KINDS = BUILTIN_KINDS + (NOTICES,)          # the one line that registers the kind
PLAN = "hoc-tap-suot-doi-den-2030"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    return make_project(tmp_path)


def write_notice(project: Path, name: str, front: str) -> Path:
    path = project / "content" / "thong-bao" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + front + "---\n\nNội dung.\n", encoding="utf-8")
    return path


def hoctap(project: Path, *args: str, kinds=KINDS) -> int:
    return main([*args, "-f", str(project / "mkdocs.yml")], kinds=kinds)


def load(project: Path):
    options = {k: v for k, v in _config(project)["plugins"][_plugin(project)]["hoctap"].items() if k != "events_dir"}
    paths = Paths(project, project / "content", project / "events")
    return load_hub(paths, options, "https://example.org/", "Thử", options_source=project / "mkdocs.yml", kinds=KINDS)


def plan_sections(project: Path) -> dict[str, str]:
    """Section anchor → title, read from the plan's headings independently of hoctap."""
    out, roman = {}, None
    for line in (project / "content" / "ke-hoach" / f"{PLAN}.md").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^## ([IVX]+)\. (.+)$", line):
            roman = m[1]
            out[roman] = m[2].strip()
        elif (m := re.match(r"^### (\d+)\. (.+)$", line)) and roman:
            out[f"{roman}.{m[1]}"] = m[2].strip()
    return out


def test_the_kind_registers_with_one_line():
    registry = Registry(KINDS)
    assert registry.content_kind("thong-bao") is not None
    assert {"danh-sach-thong-bao", "mau-thong-bao"} <= set(registry.blocks)
    order = [k.name for k in registry.load_order]
    assert order.index("ke-hoach") < order.index("thong-bao")
    assert Registry(BUILTIN_KINDS).content_kind("thong-bao") is None   # nothing leaked into the built-in set


def test_generated_page_lists_the_notices_with_their_cited_plan_sections(project):
    write_notice(project, "hop-dan.md", f"ma: hop-dan\ntieu_de: Họp dân bản Lán\nban: ban-lan\nke_hoach: [{PLAN}#II.1]\n")
    hub = load(project)
    pages = {p.src_uri: p for p in hub.outputs().pages}
    page = BeautifulSoup(pages["thong-bao/index.md"].html, "html.parser")
    item = page.find(id="hop-dan")
    assert item.contents[0].strip() == "Họp dân bản Lán"
    link = item.find("a")
    target, anchor = link["href"].split("#")
    assert (project / "content" / "thong-bao" / target).resolve() == (project / "content/ke-hoach" / f"{PLAN}.html").resolve()
    plan_title = load_front_matter_file(project / "content/ke-hoach" / f"{PLAN}.md", Problems(project)).data["ten_ngan"]
    assert anchor == "II.1"
    assert link.get_text() == f"{plan_title}, mục II.1. {plan_sections(project)['II.1']}"
    # The page block is filled in any content page that names it.
    html = hub.fill_blocks("gioi-thieu.md", "<!-- hoctap: danh-sach-thong-bao -->")
    assert BeautifulSoup(html, "html.parser").find(id="hop-dan").find("a")["href"] == f"ke-hoach/{PLAN}.html#II.1"


def test_hoctap_new_writes_the_scaffold_and_it_passes_the_check(project, capsys):
    assert hoctap(project, "new", "thong-bao", "Họp dân bản Lán", kinds=BUILTIN_KINDS) == 1
    assert "Không có loại nội dung 'thong-bao'" in capsys.readouterr().err
    assert hoctap(project, "new", "thong-bao", "Họp dân bản Lán") == 0
    path = project / "content" / "thong-bao" / "hop-dan-ban-lan.md"
    assert path.read_text(encoding="utf-8").startswith(
        "---\n# yaml-language-server: $schema=../../schemas/thong-bao.schema.json\nma: hop-dan-ban-lan ")
    data = load_front_matter_file(path, Problems(project)).data
    assert data == {"ma": "hop-dan-ban-lan", "tieu_de": "Họp dân bản Lán", "ban": None, "ke_hoach": []}
    assert hoctap(project, "check") == 0


def test_hoctap_schema_writes_the_kinds_json_schema(project, capsys):
    assert hoctap(project, "schema") == 0
    assert "Đã ghi schemas/thong-bao.schema.json" in capsys.readouterr().out
    schema = json.loads((project / "schemas" / "thong-bao.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "Thông báo"
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors({"ma": "a", "tieu_de": "T", "ke_hoach": [f"{PLAN}#II.1"]}))
    assert list(validator.iter_errors({"ma": "a", "tieu_de": "T", "ngay": "2026-01-01"}))   # unknown field
    assert list(validator.iter_errors({"ma": "a"}))                                          # no title


def test_shared_rules_check_the_kinds_references(project, capsys):
    write_notice(project, "sai.md", f"ma: sai\ntieu_de: Sai\nban: ban-lam\nke_hoach: [{PLAN}#IX.9, khong-co]\n")
    write_notice(project, "Thông báo.md", "ma: sai\ntieu_de: Trùng mã\n")
    assert hoctap(project, "check") == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "thong-bao/" in line]
    config = _config(project)
    options = config["plugins"][_plugin(project)]["hoctap"]
    villages = ", ".join(v["ma"] for v in options["don_vi"]["ban"])
    plans = ", ".join(load_front_matter_file(p, Problems(project)).data["ma"]
                      for p in sorted((project / "content" / "ke-hoach").glob("*.md")) if p.name != "index.md")
    guide = config["site_url"].rstrip("/") + "/huong-dan/loi.html#"
    assert lines == [
        f"content/thong-bao/Thông báo.md: ten-tep: Tên tệp 'Thông báo.md' có dấu cách, chữ có dấu hoặc ký tự đặc biệt. "
        f"(đổi tên thành 'thong-bao.md') [xem: {guide}ten-tep]",
        f"content/thong-bao/sai.md:2: ma: Mã 'sai' trùng với content/thong-bao/Thông báo.md. (mỗi mục cần một mã riêng) "
        f"[xem: {guide}trung-lap]",
        f"content/thong-bao/sai.md:4: ban: Bản 'ban-lam' không có trong danh sách: {villages}. "
        f"(có phải ý bạn là 'ban-lan'?) [xem: {guide}tham-chieu]",
        f"content/thong-bao/sai.md:5: ke_hoach[1]: Kế hoạch '{PLAN}' không có mục IX.9 "
        f"(các mục: {', '.join(plan_sections(project))}). [xem: {guide}tham-chieu]",
        f"content/thong-bao/sai.md:5: ke_hoach[2]: Không có kế hoạch mã 'khong-co' (các mã hiện có: {plans}). "
        f"[xem: {guide}tham-chieu]",
    ]


def _config(project: Path) -> dict:
    return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))


def _plugin(project: Path) -> int:
    return next(i for i, p in enumerate(_config(project)["plugins"]) if isinstance(p, dict) and "hoctap" in p)
