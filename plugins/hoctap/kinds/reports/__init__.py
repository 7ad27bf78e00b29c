"""Yearly reports of the programme from the calendar's occurrences: pages, CSV, JSON. No
content files of their own; targets (``chi_tieu``) live in mkdocs.yml."""

from __future__ import annotations

from ...site.registry import Kind
from .pages import check_targets, render_reports, report_summary_block

REPORTS = Kind(
    name="bao-cao", label="Báo cáo",
    load=check_targets,
    blocks={"bao-cao-tom-tat": report_summary_block},
    outputs=render_reports,
    requires=("ke-hoach", "su-kien"),
)
