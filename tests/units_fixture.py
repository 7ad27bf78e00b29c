"""A hub of several units made from the shipped sample (issue #10, points 1–3): the commune of
Viêng Lán with its programme; the Đồng Tháp district (its name is not stated in its text) with
its 2021–2025 plan and a target for every commune's centre; three invented sample communes under
the district. The plan texts are moved, not rewritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import copy_project

VIENG_LAN = "vieng-lan"
DISTRICT = "huyen-dong-thap"
SAMPLES = ("xa-mau-a", "xa-mau-b", "xa-mau-c")
DISTRICT_PLAN = "nang-cao-chat-luong-tt-vh-htcd-2021-2025"


def _sample_events(code: str, letter: str, offset: int) -> str:
    return f"""su_kien:
  - ma: {code}-ngay-sach
    tieu_de: Ngày hội đọc sách xã mẫu {letter}
    bat_dau: "2026-04-{18 + offset:02d} 08:00"
    ket_thuc: "2026-04-{18 + offset:02d} 11:00"
    the_loai: doc-sach
    dia_diem: {{ ten: Trung tâm Văn hóa – Học tập cộng đồng xã mẫu {letter} }}
    nguoi_tham_gia: {40 + offset}
    ke_hoach: {DISTRICT_PLAN}#III.9
  - ma: {code}-hoi-thi
    tieu_de: Hội thi tìm hiểu pháp luật xã mẫu {letter}
    bat_dau: "2026-0{5 + offset}-10 19:30"
    ket_thuc: "2026-0{5 + offset}-10 21:30"
    the_loai: hoi-thi
    dia_diem: {{ ten: Sân Trung tâm xã mẫu {letter} }}
  - ma: {code}-the-thao
    tieu_de: Tập thể dục buổi sáng xã mẫu {letter}
    bat_dau: "2026-01-04 05:30"
    ket_thuc: "2026-01-04 06:30"
    lap_lai: {{ kieu: hang_tuan, thu: [CN], den_ngay: 2026-12-31 }}
    the_loai: the-thao
    dia_diem: {{ ten: Sân Trung tâm xã mẫu {letter} }}
"""


def make_multi_unit_project(dest: Path) -> Path:
    project = copy_project(dest)
    content, events = project / "content", project / "events"
    # Plans: the programme (and QĐ 1520, recorded from its citation) are Viêng Lán's; the
    # 2021–2025 plan is the district's.
    (content / VIENG_LAN / "ke-hoach").mkdir(parents=True)
    (content / DISTRICT / "ke-hoach").mkdir(parents=True)
    for name in ("hoc-tap-suot-doi-den-2030.md", "qd-1520-qd-ttg-2022.md"):
        shutil.move(content / "ke-hoach" / name, content / VIENG_LAN / "ke-hoach" / name)
    shutil.move(content / "ke-hoach" / f"{DISTRICT_PLAN}.md", content / DISTRICT / "ke-hoach" / f"{DISTRICT_PLAN}.md")
    # News: Viêng Lán's, by year.
    for year in sorted((content / "tin-tuc").iterdir()):
        if year.is_dir():
            shutil.move(year, content / VIENG_LAN / "tin-tuc" / year.name)
    # Events, clubs, classes: Viêng Lán's.
    (events / VIENG_LAN).mkdir()
    for entry in sorted(events.iterdir()):
        if entry.name != VIENG_LAN:
            shutil.move(entry, events / VIENG_LAN / entry.name)
    for i, code in enumerate(SAMPLES):
        (events / code).mkdir()
        (events / code / f"hoat-dong-{code}.yaml").write_text(_sample_events(code, "ABC"[i], i), encoding="utf-8")
    # Configuration: cac_don_vi instead of don_vi; the district's target applies to its communes.
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)["hoctap"]
    vieng_lan = plugin.pop("don_vi")
    target = plugin.pop("chi_tieu")[0]
    target.update(ap_dung="don_vi_con", ten="Hoạt động văn hóa, văn nghệ, thể thao, học tập của Trung tâm "
                  "Văn hóa – Học tập cộng đồng mỗi xã, thị trấn")
    district = {
        "ma": DISTRICT, "cap": "huyen", "ten": "Huyện (tên không ghi trong văn bản), tỉnh Đồng Tháp",
        "ten_ngan": "Huyện (Đồng Tháp)", "tinh": "Đồng Tháp",
        "trung_tam": "Ủy ban nhân dân huyện (tên huyện không ghi trong văn bản)",
        "dia_chi": "Không ghi trong văn bản",
        "gioi_thieu": "Kế hoạch 2021–2025 của huyện dẫn văn bản của UBND tỉnh Đồng Tháp nhưng không ghi tên huyện.",
        "chi_tieu": [target],
    }
    samples = [{
        "ma": code, "cap": "xa", "thuoc": DISTRICT, "mau": True, "ten": f"Xã mẫu {letter}",
        "ten_ngan": f"Xã mẫu {letter}", "tinh": "Đồng Tháp",
        "trung_tam": f"Trung tâm Văn hóa – Học tập cộng đồng xã mẫu {letter}",
        "dia_chi": "Địa chỉ minh họa", "ban": [{"ma": f"ap-{letter.lower()}1", "ten": f"Ấp mẫu {letter}1"}],
    } for code, letter in zip(SAMPLES, "ABC")]
    plugin["cac_don_vi"] = [{**vieng_lan, "cap": "xa"}, district, *samples]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # The hub's home lists its units.
    home = content / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n## Các đơn vị\n\n<!-- hoctap: don-vi -->\n",
                    encoding="utf-8")
    return project
