"""One club's page and the club listing in a real browser (the shared ``browser`` fixture: Debian chromium
through Playwright), opened from file:// as from a USB copy."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

# The browser's clock is fixed on the morning of 21/04/2026, so the page's own script (which hides
# sessions already over) sees a "now" matching the test build and no test depends on the real date.
NOW = datetime(2026, 4, 21, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _page(browser, javascript=True):
    context = browser.new_context(java_script_enabled=javascript)
    context.route("http*://**", lambda route: route.abort())   # the site must not need the network
    page = context.new_page()
    if javascript:
        page.clock.install(time=NOW)
    return context, page


def test_club_page_shows_next_three_sessions_and_a_phone_link(browser, built_site):
    context, page = _page(browser)
    page.goto((built_site / "cau-lac-bo" / "van-nghe-ban-lan.html").as_uri())
    assert page.locator("h1").first.inner_text() == "Câu lạc bộ Văn nghệ bản Lán"
    sessions = page.locator("[data-hoctap-next-sessions] li:visible time")
    assert sessions.all_inner_texts() == ["Thứ Ba, 21/04/2026, 19:30–21:00", "Thứ Sáu, 24/04/2026, 19:30–21:00",
                                          "Thứ Ba, 28/04/2026, 19:30–21:00"]
    for i in range(3):
        assert sessions.nth(i).is_visible()
    tel = page.locator("article a[href^='tel:']").first
    assert tel.is_visible() and tel.get_attribute("href") == "tel:+84912000011"
    assert page.locator("article a[href='https://zalo.me/0912000011']").is_visible()
    context.close()


def test_call_and_zalo_are_large_tap_targets_on_a_phone(browser, built_site):
    """Issue #14: on a 360 px screen the call and Zalo links are at least 44 × 44 px (WCAG 2.5.8
    asks 24 px; older residents tap them with a thumb)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    context.route("http*://**", lambda route: route.abort())
    page = context.new_page()
    measured = set()
    for club in sorted((built_site / "cau-lac-bo").glob("*.html"))[:8]:
        page.goto(club.as_uri())
        links = page.locator("article .hoctap-club__contact a")
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44, (club.name, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (club.name, box)
            measured.add(links.nth(i).get_attribute("href").split(":")[0])
    assert measured == {"tel", "https"}, measured                 # call and Zalo links both measured
    context.close()


def _visible_cards(page) -> list[str]:
    return sorted(page.eval_on_selector_all(
        "[data-hoctap-card]", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.ma)"))


def test_listing_filters_in_place_with_javascript(browser, built_site):
    context, page = _page(browser)
    url = (built_site / "cau-lac-bo" / "index.html").as_uri()
    page.goto(url)
    everything = _visible_cards(page)
    from conftest import ROOT
    files = sorted(p.stem for kind in ("cau-lac-bo", "lop-hoc") for p in ROOT.glob(f"events/*/{kind}/*.yaml"))
    assert everything == files                                    # every club and class, once
    bar = page.locator("nav[data-hoctap-facets]")
    bar.get_by_role("link", name="Bản Lán").click()
    assert page.url == url                                        # filtered in place, no navigation
    assert _visible_cards(page) == ["mua-xoe-thieu-nhi-2026", "van-nghe-ban-lan"]
    bar.get_by_role("link", name="Thứ Ba").click()                # combined with the village
    assert _visible_cards(page) == ["van-nghe-ban-lan"]
    status = page.locator("[data-hoctap-clubs-status]")
    assert status.is_visible() and "Bản Lán" in status.inner_text() and "Thứ Ba" in status.inner_text()
    assert page.locator("#ds-lop-hoc .hoctap-empty").is_visible()  # no class left in that section
    bar.get_by_role("link", name="Lớp đang mở đăng ký").click()
    assert _visible_cards(page) == []
    bar.get_by_role("link", name="Tất cả").click()
    assert _visible_cards(page) == everything
    assert not status.is_visible()
    context.close()


def test_facet_counts_follow_the_filter(browser, built_site):
    """Issue #14: once a village is chosen, each other chip's count is what clicking it would show."""
    context, page = _page(browser)
    page.goto((built_site / "cau-lac-bo" / "index.html").as_uri())
    bar = page.locator("nav[data-hoctap-facets]")
    bar.get_by_role("link", name="Bản Lán").click()
    checked = 0
    for group in ("day", "kind"):
        chips = bar.locator(f"a[data-facet-group='{group}']")
        for i in range(chips.count()):
            chip = chips.nth(i)
            shown = int(chip.locator(".hoctap-facets__count").inner_text().strip("()"))
            chip.click()
            assert len(_visible_cards(page)) == shown, chip.inner_text()
            chip.click()                                          # a second click clears it
            checked += 1
    assert checked >= 3
    context.close()


def test_listing_filters_by_following_links_without_javascript(browser, built_site):
    context, page = _page(browser, javascript=False)
    page.goto((built_site / "cau-lac-bo" / "index.html").as_uri())
    page.locator("nav.hoctap-facets").get_by_role("link", name="Bản Lán").click()
    page.wait_for_load_state()
    assert page.url.endswith("/cau-lac-bo/ban/ban-lan.html")
    assert _visible_cards(page) == ["mua-xoe-thieu-nhi-2026", "van-nghe-ban-lan"]
    context.close()
