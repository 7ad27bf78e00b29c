"""Clubs (câu lạc bộ, đội, nhóm sở thích) and classes (lớp năng khiếu, lớp nghề, lớp chuyển giao
kỹ thuật), read from ``events/cau-lac-bo/*.yaml`` and ``events/lop-hoc/*.yaml`` (one per file).

Their meeting schedules are not a second recurrence implementation: each schedule rule becomes
one ``EventSource`` (``clb-<ma>-<n>`` / ``lop-<ma>-<n>``) handed to the calendar through
the kind's ``event_providers``, so the calendar expands it, lists it and writes it to the feeds.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from ..events.calendar import calendar_window
from ...site.config import Strict
from ..events.model import Event, EventSource, Location, MovedInstance, Weekday
from ...site.hub import Hub
from ..events.recurrence import rrule_for
from ...core.timezone import TZ
from ...core.urls import relative, urls
from ...core.validation import validate
from ...site import rules
from ...core.values import Date, DateOrDateTime, Phone, SingleLine, Slug, Text, Time, one_or_many, slugify
from ...core.sources import Located
from ...core.publishing import resource_problem

CLUB_FOLDER = "cau-lac-bo"
COURSE_FOLDER = "lop-hoc"
CLUB_CATEGORY = "cau-lac-bo"
COURSE_CATEGORY = "lop-hoc"
CENTRE = "trung-tam-xa"          # facet id of the commune centre (``ban: null``)
CENTRE_NAME = "Trung tâm xã"
RESERVED_IDS = {"index", "dang-mo", "ban", "thu", "loai"}

CLUB_KINDS = {"cau_lac_bo": "Câu lạc bộ", "doi": "Đội", "nhom_so_thich": "Nhóm sở thích"}
COURSE_KINDS = {"lop_nang_khieu": "Lớp năng khiếu", "lop_nghe": "Lớp nghề",
                "chuyen_giao_ky_thuat": "Lớp chuyển giao kỹ thuật"}
KIND_LABELS = {**CLUB_KINDS, **COURSE_KINDS}
COURSE_STATUS = {"sap_mo": "Sắp mở", "dang_mo": "Đang mở đăng ký", "da_du": "Đã đủ học viên",
                 "tam_hoan": "Tạm hoãn", "dang_hoc": "Đang học", "da_ket_thuc": "Đã kết thúc"}


def course_status(course: "Course", today: date) -> str:
    """From the dates on ``today``: đã kết thúc after the end, đang học from the start, before it
    đang mở đăng ký while registration is open (no deadline, or not past it), else sắp mở. A
    staff override (``trang_thai`` with ``ly_do_trang_thai``) applies until the end date only, so a
    status can never outlive the class."""
    if today > course.end:
        return "da_ket_thuc"
    if course.status is not None:
        return course.status
    if today >= course.start:
        return "dang_hoc"
    reg = course.registration
    if reg is not None and (reg.deadline is None or reg.deadline >= today):
        return "dang_mo"
    return "sap_mo"


def _place(value):
    """``dia_diem`` may be just the name of the place."""
    return {"ten": value} if isinstance(value, str) else value


class Contact(Strict):
    name: SingleLine = Field(alias="ho_ten", min_length=1)
    phone: Phone = Field(alias="dien_thoai")
    zalo: Phone | None = Field(None, alias="zalo")


class Photo(Strict):
    file: SingleLine = Field(alias="tep", min_length=1)
    caption: SingleLine = Field("", alias="chu_thich")


class ScheduleRule(Strict):
    """One meeting rule, in the calendar's recurrence vocabulary plus the clock times."""

    label: SingleLine | None = Field(None, alias="ten")
    weekdays: tuple[Weekday, ...] = Field((), alias="thu")
    week_of_month: int | None = Field(None, alias="tuan_thu", ge=-1, le=5)
    day_of_month: int | None = Field(None, alias="ngay_trong_thang", ge=1, le=31)
    interval: int = Field(1, alias="cach", ge=1, le=52)
    start_time: Time = Field(alias="gio_bat_dau")
    end_time: Time = Field(alias="gio_ket_thuc")
    from_date: Date | None = Field(None, alias="tu_ngay")
    until: Date | None = Field(None, alias="den_ngay")
    count: int | None = Field(None, alias="so_lan", ge=1, le=1000)
    exdates: tuple[Date, ...] = Field((), alias="bo_ngay")
    moved: tuple[MovedInstance, ...] = Field((), alias="doi_ngay")
    location: Location | None = Field(None, alias="dia_diem")

    _place_name = field_validator("location", mode="before")(_place)
    _one_day = field_validator("weekdays", mode="before")(one_or_many)


