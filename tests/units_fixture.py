"""The shipped sample is a hub of several units (issue #10, point 2): the commune of Viêng Lán
with its programme; the Đồng Tháp district (its name is not stated in its text) with its
2021–2025 plan and a target for every commune's centre; three invented sample communes under the
district. Tests that need a project of ONE unit (today's layout, no unit configuration) build it
here from the shipped hub by flattening Viêng Lán's files; the plan texts are moved, not rewritten."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

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


def _block(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i:text.index(end, i + len(start))]


def _dedent(lines: str, by: int) -> str:
    return "".join(line[by:] if line.strip() else line for line in lines.splitlines(True))


def one_unit_config_text(text: str) -> str:
    """The hub's mkdocs.yml rewritten as text (comments and layout kept, so tests that edit it by
    text still match): Viêng Lán's entry becomes the `don_vi:` mapping, the district's target a
    top-level `chi_tieu` (without `ap_dung`), the other units go."""
    units = _block(text, "      cac_don_vi:\n", "      the_loai:\n")
    vieng_lan = _block(units, f"        - ma: {VIENG_LAN}\n", "\n        # ") + "\n"
    body = _dedent(vieng_lan.split("\n", 1)[1], 2).replace("        cap: xa\n", "", 1)
    don_vi = f"      don_vi:\n        ma: {VIENG_LAN}\n" + body
    target = _block(units, "          chi_tieu:\n", "\n        # ") + "\n"
    kept = target.splitlines(True)[:1]
    for line in target.splitlines(True)[1:]:   # stop at the unit's next field (e.g. its `moc`)
        if line.strip() and len(line) - len(line.lstrip(" ")) <= 10:
            break
        kept.append(line)
    target = "".join(kept)
    lines = [line for line in _dedent(target, 4).splitlines(True) if "ap_dung:" not in line]
    chi_tieu = "".join(lines)
    chi_tieu = chi_tieu.replace(
        "ten: Hoạt động văn hóa, văn nghệ, thể thao, học tập của Trung tâm Văn hóa – Học tập cộng đồng mỗi xã, thị trấn",
        "ten: Hoạt động văn hóa, văn nghệ, thể thao, học tập do Trung tâm tổ chức")
    text = text.replace(units, don_vi, 1)
    # A one-unit site is the commune's own site: its name and description are the commune's.
    text = re.sub(r"(?m)^# A sample hub: .*\n# .*\nsite_name: .*$", "site_name: Trung tâm Văn hóa – Học tập cộng đồng xã Viêng Lán",
                  text, count=1)
    text = re.sub(r"(?m)^site_description: .*$",
                  "site_description: Kế hoạch, lịch hoạt động, câu lạc bộ, lớp học và tin tức của Trung tâm "
                  "Văn hóa – Học tập cộng đồng xã Viêng Lán.", text, count=1)
    return text.replace("      lich:\n", chi_tieu + "      lich:\n", 1)


def flatten_to_one_unit(project: Path) -> Path:
    """Turn a copy of the shipped hub into the one-unit layout: Viêng Lán's plans (and the
    district's plan, kept as a plan) in content/ke-hoach, its news in content/tin-tuc/<year>, its
    events directly in events/; the sample communes' events and the district's data files (its
    ranking guide) are dropped; `don_vi:` (one mapping)
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
    # The district's records (documents its plan cites, the bodies it names) follow its plan.
    # Its ranking guide (danh-gia) stays with its communes, which the one-unit project drops.
    for folder in sorted((events / DISTRICT).iterdir()) if (events / DISTRICT).is_dir() else ():
        if folder.name == "danh-gia":
            continue
        for entry in sorted(folder.iterdir()):
            _move(entry, events / folder.name / entry.name)
    shutil.rmtree(events / DISTRICT, ignore_errors=True)
    for code in SAMPLES:
        shutil.rmtree(events / code)
    config_path = project / "mkdocs.yml"
    config_path.write_text(one_unit_config_text(config_path.read_text(encoding="utf-8")), encoding="utf-8")
    home = content / "index.md"
    text = home.read_text(encoding="utf-8").replace(UNIT_BLOCK, "")
    intro = text[text.index("# "):text.index("<!-- hoctap:")]
    text = text.replace(intro, "# Trung tâm Văn hóa – Học tập cộng đồng xã Viêng Lán\n\n"
                        "Nơi bà con các bản cùng **học tập suốt đời**: đọc sách, sinh hoạt câu lạc bộ, học nghề,\n"
                        "học kỹ thuật trồng trọt và chăn nuôi, tham gia văn nghệ, thể thao. Trang này đăng các\n"
                        "kế hoạch của xã, lịch hoạt động, câu lạc bộ, lớp học và tin tức của Trung tâm.\n\n", 1)
    home.write_text(text, encoding="utf-8")
    return project
