"""The ``hoctap`` command for staff: new, check, build, serve, lich, schema.

An adapter like the MkDocs plugin: it reads mkdocs.yml with MkDocs' own loader and calls the
same ``load_hub`` with the same options and the same kinds (``hoctap.kinds.BUILTIN_KINDS``), so ``hoctap check``, ``hoctap build`` and
``mkdocs build`` can never disagree. Everything it prints is Vietnamese.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from ..core.problems import ContentError, ContentErrors
from ..core.publishing import check_published
from ..site.hub import Hub, Paths, load_hub, reference_date
from .project_config import ConfigProblems, load_mkdocs_config
from ..kinds import builtin_registry
from ..site import incremental
from ..site.hub import SITE_BLOCKS
from ..site.registry import Kind, Registry, schema_text, with_schema_line
from ..site.rules import check_generated_paths, guide_anchor, guide_anchors
from ..core.dates import weekday_date
from ..core.values import slugify
from ..core.urls import urls

GUIDE_ERRORS = urls.guide_errors()


def error_anchor(problem: ContentError, registry: Registry | None = None) -> str:
    """Where the staff guide explains ``problem`` (content/huong-dan/loi.md)."""
    return guide_anchor(problem, guide_anchors(registry or builtin_registry()))


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


def build_parser(registry: Registry | None = None) -> argparse.ArgumentParser:
    kinds = ", ".join(k.name for k in (registry or builtin_registry()).content_kinds)
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
    new.add_argument("--don-vi", metavar="MÃ", dest="don_vi",
                     help="đơn vị của tệp mới (bắt buộc khi trang có nhiều đơn vị: cac_don_vi)")

    command("check", "kiểm tra toàn bộ nội dung, báo mọi lỗi cùng lúc (không xây dựng trang)")

    build = command("build", "kiểm tra rồi xây dựng trang; nếu có lỗi thì giữ nguyên trang cũ")
    build.add_argument("-d", "--site-dir", metavar="THƯ_MỤC",
                       help="thư mục kết quả (mặc định: site_dir trong mkdocs.yml, thường là site/)")
    build.add_argument("--offline", action="store_true",
                       help="tạo thêm bản chép ra USB: tệp <thư mục>-offline.zip (giải nén rồi mở "
                            "index.html, xem được cả khi không có mạng, kể cả ô tìm kiếm)")

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


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM: raised by our signal handler wherever the command is, so that
    cleanup code runs (``finally``) and the command ends with one line instead of a traceback."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))

# What each command prints when stopped by Ctrl-C or SIGTERM.
STOPPED = {
    "build": "Đã dừng xây dựng trang; trang cũ được giữ nguyên.",
    "check": "Đã dừng kiểm tra.",
    "serve": "Đã dừng trang thử.",
    "lich": "Đã dừng.",
    "schema": "Đã dừng; các tệp schema đã ghi xong vẫn giữ nguyên.",
    "new": "Đã dừng.",
}


def _on_signal(signum, frame):
    raise Interrupted(signum)


def _restore_signals() -> None:
    """Back to ``_on_signal`` after a step run under ``_defer_signals``."""
    import threading

    if threading.current_thread() is threading.main_thread():
        for sig in STOP_SIGNALS:
            signal.signal(sig, _on_signal)


def _start_child(command: list[str], cwd: Path) -> subprocess.Popen:
    """MkDocs in its own process group: Ctrl-C in the terminal reaches only us, so MkDocs never
    prints its English "Aborted!"; we stop it ourselves (``_stop_child``). A signal that comes
    while the child is being started is held until ``child`` exists, so it is never orphaned."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    extra = {"start_new_session": True} if os.name == "posix" else {}
    held = _defer_signals()
    try:
        child = subprocess.Popen(command, env=env, cwd=cwd, **extra)
    finally:
        _restore_signals()
    if held:
        _stop_child(child)
        raise Interrupted(held[0])
    return child


def _can_fork() -> bool:
    import threading

    return hasattr(os, "fork") and hasattr(os, "setsid") and threading.active_count() == 1


