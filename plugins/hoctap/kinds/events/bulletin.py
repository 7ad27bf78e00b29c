"""The weekly bulletin for the commune loudspeakers (bản tin truyền thanh): the week's activities
written to be read aloud, with days, times and numbers spelled out in words ("thứ Ba, ngày hai
mươi mốt tháng Tư, từ bảy giờ rưỡi sáng"), as a page and a plain ``.txt`` file per unit section
and week (``lich/ban-tin/2026-04-20.html`` / ``.txt``, named by the week's Monday).

Bulletins are made for the week of the build day and the next one. Years are never spoken (the
week is the current one), so num2words' wrong reading of years does not matter; numbers are
read with ``num2words(lang="vi")``. Club and class sessions are read once each (their weekdays
and time), not session by session."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from num2words import num2words

from ...core import dates
from ...core.outputs import GeneratedFile, GeneratedPage, Outputs
from ...core.render import render
from ...core.urls import page_source, relative
from ...site.hub import Hub
from .pages import scope_calendar
from .poster import poster_scopes
from .recurrence import Occurrence

BULLETIN_WEEKS = 2            # the week of the build day and the next one

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
MONTHS = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười một", "Mười hai")
# Abbreviations a reader should not spell letter by letter.
ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "CLB": "câu lạc bộ",
                 "THCS": "trung học cơ sở", "THPT": "trung học phổ thông", "TT": "Trung tâm",
                 "VH-HTCĐ": "Văn hóa – Học tập cộng đồng", "HTCĐ": "học tập cộng đồng"}


def words(n: int) -> str:
    return num2words(n, lang="vi")


def spoken_day(d: date) -> str:
    """``thứ Ba, ngày hai mươi mốt tháng Tư``; the first ten days are "mùng" (ngày mùng bốn)."""
    day = ("mùng " if d.day <= 10 else "") + words(d.day)
    return f"{WEEKDAYS[d.weekday()]}, ngày {day} tháng {MONTHS[d.month - 1]}"


def part_of_day(hour: int) -> str:
    if 4 <= hour < 11:
        return "sáng"
    if 11 <= hour < 13:
        return "trưa"
    if 13 <= hour < 18:
        return "chiều"
    if 18 <= hour < 22:
        return "tối"
    return "đêm"


def spoken_time(t: datetime) -> str:
    """``bảy giờ rưỡi sáng``, ``bảy giờ tối``, ``năm giờ mười lăm phút chiều`` (12-hour, as spoken)."""
    hour = t.hour % 12 or 12
    text = f"{words(hour)} giờ"
    if t.minute == 30:
        text += " rưỡi"
    elif t.minute:
        text += f" {words(t.minute)} phút"
    return f"{text} {part_of_day(t.hour)}"


def spoken_text(text: str) -> str:
    """A title or place as read aloud: abbreviations in full, numbers in words."""
    for short, full in ABBREVIATIONS.items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, text)
    return re.sub(r"\d+", lambda m: words(int(m.group(0))), text)


def spoken_when(occ: Occurrence) -> str:
    if occ.start_day != occ.end_day:
        return f"từ {spoken_day(occ.start_day)} đến {spoken_day(occ.end_day)}"
    text = spoken_day(occ.start_day)
    if occ.all_day:
        return text + ", cả ngày"
    text += f", từ {spoken_time(occ.start)}"
    if occ.has_end and occ.end != occ.start:
        text += f" đến {spoken_time(occ.end)}"
    return text


def _place(occ: Occurrence) -> str:
    loc = occ.effective_location
    return spoken_text(loc.label()) if loc else ""


def activity_sentence(occ: Occurrence) -> str:
    src = occ.event.source
    sentence = f"{spoken_text(src.title)}: {spoken_when(occ)}"
    place = _place(occ)
    if place:
        sentence += f", tại {place}"
    sentence += "."
    if occ.is_cancelled:
        return f"Xin thông báo hoạt động {spoken_text(src.title)}, {spoken_when(occ)}, đã hủy."
    if src.status == "du_kien":
        sentence += " Thời gian còn là dự kiến, sẽ thông báo lại."
    return sentence


def routine_sentence(sessions: list[Occurrence]) -> str:
    first = sessions[0]
    days = sorted({o.start_day.weekday() for o in sessions})
    names = [WEEKDAYS[d] for d in days]
    when = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    sentence = f"{spoken_text(first.event.source.title)}: {when}"
    if not first.all_day:
        sentence += f", từ {spoken_time(first.start)}"
        if first.has_end and first.end != first.start:
            sentence += f" đến {spoken_time(first.end)}"
    place = _place(first)
    return sentence + (f", tại {place}." if place else ".")


@dataclass(frozen=True)
class Bulletin:
    heading: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join([self.heading, *self.paragraphs]) + "\n"


def week_items(hub: Hub, cal, unit_id: str, monday: date) -> tuple[list[Occurrence], list[list[Occurrence]]]:
    """The unit's one-off activities of the week (not commemorative days or milestones;
    cancelled ones are read as cancelled) and its routine sessions grouped by schedule."""
    sunday = monday + timedelta(days=6)
    own = [o for o in cal.occurrences if hub.unit_of(o.event.path) == unit_id
           and o.start_day <= sunday and o.end_day >= monday]
    one_off = [o for o in own if o.event.source.id not in cal.routine and o.event.source.id not in cal.milestones
               and not o.event.source.commemorative]
    routine: dict[str, list[Occurrence]] = {}
    for o in own:
        if o.event.source.id in cal.routine and not o.is_cancelled:
            routine.setdefault(o.event.source.id, []).append(o)
    return one_off, [routine[k] for k in sorted(routine, key=lambda k: (routine[k][0].event.source.title, k))]


SAMPLE_NOTE = "Dữ liệu mẫu — thông tin minh họa, không phải số liệu thật."


def bulletin(unit, monday: date, one_off: list[Occurrence], routine: list[list[Occurrence]],
             sample: bool = False) -> Bulletin:
    sunday = monday + timedelta(days=6)
    heading = (f"({SAMPLE_NOTE})\n" if sample else "") + f"Bản tin truyền thanh của {spoken_text(unit.centre)}."
    paragraphs = [f"Kính thưa bà con, sau đây là lịch hoạt động tuần này, từ {spoken_day(monday)} "
                  f"đến {spoken_day(sunday)}."]
    if one_off:
        paragraphs += [activity_sentence(o) for o in one_off]
    else:
        paragraphs.append("Tuần này không có hoạt động nào ngoài các buổi sinh hoạt thường lệ.")
    if routine:
        paragraphs.append("Các câu lạc bộ, lớp học sinh hoạt theo lịch thường lệ như sau.")
        paragraphs += [routine_sentence(s) for s in routine]
    paragraphs.append("Mời bà con đến tham gia. Lịch đầy đủ có trên trang lịch hoạt động "
                      "và trên bảng tin của bản. Xin cảm ơn bà con đã lắng nghe.")
    return Bulletin(heading, paragraphs)


def bulletin_weeks(today: date) -> list[date]:
    monday = today - timedelta(days=today.weekday())
    return [monday + timedelta(days=7 * i) for i in range(BULLETIN_WEEKS)]


def render_bulletins(hub: Hub) -> Outputs:
    out = Outputs()
    for scope in poster_scopes(hub):
        u = scope.urls
        cal = scope_calendar(hub, scope)
        weeks = bulletin_weeks(hub.today)
        for monday in weeks:
            one_off, routine = week_items(hub, cal, scope.unit.id, monday)
            sample = scope.unit.sample or any(o.event.source.sample for o in one_off) or \
                any(o.event.source.sample for s in routine for o in s)
            item = bulletin(scope.unit, monday, one_off, routine, sample)
            src_uri = page_source(u.bulletin(monday))
            sunday = monday + timedelta(days=6)
            span = f"{dates.short_date(monday)} – {dates.short_date(sunday)}"

            def html(scope=scope, u=u, monday=monday, src_uri=src_uri, span=span, item=item, sample=sample):
                return render("calendar_bulletin.html", unit=scope.unit, span=span, bulletin=item, sample=sample,
                              txt_href=relative(src_uri, u.bulletin(monday, "txt")),
                              weeks=[(f"Tuần {dates.short_date(m)} – {dates.short_date(m + timedelta(days=6))}",
                                      relative(src_uri, u.bulletin(m)), m == monday) for m in weeks],
                              calendar_href=relative(src_uri, u.calendar_index()))
            out.pages.append(GeneratedPage(src_uri, f"Bản tin truyền thanh tuần {span} – {scope.unit.short_name}",
                                           html, f"Lịch hoạt động tuần {span} viết để đọc trên loa truyền thanh.",
                                           {"hoctap_kind": "bulletin"}))
            out.files.append(GeneratedFile(u.bulletin(monday, "txt"), item.text.encode("utf-8")))
    return out
