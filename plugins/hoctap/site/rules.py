"""Content rules common to every kind, written once.

- File and folder names: no spaces, no diacritics (``check_file_names``).
- Duplicate ids and file names within one content kind (``check_duplicates``).
- References to the configuration: villages (``check_village``) and calendar categories
  (``check_category``).
- Citations of plans and plan sections, ``ma-ke-hoach#II.1``: resolved and labelled by one
  function (``cite`` → ``Citation``; ``check_citation`` reports one that does not resolve).
- The explanation of each message in the staff guide (``guide_anchor``): the generic patterns
  of ``core/problems.py``, these rules' own, and what each kind contributes (``Kind.anchors``).

``check(hub)`` runs the file rules over every content kind of the hub's registry, so
``hoctap check``, ``hoctap build`` and ``mkdocs build`` report the same problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from ..core.problems import GUIDE_ANCHORS, INPUT_ANCHORS, ContentError, Problems
from ..core.sources import Located, load_front_matter_file, load_yaml_file, walkable
from ..core.validation import did_you_mean, validate
from ..core.values import slugify
from .registry import ContentKind

_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


def safe_file_name(name: str) -> str:
    """The name a file should have: ``Đọc sách 2026.md`` → ``doc-sach-2026.md``."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return slugify(name) or "ten-tep"
    return (slugify(stem) or "ten-tep") + "." + ext.lower()


def check_file_names(folders: list[Path], problems) -> None:
    """Policy: file and folder names in content folders use no spaces and no diacritics (URLs stay
    readable and work when copied to USB); each offending name is refused with the name to use."""
    seen: set[Path] = set()
    for folder in folders:
        if not walkable(folder, problems.root):
            continue
        for path in sorted(folder.rglob("*")):
            if path in seen or any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            seen.add(path)
            rel = problems.rel(path)
            if any(p.file == rel and p.field in ("ten-tep", "tên tệp") for p in problems.errors):
                continue   # the kind's own loader already refused this name
            if not _SAFE_NAME.match(path.name):
                what = "Thư mục" if path.is_dir() else "Tên tệp"
                problems.add(path, None, "ten-tep",
                             f"{what} '{path.name}' có dấu cách, chữ có dấu hoặc ký tự đặc biệt.",
                             f"đổi tên thành '{safe_file_name(path.name)}'")


def check_duplicates(kind: ContentKind, files: list[Path], problems) -> None:
    """Two items of one kind may not share an id, nor a file name (the file name is the page address)."""
    ids: dict[str, Path] = {}
    stems: dict[str, Path] = {}
    quiet = Problems(problems.root)   # syntax errors are reported by the kind's own loader
    for path in files:
        stem = path.name[: -len(kind.suffix)] if kind.suffix and path.name.endswith(kind.suffix) else path.stem
        if kind.unique_file_names and stem in stems:
            problems.add(path, None, "ten-tep",
                         f"Tên tệp '{path.name}' trùng với {problems.rel(stems[stem])}.",
                         "mỗi mục cần một tên tệp riêng vì tên tệp là địa chỉ trang")
        stems.setdefault(stem, path)
        located = (load_front_matter_file(path, quiet) if kind.markdown else load_yaml_file(path, quiet))
        if kind.id_field is None or located is None or not isinstance(located.data, dict):
            continue
        value = located.data.get(kind.id_field)
        if not isinstance(value, str) or not value:
            continue
        if value in ids:
            already = any(p.file == problems.rel(path) and p.field == kind.id_field for p in problems.errors)
            if not already:
                problems.add(path, located.line_of((kind.id_field,)), kind.id_field,
                             f"Mã '{value}' trùng với {problems.rel(ids[value])}.",
                             "mỗi mục cần một mã riêng")
        ids.setdefault(value, path)


YAML_SUFFIXES = (".yaml", ".yml")   # what the YAML loaders read


def check_stray_files(kind: ContentKind, root: Path, problems, kinds=(), units=(None,)) -> None:
    """Policy: a file the loaders would skip is an error, never silence. In a YAML kind's folder
    every file must end in .yaml/.yml (``HOI-NGHI.YAML``, ``x.yaml.txt``, ``ghi-chu.txt`` are
    refused: was it meant as an item?). In a Markdown kind's folder, ``X.MD`` is refused: MkDocs
    would publish it as a page that no check has read. Hidden files (``.gitkeep``) are left alone."""
    for unit in units:
        _check_stray_files(kind, root, problems, kinds, unit)