class _ForkedChild:
    """A forked process with the part of ``subprocess.Popen`` that ``_stop_child`` and
    ``_wait_child`` use."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if timeout is None:
            while self.returncode is None:
                _pid, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            return self.returncode
        import time

        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(["mkdocs"], timeout)
            time.sleep(0.05)
        return self.returncode

    def _signal(self, signum: int) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)


def _fork_mkdocs(command: list[str], project: "Project", hub: Hub, scan: dict | None = None) -> _ForkedChild:
    """MkDocs run in a forked copy of this process, which holds the hub ``hoctap check`` has just
    loaded and checked: the build takes it (``adapters.mkdocs.hand_over``) instead of loading and
    checking the content a second time (14 s of an 84 s build at benchmark size L). As with
    ``_start_child``: its own session (Ctrl-C reaches only us), signals held while it starts."""
    import gc

    sys.stdout.flush()
    sys.stderr.flush()
    # The checked content is kept, not collected: frozen, the collector does not walk it in the
    # copy, so its memory stays shared instead of being copied page by page.
    gc.freeze()
    held = _defer_signals()
    try:
        pid = os.fork()
        if pid == 0:
            _run_forked_mkdocs(command, project, hub, scan)   # never returns
    finally:
        _restore_signals()
    child = _ForkedChild(pid)
    if held:
        _stop_child(child)
        raise Interrupted(held[0])
    return child


def _run_forked_mkdocs(command: list[str], project: "Project", hub: Hub, scan: dict | None) -> None:
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if hasattr(signal, "SIGTERM"):
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(project.root)
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        from mkdocs.__main__ import cli as mkdocs_cli

        from .mkdocs import hand_over

        hand_over(project.config_file, hub, scan)
        try:
            mkdocs_cli.main(args=command, prog_name="mkdocs")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:   # noqa: BLE001 - whatever happens, this copy of the process ends here
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _stop_child(child: subprocess.Popen) -> None:
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _wait_child(child: subprocess.Popen) -> int:
    """The child's exit status; on Ctrl-C or SIGTERM it is stopped first."""
    try:
        return child.wait()
    except BaseException:
        _stop_child(child)
        raise


@dataclass
class Project:
    config_file: Path
    root: Path
    mkdocs: object   # MkDocsConfig
    registry: Registry = field(default_factory=builtin_registry)


def load_project(config_file: str, registry: Registry | None = None) -> Project:
    """mkdocs.yml checked (``project_config``) then validated by MkDocs; raises ``ConfigProblems``."""
    path = Path(config_file).resolve()
    if not path.is_file():
        raise Failed(f"Không tìm thấy tệp cấu hình {config_file}. Hãy chạy lệnh trong thư mục có tệp mkdocs.yml "
                     "hoặc chỉ rõ bằng -f.")
    cfg = load_mkdocs_config(path)
    return Project(path, path.parent, cfg, registry or builtin_registry())


def project_paths(project: Project) -> Paths:
    """The folders the hub reads (as ``HoctapPlugin.on_config`` works them out)."""
    cfg = project.mkdocs
    plugin = cfg.plugins.get("hoctap")
    events_dir = plugin.config.events_dir if plugin is not None else "events"
    return Paths(root=project.root, docs_dir=Path(cfg.docs_dir), events_dir=project.root / events_dir)


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
    paths = project_paths(project)
    from .mkdocs import site_assets

    hub = load_hub(paths, options, site_url=cfg.site_url or "", site_name=cfg.site_name,
                   options_source=project.config_file, kinds=project.registry.kinds,
                   assets=site_assets(cfg))
    check_generated_paths(hub)   # as the plugin's on_config does
    check_published(hub)
    return hub


