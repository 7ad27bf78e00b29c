"""Report renderers: yearly statistics pages, CSV of activities, JSON summary."""

from __future__ import annotations

import csv
import io
import json
from functools import partial

from ..events.pages import when_label
from ...site import rules
from ...site.hub import Hub
from ...core import paging
from ...core.outputs import GeneratedFile, GeneratedPage, Outputs
from ..events import held
from ..events.model import ORGANISERS
from ..events import milestones
from .model import YearReport, _whole, reports
from . import charts
from ..events.pages import scope_calendar
from ...site.units import unit_label
from ...core.render import render
from ...core.urls import Urls, absolute, page_source, relative, urls

REPORT_ROWS = 20          # activities on the year's report page; the full list is on its own pages
ACTIVITY_PAGE_SIZE = 50   # activities on one page of the full list


def _activity_rows(hub: Hub, report: YearReport) -> list[dict]:
    rows = []
    for occ in report.activities:
        src = occ.event.source
        category = hub.config.category(src.category)
        unit = hub.unit(hub.unit_of(occ.event.path))
        village = unit.village(src.village) if src.village and unit else None
        location = occ.effective_location
        state = report.status(occ)
        record = held.record_for(occ, hub.today)
        rows.append({
            "ngay": occ.start_day.isoformat(),
            "thoi_gian": when_label(occ),
            "hoat_dong": src.title,
            "the_loai": category.name if category else src.category,
            "to_chuc": ORGANISERS[src.organiser],
            "ban": village.name if village else _whole(hub.config, unit),
            "dia_diem": location.label() if location else "",
            "tinh_trang": held.LABELS[state],
            "ngay_to_chuc": record.day.isoformat() if record else "",
            "so_nguoi_tham_gia": "" if record is None or record.participants is None else record.participants,
            "ke_hoach": "; ".join(src.plan_refs),
            "url": absolute(hub.site_url, occ.event.url),
            "path": occ.event.url,
            "state": state,
        })
    return rows


# Formula injection (CWE-1236). OWASP, "CSV Injection"
# (https://owasp.org/www-community/attacks/CSV_Injection): no cell may begin with = + - @, tab or
# carriage return; a single quote put before such a cell makes the spreadsheet read it as text.
# ASVS 5.0 (1.2.10) adds the NUL character. We also look past leading whitespace (some
# spreadsheets trim it before reading a cell) and treat a line feed like a carriage return.
# The csv module quotes separators and quotes (RFC 4180), so a cell cannot open another one.
# Only text is neutralised: numbers (the attendance column) stay numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def csv_cell(value):
    """A value safe to open in Excel, LibreOffice or Google Sheets."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    fields = ["ngay", "thoi_gian", "hoat_dong", "the_loai", "to_chuc", "ban", "dia_diem", "tinh_trang",
              "ngay_to_chuc", "so_nguoi_tham_gia", "ke_hoach", "url"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def _summary(report: YearReport) -> dict:
    return {
        "nam": report.year,
        "da_tron_nam": report.complete,
        "hoat_dong_theo_lich": report.scheduled,
        "hoat_dong_da_to_chuc": report.held,
        "hoat_dong_chua_bao_cao": report.unreported,
        "hoat_dong_sap_toi": report.upcoming,
        "hoat_dong_bi_huy": report.cancelled,
        "ngay_ky_niem": report.days,
        "ngay_ky_niem_co_hoat_dong": report.days_marked,
        "buoi_sinh_hoat_theo_lich": report.routine_scheduled,
        "buoi_sinh_hoat_da_ghi": report.routine_held,
        "luot_tham_gia_sinh_hoat": report.routine_attendance,
        "thang_sinh_hoat_chua_bao_cao": report.routine_unreported_months,
        "nguoi_tham_gia": report.participants,
        "hoat_dong_chua_ghi_so_nguoi": report.without_participants,
        "theo_the_loai": dict(sorted(report.by_category.items())),
        "theo_don_vi_to_chuc": dict(sorted(report.by_organiser.items())),
        "theo_ban": dict(sorted(report.by_village.items())),
        "theo_muc_ke_hoach": dict(sorted(report.by_plan_section.items())),
        "chi_tieu": [{"ma": t.target.id, "ten": t.target.name, "toi_thieu": t.target.minimum,
                      "to_chuc": list(t.target.organisers),
                      "da_to_chuc": t.done, "chua_bao_cao": t.unreported, "theo_lich": t.count,
                      "dat": t.met} for t in report.targets],
        "moc": [m.summary() for m in report.milestones],
    }


MONTH_SERIES = (charts.Series(held.HELD, "đã tổ chức", "tô đặc"),
                charts.Series(held.UNREPORTED, "chưa báo cáo", "gạch chéo"),
                charts.Series(held.UPCOMING, "sắp tới", "chỉ có viền"))
COUNT = (charts.Series("value", ""),)


def _ranked(counter) -> list[tuple[str, int]]:
    """Largest first, then by name: one order for the chart, its table and every build."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def month_rows(report: YearReport) -> list[dict]:
    """The table of the monthly charts: activities by state and recorded participants per month."""
    return [{"month": m, "held": report.month(m, held.HELD), "unreported": report.month(m, held.UNREPORTED),
             "upcoming": report.month(m, held.UPCOMING), "participants": report.participants_by_month[m]}
            for m in range(1, 13)]


