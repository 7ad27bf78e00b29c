"""The weekly loudspeaker bulletin (bản tin truyền thanh, issue #15 point 4): the week's
activities written to be read aloud, days, times and numbers in words, as a page and a .txt per
unit section and week (the build day is Tuesday 21/04/2026: the weeks of 20/04 and 27/04)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from hoctap.core.timezone import TZ
from hoctap.core.urls import Urls
from hoctap.kinds.events.bulletin import spoken_day, spoken_text, spoken_time

UNIT = Urls("don-vi/vieng-lan/")
WEEK = date(2026, 4, 20)


def test_bulletin_paths_have_the_scheme():
    assert UNIT.bulletin(WEEK) == "don-vi/vieng-lan/lich/ban-tin/2026-04-20.html"
    assert Urls().bulletin(WEEK, "txt") == "lich/ban-tin/2026-04-20.txt"


def test_days_and_times_in_words():
    assert spoken_day(date(2026, 4, 21)) == "thứ Ba, ngày hai mươi mốt tháng Tư"
    assert spoken_day(date(2026, 4, 4)) == "thứ Bảy, ngày mùng bốn tháng Tư"
    assert spoken_day(date(2026, 11, 15)) == "Chủ nhật, ngày mười lăm tháng Mười một"
    assert spoken_day(date(2026, 1, 31)) == "thứ Bảy, ngày ba mươi mốt tháng Một"
    assert spoken_time(datetime(2026, 4, 21, 7, 30, tzinfo=TZ)) == "bảy giờ rưỡi sáng"
    assert spoken_time(datetime(2026, 4, 21, 19, 0, tzinfo=TZ)) == "bảy giờ tối"
    assert spoken_time(datetime(2026, 4, 21, 12, 15, tzinfo=TZ)) == "mười hai giờ mười lăm phút trưa"
    assert spoken_time(datetime(2026, 4, 21, 16, 45, tzinfo=TZ)) == "bốn giờ bốn mươi lăm phút chiều"
    assert spoken_text("Hội trường UBND xã, số 12") == "Hội trường Ủy ban nhân dân xã, số mười hai"


def _txt(site: Path, monday: date = WEEK) -> str:
    return (site / UNIT.bulletin(monday, "txt")).read_text(encoding="utf-8")


def test_bulletin_reads_the_weeks_activities_aloud(built_site):
    paragraphs = _txt(built_site).split("\n\n")
    # hoi-sach-2026 (events/vieng-lan/hoat-dong-2026.yaml): 21/04/2026 07:30–16:30, a sample event.
    assert ("Hội sách và Ngày hội đọc sách của xã: thứ Ba, ngày hai mươi mốt tháng Tư, từ bảy giờ rưỡi sáng "
            "đến bốn giờ rưỡi chiều, tại Nhà văn hóa trung tâm xã, Trung tâm xã Viêng Lán.") in paragraphs
    assert ("Kính thưa bà con, sau đây là lịch hoạt động tuần này, từ thứ Hai, ngày hai mươi tháng Tư "
            "đến Chủ nhật, ngày hai mươi sáu tháng Tư.") in paragraphs
    # A club once, with its weekdays (events/vieng-lan/cau-lac-bo: Tuesdays and Fridays 19:30–21:00).
    assert ("Câu lạc bộ Văn nghệ bản Lán: thứ Ba và thứ Sáu, từ bảy giờ rưỡi tối đến chín giờ tối, "
            "tại Nhà văn hóa bản Lán, Bản Lán, xã Viêng Lán.") in paragraphs
    assert sum("Văn nghệ bản Lán" in p for p in paragraphs) == 1
    # The sample event is marked as sample in the text too.
    assert paragraphs[0].startswith("(Dữ liệu mẫu")


def test_bulletin_has_no_figures_left_to_read(built_site):
    for monday in (WEEK, date(2026, 4, 27)):
        text = _txt(built_site, monday)
        assert not re.search(r"\d", text), re.findall(r".{20}\d.{20}", text)


def test_page_and_text_say_the_same(built_site):
    soup = BeautifulSoup((built_site / UNIT.bulletin(WEEK)).read_text(encoding="utf-8"), "html.parser")
    page = [p.get_text() for p in soup.select(".hoctap-bulletin__text p")]
    text = [p.strip() for p in _txt(built_site).split("\n\n")]
    assert [" ".join(p.split()) for p in page] == [" ".join(p.split()) for p in text]
    assert soup.select_one("[data-sample=true]") is not None
    link = soup.find("a", download=True)
    assert (built_site / UNIT.bulletin(WEEK)).parent.joinpath(link["href"]).resolve() == \
        (built_site / UNIT.bulletin(WEEK, "txt")).resolve()


def test_the_units_week_page_links_the_bulletin(built_site):
    agenda = UNIT.agenda()
    soup = BeautifulSoup((built_site / agenda).read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a", string="Bản tin truyền thanh tuần này")
    assert (built_site / agenda).parent.joinpath(link["href"]).resolve() == (built_site / UNIT.bulletin(WEEK)).resolve()
