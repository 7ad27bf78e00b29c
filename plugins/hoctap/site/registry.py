"""Registry of the content kinds staff publish: where their files live, their model, their template.

The ``hoctap`` command (``new``, ``check``, ``schema``) and the content rules below work from
this registry only, so a new content kind plugs in without editing them.

How a content kind registers
----------------------------
In the module that loads the kind (imported from ``hoctap/extensions.py``), or here::

    from .registry import ContentKind, register_kind

    register_kind(ContentKind(
        name="su-kien",                 # used on the command line: hoctap new su-kien "Tiêu đề"
        label="Sự kiện",                # shown to staff
        folder="events",                # relative to the project root (where mkdocs.yml is)
        pattern="*.yaml",               # files of this kind inside the folder (searched recursively)
        model=EventModel,               # the pydantic model that validates one file (front matter)
        scaffold=event_scaffold,        # (title, slug, today) -> text of a new file
    ))

The scaffold returns the whole file (front matter and body for Markdown kinds) with every
field present and commented in Vietnamese. Required values staff must still write are left
as ``""`` and marked ``# BẮT BUỘC``. The command adds the
``# yaml-language-server: $schema=…`` line itself; ``hoctap schema`` writes
``schemas/<name>.schema.json`` from ``model``. Names are unique: registering twice is an error.

Content rules common to every kind (file names, duplicate ids and file names) are enforced
by ``check_rules``, a hub loader, so ``hoctap check``, ``hoctap build`` and ``mkdocs build``
report the same problems.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from pydantic import BaseModel

from ..core.values import slugify

Scaffold = Callable[[str, str, date], str]


@dataclass(frozen=True)
class ContentKind:
    name: str                   # "ke-hoach"
    label: str                  # "Kế hoạch"
    folder: str                 # "content/ke-hoach", relative to the project root
    pattern: str                # "*.md"
    model: type[BaseModel]      # validates one file (its front matter for Markdown kinds)
    scaffold: Scaffold          # (title, slug, today) -> file text
    id_field: str | None = "ma"  # field holding the unique id of one item (None: the file name is the id)
    exclude: tuple[str, ...] = ("index.md",)   # files in the folder that are not items
    # Optional: turns the model's JSON Schema into the schema of a whole file (e.g. a file that
    # holds one item or a list of items).
    file_schema: Callable[[dict], dict] | None = None
    # Optional: the sub-folder a new item goes in, from the day it is made (e.g. the year).
    subfolder: Callable[[date], str] | None = None
    # File names unique across the whole kind (False when sub-folders are part of the address).
    unique_file_names: bool = True

    def new_path(self, root: Path, slug: str, today: date) -> Path:
        folder = root / self.folder
        if self.subfolder is not None:
            folder = folder / self.subfolder(today)
        return folder / f"{slug}{self.suffix}"

    @property
    def markdown(self) -> bool:
        return self.pattern.endswith(".md")

    @property
    def suffix(self) -> str:
        return self.pattern.rsplit("*", 1)[-1]

    @property
    def schema_file(self) -> str:
        return f"schemas/{self.name}.schema.json"

    def files(self, root: Path) -> list[Path]:
        """Files of this kind; a folder inside this one that belongs to another kind is left out
        (``events/cau-lac-bo/`` holds clubs, not events)."""
        base = root / self.folder
        if not base.is_dir():
            return []
        others = [root / k.folder for k in KINDS.values()
                  if k.name != self.name and (root / k.folder) != base and (root / k.folder).is_relative_to(base)]
        return sorted(p for p in base.rglob(self.pattern) if p.is_file() and p.name not in self.exclude
                      and not any(p.is_relative_to(o) for o in others))


KINDS: dict[str, ContentKind] = {}

def register_kind(kind: ContentKind) -> ContentKind:
    """Add a content kind; refuse a second kind with the same name."""
    if kind.name in KINDS:
        raise ValueError(f"content kind {kind.name!r} registered twice")
    KINDS[kind.name] = kind
    _register_template_block(kind)
    return kind


def all_kinds() -> list[ContentKind]:
    from . import extensions  # noqa: F401  (modules of other kinds register themselves on import)
    return [KINDS[name] for name in sorted(KINDS)]


def get_kind(name: str) -> ContentKind | None:
    all_kinds()
    return KINDS.get(name)


# -- the new-file header and the template block in the staff guide ---------------------------

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def with_schema_line(kind: ContentKind, text: str, schema_ref: str) -> str:
    """Put the editor's schema comment on the first line (of the front matter for Markdown)."""
    line = SCHEMA_COMMENT + schema_ref + "\n"
    if kind.markdown:
        assert text.startswith("---\n"), "a Markdown scaffold starts with its front matter"
        return "---\n" + line + text[4:]
    return line + text


