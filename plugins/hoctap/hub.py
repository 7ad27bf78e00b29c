"""The hub: all content of one site loaded, validated and cross-checked in one pass.

``load_hub`` is the single entry point used by the MkDocs plugin and the ``hoctap``
command alike, so a check and a build can never disagree.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from .config import HubConfig
from .errors import Problems
from .outputs import Outputs
from .plan_pages import plan_markdown, plan_table
from .plans import PlanIndex, load_plans
from .render import render
from .timezone import TZ
from .urls import relative
from .validation import validate
from .yamlsource import Located

PLANS_FOLDER = "ke-hoach"


def reference_date() -> date:
    """The day the site is built for: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), TZ).date()
    return datetime.now(TZ).date()


@dataclass
class Paths:
    root: Path            # the project folder (where mkdocs.yml is)
    docs_dir: Path        # content/
    events_dir: Path      # events/


@dataclass
class Hub:
    config: HubConfig
    paths: Paths
    site_url: str
    site_name: str
    today: date
    plans: PlanIndex
    problems: Problems
    extras: dict[str, Any] = field(default_factory=dict)
    # Per-page hooks that content loaders register, keyed by src_uri (path inside docs_dir):
    page_fillers: dict[str, Callable[[str], str]] = field(default_factory=dict)  # markdown -> markdown
    page_meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # merged into the page's meta
    excluded: set[str] = field(default_factory=set)  # content files not to publish (drafts, future)
    _outputs: Outputs | None = field(default=None, repr=False)

    # -- rendering -------------------------------------------------------------------------

    def source_of(self, path: Path) -> str:
        """A content file's path relative to the project, for "edit this page" links."""
        return path.resolve().relative_to(self.paths.root.resolve()).as_posix()

    def plan_link(self, from_src_uri: str) -> Callable[[str], str]:
        def link(plan_id: str) -> str:
            plan = self.plans.get(plan_id)
            return relative(from_src_uri, plan.url) if plan else "#"
        return link

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """Markdown of a content page after the hub has filled it: plan pages and block markers."""
        plan = next((p for p in self.plans.plans if p.src_uri == src_uri), None)
        if plan is not None:
            return plan_markdown(plan, self.plans, self.plan_link(src_uri))
        filler = self.page_fillers.get(src_uri)
        if filler is not None:
            markdown = filler(markdown)
        return self.fill_blocks(src_uri, markdown)

    def fill_blocks(self, src_uri: str, markdown: str) -> str:
        def replace(match: re.Match) -> str:
            name = match.group(1)
            block = BLOCKS[name]
            return block(self, src_uri)
        return BLOCK_MARKER.sub(replace, markdown)

    def outputs(self) -> Outputs:
        """Every generated page and file; rendered once (the link check and the build share it)."""
        if self._outputs is None:
            out = Outputs()
            for renderer in RENDERERS:
                out.extend(renderer(self))
            self._outputs = out
        return self._outputs


BLOCK_MARKER = re.compile(r"<!--\s*hoctap:\s*([a-z0-9-]+)\s*-->")

Block = Callable[[Hub, str], str]
BLOCKS: dict[str, Block] = {}
RENDERERS: list[Callable[[Hub], Outputs]] = []


def block(name: str) -> Callable[[Block], Block]:
    """Register a page block (``<!-- hoctap: name -->`` in a content page); names are unique."""
    def register(func: Block) -> Block:
        if name in BLOCKS:
            raise ValueError(f"block {name!r} registered twice")
        BLOCKS[name] = func
        return func
    return register


@block("danh-sach-van-ban")
def _plan_list_block(hub: Hub, src_uri: str) -> str:
    return plan_table(hub.plans, hub.plan_link(src_uri))


@block("lien-he")
def _contact_block(hub: Hub, src_uri: str) -> str:
    return render("contact.html", unit=hub.config.unit)


@block("loi-tat")
def _quick_links_block(hub: Hub, src_uri: str) -> str:
    links = [(relative(src_uri, path), label) for path, label in QUICK_LINKS]
    return render("quick_links.html", links=links)


QUICK_LINKS = [
    ("ke-hoach/index.html", "Kế hoạch"),
    ("lich/index.html", "Lịch hoạt động"),
    ("lich/dang-ky.html", "Đăng ký lịch"),
    ("cau-lac-bo/index.html", "Câu lạc bộ & lớp học"),
    ("tin-tuc/index.html", "Tin tức"),
]


def _check_markers(paths: Paths, problems: Problems) -> None:
    for path in sorted(paths.docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in BLOCK_MARKER.finditer(text):
            if match.group(1) not in BLOCKS:
                line = text[: match.start()].count("\n") + 1
                problems.add(path, line, "hoctap", f"Không có khối nội dung tên '{match.group(1)}'.",
                             "các khối có sẵn: " + ", ".join(sorted(BLOCKS)))


LOADERS: list[Callable[[Hub], None]] = []


def load_hub(paths: Paths, options: dict, site_url: str, site_name: str,
             options_source: Path | None = None, today: date | None = None,
             assets: list[tuple[str, str]] = ()) -> Hub:
    """Load and validate everything; raise ``ContentErrors`` with every problem at once.

    ``assets`` are the site's own stylesheets, scripts and pictures from mkdocs.yml, as
    (option, path) pairs: they must be files of the site."""
    from . import extensions  # noqa: F401  (registers loaders, blocks and renderers)
    from .publishing import check_links_and_files, check_site_assets

    problems = Problems(paths.root)
    check_site_assets(options_source or paths.root / "mkdocs.yml", list(assets), problems)
    if check_links_and_files(paths.root, paths.docs_dir, [paths.docs_dir, paths.events_dir], problems):
        # A symbolic link leaves the project: nothing is read through it, not even to check it.
        problems.raise_if_any()
    located = Located(options_source or paths.root / "mkdocs.yml", options)
    config = validate(HubConfig, located, problems, loc_prefix=())
    errors_before_plans = len(problems.errors)
    plans = PlanIndex(tuple(load_plans(paths.docs_dir, PLANS_FOLDER, problems)))
    plans_failed = len(problems.errors) > errors_before_plans
    _check_markers(paths, problems)
    if config is None or plans_failed:
        # Events, news and clubs cite plans and use the configuration: checking them against a
        # broken plan or config would only repeat the same mistake once per citation.
        problems.raise_if_any()
    hub = Hub(config, paths, site_url, site_name, today or reference_date(), plans, problems)
    for loader in LOADERS:
        loader(hub)
    problems.raise_if_any()
    return hub
