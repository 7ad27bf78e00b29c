"""The shipped sample is a hub of several units (issue #10, point 2): the commune of Viêng Lán
with its programme; the Đồng Tháp district (its name is not stated in its text) with its
2021–2025 plan and a target for every commune's centre; three invented sample communes under the
district. Tests that need a project of ONE unit (today's layout, no unit configuration) build it
here from the shipped hub by flattening Viêng Lán's files; the plan texts are moved, not rewritten."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

VIENG_LAN = "vieng-lan"
DISTRICT = "huyen-dong-thap"
SAMPLES = ("xa-mau-a", "xa-mau-b", "xa-mau-c")
DISTRICT_PLAN = "nang-cao-chat-luong-tt-vh-htcd-2021-2025"
UNIT_BLOCK = "\n## Các đơn vị\n\n<!-- hoctap: don-vi -->\n"


def _shallower(path: Path) -> None:
    """The schema comment of a file moved one folder up points one level less up."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\$schema=)\.\./", r"\1", text, count=1), encoding="utf-8")


def _move(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(src, dest)
    for f in ([dest] if dest.is_file() else sorted(dest.rglob("*"))):
        if f.is_file() and f.suffix in (".md", ".yaml"):
            _shallower(f)


def flatten_to_one_unit(project: Path) -> Path:
    """Turn a copy of the shipped hub into the one-unit layout: Viêng Lán's plans (and the
    district's plan, kept as a plan) in content/ke-hoach, its news in content/tin-tuc/<year>, its
    events directly in events/; the sample communes' events are dropped; `don_vi:` (one mapping)
    and a top-level `chi_tieu` instead of `cac_don_vi`."""
    content, events = project / "content", project / "events"
    for unit in (VIENG_LAN, DISTRICT):
        for plan in sorted((content / unit / "ke-hoach").iterdir()):
            _move(plan, content / "ke-hoach" / plan.name)
    for year in sorted((content / VIENG_LAN / "tin-tuc").iterdir()):
        _move(year, content / "tin-tuc" / year.name)
    for unit in (VIENG_LAN, DISTRICT):
        shutil.rmtree(content / unit)
    for entry in sorted((events / VIENG_LAN).iterdir()):
        _move(entry, events / entry.name)
    shutil.rmtree(events / VIENG_LAN)
    for code in SAMPLES:
        shutil.rmtree(events / code)
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)["hoctap"]
    units = {u["ma"]: u for u in plugin.pop("cac_don_vi")}
    vieng_lan = dict(units[VIENG_LAN])
    vieng_lan.pop("cap")
    target = dict(units[DISTRICT]["chi_tieu"][0])
    target.pop("ap_dung")
    target["ten"] = "Hoạt động văn hóa, văn nghệ, thể thao, học tập do Trung tâm tổ chức"
    rebuilt = {}
    for key, value in plugin.items():
        if key == "the_loai":
            rebuilt["don_vi"] = vieng_lan
        rebuilt[key] = value
        if key == "chuyen_muc":
            rebuilt["chi_tieu"] = [target]
    plugin.clear()
    plugin.update(rebuilt)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    home = content / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace(UNIT_BLOCK, ""), encoding="utf-8")
    return project
