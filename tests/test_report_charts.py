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

Every label and figure is page text; each bar or column is a small SVG, cut out of the page's raw
bytes and parsed with an XML parser (defusedxml), so a label that was not escaped in its title
breaks the parse or shows up as an element; the rows' text and the tables are read with
BeautifulSoup; Chromium lays the charts out at 360 and 1280 px; the summary is printed to PDF by Chromium and read back with pypdf."""

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


def chart_rows(html: str, ident: str) -> list[tuple]:
    """The rows (bars or columns) of the chart ``ident``, each cut from the page's raw text:
    (its ``<li>`` read by an HTML parser, its ``<svg>`` parsed as XML or None when it has none)."""
    match = re.search(r'<(ul|ol) class="hoctap-(?:bars|cols)" data-chart="%s"[^>]*>(.*?)</\1>' % re.escape(ident),
                      html, re.S)
    assert match, ident
    rows = []
    for raw in re.findall(r"<li [^>]*>.*?</li>", match.group(2), re.S):
        svgs = re.findall(r"<svg .*?</svg>", raw, re.S)
        assert len(svgs) <= 1, raw
        rows.append((BeautifulSoup(raw, "html.parser").li, ElementTree.fromstring(svgs[0]) if svgs else None))
    return rows


def segments(svg, series: str | None = None) -> list:
    return [] if svg is None else [r for r in svg.iter(f"{SVG}rect")
                                   if series is None or r.get("data-series") == series]


def text_of(element) -> str:
    return "".join(element.itertext())


def _check_mark(svg, title: str, desc: str | None = None) -> None:
    """A bar or column: an image named by its <title> (and described by its <desc>), no text drawn
    in it (every word is page text), no style attribute (CSP: classes only)."""
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == ids[0]
    assert text_of(svg.find(f"{SVG}title")) == title
    if desc is None:
        assert svg.find(f"{SVG}desc") is None and len(ids) == 1
    else:
        assert svg.find(f"{SVG}desc").get("id") == ids[1] and text_of(svg.find(f"{SVG}desc")) == desc
    assert not svg.findall(f".//{SVG}text") and not svg.findall(f".//{SVG}tspan")
    assert svg.get("viewBox").startswith("0 0 ")
    assert not any(e.get("style") for e in svg.iter())


def _proportional(pairs: list[tuple[float, int]]) -> None:
    """Every bar's length divided by its figure is one scale."""
    assert pairs
    scales = {round(length / value, 1) for length, value in pairs}
    assert len(scales) == 1, pairs


def test_month_chart_bars_follow_the_hand_count(site):
    html = _raw(site, urls.report(2026))
    rows = chart_rows(html, "bieu-do-thang")
    assert len(rows) == 12
    pairs, boxes = [], set()
    for month, (li, svg) in enumerate(rows, start=1):
        expected = {"held": HELD.get(month, 0), "unreported": UNREPORTED.get(month, 0),
                    "upcoming": UPCOMING.get(month, 0)}
        # The figures are page text beside the bar, in words (meaning not by colour alone).
        assert li.select_one(".hoctap-bars__label").get_text() == f"Tháng {month}"
        words = [f"{expected[s]} {w}" for s, w in (("held", "đã tổ chức"), ("unreported", "chưa báo cáo"),
                                                   ("upcoming", "sắp tới")) if expected[s]]
        assert li.select_one(".hoctap-bars__figures").get_text() == (", ".join(words) or "0")
        if not any(expected.values()):
            assert svg is None
            continue
        patterns = [f"phần {p}: {expected[s]} {w}" for s, p, w in (
            ("held", "tô đặc", "đã tổ chức"), ("unreported", "gạch chéo", "chưa báo cáo"),
            ("upcoming", "chỉ có viền", "sắp tới")) if expected[s]]
        desc = "; ".join(patterns) + "."
        _check_mark(svg, f"Tháng {month}: {', '.join(words)}", desc[0].upper() + desc[1:])
        boxes.add(svg.get("viewBox"))
        for series, value in expected.items():
            found = segments(svg, series)
            assert len(found) == (1 if value else 0), (month, series)
            if value:
                assert int(found[0].get("data-value")) == value
                pairs.append((float(found[0].get("width")), value))
        # The hatched series is filled with its own pattern, defined in the same SVG.
        for rect in segments(svg, "unreported"):
            ref = re.fullmatch(r"url\(#(.+)\)", rect.get("fill")).group(1)
            assert svg.find(f".//{SVG}pattern[@id='{ref}']") is not None
    assert len(boxes) == 1          # one viewBox, one width on the page: one scale for every bar
    _proportional(pairs)
    # The legend: each series' name as page text beside a swatch of its pattern.
    page = BeautifulSoup(html, "html.parser")
    legend = page.select_one('figure[data-chart-for="bang-theo-thang"] ul.hoctap-legend')
    assert [li.get_text() for li in legend.select("li")] == ["đã tổ chức", "chưa báo cáo", "sắp tới"]
    for li, series in zip(legend.select("li"), ("held", "unreported", "upcoming")):
        assert li.svg["aria-hidden"] == "true" and li.svg.select_one("rect[data-series]")["data-series"] == series


