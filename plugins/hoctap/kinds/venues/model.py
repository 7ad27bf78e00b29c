"""Venues (nhà văn hóa, điểm học tập): ``events/<unit>/nha-van-hoa/<ma>.yaml``, one per file.

Each culture house or learning place of a unit: name, village, address, coordinates (shown as
links to map apps, never as tiles from another host), opening hours, facilities, contact and
photos (files under content/). Events, clubs and classes name one with ``nha_van_hoa: <ma>``
(a venue of their own unit or of an ancestor unit, checked by ``site.rules.check_venue``); its
name, address and coordinates then become their place in pages and feeds.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from ...core.publishing import resource_problem
from ...core.sources import Located
from ...core.values import Phone, SingleLine, Slug, Text, one_or_many, slugify
from ...site import rules
from ...site.config import Strict
from ..events.model import Coordinates, Location

FOLDER = "nha-van-hoa"           # inside each unit's events folder
CENTRE = "trung-tam-xa"          # village facet of the venues with ``ban: null``
CENTRE_NAME = "Trung tâm xã"
RESERVED_IDS = {"index", "ban"}

KIND_LABELS = {"trung_tam": "Nhà văn hóa trung tâm xã", "nha_van_hoa": "Nhà văn hóa bản",
               "diem_hoc_tap": "Điểm học tập cộng đồng"}
INTERNET_LABELS = {"wifi": "Có Wi-Fi miễn phí", "co_day": "Có mạng có dây (máy tính dùng chung)",
                   "khong": "Chưa có mạng"}


class Library(Strict):
    books: int | None = Field(None, alias="so_dau_sach", ge=0)
    lending: bool = Field(False, alias="cho_muon")
    note: SingleLine = Field("", alias="ghi_chu")


class Facilities(Strict):
    hall_seats: int | None = Field(None, alias="suc_chua_hoi_truong", ge=0, le=100000)
    library: Library | None = Field(None, alias="thu_vien")
    equipment: tuple[SingleLine, ...] = Field((), alias="thiet_bi")
    internet: Literal["wifi", "co_day", "khong"] | None = Field(None, alias="internet")

    _one_or_many = field_validator("equipment", mode="before")(one_or_many)


class VenueContact(Strict):
    name: SingleLine | None = Field(None, alias="ho_ten")
    role: SingleLine | None = Field(None, alias="chuc_vu")
    phone: Phone | None = Field(None, alias="dien_thoai")
    zalo: Phone | None = Field(None, alias="zalo")


class VenuePhoto(Strict):
    file: SingleLine = Field(alias="tep", min_length=1)
    caption: SingleLine = Field("", alias="chu_thich")


class Venue(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    kind: Literal["trung_tam", "nha_van_hoa", "diem_hoc_tap"] = Field("nha_van_hoa", alias="loai")
    village: SingleLine | None = Field(None, alias="ban")
    address: SingleLine | None = Field(None, alias="dia_chi")
    coordinates: Coordinates | None = Field(None, alias="toa_do")
    hours: tuple[SingleLine, ...] = Field((), alias="gio_mo_cua")
    facilities: Facilities | None = Field(None, alias="co_so_vat_chat")
    contact: VenueContact | None = Field(None, alias="lien_he")
    photos: tuple[VenuePhoto, ...] = Field((), alias="anh")
    description: Text = Field("", alias="mo_ta")
    sample: bool = Field(False, alias="mau")                      # invented as a whole
    # A real place whose details (address, coordinates, hours, facilities, contact) are illustrations.
    sample_details: bool = Field(False, alias="thong_tin_mau")

    _one_or_many = field_validator("hours", mode="before")(one_or_many)

    @field_validator("photos", mode="before")
    @classmethod
    def _photo_paths(cls, value):
        if isinstance(value, list):
            return [{"tep": v} if isinstance(v, str) else v for v in value]
        return value

    def location(self) -> Location:
        """The place events and clubs that name this venue take (pages, LOCATION, GEO)."""
        return Location.model_validate({"ten": self.name, "dia_chi": self.address,
                                        "toa_do": self.coordinates.model_dump(by_alias=True)
                                        if self.coordinates else None})


@dataclass(frozen=True)
class VenueEntry:
    """A validated venue, its file and its unit."""

    item: Venue
    path: Path
    unit: str | None

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def name(self) -> str:
        return self.item.name

    @property
    def url(self) -> str:
        from ...core.urls import urls
        return urls.venue(self.item.id)

    @property
    def ics_path(self) -> str:
        from ...core.urls import urls
        return urls.venue(self.item.id, "ics")

    @property
    def village_facet(self) -> str:
        return self.item.village or CENTRE

    def location(self) -> Location:
        return self.item.location()

    @property
    def sort_key(self) -> tuple:
        # The commune centre first, then by name.
        return (self.item.kind != "trung_tam", slugify(self.item.name), self.item.id)


@dataclass
class VenueIndex:
    venues: list[VenueEntry] = field(default_factory=list)

    def get(self, venue_id: str) -> VenueEntry | None:
        return next((v for v in self.venues if v.id == venue_id), None)

    def of_unit(self, unit_id: str | None) -> list[VenueEntry]:
        return [v for v in self.venues if v.unit == unit_id]


def load_venues(hub) -> VenueIndex:
    """Loader: every venue, validated and checked (village, photos, duplicate ids)."""
    if "venues" in hub.extras:
        return hub.extras["venues"]
    index = VenueIndex()
    hub.extras["venues"] = index
    problems = hub.problems
    seen: dict[str, Path] = {}

    def check(path: Path, located: Located, item: Venue) -> VenueEntry:
        _cross_check(item, located, hub)
        if item.id in seen:
            problems.add(path, located.line_of(("ma",)), "ma",
                         f"Mã '{item.id}' trùng với {problems.rel(seen[item.id])} "
                         "(mã dùng cho địa chỉ trang, phải duy nhất).")
        seen.setdefault(item.id, path)
        return VenueEntry(item, path, hub.unit_of(path))

    index.venues = rules.load_items(hub, "nha-van-hoa", "nhà văn hóa", check)
    index.venues.sort(key=lambda v: v.sort_key)
    return index


def _cross_check(item: Venue, located: Located, hub) -> None:
    problems, path = hub.problems, located.path
    if item.id in RESERVED_IDS:
        problems.add(path, located.line_of(("ma",)), "ma",
                     f"Mã '{item.id}' trùng với tên trang có sẵn; hãy chọn mã khác.")
    rules.check_village(problems, path, located.line_of(("ban",)), hub.config, item.village,
                        note="để trống nếu là nhà văn hóa trung tâm xã", unit=hub.unit(hub.unit_of(path)))
    if item.sample and item.sample_details:
        problems.add(path, located.line_of(("thong_tin_mau",)), "thong_tin_mau",
                     "Chỉ dùng một trong hai: mau (cả nhà văn hóa là minh họa) hoặc thong_tin_mau "
                     "(nơi có thật, chỉ các thông tin chi tiết là minh họa).")
    if item.kind == "trung_tam" and item.village:
        problems.add(path, located.line_of(("ban",)), "ban",
                     "Nhà văn hóa trung tâm xã không thuộc bản nào.", "để ban: null hoặc đổi loai")
    for i, photo in enumerate(item.photos):
        foreign = resource_problem(photo.file)
        if foreign:
            problems.add(path, located.line_of(("anh", i)), f"anh[{i + 1}]", foreign + ".")
            continue
        target = hub.paths.docs_dir / photo.file
        inside = posixpath.normpath(photo.file)
        if photo.file.startswith(("/", "..")) or inside.startswith("..") or "\\" in photo.file \
                or not target.is_file():
            problems.add(path, located.line_of(("anh", i)), f"anh[{i + 1}]",
                         f"Không có tệp ảnh '{photo.file}' trong thư mục {hub.paths.docs_dir.name}/.",
                         "đường dẫn tính từ thư mục content/, ví dụ assets/nha-van-hoa/ten-anh.jpg")
