"""Venue pages: one page and one ``.ics`` per venue, a listing per unit (``nha-van-hoa/index``
of the unit's section, or of the site in a hub of one unit) with static village filter pages,
and in a hub of several units an overview of the units with their number of venues."""

from __future__ import annotations

from functools import partial

from ...core import search
from ...core.outputs import GeneratedFile, GeneratedPage, Outputs
from ...core.render import markdown_html, render
from ...core.urls import Urls, page_source, relative, urls
from ...site.hub import Hub
from ...site.units import Scope, unit_label, unit_scope
from ..clubs.model import load_clubs
from ..clubs.pages import zalo_href
from ..events.ics import write_ics
from ..events.pages import map_link, view
from .model import CENTRE, CENTRE_NAME, INTERNET_LABELS, KIND_LABELS, VenueEntry, load_venues

UPCOMING_LIMIT = 8     # upcoming activities on a venue's page (the .ics has them all)


# -- labels and links ----------------------------------------------------------------------------

def village_name(hub: Hub, venue: VenueEntry) -> str:
    unit = hub.unit(venue.unit)
    village = unit.village(venue.item.village) if venue.item.village and unit else None
    return village.name if village else CENTRE_NAME


def map_links(venue: VenueEntry) -> list[tuple[str, str]]:
    """Links that open the venue in a map app: never a map drawn from another host on the page."""
    c = venue.item.coordinates
    if c is None:
        return []
    return [(f"geo:{c.lat},{c.lon}", "Mở bằng ứng dụng bản đồ trên điện thoại"),
            (map_link(venue.location()), "Xem trên OpenStreetMap"),
            (f"https://www.google.com/maps/search/?api=1&query={c.lat},{c.lon}", "Xem trên Google Maps")]


def facilities(venue: VenueEntry) -> list[tuple[str, str]]:
    """(label, text) of what the venue offers."""
    f = venue.item.facilities
    if f is None:
        return []
    out = []
    if f.hall_seats:
        out.append(("Hội trường", f"{f.hall_seats} chỗ ngồi"))
    if f.library is not None:
        lib = f.library
        parts = [f"{lib.books} đầu sách" if lib.books is not None else "Có tủ sách",
                 "cho mượn về nhà" if lib.lending else "đọc tại chỗ"]
        if lib.note:
            parts.append(lib.note)
        out.append(("Thư viện, tủ sách", ", ".join(parts)))
    if f.equipment:
        out.append(("Trang thiết bị", ", ".join(f.equipment)))
    if f.internet:
        out.append(("Internet", INTERNET_LABELS[f.internet]))
    return out


def sample_notice(hub: Hub, venue: VenueEntry) -> str:
    unit = hub.unit(venue.unit)
    if venue.item.sample or (unit is not None and unit.sample):
        return "Dữ liệu mẫu — nhà văn hóa minh họa, không phải thông tin thật."
    if venue.item.sample_details:
        return ("Dữ liệu mẫu — nơi này có thật, nhưng địa chỉ, tọa độ, giờ mở cửa, cơ sở vật chất và "
                "liên hệ dưới đây là minh họa, chưa phải thông tin thật.")
    return ""


def _events_at(hub: Hub, venue: VenueEntry) -> list:
    return [e for e in hub.calendar.events.values() if e.source.venue == venue.id]


def upcoming_at(hub: Hub, venue: VenueEntry, limit: int = UPCOMING_LIMIT) -> list:
    """The next activities held at the venue (club and class sessions are listed as clubs)."""
    ids = {e.source.id for e in _events_at(hub, venue)} - hub.calendar.routine
    items = [o for o in hub.calendar.occurrences if o.event.source.id in ids and o.end_day >= hub.today]
    return items[:limit]


def clubs_at(hub: Hub, venue: VenueEntry) -> list:
    if "clubs" not in hub.extras:
        return []
    return [x for x in load_clubs(hub).listings if x.item.venue == venue.id]