def month_chart(report: YearReport, ident: str) -> charts.Chart:
    """Activities per month: held, unreported and (in a year not over) upcoming."""
    series = MONTH_SERIES if not report.complete else MONTH_SERIES[:2]
    rows = [charts.Row(f"Tháng {m['month']}", tuple(m[s.key] for s in series)) for m in month_rows(report)]
    return charts.bar_chart(ident, f"Hoạt động theo lịch từng tháng năm {report.year}", rows, series)


def _month_columns(report: YearReport, ident: str, title: str, field: str, unit: str = "") -> charts.Chart:
    months = month_rows(report)
    return charts.column_chart(ident, title, [charts.Row(f"T{m['month']}", (m[field],)) for m in months],
                               [f"Tháng {m['month']}" for m in months], unit)


def held_month_chart(report: YearReport, ident: str) -> charts.Chart:
    """Held activities per month, as columns: the small chart of the one-page summary."""
    return _month_columns(report, ident, f"Hoạt động đã tổ chức từng tháng năm {report.year}", "held",
                          "hoạt động đã tổ chức")


def report_charts(report: YearReport) -> dict:
    """The charts of a year's report page, each with the rows of the table that carries its figures."""
    categories = _ranked(report.by_category)
    villages = _ranked(report.by_village)
    return {
        "months": month_rows(report), "categories": categories, "villages": villages,
        "month": month_chart(report, "bieu-do-thang"),
        "participants": _month_columns(
            report, "bieu-do-nguoi", f"Người tham gia các hoạt động đã tổ chức, từng tháng năm {report.year}",
            "participants", "người tham gia"),
        "category": charts.bar_chart("bieu-do-the-loai", f"Hoạt động đã tổ chức theo thể loại năm {report.year}",
                                     [charts.Row(name, (n,)) for name, n in categories], COUNT),
        "village": charts.bar_chart("bieu-do-ban", f"Hoạt động đã tổ chức theo bản năm {report.year}",
                                    [charts.Row(name, (n,)) for name, n in villages], COUNT),
    }


def _target_view(hub: Hub, report: YearReport, src_uri: str) -> list[dict]:
    views = []
    for result in report.targets:
        cite = None
        cited = rules.cite(hub.plans, result.target.plan_ref) if result.target.plan_ref else None
        if cited is not None and not isinstance(cited, str):
            cite = (cited.label(section_title=False), relative(src_uri, cited.url))
        owner = result.owner
        source = ""
        if hub.config.multi and owner is not None and result.target.applies_to == "don_vi_con":
            source = f"Chỉ tiêu {unit_label(owner)} đặt cho các đơn vị con"
        views.append({"result": result, "cite": cite, "source": source})
    return views