def _register_template_block(kind: ContentKind) -> None:
    """``<!-- hoctap: mau-<kind> -->`` in a guide page shows the current template of the kind."""
    from .hub import block

    @block(f"mau-{kind.name}")
    def _template(hub, src_uri: str) -> str:
        text = with_schema_line(kind, kind.scaffold("Tiêu đề của bạn", "tieu-de-cua-ban", hub.today),
                                f"../../{kind.schema_file}")
        return f'\n<pre class="hoctap-mau"><code>{html.escape(text)}</code></pre>\n'


# -- content rules shared by every kind -----------------------------------------------------------

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
        if not folder.is_dir():
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


def check_duplicates(kind: ContentKind, root: Path, problems) -> None:
    """Two items of one kind may not share an id, nor a file name (the file name is the page address)."""
    from ..core.sources import load_front_matter_file, load_yaml_file
    from ..core.problems import Problems

    ids: dict[str, Path] = {}
    stems: dict[str, Path] = {}
    quiet = Problems(problems.root)   # syntax errors are reported by the kind's own loader
    for path in kind.files(root):
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


def check_stray_files(kind: ContentKind, root: Path, problems) -> None:
    """Policy: a file the loaders would skip is an error, never silence. In a YAML kind's folder
    every file must end in .yaml/.yml (``HOI-NGHI.YAML``, ``x.yaml.txt``, ``ghi-chu.txt`` are
    refused: was it meant as an item?). In a Markdown kind's folder, ``X.MD`` is refused: MkDocs
    would publish it as a page that no check has read. Hidden files (``.gitkeep``) are left alone."""
    base = root / kind.folder
    if not base.is_dir():
        return
    others = [root / k.folder for k in KINDS.values()
              if k.name != kind.name and (root / k.folder) != base and (root / k.folder).is_relative_to(base)]
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
            hint = f"thư mục {kind.folder}/ chỉ chứa tệp .yaml; chuyển tệp này ra chỗ khác hoặc xóa"
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
    outputs = hub.outputs()
    hub.extras["outputs"] = outputs

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


def check_rules(hub) -> None:
    """Hub loader: the rules above over every registered kind and every content folder."""
    root = hub.paths.root
    folders = [hub.paths.docs_dir, hub.paths.events_dir]
    folders += [root / k.folder for k in all_kinds()]
    check_file_names(folders, hub.problems)
    for kind in all_kinds():
        check_stray_files(kind, root, hub.problems)
        check_duplicates(kind, root, hub.problems)


# -- the plan kind (registered here while plans.py is owned elsewhere) ---------------------------