def _venue_scope(hub: Hub, venue: VenueEntry) -> Scope:
    """The section whose listing a venue belongs to: its unit's, or the site's in a hub of one."""
    unit = hub.unit(venue.unit)
    if hub.config.multi and unit is not None:
        return unit_scope(hub.config, unit)
    return hub.scope


# -- pages --------------------------------------------------------------------------------------

def card(hub: Hub, venue: VenueEntry, src_uri: str) -> dict:
    upcoming = upcoming_at(hub, venue, 1)
    return {
        "venue": venue, "item": venue.item, "href": relative(src_uri, venue.url),
        "kind_label": KIND_LABELS[venue.item.kind], "village": village_name(hub, venue),
        "facilities": facilities(venue), "sample": sample_notice(hub, venue),
        "next": view(hub, upcoming[0], src_uri) if upcoming else None,
        "clubs": len(clubs_at(hub, venue)),
    }


def venue_page(hub: Hub, venue: VenueEntry) -> GeneratedPage:
    item = venue.item
    src_uri = page_source(venue.url)
    scope = _venue_scope(hub, venue)
    contact = item.contact

    def html():
        return render(
            "venue_page.html", venue=venue, item=item, kind_label=KIND_LABELS[item.kind],
            village=village_name(hub, venue),
            village_href=relative(src_uri, scope.urls.venue_village(venue.village_facet)),
            unit=unit_label(hub.unit(venue.unit)) if hub.config.multi and hub.unit(venue.unit) else "",
            unit_href=relative(src_uri, scope.urls.home()) if hub.config.multi and not scope.is_root else None,
            sample=sample_notice(hub, venue), maps=map_links(venue), facilities=facilities(venue),
            contact=contact, zalo=zalo_href(contact.zalo) if contact and contact.zalo else None,
            upcoming=[view(hub, o, src_uri) for o in upcoming_at(hub, venue)],
            clubs=[(x.item.name, x.kind_label, relative(src_uri, x.url)) for x in clubs_at(hub, venue)],
            photos=[(relative(src_uri, p.file), p.caption) for p in item.photos],
            description_html=markdown_html(item.description),
            # RFC 5545 wants at least one event in a calendar: a venue without any has no feed yet.
            ics_href=relative(src_uri, venue.ics_path) if _events_at(hub, venue) else None,
            calendar_href=relative(src_uri, scope.urls.calendar_index()),
            back_href=relative(src_uri, scope.urls.venues_index()),
            today=hub.today,
        )
    summary = f"{KIND_LABELS[item.kind]} – {village_name(hub, venue)}" + (f", {item.address}" if item.address else "") + "."
    return GeneratedPage(src_uri, item.name, html, summary, {"hoctap_kind": "venue"},
                         source=hub.source_of(venue.path))


def _villages(hub: Hub, unit, venues: list[VenueEntry]) -> list[tuple[str, str]]:
    """(facet id, label) of the unit's villages, and the commune centre when a venue has no village."""
    out = [(v.id, v.name) for v in unit.villages] if unit is not None else []
    if any(v.village_facet == CENTRE for v in venues) or not out:
        out.insert(0, (CENTRE, CENTRE_NAME))
    return out


def _unit_listing(hub: Hub, scope: Scope, venues: list[VenueEntry], src_uri: str,
                  current: str | None) -> str:
    unit = scope.unit
    own = [v for v in venues if v.unit == (unit.id if unit else None)]
    shown = [v for v in own if current is None or v.village_facet == current]
    facets = [{"label": label, "count": sum(1 for v in own if v.village_facet == fid),
               "href": relative(src_uri, scope.urls.venue_village(fid)), "current": fid == current}
              for fid, label in _villages(hub, unit, own)]
    children = []
    if unit is not None and hub.config.multi:
        for child in hub.config.children(unit.id):
            children.append((unit_label(child), relative(src_uri, unit_scope(hub.config, child).urls.venues_index()),
                             sum(1 for v in venues if v.unit == child.id)))
    current_label = next((label for fid, label in _villages(hub, unit, own) if fid == current), "")
    return render("venue_listing.html", cards=[card(hub, v, src_uri) for v in shown], facets=facets,
                  all_href=relative(src_uri, scope.urls.venues_index()), is_all=current is None,
                  current_label=current_label, children=children,
                  unit_filter=hub.unit_filter(src_uri, Urls.venues_index, scope) if current is None else [],
                  sample_unit=bool(unit and unit.sample))