def scope_reports(hub: Hub, scope) -> list[YearReport]:
    """The yearly reports of a scope: the hub's (with the one unit's targets in a hub of one) or a
    unit's section (its and its descendants' activities; its targets count its own activities)."""
    key = ("reports", scope.urls.prefix)
    if key not in hub.extras:
        cal = scope_calendar(hub, scope)
        if scope.unit is None:
            kwargs = {"targets": []}
        else:
            kwargs = {"targets": hub.config.targets_for(scope.unit.id),
                      "own": scope.unit.id if hub.config.multi else None}
        kwargs["routine_months"] = routine_months(hub, scope)
        result = reports(cal, hub.config, hub.plans, hub.today, unit_of=hub.unit_of,
                         first_year=hub.calendar.first_day.year, **kwargs)
        unit_ids = (hub.config.descendants(scope.unit.id) if scope.unit is not None
                    else [u.id for u in hub.config.units])
        due = [m for uid in unit_ids for m in milestones.instances(hub.config, uid)]
        for report in result:
            report.milestones = [MilestoneView(m, hub) for m in due if m.year == report.year]
        hub.extras[key] = result
    return hub.extras[key]


class MilestoneView:
    """A milestone instance as the report pages and the JSON show it."""

    def __init__(self, instance, hub: Hub):
        self.instance = instance
        self.state = instance.state(hub.today)
        self.label = milestones.STATE_LABELS[self.state]
        self.document = hub.plans.get(instance.document) if instance.document else None
        self.event_url = urls.event(instance.id)

    def summary(self) -> dict:
        m = self.instance
        return {"ma": m.milestone.id, "ten": m.milestone.name, "don_vi": m.unit.id, "nam": m.year,
                "han": m.due.isoformat(), "ke_hoach": m.milestone.plan_ref, "tinh_trang": self.label,
                "van_ban": m.document}


def routine_months(hub: Hub, scope) -> list:
    """The clubs' and classes' monthly records in a scope (none when clubs are not loaded)."""
    index = hub.extras.get("clubs")
    if index is None:
        return []
    keep = None if scope.unit is None else set(hub.config.descendants(scope.unit.id))
    return [m for listing in index.listings
            if keep is None or hub.unit_of(listing.path) in keep
            for m in held.monthly(listing, hub.calendar, hub.today)]


def _children(hub: Hub, scope, year: int, src_uri: str) -> list[dict]:
    """A parent's table: one row per child unit (with its descendants), linking to its report."""
    if not hub.config.multi:
        return []
    from ...site.units import unit_scope
    children = (hub.config.children(scope.unit.id) if scope.unit is not None
                else [u for u in hub.config.units if hub.config.unit_by_id(u.parent) is None])
    rows = []
    for child in children:
        child_scope = unit_scope(hub.config, child)
        report = next(r for r in scope_reports(hub, child_scope) if r.year == year)
        rows.append({"unit": child, "label": unit_label(child), "report": report,
                     "href": relative(src_uri, child_scope.urls.report(year))})
    return rows


def render_reports(hub: Hub) -> Outputs:
    out = Outputs()
    for scope in hub.scopes():
        out.extend(_scope_reports(hub, scope))
    return out


