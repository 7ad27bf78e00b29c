"""Yearly reports, checked against the .ics feed expanded independently."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import icalendar
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup

from conftest import mkdocs_build

BUILD_DAY = date(2026, 4, 21)


def _ended_before(component, day: date) -> bool:
    """Over before ``day`` began: a timed end on an earlier day, or an all-day DTEND (exclusive) ≤ day."""
    end = component.end
    if isinstance(end, datetime):
        return end.date() < day
    return end <= day


def _activities_2026(site):
    """The year's instances from the subscription feed and the yearly archives (what ended more than
    90 days before the build day has left the feed for its year's archive)."""
    feeds = [site / "lich/lich.ics", *sorted((site / "lich/luu-tru").glob("*.ics"))]
    found = [ev for path in feeds
             for ev in recurring_ical_events.of(icalendar.Calendar.from_ical(path.read_bytes()))
             .between((2026, 1, 1), (2027, 1, 1))]
    out = []
    for ev in found:
        start = ev.start.date() if isinstance(ev.start, datetime) else ev.start
        if start.year != 2026 or ev.get("STATUS") == "CANCELLED":
            continue
        if str(ev["UID"]).startswith(("clb-", "lop-")):   # club and class sessions are counted apart
            continue
        out.append(ev)
    return out


@pytest.fixture(scope="module")
def built_site(one_unit_site):
    """These reports are those of a hub of ONE unit with a top-level target (the old layout);
    the shipped hub's reports per unit and per child are tested in test_units.py."""
    return one_unit_site


def test_json_summary_matches_the_feed(built_site):
    """Scheduled activities (held, unreported, upcoming) are the feed's instances of the year that
    are not club or class sessions, milestones or bare commemorative days (2026 has no record of a
    commemorative day in the sample); what is held is known only from the records."""
    data = json.loads((built_site / "bao-cao/thong-ke.json").read_text(encoding="utf-8"))
    year = next(y for y in data["nam"] if y["nam"] == 2026)
    activities = [e for e in _activities_2026(built_site)
                  if not str(e["UID"]).startswith("moc-") and "Ngày kỷ niệm" not in e.categories]
    done = [e for e in activities if _ended_before(e, BUILD_DAY)]
    assert year["hoat_dong_theo_lich"] == len(activities)
    # Past activities are held or unreported; one held on the build day itself (the book fair,
    # recorded on 21/04) is not yet over in the feed.
    assert year["hoat_dong_chua_bao_cao"] <= len(done) <= year["hoat_dong_da_to_chuc"] + year["hoat_dong_chua_bao_cao"]
    assert len(done) > 0
    assert year["hoat_dong_da_to_chuc"] + year["hoat_dong_chua_bao_cao"] + year["hoat_dong_sap_toi"] == len(activities)
    target = year["chi_tieu"][0]
    assert target["toi_thieu"] == 6 and target["to_chuc"] == ["trung-tam"]
    assert target["da_to_chuc"] <= target["theo_lich"] <= len(activities)
    assert target["dat"] == (target["da_to_chuc"] >= 6)


def test_csv_opens_in_excel_and_lists_every_activity(built_site):
    raw = (built_site / "bao-cao/2026.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((built_site / "bao-cao/thong-ke.json").read_text(encoding="utf-8"))
    assert len(rows) == next(y for y in data["nam"] if y["nam"] == 2026)["hoat_dong_theo_lich"]
    fair = next(r for r in rows if r["hoat_dong"] == "Hội sách và Ngày hội đọc sách của xã")
    assert fair["ngay"] == "2026-04-21" and fair["so_nguoi_tham_gia"] == "320"
    assert fair["tinh_trang"] == "Đã tổ chức" and fair["to_chuc"] == "Trung tâm"
    assert fair["url"] == "https://hoctap-vienglan.example.org/lich/su-kien/hoi-sach-2026.html"


def test_report_pages(built_site):
    page = BeautifulSoup((built_site / "bao-cao/2026.html").read_text(encoding="utf-8"), "html.parser")
    data = json.loads((built_site / "bao-cao/thong-ke.json").read_text(encoding="utf-8"))
    year = next(y for y in data["nam"] if y["nam"] == 2026)
    assert page.select_one('dd[data-field="held"]').get_text(strip=True) == str(year["hoat_dong_da_to_chuc"])
    row = page.select_one('tr[data-target="hoat-dong-trung-tam"]')
    status = row.select_one('[data-field="status"]').get_text(strip=True)
    assert status == ("Đạt" if year["chi_tieu"][0]["dat"] else f"Còn thiếu {6 - year['chi_tieu'][0]['da_to_chuc']}")
    cite = row.select_one("a")["href"]
    assert cite == "../ke-hoach/nang-cao-chat-luong-tt-vh-htcd-2021-2025.html#III.9"
    index = BeautifulSoup((built_site / "bao-cao/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [tr["data-year"] for tr in index.select("tr[data-year]")] == ["2026", "2025"]
    plans = BeautifulSoup((built_site / "ke-hoach/index.html").read_text(encoding="utf-8"), "html.parser")
    assert plans.select_one(".hoctap-report-summary a")["href"] == "../bao-cao/index.html"


def test_target_with_unknown_category_or_section_fails(project, tmp_path):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("the_loai: [hoi-thi, chieu-phim,", "the_loai: [hoi-thii, chieu-phim,")
    text = text.replace("2021-2025#III.9", "2021-2025#III.99")
    config.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "mkdocs.yml: chi_tieu[1].the_loai: Thể loại 'hoi-thii' không có trong danh sách" in output
    assert "mkdocs.yml: chi_tieu[1].ke_hoach: Kế hoạch 'nang-cao-chat-luong-tt-vh-htcd-2021-2025' không có mục III.99" in output