def _overview(hub: Hub, venues: list[VenueEntry], src_uri: str) -> str:
    """The hub of several units: each unit with its number of venues (the venues are on the units'
    listings, so this page does not grow with the venues)."""
    rows = []

    def walk(unit, depth: int) -> None:
        rows.append({"label": unit_label(unit), "depth": depth,
                     "href": relative(src_uri, unit_scope(hub.config, unit).urls.venues_index()),
                     "count": sum(1 for v in venues if v.unit == unit.id)})
        for child in hub.config.children(unit.id):
            walk(child, depth + 1)
    for unit in hub.config.units:
        if unit.parent is None or hub.config.unit_by_id(unit.parent) is None:
            walk(unit, 0)
    return render("venue_overview.html", rows=rows,
                  unit_filter=hub.unit_filter(src_uri, Urls.venues_index, hub.scope))


def render_venues(hub: Hub) -> Outputs:
    out = Outputs()
    index = load_venues(hub)
    names = {c.id: c.name for c in hub.config.categories}
    refresh = hub.config.calendar.refresh_hours
    for venue in index.venues:
        out.pages.append(venue_page(hub, venue))
        unit = hub.unit(venue.unit)
        if not _events_at(hub, venue):
            continue
        out.files.append(GeneratedFile(venue.ics_path, partial(write_ics,
            venue.name, f"Hoạt động tại {venue.name}" + (f" – {unit.name}" if unit else ""),
            _events_at(hub, venue), hub.calendar, hub.site_url, names, refresh, venue.ics_path)))
    for scope in hub.scopes():
        src_uri = page_source(scope.urls.venues_index())
        if scope.unit is None:
            html = partial(_overview, hub, index.venues, src_uri)
            out.pages.append(GeneratedPage(src_uri, "Nhà văn hóa, điểm học tập", html,
                                           f"Nhà văn hóa và điểm học tập của các đơn vị thuộc {hub.site_name}.",
                                           {"hoctap_kind": "venue-list"}))
            continue
        title = f"Nhà văn hóa, điểm học tập – {scope.unit.name}"
        out.pages.append(GeneratedPage(src_uri, title, partial(_unit_listing, hub, scope, index.venues, src_uri, None),
                                       f"Nhà văn hóa và điểm học tập của {scope.unit.name}: địa chỉ, giờ mở cửa, "
                                       "cơ sở vật chất, hoạt động sắp tới.", {"hoctap_kind": "venue-list"}))
        own = [v for v in index.venues if v.unit == scope.unit.id]
        for fid, label in _villages(hub, scope.unit, own):
            facet_uri = page_source(scope.urls.venue_village(fid))
            out.pages.append(GeneratedPage(
                facet_uri, f"Nhà văn hóa – {label} ({scope.unit.name})",
                partial(_unit_listing, hub, scope, index.venues, facet_uri, fid),
                f"Nhà văn hóa, điểm học tập ở {label}, {scope.unit.name}.", {"hoctap_kind": "venue-list"}))
    return out


def search_entries(hub: Hub) -> list:
    """One search entry per venue: its name, kind, village and address (a resident looks for
    "nhà văn hóa bản Púng")."""
    out = []
    for venue in load_venues(hub).venues:
        item = venue.item
        out.append(search.Entry(
            title=item.name, type="nhà văn hóa", url=venue.url,
            place=search.search_join(item.address or "", village_name(hub, venue)),
            keywords=KIND_LABELS.get(item.kind, ""),
            summary=search.shorten(search.plain(item.description)),
            group=search.group_of(hub, venue.path)))
    return out
