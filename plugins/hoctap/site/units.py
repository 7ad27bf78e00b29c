"""Units of a hub: the unit each content file belongs to, the checks of the unit tree and of
the unit folders, and the sections (scopes) pages are rendered for.

Policy (README, "Units"):

- A hub with ``don_vi:`` (one mapping) has one unit and today's layout: ``content/<kind>/…``,
  ``events/…``; every file belongs to that unit; nothing else changes.
- A hub with ``cac_don_vi:`` (a list) has several units, and a file belongs to the unit whose
  folder holds it: ``content/<unit>/<kind folder>/…`` (``content/vieng-lan/ke-hoach/…``,
  ``content/vieng-lan/tin-tuc/2026/…``) and ``events/<unit>/…``
  (``events/vieng-lan/ngay-ky-niem.yaml``, ``events/vieng-lan/cau-lac-bo/…``). A kind's file
  outside a unit folder, or in a folder that names no unit, is an error (with "did you mean").
- Every file of ``content/<unit>/`` is published where it would be without the unit folder
  (``content/vieng-lan/ke-hoach/x.md`` → ``ke-hoach/x.html``): ids and file names are unique
  across the hub, so item pages keep one global address and UIDs stay ``<ma>@<host>``
  (unique across units, unchanged when a unit is added).
- Each unit has a section under ``don-vi/<unit>/`` (``Urls(prefix=…)``); a unit's section shows
  its own items and its descendants' (a district sees its communes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.sources import walkable
from ..core.urls import Urls, urls as root_urls
from ..core.validation import did_you_mean
from .config import HubConfig, Unit

UNITS_FOLDER = "don-vi"   # the output folder of the unit sections


@dataclass(frozen=True)
class Root:
    """Where one unit's files are: its content folder (published as if it were docs_dir) and its
    events folder."""

    unit: str
    docs: Path
    events: Path


def roots(config: HubConfig | None, docs_dir: Path, events_dir: Path) -> list[Root]:
    if config is None:   # a broken configuration: plans are still checked, in today's layout
        return [Root("", docs_dir, events_dir)]
    if not config.multi:
        unit = config.units[0].id if config.units else ""
        return [Root(unit, docs_dir, events_dir)]
    return [Root(u.id, docs_dir / u.id, events_dir / u.id) for u in config.units]


def unit_of(config: HubConfig | None, docs_dir: Path, events_dir: Path, path: Path) -> str | None:
    """The unit a content or event file belongs to (None: outside every unit folder)."""
    if config is None:
        return None
    if not config.multi:
        return config.units[0].id if config.units else None
    for base in (events_dir, docs_dir):
        try:
            first = path.resolve().relative_to(base.resolve()).parts[0]
        except (ValueError, IndexError):
            continue
        return first if config.unit_by_id(first) is not None else None
    return None


def unit_urls(unit_id: str) -> Urls:
    return Urls(prefix=f"{UNITS_FOLDER}/{unit_id}/")


@dataclass(frozen=True)
class Scope:
    """What one set of listings shows: the whole hub (``unit`` None in a hub of several units, the
    unit itself in a hub of one) or one unit's section with its descendants."""

    unit: Unit | None
    members: frozenset[str]         # ids of the units whose items are shown
    urls: Urls
    name: str                       # heads feeds and pages: the centre, or the site's name
    short_name: str
    is_root: bool

    def has(self, unit_id: str | None) -> bool:
        return unit_id in self.members


def hub_scope(config: HubConfig, site_name: str) -> Scope:
    if not config.multi and config.units:
        unit = config.units[0]
        return Scope(unit, frozenset({unit.id}), root_urls, unit.centre, unit.short_name, True)
    return Scope(None, frozenset(u.id for u in config.units), root_urls, site_name, site_name, True)


def unit_scope(config: HubConfig, unit: Unit) -> Scope:
    return Scope(unit, frozenset(config.descendants(unit.id)), unit_urls(unit.id), unit.centre,
                 unit.short_name, False)