def _scope_reports(hub: Hub, scope) -> Outputs:
    out = Outputs()
    u = scope.urls
    index = page_source(u.reports_index())
    all_reports = scope_reports(hub, scope)
    for report in all_reports:
        src_uri = page_source(u.report(report.year))
        rows = _activity_rows(hub, report)

        def html(report=report, rows=rows, src_uri=src_uri):
            return render("report_year.html", report=report, rows=rows[:REPORT_ROWS], total=len(rows),
                          page_size=ACTIVITY_PAGE_SIZE, today=hub.today,
                          list_href=relative(src_uri, u.report_activities(report.year)),
                          charts=report_charts(report),
                          targets=_target_view(hub, report, src_uri),
                          csv_href=relative(src_uri, u.report(report.year, "csv")),
                          index_href=relative(src_uri, u.reports_index()),
                          children=_children(hub, scope, report.year, src_uri),
                          sample=scope.unit is not None and scope.unit.sample, multi=hub.config.multi,
                          honours=_honours(hub, scope, report.year),
                          honours_href=relative(src_uri, urls.honours_year(report.year)),
                          sheet_href=relative(src_uri, u.report_sheet(report.year)),
                          link=lambda path, s=src_uri: relative(s, path))
        title = f"Báo cáo hoạt động năm {report.year}" + ("" if scope.is_root else f" – {scope.unit.name}")
        out.pages.append(GeneratedPage(src_uri, title, html,
                                       f"{report.held} hoạt động đã tổ chức năm {report.year}."))
        out.files.append(GeneratedFile(u.report(report.year, "csv"), partial(_csv, rows)))
        out.pages.extend(_activity_pages(hub, scope, report, rows))
        out.pages.append(_sheet_page(hub, scope, report))
    name = scope.unit.name if scope.unit is not None else hub.site_name
    summary = {"don_vi": name, "ngay_lap": hub.today.isoformat(),
               "nam": [_summary(r) for r in all_reports]}
    if hub.config.multi:
        summary["ma_don_vi"] = scope.unit.id if scope.unit is not None else None
        summary["don_vi_con"] = [{"ma": row["unit"].id, "ten": row["unit"].name, "mau": row["unit"].sample,
                                  "nam": [_summary(r) for r in scope_reports(hub, _unit_scope(hub, row["unit"]))]}
                                 for row in _children(hub, scope, hub.today.year, index)]
    out.files.append(GeneratedFile(u.report_summary(),
                                   (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode("utf-8")))

    def html():
        return render("report_index.html", reports=all_reports, today=hub.today,
                      links=[relative(index, u.report(r.year)) for r in all_reports],
                      json_href=relative(index, u.report_summary()),
                      unit_filter=hub.unit_filter(index, Urls.reports_index, scope),
                      children=_children(hub, scope, hub.today.year, index),
                      sample=scope.unit is not None and scope.unit.sample)
    title = "Báo cáo thực hiện Chương trình" + ("" if scope.is_root else f" – {scope.unit.name}")
    out.pages.append(GeneratedPage(index, title, html,
                                   "Số hoạt động mỗi năm và mức đạt các chỉ tiêu của kế hoạch."))
    return out


def _activity_pages(hub: Hub, scope, report: YearReport, rows: list[dict]) -> list[GeneratedPage]:
    """The full list of a year's activities, ACTIVITY_PAGE_SIZE a page, in the order of the CSV:
    the report page stays small however many activities the year has."""
    u = scope.urls
    name = None if scope.is_root else scope.unit.name
    pages = paging.chunks(rows, ACTIVITY_PAGE_SIZE)
    out = []
    for n, chunk in enumerate(pages, start=1):
        src_uri = page_source(u.report_activities(report.year, n))
        pager = paging.pager(src_uri, n, len(pages), lambda i: u.report_activities(report.year, i))
        first = (n - 1) * ACTIVITY_PAGE_SIZE + 1

        def html(n=n, chunk=chunk, src_uri=src_uri, pager=pager, first=first):
            return render("report_activities.html", report=report, rows=chunk, total=len(rows), pager=pager,
                          first=first, last=first + len(chunk) - 1, name=name,
                          sample=scope.unit is not None and scope.unit.sample,
                          report_href=relative(src_uri, u.report(report.year)),
                          csv_href=relative(src_uri, u.report(report.year, "csv")),
                          link=lambda path, s=src_uri: relative(s, path))
        title = f"Danh sách hoạt động năm {report.year}" + ("" if name is None else f" – {name}")
        if pager:
            title += f" – trang {n}/{len(pages)}"
        out.append(GeneratedPage(src_uri, title, html, f"{len(rows)} hoạt động theo lịch năm {report.year}."))
    return out


SHEET_CATEGORIES = 8      # rows of the one-page summary's category table; the rest in one row


def data_date(report: YearReport, today):
    """The day of the latest held record of the year's activities: what the figures stand on,
    read from the content (never the clock); None when nothing is recorded yet."""
    days = [record.day for occ in report.activities if report.status(occ) == held.HELD
            for record in [held.record_for(occ, today)] if record is not None]
    return max(days, default=None)


def _sheet_page(hub: Hub, scope, report: YearReport) -> GeneratedPage:
    """The one-page A4 summary of a year that staff attach to their report: key figures, the
    categories, target verdicts, milestones, one small chart."""
    u = scope.urls
    src_uri = page_source(u.report_sheet(report.year))
    categories = _ranked(report.by_category)
    if len(categories) > SHEET_CATEGORIES:
        rest = categories[SHEET_CATEGORIES - 1:]
        categories = categories[:SHEET_CATEGORIES - 1] + [(f"Các thể loại khác ({len(rest)})", sum(n for _, n in rest))]
    unit = scope.unit
    name = unit.name if unit is not None else hub.site_name

    def html():
        return render("report_sheet.html", report=report, name=name, unit=unit,
                      sample=unit is not None and unit.sample, categories=categories,
                      targets=_target_view(hub, report, src_uri), multi=hub.config.multi,
                      children=_children(hub, scope, report.year, src_uri),
                      chart=held_month_chart(report, "tom-tat-thang"),
                      data_day=data_date(report, hub.today),
                      report_href=relative(src_uri, u.report(report.year)),
                      report_url=absolute(hub.site_url, u.report(report.year)),
                      link=lambda path: relative(src_uri, path))
    title = f"Tóm tắt hoạt động năm {report.year} – {name}"
    return GeneratedPage(src_uri, title, html,
                         f"Bản tóm tắt một trang A4: {report.held} hoạt động đã tổ chức năm {report.year}.")


def _honours(hub: Hub, scope, year: int) -> dict | None:
    """Recognitions of the year in the scope, when the hub has an honour roll (kind vinh-danh:
    ``hub.extras["vinh-danh"].counts``); None when it has none that year."""
    index = hub.extras.get("vinh-danh")
    if index is None:
        return None
    counts = index.counts(year, scope.members)
    return counts if counts["tong"] else None


def _unit_scope(hub: Hub, unit):
    from ...site.units import unit_scope
    return unit_scope(hub.config, unit)


def report_summary_block(hub: Hub, src_uri: str) -> str:
    current = scope_reports(hub, hub.scope)[0]
    return render("report_summary.html", report=current, href=relative(src_uri, urls.reports_index()))


def check_targets(hub: Hub) -> None:
    """Targets name categories and plan sections: both must exist; in a hub of several units the
    plan belongs to the unit that declares the target (no unit is graded against another's plan)."""
    source = hub.paths.root / "mkdocs.yml"
    declared = [(f"chi_tieu[{i + 1}]", t, None) for i, t in enumerate(hub.config.targets)]
    key = "cac_don_vi" if hub.config.multi else "don_vi"
    for i, unit in enumerate(hub.config.units):
        prefix = f"{key}[{i + 1}]" if hub.config.multi else key
        declared += [(f"{prefix}.chi_tieu[{j + 1}]", t, unit) for j, t in enumerate(unit.targets)]
    for field, target, unit in declared:
        for category in target.categories:
            rules.check_category(hub.problems, source, None, hub.config, category, f"{field}.the_loai",
                                 suggest=False)
        if not target.plan_ref:
            continue
        cited = rules.check_citation(hub.problems, source, None, f"{field}.ke_hoach", hub.plans, target.plan_ref)
        if cited is not None and unit is not None and hub.config.multi:
            owner = hub.unit_of(cited.plan.source)
            if owner != unit.id:
                hub.problems.add(source, None, f"{field}.ke_hoach",
                                 f"Chỉ tiêu '{target.id}' của đơn vị '{unit.id}' dẫn kế hoạch '{cited.plan.id}' "
                                 f"của đơn vị '{owner}'.",
                                 "mỗi đơn vị chỉ được đánh giá theo kế hoạch của chính nó; khai báo chỉ tiêu ở "
                                 "đơn vị ban hành kế hoạch (ap_dung: don_vi_con cho các đơn vị con)")