class MonthRecord(Strict):
    """Sessions held in one month, recorded in bulk (issue #15): the rule says what was scheduled."""

    month: SingleLine = Field(alias="thang", pattern=r"^\d{4}-\d{2}$")   # "2026-03"
    sessions: int = Field(alias="so_buoi", ge=0, le=62)
    average: int | None = Field(None, alias="binh_quan", ge=0)          # average attendance per session

    @property
    def year_month(self) -> tuple[int, int]:
        year, month = self.month.split("-")
        return int(year), int(month)


def _need_rules(cls, value: tuple) -> tuple:
    if not value:
        raise ValueError("cần ít nhất một dòng lịch, ví dụ: - thu: [T3, T6], gio_bat_dau: \"19:30\", "
                         "gio_ket_thuc: \"21:00\"")
    return value


class _Base(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    topic: SingleLine = Field(alias="chu_de", min_length=1)
    village: SingleLine | None = Field(None, alias="ban")
    location: Location | None = Field(None, alias="dia_diem")
    # A venue of the ``nha-van-hoa`` kind (own or ancestor unit); one of nha_van_hoa or dia_diem.
    venue: Slug | None = Field(None, alias="nha_van_hoa")
    leader: Contact = Field(alias="nguoi_phu_trach")
    members: int | None = Field(None, alias="thanh_vien", ge=0)
    description: Text = Field("", alias="mo_ta")
    photos: tuple[Photo, ...] = Field((), alias="anh")
    plan_refs: tuple[SingleLine, ...] = Field((), alias="ke_hoach")
    bodies: tuple[Slug, ...] = Field((), alias="co_quan")   # responsible bodies (phan-cong), checked there
    updated: DateOrDateTime | None = Field(None, alias="cap_nhat")
    sessions_held: tuple[MonthRecord, ...] = Field((), alias="buoi_sinh_hoat")
    # Invented sample data (names, numbers, contacts): the page says so ("Dữ liệu mẫu").
    sample: bool = Field(False, alias="mau")

    _place_name = field_validator("location", mode="before")(_place)
    _one_or_many = field_validator("plan_refs", "bodies", mode="before")(one_or_many)

    @field_validator("photos", mode="before")
    @classmethod
    def _photo_paths(cls, value):
        if isinstance(value, list):
            return [{"tep": v} if isinstance(v, str) else v for v in value]
        return value


class Club(_Base):
    kind: Literal["cau_lac_bo", "doi", "nhom_so_thich"] = Field(alias="loai")
    founded: Date | None = Field(None, alias="thanh_lap")
    schedule: tuple[ScheduleRule, ...] = Field(alias="lich")

    _nonempty = field_validator("schedule")(_need_rules)


class Registration(Strict):
    how: SingleLine = Field(alias="cach", min_length=1)
    deadline: Date | None = Field(None, alias="han")


class Course(_Base):
    kind: Literal["lop_nang_khieu", "lop_nghe", "chuyen_giao_ky_thuat"] = Field(alias="loai")
    audience: SingleLine = Field(alias="doi_tuong", min_length=1)
    start: Date = Field(alias="bat_dau")
    end: Date = Field(alias="ket_thuc")
    schedule: tuple[ScheduleRule, ...] = Field(alias="lich_hoc")

    _nonempty = field_validator("schedule")(_need_rules)
    fee: SingleLine = Field("Miễn phí", alias="hoc_phi", min_length=1)
    capacity: int | None = Field(None, alias="so_cho", ge=1)
    registration: Registration | None = Field(None, alias="dang_ky")
    # The status follows from the dates (see ``course_status``); staff override it only with a reason.
    status: Literal["da_du", "tam_hoan", "da_ket_thuc"] | None = Field(None, alias="trang_thai")
    status_reason: SingleLine | None = Field(None, alias="ly_do_trang_thai")
    demand: SingleLine = Field(alias="nhu_cau", min_length=1)
    # The learning-needs survey topic the class answers: ``<survey id>#<topic id>`` (checked by
    # the khao-sat kind, which lists the class under that topic).
    survey_topic: SingleLine | None = Field(None, alias="khao_sat")


@dataclass(frozen=True)
class Listing:
    """A validated club or class, where it came from, and the ids of its calendar events."""

    item: Club | Course
    path: Path
    event_ids: tuple[str, ...]

    @property
    def is_course(self) -> bool:
        return isinstance(self.item, Course)

    @property
    def folder(self) -> str:
        return COURSE_FOLDER if self.is_course else CLUB_FOLDER

    @property
    def url(self) -> str:
        return urls.club(self.folder, self.item.id)

    @property
    def ics_path(self) -> str:
        return urls.club(self.folder, self.item.id, "ics")

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.item.kind]

    @property
    def kind_facet(self) -> str:
        return self.item.kind.replace("_", "-")

    @property
    def village_facet(self) -> str:
        return self.item.village or CENTRE

    @property
    def weekdays(self) -> tuple[str, ...]:
        """Weekday codes (T2 … CN) on which it meets, in week order."""
        days = {d for rule in self.item.schedule for d in rule.weekdays}
        return tuple(d for d in ("T2", "T3", "T4", "T5", "T6", "T7", "CN") if d in days)

    def open_on(self, today: date) -> bool:
        """A class taking registrations on ``today``."""
        return self.is_course and course_status(self.item, today) == "dang_mo"

    def status_on(self, today: date) -> str:
        return course_status(self.item, today)

    @property
    def sort_key(self) -> tuple:
        return (slugify(self.item.name), self.item.id)