def _check_stray_files(kind: ContentKind, root: Path, problems, kinds, unit: str | None) -> None:
    base = root / kind.folder_for(unit)
    if not walkable(base, root):
        return
    others = kind.nested_folders(root, kinds, unit)
    for path in sorted(base.rglob("*")):
        rel_parts = path.relative_to(base).parts
        if not path.is_file() or any(part.startswith(".") for part in rel_parts) \
                or any(path.is_relative_to(o) for o in others):
            continue
        name = path.name
        if kind.markdown:
            if name.lower().endswith(".md") and not name.endswith(".md"):
                problems.add(path, None, "ten-tep",
                             f"Tệp '{name}' có đuôi viết hoa nên không được kiểm tra như một {kind.label.lower()}.",
                             f"đổi tên thành '{safe_file_name(name)}'")
            continue
        if name.endswith(YAML_SUFFIXES):
            continue
        stem = name.split(".", 1)[0]
        if name.lower().endswith(YAML_SUFFIXES) or ".yaml." in name.lower() or ".yml." in name.lower():
            hint = f"nếu đây là {kind.label.lower()}, đổi tên thành '{slugify(stem) or 'ten-tep'}.yaml'"
        else:
            hint = f"thư mục {kind.folder_for(unit)}/ chỉ chứa tệp .yaml; chuyển tệp này ra chỗ khác hoặc xóa"
        ending = "đuôi .yaml viết thường" if name.lower().endswith(YAML_SUFFIXES) else "đuôi .yaml"
        problems.add(path, None, "ten-tep", f"Tệp '{name}' không có {ending} nên không được đọc.", hint)


def check_generated_paths(hub) -> None:
    """A content file at the address of a generated page or file (``lich/thang/2026-12.md``,
    ``lich/lich.ics``) would silently replace it or be replaced: refused, naming both.

    Called by both adapters right after ``load_hub`` succeeded (``cli.load_project_hub`` and the
    MkDocs plugin's ``on_config``), since it renders the outputs, which needs valid content; the
    outputs are kept for the build. Raises ``ContentErrors`` when a path is taken."""
    if hub.problems.errors:
        return
    outputs = hub.outputs()   # kept for the build (Hub.once)

    def dest(uri: str) -> str:
        return uri[: -len(".md")] + ".html" if uri.endswith(".md") else uri

    generated = {dest(p.src_uri): p.src_uri for p in outputs.pages}
    generated.update({dest(f.path): f.path for f in outputs.files})
    docs = hub.paths.docs_dir
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        uri = path.relative_to(docs).as_posix()
        made = generated.get(dest(uri))
        if made is not None:
            hub.problems.add(path, None, "ten-tep",
                             f"Tệp này trùng địa chỉ '{dest(uri)}' với trang được tạo tự động ({made}).",
                             "đổi tên hoặc chuyển tệp sang thư mục khác")
    hub.problems.raise_if_any()


def check(hub) -> None:
    """The rules above over every content kind of the hub's registry and every content folder;
    the hub runs them once every kind has loaded (so that a kind's own message comes first)."""
    root = hub.paths.root
    content_kinds = hub.registry.content_kinds
    folders = [hub.paths.docs_dir, hub.paths.events_dir]
    folders += [root / k.folder for k in content_kinds]
    check_file_names(folders, hub.problems)
    for kind in content_kinds:
        check_stray_files(kind, root, hub.problems, content_kinds, hub.registry.unit_folders)
        check_duplicates(kind, hub.registry.files(kind, root), hub.problems)


# -- the items of a YAML kind: one loop for every kind, and the ids of the refused ones ----------

REFUSED = "refused"   # hub.extras key: {content kind name: {id: the file's data}}


def load_items(hub, name: str, what: str, check: Callable[[Path, Located, Any], Any]) -> list:
    """The items of the YAML content kind ``name``, one file each (``hub.registry.files``), in path
    order: each file is read, must hold ``tên: giá trị`` lines (else "Tệp <what> phải gồm các dòng
    'tên: giá trị'.") and is validated as the kind's model; ``check(path, located, item)`` then
    cross-checks the valid item and returns what the kind keeps of it (None: nothing).

    A file refused on the way (unreadable, not a mapping, invalid, or ``check`` reported an error)
    is left out, and its id (its ``id_field``, or its file name when the id cannot be read) is
    remembered with the file's data (``refused``): what cites it is not told that it does not
    exist, since its own problem is reported once, on its file."""
    content = hub.registry.content_kind(name)
    problems = hub.problems
    refused_here = hub.extras.setdefault(REFUSED, {}).setdefault(name, {})
    kept = []
    for path in hub.registry.files(content, hub.paths.root):
        item = value = None
        with problems.mark() as errors:
            located = load_yaml_file(path, problems)
            if located is not None and not isinstance(located.data, dict):
                problems.add(path, 1, "", f"Tệp {what} phải gồm các dòng 'tên: giá trị'.")
            elif located is not None:
                item = validate(content.model, located, problems)
            if item is not None:
                value = check(path, located, item)
        if item is None or errors[0]:
            data = located.data if located is not None and isinstance(located.data, dict) else {}
            refused_here.setdefault(_item_id(content, path, data), data)
        elif value is not None:
            kept.append(value)
    return kept


