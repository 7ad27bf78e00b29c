"""Pages of who does what: the list of bodies (paginated), one page per plan with each
section's lead and partner bodies, and one page per body with its tasks and its activities."""

from __future__ import annotations

from datetime import date, datetime

from ...core import search
from ...core.listing import paginated
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import markdown_html, render
from ...core.urls import page_source, relative, urls
from ...site.units import unit_label
from .model import ROLE_LABELS, BodyRecord, bodies_of


def _unit_name(hub, unit_id) -> str:
    unit = hub.unit(unit_id)
    return unit_label(unit) if unit is not None and hub.config.multi else ""


def _plans_with_tasks(hub) -> list:
    index = bodies_of(hub)
    ids = {cited.plan.id for r in index.records for _t, cited in r.tasks}
    return [p for p in hub.plans.newest_first() if p.id in ids] if hub.plans is not None else []


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _activities(hub, src_uri: str, record: BodyRecord) -> list[dict]:
    rows = []
    for event in record.events:
        src = event.source
        rows.append({"title": src.title + (" (đã hủy)" if event.cancelled else ""),
                     "href": relative(src_uri, event.url), "day": _day(src.start),
                     "kind": "Hoạt động", "repeat": src.recurrence is not None,
                     "unit": _unit_name(hub, hub.unit_of(event.path))})
    for listing in record.listings:
        item = listing.item
        start = getattr(item, "start", None) or getattr(item, "founded", None)
        rows.append({"title": item.name, "href": relative(src_uri, listing.url), "day": start,
                     "kind": listing.kind_label, "repeat": True,
                     "unit": _unit_name(hub, hub.unit_of(listing.path))})
    rows.sort(key=lambda r: (-(r["day"].toordinal() if r["day"] else 0), r["title"]))
    return rows


def _body_pages(hub, record: BodyRecord) -> list[GeneratedPage]:
    body = record.body
    pages = []
    first = page_source(record.url)
    tasks = [{"role": task.role_label, "quote": task.quote, "label": cited.label(),
              "href": relative(first, cited.url),
              "plan_href": relative(first, urls.plan_assignments(cited.plan.id))}
             for task, cited in record.tasks]
    activities = _activities(hub, first, record)
    for src_uri, items, pager, n in paginated(activities, lambda k: urls.body(body.id, k)):
        # links were made relative to page 1; later pages sit in the same folder
        html = render("body_page.html", body=body, unit=_unit_name(hub, record.unit), tasks=tasks if n == 1 else [],
                      activities=items, pager=pager, page=n, total=len(activities),
                      notes_html=markdown_html(body.notes) if body.notes and n == 1 else "",
                      index_href=relative(src_uri, urls.bodies_index()))
        title = body.name + (f" – trang {n}" if n > 1 else "")
        summary = f"{body.name}: {len(record.tasks)} nhiệm vụ theo kế hoạch, {len(activities)} hoạt động."
        pages.append(GeneratedPage(src_uri, title, html, summary, {"hoctap_kind": "phan-cong"},
                                   source=hub.source_of(record.path) if n == 1 else None))
    return pages


def _plan_page(hub, plan) -> GeneratedPage:
    src_uri = page_source(urls.plan_assignments(plan.id))
    rows = []
    for cited, assigned in bodies_of(hub).of_plan(plan.id):
        by_role = {role: [] for role in ROLE_LABELS}
        for role, record, _task in assigned:
            by_role[role].append((record.body.name, relative(src_uri, record.url)))
        rows.append({"label": f"{cited.section.anchor}. {cited.section.title}",
                     "href": relative(src_uri, cited.url), "roles": by_role})
    html = render("body_plan.html", plan=plan, rows=rows, roles=ROLE_LABELS,
                  plan_href=relative(src_uri, plan.url), index_href=relative(src_uri, urls.bodies_index()))
    return GeneratedPage(src_uri, f"Phân công thực hiện: {plan.meta.title}", html,
                         f"Cơ quan chủ trì, phối hợp từng mục của {plan.meta.title}.", {"hoctap_kind": "phan-cong-ke-hoach"})


def render_bodies(hub) -> Outputs:
    out = Outputs()
    index = bodies_of(hub)
    for record in index.records:
        out.pages.extend(_body_pages(hub, record))
    plans = _plans_with_tasks(hub)
    for plan in plans:
        out.pages.append(_plan_page(hub, plan))
    for src_uri, items, pager, n in paginated(index.records, urls.bodies_page):
        rows = [{"name": r.body.name, "href": relative(src_uri, r.url), "unit": _unit_name(hub, r.unit),
                 "tasks": len(r.tasks), "activities": len(r.events) + len(r.listings)} for r in items]
        html = render("body_list.html", rows=rows, pager=pager, multi=hub.config.multi,
                      plans=[(p.meta.title, relative(src_uri, urls.plan_assignments(p.id)),
                              _unit_name(hub, hub.unit_of(p.source))) for p in plans] if n == 1 else [])
        out.pages.append(GeneratedPage(src_uri, "Phân công thực hiện" + (f" – trang {n}" if n > 1 else ""), html,
                                       "Các cơ quan, tổ chức được kế hoạch giao việc và hoạt động của từng nơi.",
                                       {"hoctap_kind": "phan-cong-danh-sach"}))
    return out


def bodies_block(hub, src_uri: str) -> str:
    """``<!-- hoctap: phan-cong -->``: a short link to who does what."""
    return render("body_block.html", href=relative(src_uri, urls.bodies_index()), count=len(bodies_of(hub).records))


def search_entries(hub) -> list:
    """One search entry per body: its name, and the plan sections it leads or takes part in."""
    out = []
    for record in bodies_of(hub).records:
        sections = [f"{cited.section.anchor}. {cited.section.title}" for _task, cited in record.tasks]
        out.append(search.Entry(
            title=record.body.name, type="cơ quan", url=record.url,
            keywords=search.search_join(*sections), place=_unit_name(hub, record.unit),
            summary=search.shorten(f"{len(record.tasks)} nhiệm vụ theo kế hoạch, "
                                   f"{len(record.events) + len(record.listings)} hoạt động."),
            group=search.group_of(hub, record.path)))
    return out