def scopes(config: HubConfig, site_name: str) -> list[Scope]:
    """The hub's own scope, then (in a hub of several units) one per unit."""
    out = [hub_scope(config, site_name)]
    if config.multi:
        out += [unit_scope(config, u) for u in config.units]
    return out


def unit_label(unit: Unit) -> str:
    return unit.name + (" (đơn vị mẫu)" if unit.sample else "")


# -- checks ------------------------------------------------------------------------------------

LEVEL_RANK = {"tinh": 0, "huyen": 1, "xa": 2}


def check_units(config: HubConfig, problems, source: Path) -> None:
    """The unit tree: one ``don_vi`` or ``cac_don_vi``, unique codes, parents that exist and sit a
    level above, no cycle; in a hub of several units, targets are declared on a unit and cite
    their plan's section."""
    if config.unit is not None and config.unit_list:
        problems.add(source, None, "cac_don_vi", "Chỉ khai báo một trong hai: don_vi (một đơn vị) "
                     "hoặc cac_don_vi (nhiều đơn vị).", "trang nhiều đơn vị dùng cac_don_vi")
        return
    if not config.units:
        problems.add(source, None, "don_vi", "Thiếu thông tin đơn vị.",
                     "khai báo don_vi (một đơn vị) hoặc cac_don_vi (danh sách đơn vị)")
        return
    if not config.multi:
        return
    if config.targets:
        problems.add(source, None, "chi_tieu",
                     "Trang nhiều đơn vị không dùng chi_tieu chung; chỉ tiêu thuộc đơn vị có kế hoạch đặt ra nó.",
                     "chuyển vào cac_don_vi[…].chi_tieu của đơn vị đó")
    seen: set[str] = set()
    ids = [u.id for u in config.units]
    for i, unit in enumerate(config.units, start=1):
        field = f"cac_don_vi[{i}]"
        if unit.id in seen:
            problems.add(source, None, f"{field}.ma", f"Mã đơn vị '{unit.id}' bị khai báo hai lần.",
                         "mỗi đơn vị cần một mã riêng")
        seen.add(unit.id)
        if unit.parent is not None:
            parent = config.unit_by_id(unit.parent)
            if parent is None:
                problems.add(source, None, f"{field}.thuoc",
                             f"Đơn vị cấp trên '{unit.parent}' không có trong cac_don_vi: {', '.join(ids)}.",
                             did_you_mean(unit.parent, ids))
            elif parent.id == unit.id or unit.id in config.ancestors(unit.id):
                problems.add(source, None, f"{field}.thuoc",
                             f"Đơn vị '{unit.id}' nằm trong chính nó (vòng lặp cấp trên: thuoc).",
                             "mỗi đơn vị thuộc một đơn vị cấp cao hơn")
            elif LEVEL_RANK[parent.level] >= LEVEL_RANK[unit.level]:
                problems.add(source, None, f"{field}.thuoc",
                             f"Đơn vị cấp '{unit.level}' không thể thuộc đơn vị cấp '{parent.level}' ('{parent.id}').",
                             "xã thuộc huyện hoặc tỉnh; huyện thuộc tỉnh")
        for j, target in enumerate(unit.targets, start=1):
            if not target.plan_ref or "#" not in target.plan_ref:
                problems.add(source, None, f"{field}.chi_tieu[{j}].ke_hoach",
                             f"Chỉ tiêu '{target.id}' phải ghi kế hoạch và mục đặt ra nó.",
                             "ví dụ ke_hoach: ma-ke-hoach#III.9")
            if target.applies_to == "don_vi_con" and not config.children(unit.id):
                problems.add(source, None, f"{field}.chi_tieu[{j}].ap_dung",
                             f"Chỉ tiêu '{target.id}' áp dụng cho đơn vị con nhưng đơn vị '{unit.id}' không có đơn vị con.",
                             "thêm thuoc: " + unit.id + " vào các đơn vị con, hoặc bỏ ap_dung")


