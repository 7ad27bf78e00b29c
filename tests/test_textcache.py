"""The cache of per-text results between runs (``core/textcache.py``, issue #11: ``hoctap check``).

A warm cache must give exactly what a cold run gives, see every edit, refuse a planted or damaged
cache file without running anything from it, and never write inside the project."""

from __future__ import annotations

import os
import pickle
import re
from pathlib import Path

from cli_helpers import hoctap, make_project, tree_bytes

from hoctap.core import textcache


def _check(project: Path, cache: Path | str) -> tuple[int, str]:
    old = os.environ.get("HOCTAP_CACHE")
    os.environ["HOCTAP_CACHE"] = str(cache)
    try:
        result = hoctap("check", cwd=project)
    finally:
        if old is None:
            del os.environ["HOCTAP_CACHE"]
        else:
            os.environ["HOCTAP_CACHE"] = old
    return result.returncode, result.stdout + result.stderr


def _cache_file(cache: Path) -> Path:
    files = [p for p in cache.iterdir() if p.suffix == ".pickle"]
    assert len(files) == 1, files
    return files[0]


def _stored(cache: Path) -> dict:
    fmt, _version, entries = pickle.loads(_cache_file(cache).read_bytes())
    assert fmt == textcache._FORMAT
    return entries


def test_warm_cache_same_result_and_sees_edits(tmp_path):
    project = make_project(tmp_path)
    cache = tmp_path / "cache"
    before = tree_bytes(project)
    cold = _check(project, "0")
    first = _check(project, cache)
    warm = _check(project, cache)
    assert cold[0] == first[0] == warm[0] == 0, cold[1]
    assert cold[1] == first[1] == warm[1]
    assert tree_bytes(project) == before   # nothing written inside the project
    entries = _stored(cache)
    assert len(entries) > 50   # the sample's YAML, front matter, rules and scans

    # An edit after the cache is warm: a YAML mistake, a script in a page, a changed rule.
    article = sorted((project / "content" / "tin-tuc").rglob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    event = sorted((project / "events").glob("*.yaml"))[0]
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("ma:", "ma: [", 1), encoding="utf-8")
    code, out = _check(project, cache)
    assert code == 1
    assert f"{event.relative_to(project).as_posix()}:" in out and "Lỗi cú pháp YAML" in out
    assert article.relative_to(project).as_posix() in out and "script" in out.lower()
    assert out == _check(project, "0")[1]   # the same messages as with no cache


def _sessions(project: Path) -> list[tuple]:
    from hoctap.adapters.cli import load_project, load_project_hub

    hub = load_project_hub(load_project(str(project / "mkdocs.yml")))
    return [(o.event.source.id, str(o.start), str(o.end)) for o in hub.calendar.occurrences]


def test_changed_rule_gives_new_sessions(tmp_path, monkeypatch):
    """A club's meeting days changed after the cache is warm: the sessions of the new rule, as a
    load with no cache gives them, not the cached sessions of the old rule."""
    project = make_project(tmp_path)
    monkeypatch.setenv("HOCTAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1776704400")
    before = _sessions(project)
    assert _sessions(project) == before
    assert textcache.current().hits > 0
    club = next(p for p in sorted((project / "events").rglob("*.yaml"))
                if "cau-lac-bo" in p.parts and "thu: [T2, T4, T6]" in p.read_text(encoding="utf-8"))
    club_id = club.stem
    club.write_text(club.read_text(encoding="utf-8").replace("thu: [T2, T4, T6]", "thu: [T3, T5]"),
                    encoding="utf-8")
    warm = _sessions(project)
    monkeypatch.setenv("HOCTAP_CACHE", "0")
    assert warm == _sessions(project)
    mine = [s for s in warm if club_id in s[0]]
    assert mine and mine != [s for s in before if club_id in s[0]]


