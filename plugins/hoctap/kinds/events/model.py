"""Events read from ``events/*.yaml``: one event per file, or a list under ``su_kien:``.

UID policy: every event carries an explicit ``ma`` (id). The iCalendar UID is
``<ma>@<site host>`` (lunar festivals: ``<ma>-<year>@<site host>`` per yearly instance),
so it survives edits of the title, the time and the file name. ``hoctap new su-kien``
writes the ``ma`` once from the title; staff never change it afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ...site.config import HubConfig, Strict
from ...core.problems import Problems
from ...core.lunar import LunarDateError, LunarRule
from ..plans.model import PlanIndex
from ...core.timezone import TZ
from ...core.urls import urls
from ...core.validation import validate
from ...site import rules
from ...core.values import Date, DateOrDateTime, Phone, SingleLine, Slug, Text, Time, one_or_many
from ...core.sources import Located, load_yaml_file
from ...core.publishing import browser_url, link_problem, scheme_of, visible

STATUS_LABELS = {"xac_nhan": "Đã xác nhận", "du_kien": "Dự kiến", "huy": "ĐÃ HỦY"}
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
WEEKDAY_NAMES = {"T2": "Thứ Hai", "T3": "Thứ Ba", "T4": "Thứ Tư", "T5": "Thứ Năm", "T6": "Thứ Sáu",
                 "T7": "Thứ Bảy", "CN": "Chủ Nhật"}
Weekday = Literal["T2", "T3", "T4", "T5", "T6", "T7", "CN"]


class Coordinates(Strict):
    lat: float = Field(alias="vi_do", ge=-90, le=90)
    lon: float = Field(alias="kinh_do", ge=-180, le=180)


class Location(Strict):
    name: SingleLine = Field(alias="ten", min_length=1)
    address: SingleLine | None = Field(None, alias="dia_chi")
    coordinates: Coordinates | None = Field(None, alias="toa_do")

    def label(self) -> str:
        return ", ".join(x for x in (self.name, self.address) if x)


_PATH = re.compile(r"^(\.{1,2}/|/|[a-z0-9#])")


class Link(Strict):
    label: SingleLine = Field(alias="ten", min_length=1)
    url: SingleLine = Field(alias="url", min_length=1)

    @field_validator("url")
    @classmethod
    def _safe(cls, url: str) -> str:
        """Web, mail and phone links, or a path inside the site (from the event's page,
        lich/su-kien/<ma>.html); never ``javascript:`` and the like, however it is spelt
        (the URL is read as a browser reads it: see publishing.link_problem)."""
        problem = link_problem(url)
        if problem:
            raise ValueError(problem)
        clean = browser_url(url)
        if clean != url.strip() or any(c in clean for c in " <>\"") or not (scheme_of(clean) or _PATH.match(clean)):
            raise ValueError(f"Liên kết '{visible(url)}' không hợp lệ; viết địa chỉ đầy đủ, ví dụ https://vanban.gov.vn/…, "
                             "hoặc đường dẫn trong trang, ví dụ ../../tin-tuc/index.html")
        return clean


class MovedInstance(Strict):
    """One instance of a repeating event moved, re-timed or cancelled (RECURRENCE-ID)."""

    original: Date = Field(alias="ngay")
    start: DateOrDateTime | None = Field(None, alias="bat_dau")
    end: DateOrDateTime | None = Field(None, alias="ket_thuc")
    location: Location | None = Field(None, alias="dia_diem")
    cancelled: bool = Field(False, alias="huy")
    note: SingleLine | None = Field(None, alias="ghi_chu")


class YearOverride(Strict):
    """The dates of a yearly event announced for one year (e.g. Tuần lễ học tập suốt đời)."""

    start: DateOrDateTime = Field(alias="bat_dau")
    end: DateOrDateTime | None = Field(None, alias="ket_thuc")
    note: SingleLine | None = Field(None, alias="ghi_chu")


# Who organised an activity, for counting (issue #15). Default when absent: the unit's centre
# (``trung-tam``); club and class sessions are ``cau-lac-bo``. Targets filter on it.
ORGANISERS = {"trung-tam": "Trung tâm", "cau-lac-bo": "Câu lạc bộ, lớp học", "khac": "Cơ quan, đoàn thể khác"}
DEFAULT_ORGANISER = "trung-tam"
# Events of this category are days to mark, not activities: they count only through a held
# record of their own or through activities that name them (``ngay_ky_niem``).
COMMEMORATIVE = "ngay-ky-niem"


class HeldRecord(Strict):
    """Staff's record that an activity (one occurrence) was held: the only thing that makes a
    past activity "đã tổ chức" on the site and in the reports."""

    day: Date = Field(alias="ngay")
    participants: int | None = Field(None, alias="nguoi_tham_gia", ge=0)
    photos: tuple[SingleLine, ...] = Field((), alias="anh")
    article: Slug | None = Field(None, alias="bai_viet")

    _one_or_many = field_validator("photos", mode="before")(one_or_many)


class Recurrence(Strict):
    kind: Literal["hang_ngay", "hang_tuan", "hang_thang", "hang_nam", "am_lich"] = Field(alias="kieu")
    interval: int = Field(1, alias="cach", ge=1, le=52)
    weekdays: tuple[Weekday, ...] = Field((), alias="thu")
    week_of_month: int | None = Field(None, alias="tuan_thu", ge=-1, le=5)
    day_of_month: int | None = Field(None, alias="ngay_trong_thang", ge=1, le=31)
    until: Date | None = Field(None, alias="den_ngay")
    count: int | None = Field(None, alias="so_lan", ge=1, le=1000)
    lunar: SingleLine | None = Field(None, alias="ngay_am")
    exdates: tuple[Date, ...] = Field((), alias="bo_ngay")
    moved: tuple[MovedInstance, ...] = Field((), alias="doi_ngay")
    per_year: dict[int, YearOverride] = Field(default_factory=dict, alias="theo_nam")
    # What a rule on lunar day 30 does in a year whose month has 29 days: skip that year, or
    # keep the event on day 29 (the month's last day). Required with ngay_am on day 30.
    day30: Literal["bo_qua", "doi_sang_29"] | None = Field(None, alias="ngay_30")

    @field_validator("lunar")
    @classmethod
    def _lunar(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                LunarRule.parse(value)
            except LunarDateError as exc:
                raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _shape(self) -> "Recurrence":
        if self.until and self.count:
            raise ValueError("chỉ dùng một trong hai: den_ngay hoặc so_lan")
        if self.kind == "am_lich" and not self.lunar:
            raise ValueError("lặp theo âm lịch cần trường ngay_am, ví dụ ngay_am: \"10/3\"")
        if self.kind != "am_lich" and self.lunar:
            raise ValueError("trường ngay_am chỉ dùng với kieu: am_lich")
        if self.week_of_month is not None and (self.kind != "hang_thang" or len(self.weekdays) != 1):
            raise ValueError("tuan_thu dùng với kieu: hang_thang và đúng một thứ, ví dụ thu: [CN], tuan_thu: 1")
        if self.week_of_month == 0:
            raise ValueError("tuan_thu là 1, 2, 3, 4, 5 hoặc -1 (tuần cuối)")
        if self.weekdays and self.kind not in ("hang_tuan", "hang_thang"):
            raise ValueError("trường thu chỉ dùng với kieu: hang_tuan hoặc hang_thang")
        if self.kind == "hang_thang" and self.weekdays and self.week_of_month is None:
            raise ValueError("lặp hằng tháng theo thứ cần tuan_thu (1 = tuần đầu, -1 = tuần cuối)")
        if self.per_year and self.kind != "hang_nam":
            raise ValueError("theo_nam chỉ dùng với kieu: hang_nam")
        if self.day30 is not None and (self.lunar_rule is None or self.lunar_rule.day != 30):
            raise ValueError("trường ngay_30 chỉ dùng khi ngay_am là ngày 30, ví dụ ngay_am: \"30/12\"")
        return self

    @property
    def lunar_rule(self) -> LunarRule | None:
        return LunarRule.parse(self.lunar) if self.lunar else None


class EventSource(Strict):
    id: Slug = Field(alias="ma")
    title: SingleLine = Field(alias="tieu_de", min_length=1)
    start: DateOrDateTime = Field(alias="bat_dau")
    end: DateOrDateTime | None = Field(None, alias="ket_thuc")
    recurrence: Recurrence | None = Field(None, alias="lap_lai")
    location: Location | None = Field(None, alias="dia_diem")
    # A venue of the ``nha-van-hoa`` kind (own or ancestor unit): its place replaces dia_diem.
    venue: Slug | None = Field(None, alias="nha_van_hoa")
    category: SingleLine = Field(alias="the_loai", min_length=1)
    organizer: SingleLine | None = Field(None, alias="don_vi_to_chuc")
    bodies: tuple[Slug, ...] = Field((), alias="co_quan")   # organising bodies (phan-cong), checked there
    contact_phone: Phone | None = Field(None, alias="dien_thoai")
    village: SingleLine | None = Field(None, alias="ban")
    description: Text = Field("", alias="mo_ta")
    image: SingleLine | None = Field(None, alias="anh")
    links: tuple[Link, ...] = Field((), alias="lien_ket")
    status: Literal["xac_nhan", "du_kien", "huy"] = Field("xac_nhan", alias="trang_thai")
    # Replaced by da_to_chuc[].nguoi_tham_gia: refused with a message saying where it goes now.
    participants: int | None = Field(None, alias="nguoi_tham_gia", ge=0, deprecated=True)
    organised_by: Literal["trung-tam", "cau-lac-bo", "khac"] | None = Field(None, alias="to_chuc")
    held: tuple[HeldRecord, ...] = Field((), alias="da_to_chuc")
    marks: Slug | None = Field(None, alias="ngay_ky_niem")
    plan_refs: tuple[SingleLine, ...] = Field((), alias="ke_hoach")
    established_by: SingleLine | None = Field(None, alias="quyet_dinh")
    updated: DateOrDateTime | None = Field(None, alias="cap_nhat")
    sequence: int = Field(0, alias="phien_ban", ge=0)
    # Invented sample data: the page says so ("Dữ liệu mẫu").
    sample: bool = Field(False, alias="mau")

    _one_or_many = field_validator("plan_refs", "bodies", mode="before")(one_or_many)

    @field_validator("held", mode="before")
    @classmethod
    def _one_record(cls, value):
        """``da_to_chuc: {ngay: …}`` (one occurrence) or a list of such records."""
        return [value] if isinstance(value, dict) else value

    @property
    def organiser(self) -> str:
        """``to_chuc`` or its documented default."""
        return self.organised_by or DEFAULT_ORGANISER

    @property
    def commemorative(self) -> bool:
        return self.category == COMMEMORATIVE

    @field_validator("end")
    @classmethod
    def _after_start(cls, end, info):
        start = info.data.get("start")
        if end is None or start is None:
            return end
        if isinstance(start, datetime) != isinstance(end, datetime):
            raise ValueError("Ngày kết thúc phải cùng dạng với bat_dau: cùng là ngày, hoặc cùng là ngày giờ")
        if end < start:
            raise ValueError(f"Kết thúc ({end:%d/%m/%Y}) đứng trước bắt đầu ({start:%d/%m/%Y})")
        return end


@dataclass(frozen=True)
class Event:
    """A validated event plus where it came from (file and line, for later cross-checks)."""

    source: EventSource
    path: Path
    line: int | None                      # line of the event's ``ma``
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field_name: str) -> int | None:
        return dict(self.field_lines).get(field_name, self.line)

    def __getattr__(self, name):  # delegate model fields: event.title, event.start …
        return getattr(self.source, name)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.source.start, datetime)

    @property
    def url(self) -> str:
        return urls.event(self.source.id)

    @property
    def ics_path(self) -> str:
        return urls.event(self.source.id, "ics")

    @property
    def cancelled(self) -> bool:
        return self.source.status == "huy"

    @property
    def last_modified(self) -> datetime:
        """The content's own last change; never the build clock."""
        value = self.source.updated or self.source.start
        if isinstance(value, datetime):
            return value
        return datetime.combine(value, time(0, 0), tzinfo=TZ)