def _q(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def plan_scaffold(title: str, slug: str, today: date) -> str:
    return f"""---
ma: {slug}                      # mã văn bản: chữ thường không dấu, nối bằng dấu gạch ngang; là địa chỉ trang
loai_van_ban: Kế hoạch          # loại văn bản: Kế hoạch, Quyết định, Thông báo, …
so_ky_hieu: null                # số, ký hiệu, ví dụ "45/KH-UBND"; null nếu văn bản không ghi
co_quan_chu_quan: null          # cơ quan chủ quản (dòng trên tên cơ quan ban hành); null nếu không có
co_quan_ban_hanh: ""            # BẮT BUỘC: cơ quan ban hành, ví dụ "Ủy ban nhân dân xã Viêng Lán"
dia_danh: null                  # địa danh nơi ban hành, ví dụ "Viêng Lán"
ngay_ban_hanh: null             # ngày ban hành, dạng {today:%Y-%m-%d} hoặc {today:%d/%m/%Y}
trich_yeu: {_q(title)}          # BẮT BUỘC: trích yếu nội dung (tên đầy đủ của văn bản)
ten_ngan: null                  # tên ngắn hiển thị trong danh sách; null thì dùng loại + trích yếu
thoi_ky:                        # thời kỳ áp dụng (năm)
  tu_nam: null                  # năm bắt đầu, ví dụ {today.year}
  den_nam: null                 # năm kết thúc, ví dụ 2030
hieu_luc: con_hieu_luc          # BẮT BUỘC: con_hieu_luc, het_hieu_luc hoặc bi_thay_the
thay_the_boi: null              # mã văn bản thay thế (bắt buộc khi hieu_luc là bi_thay_the)
toan_van: true                  # true nếu phần dưới là toàn văn, false nếu chỉ là tóm tắt
nguoi_ky: null                  # người ký; thay null bằng các dòng như ví dụ sau:
#  thay_mat: ỦY BAN NHÂN DÂN     # TM. (ký thay mặt tập thể); bỏ dòng nếu không có
#  ky_thay: CHỦ TỊCH             # KT. (ký thay người đứng đầu); bỏ dòng nếu không có
#  chuc_vu: PHÓ CHỦ TỊCH         # chức vụ người ký (bắt buộc khi có nguoi_ky)
#  ho_ten: Nguyễn Văn A          # họ tên người ký
noi_nhan: []                    # nơi nhận; mỗi nơi một dòng bắt đầu bằng "  - "
can_cu: []                      # văn bản làm căn cứ; mỗi văn bản một nhóm như ví dụ sau:
#  - loai: Quyết định            # loại văn bản (bắt buộc)
#    so_ky_hieu: 1520/QĐ-TTg     # số, ký hiệu
#    ngay: 2022-12-09            # ngày ban hành
#    co_quan: Thủ tướng Chính phủ
#    trich_yeu: "…"              # trích yếu
#    ma: qd-1520-qd-ttg-2022     # mã của văn bản nếu đã đăng trên trang này
van_ban_lien_quan: []           # văn bản liên quan; cùng dạng với can_cu
ghi_chu: null                   # ghi chú thêm
nguon: null                     # nguồn của bản điện tử, ví dụ "Bản chụp văn bản giấy"
---

<!-- Nội dung văn bản: mỗi mục lớn bắt đầu bằng "## I.", mục nhỏ "### 1.", ý "#### a)". -->

## I. MỤC ĐÍCH, YÊU CẦU

### 1. Mục đích

Viết mục đích ở đây.

### 2. Yêu cầu

Viết yêu cầu ở đây.

## II. NỘI DUNG

### 1. Nhiệm vụ thứ nhất

Viết nội dung ở đây.

## III. TỔ CHỨC THỰC HIỆN

Viết phân công thực hiện ở đây.
"""


def event_scaffold(title: str, slug: str, today: date) -> str:
    return f"""# Một sự kiện trong lịch hoạt động. Nhiều sự kiện trong một tệp: đặt dưới "su_kien:" (xem hướng dẫn).
ma: {slug}                      # mã sự kiện: dùng làm địa chỉ trang và mã lịch; không đổi sau khi đăng
tieu_de: {_q(title)}            # BẮT BUỘC: tên sự kiện
bat_dau: ""                     # BẮT BUỘC: ngày "{today:%Y-%m-%d}" (cả ngày) hoặc ngày giờ "{today:%Y-%m-%d} 19:30"
ket_thuc: null                  # cùng dạng với bat_dau; null nếu không rõ giờ kết thúc
the_loai: ""                    # BẮT BUỘC: mã thể loại trong mkdocs.yml (the_loai), ví dụ doc-sach, le-hoi, hoi-thi
dia_diem:                       # địa điểm; thiếu địa điểm thì trang vẫn xây dựng nhưng có cảnh báo
  ten: ""                       # BẮT BUỘC: tên địa điểm, ví dụ "Nhà văn hóa trung tâm xã"
  dia_chi: null                 # địa chỉ chi tiết
  toa_do: null                  # tọa độ để mở bản đồ, ví dụ {{ vi_do: 21.0489, kinh_do: 104.2867 }}
lap_lai: null                   # sự kiện lặp lại; thay null bằng các dòng như ví dụ sau:
#  kieu: hang_tuan               # hang_ngay, hang_tuan, hang_thang, hang_nam hoặc am_lich
#  thu: [T7]                     # thứ trong tuần: T2 … T7, CN (với hang_tuan, hang_thang)
#  den_ngay: {today.year}-12-31          # lặp đến ngày này (hoặc so_lan: 10)
#  ngay_am: "15/8"               # ngày âm lịch, chỉ với kieu: am_lich
#  bo_ngay: []                   # các ngày không tổ chức
don_vi_to_chuc: null            # đơn vị tổ chức, ví dụ "Hội Khuyến học xã"
dien_thoai: null                # số điện thoại liên hệ, ví dụ "0912 345 678"
ban: null                       # mã bản nơi tổ chức (danh sách ban trong mkdocs.yml), ví dụ ban-lan
mo_ta: ""                       # mô tả, có thể viết nhiều dòng sau dấu | và dùng **chữ đậm**
anh: null                       # ảnh minh họa: đường dẫn trong thư mục content, ví dụ assets/anh/hoi-sach.jpg
lien_ket: []                    # liên kết; mỗi liên kết một dòng: - {{ ten: "Thể lệ", url: "https://…" }}
trang_thai: xac_nhan            # xac_nhan (đã xác nhận), du_kien (dự kiến) hoặc huy (đã hủy)
nguoi_tham_gia: null            # số người tham gia (ghi sau khi tổ chức)
ke_hoach: []                    # mục kế hoạch mà sự kiện thực hiện, ví dụ [hoc-tap-suot-doi-den-2030#II.1]
quyet_dinh: null                # văn bản quyết định tổ chức, nếu có
cap_nhat: null                  # ngày giờ sửa gần nhất, ví dụ "{today:%Y-%m-%d} 08:00"
phien_ban: 0                    # tăng thêm 1 mỗi lần đổi giờ hoặc địa điểm (để lịch trên điện thoại cập nhật)
"""


def news_scaffold(title: str, slug: str, today: date) -> str:
    return f"""---
tieu_de: {_q(title)}            # BẮT BUỘC: tiêu đề tin
ngay: "{today:%Y-%m-%d} 08:00"        # ngày giờ đăng; tin có ngày sau hôm nay chỉ hiện từ ngày đó
tac_gia: ""                     # BẮT BUỘC: người viết, ví dụ "Lò Văn Thanh"
chuyen_muc: [""]                # BẮT BUỘC: mã chuyên mục trong mkdocs.yml (chuyen_muc), ví dụ [thong-bao]
the: []                         # từ khóa tự do, ví dụ [đọc sách, thiếu nhi]
tom_tat: ""                     # BẮT BUỘC: một hai câu tóm tắt (dùng cho danh sách, RSS, Zalo/Facebook)
anh_bia: null                   # ảnh bìa .png/.jpg trong thư mục content, ví dụ assets/news/hoi-sach.png
mo_ta_anh: null                 # mô tả ảnh bìa cho người không xem được ảnh
su_kien: []                     # mã các sự kiện liên quan trong lịch, ví dụ [hoi-sach-2026]
ke_hoach: []                    # mục kế hoạch liên quan, ví dụ [hoc-tap-suot-doi-den-2030#II.1]
nhap: false                     # true = bản nháp: được kiểm tra nhưng chưa đăng
---

Viết nội dung tin ở đây. Đoạn đầu nói ai, làm gì, ở đâu, khi nào.
"""


def _event_file_schema(schema: dict) -> dict:
    """An event file holds one event, or a list of events under ``su_kien``."""
    defs = schema.pop("$defs", {})
    plans = schema["properties"]["ke_hoach"]        # one citation, or a list of them
    schema["properties"]["ke_hoach"] = {"anyOf": [{"type": "string"}, plans], "default": plans.get("default")}
    defs["SuKien"] = schema
    return {
        "$defs": defs,
        "anyOf": [
            {"$ref": "#/$defs/SuKien"},
            {"type": "object", "additionalProperties": False, "required": ["su_kien"],
             "properties": {"su_kien": {"type": "array", "items": {"$ref": "#/$defs/SuKien"}}}},
        ],
    }


def _or_string(schema: dict) -> dict:
    """A field whose validator also accepts a plain string (one item, or a place name)."""
    return {"anyOf": [{"type": "string"}, {k: v for k, v in schema.items() if k != "default"}],
            **({"default": schema["default"]} if "default" in schema else {})}


def _club_file_schema(schema: dict) -> dict:
    props = schema["properties"]
    for name in ("dia_diem", "ke_hoach"):
        props[name] = _or_string(props[name])
    photos = props["anh"]
    photos["items"] = {"anyOf": [{"type": "string"}, photos["items"]]}
    rule = schema["$defs"]["ScheduleRule"]["properties"]
    for name in ("dia_diem", "thu"):
        rule[name] = _or_string(rule[name])
    return schema


def club_scaffold(title: str, slug: str, today: date, course: bool = False) -> str:
    head = f"""# Số điện thoại, tên người phụ trách: thay bằng thông tin thật trước khi đăng.
ma: {slug}                      # mã: địa chỉ trang và mã lịch; không đổi sau khi đăng
ten: {_q(title)}                # BẮT BUỘC: tên đầy đủ
"""
    if course:
        kind = """loai: lop_nghe                   # lop_nang_khieu, lop_nghe hoặc chuyen_giao_ky_thuat
doi_tuong: ""                   # BẮT BUỘC: người học, ví dụ "Phụ nữ các bản, từ 16 tuổi"
bat_dau: "{d}"              # ngày khai giảng
ket_thuc: "{e}"             # ngày kết thúc khóa học
""".format(d=f"{today:%Y-%m-%d}", e=f"{today + timedelta(days=56):%Y-%m-%d}")
    else:
        kind = f"""loai: cau_lac_bo                # cau_lac_bo, doi hoặc nhom_so_thich
thanh_lap: null                 # ngày thành lập, ví dụ {today:%Y-%m-%d}
"""
    schedule = "lich_hoc" if course else "lich"
    tail = f"""chu_de: ""                      # BẮT BUỘC: chủ đề, ví dụ "Văn nghệ – múa xòe, hát dân ca Thái"
ban: null                       # mã bản trong mkdocs.yml (ví dụ ban-lan); null = trung tâm xã
{schedule}:                          # lịch; mỗi dòng lịch bắt đầu bằng dấu -
  - thu: [T7]                   # thứ: T2 … T7, CN
    gio_bat_dau: "19:30"        # giờ bắt đầu, trong dấu ngoặc kép
    gio_ket_thuc: "21:00"       # giờ kết thúc
#   tuan_thu: 1                 # chỉ tuần thứ mấy trong tháng (-1 = tuần cuối)
#   bo_ngay: [{today.year}-09-02]       # các ngày nghỉ
dia_diem: ""                    # BẮT BUỘC: nơi sinh hoạt, ví dụ "Nhà văn hóa bản Lán"
nguoi_phu_trach:                # người phụ trách
  ho_ten: ""                    # BẮT BUỘC: họ tên
  dien_thoai: ""                # BẮT BUỘC: số điện thoại, ví dụ "0912 345 678"
  zalo: null                    # số Zalo nếu khác số điện thoại
thanh_vien: null                # số thành viên (học viên)
mo_ta: ""                       # giới thiệu; có thể viết nhiều dòng sau dấu |
anh: []                         # ảnh trong thư mục content, ví dụ [assets/clubs/ten-anh.jpg]
ke_hoach: []                    # mục kế hoạch mà {"lớp" if course else "câu lạc bộ"} thực hiện, ví dụ [hoc-tap-suot-doi-den-2030#II.2]
cap_nhat: null                  # ngày sửa gần nhất
"""
    if course:
        tail += """hoc_phi: Miễn phí               # học phí
so_cho: null                    # số chỗ
dang_ky: null                   # cách đăng ký; thay null bằng: { cach: "Báo tên với trưởng bản", han: 2026-05-01 }
trang_thai: dang_mo             # dang_mo, da_du, dang_hoc hoặc da_ket_thuc
nhu_cau: ""                     # BẮT BUỘC: mục kế hoạch nêu nhu cầu mở lớp, ví dụ hoc-tap-suot-doi-den-2030#II.1
"""
    return head + kind + tail


def _register_builtin_kinds() -> None:
    # The content modules first, in extensions.py's order: importing one of them from here before
    # would change the order in which their loaders run (news needs the calendar loaded first).
    from . import extensions  # noqa: F401
    from ..kinds.plans.model import PlanMeta

    register_kind(ContentKind(name="ke-hoach", label="Kế hoạch", folder="content/ke-hoach", pattern="*.md",
                              model=PlanMeta, scaffold=plan_scaffold))
    # Kinds whose modules have landed but do not register themselves (yet): registered here.
    from ..kinds.events.model import EventSource

    register_kind(ContentKind(name="su-kien", label="Sự kiện", folder="events", pattern="*.yaml",
                              model=EventSource, scaffold=event_scaffold, file_schema=_event_file_schema))
    from ..kinds.news.model import ArticleMeta

    register_kind(ContentKind(name="tin-tuc", label="Tin tức", folder="content/tin-tuc", pattern="*.md",
                              model=ArticleMeta, scaffold=news_scaffold, id_field=None,
                              subfolder=lambda today: str(today.year)))
    from ..kinds.clubs.model import Club, Course

    register_kind(ContentKind(name="cau-lac-bo", label="Câu lạc bộ", folder="events/cau-lac-bo",
                              pattern="*.yaml", model=Club, scaffold=club_scaffold,
                              file_schema=_club_file_schema))
    register_kind(ContentKind(name="lop-hoc", label="Lớp học", folder="events/lop-hoc", pattern="*.yaml",
                              model=Course, scaffold=lambda t, s, d: club_scaffold(t, s, d, course=True),
                              file_schema=_club_file_schema))


_register_builtin_kinds()


def _register_rules_loader() -> None:
    from .hub import LOADERS

    if check_rules not in LOADERS:
        LOADERS.append(check_rules)


_register_rules_loader()


# -- JSON Schema for editors ---------------------------------------------------------------------

def schema_text(kind: ContentKind) -> str:
    """``schemas/<name>.schema.json``: the kind's model as JSON Schema, by Vietnamese field names."""
    schema = kind.model.model_json_schema(by_alias=True)
    if kind.file_schema is not None:
        schema = kind.file_schema(schema)
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Tạo tự động từ mô hình dữ liệu bằng lệnh 'hoctap schema'; đừng sửa tay.",
        "title": kind.label,
    }
    schema = _drop_titles(schema)
    return json.dumps({**head, **schema}, ensure_ascii=False, indent=2) + "\n"


def _drop_titles(node, in_properties: bool = False):
    """Pydantic's automatic titles ("So Ky Hieu") help nobody; the field names are the Vietnamese."""
    if isinstance(node, dict):
        return {k: _drop_titles(v, k in ("properties", "$defs") and not in_properties)
                for k, v in node.items() if in_properties or k != "title"}
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node