def test_participants_chart_columns_follow_the_hand_count(site):
    rows = chart_rows(_raw(site, urls.report(2026)), "bieu-do-nguoi")
    assert [int(li["data-total"]) for li, _ in rows] == [PARTICIPANTS.get(m, 0) for m in range(1, 13)]
    assert [li.select_one(".hoctap-cols__figure").get_text() for li, _ in rows] \
        == [str(PARTICIPANTS.get(m, 0)) for m in range(1, 13)]
    assert [li.select_one(".hoctap-cols__label").get_text() for li, _ in rows] == [f"T{m}" for m in range(1, 13)]
    for month, (_, svg) in enumerate(rows, start=1):
        _check_mark(svg, f"Tháng {month}: {PARTICIPANTS.get(month, 0)} người tham gia")
        assert svg.get("preserveAspectRatio") == "none"      # stretched to its slot of the grid
    assert len({svg.get("viewBox") for _, svg in rows}) == 1
    _proportional([(float(segments(svg)[0].get("height")), PARTICIPANTS[m])
                   for m, (_, svg) in enumerate(rows, start=1) if m in PARTICIPANTS])
    # Columns stand on the same foot.
    feet = {round(float(r.get("y")) + float(r.get("height")), 2) for _, svg in rows for r in segments(svg)}
    assert len(feet) == 1
    assert all(not segments(svg) for m, (_, svg) in enumerate(rows, start=1) if m not in PARTICIPANTS)


@pytest.mark.parametrize("ident, expected", [("bieu-do-the-loai", BY_CATEGORY), ("bieu-do-ban", BY_VILLAGE)])
def test_category_and_village_charts_escape_content_labels(site, ident, expected):
    html = _raw(site, urls.report(2026))
    rows = chart_rows(html, ident)              # every bar's SVG parses as XML: every label was escaped
    assert {li.select_one(".hoctap-bars__label").get_text(): int(li.select_one(".hoctap-bars__figures").get_text())
            for li, _ in rows} == expected
    assert {li["data-label"]: int(li["data-total"]) for li, _ in rows} == expected
    assert len(rows) == len(expected)
    for li, svg in rows:
        assert not li.find("script") and not li.find("img") and not li.find("b")
        assert not svg.findall(f".//{SVG}script") and not svg.findall(".//script") and not svg.findall(".//img")
        _check_mark(svg, f"{li['data-label']}: {li['data-total']}")
    assert len({svg.get("viewBox") for _, svg in rows}) == 1
    _proportional([(float(segments(svg)[0].get("width")), int(li["data-total"])) for li, svg in rows])
    hostile = HOSTILE_CATEGORY if ident == "bieu-do-the-loai" else HOSTILE_VILLAGE
    assert hostile in {li.select_one(".hoctap-bars__label").get_text() for li, _ in rows}
    assert f"{hostile}: 1" in {text_of(svg.find(f"{SVG}title")) for _, svg in rows}


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