# Subfolders of ``events/`` holding other content kinds (schedule data read by their own
# loaders, e.g. ``hoctap.kinds.clubs``): their files are not events.
OTHER_KIND_FOLDERS = ("cau-lac-bo", "lop-hoc", "nha-van-hoa")


def load_events(events_dir: Path | list[Path], config: HubConfig, plans: PlanIndex, problems: Problems,
                extra: list[tuple[EventSource, Path, int | None]] | None = None,
                unit_of=None, skip: tuple[str, ...] = OTHER_KIND_FOLDERS, with_venue=None,
                refused: dict | None = None) -> list[Event]:
    """Every event of ``events_dir`` (``*.yaml``/``*.yml``; a list: each unit's events folder),
    validated and cross-checked; ``unit_of(path)`` names the unit whose villages ``ban`` refers to;
    ``skip``: the sub-folders that hold other kinds' files; ``with_venue(event)`` checks an event's
    ``nha_van_hoa`` and returns it with the venue's place; ``refused`` receives the ``ma`` (and
    data) of each event refused for its own mistakes, so that what cites it is not told it does
    not exist."""
    events: list[Event] = []
    for folder in (events_dir if isinstance(events_dir, list) else [events_dir]):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                           and p.relative_to(folder).parts[0] not in skip):
            located = load_yaml_file(path, problems)
            if located is None:
                continue
            events.extend(_events_in_file(located, problems, refused))
    if with_venue is not None:
        events = [with_venue(e) for e in events]
    for source, path, line in extra or ():
        events.append(Event(source, path, line))
    _cross_check(events, config, plans, problems, unit_of, refused or {})
    return events


