"""Ctrl-C (SIGINT) and SIGTERM stop ``hoctap`` with one Vietnamese line: no traceback, no staging
folder left behind, the previous site/ untouched, no MkDocs process left running."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from cli_helpers import HOCTAP, make_project, tree_bytes
from conftest import BUILD_EPOCH


def _start(project: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
    return subprocess.Popen([str(HOCTAP), *args], cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().split(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def _descendants(pid: int) -> set[int]:
    """Live processes started by ``pid``, and theirs (Linux /proc): the MkDocs build is a forked
    copy of hoctap (it keeps the content hoctap check loaded), and it forks a helper in turn."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            if (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                alive.add(pid)
        except OSError:
            continue
    return alive


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """A copy of the sample project with a site/ built once; tests copy it."""
    project = make_project(tmp_path_factory.mktemp("interrupt"))
    first = subprocess.run([str(HOCTAP), "build"], cwd=project, capture_output=True, text=True,
                           env=dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1"))
    assert first.returncode == 0, first.stdout + first.stderr
    return project


@pytest.mark.parametrize("signum,status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)],
                         ids=["SIGINT", "SIGTERM"])
def test_build_stopped_while_mkdocs_runs(built_project, signum, status):
    project = built_project
    site = project / "site"
    before = tree_bytes(site)
    assert before
    proc = _start(project, "build")
    _wait_for(lambda: list(project.glob("site.tmp-*")) or proc.poll() is not None)
    staging = list(project.glob("site.tmp-*"))
    assert staging and proc.poll() is None, "the build ended before it could be stopped"
    # MkDocs has started (a process of hoctap's), with the staging folder as its site_dir.
    _wait_for(lambda: _descendants(proc.pid) or proc.poll() is not None)
    running = _descendants(proc.pid)
    assert proc.poll() is None and running
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == status, out + err
    assert "Traceback" not in out + err
    assert "Aborted" not in out + err
    assert err.strip().splitlines()[-1] == "Đã dừng xây dựng trang; trang cũ được giữ nguyên.", err
    assert not list(project.glob("site.tmp-*"))
    assert not list(project.glob("site.old-*"))
    assert tree_bytes(site) == before
    assert not _processes_mentioning(str(staging[0])), "MkDocs still running"
    assert not _alive(running), "MkDocs still running"


@pytest.mark.parametrize("delay", [0.0, 0.15, 0.4, 0.8])
def test_check_stopped_at_any_moment(built_project, delay):
    """From the first import on, Ctrl-C never shows a traceback (the delay moves the moment)."""
    proc = _start(built_project, "check")
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in out + err, err
    if proc.returncode == -signal.SIGINT:
        # Stopped before the interpreter had set up its own handlers: the process ends silently.
        # Or stopped after the check had finished and printed its result (from the cache of
        # core/textcache.py it can take less than the longest delay), while the interpreter was
        # shutting down: Python puts the default handlers back then.
        finished = bool(err.strip()) and err.strip().splitlines()[-1].startswith("Nội dung hợp lệ")
        assert (not out and not err) or finished, out + err
    elif proc.returncode != 0:          # a fast machine may finish the check first
        assert proc.returncode == 130, out + err
        assert err.strip().splitlines()[-1] in ("Đã dừng.", "Đã dừng kiểm tra.")


def test_serve_stops_on_ctrl_c_without_traceback(built_project):
    port = 8700 + os.getpid() % 200
    proc = _start(built_project, "serve", "--dev-addr", f"127.0.0.1:{port}")

    def serving() -> bool:   # MkDocs' server (a forked copy of hoctap) answers on the port
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    _wait_for(lambda: serving() or proc.poll() is not None, timeout=120)
    assert proc.poll() is None
    children = _descendants(proc.pid)
    assert children
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in out + err, err
    assert proc.returncode == 0, out + err
    assert err.strip().splitlines()[-1] == "Đã dừng trang thử."
    assert not _alive(children), "MkDocs' server still running"
    assert not serving()
