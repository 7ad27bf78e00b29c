"""Shared fixtures: the sample site built once into a temporary folder, and tiny projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A fixed build day, so that "upcoming" and feeds are reproducible in tests.
BUILD_EPOCH = "1776704400"  # 2026-04-21 00:00 +07:00 (2026-04-20T17:00Z)
# Every build of the test suite compares each generated page made from a shared page shell with
# what Material's template gives it, and stops on a difference (adapters/page_shell.py).
os.environ.setdefault("HOCTAP_SHELL_CHECK", "1")
# Per-text results kept between runs (core/textcache.py) go to a folder of this session, not the
# user's ~/.cache: the suite runs every check with the cache, and test_textcache compares with none.
if "HOCTAP_CACHE" not in os.environ:
    import atexit
    import tempfile

    os.environ["HOCTAP_CACHE"] = tempfile.mkdtemp(prefix="hoctap-test-cache-")
    atexit.register(shutil.rmtree, os.environ["HOCTAP_CACHE"], True)


def mkdocs_build(project: Path, site_dir: Path, epoch: str = BUILD_EPOCH) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped sample site (the hub of several units), built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def one_unit_project(tmp_path_factory) -> Path:
    """The one-unit project (copy_project), made once per session; do not modify it."""
    return copy_project(tmp_path_factory.mktemp("mot-don-vi") / "project")


@pytest.fixture(scope="session")
def one_unit_site(one_unit_project, tmp_path_factory) -> Path:
    """The one-unit project built once per session: today's layout and URLs."""
    site = tmp_path_factory.mktemp("mot-don-vi-site")
    result = mkdocs_build(one_unit_project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def copy_hub(dest: Path) -> Path:
    """A full copy of the shipped sample: the hub of several units (cac_don_vi)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "events"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def copy_project(dest: Path) -> Path:
    """A project of ONE unit (today's layout: content/ke-hoach, content/tin-tuc, events/ and a
    `don_vi:` mapping), made from the shipped hub by flattening Viêng Lán's files; the district's
    plan stays as a plan, its target becomes the unit's top-level target. For tests that break
    one file."""
    from units_fixture import flatten_to_one_unit

    return flatten_to_one_unit(copy_hub(dest))


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built sample site on http://127.0.0.1:<free port>/ for the session."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("HOCTAP_CHROMIUM") or shutil.which("chromium")
    assert executable, "chromium is missing: ./scripts/test installs it"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