def _item_id(content: ContentKind, path: Path, data: Mapping) -> str:
    value = data.get(content.id_field) if content.id_field else None
    if isinstance(value, str) and value:
        return value
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def refused(hub, name: str) -> Mapping[str, Mapping]:
    """The items of the content kind ``name`` whose file exists but was refused (``load_items``),
    by id, with their data: a citation of one of them is not reported as an unknown id."""
    return hub.extras.get(REFUSED, {}).get(name, {})


# -- references to the configuration: villages and categories ----------------------------------

def check_village(problems: Problems, path: Path, line: int | None, config, village_id: str | None,
                  note: str = "", field_name: str = "ban", unit=None) -> None:
    """``ban`` names a village of the file's unit (mkdocs.yml, ``don_vi.ban``, or the unit's in
    ``cac_don_vi``); ``note`` adds a hint in parentheses to the message."""
    unit = unit if unit is not None else config.unit
    if not village_id or (unit is not None and unit.village(village_id) is not None):
        return
    options = [v.id for v in unit.villages] if unit is not None else []
    problems.add(path, line, field_name,
                 f"Bản '{village_id}' không có trong danh sách: {', '.join(options)}"
                 + (f" ({note})" if note else "") + ".",
                 did_you_mean(village_id, options))


def check_category(problems: Problems, path: Path, line: int | None, config, category_id: str,
                   field_name: str = "the_loai", suggest: bool = True) -> None:
    """``the_loai`` names a calendar category (mkdocs.yml, ``the_loai``)."""
    if config.category(category_id) is not None:
        return
    options = [c.id for c in config.categories]
    problems.add(path, line, field_name,
                 f"Thể loại '{category_id}' không có trong danh sách: {', '.join(options)}.",
                 did_you_mean(category_id, options) if suggest else "")


# -- references to a venue: ``nha_van_hoa: <ma>`` ----------------------------------------------

def _unit_and_ancestors(config, unit_id: str | None) -> list[str | None]:
    out: list[str | None] = [unit_id]
    unit = config.unit_by_id(unit_id) if config is not None and unit_id else None
    while unit is not None and unit.parent and unit.parent not in out:
        out.append(unit.parent)
        unit = config.unit_by_id(unit.parent)
    return out


def check_venue(hub, path: Path, line: int | None, venue_id: str, field_name: str = "nha_van_hoa"):
    """``nha_van_hoa`` names a venue (the ``nha-van-hoa`` kind, ``hub.extras["venues"]``) of the
    file's own unit or of an ancestor unit; return it, or report why not and return None (a venue
    whose file was refused for its own mistakes is not reported again here)."""
    index = hub.extras.get("venues")
    unit_id = hub.unit_of(path)
    allowed = _unit_and_ancestors(hub.config, unit_id)
    venues = list(index.venues) if index is not None else []
    venue = next((v for v in venues if v.id == venue_id), None)
    options = [v.id for v in venues if v.unit in allowed]
    if venue is None and venue_id in refused(hub, "nha-van-hoa"):
        return None
    if venue is None:
        hub.problems.add(path, line, field_name,
                         f"Không có nhà văn hóa mã '{venue_id}' (các mã dùng được: {', '.join(options) or 'chưa có'}).",
                         did_you_mean(venue_id, options) or "thêm tệp events/…/nha-van-hoa/<mã>.yaml, "
                         "hoặc ghi dia_diem cho nơi tổ chức một lần")
        return None
    if venue.unit not in allowed:
        owner = hub.config.unit_by_id(venue.unit) if hub.config is not None else None
        hub.problems.add(path, line, field_name,
                         f"Nhà văn hóa '{venue_id}' thuộc {owner.name if owner else venue.unit}, không phải "
                         "của đơn vị này hay đơn vị cấp trên.",
                         "chọn nhà văn hóa của đơn vị mình, hoặc ghi dia_diem")
        return None
    return venue


