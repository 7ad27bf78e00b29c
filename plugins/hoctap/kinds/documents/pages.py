"""Pages of the document library: the list (paginated), static filter pages by type, issuer,
year and unit, and one page per document with the pages that cite it."""

from __future__ import annotations

from collections import Counter

from ...core import search
from ...core.dates import short_date
from ...core.listing import Facet, facet_bar, paginated
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import markdown_html, render
from ...core.urls import page_source, relative, urls
from ...core.values import slugify
from ...site.units import unit_label
from .model import NOT_STATED, Record, documents_of

UNKNOWN = "khong-ghi"   # facet value of a record whose year or issuer the text does not state


def _issuer_key(record: Record) -> str:
    return slugify(record.doc.issuer) if record.doc.issuer else UNKNOWN


def _year_key(record: Record) -> str:
    return str(record.year) if record.year else UNKNOWN


def facet_groups(hub) -> list[tuple[str, list[Facet], callable]]:
    """(title, facets, test) per filter group; each facet lists the records ``test(record)`` keeps."""
    records = documents_of(hub).records
    groups = []

    def group(title: str, name: str, key, label_of, order=None):
        counts = Counter(key(r) for r in records)
        labels = {key(r): label_of(r) for r in records}
        values = sorted(counts, key=order or (lambda v: slugify(labels[v])))
        facets = [Facet(name, v, labels[v], counts[v], lambda n, g=name, v=v: urls.document_facet(g, v, n))
                  for v in values]
        groups.append((title, facets, key))

    group("Loại văn bản", "loai", lambda r: slugify(r.doc.kind), lambda r: r.doc.kind)
    group("Cơ quan ban hành", "co-quan", _issuer_key, lambda r: r.doc.issuer or NOT_STATED)
    group("Năm ban hành", "nam", _year_key, lambda r: str(r.year) if r.year else NOT_STATED,
          order=lambda v: (v == UNKNOWN, -int(v) if v != UNKNOWN else 0))
    if hub.config.multi:
        group("Đơn vị", "don-vi", lambda r: r.unit or UNKNOWN,
              lambda r: unit_label(hub.unit(r.unit)) if hub.unit(r.unit) else NOT_STATED,
              order=lambda v: [u.id for u in hub.config.units].index(v) if hub.unit(v) else 999)
    return groups


def _row(hub, src_uri: str, record: Record) -> dict:
    unit = hub.unit(record.unit)
    return {"record": record, "doc": record.doc, "href": relative(src_uri, record.url),
            "unit": unit_label(unit) if unit and hub.config.multi else ""}


def _listing(hub, src_uri: str, records: list[Record], pager, current: Facet | None, total: int) -> str:
    groups = [(title, facets) for title, facets, _ in facet_groups(hub)]
    return render("document_list.html", rows=[_row(hub, src_uri, r) for r in records], pager=pager,
                  bar=facet_bar(src_uri, groups, current, urls.documents_index()), current=current,
                  total=total, multi=hub.config.multi)


def _document_page(hub, record: Record) -> GeneratedPage:
    src_uri = page_source(record.url)
    doc = record.doc
    unit = hub.unit(record.unit)
    plan = hub.plans.get(doc.plan) if doc.plan and hub.plans is not None else None
    html = render(
        "document_page.html", doc=doc, record=record, not_stated=NOT_STATED,
        unit=unit_label(unit) if unit else "",
        attachment=relative(src_uri, doc.attachment) if doc.attachment else None,
        plan_href=relative(src_uri, plan.url) if plan else None, plan_title=plan.meta.title if plan else "",
        backlinks=[(b.kind, b.label, relative(src_uri, b.path)) for b in record.backlinks],
        kind_href=relative(src_uri, urls.document_facet("loai", slugify(doc.kind))),
        year_href=relative(src_uri, urls.document_facet("nam", _year_key(record))),
        issuer_href=relative(src_uri, urls.document_facet("co-quan", _issuer_key(record))),
        index_href=relative(src_uri, urls.documents_index()),
        notes_html=markdown_html(doc.notes) if doc.notes else "",
    )
    summary = f"{doc.kind}" + (f" số {doc.number}" if doc.number else "") + \
        (f" ngày {doc.issued:%d/%m/%Y}" if doc.issued else "") + (f" của {doc.issuer}" if doc.issuer else "") + "."
    return GeneratedPage(src_uri, doc.title, html, summary, {"hoctap_kind": "van-ban"},
                         source=hub.source_of(record.path))


def render_documents(hub) -> Outputs:
    out = Outputs()
    records = documents_of(hub).records
    for record in records:
        out.pages.append(_document_page(hub, record))
    for src_uri, items, pager, n in paginated(records, urls.documents_index):
        html = _listing(hub, src_uri, items, pager, None, len(records))
        title = "Thư viện văn bản" + (f" – trang {n}" if n > 1 else "")
        out.pages.append(GeneratedPage(src_uri, title, html,
                                       "Các văn bản mà kế hoạch của Trung tâm dẫn chiếu.",
                                       {"hoctap_kind": "van-ban-danh-sach"}))
    for _title, facets, key in facet_groups(hub):
        for facet in facets:
            matches = [r for r in records if key(r) == facet.value]
            for src_uri, items, pager, n in paginated(matches, facet.path_of):
                html = _listing(hub, src_uri, items, pager, facet, len(matches))
                title = f"Văn bản: {facet.label}" + (f" – trang {n}" if n > 1 else "")
                out.pages.append(GeneratedPage(src_uri, title, html, f"{len(matches)} văn bản: {facet.label}.",
                                               {"hoctap_kind": "van-ban-danh-sach"}))
    return out


def documents_block(hub, src_uri: str) -> str:
    """``<!-- hoctap: thu-vien-van-ban -->``: a short link to the library with its size."""
    count = len(documents_of(hub).records)
    return render("document_block.html", href=relative(src_uri, urls.documents_index()), count=count)


def search_entries(hub) -> list:
    """One search entry per document: "Công văn số 2553/BGDĐT-GDTX", its subject and issuer (a
    document whose text the hub publishes as a plan is found as that plan)."""
    return [search.Entry(
        title=record.doc.title, type="văn bản", url=record.url,
        date=short_date(record.doc.issued) if record.doc.issued else "",
        place=record.doc.issuer or "", keywords=search.search_join(record.doc.kind, *record.doc.other_names),
        alt=record.doc.subject or "", summary=search.shorten(record.doc.subject or ""),
        group=search.group_of(hub, record.path))
        for record in documents_of(hub).records if not record.doc.plan]
