"""The URL scheme: every output path of the site, and relative links between them.

The site is built with ``use_directory_urls: false`` so that every link also works from a
USB copy opened with file://. Pages and feeds never write a path by hand: they ask ``urls``
(``urls.event(id)``, ``urls.month(2026, 4)``, ``urls.news_feed("rss")`` …) and link with
``relative``. A generated page's ``src_uri`` (its path as if it were a file in docs_dir) is
``page_source(path)``.

``urls`` (no prefix) is the hub's scheme; in a hub of several units each unit's section uses
``Urls("don-vi/<unit>/")`` (``site.units.unit_urls``). Pages of one item (an event, a club, a
plan, an article) have one address in the hub, from ``urls``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache


def output_path(src_uri: str) -> str:
    """``lich/2026-04.md`` → ``lich/2026-04.html``; other files keep their path."""
    return src_uri[:-3] + ".html" if src_uri.endswith(".md") else src_uri


def page_source(path: str) -> str:
    """``lich/thang/2026-04.html`` → ``lich/thang/2026-04.md``: the ``src_uri`` of a generated page."""
    return path[:-5] + ".md" if path.endswith(".html") else path


def relative(from_src_uri: str, to_path: str) -> str:
    """Link from the page built from ``from_src_uri`` to the output path ``to_path`` (may carry #anchor)."""
    target, hash_, anchor = to_path.partition("#")
    start = posixpath.dirname(output_path(from_src_uri)) or "."
    rel = _relpath(target or output_path(from_src_uri), start)
    return rel + (hash_ + anchor if hash_ else "")


@lru_cache(maxsize=1 << 16)
def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath``, remembered: pages of one folder link to the same targets again and
    again (a month's list, a category's pages), and relpath normalises both paths each time."""
    return posixpath.relpath(target, start)


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


@dataclass(frozen=True)
class Urls:
    """Output paths (relative to the site root) of every page and file the kinds generate, and of
    the hand-written pages they link to."""

    prefix: str = ""     # a unit's section, ending in "/" ("don-vi/vieng-lan/"), or none

    def _(self, path: str) -> str:
        return self.prefix + path

    # -- hand-written pages (content/) the generated ones link to -------------------------------
    def home(self) -> str:
        """The home page (of the hub, or of a unit's section: ``don-vi/<unit>/index.html``)."""
        return self._("index.html")

    def units_index(self) -> str:
        """The list of a hub's units (a hub of several units)."""
        return self._("don-vi/index.html")

    def plans_index(self) -> str:
        return self._("ke-hoach/index.html")

    def guide_errors(self) -> str:
        return self._("huong-dan/loi.html")

    def at(self, path: str) -> str:
        """Any other output path under the scheme's prefix: a kind outside the built-in ones
        names its own section (``urls.at("thong-bao/index.html")``)."""
        return self._(path)

    def page(self, src_uri: str) -> str:
        """A content file's page (a plan, an article): where its Markdown file is."""
        return output_path(src_uri)

    # -- calendar ------------------------------------------------------------------------------
    def calendar_index(self) -> str:
        return self._("lich/index.html")

    def subscribe(self) -> str:
        return self._("lich/dang-ky.html")

    def calendar_feed(self) -> str:
        return self._("lich/lich.ics")

    def event(self, event_id: str, ext: str = "html") -> str:
        return self._(f"lich/su-kien/{event_id}.{ext}")

    def month(self, year: int, month: int, n: int = 1) -> str:
        """A month's page (grid and first activities), or page ``n`` of its list of activities."""
        return self._(f"lich/thang/{year}-{month:02d}" + (".html" if n == 1 else f"-trang-{n}.html"))

    def poster(self, year: int, month: int) -> str:
        """A month's A4 poster for the village notice board (a unit's section)."""
        return self._(f"lich/ap-phich/{year}-{month:02d}.html")

    def bulletin(self, monday, ext: str = "html") -> str:
        """The loudspeaker bulletin (bản tin truyền thanh) of the week starting on ``monday``, as a
        page or ``txt`` (a unit's section)."""
        return self._(f"lich/ban-tin/{monday:%Y-%m-%d}.{ext}")

    def category(self, category_id: str, ext: str = "html", n: int = 1) -> str:
        base = f"lich/the-loai/{category_id}"
        return self._(f"{base}.{ext}" if n == 1 else f"{base}-trang-{n}.{ext}")

    def archive(self, year: int, n: int = 1) -> str:
        return self._(f"lich/luu-tru/{year}" + (".html" if n == 1 else f"-trang-{n}.html"))

    def archive_feed(self, year: int) -> str:
        """The activities of a past year that left the subscription feeds, as an iCalendar file
        (beside the year's archive page)."""
        return self._(f"lich/luu-tru/{year}.ics")

    def agenda(self, village_id: str | None = None) -> str:
        """"Tuần này": today and the coming days with every session; one page per village
        (``lich/tuan-nay/<bản>.html``, in the section of the village's unit)."""
        return self._("lich/tuan-nay.html" if village_id is None else f"lich/tuan-nay/{village_id}.html")

    def village_feed(self, village_id: str) -> str:
        """One village's activities as an iCalendar feed (in the section of the village's unit)."""
        return self._(f"lich/ban/{village_id}.ics")

    # -- clubs and classes ---------------------------------------------------------------------
    def clubs_index(self) -> str:
        return self._("cau-lac-bo/index.html")

    def courses_index(self) -> str:
        return self._("lop-hoc/index.html")

    def open_courses(self) -> str:
        return self._("lop-hoc/dang-mo.html")

    def clubs_page(self, n: int) -> str:
        """Page ``n`` of the list of clubs and classes (page 1 is the index). Later pages are in a
        folder of their own, so no club id can take their path."""
        return self.clubs_index() if n == 1 else self._(f"cau-lac-bo/tat-ca/trang-{n}.html")

    def courses_page(self, n: int) -> str:
        """Page ``n`` of the list of classes (page 1 is ``lop-hoc/index.html``)."""
        return self.courses_index() if n == 1 else self._(f"lop-hoc/tat-ca/trang-{n}.html")

    def open_courses_page(self, n: int) -> str:
        """Page ``n`` of the classes open for registration."""
        return self.open_courses() if n == 1 else self._(f"lop-hoc/dang-mo/trang-{n}.html")

    def club_facet_page(self, group: str, value: str, n: int) -> str:
        """Page ``n`` of a filtered listing (page 1 is ``club_facet``)."""
        return self.club_facet(group, value) if n == 1 else self._(f"cau-lac-bo/{group}/{value}/trang-{n}.html")

    def club(self, folder: str, club_id: str, ext: str = "html") -> str:
        """A club (``folder`` cau-lac-bo) or class (lop-hoc) page, or its ``.ics``."""
        return self._(f"{folder}/{club_id}.{ext}")

    def club_facet(self, group: str, value: str) -> str:
        """A filtered listing: ``group`` is loai, ban or thu."""
        return self._(f"cau-lac-bo/{group}/{value}.html")

    # -- venues (nhà văn hóa) ------------------------------------------------------------------
    def venues_index(self) -> str:
        """The venues of the hub (its units, with counts) or of a unit's section."""
        return self._("nha-van-hoa/index.html")

    def venue(self, venue_id: str, ext: str = "html") -> str:
        """A venue's page, or its ``.ics`` (one address in the hub, like clubs)."""
        return self._(f"nha-van-hoa/{venue_id}.{ext}")

    def venue_village(self, village_id: str) -> str:
        """The venues of one village in a unit's listing (a static filter page)."""
        return self._(f"nha-van-hoa/ban/{village_id}.html")

    # -- plan sections carried out -------------------------------------------------------------
    def plan_section_work(self, plan_id: str, anchor: str) -> str:
        """Everything that cites one plan section (``ke_hoach: plan#II.1``), by year."""
        return self._(f"ke-hoach/thuc-hien/{plan_id}/{anchor}.html")

    # -- news ----------------------------------------------------------------------------------
    def news_index(self, n: int = 1) -> str:
        return self._("tin-tuc/index.html" if n == 1 else f"tin-tuc/trang-{n}.html")

    def news_category(self, category_id: str, n: int = 1) -> str:
        base = f"tin-tuc/chuyen-muc/{category_id}"
        return self._(f"{base}.html" if n == 1 else f"{base}-trang-{n}.html")

    def news_author(self, author_slug: str, n: int = 1) -> str:
        return self._(f"tin-tuc/tac-gia/{author_slug}" + (".html" if n == 1 else f"-trang-{n}.html"))

    def news_archive(self) -> str:
        return self._("tin-tuc/luu-tru/index.html")

    def news_year(self, year: int) -> str:
        return self._(f"tin-tuc/luu-tru/{year}.html")

    def news_month(self, year: int, month: int, n: int = 1) -> str:
        return self._(f"tin-tuc/luu-tru/{year}-{month:02d}" + (".html" if n == 1 else f"-trang-{n}.html"))

    def news_feed(self, kind: str, category_id: str | None = None) -> str:
        """``tin-tuc/rss.xml``, ``tin-tuc/chuyen-muc/doc-sach/atom.xml``; kind is "rss" or "atom"."""
        folder = f"tin-tuc/chuyen-muc/{category_id}" if category_id else "tin-tuc"
        return self._(f"{folder}/{kind}.xml")

    # -- reports -------------------------------------------------------------------------------
    def reports_index(self) -> str:
        return self._("bao-cao/index.html")

    def report(self, year: int, ext: str = "html") -> str:
        """A year's report page, or its ``csv``."""
        return self._(f"bao-cao/{year}.{ext}")

    def report_activities(self, year: int, n: int = 1) -> str:
        """Page ``n`` of the full list of a year's activities (the report page shows the first few)."""
        return self._(f"bao-cao/hoat-dong/{year}" + (".html" if n == 1 else f"-trang-{n}.html"))

    def report_summary(self) -> str:
        return self._("bao-cao/thong-ke.json")

    def report_sheet(self, year: int) -> str:
        """A year's one-page A4 summary (bản tóm tắt) that staff attach to their report."""
        return self._(f"bao-cao/tom-tat/{year}.html")

    # -- documents (van-ban) ---------------------------------------------------------------------
    def documents_index(self, n: int = 1) -> str:
        return self._("van-ban/index.html" if n == 1 else f"van-ban/trang-{n}.html")

    def document(self, document_id: str) -> str:
        return self._(f"van-ban/{document_id}.html")

    def document_facet(self, group: str, value: str, n: int = 1) -> str:
        """A filtered list of documents: ``group`` is loai, co-quan, nam or don-vi."""
        return self._(f"van-ban/{group}/{value}.html" if n == 1 else f"van-ban/{group}/{value}-trang-{n}.html")

    # -- bodies and their tasks (phan-cong) ------------------------------------------------------
    def bodies_index(self) -> str:
        return self._("phan-cong/index.html")

    def body(self, body_id: str, n: int = 1) -> str:
        return self._(f"phan-cong/{body_id}.html" if n == 1 else f"phan-cong/{body_id}-trang-{n}.html")

    def bodies_page(self, n: int) -> str:
        """Page n of the list of bodies (page 1 is the index)."""
        return self.bodies_index() if n == 1 else self._(f"phan-cong/trang-{n}.html")

    def plan_assignments(self, plan_id: str) -> str:
        """Who does what under each section of one plan."""
        return self._(f"phan-cong/ke-hoach/{plan_id}.html")

    # -- honour roll (vinh-danh) -----------------------------------------------------------------
    def honours_index(self) -> str:
        return self._("vinh-danh/index.html")

    def honours_year(self, year: int, n: int = 1) -> str:
        return self._(f"vinh-danh/nam/{year}.html" if n == 1 else f"vinh-danh/nam/{year}-trang-{n}.html")

    def honours_kind(self, kind: str, n: int = 1) -> str:
        return self._(f"vinh-danh/loai/{kind}.html" if n == 1 else f"vinh-danh/loai/{kind}-trang-{n}.html")

    # -- learning-needs surveys (khao-sat) ----------------------------------------------------------
    def surveys_index(self, n: int = 1) -> str:
        """The surveys of the hub, or of a unit's section (page ``n`` of the listing)."""
        return self._("khao-sat/index.html" if n == 1 else f"khao-sat/trang-{n}.html")

    def survey(self, survey_id: str) -> str:
        return self._(f"khao-sat/{survey_id}.html")

    # -- self-assessment and ranking (danh-gia) -----------------------------------------------------
    def assessments_index(self) -> str:
        """The hub's overview, or a unit's history (and its centres' ranking years for a parent)."""
        return self._("danh-gia/index.html")

    def assessment(self, assessment_id: str) -> str:
        """One centre's self-assessment of one year."""
        return self._(f"danh-gia/{assessment_id}.html")

    def criteria(self, criteria_id: str) -> str:
        """A ranking guide: criterion groups, criteria, maximum points, rank thresholds."""
        return self._(f"danh-gia/tieu-chi/{criteria_id}.html")

    def ranking(self, year: int) -> str:
        """A parent unit's ranking table of its centres for one year."""
        return self._(f"danh-gia/xep-hang-{year}.html")


urls = Urls()
