"""Renderers for plan documents: the page body of each plan and the document index."""

from __future__ import annotations


from .model import Plan, PlanIndex, with_anchors
from ...core.render import markdown_escape, render
from ...core.urls import relative


def plan_markdown(plan: Plan, index: PlanIndex, page_url_of) -> str:
    """Markdown for a plan page: official header, body with section anchors, recipients and signature.

    ``page_url_of(plan)`` gives the relative link from this page to another plan page.
    """
    bases = [(doc, index.find_cited(doc)) for doc in plan.meta.legal_bases]
    related = [(doc, index.find_cited(doc)) for doc in plan.meta.related]
    header = render("plan_header.html", plan=plan, meta=plan.meta, bases=bases, related=related,
                    link=page_url_of)
    footer = render("plan_footer.html", plan=plan, meta=plan.meta, link=page_url_of)
    body = with_anchors(plan.body, plan.sections, plan.body_line) if plan.meta.full_text else ""
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
    return plan_markdown(plan, hub.plans, plan_link(hub, plan.src_uri))


def plan_list_block(hub, src_uri: str) -> str:
    return plan_table(hub.plans, plan_link(hub, src_uri))