def test_planted_cache_file_runs_nothing(tmp_path):
    project = make_project(tmp_path)
    cache = tmp_path / "cache"
    assert _check(project, cache)[0] == 0
    file = _cache_file(cache)
    marker = tmp_path / "ran"
    entries = _stored(cache)

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    version = pickle.loads(file.read_bytes())[1]
    # A whole file that would run a command, then one whose entries would.
    file.write_bytes(pickle.dumps(Evil()))
    assert _check(project, cache)[0] == 0
    assert not marker.exists()
    poisoned = {key: pickle.dumps(Evil()) for key in entries}
    file.write_bytes(pickle.dumps((textcache._FORMAT, version, poisoned)))
    code, out = _check(project, cache)
    assert code == 0, out
    assert not marker.exists()
    file.write_bytes(b"\x80\x05garbage")
    assert _check(project, cache)[0] == 0


def test_results_are_copies_and_classes_refused(tmp_path):
    cache = textcache.TextCache(tmp_path / "c.pickle")
    made = cache.get("t", "abc", lambda: {"a": [1, 2]}, keep=lambda r: r)
    made["a"].append(3)
    again = cache.get("t", "abc", lambda: {"never": True}, keep=lambda r: r)
    assert again == {"a": [1, 2]} and cache.hits == 1
    # A result that is not plain data is returned but not kept.
    from datetime import date

    assert cache.get("t", "d", lambda: [date(2026, 4, 21)], keep=lambda r: r) == [date(2026, 4, 21)]
    assert cache.get("t", "d", lambda: ["made again"], keep=lambda r: r) == ["made again"]
    cache.save()
    reread = textcache.TextCache(tmp_path / "c.pickle")
    assert reread.get("t", "abc", lambda: None, keep=lambda r: r) == {"a": [1, 2]}
    assert reread.get("t", "abc2", lambda: "x", keep=lambda r: None) == "x"


