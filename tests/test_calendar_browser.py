"""The calendar in a real browser: past occurrences disappear even weeks after the build."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def visible_titles(page):
    return page.eval_on_selector_all(
        "[data-hoctap-upcoming] .hoctap-occ:not([hidden]) .hoctap-occ__title",
        "els => els.map(e => e.textContent.trim())")


def open_at(browser, url, moment, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.clock.install(time=moment)
    page.goto(url)
    return context, page


def test_build_day_shows_the_day_events(browser, served_site):
    context, page = open_at(browser, served_site + "lich/index.html", datetime(2026, 4, 21, 8, 0, tzinfo=VN))
    titles = visible_titles(page)
    assert "Hội sách và Ngày hội đọc sách của xã" in titles
    assert "Ngày Sách và Văn hóa đọc Việt Nam" in titles
    context.close()


def test_events_that_ended_since_the_build_are_hidden(browser, served_site):
    # Built on 21/04/2026; read on 01/05/2026: April items are over.
    context, page = open_at(browser, served_site + "lich/index.html", datetime(2026, 5, 1, 9, 0, tzinfo=VN))
    titles = visible_titles(page)
    assert "Hội sách và Ngày hội đọc sách của xã" not in titles
    assert "Giỗ Tổ Hùng Vương" not in titles            # 26/04/2026
    assert "Ngày Quốc tế Bảo tàng" in titles             # 18/05/2026
    april = page.locator(".hoctap-month-group", has_text="Tháng 4/2026")
    assert april.is_hidden()
    context.close()


def test_timed_event_hidden_only_after_it_ends(browser, served_site):
    url = served_site + "index.html"
    context, page = open_at(browser, url, datetime(2026, 4, 21, 16, 0, tzinfo=VN))
    assert "Hội sách và Ngày hội đọc sách của xã" in visible_titles(page)
    context.close()
    context, page = open_at(browser, url, datetime(2026, 4, 21, 16, 45, tzinfo=VN))
    assert "Hội sách và Ngày hội đọc sách của xã" not in visible_titles(page)
    context.close()


def test_month_page_is_a_list_on_phones_and_a_grid_on_wide_screens(browser, served_site):
    url = served_site + "lich/thang/2026-04.html"
    context, page = open_at(browser, url, datetime(2026, 4, 21, 8, 0, tzinfo=VN), width=360)
    assert page.locator(".hoctap-grid").is_hidden()
    assert page.locator(".hoctap-month__list").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    context.close()
    context, page = open_at(browser, url, datetime(2026, 4, 21, 8, 0, tzinfo=VN), width=1280)
    assert page.locator(".hoctap-grid").is_visible()
    assert page.locator(".hoctap-month__list").is_hidden()
    context.close()


def test_subscribe_copy_button(browser, served_site):
    context, page = open_at(browser, served_site + "lich/dang-ky.html", datetime(2026, 4, 21, 8, 0, tzinfo=VN))
    from playwright.sync_api import expect

    page.click("[data-hoctap-copy]")
    expect(page.locator(".hoctap-copied")).to_have_text("Đã sao chép.")
    context.close()
