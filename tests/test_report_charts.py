"""Charts and the one-page summary of the yearly reports (issue #15, point 4).

The fixture is the hand-counted project of tests/test_held_reports.py (its docstring gives every
figure), with two hostile labels: the category "hội thi" renamed and a village added whose name
holds markup, and the hand-counted "Hội thi mẫu" (10/02, 50 people) moved to that village. So, for
2026 (build day 21/04/2026):

  month       held  unreported  upcoming  participants
  January       1        0          0          80      (screening 03/01)
  February      1        2          0          50      (contest 10/02; screening 07/02, festival 17/02)
  March         2        1          0          20      (screening 07/03 without a count, family day 28/03; exhibition 05/03)
  April         1        1          0          30      (reading day 20/04; screening 04/04)
  May           0        0          1           0      (screening 02/05)
  June          0        0          2           0      (screening 06/06, sports day 01/06)
  other months  0

  by category: Chiếu phim 2, <hostile> 1, Ngày kỷ niệm 1, Đọc sách 1
  by village:  Toàn xã 4, <hostile> 1

The SVG is cut out of the page's raw bytes and parsed with an XML parser (defusedxml), so a label
that was not escaped breaks the parse or shows up as an element; the tables are read with
BeautifulSoup; the summary is printed to PDF by Chromium and read back with pypdf."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from pypdf import PdfReader

from conftest import mkdocs_build
from hoctap.core.urls import Urls, urls
from test_held_reports import make_fixture
from units_fixture import DISTRICT, SAMPLES, VIENG_LAN

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_CATEGORY = '<script>alert("x")</script> & Hội thi'
HOSTILE_VILLAGE = "Bản <b>Lán</b> & <img src=x onerror=alert(1)>"

HELD = {1: 1, 2: 1, 3: 2, 4: 1}
UNREPORTED = {2: 2, 3: 1, 4: 1}
UPCOMING = {5: 1, 6: 2}
PARTICIPANTS = {1: 80, 2: 50, 3: 20, 4: 30}
BY_CATEGORY = {"Chiếu phim": 2, HOSTILE_CATEGORY: 1, "Ngày kỷ niệm": 1, "Đọc sách": 1}
BY_VILLAGE = {"Toàn xã": 4, HOSTILE_VILLAGE: 1}


def _hostile_fixture(dest: Path) -> Path:
    project = make_fixture(dest)
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    options = next(p["hoctap"] for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    next(c for c in options["the_loai"] if c["ma"] == "hoi-thi")["ten"] = HOSTILE_CATEGORY
    options["don_vi"]["ban"].append({"ma": "ban-xau", "ten": HOSTILE_VILLAGE})
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    events = project / "events" / "hoat-dong.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("    the_loai: hoi-thi\n    to_chuc: trung-tam\n",
                        "    the_loai: hoi-thi\n    to_chuc: trung-tam\n    ban: ban-xau\n", 1)
    assert "ban: ban-xau" in text
    events.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = _hostile_fixture(tmp_path_factory.mktemp("charts") / "project")
    out = tmp_path_factory.mktemp("charts-site")
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _raw(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def svg_of(html: str, ident: str):
    """The chart ``ident`` cut from the page's text and parsed as XML."""
    match = re.search(r'<svg [^>]*data-chart="%s".*?</svg>' % re.escape(ident), html, re.S)
    assert match, ident
    return ElementTree.fromstring(match.group(0))


def rows_of(svg) -> list:
    return [g for g in svg.iter(f"{SVG}g") if "hoctap-svgchart__row" in g.get("class", "").split()]


def segments(row, series: str | None = None) -> list:
    return [r for r in row.iter(f"{SVG}rect") if series is None or r.get("data-series") == series]


def text_of(element) -> str:
    return "".join(element.itertext())


def _check_accessible_name(svg) -> None:
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert text_of(title).strip() and text_of(desc).strip()
    assert svg.get("viewBox").startswith("0 0 ")
    assert svg.get("style") is None and not any(e.get("style") for e in svg.iter())   # CSP-friendly: classes only


def _proportional(pairs: list[tuple[float, int]]) -> None:
    """Every bar's length divided by its figure is one scale."""
    assert pairs
    scales = {round(length / value, 1) for length, value in pairs}
    assert len(scales) == 1, pairs


