"""Ranking pages: each guide (criteria, maximum points, thresholds, source document), each
self-assessment (score per criterion, counts from the calendar, evidence, total and rank), each
unit's page (its own history; for a parent, the years of its centres' ranking) and the ranking
table of a parent's centres for one year."""

from __future__ import annotations

from ...core.outputs import GeneratedPage, Outputs
from ...core.render import markdown_html, render
from ...core.urls import Urls, page_source, relative, urls
from ...site.units import unit_label, unit_urls
from .model import (MEASURES, AssessmentIndex, LoadedAssessment, LoadedCriteria, assessments_of, number)

SAMPLE_GUIDE = "Tiêu chí mẫu, cần đối chiếu văn bản gốc"


def _unit(hub, unit_id):
    return hub.unit(unit_id)


def _sample(hub, unit_id, flag: bool) -> bool:
    unit = _unit(hub, unit_id)
    return flag or bool(unit and unit.sample)


def _rank_text(a: LoadedAssessment) -> str:
    if a.rank is not None:
        return a.rank.name
    return f"Chưa xếp loại (còn {a.unscored} tiêu chí chưa chấm)"


def row(hub, a: LoadedAssessment, src_uri: str) -> dict:
    unit = _unit(hub, a.unit)
    return {"a": a, "href": relative(src_uri, urls.assessment(a.assessment.id)),
            "unit": unit_label(unit) if unit else hub.site_name,
            "unit_href": relative(src_uri, _unit_page(hub, a.unit)),
            "total": number(a.total), "max": a.criteria.criteria.max_points,
            "rank": _rank_text(a), "rank_id": a.rank.id if a.rank else "",
            "sample": _sample(hub, a.unit, a.assessment.sample)}


def _unit_page(hub, unit_id) -> str:
    return unit_urls(unit_id).assessments_index() if hub.config.multi else urls.assessments_index()


def criteria_page(hub, loaded: LoadedCriteria) -> GeneratedPage:
    guide = loaded.criteria
    src_uri = page_source(urls.criteria(guide.id))
    owner = _unit(hub, loaded.unit)
    html = render("assessment_criteria.html", guide=guide, sample=guide.sample, sample_text=SAMPLE_GUIDE,
                  owner=unit_label(owner) if owner and hub.config.multi else None,
                  citations=[(c.label(), relative(src_uri, c.url)) for c in loaded.citations],
                  measures=MEASURES, note_html=markdown_html(guide.note) if guide.note else "",
                  back_href=relative(src_uri, urls.assessments_index()))
    return GeneratedPage(src_uri, guide.title, html,
                         f"Tiêu chí đánh giá, xếp loại theo {guide.source.number}: {len(guide.criteria)} tiêu chí, "
                         f"tối đa {guide.max_points} điểm.", {"hoctap_kind": "criteria"},
                         source=hub.source_of(loaded.path))


def assessment_page(hub, a: LoadedAssessment) -> GeneratedPage:
    item, guide = a.assessment, a.criteria.criteria
    src_uri = page_source(urls.assessment(item.id))
    scores = a.scores
    groups = []
    for group in guide.groups:
        rows = []
        for criterion in group.criteria:
            score = scores[criterion.id]
            rows.append({"criterion": criterion, "score": score,
                         "points": number(float(score.points)) if score.scored else None,
                         "count": (MEASURES[criterion.measure], a.counts.get(criterion.measure, 0))
                         if criterion.measure else None,
                         "evidence": [_evidence(hub, e, a, src_uri) for e in score.evidence]})
        subtotal = sum(float(scores[c.id].points) for c in group.criteria if scores[c.id].scored)
        groups.append({"group": group, "rows": rows, "subtotal": number(subtotal)})
    unit = _unit(hub, a.unit)
    name = unit_label(unit) if unit else hub.site_name
    html = render("assessment_page.html", item=item, a=a, guide=guide, groups=groups,
                  sample=_sample(hub, a.unit, item.sample), guide_sample=guide.sample, sample_text=SAMPLE_GUIDE,
                  unit=name, unit_href=relative(src_uri, _unit_page(hub, a.unit)),
                  guide_href=relative(src_uri, urls.criteria(guide.id)),
                  total=number(a.total), rank=_rank_text(a),
                  note_html=markdown_html(item.note) if item.note else "")
    return GeneratedPage(src_uri, f"Tự đánh giá năm {item.year} – {name}", html,
                         f"Tự đánh giá, xếp loại năm {item.year} của {name}: {number(a.total)}/{guide.max_points} "
                         f"điểm, {_rank_text(a)}.", {"hoctap_kind": "assessment"}, source=hub.source_of(a.path))


