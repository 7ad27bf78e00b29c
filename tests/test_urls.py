"""One URL scheme: every output path comes from hoctap.core.urls."""

import re
from datetime import date
from pathlib import Path

from hoctap.core.urls import Urls, page_source, relative, urls

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "hoctap"
# A path literal: a quoted string naming a section folder of the site, or ending in an output suffix.
PATH_LITERAL = re.compile(r"""["'](?:lich|tin-tuc|cau-lac-bo|lop-hoc|bao-cao|ke-hoach|huong-dan|van-ban|phan-cong|vinh-danh)/[^"']*["']"""
                          r"""|["'][^"'\s]*\.(?:html|ics|xml|csv|json)["']""")


def test_no_module_writes_an_output_path_by_hand():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "core" / "urls.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for match in PATH_LITERAL.finditer(code):
                literal = match.group(0)[1:-1]
                if literal.startswith(("http", "../", "schemas/")) or "/" not in literal and literal.endswith(".html") \
                        or re.fullmatch(r"\.[a-z]+", literal):
                    continue   # a template name, an example in a message, the editors' schema files, a file type
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {literal}")
    assert not offenders, offenders


def test_paths_of_the_scheme():
    assert urls.calendar_index() == "lich/index.html"
    assert urls.event("hoi-sach-2026") == "lich/su-kien/hoi-sach-2026.html"
    assert urls.event("hoi-sach-2026", "ics") == "lich/su-kien/hoi-sach-2026.ics"
    assert urls.month(2026, 4) == "lich/thang/2026-04.html"
    assert urls.club("lop-hoc", "det-tho-cam") == "lop-hoc/det-tho-cam.html"
    assert urls.news_category("thong-bao", 2) == "tin-tuc/chuyen-muc/thong-bao-trang-2.html"
    assert urls.news_feed("atom", "thong-bao") == "tin-tuc/chuyen-muc/thong-bao/atom.xml"
    assert urls.report(2026, "csv") == "bao-cao/2026.csv"
    assert urls.report_sheet(2026) == "bao-cao/tom-tat/2026.html"
    assert [urls.report_activities(2026), urls.report_activities(2026, 2)] == [
        "bao-cao/hoat-dong/2026.html", "bao-cao/hoat-dong/2026-trang-2.html"]
    assert page_source(urls.month(2026, 4)) == "lich/thang/2026-04.md"
    assert urls.document("93-kh-ubnd-2023") == "van-ban/93-kh-ubnd-2023.html"
    assert urls.document_facet("nam", "2013", 2) == "van-ban/nam/2013-trang-2.html"
    assert urls.documents_index(2) == "van-ban/trang-2.html"
    assert urls.body("hoi-khuyen-hoc-vieng-lan") == "phan-cong/hoi-khuyen-hoc-vieng-lan.html"
    assert urls.plan_assignments("p") == "phan-cong/ke-hoach/p.html"
    assert urls.honours_year(2025) == "vinh-danh/nam/2025.html"
    assert urls.honours_kind("gia-dinh-hoc-tap", 2) == "vinh-danh/loai/gia-dinh-hoc-tap-trang-2.html"
    assert urls.agenda() == "lich/tuan-nay.html"
    assert urls.agenda("ban-pung") == "lich/tuan-nay/ban-pung.html"
    assert urls.village_feed("ban-pung") == "lich/ban/ban-pung.ics"
    assert urls.poster(2026, 4) == "lich/ap-phich/2026-04.html"
    assert urls.archive_feed(2024) == "lich/luu-tru/2024.ics"
    # later pages of the club listings are in folders no club id can take
    assert [urls.clubs_page(1), urls.clubs_page(2)] == ["cau-lac-bo/index.html", "cau-lac-bo/tat-ca/trang-2.html"]
    assert [urls.courses_page(1), urls.courses_page(3)] == ["lop-hoc/index.html", "lop-hoc/tat-ca/trang-3.html"]
    assert urls.open_courses_page(2) == "lop-hoc/dang-mo/trang-2.html"
    assert urls.club_facet_page("thu", "t2", 1) == "cau-lac-bo/thu/t2.html"
    assert urls.club_facet_page("thu", "t2", 2) == "cau-lac-bo/thu/t2/trang-2.html"


def test_a_prefix_moves_every_path_and_links_stay_relative():
    unit = Urls("xa-a/")
    methods = [m for m in dir(Urls) if not m.startswith("_") and m != "page" and callable(getattr(Urls, m))]
    args = {"event": ("x",), "month": (2026, 4), "poster": (2026, 4), "bulletin": (date(2026, 4, 20),), "category": ("c",), "archive": (2025,), "club": ("cau-lac-bo", "x"),
            "club_facet": ("ban", "b"), "at": ("x/y.html",), "news_category": ("c",), "news_author": ("a",), "news_year": (2026,),
            "news_month": (2026, 4), "news_feed": ("rss",), "report": (2026,), "report_sheet": (2026,), "report_activities": (2026, 2),
            "document": ("93-kh-ubnd-2023",), "document_facet": ("loai", "quyet-dinh", 2), "body": ("x", 2),
            "bodies_page": (2,), "plan_assignments": ("p",), "honours_year": (2025, 2), "honours_kind": ("k",),
            "village_feed": ("ban-pung",), "archive_feed": (2024,), "clubs_page": (2,), "courses_page": (3,),
            "open_courses_page": (2,), "club_facet_page": ("thu", "t2", 2),
            "venue": ("v",), "venue_village": ("b",), "plan_section_work": ("p", "II.1"),
            "survey": ("k",), "assessment": ("a",), "criteria": ("t",), "ranking": (2025,)}
    for name in methods:
        plain, prefixed = getattr(urls, name)(*args.get(name, ())), getattr(unit, name)(*args.get(name, ()))
        assert prefixed == "xa-a/" + plain, name
    assert relative(page_source(unit.event("x")), unit.calendar_index()) == "../index.html"