@dataclass
class ClubIndex:
    listings: list[Listing] = field(default_factory=list)
    sources: list[tuple[EventSource, Path, int | None]] = field(default_factory=list)

    @property
    def clubs(self) -> list[Listing]:
        return [x for x in self.listings if not x.is_course]

    @property
    def courses(self) -> list[Listing]:
        return [x for x in self.listings if x.is_course]


# -- loading ---------------------------------------------------------------------------------

def load_clubs(hub: Hub) -> ClubIndex:
    """Read, validate and cross-check every club and class once per hub."""
    if "clubs" in hub.extras:
        return hub.extras["clubs"]
    index = ClubIndex()
    hub.extras["clubs"] = index
    problems = hub.problems
    seen: dict[tuple[str, str], Path] = {}

    def check(path: Path, located: Located, item: Club | Course) -> tuple[Listing, list] | None:
        with problems.mark() as errors:
            item = _cross_check(item, located, hub)
            key = (COURSE_FOLDER if isinstance(item, Course) else CLUB_FOLDER, item.id)
            if key in seen:
                problems.add(path, located.line_of(("ma",)), "ma",
                             f"Mã '{item.id}' trùng với {problems.rel(seen[key])} "
                             "(mã dùng cho địa chỉ trang và lịch, phải duy nhất).")
            seen.setdefault(key, path)
        if errors[0]:
            return None   # its sessions are not checked against a refused club
        sources = _event_sources(item, located, hub)
        return Listing(item, path, tuple(s.id for s, _, _ in sources)), sources

    for folder in (CLUB_FOLDER, COURSE_FOLDER):   # the content kinds' names are their folders
        for listing, sources in rules.load_items(hub, folder, "câu lạc bộ / lớp học", check):
            index.listings.append(listing)
            index.sources.extend(sources)
    index.listings.sort(key=lambda x: x.sort_key)
    return index