def check_one_place(problems: Problems, path: Path, line: int | None, venue_id: str | None, location) -> None:
    """``nha_van_hoa`` and ``dia_diem`` name the same thing: one of them, not both."""
    if venue_id and location is not None:
        problems.add(path, line, "nha_van_hoa",
                     "Chỉ dùng một trong hai: nha_van_hoa (nhà văn hóa có sẵn) hoặc dia_diem (nơi tổ chức một lần).",
                     "xóa dòng dia_diem; địa chỉ và tọa độ lấy từ trang nhà văn hóa")


# -- citations of plan sections: ``ma-ke-hoach#II.1`` -------------------------------------------

@dataclass(frozen=True)
class Citation:
    """A resolved citation of a plan (``ma-ke-hoach``) or of one of its sections (``…#II.1``)."""

    ref: str
    plan: Any                  # kinds.plans.model.Plan
    section: Any | None        # kinds.plans.model.Section

    @property
    def url(self) -> str:
        """Output path of the plan page, with the section's anchor."""
        return self.plan.url + (f"#{self.section.anchor}" if self.section else "")

    def label(self, separator: str = ", ", section_title: bool = True) -> str:
        """``Kế hoạch …, mục II.1. Tuyên truyền …``. The news footer separates with " — ";
        statistics (reports) leave out the section's title."""
        if self.section is None:
            return self.plan.meta.title
        tail = f"mục {self.section.anchor}" + (f". {self.section.title}" if section_title else "")
        return self.plan.meta.title + separator + tail


def cite(plans, ref: str) -> Citation | str:
    """The citation ``ref`` resolved against the hub's plans, or the Vietnamese message saying
    why it does not resolve."""
    resolved = plans.resolve(ref)
    if isinstance(resolved, str):
        return resolved
    return Citation(ref, *resolved)


def check_citation(problems: Problems, path: Path, line: int | None, field_name: str, plans, ref: str,
                   hint: str = "", *, config=None, unit_of: Callable[[Path], str | None] | None = None
                   ) -> Citation | None:
    """Report a citation that does not resolve; return it resolved otherwise.

    In a hub of several units (``config`` and ``unit_of`` given), an item may cite only its own
    unit's plans or those of a unit above it: a commune carries out its district's plan, never
    another commune's, and is never graded against it."""
    cited = cite(plans, ref)
    if isinstance(cited, str):
        problems.add(path, line, field_name, cited, hint)
        return None
    if config is not None and unit_of is not None and getattr(config, "multi", False):
        item_unit, plan_unit = unit_of(path), unit_of(cited.plan.source)
        if plan_unit is not None and item_unit is not None and plan_unit != item_unit \
                and plan_unit not in config.ancestors(item_unit):
            own = config.unit_by_id(item_unit)
            other = config.unit_by_id(plan_unit)
            problems.add(path, line, field_name,
                         f"'{ref}' là kế hoạch của {other.name if other else plan_unit}, không phải của "
                         f"{own.name if own else item_unit} hay đơn vị cấp trên "
                         f"(chỉ dẫn kế hoạch của đơn vị mình hoặc của cấp trên).")
            return None
    return cited


# -- the staff guide ------------------------------------------------------------------------------

# The rules' own messages → their explanation in content/huong-dan/loi.md.
RULE_ANCHORS: list[tuple[str, str]] = [
    (r"ten-tep: .*(dấu cách|chữ có dấu|đuôi|thư mục của năm)", "ten-tep"),
    (r"ten-tep: .*trùng", "trung-lap"),
    (r"^(don-vi|ten-tep): .*đơn vị", "don-vi"),
    (r"là kế hoạch của .* hay đơn vị cấp trên", "don-vi"),
    (r"^(cac_don_vi|don_vi)(\[\d+\])?(\.thuoc|\.chi_tieu\[\d+\]\.(ke_hoach|ap_dung))?: ", "don-vi"),
]


def guide_anchors(registry) -> list[tuple[str, str]]:
    """Every (pattern, anchor), first match wins: input and mkdocs.yml problems, the kinds' own,
    the rules', then the generic."""
    return [*INPUT_ANCHORS, *registry.anchors, *RULE_ANCHORS, *GUIDE_ANCHORS]


def guide_anchor(problem: ContentError, anchors: list[tuple[str, str]]) -> str:
    """The anchor in ``huong-dan/loi.html`` explaining ``problem``; patterns are searched in
    "field: message (hint)"."""
    text = f"{problem.field}: {problem.message} ({problem.hint})"
    for pattern, anchor in anchors:
        if re.search(pattern, text):
            return anchor
    return "cac-loi-khac"
