"""A deterministic, seeded corpus in hoctap's content format: a complete project folder.

``write_corpus(dest, size, seed)`` writes mkdocs.yml (the repository's own, made a hub of one unit),
content/ (the sample's pages: index pages with their ``<!-- hoctap: … -->`` blocks, plans, the staff
guide, assets; not its news articles) plus generated news articles, and events/ (generated events,
clubs, classes).
Every random choice comes from one ``random.Random(seed)``; files are written in a fixed order with
"\n" line ends, so the same seed and the same repository give byte-identical corpora.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import vocab

ROOT = Path(__file__).resolve().parents[2]

# articles, events, clubs and classes together
SIZES = {
    "XS": (20, 10, 4),      # for the tests
    "T": (300, 120, 80),    # tests/test_scale.py: enough for every listing to paginate
    "S": (1000, 500, 100),
    "M": (2500, 1000, 200),
    "L": (5000, 2000, 400),
}

# Articles are dated up to the day before the benchmark's build day (SOURCE_DATE_EPOCH below), so
# that every one of them is published.
EPOCH = "1776704400"  # 2026-04-21 00:00 Asia/Ho_Chi_Minh
LAST_ARTICLE_DAY = dt.date(2026, 4, 20)
FIRST_ARTICLE_DAY = dt.date(2020, 1, 1)
WEEKDAYS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]


@dataclass(frozen=True)
class Article:
    path: str            # relative to content/
    front_matter: str    # between the two "---" lines, included
    body: str            # Markdown


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def plan_sections(content: Path) -> list[str]:
    """Citations ``<ma>#<section>`` of every numbered heading of the sample's plans."""
    out = []
    plans = [*(content / "ke-hoach").glob("*.md"), *content.glob("*/ke-hoach/*.md")]   # one unit or unit folders
    for path in sorted(plans):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        ma = re.search(r"^ma:\s*(\S+)", text, re.M).group(1)
        body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
        level2 = level3 = None
        for line in body.splitlines():
            if m := re.match(r"^## ([IVXLC]+)\. ", line):
                level2, level3 = m.group(1), None
                out.append(f"{ma}#{level2}")
            elif (m := re.match(r"^### (\d+)\. ", line)) and level2:
                level3 = f"{level2}.{m.group(1)}"
                out.append(f"{ma}#{level3}")
            elif (m := re.match(r"^#### ([a-zđ])\) ", line)) and level3:
                out.append(f"{ma}#{level3}.{m.group(1)}")
    return out


def _plugin(config: dict) -> dict:
    return next(p["hoctap"] for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)


def sample_units(config: dict) -> list[str]:
    return [u["ma"] for u in _plugin(config).get("cac_don_vi") or []]


def one_unit_config(config: dict) -> dict:
    """The corpus is a hub of ONE unit: the shipped hub's first unit (`cac_don_vi[0]`) becomes
    `don_vi`, and every unit's targets become top-level targets (`ap_dung` dropped)."""
    hoctap = _plugin(config)
    units = hoctap.pop("cac_don_vi", None)
    if units:
        unit = {k: v for k, v in units[0].items() if k not in ("cap", "thuoc", "mau", "chi_tieu")}
        targets = [{k: v for k, v in t.items() if k != "ap_dung"} for u in units for t in u.get("chi_tieu") or []]
        hoctap["don_vi"] = unit
        if targets:
            hoctap["chi_tieu"] = targets
    return config