def guide_link(project: Project, problem: ContentError) -> str:
    site_url = project.mkdocs.site_url or ""
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    return f"{base}{GUIDE_ERRORS}#{error_anchor(problem, project.registry)}"


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
    project = load_project(args.config_file, args.registry)
    return 0 if run_check(project) else 1


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for `hoctap new` only: tags (e.g. !!python/name) are read as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _hub_unit_ids(config_file: Path) -> list[str] | None:
    """The unit codes of `cac_don_vi` in mkdocs.yml; None for a hub of one unit (or no readable list)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for entry in plugins if isinstance(plugins, list) else []:
        options = entry.get("hoctap") if isinstance(entry, dict) else None
        if isinstance(options, dict) and isinstance(options.get("cac_don_vi"), list):
            return [str(u["ma"]) for u in options["cac_don_vi"] if isinstance(u, dict) and u.get("ma")]
    return None


def _unit_for_new(config_file: Path, wanted: str | None) -> str | None:
    units = _hub_unit_ids(config_file)
    if units is None:
        if wanted:
            raise Failed("Trang này chỉ có một đơn vị (don_vi): tệp mới nằm ở thư mục chung, "
                         "không cần --don-vi. Hãy bỏ tùy chọn đó.")
        return None
    codes = ", ".join(units)
    if wanted is None:
        if len(units) == 1:
            return units[0]
        raise Failed(f"Trang có nhiều đơn vị: hãy chọn đơn vị của tệp mới bằng --don-vi MÃ (các mã: {codes}).")
    if wanted not in units:
        guess = difflib.get_close_matches(wanted, units, n=1)
        hint = f" Có phải ý bạn là '{guess[0]}'?" if guess else ""
        raise Failed(f"Không có đơn vị '{wanted}'.{hint} Các mã: {codes}.")
    return wanted


def cmd_new(args) -> int:
    kinds = args.registry.content_kinds
    kind = args.registry.content_kind(args.kind)
    if kind is None:
        available = ", ".join(k.name for k in kinds)
        guess = difflib.get_close_matches(args.kind, [k.name for k in kinds], n=1)
        hint = f" Có phải ý bạn là '{guess[0]}'?" if guess else ""
        raise Failed(f"Không có loại nội dung '{args.kind}'.{hint} Các loại: {available}.")
    slug = slugify(args.ma or args.title)
    if not slug:
        raise Failed("Tiêu đề cần có ít nhất một chữ hoặc số để tạo tên tệp.")
    root = Path(args.config_file).resolve().parent
    unit = _unit_for_new(Path(args.config_file), args.don_vi)
    path = kind.new_path(root, slug, reference_date())
    if unit:   # a hub of several units: the file goes in the unit's folder (content/<unit>/…, events/<unit>/…)
        top = kind.folder.partition("/")[0]
        path = root / top / unit / path.relative_to(root / top)
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
    hub = run_check(project)
    if hub is None:
        print("Chưa xây dựng trang; trang cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1
    site_dir = Path(args.site_dir).resolve() if args.site_dir else Path(project.mkdocs.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = None
    deferred: list[int] = []
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
        # Not --quiet: it would also hide the warnings that --strict counts.
        command = ["build", "--strict", "-f", str(project.config_file), "-d", str(staging)]
        if _can_fork():
            child = _fork_mkdocs(command, project, hub)
        else:
            child = _start_child([sys.executable, "-P", "-m", "mkdocs", *command], project.root)
        if _wait_child(child) != 0:
            print("Xây dựng trang không thành công (xem thông báo ở trên); trang cũ được giữ nguyên.",
                  file=sys.stderr)
            return 1
        # From here on the new site goes in whatever happens: site/ is never left missing.
        deferred = _defer_signals()
        _swap(staging, site_dir)
        print(f"Đã xây dựng trang vào {os.path.relpath(site_dir)}", file=sys.stderr)
        if getattr(args, "offline", False):
            archive = write_offline_zip(site_dir)
            print(f"Đã tạo bản chép ra USB: {os.path.relpath(archive)} (giải nén rồi mở "
                  f"{site_dir.name}/index.html)", file=sys.stderr)
    finally:
        # Interrupted or failed: the half-built copy goes (a second Ctrl-C waits for it); the old
        # site/ was never touched.
        deferred = deferred or _defer_signals()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return 128 + deferred[0] if deferred else 0


ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # every entry: the same timestamp, so two zips of one site are equal


def write_offline_zip(site_dir: Path) -> Path:
    """``<site>-offline.zip`` beside ``site_dir``: the built folder under ``<site>/``, entries sorted,
    fixed timestamps and permissions (byte-identical for identical sites). The site works over
    file:// (use_directory_urls: false; search loads its index with <script src>)."""
    import zipfile

    archive = site_dir.parent / f"{site_dir.name}-offline.zip"
    partial = archive.with_name(archive.name + ".tmp")
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{site_dir.name}/{path.relative_to(site_dir).as_posix()}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, path.read_bytes())
    os.replace(partial, archive)
    return archive


