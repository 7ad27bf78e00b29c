"""The ``hoctap`` command for staff: new, check, build, serve, lich, schema.

An adapter like the MkDocs plugin: it reads mkdocs.yml with MkDocs' own loader and calls the
same ``load_hub`` with the same options, so ``hoctap check``, ``hoctap build`` and
``mkdocs build`` can never disagree. Everything it prints is Vietnamese.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentErrors
from .hub import Hub, Paths, load_hub, reference_date
from .kinds import all_kinds, get_kind, schema_text, with_schema_line
from .dates import weekday_date
from .values import slugify

GUIDE_ERRORS = "huong-dan/loi.html"

# Each kind of message → its explanation in the staff guide (content/huong-dan/loi.md).
# First match wins; patterns are searched in "field: message (hint)".
ERROR_ANCHORS: list[tuple[str, str]] = [
    (r"^(lien-ket-tep|svg|noi-dung): |không được phép|máy chủ khác|thiếu http|có dấu \\|dạng 'data:'|"
     r"loại không được đăng", "khong-an-toan"),
    (r"bài chưa đăng|^(lien-ket|anh): |trang không có tệp hay trang|Không có ảnh '|không có mục '#|"
     r"phải ghi tên tệp \.md|phải ghi đuôi \.html", "lien-ket-hong"),
    (r"^muc: ", "muc-van-ban"),
    (r"ten-tep: .*(dấu cách|chữ có dấu)", "ten-tep"),
    (r"ten-tep: .*trùng", "trung-lap"),
    (r"Trường không được hỗ trợ", "truong-khong-ho-tro"),
    (r"Thiếu trường bắt buộc", "thieu-truong-bat-buoc"),
    (r"Không được để trống", "thieu-truong-bat-buoc"),
    (r"khai báo hai lần", "khai-bao-hai-lan"),
    (r"Tab", "thut-le-bang-tab"),
    (r"Lỗi cú pháp YAML", "loi-cu-phap-yaml"),
    (r"UTF-8", "ma-hoa-utf-8"),
    (r"front matter", "thieu-front-matter"),
    (r"không phải là ngày|không có ngày|không có tháng|không phải là giờ|giờ không hợp lệ|"
     r"trước|sau ngày|kết thúc", "ngay-gio"),
    (r"chọn một trong", "gia-tri-khong-hop-le"),
    (r"chữ thường không dấu", "ma-khong-hop-le"),
    (r"trùng", "trung-lap"),
    (r"Không có |không có trong danh sách|không có mục", "tham-chieu"),
    (r"Phải là|không phải là|Phải lớn|Phải nhỏ|Cần ít nhất|Chỉ được", "sai-kieu"),
]


def error_anchor(problem: ContentError) -> str:
    text = f"{problem.field}: {problem.message} ({problem.hint})"
    for pattern, anchor in ERROR_ANCHORS:
        if re.search(pattern, text):
            return anchor
    return "cac-loi-khac"


# -- argparse in Vietnamese ---------------------------------------------------------------------

class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix if prefix is not None else "Cách dùng: ")


_ARGPARSE_ERRORS = [
    (r"the following arguments are required: (.*)", r"thiếu tham số: \1"),
    (r"argument [^:]*: invalid choice: (.*) \(choose from (.*)\)", r"lệnh không hợp lệ: \1 (chọn một trong: \2)"),
    (r"unrecognized arguments: (.*)", r"tham số không hiểu được: \1"),
    (r"argument (.*): expected one argument", r"tùy chọn \1 cần một giá trị"),
]


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Tham số"
        self._optionals.title = "Tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message):
        for pattern, vietnamese in _ARGPARSE_ERRORS:
            if re.match(pattern, message):
                message = re.sub(pattern, vietnamese, message, count=1)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    kinds = ", ".join(k.name for k in all_kinds())
    parser = _Parser(
        prog="hoctap",
        description="Công cụ đăng nội dung cho trang Trung tâm Văn hóa – Học tập cộng đồng.\n"
                    "Chạy các lệnh trong thư mục có tệp mkdocs.yml.",
        epilog="Ví dụ:\n"
               "  hoctap new ke-hoach \"Kế hoạch đọc sách năm 2026\"   tạo tệp mới từ mẫu\n"
               "  hoctap check                                      kiểm tra toàn bộ nội dung\n"
               "  hoctap build                                      xây dựng trang vào thư mục site/\n"
               "Hướng dẫn đầy đủ: trang huong-dan/index.html của website.",
    )
    common = _Parser(prog="hoctap")
    common._optionals.title = "Tùy chọn"
    sub = parser.add_subparsers(dest="command", title="Lệnh", metavar="LỆNH", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="TỆP",
                       help="tệp cấu hình của trang (mặc định: mkdocs.yml)")
        return p

    new = command("new", "tạo một tệp nội dung mới từ mẫu, đủ mọi trường kèm chú thích")
    new.add_argument("kind", metavar="LOẠI",
                     help=f"loại nội dung: {kinds}")
    new.add_argument("title", metavar="TIÊU_ĐỀ", help="tiêu đề, có dấu; tên tệp được tạo từ tiêu đề")
    new.add_argument("--ma", metavar="MÃ", help="đặt mã (tên tệp) khác với mã tạo từ tiêu đề")

    command("check", "kiểm tra toàn bộ nội dung, báo mọi lỗi cùng lúc (không xây dựng trang)")

    build = command("build", "kiểm tra rồi xây dựng trang; nếu có lỗi thì giữ nguyên trang cũ")
    build.add_argument("-d", "--site-dir", metavar="THƯ_MỤC",
                       help="thư mục kết quả (mặc định: site_dir trong mkdocs.yml, thường là site/)")

    serve = command("serve", "kiểm tra rồi chạy trang thử trên máy này, tự cập nhật khi sửa tệp")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                       help="địa chỉ của trang thử (mặc định: 127.0.0.1:8000)")

    lich = command("lich", "in các hoạt động sắp diễn ra ra màn hình")
    lich.add_argument("-n", "--so-ngay", type=int, default=30, metavar="SỐ_NGÀY",
                      help="số ngày tới cần xem (mặc định: 30)")
    lich.add_argument("--tat-ca", action="store_true", help="in mọi hoạt động từ hôm nay trở đi")

    schema = command("schema", "tạo lại các tệp schemas/*.schema.json (gợi ý trường trong trình soạn thảo)")
    schema.add_argument("--kiem-tra", action="store_true",
                        help="chỉ kiểm tra các tệp đã có khớp với mô hình, không ghi")
    return parser


# -- loading the project exactly as the MkDocs plugin does --------------------------------------

class Failed(Exception):
    """A Vietnamese message for the user; the command exits with status 1."""


@dataclass
class Project:
    config_file: Path
    root: Path
    mkdocs: object   # MkDocsConfig


def load_project(config_file: str) -> Project:
    path = Path(config_file).resolve()
    if not path.is_file():
        raise Failed(f"Không tìm thấy tệp cấu hình {config_file}. Hãy chạy lệnh trong thư mục có tệp mkdocs.yml "
                     "hoặc chỉ rõ bằng -f.")
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        cfg = load_config(config_file=str(path))
    except Exception as exc:  # MkDocs' own message names the option
        raise Failed(f"Tệp {path.name} không hợp lệ: {exc}") from None
    finally:
        logger.setLevel(level)
    return Project(path, path.parent, cfg)


def load_project_hub(project: Project) -> Hub:
    """Same inputs as ``HoctapPlugin.on_config``; raises ContentErrors."""
    cfg = project.mkdocs
    if cfg.use_directory_urls:
        raise Failed("Cần đặt 'use_directory_urls: false' trong mkdocs.yml để trang mở được cả khi sao chép ra USB.")
    plugin = cfg.plugins.get("hoctap")
    if plugin is None:
        raise Failed("mkdocs.yml chưa bật plugin 'hoctap' (mục plugins).")
    # Every plugin option but the folder of events is hub configuration (as in HoctapPlugin.on_config).
    options = {k: v for k, v in plugin.config.items() if k not in ("events_dir", "enabled") and v}
    paths = Paths(root=project.root, docs_dir=Path(cfg.docs_dir), events_dir=project.root / plugin.config.events_dir)
    from .mkdocs_plugin import site_assets
    from .publishing import check_published

    hub = load_hub(paths, options, site_url=cfg.site_url or "", site_name=cfg.site_name,
                   options_source=project.config_file, assets=site_assets(cfg))
    check_published(hub)   # as the plugin's on_config does
    return hub


def guide_link(project: Project, problem: ContentError) -> str:
    site_url = project.mkdocs.site_url or ""
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    return f"{base}{GUIDE_ERRORS}#{error_anchor(problem)}"


def print_problems(project: Project, problems: list[ContentError]) -> None:
    for problem in sorted(problems, key=ContentError.sort_key):
        print(f"{problem.format()} [xem: {guide_link(project, problem)}]")


def run_check(project: Project) -> Hub | None:
    """Print every problem; return the hub when there is no error."""
    try:
        hub = load_project_hub(project)
    except ContentErrors as exc:
        print_problems(project, exc.problems)
        errors = [p for p in exc.problems if p.severity == "error"]
        warnings = len(exc.problems) - len(errors)
        print(f"\nCó {len(errors)} lỗi" + (f" và {warnings} cảnh báo" if warnings else "")
              + ". Hãy sửa các lỗi trên rồi chạy lại: hoctap check", file=sys.stderr)
        return None
    print_problems(project, hub.problems.warnings)
    count = len(hub.problems.warnings)
    print("Nội dung hợp lệ" + (f", có {count} cảnh báo (không chặn việc xây dựng trang)." if count else ": không có lỗi nào."),
          file=sys.stderr)
    return hub


# -- commands --------------------------------------------------------------------------------------

def cmd_check(args) -> int:
    project = load_project(args.config_file)
    return 0 if run_check(project) else 1


def cmd_new(args) -> int:
    kind = get_kind(args.kind)
    if kind is None:
        available = ", ".join(k.name for k in all_kinds())
        guess = difflib.get_close_matches(args.kind, [k.name for k in all_kinds()], n=1)
        hint = f" Có phải ý bạn là '{guess[0]}'?" if guess else ""
        raise Failed(f"Không có loại nội dung '{args.kind}'.{hint} Các loại: {available}.")
    slug = slugify(args.ma or args.title)
    if not slug:
        raise Failed("Tiêu đề cần có ít nhất một chữ hoặc số để tạo tên tệp.")
    root = Path(args.config_file).resolve().parent
    path = kind.new_path(root, slug, reference_date())
    rel = path.relative_to(root).as_posix()
    if path.exists():
        raise Failed(f"Tệp {rel} đã có; không ghi đè. Hãy sửa tệp đó, hoặc chọn tiêu đề khác hay mã khác (--ma).")
    schema_ref = os.path.relpath(root / kind.schema_file, path.parent).replace(os.sep, "/")
    text = with_schema_line(kind, kind.scaffold(args.title, slug, reference_date()), schema_ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(f"Đã tạo {rel}")
    print("Mở tệp, điền các dòng ghi BẮT BUỘC và sửa các trường khác nếu cần, rồi chạy: hoctap check")
    return 0


def cmd_build(args) -> int:
    project = load_project(args.config_file)
    if run_check(project) is None:
        print("Chưa xây dựng trang; trang cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1
    site_dir = Path(args.site_dir).resolve() if args.site_dir else Path(project.mkdocs.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # Not --quiet: it would also hide the warnings that --strict counts.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "-f", str(project.config_file), "-d", str(staging)], env=env, cwd=project.root)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("Xây dựng trang không thành công (xem thông báo ở trên); trang cũ được giữ nguyên.", file=sys.stderr)
        return 1
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    print(f"Đã xây dựng trang vào {os.path.relpath(site_dir)}", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    project = load_project(args.config_file)
    if run_check(project) is None:
        return 1
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    print(f"Trang thử: http://{args.dev_addr}/  (nhấn Ctrl+C để dừng)", file=sys.stderr)
    try:
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-f", str(project.config_file),
                                "--dev-addr", args.dev_addr], env=env, cwd=project.root)
    except KeyboardInterrupt:
        return 0


def cmd_lich(args) -> int:
    project = load_project(args.config_file)
    try:
        hub = load_project_hub(project)
    except ContentErrors as exc:
        print_problems(project, exc.problems)
        print("\nNội dung có lỗi; hãy sửa rồi chạy lại (hoctap check).", file=sys.stderr)
        return 1
    calendar = getattr(hub, "calendar", None) or hub.extras.get("calendar")
    if calendar is None:
        print("Chưa có lịch hoạt động: phiên bản này của trang chưa có phần lịch.")
        return 0
    return print_upcoming(hub, calendar, None if args.tat_ca else args.so_ngay)


def print_upcoming(hub: Hub, calendar, days: int | None) -> int:
    from .calendar_pages import when_label

    items = calendar.upcoming(hub.today, days=days)
    span = f"trong {days} ngày tới" if days is not None else "từ hôm nay"
    print(f"Hoạt động sắp diễn ra {span} (hôm nay: {weekday_date(hub.today)}):")
    if not items:
        print("  Không có hoạt động nào.")
        return 0
    for occ in items:
        line = f"• {when_label(occ)}: {occ.event.source.title}"
        location = occ.effective_location
        if location:
            line += f" — {location.label()}"
        if occ.is_cancelled:
            line += " [ĐÃ HỦY]"
        elif occ.event.source.status == "du_kien":
            line += " [dự kiến]"
        print(line)
    return 0


def cmd_schema(args) -> int:
    root = Path(args.config_file).resolve().parent
    stale = []
    for kind in all_kinds():
        path = root / kind.schema_file
        text = schema_text(kind)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(kind.schema_file)
        if not args.kiem_tra:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"Đã ghi {kind.schema_file}")
    if args.kiem_tra and stale:
        print("Các tệp schema chưa khớp với mô hình, hãy chạy: hoctap schema\n  " + "\n  ".join(stale),
              file=sys.stderr)
        return 1
    if not stale:
        print("Các tệp schema đã khớp với mô hình.")
    return 0


COMMANDS = {"new": cmd_new, "check": cmd_check, "build": cmd_build, "serve": cmd_serve,
            "lich": cmd_lich, "schema": cmd_schema}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except Failed as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
