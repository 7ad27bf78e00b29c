"""Longevity (issue #11, point 5): MkDocs 1.6.1 is frozen; ProperDocs, a maintained drop-in fork of
MkDocs 1.6 (pinned in the test extra), builds the sample hub into the same pages.

Every file of the two outputs is compared: non-HTML files byte for byte; HTML pages parsed with
BeautifulSoup, where the only allowed difference is the theme's ``<meta name="generator">``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import BUILD_EPOCH, ROOT


def properdocs_build(site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(site_dir)], capture_output=True, text=True, env=env, cwd=ROOT)


def without_generator(html: str) -> tuple[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    generators = []
    for meta in soup.select('meta[name="generator"]'):
        generators.append(meta["content"])
        meta.decompose()
    return str(soup), generators


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    site = tmp_path / "properdocs-site"
    result = properdocs_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    ours = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert ours == theirs
    differing, pages = [], 0
    for rel in ours:
        a, b = (built_site / rel).read_bytes(), (site / rel).read_bytes()
        if not rel.endswith(".html"):
            if a != b:
                differing.append(rel)
            continue
        pages += 1
        (html_a, gen_a), (html_b, gen_b) = without_generator(a.decode()), without_generator(b.decode())
        if html_a != html_b:
            differing.append(rel)
        if gen_a:   # the generator names each engine: the one expected difference
            assert gen_a[0].startswith("mkdocs-1.6.1") and "ProperDocs" in gen_b[0], rel
    assert pages > 200
    assert differing == []