def _events_in_file(located: Located, problems: Problems, refused: dict | None = None) -> list[Event]:
    data = located.data
    if isinstance(data, dict) and "su_kien" in data and len(data) == 1:
        items = data["su_kien"]
        if not isinstance(items, list):
            problems.add(located.path, located.line_of(("su_kien",)), "su_kien",
                         "Phải là một danh sách sự kiện (mỗi sự kiện bắt đầu bằng dấu -).")
            return []
        prefix_items = [(("su_kien", i), item) for i, item in enumerate(items)]
    elif isinstance(data, dict):
        prefix_items = [((), data)]
    else:
        problems.add(located.path, 1, "", "Tệp sự kiện phải là các dòng 'tên: giá trị' hoặc danh sách su_kien.")
        return []
    out = []
    for prefix, item in prefix_items:
        source = validate(EventSource, located, problems, loc_prefix=prefix, data=item)
        if source is not None:
            lines = tuple((k, located.line_of(prefix + (k,))) for k in item)
            if isinstance(item.get("da_to_chuc"), list):   # each held record's own line
                lines += tuple((f"da_to_chuc[{i + 1}]", located.line_of(prefix + ("da_to_chuc", i)))
                               for i in range(len(item["da_to_chuc"])))
            out.append(Event(source, located.path, located.line_of(prefix + ("ma",)), lines))
        elif refused is not None and isinstance(item, dict) and isinstance(item.get("ma"), str) and item["ma"]:
            refused.setdefault(item["ma"], item)
    return out


