"""An edit under ``hoctap serve`` (site/incremental.py): a page whose edit nothing else reads is
rewritten alone, byte for byte as the full build writes it; every other edit (front matter,
reading time, anchors, a new problem, a data file, a new file, a plan) rebuilds the site."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cli_helpers import HOCTAP
from conftest import BUILD_EPOCH, copy_hub

ARTICLE = "content/vieng-lan/tin-tuc/2026/lop-tin-hoc-cho-nguoi-dan.md"
ARTICLE_URL = "tin-tuc/2026/lop-tin-hoc-cho-nguoi-dan.html"
PAGE = "content/gioi-thieu.md"
PLAN = "content/vieng-lan/ke-hoach/hoc-tap-suot-doi-den-2030.md"
SENTENCE = "\nBà con góp ý thêm về lịch học buổi tối.\n"


# -- which edits are local (no server) -------------------------------------------------------

@pytest.fixture(scope="module")
def hub_project(tmp_path_factory) -> Path:
    return copy_hub(tmp_path_factory.mktemp("sua") / "project")


@pytest.fixture(scope="module")
def hub(hub_project):
    from hoctap.adapters.cli import load_project, load_project_hub
    from hoctap.site import incremental

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        loaded = load_project_hub(load_project(hub_project / "mkdocs.yml"))
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    incremental.remember(loaded)
    return loaded


def _local(hub, project: Path, rel: str, edit) -> list[Path] | None:
    """local_edit for ``rel`` changed by ``edit`` (text -> text); the file is put back after."""
    from hoctap.site.incremental import local_edit

    path = project / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(edit(text), encoding="utf-8")
    try:
        return local_edit(hub, [path])
    finally:
        path.write_text(text, encoding="utf-8")


def test_a_sentence_added_to_an_article_or_a_page_is_local(hub, hub_project):
    for rel in (ARTICLE, PAGE):
        assert _local(hub, hub_project, rel, lambda t: t + SENTENCE) == [hub_project / rel]
    assert _local(hub, hub_project, ARTICLE, lambda t: t.replace("Gọi video", "Gọi điện video")) is not None
    assert not hub.problems.errors   # the hub's own problems are untouched by the edit's checks


@pytest.mark.parametrize("rel, edit, why", [
    (ARTICLE, lambda t: t.replace("tieu_de: \"Lớp tin học", "tieu_de: \"Lớp học tin học"), "title: listings, feeds"),
    (ARTICLE, lambda t: t.replace("ngay: \"2026-03-10 08:45\"", "ngay: \"2026-03-11 08:45\""), "date: archives"),
    (ARTICLE, lambda t: t.replace("the: [kỹ năng số, dịch vụ công]", "the: [kỹ năng số]"), "tags: related"),
    (ARTICLE, lambda t: t + "\nBà con nói: " + "rất hay " * 400 + "\n", "reading time: listings"),
    (ARTICLE, lambda t: t + "\n## Học viên nói gì\n\nRất vui.\n", "a new anchor others may link to"),
    (ARTICLE, lambda t: t + "\nXem [lịch cũ](../../lich/khong-co.md).\n", "a link to no page: an error"),
    (ARTICLE, lambda t: t.replace("tieu_de:", "tieu_de: [").replace("\nngay:", "]\nngay:", 1), "broken front matter"),
    (PAGE, lambda t: t.replace("title: Giới thiệu", "title: Giới thiệu chung"), "title: navigation, search"),
    (PAGE, lambda t: t.replace("## Liên hệ", "## Liên hệ với trung tâm"), "a heading: search, anchors"),
    (PAGE, lambda t: t.replace("<!-- hoctap: lien-he -->", "<!-- hoctap: khong-co -->"), "an unknown block: an error"),
    (PLAN, lambda t: t + SENTENCE, "plans are cited everywhere"),
    ("content/lich/index.md", lambda t: t + SENTENCE, "a page whose kind cannot tell"),
])
def test_an_edit_others_read_rebuilds_the_site(hub, hub_project, rel, edit, why):
    if not (hub_project / rel).is_file():
        pytest.fail(f"the sample has no {rel}")
    assert _local(hub, hub_project, rel, edit) is None, why


@pytest.mark.parametrize("addition", [
    "<script>alert(1)</script>", "![ảnh](https://may-chu-khac.example/a.png)", "[bấm](javascript:alert(1))",
    "<iframe src=\"https://may-chu-khac.example/\"></iframe>", "chữ\x02lạ",
])
def test_a_hostile_body_edit_takes_the_full_build_which_refuses_it(hub, hub_project, addition):
    assert _local(hub, hub_project, ARTICLE, lambda t: t + "\n" + addition + "\n") is None


def test_an_article_replaced_by_a_link_takes_the_full_build(hub, hub_project):
    from hoctap.site.incremental import local_edit

    article = hub_project / ARTICLE
    kept = article.with_suffix(".giu")
    article.rename(kept)
    try:
        article.symlink_to("/etc/passwd")
        assert local_edit(hub, [article]) is None
    finally:
        article.unlink()
        kept.rename(article)


def test_files_that_come_go_or_are_not_pages_rebuild_the_site(hub_project, hub):
    from hoctap.site.incremental import changed, local_edit, scan

    folders = [hub_project / "content", hub_project / "events", hub_project / "mkdocs.yml"]
    before = scan(folders)
    assert changed(before, scan(folders)) is None   # nothing changed: the watcher saw something else
    article = hub_project / ARTICLE
    stamp = article.stat()
    os.utime(article, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    assert changed(before, scan(folders)) == [article]
    new = article.with_name("bai-moi.md")
    new.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        assert changed(before, scan(folders)) is None   # a new file: listings change
    finally:
        new.unlink()
    event = next((hub_project / "events").rglob("*.yaml"))
    assert local_edit(hub, [event]) is None
    assert local_edit(hub, [hub_project / "mkdocs.yml"]) is None


def test_serve_builds_first_with_the_checked_hub_unless_a_file_changed_during_the_check(hub, hub_project):
    """hoctap serve hands the hub it has just checked to the served site's first build (no second
    load and check) only when nothing the check reads has changed since it began: else an edit
    made during the check would never be seen."""
    from mkdocs.config import load_config

    from hoctap.adapters.mkdocs import hand_over
    from hoctap.site.incremental import scan_checked

    config_file = hub_project / "mkdocs.yml"

    def first_build_hub(scan):
        hand_over(config_file, hub, scan)
        config = load_config(str(config_file))
        plugin = config.plugins["hoctap"]
        plugin.on_startup(command="serve", dirty=False)
        plugin.on_config(config)
        return plugin.hub

    before = scan_checked(hub.paths, config_file)
    assert first_build_hub(before) is hub
    page = hub_project / PAGE
    text = page.read_text(encoding="utf-8")
    page.write_text(text + SENTENCE, encoding="utf-8")   # written while the check ran
    try:
        reloaded = first_build_hub(before)
    finally:
        page.write_text(text, encoding="utf-8")
    assert reloaded is not hub and reloaded.paths == hub.paths
    assert first_build_hub(None) is not hub   # under serve, a hub handed over without a scan
    # hoctap build hands its hub over without a scan, and a build takes it.
    hand_over(config_file, hub)
    config = load_config(str(config_file))
    plugin = config.plugins["hoctap"]
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    assert plugin.hub is hub


# -- hoctap serve ------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Served:
    def __init__(self, project: Path) -> None:
        self.port = _free_port()
        self.log = project / "serve.log"
        env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
        self.proc = subprocess.Popen([str(HOCTAP), "serve", "--dev-addr", f"127.0.0.1:{self.port}"], cwd=project,
                                     env=env, stdout=subprocess.DEVNULL, stderr=self.log.open("w"))

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> bytes | None:
        """The page as written (the live-reload script MkDocs adds when serving it carries the
        server's build counters: they are blanked)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
                return re.sub(rb"livereload\(\d+, \d+\)", b"livereload()", response.read())
        except OSError:
            return None

    def wait(self, predicate, timeout: float = 120.0):
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            assert self.proc.poll() is None, self.text()
            assert time.monotonic() < deadline, self.text()
            time.sleep(0.05)

    def builds(self) -> int:
        return len(re.findall(r"Documentation built in", self.text()))

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=60)


