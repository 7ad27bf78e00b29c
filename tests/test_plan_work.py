"""Plan pages list, under each section, what carried it out: the events, clubs, classes and news
articles citing it (``ke_hoach``), by year, bounded, with a full page per section. The plan's own
text stays word for word. Expected items come from the content files (PyYAML), pages are read
with BeautifulSoup."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

PLAN = "ke-hoach/hoc-tap-suot-doi-den-2030.html"
PLAN_FILE = ROOT / "content" / "vieng-lan" / "ke-hoach" / "hoc-tap-suot-doi-den-2030.md"


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _refs(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _citing(section: str) -> dict[str, str]:
    """{title: kind} of the events, clubs and classes whose ke_hoach cites ``section`` exactly."""
    out = {}
    for path in sorted((ROOT / "events").rglob("*.yaml")):
        if "nha-van-hoa" in path.parts:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = data["su_kien"] if isinstance(data, dict) and "su_kien" in data else [data]
        for item in items:
            if section in _refs(item.get("ke_hoach")) and item.get("trang_thai") != "huy":
                out[item.get("tieu_de") or item["ten"]] = path.parent.name
    for path in sorted((ROOT / "content").glob("*/tin-tuc/*/*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if section in _refs(front.get("ke_hoach")) and not front.get("nhap"):
            out[front["tieu_de"]] = "tin-tuc"
    return out


def test_each_cited_section_shows_its_work_after_its_own_text(built_site):
    page = _soup(built_site, PLAN)
    asides = page.select("aside.hoctap-plan-work")
    assert {a["data-section"] for a in asides} >= {"II.1", "II.2"}
    for aside in asides:
        heading = page.find(id=aside["data-section"])
        # The block follows its section's heading, before the next heading of any level.
        assert aside.find_previous(re.compile("^h[2-4]$"), id=True) is heading
        # Bounded: at most 3 years and 5 items per year on the plan page.
        years = aside.select("dl.hoctap-plan-work__years > dt")
        assert 1 <= len(years) <= 3
        for dd in aside.select("dl.hoctap-plan-work__years > dd"):
            assert len(dd.select("li")) <= 5
        # Never inside the plan's own paragraphs or lists.
        assert aside.find_parent(["p", "ul", "ol", "li"]) is None


def test_the_full_page_of_a_section_lists_everything_that_cites_it_by_year(built_site):
    page = _soup(built_site, "ke-hoach/thuc-hien/hoc-tap-suot-doi-den-2030/II.2.html")
    titles = {a.get_text(strip=True) for a in page.select(".hoctap-plan-work__items a")}
    expected = _citing("hoc-tap-suot-doi-den-2030#II.2")
    assert expected and set(expected) <= titles
    years = [int(h["id"].removeprefix("nam-")) for h in page.select("h2[id^=nam-]")]
    assert years == sorted(years, reverse=True)
    # A one-off event of 2027 is listed under 2027 only.
    y2027 = page.find("h2", id="nam-2027").find_next_sibling("ul")
    assert "Ngày hội Văn hóa – Thể thao các bản" in y2027.get_text()
    # Every link reaches a page of the site.
    base = built_site / "ke-hoach" / "thuc-hien" / "hoc-tap-suot-doi-den-2030"
    for a in page.select(".hoctap-plan-work a"):
        assert (base / a["href"].split("#")[0]).resolve().is_file(), a["href"]
    plan = _soup(built_site, PLAN)
    link = plan.select_one("aside[data-section='II.2'] .hoctap-plan-work__all a")
    assert link["href"] == "thuc-hien/hoc-tap-suot-doi-den-2030/II.2.html"


def test_cancelled_events_do_not_count_as_carried_out(built_site):
    page = _soup(built_site, "ke-hoach/thuc-hien/hoc-tap-suot-doi-den-2030/II.2.html")
    assert "Giao lưu văn nghệ bản Cang" not in page.get_text()


def test_the_district_plan_lists_its_communes_activities_with_their_unit(built_site):
    page = _soup(built_site, "ke-hoach/thuc-hien/nang-cao-chat-luong-tt-vh-htcd-2021-2025/III.9.html")
    items = [li.get_text(" ", strip=True) for li in page.select(".hoctap-plan-work__items li")]
    assert any("Ngày hội đọc sách xã mẫu A" in i and "Xã mẫu A" in i.split("(", 1)[1] for i in items)


def test_the_plan_text_stays_word_for_word(built_site):
    page = _soup(built_site, PLAN)
    for aside in page.select("aside.hoctap-plan-work"):
        aside.decompose()
    text = re.sub(r"\s+", " ", page.select_one("article").get_text(" "))
    body = PLAN_FILE.read_text(encoding="utf-8").split("---", 2)[2]
    for line in body.splitlines():
        words = re.sub(r"^[#\-*\s]+|\*\*|\{[^}]*\}", "", line).strip()
        if len(words) > 20 and not words.startswith(("|", "<", "!")):
            assert re.sub(r"\s+", " ", words)[:60] in text, words[:60]