def _swap(staging: Path, site_dir: Path) -> None:
    """Two renames; the old site is deleted only once the new one is in place."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _defer_signals() -> list[int]:
    """From now until the command returns (``main`` restores the handlers), Ctrl-C and SIGTERM
    are only recorded in the returned list: for steps that must not be cut short."""
    import threading

    received: list[int] = []
    if threading.current_thread() is threading.main_thread():
        for sig in STOP_SIGNALS:
            signal.signal(sig, lambda signum, frame: received.append(signum))
    return received


def cmd_serve(args) -> int:
    project = load_project(args.config_file)
    forking = _can_fork()
    # Taken before the check reads anything: the first build takes the checked hub only if
    # nothing changed since (``adapters.mkdocs.hand_over``).
    scan = incremental.scan_checked(project_paths(project), project.config_file) if forking else None
    hub = run_check(project)
    if hub is None:
        return 1
    print(f"Trang thử: http://{args.dev_addr}/  (nhấn Ctrl+C để dừng)", file=sys.stderr)
    command = ["serve", "-f", str(project.config_file), "--dev-addr", args.dev_addr]
    if forking:
        child = _fork_mkdocs(command, project, hub, scan)
    else:
        child = _start_child([sys.executable, "-P", "-m", "mkdocs", *command], project.root)
    hub = None   # the served site's builds hold their own
    try:
        return _wait_child(child)
    except Interrupted as exc:
        if exc.signum == getattr(signal, "SIGINT", None):
            print(STOPPED["serve"], file=sys.stderr)
            return 0   # Ctrl-C is how the test server is meant to stop
        raise


def cmd_lich(args) -> int:
    project = load_project(args.config_file, args.registry)
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
    from ..kinds.events.pages import when_label

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
    for kind in args.registry.content_kinds:
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


def main(argv: list[str] | None = None, kinds: Iterable[Kind] | None = None) -> int:
    """``kinds``: the kinds of content (default: the built-in ones). ``new``, ``check``, ``schema``
    and ``lich`` use them; ``build`` and ``serve`` run MkDocs, whose plugin loads the built-in kinds."""
    registry = builtin_registry() if kinds is None else Registry(kinds, site_blocks=SITE_BLOCKS)
    parser = build_parser(registry)
    args = parser.parse_args(argv)
    args.registry = registry
    if not args.command:
        parser.print_help()
        return 2
    previous = _install_signal_handlers()
    try:
        return COMMANDS[args.command](args)
    except Failed as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except ConfigProblems as exc:
        for problem in exc.problems:
            print(f"{problem.format()} [xem: {GUIDE_ERRORS}#{error_anchor(problem)}]")
        print(f"\nTệp cấu hình có {len(exc.problems)} lỗi. Hãy sửa các lỗi trên rồi chạy lại: hoctap check",
              file=sys.stderr)
        if args.command == "build":
            print("Chưa xây dựng trang; trang cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1
    except (Interrupted, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        print(STOPPED.get(args.command, "Đã dừng."), file=sys.stderr)
        return 128 + signum
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _install_signal_handlers() -> dict:
    """Ctrl-C and SIGTERM become ``Interrupted`` (exit 130 / 143); only the main thread may."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _on_signal) for sig in STOP_SIGNALS}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