def _cross_check(item: Club | Course, located: Located, hub: Hub) -> Club | Course:
    """Check references and return the item, with its venue's place when it names one."""
    problems, path = hub.problems, located.path
    if item.venue:
        line = located.line_of(("nha_van_hoa",))
        rules.check_one_place(problems, path, line, item.venue, item.location)
        venue = rules.check_venue(hub, path, line, item.venue)
        if venue is not None and item.location is None:
            item = item.model_copy(update={"location": venue.location()})
    elif item.location is None:
        problems.add(path, located.line_of(("ma",)), "dia_diem",
                     "Thiếu nơi sinh hoạt: ghi nha_van_hoa (mã nhà văn hóa) hoặc dia_diem.",
                     "ví dụ nha_van_hoa: nha-van-hoa-ban-lan, hoặc dia_diem: Sân bóng bản Púng")
    if item.id in RESERVED_IDS:
        problems.add(path, located.line_of(("ma",)), "ma",
                     f"Mã '{item.id}' trùng với tên trang có sẵn; hãy chọn mã khác.")
    rules.check_village(problems, path, located.line_of(("ban",)), hub.config, item.village,
                        note="để trống nếu sinh hoạt ở trung tâm xã", unit=hub.unit(hub.unit_of(path)))
    refs = [("ke_hoach", (i,), ref) for i, ref in enumerate(item.plan_refs)]
    if isinstance(item, Course):
        refs.append(("nhu_cau", (), item.demand))
    for name, sub, ref in refs:
        field_name = name + (f"[{sub[0] + 1}]" if sub and len(item.plan_refs) > 1 else "")
        rules.check_citation(problems, path, located.line_of((name, *sub)), field_name, hub.plans, ref,
                             config=hub.config, unit_of=hub.unit_of)
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
                         "đường dẫn tính từ thư mục content/, ví dụ assets/clubs/ten-anh.jpg")
    from .records import check_records
    check_records(item, located, problems, hub.today)
    if isinstance(item, Course):
        if item.end < item.start:
            problems.add(path, located.line_of(("ket_thuc",)), "ket_thuc",
                         f"Lớp kết thúc ({item.end:%d/%m/%Y}) trước khi bắt đầu ({item.start:%d/%m/%Y}).",
                         "kiểm tra lại bat_dau và ket_thuc")
        if item.status is not None and not item.status_reason:
            problems.add(path, located.line_of(("trang_thai",)), "trang_thai",
                         "Trạng thái lớp được tính từ ngày học; muốn ghi đè phải ghi lý do.",
                         "thêm ly_do_trang_thai, ví dụ ly_do_trang_thai: Đã đủ 30 học viên")
        if item.status_reason and item.status is None:
            problems.add(path, located.line_of(("ly_do_trang_thai",)), "ly_do_trang_thai",
                         "Có lý do nhưng không có trang_thai để ghi đè.", "thêm trang_thai hoặc bỏ dòng này")
        reg = item.registration
        if reg and reg.deadline and item.start <= item.end < reg.deadline:
            problems.add(path, located.line_of(("dang_ky", "han")), "dang_ky.han",
                         f"Hạn đăng ký ({reg.deadline:%d/%m/%Y}) sau ngày kết thúc lớp ({item.end:%d/%m/%Y}).")
    return item


def _rule_problems(rule: ScheduleRule, item: Club | Course) -> list[tuple[str, str]]:
    """(field, message) for a rule that the calendar could not turn into sessions."""
    out = []
    if not rule.weekdays and rule.day_of_month is None:
        out.append(("thu", "Lịch cần ngày sinh hoạt: thu (ví dụ thu: [T3, T6]) hoặc ngay_trong_thang."))
    if rule.weekdays and rule.day_of_month is not None:
        out.append(("ngay_trong_thang", "Chỉ dùng một trong hai: thu hoặc ngay_trong_thang."))
    if rule.week_of_month is not None and len(rule.weekdays) != 1:
        out.append(("tuan_thu", "tuan_thu dùng với đúng một thứ, ví dụ thu: [CN], tuan_thu: 1."))
    if rule.week_of_month == 0:
        out.append(("tuan_thu", "tuan_thu là 1, 2, 3, 4, 5 hoặc -1 (tuần cuối)."))
    if rule.end_time <= rule.start_time:
        out.append(("gio_ket_thuc", f"Giờ kết thúc {rule.end_time:%H:%M} phải sau giờ bắt đầu "
                                    f"{rule.start_time:%H:%M}."))
    if rule.until and rule.count:
        out.append(("so_lan", "Chỉ dùng một trong hai: den_ngay hoặc so_lan."))
    if rule.from_date and rule.until and rule.until < rule.from_date:
        out.append(("den_ngay", f"den_ngay ({rule.until:%d/%m/%Y}) đứng trước tu_ngay ({rule.from_date:%d/%m/%Y})."))
    if isinstance(item, Course):
        if rule.from_date and not item.start <= rule.from_date <= item.end:
            out.append(("tu_ngay", f"tu_ngay phải nằm trong thời gian của lớp "
                                   f"({item.start:%d/%m/%Y} – {item.end:%d/%m/%Y})."))
        if rule.until and not item.start <= rule.until <= item.end:
            out.append(("den_ngay", f"den_ngay phải nằm trong thời gian của lớp "
                                    f"({item.start:%d/%m/%Y} – {item.end:%d/%m/%Y})."))
    return out