def test_month_chart_bars_follow_the_hand_count(site):
    svg = svg_of(_raw(site, urls.report(2026)), "bieu-do-thang")
    _check_accessible_name(svg)
    assert "2026" in text_of(svg.find(f"{SVG}title"))
    rows = rows_of(svg)
    assert len(rows) == 12
    pairs = []
    for month, row in enumerate(rows, start=1):
        expected = {"held": HELD.get(month, 0), "unreported": UNREPORTED.get(month, 0),
                    "upcoming": UPCOMING.get(month, 0)}
        for series, value in expected.items():
            found = segments(row, series)
            assert len(found) == (1 if value else 0), (month, series)
            if value:
                assert int(found[0].get("data-value")) == value
                pairs.append((float(found[0].get("width")), value))
        # The figures are printed beside the bar, in words (meaning not by colour alone).
        label = text_of(row.find(f"{SVG}text"))
        assert label.startswith(f"Tháng {month}:")
        for series, word in (("held", "đã tổ chức"), ("unreported", "chưa báo cáo"), ("upcoming", "sắp tới")):
            if expected[series]:
                assert f"{expected[series]} {word}" in label, label
    _proportional(pairs)
    # The description spells out the figures too.
    assert "Tháng 3: 2 đã tổ chức, 1 chưa báo cáo" in text_of(svg.find(f"{SVG}desc"))


def test_participants_chart_columns_follow_the_hand_count(site):
    svg = svg_of(_raw(site, urls.report(2026)), "bieu-do-nguoi")
    _check_accessible_name(svg)
    rows = rows_of(svg)
    assert [int(g.get("data-total")) for g in rows] == [PARTICIPANTS.get(m, 0) for m in range(1, 13)]
    _proportional([(float(segments(g)[0].get("height")), PARTICIPANTS[m])
                   for m, g in enumerate(rows, start=1) if m in PARTICIPANTS])
    assert all(not segments(g) for m, g in enumerate(rows, start=1) if m not in PARTICIPANTS)


@pytest.mark.parametrize("ident, expected", [("bieu-do-the-loai", BY_CATEGORY), ("bieu-do-ban", BY_VILLAGE)])
def test_category_and_village_charts_escape_content_labels(site, ident, expected):
    svg = svg_of(_raw(site, urls.report(2026)), ident)        # parses: every label was escaped
    _check_accessible_name(svg)
    assert not svg.findall(f".//{SVG}script") and not svg.findall(".//script") and not svg.findall(".//img")
    rows = rows_of(svg)
    assert {g.get("data-label"): int(g.get("data-total")) for g in rows} == expected
    assert len(rows) == len(expected)
    _proportional([(float(segments(g)[0].get("width")), int(g.get("data-total"))) for g in rows])
    for g in rows:
        assert text_of(g.find(f"{SVG}text")).endswith(f": {g.get('data-total')}")
    hostile = HOSTILE_CATEGORY if ident == "bieu-do-the-loai" else HOSTILE_VILLAGE
    assert hostile in text_of(svg.find(f"{SVG}desc"))


def test_tables_hold_the_same_figures_as_the_charts(site):
    page = BeautifulSoup(_raw(site, urls.report(2026)), "html.parser")
    assert page.find("script", string=re.compile("alert")) is None and page.find("img", src="x") is None
    months = page.select_one('table[data-table="thang"]')
    got = {int(tr["data-month"]): tuple(int(tr.select_one(f'[data-field="{f}"]').get_text())
                                        for f in ("held", "unreported", "upcoming", "participants"))
           for tr in months.select("tbody tr")}
    assert got == {m: (HELD.get(m, 0), UNREPORTED.get(m, 0), UPCOMING.get(m, 0), PARTICIPANTS.get(m, 0))
                   for m in range(1, 13)}
    for key, expected in (("the-loai", BY_CATEGORY), ("ban", BY_VILLAGE)):
        table = page.select_one(f'table[data-table="{key}"]')
        assert {tr.th.get_text(): int(tr.td.get_text()) for tr in table.select("tbody tr")} == expected
        # The chart's caption links its table.
        figure = page.select_one(f'figure[data-chart-for="bang-{key}"]')
        assert figure.figcaption.a["href"] == f"#bang-{key}" and table["id"] == f"bang-{key}"
    for figure in page.select('figure[data-chart-for="bang-theo-thang"]'):
        assert figure.figcaption.a["href"] == "#bang-theo-thang"
    assert page.select_one("details#bang-theo-thang table") is months


