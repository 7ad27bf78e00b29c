"""Survey pages: one page per survey (facts, an inline SVG chart made at build time, the table it
stands for, the classes that answered each topic, the unit's "đề nghị mở lớp" link) and the
listings of the hub and of each unit's section (paginated, newest first)."""

from __future__ import annotations

from markupsafe import Markup, escape

from ...core import search
from ...core.dates import short_date
from ...core.outputs import GeneratedPage, Outputs
from ...core.render import markdown_html, render
from ...core.urls import Urls, page_source, relative, urls
from ...site.units import unit_label, unit_urls
from .model import LoadedSurvey, request_url, surveys_of

PER_PAGE = 20

def chart_rows(loaded: LoadedSurvey) -> list[dict]:
    """The bar chart of the residents asking for each topic (all villages together), largest
    first. Each bar is an inline SVG drawn here, at build time (no script, no request), with
    ``role="img"`` and a ``<title>`` naming the topic and its number; topic names and numbers are
    page text beside the bars (text drawn inside an SVG has no background a checker can measure);
    the table below the chart is its text alternative."""
    survey = loaded.survey
    topics = sorted(survey.topics, key=lambda t: (-t.total, t.name))
    top = max((t.total for t in topics), default=0) or 1
    rows = []
    for topic in topics:
        percent = 100 * topic.total / top if topic.total else 0    # the longest bar: 60 % of the row (room for its number)
        ident = f"bieu-do-{survey.id}-{topic.id}"
        answered = bool(loaded.classes.get(topic.id))
        svg = Markup(
            f'<svg class="hoctap-chart__bar{" hoctap-chart__bar--co-lop" if answered else ""}" role="img" '
            f'aria-labelledby="{ident}" viewBox="0 0 100 12" preserveAspectRatio="none" '
            f'style="width: {max(percent * 0.6, 1):.1f}%" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}">{escape(topic.name)}: {topic.total} người đề nghị'
            f'{" (đã có lớp)" if answered else ""}</title>'
            f'<rect x="0" y="0" width="100" height="12"></rect></svg>')
        rows.append({"topic": topic, "svg": svg, "percent": percent, "answered": answered})
    return rows


def _village_name(hub, loaded: LoadedSurvey, village_id: str) -> str:
    unit = hub.unit(loaded.unit)
    village = unit.village(village_id) if unit else None
    return village.name if village else village_id


def survey_page(hub, loaded: LoadedSurvey) -> GeneratedPage:
    survey = loaded.survey
    src_uri = page_source(urls.survey(survey.id))
    unit = hub.unit(loaded.unit)
    topics = []
    for topic in sorted(survey.topics, key=lambda t: (-t.total, t.name)):
        classes = [(c.item.name, relative(src_uri, c.url)) for c in loaded.classes.get(topic.id, [])]
        topics.append({"topic": topic, "classes": classes,
                       "villages": [(_village_name(hub, loaded, a.village), a.count) for a in topic.asked]})
    request = request_url(hub, loaded.unit)
    html = render(
        "survey_page.html", survey=survey, topics=topics, chart=chart_rows(loaded),
        sample=survey.sample or bool(unit and unit.sample),
        unit=(unit_label(unit), relative(src_uri, unit_urls(unit.id).home())) if unit and hub.config.multi else None,
        citations=[(c.label(), relative(src_uri, c.url)) for c in loaded.citations],
        request=request[0] if request else None,
        request_owner=unit_label(request[1]) if request and request[1].id != loaded.unit else None,
        note_html=markdown_html(survey.note) if survey.note else "",
        back_href=relative(src_uri, urls.surveys_index()),
        answered=sum(1 for t in topics if t["classes"]),
    )
    description = f"Kết quả khảo sát nhu cầu học tập ngày {survey.date:%d/%m/%Y}: {len(survey.topics)} chủ đề."
    return GeneratedPage(src_uri, survey.title, html, description, {"hoctap_kind": "survey"},
                         source=hub.source_of(loaded.path))


def _listing_pages(hub, scope, items: list[LoadedSurvey]) -> list[GeneratedPage]:
    chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
    pages = []
    name = scope.unit.name if scope.unit is not None and not scope.is_root else None
    for n, chunk in enumerate(chunks, start=1):
        src_uri = page_source(scope.urls.surveys_index(n))
        rows = []
        for loaded in chunk:
            unit = hub.unit(loaded.unit)
            rows.append({"loaded": loaded, "href": relative(src_uri, urls.survey(loaded.survey.id)),
                         "unit": unit_label(unit) if unit and hub.config.multi else "",
                         "sample": loaded.survey.sample or bool(unit and unit.sample),
                         "answered": sum(1 for t in loaded.survey.topics if loaded.classes.get(t.id))})
        pager = [(i, relative(src_uri, scope.urls.surveys_index(i)), i == n)
                 for i in range(1, len(chunks) + 1)] if len(chunks) > 1 else []
        request = request_url(hub, scope.unit.id) if scope.unit is not None else None
        html = render("survey_list.html", rows=rows, pager=pager, title=_title(name),
                      unit_filter=hub.unit_filter(src_uri, Urls.surveys_index, scope) if n == 1 else [],
                      request=request[0] if request else None)
        pages.append(GeneratedPage(src_uri, _title(name) + (f" – trang {n}" if n > 1 else ""), html,
                                   "Kết quả khảo sát nhu cầu học tập của người dân và các lớp đã mở theo đó.",
                                   {"hoctap_kind": "survey-list"}))
    return pages


def _title(unit_name: str | None) -> str:
    return "Khảo sát nhu cầu học tập" + (f" – {unit_name}" if unit_name else "")


def render_surveys(hub) -> Outputs:
    out = Outputs()
    index = surveys_of(hub)
    for loaded in index.surveys:
        out.pages.append(survey_page(hub, loaded))
    for scope in hub.scopes():
        items = [s for s in index.surveys if scope.is_root or scope.has(s.unit)]
        out.pages.extend(_listing_pages(hub, scope, items))
    return out


def search_entries(hub) -> list:
    """One search entry per survey of learning needs, its topics as keywords."""
    return [search.Entry(
        title=loaded.survey.title, type="khảo sát", url=urls.survey(loaded.survey.id),
        date=short_date(loaded.survey.date), keywords=search.search_join(*(t.name for t in loaded.survey.topics)),
        summary=search.shorten(search.plain(loaded.survey.note)),
        group=search.group_of(hub, loaded.path))
        for loaded in surveys_of(hub).surveys]