def _event_sources(item: Club | Course, located: Located, hub: Hub) -> list[tuple[EventSource, Path, int | None]]:
    """One calendar event per schedule rule; problems name the rule's own fields."""
    is_course = isinstance(item, Course)
    schedule_field = "lich_hoc" if is_course else "lich"
    prefix = "lop" if is_course else "clb"
    folder = COURSE_FOLDER if is_course else CLUB_FOLDER
    problems, path = hub.problems, located.path
    opts = hub.config.calendar
    window_start = calendar_window(hub.today, opts.years_back, opts.years_ahead)[0]
    out = []
    for i, rule in enumerate(item.schedule):
        loc = (schedule_field, i)
        where = f"{schedule_field}[{i + 1}]"
        issues = _rule_problems(rule, item)
        for name, message in issues:
            problems.add(path, located.line_of(loc + (name,)), f"{where}.{name}", message)
        if issues:
            continue
        if is_course:
            first_day = rule.from_date or item.start
            until = rule.until or (None if rule.count else item.end)
        else:
            first_day = rule.from_date or item.founded or window_start
            until = rule.until
        recurrence = {
            "kieu": "hang_thang" if (rule.week_of_month is not None or rule.day_of_month) else "hang_tuan",
            "cach": rule.interval,
            "thu": list(rule.weekdays),
            "tuan_thu": rule.week_of_month,
            "ngay_trong_thang": rule.day_of_month,
            "den_ngay": until,
            "so_lan": rule.count,
            "bo_ngay": list(rule.exdates),
            "doi_ngay": list(rule.moved),
        }
        recurrence = {k: v for k, v in recurrence.items() if v not in (None, [])}
        title = item.name + (f" – {rule.label}" if rule.label else "")
        contact = f"Liên hệ: {item.leader.name}, {item.leader.phone}."
        data = {
            "ma": f"{prefix}-{item.id}-{i + 1}",
            "tieu_de": title,
            "bat_dau": datetime.combine(first_day, rule.start_time, tzinfo=TZ),
            "ket_thuc": datetime.combine(first_day, rule.end_time, tzinfo=TZ),
            "lap_lai": recurrence,
            "dia_diem": rule.location or item.location,
            "nha_van_hoa": None if rule.location else item.venue,
            "the_loai": COURSE_CATEGORY if is_course else CLUB_CATEGORY,
            "don_vi_to_chuc": item.name,
            "to_chuc": "cau-lac-bo",
            "dien_thoai": item.leader.phone,
            "ban": item.village,
            "mo_ta": (item.description.strip() + "\n\n" + contact).strip(),
            "lien_ket": [{"ten": f"Trang {KIND_LABELS[item.kind].lower()}: {item.name}",
                          "url": relative(urls.event(f"{prefix}-{item.id}-{i + 1}"), urls.club(folder, item.id))}],
            "ke_hoach": list(item.plan_refs),
        }
        if item.updated is not None:
            data["cap_nhat"] = item.updated
        line = located.line_of(loc)
        with problems.mark() as errors:
            source = validate(EventSource, located, problems, loc_prefix=loc, data=data)
        if source is None or errors[0]:
            continue
        # RFC 5545 counts DTSTART as the first instance: start on the first day the rule matches.
        first = next(iter(rrule_for(Event(source, path, line))), None)
        if first is None:
            problems.add(path, line, where, "Lịch này không có buổi nào (kiểm tra tu_ngay, den_ngay và thu).")
            continue
        data["bat_dau"] = datetime.combine(first.date(), rule.start_time, tzinfo=TZ)
        data["ket_thuc"] = datetime.combine(first.date(), rule.end_time, tzinfo=TZ)
        source = validate(EventSource, located, problems, loc_prefix=loc, data=data)
        if source is not None:
            out.append((source, path, line))
    return out


def club_events(hub: Hub) -> list[tuple[EventSource, Path, int | None]]:
    """Calendar provider: the events of every valid club and class."""
    return list(load_clubs(hub).sources)
