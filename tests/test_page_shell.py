"""Generated pages share one rendered page shell per folder (issue #11, point 3): each page is
byte for byte what Material's template gives it (adapters/page_shell.py)."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT
from hoctap.adapters.page_shell import PageShells, ShellMismatch


def test_every_shell_page_of_the_sample_is_what_materials_template_gives(tmp_path, monkeypatch):
    """The sample built with HOCTAP_SHELL_CHECK=1: every page made from a shell is also rendered
    by Material's template and compared (the build stops on the first difference)."""
    monkeypatch.setenv("HOCTAP_SHELL_CHECK", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1776704400")
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    shells = config.plugins["hoctap"].shells
    assert shells.check_all
    assert shells.stats["shell"] > 300            # most generated pages came from a shell…
    assert all(parts is not None for parts in shells._shells.values())   # …and no key fell back
    page = tmp_path / "site" / "lich" / "thang" / "2026-04.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.title.string.startswith("Lịch tháng 4/2026 - ")
    assert soup.find("link", rel="canonical")["href"].endswith("/lich/thang/2026-04.html")
    assert soup.find("h1").get_text(strip=True) == "Lịch tháng 4/2026"


class _Page(SimpleNamespace):
    pass


def _page(title: str, content: str, url: str = "lich/thang/a.html") -> _Page:
    return _Page(title=title, meta={"title": title, "description": "Mô tả"}, canonical_url=f"https://x.org/{url}",
                 abs_url=f"/{url}", edit_url=None, content=content, file=SimpleNamespace(url=url, src_uri=url))


def _shells(template: str, check_all: bool = False) -> PageShells:
    env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": template}))
    return PageShells(env, check_all=check_all)


TEMPLATE = ("<title>{{ page.meta.title }}</title><meta content=\"{{ page.meta.description }}\">"
            "{% if '<h1' not in page.content %}<h1>{{ page.title }}</h1>{% endif %}{{ page.content }}"
            "<link href=\"{{ page.canonical_url }}\">")


def _full(template: str, page) -> str:
    return jinja2.Environment().from_string(template).render(page=page)


def test_a_page_is_its_shell_with_its_values_and_the_h1_branch_is_kept():
    shells = _shells(TEMPLATE)
    pages = [_page("Tháng 4", "<p>một</p>"), _page("Tháng 5", "<p>hai</p>", "lich/thang/b.html"),
             _page("Tháng 6", "<h1>Riêng</h1><p>ba</p>", "lich/thang/c.html"),
             _page("Tháng 7", "<h1>Khác</h1>", "lich/thang/d.html")]
    for page in pages:
        assert shells.html({"page": page}, page) == _full(TEMPLATE, page)
    assert shells.stats["shell"] == 2          # the first page of each key is rendered in full
    assert len(shells._shells) == 2            # with and without an <h1> in the content


def test_risky_values_and_unforeseen_filters_fall_back_to_the_full_template():
    shells = _shells(TEMPLATE)
    for page in (_page("A", "<p>x</p>"), _page("Câu lạc bộ & lớp học", "<p>y</p>", "lich/thang/b.html"),
                 _page("Hai  dấu cách", "<p>z</p>", "lich/thang/c.html")):
        assert shells.html({"page": page}, page) == _full(TEMPLATE, page)
    assert shells.stats["shell"] == 0
    # a template that changes the title: the first page shows the difference, the key is dropped
    lower = "<title>{{ page.title | lower }}</title>{{ page.content }}"
    shells = _shells(lower)
    for page in (_page("Tháng Tư", "<p>x</p>"), _page("Tháng Năm", "<p>y</p>", "lich/thang/b.html")):
        assert shells.html({"page": page}, page) == _full(lower, page)
    assert shells.stats["shell"] == 0 and list(shells._shells.values()) == [None]


def test_check_all_raises_when_a_shell_page_differs():
    # a filter that changes some titles only: the first page agrees, a later one does not
    odd = "<title>{{ page.title | replace('dài', 'ngắn') }}</title>{{ page.content }}"
    shells = _shells(odd, check_all=True)
    first = _page("Tháng Tư", "<p>x</p>")
    assert shells.html({"page": first}, first) == _full(odd, first)
    same = _page("Tháng Năm", "<p>y</p>", "lich/thang/b.html")
    assert shells.html({"page": same}, same) == _full(odd, same) and shells.stats["shell"] == 1
    longer = _page("Một tiêu đề dài", "<p>z</p>", "lich/thang/c.html")
    with pytest.raises(ShellMismatch):
        shells.html({"page": longer}, longer)
