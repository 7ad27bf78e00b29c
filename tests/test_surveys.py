"""Learning needs and class requests (issue #13, point 4): the ``khao-sat`` kind. Pages are read
with BeautifulSoup, the chart with an XML parser, the expected figures from the YAML files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from cli_helpers import hoctap
from conftest import ROOT, copy_hub

SURVEY = "nhu-cau-hoc-tap-vieng-lan-2026"
SURVEY_FILE = ROOT / "events" / "vieng-lan" / "khao-sat" / f"{SURVEY}.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def content(site: Path, path: str):
    return soup(site, path).select_one("article.md-content__inner")


def resolves(site: Path, page: str, href: str) -> bool:
    target = (site / page).parent / href.split("#", 1)[0]
    return target.resolve().is_file()


def survey_data() -> dict:
    return yaml.safe_load(SURVEY_FILE.read_text(encoding="utf-8"))


def classes_citing() -> dict[str, list[str]]:
    """topic id → names of the classes whose file says ``khao_sat: <SURVEY>#<topic>``."""
    out: dict[str, list[str]] = {}
    for path in sorted((ROOT / "events").glob("*/lop-hoc/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ref = data.get("khao_sat") or ""
        if ref.startswith(SURVEY + "#"):
            out.setdefault(ref.split("#", 1)[1], []).append(data["ten"])
    return out


def test_survey_page_table_classes_and_request_link(built_site):
    page = f"khao-sat/{SURVEY}.html"
    main = content(built_site, page)
    data = survey_data()
    assert data["mau"] is True
    assert "Dữ liệu mẫu" in main.select_one("[data-sample]").get_text()
    facts = main.select_one("dl.hoctap-facts").get_text(" ", strip=True)
    assert "Thứ Ba, 20/01/2026" in facts and data["cach_khao_sat"] in facts
    cited = classes_citing()
    assert len(cited) >= 1                      # at least one class answers a topic
    rows = main.select("table.hoctap-survey-table tbody tr")
    assert len(rows) == len(data["chu_de"])
    totals = []
    for topic in data["chu_de"]:
        row = main.select_one(f'tr[data-topic="{topic["ma"]}"]')
        total = sum(v["so_nguoi"] for v in topic["theo_ban"])
        totals.append(total)
        assert row.th.get_text(strip=True) == topic["ten"]
        assert int(row.select("td")[0].get_text(strip=True)) == total
        assert len(row.select(".hoctap-survey__villages li")) == len(topic["theo_ban"])
        links = row.select(".hoctap-survey__classes a")
        assert [a.get_text(strip=True) for a in links] == cited.get(topic["ma"], [])
        if not links:
            assert row.select_one(".hoctap-absent").get_text(strip=True) == "Chưa có lớp"
        for a in links:
            assert resolves(built_site, page, a["href"]), a["href"]
    # rows are ordered by the number asking, largest first
    shown = [int(r.select("td")[0].get_text(strip=True)) for r in rows]
    assert shown == sorted(totals, reverse=True)
    assert main.select_one("[data-answered]").get_text(strip=True) == f"{len(cited)}/{len(data['chu_de'])}"
    # the unit's own "đề nghị mở lớp" address from mkdocs.yml, nothing else
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = re.search(r"de_nghi_mo_lop: (\S+)", config).group(1)
    request = [a for a in main.select("a") if a.get_text(strip=True) == "Đề nghị mở lớp"]
    assert [a["href"] for a in request] == [url]
    assert not main.select("form, input, script, iframe")


def test_chart_is_accessible_inline_svg_matching_the_table(built_site):
    main = content(built_site, f"khao-sat/{SURVEY}.html")
    data = survey_data()
    totals = {t["ma"]: sum(v["so_nguoi"] for v in t["theo_ban"]) for t in data["chu_de"]}
    names = {t["ma"]: t["ten"] for t in data["chu_de"]}
    answered = set(classes_citing())
    rows = main.select("figure ul.hoctap-chart li")
    assert [r["data-topic"] for r in rows] == sorted(totals, key=lambda k: (-totals[k], names[k]))
    widths = {}
    for row in rows:
        topic = row["data-topic"]
        assert row.select_one(".hoctap-chart__label").get_text() == names[topic]
        assert row.select_one(".hoctap-chart__value").get_text() == str(totals[topic]) + (" (đã có lớp)" if topic in answered else "")
        bar = ET.fromstring(str(row.select_one("svg")))      # each bar is well-formed inline SVG
        assert bar.tag == SVG + "svg" and bar.get("role") == "img"
        title = bar.find(SVG + "title")
        assert bar.get("aria-labelledby") == title.get("id")
        assert title.text == f"{names[topic]}: {totals[topic]} người đề nghị" + (" (đã có lớp)" if topic in answered else "")
        assert ("hoctap-chart__bar--co-lop" in bar.get("class")) == (topic in answered)
        for element in bar.iter():
            assert element.tag.split("}")[-1] in ("svg", "title", "rect"), element.tag
            assert not any(k.startswith("on") or k.endswith("href") for k in element.attrib), element.attrib
        widths[topic] = float(re.fullmatch(r"width: ([\d.]+)%", bar.get("style")).group(1))
    top = max(totals.values())
    for topic, total in totals.items():
        assert widths[topic] == pytest.approx(60 * total / top, abs=0.1)
    # the table is the chart's alternative and follows it
    assert main.select_one("figure").find_next("table").select_one("caption")


def test_listings_of_the_hub_and_of_a_unit(built_site):
    main = content(built_site, "khao-sat/index.html")
    items = main.select("li[data-ma]")
    assert [li["data-ma"] for li in items] == [SURVEY, "nhu-cau-hoc-tap-xa-mau-a-2025"]   # newest first
    assert all("Dữ liệu mẫu" in li.get_text() for li in items)
    unit = content(built_site, "don-vi/xa-mau-a/khao-sat/index.html")
    assert [li["data-ma"] for li in unit.select("li[data-ma]")] == ["nhu-cau-hoc-tap-xa-mau-a-2025"]
    assert unit.select_one('a.md-button[href^="https://forms.example.org/xa-mau-a/"]')
    home = soup(built_site, "don-vi/vieng-lan/index.html")
    hrefs = {a.get_text(strip=True): a["href"] for a in home.select(".hoctap-quick-links a")}
    assert hrefs["Khảo sát nhu cầu học tập"] == "khao-sat/index.html"
    assert hrefs["Đánh giá, xếp loại"] == "danh-gia/index.html"


def test_one_unit_site_has_the_survey_in_its_layout(one_unit_site):
    main = content(one_unit_site, "khao-sat/index.html")
    assert [li["data-ma"] for li in main.select("li[data-ma]")] == [SURVEY]
    assert (one_unit_site / f"khao-sat/{SURVEY}.html").is_file()


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once; the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


OTHER_SURVEY = """ma: khao-sat-xa-mau-b
ten: Khảo sát thử xã mẫu B
ngay_khao_sat: 2026-02-01
cach_khao_sat: Họp ấp
chu_de:
  - { ma: tin-hoc, ten: Tin học, theo_ban: [ { ban: ap-b1, so_nguoi: 5 } ] }
"""


def test_survey_and_class_request_mistakes_are_reported_with_file_line_field(tmp_path):
    hub = copy_hub(tmp_path / "hub")
    survey = hub / "events" / "xa-mau-a" / "khao-sat" / "nhu-cau-hoc-tap-xa-mau-a-2025.yaml"
    (hub / "events" / "xa-mau-b" / "khao-sat").mkdir()
    (hub / "events" / "xa-mau-b" / "khao-sat" / "khao-sat-xa-mau-b.yaml").write_text(OTHER_SURVEY, encoding="utf-8")
    courses = hub / "events" / "vieng-lan" / "lop-hoc"
    s = "events/xa-mau-a/khao-sat/" + survey.name
    _edit(survey, "ke_hoach:", "so_nguoi_duoc_hoi: 30\nke_hoach:")   # one line more from here on
    expected = [
        f"{s}:{_edit(survey, 'ngay_khao_sat: 2025-09-10', 'ngay_khao_sat: 2026-05-20')}: ngay_khao_sat: "
        "Ngày khảo sát 20/05/2026 chưa tới; chỉ đăng kết quả khảo sát đã làm.",
        f"{s}:{_edit(survey, '  - ma: cham-soc-tre', '  - ma: trong-rau-an-toan')}: chu_de[2].ma: Mã chủ đề "
        "'trong-rau-an-toan' trùng với chu_de[1]. (mỗi chủ đề cần một mã riêng vì lớp học ghi khao_sat: ma-khao-sat#ma-chu-de)",
        f"{s}:{_edit(survey, '      - { ban: ap-a1, so_nguoi: 12 }', '      - { ban: ap-a1, so_nguoi: 12 }' + chr(10) + '      - { ban: ap-a1, so_nguoi: 1 }') + 1}: "
        "chu_de[2].theo_ban[2].ban: Bản 'ap-a1' đã ghi ở theo_ban[1] của chủ đề này. (mỗi bản ghi một lần, cộng số người lại)",
        f"{s}:{_edit(survey, '      - { ban: ap-a1, so_nguoi: 25 }', '      - { ban: ap-a1, so_nguoi: 31 }') - 1}: "
        "chu_de[1].theo_ban: Tổng số người đề nghị chủ đề 'trong-rau-an-toan' (31) lớn hơn số người được hỏi (30). "
        "(kiểm tra lại so_nguoi hoặc so_nguoi_duoc_hoi)",
        "events/vieng-lan/lop-hoc/may-cong-nghiep-2026.yaml:"
        f"{_edit(courses / 'may-cong-nghiep-2026.yaml', '#may-cong-nghiep', '#may-cong-nghep')}: khao_sat: Khảo sát "
        f"'{SURVEY}' không có chủ đề 'may-cong-nghep': may-cong-nghiep, ghep-xoai, chan-nuoi-lon, tin-hoc, theu-tho-cam. "
        "(có phải ý bạn là 'may-cong-nghiep'?)",
        "events/vieng-lan/lop-hoc/ghep-xoai-ban-pung-2026.yaml:"
        f"{_edit(courses / 'ghep-xoai-ban-pung-2026.yaml', f'khao_sat: {SURVEY}#ghep-xoai', 'khao_sat: ghep-xoai')}: "
        "khao_sat: 'ghep-xoai' phải có dạng ma-khao-sat#ma-chu-de. (ví dụ khao-sat-2026#may-cong-nghiep)",
        "events/vieng-lan/lop-hoc/chan-nuoi-lon-den-2026.yaml:"
        f"{_edit(courses / 'chan-nuoi-lon-den-2026.yaml', f'khao_sat: {SURVEY}#chan-nuoi-lon', 'khao_sat: khao-sat-xa-mau-b#tin-hoc')}: "
        "khao_sat: Khảo sát 'khao-sat-xa-mau-b' là của Xã mẫu B, không phải của đơn vị mở lớp. "
        "(lớp chỉ đáp ứng khảo sát của đơn vị mình hoặc đơn vị cấp trên)",
        "events/vieng-lan/lop-hoc/dan-tinh-2025.yaml:"
        f"{_edit(courses / 'dan-tinh-2025.yaml', 'nhu_cau: ', 'khao_sat: khao-sat-dan-tinh#dan-tinh' + chr(10) + 'nhu_cau: ')}: "
        "khao_sat: Không có khảo sát mã 'khao-sat-dan-tinh'.",
        f"mkdocs.yml:{_edit(hub / 'mkdocs.yml', 'de_nghi_mo_lop: https://zalo.me/0912000000', 'de_nghi_mo_lop: javascript:alert(1)')}: "
        "cac_don_vi[1].de_nghi_mo_lop: Liên kết 'javascript:alert(1)' không được phép",
        f"mkdocs.yml:{_edit(hub / 'mkdocs.yml', 'de_nghi_mo_lop: https://forms.example.org/xa-mau-a/de-nghi-mo-lop', 'de_nghi_mo_lop: de-nghi.html')}: "
        "cac_don_vi[3].de_nghi_mo_lop: Địa chỉ đề nghị mở lớp 'de-nghi.html' phải là trang web đầy đủ, bắt đầu bằng "
        "https:// (biểu mẫu hoặc Zalo của đơn vị).",
    ]
    result = hoctap("check", cwd=hub)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    for line in expected:
        assert any(out.startswith(line) for out in lines), f"expected:\n{line}\ngot:\n{result.stdout}"
    problems = [out for out in lines if re.match(r"^(events|mkdocs)", out)]
    assert len(problems) == len(expected), result.stdout       # one message per mistake, no echo
    for out in problems:
        if "javascript" not in out:
            assert out.endswith("huong-dan/loi.html#khao-sat]"), out


def test_class_request_link_messages_name_their_own_line(tmp_path):
    """``de_nghi_mo_lop`` is reported on its own line of mkdocs.yml even when the file spells the value
    with an escape (the parsed value is not in the text) and when two units write the same value
    (the first occurrence is not the second unit's line); one message each."""
    hub = copy_hub(tmp_path / "hub")
    escaped = 'de_nghi_mo_lop: "java\\x73cript:alert(1)"'
    first = _edit(hub / "mkdocs.yml", "de_nghi_mo_lop: https://zalo.me/0912000000", escaped)
    third = _edit(hub / "mkdocs.yml", "de_nghi_mo_lop: https://forms.example.org/xa-mau-a/de-nghi-mo-lop", escaped)
    result = hoctap("check", cwd=hub)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    found = [out for out in result.stdout.splitlines() if ".de_nghi_mo_lop: " in out]
    assert [out.split(" Liên kết ")[0] for out in found] == [
        f"mkdocs.yml:{first}: cac_don_vi[1].de_nghi_mo_lop:",
        f"mkdocs.yml:{third}: cac_don_vi[3].de_nghi_mo_lop:",
    ], result.stdout
    assert all("Liên kết 'javascript:alert(1)' không được phép" in out for out in found), found
