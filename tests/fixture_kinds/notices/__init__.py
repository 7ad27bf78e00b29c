"""Notices (thông báo): ``content/thong-bao/*.md``, a kind written only for the test suite.

It touches no other module: it declares its files, loads them with the shared sources and
validation, checks its references with the shared rules (a village, plan sections), lists the
notices on a generated page and in a page block, and registers with one line::

    load_hub(..., kinds=BUILTIN_KINDS + (NOTICES,))        # or hoctap.adapters.cli.main(argv, kinds=…)
"""

from __future__ import annotations

from datetime import date

from markupsafe import escape
from pydantic import Field, field_validator

from hoctap.core.outputs import GeneratedPage, Outputs
from hoctap.core.sources import load_front_matter_file
from hoctap.core.urls import page_source, relative, urls
from hoctap.core.validation import validate
from hoctap.core.values import Slug, one_or_many
from hoctap.site import rules
from hoctap.site.config import Strict
from hoctap.site.registry import ContentKind, Kind, yaml_quote

PAGE = urls.at("thong-bao/index.html")


class Notice(Strict):
    id: Slug = Field(alias="ma")
    title: str = Field(alias="tieu_de", min_length=1)
    village: str | None = Field(None, alias="ban")
    plan_refs: tuple[str, ...] = Field((), alias="ke_hoach")

    _one_or_many = field_validator("plan_refs", mode="before")(one_or_many)


def scaffold(title: str, slug: str, today: date) -> str:
    return f"""---
ma: {slug}                      # mã thông báo: chữ thường không dấu, nối bằng dấu gạch ngang
tieu_de: {yaml_quote(title)}    # BẮT BUỘC: tiêu đề thông báo
ban: null                       # mã bản trong mkdocs.yml, ví dụ ban-lan; null = toàn xã
ke_hoach: []                    # mục kế hoạch liên quan, ví dụ [hoc-tap-suot-doi-den-2030#II.1]
---

Nội dung thông báo, ngày {today:%d/%m/%Y}.
"""


FILES = ContentKind(name="thong-bao", label="Thông báo", folder="content/thong-bao", pattern="*.md",
                    model=Notice, scaffold=scaffold)


def load(hub) -> None:
    notices = []
    for path in hub.registry.files(FILES, hub.paths.root):
        located = load_front_matter_file(path, hub.problems)
        notice = validate(Notice, located, hub.problems) if located is not None else None
        if notice is None:
            continue
        rules.check_village(hub.problems, path, located.line_of(("ban",)), hub.config, notice.village)
        cited = [rules.check_citation(hub.problems, path, located.line_of(("ke_hoach", i)), f"ke_hoach[{i + 1}]",
                                      hub.plans, ref) for i, ref in enumerate(notice.plan_refs)]
        notices.append((notice, [c for c in cited if c is not None]))
    hub.extras["notices"] = sorted(notices, key=lambda n: n[0].id)


def _list(hub, src_uri: str) -> str:
    items = []
    for notice, cited in hub.extras["notices"]:
        links = "".join(f'<li><a href="{escape(relative(src_uri, c.url))}">{escape(c.label())}</a></li>'
                        for c in cited)
        items.append(f'<li id="{escape(notice.id)}">{escape(notice.title)}<ul>{links}</ul></li>')
    return f'<ul class="thong-bao">{"".join(items)}</ul>'


def outputs(hub) -> Outputs:
    page = GeneratedPage(page_source(PAGE), "Thông báo", _list(hub, page_source(PAGE)), "Các thông báo của xã.")
    return Outputs(pages=[page])


NOTICES = Kind(name="thong-bao", label="Thông báo", files=(FILES,), load=load, outputs=outputs,
               blocks={"danh-sach-thong-bao": _list}, requires=("ke-hoach",))