class Generator:
    def __init__(self, size: str, seed: int):
        self.size = size
        self.rng = random.Random(seed)
        # Links and images in article bodies: their own draws, so the rest of the corpus stays
        # what it was before they were added.
        self.link_rng = random.Random(seed + 1)
        self.config = one_unit_config(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
        hoctap = next(p["hoctap"] for p in self.config["plugins"] if isinstance(p, dict) and "hoctap" in p)
        self.villages = [(v["ma"], v["ten"]) for v in hoctap["don_vi"]["ban"]]
        self.event_categories = [c["ma"] for c in hoctap["the_loai"] if c["ma"] not in ("cau-lac-bo", "lop-hoc")]
        self.news_categories = [c["ma"] for c in hoctap["chuyen_muc"]]
        self.citations = plan_sections(ROOT / "content")
        self.event_ids: list[str] = []

    # -- text ------------------------------------------------------------------------------
    def person(self) -> str:
        r = self.rng
        return f"{r.choice(vocab.FAMILY)} {r.choice(vocab.MIDDLE)} {r.choice(vocab.GIVEN)}"

    def village(self) -> tuple[str, str]:
        return self.rng.choice(self.villages)

    def sentence(self) -> str:
        r = self.rng
        ban = self.village()[1].replace("Bản", "bản")
        kind = r.randrange(4)
        if kind == 0:
            return (f"{r.choice(vocab.SUBJECTS)} {r.choice(vocab.VERBS)} {r.choice(vocab.OBJECTS)} "
                    f"{r.choice(vocab.PLACES).format(ban=ban)}.")
        if kind == 1:
            number = r.choice(vocab.NUMBERS).format(n=r.randrange(15, 400))
            return f"{number[0].upper()}{number[1:]} thuộc nhóm {r.choice(vocab.PEOPLE)} đã tham gia {r.choice(vocab.OBJECTS)}."
        if kind == 2:
            return r.choice(vocab.DETAILS)
        return (f"Theo cán bộ Trung tâm, {r.choice(vocab.OBJECTS)} giúp {r.choice(vocab.PEOPLE)} "
                f"thực hiện mục tiêu học tập suốt đời ngay tại {ban}.")

    def paragraph(self, low: int = 2, high: int = 5) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def body(self) -> str:
        r = self.rng
        parts = [self.paragraph(), self.paragraph()]
        if r.random() < 0.5:
            parts.append(f"## {r.choice(vocab.HEADINGS)}")
            parts.append(self.paragraph())
        if r.random() < 0.35:
            items = r.sample(vocab.LIST_ITEMS, r.randint(2, 4))
            parts.append("Bà con lưu ý:\n\n" + "\n".join(f"- {item[0].upper()}{item[1:]};" for item in items))
        if r.random() < 0.3:
            parts.append(f"**{r.choice(vocab.DETAILS)}** {self.paragraph(1, 3)}")
        parts.append(self.paragraph(1, 3))
        links = self.link_rng
        if links.random() < 0.2:   # a link to a plan or to the calendar, as staff write them
            target, text = links.choice([("../../ke-hoach/hoc-tap-suot-doi-den-2030.md", "kế hoạch của xã"),
                                         ("../../lich/index.md", "lịch hoạt động")])
            parts.insert(1, f"Bà con xem thêm [{text}]({target}) để biết các buổi tiếp theo.")
        if links.random() < 0.1:
            cover = links.choice(vocab.COVERS)
            parts.insert(1, f"![Ảnh: {links.choice(vocab.OBJECTS)}](../../{cover})")
        return "\n\n".join(parts) + "\n"

    # -- events ----------------------------------------------------------------------------
    def event(self, i: int) -> str:
        r = self.rng
        roll = r.random()
        category = r.choice(self.event_categories)
        title = r.choice(vocab.EVENT_TITLES[category])
        ma = f"hd-{i:05d}"
        lines = [f"  - ma: {ma}"]
        if roll < 0.08:  # lunar, all day
            ngay_am, first, lunar_title = r.choice(vocab.LUNAR)
            lines += [f"    tieu_de: {q(f'{lunar_title} ({i})')}", f"    bat_dau: {first}",
                      f"    lap_lai: {{ kieu: am_lich, ngay_am: {q(ngay_am)} }}", "    the_loai: le-hoi"]
        else:
            day = dt.date(2024, 1, 1) + dt.timedelta(days=r.randrange(4 * 365))
            hour = r.choice([7, 8, 14, 19])
            start = f"{day.isoformat()} {hour:02d}:{r.choice(['00', '30'])}"
            end = f"{day.isoformat()} {hour + 2:02d}:00"
            lines += [f"    tieu_de: {q(f'{title} lần {i}')}", f"    bat_dau: {q(start)}", f"    ket_thuc: {q(end)}"]
            if roll < 0.20:  # weekly
                days = sorted({day.weekday(), r.randrange(7)})
                lines += ["    lap_lai:", "      kieu: hang_tuan", f"      thu: [{', '.join(WEEKDAYS[d] for d in days)}]",
                          f"      so_lan: {r.randint(6, 30)}"]
            elif roll < 0.30:  # monthly
                lines += ["    lap_lai:", "      kieu: hang_thang", f"      thu: [{WEEKDAYS[day.weekday()]}]",
                          f"      tuan_thu: {-1 if (day + dt.timedelta(days=7)).month != day.month else (day.day - 1) // 7 + 1}",
                          f"      den_ngay: {(day + dt.timedelta(days=r.randrange(90, 540))).isoformat()}"]
            lines.append(f"    the_loai: {category}")
        if r.random() < 0.6:
            lines.append(f"    ban: {self.village()[0]}")
        ban = self.village()[1].replace("Bản", "bản")
        lines += [f"    dia_diem: {{ ten: {q(f'Nhà văn hóa {ban}')} }}",
                  f"    don_vi_to_chuc: {q(r.choice(vocab.SUBJECTS))}",
                  f"    to_chuc: {r.choice(['trung-tam', 'trung-tam', 'khac'])}",
                  f"    mo_ta: {q(self.paragraph(1, 3))}"]
        cancelled = r.random() < 0.05
        if cancelled:
            lines.append("    trang_thai: huy")
        elif r.random() < 0.1:
            lines.append("    trang_thai: du_kien")
        held_day = None if roll < 0.08 else day
        if r.random() < 0.3 and not cancelled and held_day is not None and held_day <= LAST_ARTICLE_DAY:
            # what staff record once an activity is over (its first session)
            lines.append(f"    da_to_chuc: {{ ngay: {held_day.isoformat()}, nguoi_tham_gia: {r.randrange(20, 500)} }}")
        if r.random() < 0.7:
            lines.append(f"    ke_hoach: {r.choice(self.citations)}")
        self.event_ids.append(ma)
        return "\n".join(lines)

    def event_files(self, count: int) -> dict[str, str]:
        files = {}
        per_file = 25
        for start in range(0, count, per_file):
            chunk = [self.event(i) for i in range(start, min(count, start + per_file))]
            files[f"events/hoat-dong-{start // per_file:03d}.yaml"] = (
                "# yaml-language-server: $schema=../schemas/su-kien.schema.json\n"
                "# Tệp sinh tự động cho phép đo hiệu năng (scripts/bench).\nsu_kien:\n" + "\n\n".join(chunk) + "\n")
        return files

    # -- clubs and classes -----------------------------------------------------------------
    def schedule(self, indent: str) -> list[str]:
        r = self.rng
        out = []
        for _ in range(r.randint(1, 2)):
            days = sorted(r.sample(range(7), r.randint(1, 2)))
            hour = r.choice([7, 8, 14, 19])
            out += [f"{indent}- thu: [{', '.join(WEEKDAYS[d] for d in days)}]",
                    f"{indent}  gio_bat_dau: \"{hour:02d}:30\"", f"{indent}  gio_ket_thuc: \"{hour + 2:02d}:00\""]
        return out

    def contact(self) -> list[str]:
        phone = f"0912 {self.rng.randrange(1000):03d} {self.rng.randrange(1000):03d}"
        return ["nguoi_phu_trach:", f"  ho_ten: {self.person()}", f"  dien_thoai: {q(phone)}"]

    def club(self, i: int) -> tuple[str, str]:
        r = self.rng
        slug, name, theme = r.choice(vocab.CLUB_THEMES)
        ban_ma, ban_ten = self.village() if r.random() < 0.8 else (None, "trung tâm xã")
        ma = f"{slug}-{i:04d}"
        lines = ["# yaml-language-server: $schema=../../schemas/cau-lac-bo.schema.json", f"ma: {ma}",
                 f"ten: {q(f'Câu lạc bộ {name} {ban_ten} số {i}')}",
                 f"loai: {r.choice(['cau_lac_bo', 'cau_lac_bo', 'doi', 'nhom_so_thich'])}", f"chu_de: {q(theme)}",
                 f"ban: {ban_ma or 'null'}", "lich:", *self.schedule("  "),
                 f"dia_diem: {q(f'Nhà văn hóa {ban_ten}')}", *self.contact(),
                 f"thanh_vien: {r.randrange(8, 60)}",
                 f"thanh_lap: {(dt.date(2010, 1, 1) + dt.timedelta(days=r.randrange(5000))).isoformat()}",
                 f"mo_ta: {q(self.paragraph(1, 3))}", f"ke_hoach: {r.choice(self.citations)}"]
        return f"events/cau-lac-bo/{ma}.yaml", "\n".join(lines) + "\n"

    def klass(self, i: int) -> tuple[str, str]:
        r = self.rng
        loai, slug, name, theme = r.choice(vocab.CLASS_THEMES)
        ban_ma, ban_ten = self.village() if r.random() < 0.6 else (None, "trung tâm xã")
        start = dt.date(2025, 1, 6) + dt.timedelta(days=r.randrange(600))
        end = start + dt.timedelta(days=r.randrange(30, 120))
        deadline = start - dt.timedelta(days=r.randrange(5, 20))
        ma = f"lop-{slug}-{i:04d}"
        lines = ["# yaml-language-server: $schema=../../schemas/lop-hoc.schema.json", f"ma: {ma}",
                 f"ten: {q(f'{name} {ban_ten} khóa {i}')}", f"loai: {loai}", f"chu_de: {q(theme)}",
                 f"ban: {ban_ma or 'null'}", f"doi_tuong: {q('Người dân từ 16 tuổi trở lên có nhu cầu học')}",
                 f"bat_dau: {start.isoformat()}", f"ket_thuc: {end.isoformat()}", "lich_hoc:", *self.schedule("  "),
                 f"dia_diem: {q(f'Nhà văn hóa {ban_ten}')}", *self.contact(),
                 f"hoc_phi: {q(r.choice(['Miễn phí', 'Miễn phí (hỗ trợ đào tạo nghề)', '50.000 đồng/khóa']))}",
                 f"so_cho: {r.randrange(15, 40)}", "dang_ky:", f"  cach: {q('Đăng ký tại nhà văn hóa bản hoặc Trung tâm xã.')}",
                 f"  han: {deadline.isoformat()}", f"nhu_cau: {r.choice(self.citations)}",
                 f"mo_ta: {q(self.paragraph(1, 3))}"]
        return f"events/lop-hoc/{ma}.yaml", "\n".join(lines) + "\n"

    # -- articles --------------------------------------------------------------------------
    def article(self, i: int) -> Article:
        r = self.rng
        slug, topic, category, _, tags = r.choice(vocab.TOPICS)
        ban_ma, ban_ten = self.village()
        span = (LAST_ARTICLE_DAY - FIRST_ARTICLE_DAY).days
        day = FIRST_ARTICLE_DAY + dt.timedelta(days=r.randrange(span + 1))
        when = dt.datetime(day.year, day.month, day.day, r.randrange(7, 22), r.choice([0, 15, 30, 45]))
        title = f"{topic} tại {ban_ten.replace('Bản', 'bản')} ({i})"
        categories = [category] + ([r.choice(self.news_categories)] if r.random() < 0.2 else [])
        categories = list(dict.fromkeys(categories))
        tag_list = tags + ([ban_ten.lower()] if r.random() < 0.5 else [])
        summary = self.sentence()
        path = f"tin-tuc/{day.year}/{slug}-{i:05d}.md"
        fm = ["---", "# yaml-language-server: $schema=../../../schemas/tin-tuc.schema.json",
              f"tieu_de: {q(title)}", f"ngay: {q(when.strftime('%Y-%m-%d %H:%M'))}", f"tac_gia: {self.person()}",
              f"chuyen_muc: [{', '.join(categories)}]", f"the: [{', '.join(tag_list)}]", f"tom_tat: {q(summary)}"]
        if r.random() < 0.3:
            fm.append(f"anh_bia: {r.choice(vocab.COVERS)}")
        if self.event_ids and r.random() < 0.5:
            fm.append(f"su_kien: [{', '.join(sorted(set(r.sample(self.event_ids, r.randint(1, 2)))))}]")
        if r.random() < 0.5:
            fm.append(f"ke_hoach: [{r.choice(self.citations)}]")
        fm.append("---")
        body = self.body()
        return Article(path, "\n".join(fm) + "\n\n", body)


SAMPLE_SKIP = re.compile(r"^tin-tuc/\d{4}/")


def copy_sample_content(dest: Path, units: list[str]) -> None:
    """The sample's pages and assets, without its news articles (the corpus brings its own); the
    units' plans (content/<unit>/ke-hoach/) go into content/ke-hoach/ of the one-unit corpus."""
    src = ROOT / "content"
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src).as_posix()
        first, _, rest = rel.partition("/")
        if first in units:
            if not rest.startswith("ke-hoach/"):
                continue
            rel = rest
        if path.is_dir() or SAMPLE_SKIP.match(rel):
            continue
        target = dest / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def write(dest: Path, rel: str, text: str) -> None:
    path = dest / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_corpus(dest: Path, size: str = "S", seed: int = 11) -> dict:
    """Write the project folder; returns counts. ``dest`` must not exist or be empty."""
    n_articles, n_events, n_clubs = SIZES[size]
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise SystemExit(f"{dest} is not empty")
    gen = Generator(size, seed)
    units = sample_units(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    write(dest, "mkdocs.yml", yaml.safe_dump(gen.config, allow_unicode=True, sort_keys=False))
    copy_sample_content(dest, units)
    for rel, text in gen.event_files(n_events).items():
        write(dest, rel, text)
    n_classes = n_clubs * 2 // 5
    for i in range(n_clubs - n_classes):
        write(dest, *gen.club(i))
    for i in range(n_classes):
        write(dest, *gen.klass(i))
    for i in range(n_articles):
        article = gen.article(i)
        write(dest, "content/" + article.path, article.front_matter + article.body)
    return {"articles": n_articles, "events": n_events, "clubs": n_clubs - n_classes, "classes": n_classes}


def read_articles(project: Path) -> list[tuple[str, dict, str]]:
    """(path under content/, front matter, Markdown body) of every news article of a project."""
    out = []
    for path in sorted((project / "content" / "tin-tuc").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        _, fm, body = text.split("---\n", 2)
        out.append((path.relative_to(project / "content").as_posix(), yaml.safe_load(fm), body.lstrip("\n")))
    return out
