"""Survey pages: one page per survey (facts, an inline SVG chart made at build time, the table it
stands for, the classes that answered each topic, the unit's "đề nghị mở lớp" link) and the
listings of the hub and of each unit's section (paginated, newest first)."""

from __future__ import annotations

from markupsafe import Markup, escape

from ...core.outputs import GeneratedPage, Outputs
from ...core.render import markdown_html, render
from ...core.urls import Urls, page_source, relative, urls
from ...site.units import unit_label, unit_urls
from .model import LoadedSurvey, request_url, surveys_of

PER_PAGE = 20

# The chart's geometry, in the SVG's own units (it scales to the width of the page).
CHART_WIDTH = 640
LABEL_HEIGHT = 20
BAR_HEIGHT = 18
ROW_GAP = 14
PAD = 8
VALUE_ROOM = 64


def chart_svg(loaded: LoadedSurvey) -> Markup:
    """A horizontal bar chart of the residents asking for each topic (all villages together):
    ``role="img"`` with a ``<title>`` and ``<desc>``; the table below the chart is its text
    alternative. Made here, at build time: no script, no request."""
    survey = loaded.survey
    topics = sorted(survey.topics, key=lambda t: (-t.total, t.name))
    top = max((t.total for t in topics), default=0) or 1
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = PAD * 2 + row * len(topics)
    usable = CHART_WIDTH - 2 * PAD - VALUE_ROOM
    ident = f"bieu-do-{survey.id}"
    title = f"Biểu đồ: số người đề nghị theo chủ đề — {survey.title}"
    desc = "; ".join(f"{t.name}: {t.total} người" for t in topics)
    parts = [f'<svg class="hoctap-chart" role="img" aria-labelledby="{ident}-tieu-de {ident}-mo-ta" '
             f'viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}-tieu-de">{escape(title)}</title>',
             f'<desc id="{ident}-mo-ta">{escape(desc)}</desc>']
    for i, topic in enumerate(topics):
        y = PAD + i * row
        width = round(usable * topic.total / top) if topic.total else 0
        answered = " hoctap-chart__bar--co-lop" if loaded.classes.get(topic.id) else ""
        parts.append(f'<g data-topic="{escape(topic.id)}" data-total="{topic.total}">'
                     f'<text class="hoctap-chart__label" x="{PAD}" y="{y + LABEL_HEIGHT - 5}">{escape(topic.name)}</text>'
                     f'<rect class="hoctap-chart__bar{answered}" x="{PAD}" y="{y + LABEL_HEIGHT}" '
                     f'width="{max(width, 2)}" height="{BAR_HEIGHT}"></rect>'
                     f'<text class="hoctap-chart__value" x="{PAD + max(width, 2) + 6}" '
                     f'y="{y + LABEL_HEIGHT + BAR_HEIGHT - 4}">{topic.total}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


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
        "survey_page.html", survey=survey, topics=topics, chart=chart_svg(loaded),
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