def _article_text(html: bytes) -> str:
    return BeautifulSoup(html, "html.parser").find("article").get_text(" ")


def test_serve_rewrites_an_edited_article_alone_as_the_full_build_would(tmp_path):
    project = copy_hub(tmp_path / "project")
    served = _Served(project)
    try:
        first = served.wait(lambda: served.get(ARTICLE_URL))
        listing = served.get("tin-tuc/index.html")
        assert served.builds() == 1
        (project / ARTICLE).write_text((project / ARTICLE).read_text(encoding="utf-8") + SENTENCE, encoding="utf-8")
        page = served.wait(lambda: (p := served.get(ARTICLE_URL)) != first and p)
        assert "góp ý thêm về lịch học buổi tối" in _article_text(page)
        assert "Đã cập nhật 1 trang vừa sửa" in served.text()
        assert served.builds() == 1 and served.get("tin-tuc/index.html") == listing
        # A draft: checked, nothing published changes, no full build.
        draft = project / "content/vieng-lan/tin-tuc/2026/nhap-hoi-thi-ke-chuyen-theo-sach.md"
        draft.write_text(draft.read_text(encoding="utf-8") + SENTENCE, encoding="utf-8")
        served.wait(lambda: "Tệp vừa sửa chưa được đăng" in served.text())
        assert served.builds() == 1
        # A full build (an event file touched) writes the same page, byte for byte.
        event = next((project / "events").rglob("*.yaml"))
        os.utime(event)
        served.wait(lambda: served.builds() == 2)
        assert served.get(ARTICLE_URL) == page

        # A new title: the full build, and the listing shows it.
        article = project / ARTICLE
        article.write_text(article.read_text(encoding="utf-8").replace(
            "tieu_de: \"Lớp tin học", "tieu_de: \"Khóa tin học"), encoding="utf-8")
        served.wait(lambda: served.builds() == 3)
        assert "Khóa tin học cho người dân" in BeautifulSoup(served.get("tin-tuc/index.html"), "html.parser").get_text()

        # A mistake: reported in Vietnamese with file and line, no traceback (MkDocs then holds
        # pages until the content builds again); mended, the page is served again.
        good = article.read_text(encoding="utf-8")
        article.write_text(good + "\nXem [lịch](khong-co.md).\n", encoding="utf-8")
        served.wait(lambda: "Nội dung có 1 lỗi" in served.text())
        line = len(good.splitlines()) + 2
        assert f"content/vieng-lan/tin-tuc/2026/lop-tin-hoc-cho-nguoi-dan.md:{line}: lien-ket: Liên kết 'khong-co.md'" \
            in served.text()
        assert "Traceback" not in served.text()
        article.write_text(good, encoding="utf-8")
        served.wait(lambda: served.builds() == 4)
        assert "Khóa tin học cho người dân" in _article_text(served.get(ARTICLE_URL))
    finally:
        served.stop()
