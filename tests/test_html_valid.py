"""Every built page is valid HTML for the Nu Html Checker (issue #14, point 2), Material's own
markup included: the checker's output is asserted whole, never filtered."""

from __future__ import annotations

import json
import shutil
import subprocess

from conftest import ROOT

from hoctap.adapters.mkdocs import tidy_page_html

VNU = ROOT / "tests" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu(*paths) -> list[dict]:
    java = shutil.which("java")
    assert java, "java is missing: ./scripts/test installs default-jre-headless"
    assert VNU.is_file(), "vnu.jar is missing: ./scripts/test installs tests/node (npm ci)"
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                           *map(str, paths)], capture_output=True, text=True, timeout=600)
    return json.loads(done.stderr or done.stdout)["messages"]


def test_every_built_page_is_valid(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 150
    messages = _vnu(*pages)
    lines = [f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert lines == [], "\n".join(lines[:40]) + f"\n({len(lines)} in all)"


def test_the_checker_sees_what_was_fixed(tmp_path):
    """The markup the adapter tidies is an error for the checker, and gone once tidied."""
    page = ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>t</title></head><body>"
            "<input class=\"md-toggle\" type=\"checkbox\" id=\"__drawer\" autocomplete=\"off\">"
            "<label class=\"md-nav__title\" for=\"__toc\">Mục lục</label>"
            "<article class=\"hoctap-club\" markdown=\"0\"><p>x</p></article>"
            "<p><code>&lt;div markdown=\"1\"&gt;</code></p></body></html>")
    raw = tmp_path / "raw.html"
    raw.write_text(page, encoding="utf-8")
    assert len(_vnu(raw)) == 3
    tidy = tmp_path / "tidy.html"
    tidy.write_text(tidy_page_html(page), encoding="utf-8")
    assert _vnu(tidy) == []
    # Text that only looks like the attribute is left alone.
    assert '<code>&lt;div markdown="1"&gt;</code>' in tidy_page_html(page)


def test_a_toc_toggle_without_label_gets_a_name():
    page = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"><p>x</p>'
    assert 'id="__toc" aria-label="Mục lục">' in tidy_page_html(page)
    labelled = page + '<label class="md-nav__title" for="__toc">Mục lục</label>'
    assert tidy_page_html(labelled) == labelled


def test_markdown_attributes_dropped_as_the_pattern_drops_them():
    """``tidy_page_html`` finds ``markdown="0|1"`` from the attribute, not by trying a pattern at
    every ``<``: on random markup it gives exactly what the pattern gives."""
    import random

    from hoctap.adapters.mkdocs import _MARKDOWN_ATTR, _drop_markdown_attributes

    rng = random.Random(5)
    parts = ["<", ">", "div", " ", "\n", 'markdown="0"', 'markdown="1"', 'markdown="2"', ' markdown="1"', "a",
             "<p", "<1", 'x="y"', "</div>", "\t", "é", "<!--", "-->", "<code>", "&lt;"]
    changed = 0
    for _ in range(50_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 14)))
        expected = _MARKDOWN_ATTR.sub(r"\1", text)
        assert _drop_markdown_attributes(text) == expected, text
        changed += expected != text
    assert changed > 1000   # the random markup did hold attributes to drop