def test_cache_folder_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("HOCTAP_CACHE", "0")
    assert textcache.cache_dir() is None
    monkeypatch.setenv("HOCTAP_CACHE", str(tmp_path / "x"))
    assert textcache.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("HOCTAP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert textcache.cache_dir() == tmp_path / "xdg" / "hoctap"


def test_a_second_load_in_one_process_keeps_what_the_first_used(tmp_path, monkeypatch):
    """``serve`` loads again after an edit, and takes the files it parsed before from its own
    per-process cache without asking this one: what the first load used is still saved."""
    monkeypatch.setenv("HOCTAP_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "p"
    root.mkdir()
    cache = textcache.open_for(root)
    cache.get("yaml", "parsed once", lambda: "a", keep=lambda r: r)
    cache.save(prune=textcache.CHECK_SPACES)
    again = textcache.open_for(root)
    assert again is cache
    again.get("t", "new text", lambda: "c", keep=lambda r: r)
    again.save(prune=None)
    fresh = textcache.TextCache(again.file)
    assert fresh.get("yaml", "parsed once", lambda: "made", keep=lambda r: None) == "a"
    assert fresh.get("t", "new text", lambda: "made", keep=lambda r: None) == "c"
    # A new process that uses only part of it, then saves after a build: the rest is dropped.
    other = textcache.TextCache(again.file)
    assert other.get("yaml", "parsed once", lambda: "made", keep=lambda r: None) == "a"
    other.save(prune=None)
    assert textcache.TextCache(again.file).get("t", "new text", lambda: "made", keep=lambda r: None) == "made"


def test_a_second_build_from_the_cache_is_byte_identical(tmp_path, monkeypatch):
    """The second build of the sample takes its converted pages, descriptions and QR codes from
    the cache (the pages' entries are there, the prerender child's too) and writes the same bytes
    as the first, which converted everything, and as a build with no cache at all."""
    from conftest import ROOT, mkdocs_build

    monkeypatch.setenv("HOCTAP_CACHE", str(tmp_path / "cache"))
    first, second = tmp_path / "first", tmp_path / "second"
    assert mkdocs_build(ROOT, first).returncode == 0
    entries = _stored(tmp_path / "cache")
    spaces = {key.split(b"\0", 1)[0] for key in entries}
    assert {b"page-html", b"md-html", b"qr-mask", b"yaml", b"scan", b"rrule"} <= spaces, spaces
    pages = sum(1 for key in entries if key.startswith(b"page-html\0"))
    assert pages >= len(list((ROOT / "content").rglob("*.md"))) - 5
    result = mkdocs_build(ROOT, second)
    assert result.returncode == 0, result.stderr
    assert tree_bytes(second) == tree_bytes(first)
    monkeypatch.setenv("HOCTAP_CACHE", "0")
    none = tmp_path / "none"
    assert mkdocs_build(ROOT, none).returncode == 0
    assert tree_bytes(none) == tree_bytes(first)


def test_a_table_of_contents_round_trips_through_its_tokens():
    """A cached page's table of contents (which Material shows) is kept as the tokens MkDocs reads:
    the same tokens come back. (The title and the whole page: the byte-identical builds above.)"""
    from mkdocs.structure.toc import get_toc

    from hoctap.adapters.mkdocs import _toc_tokens

    tokens = [{"name": "Một", "id": "mot", "level": 2, "children": [
        {"name": "Hai & ba", "id": "hai-ba", "level": 3, "children": []}]},
        {"name": "Bốn", "id": "bon", "level": 2, "children": []}]
    assert _toc_tokens(get_toc(tokens)) == tokens


def test_a_poisoned_cache_publishes_no_script(tmp_path, monkeypatch):
    """Someone who can write the cache folder (it is outside the project: not a commit) can make
    a page wrong, but no script reaches a page: converted pages and descriptions are sanitised on
    every build, and a QR code is encoded from its address on every build (only segno's choice of
    mask is kept, and a value that is no mask is ignored)."""
    from conftest import ROOT, mkdocs_build

    monkeypatch.setenv("HOCTAP_CACHE", str(tmp_path / "cache"))
    first = tmp_path / "first"
    assert mkdocs_build(ROOT, first).returncode == 0
    file = _cache_file(tmp_path / "cache")
    fmt, version, entries = pickle.loads(file.read_bytes())
    evil = '<script>alert("cache")</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>'
    poisoned = {}
    for key, data in entries.items():
        space = key.split(b"\0", 1)[0]
        value = pickle.loads(data)
        if space == b"md-html":
            value = evil + value
        elif space == b"page-html":
            value = dict(value, html=evil + value["html"])
        elif space == b"qr-mask":
            value = 99
        poisoned[key] = pickle.dumps(value)
    file.write_bytes(pickle.dumps((fmt, version, poisoned)))
    second = tmp_path / "second"
    result = mkdocs_build(ROOT, second)
    assert result.returncode == 0, result.stderr
    from bs4 import BeautifulSoup

    pages = {p.relative_to(second).as_posix(): p.read_text(encoding="utf-8") for p in second.rglob("*.html")}
    reached = 0
    for rel, text in pages.items():
        soup = BeautifulSoup(text, "html.parser")
        for script in soup.find_all("script"):   # files, or Material's JSON data (CSP: no inline script)
            assert script.get("src") or script.get("type") in ("application/json", "application/ld+json"), rel
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (rel, str(tag)[:200])
                if name in ("href", "src"):
                    assert not str(value).strip().lower().startswith("javascript:"), (rel, str(tag)[:200])
        reached += "x</a>" in text   # the poisoned link's text: the entries were read and sanitised
    assert reached > 10
    # The QR codes are the ones a build with a sound cache makes.
    with_qr = [rel for rel, text in pages.items() if "Mã QR" in text]
    assert with_qr
    for rel in with_qr:
        assert pages[rel].count("<svg") == (first / rel).read_text(encoding="utf-8").count("<svg")
        for svg_path in re.findall(r'<path[^>]*d="([^"]+)"', pages[rel]):
            assert svg_path in (first / rel).read_text(encoding="utf-8"), rel
