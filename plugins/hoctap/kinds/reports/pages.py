"""Report renderers: yearly statistics pages, CSV of activities, JSON summary."""

from __future__ import annotations

import csv
import io
import json

from ..events.pages import when_label
from ...site import rules
from ...site.hub import Hub
from ...core.outputs import GeneratedFile, GeneratedPage, Outputs
from .model import YearReport, reports
from ...core.render import render
from ...core.urls import absolute, page_source, relative, urls

INDEX = page_source(urls.reports_index())


def _activity_rows(hub: Hub, report: YearReport) -> list[dict]:
    rows = []
    for occ in report.activities:
        src = occ.event.source
        category = hub.config.category(src.category)
        village = hub.config.unit.village(src.village) if src.village else None
        location = occ.effective_location
        rows.append({
            "ngay": occ.start_day.isoformat(),
            "thoi_gian": when_label(occ),
            "hoat_dong": src.title,
            "the_loai": category.name if category else src.category,
            "ban": village.name if village else "Toàn xã",
            "dia_diem": location.label() if location else "",
            "da_dien_ra": "có" if occ.end_day < hub.today else "chưa",
            "so_nguoi_tham_gia": "" if src.participants is None or src.recurrence else src.participants,
            "ke_hoach": "; ".join(src.plan_refs),
            "url": absolute(hub.site_url, occ.event.url),
            "path": occ.event.url,
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
    fields = ["ngay", "thoi_gian", "hoat_dong", "the_loai", "ban", "dia_diem", "da_dien_ra",
              "so_nguoi_tham_gia", "ke_hoach", "url"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def _summary(report: YearReport) -> dict:
    return {
        "nam": report.year,
        "da_tron_nam": report.complete,
        "hoat_dong_da_dien_ra": report.done,
        "hoat_dong_sap_toi": report.upcoming,
        "hoat_dong_bi_huy": report.cancelled,
        "buoi_sinh_hoat_clb_lop_hoc": report.routine_sessions,
        "nguoi_tham_gia": report.participants,
        "hoat_dong_chua_ghi_so_nguoi": report.without_participants,
        "theo_the_loai": dict(sorted(report.by_category.items())),
        "theo_ban": dict(sorted(report.by_village.items())),
        "theo_muc_ke_hoach": dict(sorted(report.by_plan_section.items())),
        "chi_tieu": [{"ma": t.target.id, "ten": t.target.name, "toi_thieu": t.target.minimum,
                      "da_dien_ra": t.done, "ca_nam": t.count, "dat": t.met} for t in report.targets],
    }


def _target_view(hub: Hub, report: YearReport, src_uri: str) -> list[dict]:
    views = []
    for result in report.targets:
        cite = None
        cited = rules.cite(hub.plans, result.target.plan_ref) if result.target.plan_ref else None
        if cited is not None and not isinstance(cited, str):
            cite = (cited.label(section_title=False), relative(src_uri, cited.url))
        views.append({"result": result, "cite": cite})
    return views


def render_reports(hub: Hub) -> Outputs:
    out = Outputs()
    all_reports = reports(hub.calendar, hub.config, hub.plans, hub.today)
    for report in all_reports:
        src_uri = page_source(urls.report(report.year))
        rows = _activity_rows(hub, report)
        html = render("report_year.html", report=report, rows=rows, today=hub.today,
                      targets=_target_view(hub, report, src_uri),
                      csv_href=relative(src_uri, urls.report(report.year, "csv")),
                      index_href=relative(src_uri, urls.reports_index()),
                      link=lambda path, s=src_uri: relative(s, path))
        out.pages.append(GeneratedPage(src_uri, f"Báo cáo hoạt động năm {report.year}", html,
                                       f"{report.done} hoạt động đã diễn ra năm {report.year}."))
        out.files.append(GeneratedFile(urls.report(report.year, "csv"), _csv(rows)))
    summary = {"don_vi": hub.config.unit.name, "ngay_lap": hub.today.isoformat(),
               "nam": [_summary(r) for r in all_reports]}
    out.files.append(GeneratedFile(urls.report_summary(),
                                   (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode("utf-8")))
    html = render("report_index.html", reports=all_reports, today=hub.today,
                  links=[relative(INDEX, urls.report(r.year)) for r in all_reports],
                  json_href=relative(INDEX, urls.report_summary()))
    out.pages.append(GeneratedPage(INDEX, "Báo cáo thực hiện Chương trình", html,
                                   "Số hoạt động mỗi năm và mức đạt các chỉ tiêu của kế hoạch."))
    return out


def report_summary_block(hub: Hub, src_uri: str) -> str:
    current = reports(hub.calendar, hub.config, hub.plans, hub.today)[0]
    return render("report_summary.html", report=current, href=relative(src_uri, urls.reports_index()))


def check_targets(hub: Hub) -> None:
    """Targets name categories and plan sections: both must exist."""
    source = hub.paths.root / "mkdocs.yml"
    for i, target in enumerate(hub.config.targets):
        field = f"chi_tieu[{i + 1}]"
        for category in target.categories:
            rules.check_category(hub.problems, source, None, hub.config, category, f"{field}.the_loai",
                                 suggest=False)
        if target.plan_ref:
            rules.check_citation(hub.problems, source, None, f"{field}.ke_hoach", hub.plans, target.plan_ref)