def _cross_check(events: list[Event], config: HubConfig, plans: PlanIndex, problems: Problems,
                 unit_of=None, refused=frozenset()) -> None:
    seen: dict[str, Event] = {}
    for event in events:
        src = event.source
        if src.id in seen:
            other = seen[src.id]
            problems.add(event.path, event.line, "ma",
                         f"Mã sự kiện '{src.id}' trùng với sự kiện trong {problems.rel(other.path)}"
                         f"{':' + str(other.line) if other.line else ''} (mã dùng làm UID của lịch, phải duy nhất).")
        seen.setdefault(src.id, event)
        rules.check_category(problems, event.path, event.line_of("the_loai"), config, src.category)
        unit = config.unit_by_id(unit_of(event.path)) if unit_of else None
        rules.check_village(problems, event.path, event.line_of("ban"), config, src.village, unit=unit)
        for ref in src.plan_refs:
            rules.check_citation(problems, event.path, event.line_of("ke_hoach"), "ke_hoach", plans, ref,
                                 config=config, unit_of=unit_of)
        if not src.location and not src.venue and not event.cancelled:
            problems.warn(event.path, event.line, "dia_diem", "Sự kiện chưa có địa điểm.")
        # Read past pydantic's deprecation hook: the field exists only to name the move.
        old_participants = src.__dict__.get("participants")
        if old_participants is not None:
            problems.add(event.path, event.line_of("nguoi_tham_gia"), "nguoi_tham_gia",
                         "Số người tham gia nay ghi trong bản ghi đã tổ chức của buổi đó.",
                         f"ví dụ da_to_chuc: {{ ngay: {src.start:%Y-%m-%d}, nguoi_tham_gia: {old_participants} }}")
        if src.organizer and src.organised_by is None:
            problems.warn(event.path, event.line_of("don_vi_to_chuc"), "to_chuc",
                          "Sự kiện có don_vi_to_chuc nhưng chưa ghi to_chuc; đang tính là do Trung tâm tổ chức.",
                          "ghi to_chuc: trung-tam, cau-lac-bo hoặc khac")
    for event in events:
        src = event.source
        if src.marks is None:
            continue
        day = seen.get(src.marks)
        if day is None and src.marks in refused:
            continue   # the day's own mistake is reported on its file
        if day is None or not day.source.commemorative:
            problems.add(event.path, event.line_of("ngay_ky_niem"), "ngay_ky_niem",
                         f"Không có ngày kỷ niệm '{src.marks}' trong lịch.",
                         "ghi mã của một sự kiện thể loại ngay-ky-niem, ví dụ ngay_ky_niem: ngay-sach-va-van-hoa-doc")
