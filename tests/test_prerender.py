"""A forked child makes generated pages from the end while the build works forwards
(core/prerender.py, issue #11 point 3): each page once, the same bytes whichever process made it."""

from __future__ import annotations

import filecmp
import os
import time

from conftest import ROOT, mkdocs_build
from hoctap.core import prerender
from hoctap.core.prerender import Prerender


def _makers(n: int, calls: list[int], fail_in_child: int | None = None):
    parent = os.getpid()

    def make(i: int) -> str:
        if os.getpid() == parent:
            calls.append(i)          # only the build's own calls are seen here
        elif i == fail_in_child:
            raise RuntimeError("hỏng")
        time.sleep(0.002)
        return f"<p>trang {i} – đủ dấu</p>" * (1 + i % 7)
    return [lambda i=i: make(i) for i in range(n)]


def test_each_page_is_made_once_by_one_of_the_two_processes():
    assert prerender.enabled(threads_ok=True)
    calls: list[int] = []
    makers = _makers(300, calls)
    pages = Prerender()
    assert pages.start(makers, threads_ok=True)
    out = [pages.html(i) for i in range(300)]
    pages.finish()
    assert out == [f"<p>trang {i} – đủ dấu</p>" * (1 + i % 7) for i in range(300)]
    assert pages.received > 20                      # the child made the last pages…
    assert len(calls) + pages.received == 300       # …and no page was made twice
    assert calls == list(range(300 - pages.received))   # the build made the first ones, in order


def test_what_the_child_does_not_send_the_build_makes():
    calls: list[int] = []
    makers = _makers(120, calls, fail_in_child=100)  # the child stops at page 100
    pages = Prerender()
    assert pages.start(makers, threads_ok=True)
    out = [pages.html(i) for i in range(120)]
    pages.finish()
    assert out == [f"<p>trang {i} – đủ dấu</p>" * (1 + i % 7) for i in range(120)]
    assert pages.received <= 19 and len(calls) + pages.received == 120


def test_hoctap_jobs_1_turns_it_off(monkeypatch):
    monkeypatch.setenv("HOCTAP_JOBS", "1")
    calls: list[int] = []
    pages = Prerender()
    assert not pages.start(_makers(10, calls), threads_ok=True)
    assert [pages.html(i) for i in range(10)][3] == "<p>trang 3 – đủ dấu</p>" * 4
    assert calls == list(range(10))


def test_the_sample_site_is_the_same_with_one_process_or_two(tmp_path, monkeypatch):
    two = mkdocs_build(ROOT, tmp_path / "hai")
    assert two.returncode == 0, two.stderr
    monkeypatch.setenv("HOCTAP_JOBS", "1")
    one = mkdocs_build(ROOT, tmp_path / "mot")
    assert one.returncode == 0, one.stderr
    compared = filecmp.dircmp(tmp_path / "hai", tmp_path / "mot")

    def differences(cmp) -> list[str]:
        out = cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files
        for sub in cmp.subdirs.values():
            out += differences(sub)
        return out
    assert differences(compared) == []
    pages = list((tmp_path / "hai").rglob("*.html"))
    assert len(pages) > 500
    assert all(filecmp.cmp(p, tmp_path / "mot" / p.relative_to(tmp_path / "hai"), shallow=False) for p in pages)