def kind_subfolders(registry, top: str) -> list[str]:
    """Folders of the content kinds inside ``top`` ("content" or "events"), as written inside a
    unit folder: ["ke-hoach", "tin-tuc"], ["", "cau-lac-bo", "lop-hoc"]."""
    out = []
    for kind in registry.content_kinds:
        first, _, rest = kind.folder.partition("/")
        if first == top:
            out.append(rest)
    return sorted(set(out))


def check_folders(hub) -> None:
    """In a hub of several units, every content file of a kind sits in a unit folder."""
    config = hub.config
    if config is None or not config.multi:
        return
    problems = hub.problems
    ids = [u.id for u in config.units]
    docs, events = hub.paths.docs_dir, hub.paths.events_dir
    content_folders = [f for f in kind_subfolders(hub.registry, "content") if f]
    units_hint = "các đơn vị: " + ", ".join(ids)
    if docs.is_dir():
        for entry in sorted(docs.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.is_dir() and entry.name in ids:
                if not walkable(entry, hub.paths.root):
                    continue   # a refused symbolic link: reported, never walked
                for path in sorted(entry.rglob("*")):
                    rel = path.relative_to(entry)
                    if not path.is_file() or any(p.startswith(".") for p in rel.parts):
                        continue
                    if rel.parts[0] not in content_folders or len(rel.parts) < 2:
                        problems.add(path, None, "ten-tep",
                                     f"Thư mục của đơn vị chỉ chứa các thư mục {', '.join(f + '/' for f in content_folders)}"
                                     f" (tệp {rel.as_posix()}).",
                                     "trang chung của cả trang đặt ngoài thư mục đơn vị, ví dụ content/gioi-thieu.md")
                    elif path.name == "index.md":
                        problems.add(path, None, "ten-tep",
                                     "Trang danh sách của đơn vị được tạo tự động; không đặt index.md trong thư mục đơn vị.",
                                     "xóa tệp này")
            elif entry.is_dir() and entry.name in content_folders and walkable(entry, hub.paths.root):
                for path in sorted(entry.rglob("*.md")):
                    if path == entry / "index.md" or not path.is_file():
                        continue
                    rel = path.relative_to(docs).as_posix()
                    problems.add(path, None, "don-vi",
                                 f"Tệp này không thuộc đơn vị nào; đặt vào content/<mã đơn vị>/{rel}.",
                                 units_hint)
            elif entry.is_dir() and any((entry / f).is_dir() for f in content_folders):
                problems.add(entry, None, "don-vi",
                             f"Thư mục '{entry.name}' không phải mã đơn vị nào ({', '.join(ids)}).",
                             did_you_mean(entry.name, ids, otherwise=units_hint))
    if events.is_dir():
        for entry in sorted(events.iterdir()):
            if entry.name.startswith(".") or (entry.is_dir() and entry.name in ids):
                continue
            if entry.is_file():
                problems.add(entry, None, "don-vi",
                             f"Tệp này không thuộc đơn vị nào; đặt vào events/<mã đơn vị>/{entry.name}.",
                             units_hint)
            else:
                problems.add(entry, None, "don-vi",
                             f"Thư mục '{entry.name}' không phải mã đơn vị nào ({', '.join(ids)}).",
                             did_you_mean(entry.name, ids, otherwise=units_hint))


def published_files(hub) -> dict[str, Path]:
    """In a hub of several units: the address (path inside docs_dir) of every file of a unit
    folder, which is its path without the unit folder; two units' files at one address are
    refused."""
    config = hub.config
    out: dict[str, Path] = {}
    if config is None or not config.multi:
        return out
    docs = hub.paths.docs_dir
    for root in roots(config, docs, hub.paths.events_dir):
        if not walkable(root.docs, hub.paths.root):
            continue
        for path in sorted(root.docs.rglob("*")):
            rel = path.relative_to(root.docs)
            if not path.is_file() or any(p.startswith(".") for p in rel.parts):
                continue
            uri = rel.as_posix()
            if uri in out:
                hub.problems.add(path, None, "ten-tep",
                                 f"Tệp này trùng địa chỉ '{uri}' với {hub.problems.rel(out[uri])}.",
                                 "mỗi tệp cần một tên riêng trong cả trang, kể cả giữa các đơn vị")
                continue
            if (docs / uri).exists():
                hub.problems.add(path, None, "ten-tep",
                                 f"Tệp này trùng địa chỉ '{uri}' với {hub.problems.rel(docs / uri)}.",
                                 "đổi tên một trong hai tệp")
                continue
            out[uri] = path
    return out


# -- the unit sections' home pages -------------------------------------------------------------

def unit_pages(hub):
    """A hub of several units: ``don-vi/index.html`` (the units) and each unit's home
    (``don-vi/<unit>/index.html``): identity, quick links to its section, children, plans,
    the targets that apply to it."""
    from ..core.outputs import GeneratedPage, Outputs
    from ..core.render import render
    from ..core.urls import page_source, relative
    from . import rules

    out = Outputs()
    config = hub.config
    if config is None or not config.multi:
        return out
    index = page_source(root_urls.units_index())
    html = hub.registry.blocks["don-vi"](hub, index)
    out.pages.append(GeneratedPage(index, "Các đơn vị", f'<div markdown="0">{html}</div>',
                                   f"Các đơn vị của {hub.site_name}."))
    plans = hub.plans.newest_first() if hub.plans is not None else []
    for unit in config.units:
        scope = unit_scope(config, unit)
        u = scope.urls
        src_uri = page_source(u.home())
        parent = config.unit_by_id(unit.parent)
        links = [(relative(src_uri, u.agenda()), "Tuần này"),
                 (relative(src_uri, u.calendar_index()), "Lịch hoạt động"),
                 (relative(src_uri, u.calendar_feed()), "Tệp lịch (.ics)"),
                 (relative(src_uri, u.clubs_index()), "Câu lạc bộ & lớp học"),
                 (relative(src_uri, u.news_index()), "Tin tức"),
                 (relative(src_uri, u.news_feed("rss")), "RSS"),
                 (relative(src_uri, u.reports_index()), "Báo cáo")]
        if "venues" in hub.extras:   # the nha-van-hoa kind is registered
            links.insert(3, (relative(src_uri, u.venues_index()), "Nhà văn hóa"))
        kinds = {k.name for k in hub.registry.kinds}
        if "khao-sat" in kinds:
            links.append((relative(src_uri, u.surveys_index()), "Khảo sát nhu cầu học tập"))
        if "danh-gia" in kinds:
            links.append((relative(src_uri, u.assessments_index()), "Đánh giá, xếp loại"))
        targets = []
        for target, owner in config.targets_for(unit.id):
            cited = rules.cite(hub.plans, target.plan_ref) if target.plan_ref and hub.plans else None
            label = cited.label(section_title=False) if cited is not None and not isinstance(cited, str) else ""
            source = (f"kế hoạch của {unit_label(owner)}: {label}" if owner.id != unit.id else label)
            targets.append({"id": target.id, "name": target.name, "minimum": target.minimum, "source": source})
        html = render(
            "unit_home.html", unit=unit, links=links, targets=targets,
            parent=(unit_label(parent), relative(src_uri, unit_urls(parent.id).home())) if parent else None,
            children=[(unit_label(c), relative(src_uri, unit_urls(c.id).home())) for c in config.children(unit.id)],
            plans=[(p.meta.title, relative(src_uri, p.url)) for p in plans if hub.unit_of(p.source) == unit.id],
            contact=render("contact.html", unit=unit))
        out.pages.append(GeneratedPage(src_uri, unit_label(unit), html, f"{unit.centre}."))
    return out