def test_charts_are_self_contained_and_draw_no_text(site):
    html = _raw(site, urls.report(2026))
    charts = re.findall(r'<svg [^>]*class="hoctap-svgchart .*?</svg>', html, re.S)
    assert "<text" not in html.split('<div class="hoctap-report"')[1]      # no SVG text anywhere in the report
    # 6 month bars (January to June), 3 legend swatches, 12 columns, 4 category bars, 2 village bars
    assert len(charts) == 6 + 3 + 12 + 4 + 2
    for chart in charts:
        assert "http://" not in chart.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in chart and "<script" not in chart.lower() and "style=" not in chart
        assert "<text" not in chart and "<tspan" not in chart


def _rendered(page, ident: str) -> list[dict]:
    """Each row of a chart as Chromium lays it out: its figure, its mark's box, its label's box."""
    return page.evaluate("""ident => [...document.querySelectorAll(`[data-chart="${ident}"] > li`)].map(li => {
        const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                           return {x: r.x, y: r.y, w: r.width, h: r.height}; };
        return {total: +li.dataset.total, rects: [...li.querySelectorAll("svg rect")].map(box),
                svg: box(li.querySelector("svg")), label: box(li.querySelector(".hoctap-cols__label")),
                figure: box(li.querySelector(".hoctap-cols__figure"))};
    })""", ident)


@pytest.mark.parametrize("width", [360, 1280])
def test_charts_as_a_browser_draws_them(site, browser, width):
    """In Chromium (file viewer): bars and columns keep one scale on the screen, each column sits
    between its figure and its month, nothing is drawn as SVG text, nothing overflows a phone."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto((site / urls.report(2026)).as_uri())
        assert page.evaluate("document.querySelectorAll('svg text').length") == 0
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        for ident, expected in (("bieu-do-the-loai", BY_CATEGORY), ("bieu-do-ban", BY_VILLAGE)):
            rows = _rendered(page, ident)
            assert sorted(r["total"] for r in rows) == sorted(expected.values())
            scales = {round(r["rects"][0]["w"] / r["total"], 0) for r in rows}
            assert len(scales) == 1 and min(scales) > 0, scales
        columns = _rendered(page, "bieu-do-nguoi")
        assert [c["total"] for c in columns] == [PARTICIPANTS.get(m, 0) for m in range(1, 13)]
        drawn = [c for c in columns if c["total"]]
        assert len({round(c["rects"][0]["h"] / c["total"], 1) for c in drawn}) == 1
        assert len({round(c["rects"][0]["y"] + c["rects"][0]["h"]) for c in drawn}) == 1      # one foot
        assert all(20 < c["svg"]["h"] <= 120 for c in columns)       # a small chart, not a page of columns
        for c in columns:
            middle = c["svg"]["x"] + c["svg"]["w"] / 2
            assert abs(c["label"]["x"] + c["label"]["w"] / 2 - middle) < 1
            assert abs(c["figure"]["x"] + c["figure"]["w"] / 2 - middle) < 1
            assert c["figure"]["y"] + c["figure"]["h"] <= c["svg"]["y"] + 0.5 <= c["label"]["y"]
            if c["total"]:
                assert abs(c["rects"][0]["x"] + c["rects"][0]["w"] / 2 - middle) < 1
    finally:
        context.close()


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
    columns = chart_rows(_raw(site, urls.report_sheet(2026)), "tom-tat-thang")
    assert [li.select_one(".hoctap-cols__figure").get_text() for li, _ in columns] \
        == [str(HELD.get(m, 0)) for m in range(1, 13)]
    for month, (_, svg) in enumerate(columns, start=1):
        _check_mark(svg, f"Tháng {month}: {HELD.get(month, 0)} hoạt động đã tổ chức")
        assert len(segments(svg)) == (1 if HELD.get(month) else 0)
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