def test_charts_are_deterministic_and_self_contained(site):
    html = _raw(site, urls.report(2026))
    charts = re.findall(r"<svg [^>]*data-chart=.*?</svg>", html, re.S)
    assert len(charts) == 4
    for chart in charts:
        assert "http://" not in chart.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in chart and "<script" not in chart.lower() and "style=" not in chart


# -- the one-page summary ---------------------------------------------------------------------

def test_report_page_links_its_summary(site):
    page = BeautifulSoup(_raw(site, urls.report(2026)), "html.parser")
    link = page.select_one(".hoctap-report__sheet a")
    assert "A4" in link.get_text()
    target = (site / urls.report(2026)).parent / link["href"]
    assert target.resolve() == (site / urls.report_sheet(2026)).resolve()


def test_summary_holds_the_hand_counted_figures(site):
    page = BeautifulSoup(_raw(site, urls.report_sheet(2026)), "html.parser")
    sheet = page.select_one(".hoctap-sheet")
    field = lambda f: sheet.select_one(f'table[data-table="so-lieu"] [data-field="{f}"]').get_text(strip=True)
    assert [field(f) for f in ("scheduled", "held", "unreported", "upcoming", "cancelled", "participants",
                               "routine-held")] == ["12", "5", "4", "3", "1", "180", "7"]
    assert {tr.th.get_text(): int(tr.td.get_text()) for tr in sheet.select('table[data-table="the-loai"] tr')} \
        == BY_CATEGORY
    verdicts = {tr["data-target"]: tr.select_one('[data-field="status"]').get_text(strip=True)
                for tr in sheet.select("tr[data-target]")}
    assert verdicts == {"f-trung-tam": "Đạt", "f-chieu-phim": "Còn thiếu 4"}
    milestones = {tr["data-milestone"]: tr.select_one('[data-field="state"]').get_text(strip=True)
                  for tr in sheet.select("tr[data-milestone]")}
    assert milestones == {"moc-vieng-lan-han-quy-2026": "Quá hạn, chưa có văn bản",
                          "moc-vieng-lan-bao-cao-2026": "Đã có văn bản"}
    # The data date is the latest held record (20/04/2026, the reading day), not the build day.
    assert "Thứ Hai, 20/04/2026" in sheet.select_one('[data-field="data-date"]').get_text()
    svg = svg_of(_raw(site, urls.report_sheet(2026)), "tom-tat-thang")
    _check_accessible_name(svg)
    assert [int(g.get("data-total")) for g in rows_of(svg)] == [HELD.get(m, 0) for m in range(1, 13)]
    assert sheet.select_one("[data-sample]") is None             # not a sample unit


# -- printing the summary: the shipped hub, every unit and the hub itself -----------------------

def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _sheets(built_site: Path) -> dict[str, tuple]:
    """path -> (the name it must print, the 2026 figures of the report's JSON, sample unit)."""
    out = {}
    for u, sample in [(urls, False), (Urls(f"don-vi/{VIENG_LAN}/"), False), (Urls(f"don-vi/{DISTRICT}/"), False)] \
            + [(Urls(f"don-vi/{s}/"), True) for s in SAMPLES]:
        data = json.loads((built_site / u.report_summary()).read_text(encoding="utf-8"))
        out[u.report_sheet(2026)] = (data["don_vi"], next(y for y in data["nam"] if y["nam"] == 2026), sample)
    return out


def test_every_summary_of_the_hub_prints_on_one_a4_page(browser, served_site, built_site, tmp_path):
    sheets = _sheets(built_site)
    assert len(sheets) == 6
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        for path, (name, year, sample) in sheets.items():
            page = context.new_page()
            page.goto(served_site + path, wait_until="networkidle")
            pdf = tmp_path / (path.replace("/", "_") + ".pdf")
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
            page.close()
            reader = PdfReader(str(pdf))
            assert len(reader.pages) == 1, f"{path}: {len(reader.pages)} pages"
            sheet = reader.pages[0]
            assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == (595, 842)
            text = _squeeze(sheet.extract_text())
            assert _squeeze(name) in text, path
            held = year["hoat_dong_da_to_chuc"]
            assert _squeeze(f"Đã tổ chức (có báo cáo){held}") in text, path
            assert (_squeeze("Dữ liệu mẫu") in text) == sample, path
            assert _squeeze("Tìm kiếm") not in text and _squeeze("← Báo cáo") not in text
    finally:
        context.close()
