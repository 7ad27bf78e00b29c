"""Several units in one hub (issue #10, points 1–3 and 6): the one-unit sample keeps its layout;
a hub of several units (tests/units_fixture.py, made from the sample) has a section per unit,
aggregated listings and feeds, reports per unit and per child; no broken link in either site."""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from icalendar import Calendar

from cli_helpers import hoctap, tree_bytes
from conftest import copy_hub, mkdocs_build
from units_fixture import DISTRICT, SAMPLES, VIENG_LAN

ROOT_DIR = Path(__file__).resolve().parent.parent

UNITS = (VIENG_LAN, DISTRICT, *SAMPLES)


@pytest.fixture(scope="session")
def multi_project(tmp_path_factory) -> Path:
    return copy_hub(tmp_path_factory.mktemp("nhieu-don-vi") / "project")


@pytest.fixture(scope="session")
def multi_site(built_site) -> Path:
    return built_site   # the shipped sample is the hub of several units


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def broken_links(site: Path) -> list[str]:
    """Every relative href/src of every built page resolves to a built file, and an #anchor on
    another page of the site names an id there."""
    broken, ids = [], {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for tag in soup(site, rel).find_all(True):
            for attr in ("href", "src"):
                value = tag.get(attr)
                if not value or value.startswith(("#", "data:", "mailto:", "tel:", "javascript:")):
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc:
                    continue
                base = "" if parts.path.startswith("/") else posixpath.dirname(rel)   # 404.html links from the root
                target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
                path = site / target
                if path.is_dir():
                    path = path / "index.html"
                if not path.is_file():
                    broken.append(f"{rel}: {value}")
                elif parts.fragment and path.suffix == ".html" and "search" not in rel:
                    if path not in ids:
                        ids[path] = {t.get("id") for t in soup(site, path.relative_to(site).as_posix()).find_all(id=True)}
                    if unquote(parts.fragment) not in ids[path]:
                        broken.append(f"{rel}: {value} (no anchor)")
    return broken


def test_no_broken_link_in_the_one_unit_project(one_unit_site):
    assert not (one_unit_site / "don-vi").exists()   # a hub of one unit: today's layout, no unit sections
    assert broken_links(one_unit_site) == []


def test_no_broken_link_in_the_hub_of_several_units(multi_site):
    assert broken_links(multi_site) == []


def test_unit_files_keep_their_global_addresses(multi_site):
    assert (multi_site / "ke-hoach" / "hoc-tap-suot-doi-den-2030.html").is_file()
    assert (multi_site / "ke-hoach" / "nang-cao-chat-luong-tt-vh-htcd-2021-2025.html").is_file()
    assert (multi_site / "tin-tuc" / "2026" / "ngay-sach-van-hoa-doc-2026.html").is_file()
    assert not (multi_site / VIENG_LAN).exists()
    for unit in UNITS:
        for path in ("index.html", "lich/index.html", "lich/lich.ics", "cau-lac-bo/index.html",
                     "tin-tuc/index.html", "tin-tuc/rss.xml", "tin-tuc/atom.xml", "bao-cao/index.html",
                     "bao-cao/thong-ke.json"):
            assert (multi_site / "don-vi" / unit / path).is_file(), (unit, path)


def test_hub_home_lists_units_and_sample_units_are_marked(multi_site):
    home = soup(multi_site, "index.html")
    units = [li["data-unit"] for li in home.select("[data-unit]")]
    assert units[:1] == [VIENG_LAN] and set(units) == set(UNITS)
    sample = soup(multi_site, f"don-vi/{SAMPLES[0]}/index.html")
    assert "Đơn vị mẫu — thông tin minh họa" in sample.select_one("[data-sample]").get_text()
    assert soup(multi_site, f"don-vi/{VIENG_LAN}/index.html").select_one("[data-sample]") is None
    district = soup(multi_site, f"don-vi/{DISTRICT}/index.html").get_text(" ")
    assert "tên không ghi trong văn bản" in district


def test_unit_filter_links_without_javascript(multi_site):
    for listing in ("lich/index.html", "tin-tuc/index.html", "cau-lac-bo/index.html", "bao-cao/index.html"):
        nav = soup(multi_site, listing).select_one("[data-unit-filter]")
        assert nav is not None, listing
        hrefs = [a["href"] for a in nav.find_all("a")]
        assert all(any(h.endswith(f"don-vi/{u}/{listing}") for h in hrefs) for u in UNITS), (listing, hrefs)


def _feed(site: Path, path: str) -> Calendar:
    return Calendar.from_ical((site / path).read_bytes())


def _instances(site: Path, path: str) -> set[tuple[str, str]]:
    cal = _feed(site, path)
    return {(str(e["UID"]), e.decoded("DTSTART").isoformat())
            for e in recurring_ical_events.of(cal).between(date(2025, 1, 1), date(2030, 1, 1))}


def test_uid_and_recurrence_id_unique_across_the_hub_feed(multi_site):
    seen = set()
    for event in _feed(multi_site, "lich/lich.ics").walk("VEVENT"):
        key = (str(event["UID"]), event.get("RECURRENCE-ID").to_ical() if event.get("RECURRENCE-ID") else None)
        assert key not in seen, key
        seen.add(key)
    assert any(uid.startswith(f"{SAMPLES[0]}-ngay-sach@") for uid, _ in seen)


def test_hub_feed_is_the_union_of_the_units_feeds(multi_site):
    hub = _instances(multi_site, "lich/lich.ics")
    roots = _instances(multi_site, f"don-vi/{VIENG_LAN}/lich/lich.ics") | \
        _instances(multi_site, f"don-vi/{DISTRICT}/lich/lich.ics")
    every_unit = set().union(*(_instances(multi_site, f"don-vi/{u}/lich/lich.ics") for u in UNITS))
    assert hub and hub == roots == every_unit
    # A parent sees its children: the district's feed holds each sample commune's.
    district = _instances(multi_site, f"don-vi/{DISTRICT}/lich/lich.ics")
    for unit in SAMPLES:
        child = _instances(multi_site, f"don-vi/{unit}/lich/lich.ics")
        assert child and child <= district
    assert not (_instances(multi_site, f"don-vi/{VIENG_LAN}/lich/lich.ics") & district)


def test_targets_only_for_the_units_they_apply_to(multi_site):
    vieng_lan = soup(multi_site, f"don-vi/{VIENG_LAN}/bao-cao/2026.html")
    assert vieng_lan.select("[data-target]") == []       # no plan of Viêng Lán sets a target
    commune = soup(multi_site, f"don-vi/{SAMPLES[0]}/bao-cao/2026.html")
    rows = commune.select("tr[data-target]")
    assert [r["data-target"] for r in rows] == ["hoat-dong-trung-tam"]
    assert "III.9" in rows[0].get_text(" ")
    # Its own activities only (all of its categories count), from its feed, before the build day:
    own = {s for _, s in _instances(multi_site, f"don-vi/{SAMPLES[0]}/lich/lich.ics")
           if "2026-01-01" <= s < "2026-04-21"}
    # Held: only what the unit's file records (da_to_chuc) before the build day; the rest is unreported.
    import yaml
    events = yaml.safe_load((ROOT_DIR / "events" / SAMPLES[0] / f"hoat-dong-{SAMPLES[0]}.yaml").read_text(encoding="utf-8"))
    records = [r for e in events["su_kien"] for r in ([e["da_to_chuc"]] if isinstance(e.get("da_to_chuc"), dict)
                                                      else e.get("da_to_chuc", []))
               if str(r["ngay"]) < "2026-04-21"]
    assert rows[0].select_one('[data-field="done"]').get_text(strip=True) == str(len(records)) == "1"
    assert rows[0].select_one('[data-field="unreported"]').get_text(strip=True) == str(len(own) - len(records))
    district = soup(multi_site, f"don-vi/{DISTRICT}/bao-cao/2026.html")
    assert district.select("tr[data-target]") == []
    children = [tr["data-unit"] for tr in district.select("[data-children] tr[data-unit]")]
    assert children == list(SAMPLES)
    assert district.select_one("[data-children] tr[data-total]") is not None


def test_parent_lists_its_children_activities_marked_with_their_unit(multi_site):
    page = soup(multi_site, f"don-vi/{DISTRICT}/lich/index.html")
    marks = {m.get_text(strip=True) for m in page.select("[data-unit-mark]")}
    assert {"Xã mẫu A (đơn vị mẫu)", "Xã mẫu B (đơn vị mẫu)"} <= marks


def test_two_builds_are_byte_identical(multi_project, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert mkdocs_build(multi_project, first).returncode == 0
    assert mkdocs_build(multi_project, second).returncode == 0
    assert tree_bytes(first) == tree_bytes(second)


def _check(project: Path) -> str:
    result = hoctap("check", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_a_file_outside_a_unit_folder_is_refused(tmp_path):
    project = copy_hub(tmp_path / "p")
    (project / "events" / "le-hoi.yaml").write_text("ma: x\n", encoding="utf-8")
    (project / "events" / "vieng-lann").mkdir()
    (project / "events" / "vieng-lann" / "a.yaml").write_text("ma: y\n", encoding="utf-8")
    out = _check(project)
    assert "events/le-hoi.yaml: don-vi: Tệp này không thuộc đơn vị nào; đặt vào events/<mã đơn vị>/le-hoi.yaml." in out
    assert "events/vieng-lann: don-vi: Thư mục 'vieng-lann' không phải mã đơn vị nào" in out
    assert "(có phải ý bạn là 'vieng-lan'?)" in out


def test_a_target_citing_another_units_plan_is_refused(tmp_path):
    project = copy_hub(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "          ban:\n            - { ma: ban-lan" in text
    text = text.replace("          ban:\n            - { ma: ban-lan",
                        "          chi_tieu:\n            - ma: sai\n              ten: Sai\n              toi_thieu: 6\n"
                        "              ke_hoach: nang-cao-chat-luong-tt-vh-htcd-2021-2025#III.9\n"
                        "          ban:\n            - { ma: ban-lan", 1)
    config.write_text(text, encoding="utf-8")
    out = _check(project)
    assert ("cac_don_vi[1].chi_tieu[1].ke_hoach: Chỉ tiêu 'sai' của đơn vị 'vieng-lan' dẫn kế hoạch "
            "'nang-cao-chat-luong-tt-vh-htcd-2021-2025' của đơn vị 'huyen-dong-thap'.") in out


def test_an_item_may_cite_its_own_or_its_parents_plans_only(tmp_path):
    """A sample commune of the district carries out the district's plan (its parent): accepted.
    Citing the commune of Viêng Lán's programme (another province) from that commune is refused."""
    project = copy_hub(tmp_path / "p")
    events = project / "events" / "xa-mau-a" / "hoat-dong-xa-mau-a.yaml"
    text = events.read_text(encoding="utf-8")
    assert "    ke_hoach: nang-cao-chat-luong-tt-vh-htcd-2021-2025#III.9\n" in text
    events.write_text(text.replace("    ke_hoach: nang-cao-chat-luong-tt-vh-htcd-2021-2025#III.9\n",
                                   "    ke_hoach: hoc-tap-suot-doi-den-2030\n", 1), encoding="utf-8")
    out = _check(project)
    line = text.splitlines().index("    ke_hoach: nang-cao-chat-luong-tt-vh-htcd-2021-2025#III.9") + 1
    assert (f"events/xa-mau-a/hoat-dong-xa-mau-a.yaml:{line}: ke_hoach: 'hoc-tap-suot-doi-den-2030' là kế hoạch "
            "của Xã Viêng Lán, không phải của Xã mẫu A hay đơn vị cấp trên") in out
    assert out.count("là kế hoạch của") == 1, out


def test_a_cycle_of_parents_is_refused(tmp_path):
    project = copy_hub(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("cap: huyen", "cap: huyen\n          thuoc: xa-mau-a", 1)
    config.write_text(text, encoding="utf-8")
    out = _check(project)
    assert "cac_don_vi[2].thuoc:" in out and "vòng lặp" in out


# -- the one-unit project made from the shipped hub (today's layout, no unit configuration) ------

def test_one_unit_project_has_todays_layout_and_checks_clean(one_unit_project):
    import yaml

    assert (one_unit_project / "content/ke-hoach/hoc-tap-suot-doi-den-2030.md").is_file()
    assert (one_unit_project / "content/tin-tuc/2026/ngay-sach-van-hoa-doc-2026.md").is_file()
    assert (one_unit_project / "events/ngay-ky-niem.yaml").is_file()
    assert (one_unit_project / "events/cau-lac-bo/bong-chuyen-ban-pung.yaml").is_file()
    assert not (one_unit_project / "content" / VIENG_LAN).exists()
    assert not (one_unit_project / "events" / VIENG_LAN).exists()
    config = yaml.safe_load((one_unit_project / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["hoctap"] for p in config["plugins"] if isinstance(p, dict) and "hoctap" in p)
    assert plugin["don_vi"]["ma"] == VIENG_LAN and "cac_don_vi" not in plugin
    result = hoctap("check", cwd=one_unit_project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_unit_feeds_are_vieng_lans_part_of_the_hub(one_unit_site, multi_site):
    """Same calendar (UIDs and instances) and same news feed as Viêng Lán's section of the hub:
    the unit is not part of any UID or address."""
    import feedparser

    one = _instances(one_unit_site, "lich/lich.ics")
    assert one and one == _instances(multi_site, f"don-vi/{VIENG_LAN}/lich/lich.ics")
    one_news = [e.link for e in feedparser.parse((one_unit_site / "tin-tuc/rss.xml").read_bytes()).entries]
    hub_news = [e.link for e in feedparser.parse((multi_site / "tin-tuc/rss.xml").read_bytes()).entries]
    assert one_news and one_news == hub_news


def test_one_unit_builds_are_byte_identical(one_unit_project, one_unit_site, tmp_path):
    again = tmp_path / "again"
    assert mkdocs_build(one_unit_project, again).returncode == 0
    assert tree_bytes(again) == tree_bytes(one_unit_site)
