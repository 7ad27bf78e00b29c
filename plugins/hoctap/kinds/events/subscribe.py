"""Subscribing to a feed: the links (webcal for Apple, Google's ``cid=``, Outlook's
``addfromweb``), the QR code and the subscribe block shown on club, class, category and village
pages. The subscription page (``lich/dang-ky.html``) is made of the same pieces
(``templates/fragments/_subscribe_macros.html``)."""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlparse

import segno

from ...core import textcache
from ...core.render import render
from ...core.urls import Urls, absolute, relative


def webcal(url: str) -> str:
    parsed = urlparse(url)
    return "webcal://" + parsed.netloc + parsed.path


def feed_links(site_url: str, src_uri: str, path: str, name: str) -> dict:
    """Everything a subscribe control needs for the feed at ``path``, seen from ``src_uri``."""
    url = absolute(site_url, path)
    return {"name": name, "url": url, "webcal": webcal(url), "href": relative(src_uri, path),
            "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal(url), safe=""),
            "outlook": "https://outlook.live.com/calendar/0/addfromweb?" + urlencode(
                {"url": url, "name": name}, quote_via=quote)}


def qr_code(url: str) -> segno.QRCode:
    """segno's QR code of ``url`` (error correction M). Choosing the mask (segno scores all eight)
    is most of the time a code takes, and a hub shows hundreds: the chosen mask is kept between
    runs (``textcache``); segno encodes the address on every call, so a kept value can only ever
    pick one of the eight valid masks."""
    cache = textcache.current()
    mask = cache.peek("qr-mask", url)
    if isinstance(mask, int) and not isinstance(mask, bool) and 0 <= mask <= 7:
        return segno.make(url, error="m", mask=mask)
    code = segno.make(url, error="m")
    cache.put("qr-mask", url, code.mask)
    return code


def qr_svg(url: str) -> str:
    return qr_code(url).svg_inline(scale=4, dark="#000", light="#fff", title="Mã QR địa chỉ lịch")


def subscribe_block(hub, src_uri: str, path: str, name: str, heading: str, u: Urls) -> str:
    """The subscribe block of a page about one feed (a club, a class, a category, a village):
    the address with a copy button, Google Lịch, iPhone (webcal), the .ics file, a QR code and
    a link to the subscription page's instructions."""
    feed = feed_links(hub.site_url, src_uri, path, name)
    return render("subscribe_block.html", feed=feed, heading=heading, qr_svg=qr_svg(feed["url"]),
                  help_href=relative(src_uri, u.subscribe()))
