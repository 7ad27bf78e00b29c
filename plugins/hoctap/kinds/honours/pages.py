"""Pages of the honour roll: the index (counts by year and kind), one listing per year and per
kind (paginated), each recognition with its decision, village and unit."""

from __future__ import annotations

from ...core.listing import paginated
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import render
from ...core.urls import page_source, relative, urls
from ...site.units import unit_label
from .model import KIND_LABELS, HonourIndex, Row, honours_of, kind_slug


def _row(hub, src_uri: str, row: Row, first_of: set) -> dict:
    roll = row.roll
    unit = hub.unit(roll.unit)
    village = unit.village(row.entry.village) if unit is not None and row.entry.village else None
    doc = roll.document
    return {
        "anchor": roll.roll.id if id(row) in first_of else None,
        "kind": row.entry.kind_label, "kind_href": relative(src_uri, urls.honours_kind(kind_slug(row.entry.kind))),
        "name": row.entry.shown_name, "withheld": row.entry.withheld,
        "village": village.name if village else "",
        "unit": unit_label(unit) if unit is not None and hub.config.multi else "",
        "year": roll.roll.year, "year_href": relative(src_uri, urls.honours_year(roll.roll.year)),
        "number": roll.number, "issued": roll.issued, "body": roll.body,
        "doc_href": relative(src_uri, doc.url) if doc is not None else None,
        "sample": row.sample,
    }


def _listing(hub, index: HonourIndex, rows: list[Row], title: str, intro: str, path_of, kind: str) -> list[GeneratedPage]:
    pages = []
    seen: set = set()
    first_of = set()
    for row in rows:                      # the first row of each decision carries its anchor
        if row.roll.roll.id not in seen:
            seen.add(row.roll.roll.id)
            first_of.add(id(row))
    for src_uri, items, pager, n in paginated(rows, path_of):
        html = render("honour_list.html", title=title, intro=intro, pager=pager,
                      rows=[_row(hub, src_uri, r, first_of) for r in items],
                      sample=any(r.sample for r in items), multi=hub.config.multi,
                      index_href=relative(src_uri, urls.honours_index()))
        pages.append(GeneratedPage(src_uri, title + (f" – trang {n}" if n > 1 else ""), html, intro,
                                   {"hoctap_kind": kind}))
    return pages


def render_honours(hub) -> Outputs:
    out = Outputs()
    index = honours_of(hub)
    for year in index.years():
        rows = index.in_year(year)
        out.pages.extend(_listing(hub, index, rows, f"Vinh danh năm {year}",
                                  f"{len(rows)} gia đình, dòng họ, cộng đồng, đơn vị và cá nhân được vinh danh năm {year}.",
                                  lambda n, y=year: urls.honours_year(y, n), "vinh-danh-nam"))
    for kind in index.kinds():
        rows = index.of_kind(kind)
        label = KIND_LABELS[kind]
        out.pages.extend(_listing(hub, index, rows, f"Vinh danh: {label}",
                                  f"{len(rows)} lượt vinh danh {label.lower()}, năm gần nhất trước.",
                                  lambda n, k=kind: urls.honours_kind(kind_slug(k), n), "vinh-danh-loai"))
    src_uri = page_source(urls.honours_index())
    kinds = index.kinds()
    table = []
    for year in index.years():
        counts = index.counts(year)
        table.append({"year": year, "href": relative(src_uri, urls.honours_year(year)),
                      "cells": [counts["theo_loai"].get(KIND_LABELS[k], 0) for k in kinds],
                      "total": counts["tong"], "sample": counts["mau"]})
    html = render("honour_index.html", table=table,
                  kinds=[(KIND_LABELS[k], relative(src_uri, urls.honours_kind(kind_slug(k)))) for k in kinds],
                  sample=any(r.sample for r in index.rows))
    out.pages.append(GeneratedPage(src_uri, "Vinh danh", html,
                                   "Gia đình học tập, dòng họ học tập, cộng đồng học tập, đơn vị học tập và công dân học tập được vinh danh theo từng năm.",
                                   {"hoctap_kind": "vinh-danh"}))
    return out


def honours_block(hub, src_uri: str) -> str:
    """``<!-- hoctap: vinh-danh -->``: a short link to the honour roll."""
    return render("honour_block.html", href=relative(src_uri, urls.honours_index()),
                  count=len(honours_of(hub).rows))