def _evidence(hub, e, a: LoadedAssessment, src_uri: str) -> tuple[str, str]:
    """(label, link) of one piece of evidence."""
    if e.event is not None:
        event = hub.calendar.events[e.event]
        return f"Hoạt động: {event.source.title}", relative(src_uri, urls.event(e.event))
    if e.report is not None:
        scope_urls = unit_urls(a.unit) if hub.config.multi else urls
        return f"Báo cáo năm {e.report}", relative(src_uri, scope_urls.report(e.report))
    if e.plan is not None:
        from ...site import rules
        cited = rules.cite(hub.plans, e.plan)
        return cited.label(), relative(src_uri, cited.url)
    if e.survey is not None:
        survey = hub.extras["surveys"].get(e.survey).survey
        return f"Khảo sát: {survey.title}", relative(src_uri, urls.survey(e.survey))
    return e.name or e.url, e.url


def _ranking(hub, index: AssessmentIndex, unit_id: str, year: int) -> list[LoadedAssessment]:
    members = set(hub.config.descendants(unit_id)) - {unit_id}
    items = [a for a in index.assessments if a.unit in members and a.assessment.year == year]
    return sorted(items, key=lambda a: (a.rank is None, -a.total, unit_label(_unit(hub, a.unit))))


def ranking_page(hub, scope, year: int, items: list[LoadedAssessment]) -> GeneratedPage:
    src_uri = page_source(scope.urls.ranking(year))
    rows, place, previous = [], 0, None
    for i, a in enumerate(items, start=1):
        key = (a.rank is None, a.total)
        if key != previous:
            place = i
        previous = key
        r = row(hub, a, src_uri)
        r["place"] = place if a.rank is not None else None
        rows.append(r)
    html = render("assessment_ranking.html", rows=rows, year=year, name=scope.unit.name,
                  back_href=relative(src_uri, scope.urls.assessments_index()),
                  sample=any(r["sample"] for r in rows),
                  guides=_guides(hub, src_uri, {a.criteria.criteria.id: a.criteria for a in items}.values()))
    return GeneratedPage(src_uri, f"Xếp loại Trung tâm năm {year} – {scope.unit.name}", html,
                         f"Bảng xếp loại các Trung tâm Văn hóa – Học tập cộng đồng năm {year}.",
                         {"hoctap_kind": "ranking"})


def _guides(hub, src_uri, loaded) -> list[dict]:
    return [{"title": c.criteria.title, "href": relative(src_uri, urls.criteria(c.criteria.id)),
             "sample": c.criteria.sample} for c in loaded]


def unit_page(hub, scope, index: AssessmentIndex) -> tuple[GeneratedPage, list[GeneratedPage]]:
    """A unit's page: its own history and, for a parent, a link per year to its centres' ranking."""
    src_uri = page_source(scope.urls.assessments_index())
    unit = scope.unit
    history = [row(hub, a, src_uri) for a in index.of_unit(unit.id)]
    members = set(hub.config.descendants(unit.id)) - {unit.id}
    years = sorted({a.assessment.year for a in index.assessments if a.unit in members}, reverse=True)
    rankings = [ranking_page(hub, scope, y, _ranking(hub, index, unit.id, y)) for y in years]
    html = render("assessment_unit.html", unit=unit, label=unit_label(unit), history=history,
                  years=[(y, relative(src_uri, scope.urls.ranking(y))) for y in years],
                  has_children=bool(members),
                  unit_filter=hub.unit_filter(src_uri, Urls.assessments_index, scope),
                  guides=_guides(hub, src_uri, [c for c in index.criteria
                                                if c.unit in [unit.id, *hub.config.ancestors(unit.id)]]))
    page = GeneratedPage(src_uri, f"Đánh giá, xếp loại – {unit.name}", html,
                         f"Tự đánh giá, xếp loại hằng năm của {scope.name}.", {"hoctap_kind": "assessment-unit"})
    return page, rankings


def hub_page(hub, scope, index: AssessmentIndex) -> GeneratedPage:
    """The hub's overview (several units): the guides, and each unit's latest result."""
    src_uri = page_source(urls.assessments_index())
    units = []
    for unit in hub.config.units:
        own = index.of_unit(unit.id)
        units.append({"label": unit_label(unit), "href": relative(src_uri, unit_urls(unit.id).assessments_index()),
                      "latest": row(hub, own[0], src_uri) if own else None})
    html = render("assessment_hub.html", units=units, guides=_guides(hub, src_uri, index.criteria),
                  unit_filter=hub.unit_filter(src_uri, Urls.assessments_index, scope))
    return GeneratedPage(src_uri, "Đánh giá, xếp loại Trung tâm", html,
                         "Tự đánh giá, xếp loại hằng năm các Trung tâm Văn hóa – Học tập cộng đồng.",
                         {"hoctap_kind": "assessment-unit"})


def render_assessments(hub) -> Outputs:
    out = Outputs()
    index = assessments_of(hub)
    for loaded in index.criteria:
        out.pages.append(criteria_page(hub, loaded))
    for a in index.assessments:
        out.pages.append(assessment_page(hub, a))
    for scope in hub.scopes():
        if scope.is_root and hub.config.multi:
            out.pages.append(hub_page(hub, scope, index))
            continue
        page, rankings = unit_page(hub, scope, index)
        out.pages.append(page)
        out.pages.extend(rankings)
    return out
