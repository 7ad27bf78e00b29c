"""Renderers for plan documents: the page body of each plan and the document index; under each
section, what carried it out (the events, clubs, classes and news articles citing it, by year),
with a full page per section (``urls.plan_section_work``)."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from .model import Plan, PlanIndex, with_anchors
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import markdown_escape, render
from ...core.urls import page_source, relative, urls

WORK_PER_YEAR = 5     # items per year under a section on the plan page (the section's page has all)
WORK_YEARS = 3        # the most recent years shown under a section on the plan page
KIND_ORDER = {"Hoạt động": 0, "Câu lạc bộ": 1, "Lớp học": 2, "Tin bài": 3}


def with_section_blocks(body: str, plan: Plan, block_of) -> str:
    """The body with ``block_of(section)`` (HTML, or "") after each section's own text, before the
    next heading: the plan's words and lines are left as they are."""
    lines = body.split("\n")
    ordered = sorted(plan.sections, key=lambda s: s.line)
    for i in range(len(ordered) - 1, -1, -1):
        block = block_of(ordered[i])
        if not block:
            continue
        end = ordered[i + 1].line - plan.body_line if i + 1 < len(ordered) else len(lines)
        lines[end:end] = ["", block, ""]
    return "\n".join(lines)


def plan_markdown(plan: Plan, index: PlanIndex, page_url_of, section_block=None) -> str:
    """Markdown for a plan page: official header, body with section anchors, recipients and signature.

    ``page_url_of(plan)`` gives the relative link from this page to another plan page;
    ``section_block(section)`` the HTML shown after a section's text (what carried it out).
    """
    bases = [(doc, index.find_cited(doc)) for doc in plan.meta.legal_bases]
    related = [(doc, index.find_cited(doc)) for doc in plan.meta.related]
    header = render("plan_header.html", plan=plan, meta=plan.meta, bases=bases, related=related,
                    link=page_url_of)
    footer = render("plan_footer.html", plan=plan, meta=plan.meta, link=page_url_of)
    body = with_anchors(plan.body, plan.sections, plan.body_line) if plan.meta.full_text else ""
    if body and section_block is not None:
        body = with_section_blocks(body, plan, section_block)
    # A Markdown H1 first, so that MkDocs takes it as the page title (tab, search, navigation).
    title = "# " + markdown_escape(plan.meta.title) + " { .hoctap-doc-title }"
    return "\n\n".join([title, header, body, footer]) + "\n"




def plan_table(index: PlanIndex, page_url_of) -> str:
    return render("plan_table.html", plans=index.newest_first(), link=page_url_of)


# -- hooks into the hub ----------------------------------------------------------------------

def plan_link(hub, from_src_uri: str):
    """``link(plan_id)``: the relative link from the page ``from_src_uri`` to a plan page."""
    def link(plan_id: str) -> str:
        plan = hub.plans.get(plan_id)
        return relative(from_src_uri, plan.url) if plan else "#"
    return link


def plan_page(hub, plan: Plan, markdown: str) -> str:
    """Page filler of a plan's own page: the page is made from the loaded plan."""
    work = section_work(hub)

    def block(section) -> str:
        items = work.get((plan.id, section.anchor))
        return work_html(hub, plan, section, items, plan.src_uri, full=False) if items else ""
    return plan_markdown(plan, hub.plans, plan_link(hub, plan.src_uri), block)


# -- what carried each section out -------------------------------------------------------------

def section_work(hub) -> dict[tuple[str, str], list]:
    """{(plan id, section anchor): [Backlink]}, newest first, from every kind's ``backlinks``."""
    if "plan_work" in hub.extras:
        return hub.extras["plan_work"]
    work: dict[tuple[str, str], dict] = defaultdict(dict)
    for provider in hub.registry.backlink_providers:
        for link in provider(hub):
            resolved = hub.plans.resolve(link.ref)
            if isinstance(resolved, str) or resolved[1] is None:
                continue   # a broken citation is reported by its kind; a whole plan has no section
            plan, section = resolved
            work[(plan.id, section.anchor)].setdefault((link.url, link.year), link)
    out = {key: sorted(items.values(), key=lambda b: (-b.year, -b.when.toordinal(), KIND_ORDER.get(b.kind, 9),
                                                      b.title, b.url))
           for key, items in work.items()}
    hub.extras["plan_work"] = out
    return out


def work_html(hub, plan: Plan, section, items: list, src_uri: str, full: bool) -> str:
    own_unit = hub.unit_of(plan.source)
    years = []
    for year, group in groupby(items, key=lambda b: b.year):
        group = list(group)
        shown = group if full else group[:WORK_PER_YEAR]
        years.append({"year": year, "more": len(group) - len(shown), "entries": [
            {"kind": b.kind, "title": b.title, "href": relative(src_uri, b.url), "unit": hub.unit_mark(b.path) if hub.unit_of(b.path) != own_unit else ""}
            for b in shown]})
    hidden_years = 0 if full else max(0, len(years) - WORK_YEARS)
    return render("plan_work.html", section=section, years=years if full else years[:WORK_YEARS],
                  hidden_years=hidden_years, total=len({b.url for b in items}), full=full,
                  full_href=relative(src_uri, urls.plan_section_work(plan.id, section.anchor)),
                  truncated=hidden_years > 0 or any(y["more"] for y in years),
                  section_href=relative(src_uri, plan.url + "#" + section.anchor),
                  plan_title=plan.meta.title)


def plan_work_pages(hub) -> Outputs:
    """One page per cited section: everything that carried it out, every year."""
    out = Outputs()
    work = section_work(hub)
    for plan in hub.plans.plans:
        for section in plan.sections:
            items = work.get((plan.id, section.anchor))
            if not items:
                continue
            src_uri = page_source(urls.plan_section_work(plan.id, section.anchor))
            title = f"Thực hiện mục {section.anchor}. {section.title}"
            html = work_html(hub, plan, section, items, src_uri, full=True)
            out.pages.append(GeneratedPage(src_uri, title, html,
                                           f"Hoạt động, câu lạc bộ, lớp học và tin bài thực hiện mục {section.anchor} "
                                           f"của {plan.meta.title}, theo năm.", {"hoctap_kind": "plan-work"}))
    return out


def plan_list_block(hub, src_uri: str) -> str:
    return plan_table(hub.plans, plan_link(hub, src_uri))
