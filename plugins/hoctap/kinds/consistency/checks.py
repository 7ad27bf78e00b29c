"""Consistency checks across kinds (issue #15, point 5): contradictions a machine can see.

Each check reads what the other kinds loaded (news, calendar, clubs, the unit configuration) and
reports through ``hub.problems``, so ``hoctap check`` and every build run them. Severity per case
(README, "Consistency checks"):

- an article citing an event (``su_kien``) whose dateline (the first date written in its body,
  "Sáng 1/10/2026, …") is not a day of that event, while the event has an occurrence within
  ``NEAR_DAYS`` of it: **error** (one of the two dates is wrong; an article that cites an event
  only as background, months away from any occurrence, is left alone);
- a cover image (``anh_bia``) whose path or file name carries a year other than the article's:
  **error**, unless the image description (``mo_ta_anh``) names that year (an archive photo said
  to be one, "ảnh tư liệu năm 2025");
- an event (not a club or class session: those break for Tết by ``bo_ngay``) with a day on
  Giao thừa or the first three days of Tết: **warning** (some activities are held then on
  purpose); the lunar festivals defined on those days (``am_lich`` on 1/1–3/1 or Giao thừa) are
  not reported;
- an article naming a club ("CLB …" or "Câu lạc bộ …" followed by a proper name) that is not one
  of the hub's clubs: **warning** (an article may name a club outside the hub);
- placeholder contact data published without a visible sample notice: an e-mail address at a
  reserved domain (example.org/.com/.net, .example, .test, .invalid, .localhost: RFC 2606) is an
  **error**; a phone number whose subscriber part begins or ends with 000 ("0912 000 011",
  "0212 3860 000") is a **warning** (real numbers can look like that). A unit's contacts are
  marked with ``lien_he_mau: true``, a club's, class's or event's with ``mau: true``; the page then
  shows the "mẫu" notice and nothing is reported.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from ...core.dates import short_date
from ...core.lunar import month_length, solar_to_lunar
from ...core.values import format_phone
from ...site import rules
from ..events.calendar import Calendar
from ..news.model import Article

NEAR_DAYS = 60            # an article's dateline this close to an occurrence reports on it
TET_DAYS = 3              # mùng 1 – mùng 3 Tết
_SPAN_CHECKED = 7         # multi-day events up to a week are checked day by day

_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_YEAR_IN_PATH = re.compile(r"(?<!\d)(19\d\d|20\d\d|21\d\d)(?!\d)")
_CLUB_MENTION = re.compile(r"(?:\bCLB|\b[Cc](?i:âu lạc bộ))\s+")
# Words that begin no club's name: after "câu lạc bộ" they say where, whose, which… ("các câu lạc bộ
# tại hội trường Trung tâm", "câu lạc bộ của bản", "câu lạc bộ này"), so what follows is no name.
_NOT_A_NAME = frozenset("""tại của và ở trong các này đó kia ấy đã đang sẽ được bị cho với từ đến là có
    không những mọi mới vừa cũng thì để khi nào gì hay hoặc nhưng theo về trên dưới ngoài sau trước
    cùng rồi vẫn còn đều nên mà như do bằng vào ra lại nhau mình thuộc gồm""".split())
_CLAUSE_END = re.compile(r"[.,;:!?()\[\]\n\"“”*_|]")
_CLUB_PREFIX = re.compile(r"^(?:CLB|câu lạc bộ)\s+", re.IGNORECASE)
RESERVED_MAIL_DOMAINS = ("example.org", "example.com", "example.net")
RESERVED_MAIL_SUFFIXES = (".example", ".test", ".invalid", ".localhost")


def check_consistency(hub) -> None:
    """Loader of the ``kiem-tra`` kind: every check, all problems at once."""
    news = hub.extras.get("news")
    calendar = _calendar(hub)
    clubs = hub.extras.get("clubs")
    if news is not None:
        club_names = _club_names(hub)
        for article in sorted(news.published + news.unpublished, key=lambda a: a.src_uri):
            _check_article(hub, article, calendar, club_names)
    if calendar is not None:
        check_tet(hub, calendar)
    check_contacts(hub, clubs, calendar)


def check_edited(hub, item) -> None:
    """``Kind.edit_checks``: an edited article, checked as the loader checks every article."""
    if isinstance(item, Article):
        _check_article(hub, item, _calendar(hub), _club_names(hub))


def _calendar(hub) -> Calendar | None:
    calendar = getattr(hub, "calendar", None)
    return calendar if isinstance(calendar, Calendar) else None   # None: the calendar did not load


def _club_names(hub) -> list[str]:
    clubs = hub.extras.get("clubs")
    names = [x.item.name for x in clubs.clubs] if clubs is not None else []
    # A club whose file was refused for its own mistakes still has its name: an article naming
    # it is not told that no such club exists (its file's problem is reported once, there).
    names += [str(data["ten"]) for data in rules.refused(hub, "cau-lac-bo").values()
              if isinstance(data.get("ten"), str) and data["ten"].strip()]
    return names


def _check_article(hub, article, calendar: Calendar | None, club_names: list[str]) -> None:
    if calendar is not None:
        check_article_dates(hub, article, calendar)
    check_cover_year(hub, article)
    check_club_names(hub, article, club_names)


# -- article dates -----------------------------------------------------------------------------

def dateline(article) -> tuple[date, int] | None:
    """The first date written in the body and its line: "Sáng 1/10/2026", "Tối 23/11" (the
    article's year; a day more than half a year before the article is read as the next year)."""
    for match in _DATE.finditer(article.body):
        day, month, year = int(match[1]), int(match[2]), match[3]
        base = article.day
        try:
            found = date(int(year) if year else base.year, month, day)
        except ValueError:
            continue
        if not year and (base - found).days > 183:
            found = found.replace(year=found.year + 1)
        return found, article.body_line + article.body[:match.start()].count("\n")
    return None


def _span(occ) -> str:
    if occ.start_day == occ.end_day:
        return f"ngày {short_date(occ.start_day)}"
    return f"từ {short_date(occ.start_day)} đến {short_date(occ.end_day)}"


def _distance(occ, day: date) -> int:
    if day < occ.start_day:
        return (occ.start_day - day).days
    return max(0, (day - occ.end_day).days)


def check_article_dates(hub, article, calendar) -> None:
    found = dateline(article)
    if found is None or not article.events:
        return
    day, line = found
    nearest = None
    for ref in article.events:
        occurrences = [o for o in calendar.of_event(ref.id) if not o.is_cancelled]
        if any(o.start_day <= day <= o.end_day for o in occurrences):
            return
        for occ in occurrences:
            gap = _distance(occ, day)
            if gap <= NEAR_DAYS and (nearest is None or gap < nearest[0]):
                nearest = (gap, ref.id, occ)
    if nearest is None:
        return
    _, event_id, occ = nearest
    hub.problems.add(article.source, line, "nội dung",
                     f"Bài ghi ngày {short_date(day)} nhưng sự kiện '{event_id}' mà bài dẫn (su_kien) "
                     f"diễn ra {_span(occ)}.",
                     "sửa ngày trong bài hoặc ngày của sự kiện cho khớp; bài nói về hoạt động khác thì "
                     "bỏ mã sự kiện khỏi su_kien")


# -- cover year --------------------------------------------------------------------------------

def _front_matter_line(path: Path, key: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, text in enumerate(lines, start=1) if text.startswith(f"{key}:")), None)


def check_cover_year(hub, article) -> None:
    cover = article.meta.cover
    if not cover:
        return
    years = {int(y) for y in _YEAR_IN_PATH.findall(cover)}
    other = sorted(y for y in years if y != article.day.year)
    if not other or article.day.year in years:
        return
    year = other[-1]
    if str(year) in (article.meta.cover_alt or ""):
        return
    hub.problems.add(article.source, _front_matter_line(article.source, "anh_bia"), "anh_bia",
                     f"Ảnh bìa '{cover}' mang năm {year} nhưng bài đăng năm {article.day.year}.",
                     f"dùng ảnh của năm {article.day.year}, hoặc ghi rõ trong mo_ta_anh đây là ảnh tư liệu "
                     f"năm {year}")


# -- club names --------------------------------------------------------------------------------

def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _bare(name: str) -> str:
    return _fold(_CLUB_PREFIX.sub("", name.strip()))


@functools.lru_cache(maxsize=8)
def _bare_names(known: tuple[str, ...]) -> frozenset[str]:
    """The hub's club names without their "CLB"/"Câu lạc bộ" prefix, folded: made once per hub,
    not once per article (5,000 articles × 400 clubs at size L was a quarter of ``hoctap check``)."""
    return frozenset(_bare(k) for k in known)


def mentioned_clubs(text: str, known: list[str]) -> list[tuple[str, int]]:
    """Club names written in ``text`` ("CLB xòe bản Lán", "Câu lạc bộ Văn nghệ bản Lán") that are
    not in ``known``, with their offset. A name is the words after "CLB"/"Câu lạc bộ" up to the last
    capitalised word among the first four, stopping at a word that begins no name (``_NOT_A_NAME``:
    "câu lạc bộ đang mở lớp", "câu lạc bộ tại hội trường Trung tâm" name nothing); after a lower-case
    "câu lạc bộ" (the common noun, mid-sentence) the name must begin with a capital
    ("câu lạc bộ Dưỡng sinh bản Cang" names one, "câu lạc bộ xòe bản Lán" does not)."""
    bare = _bare_names(tuple(known))
    out = []
    for match in _CLUB_MENTION.finditer(text):
        rest = text[match.end():]
        clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
        folded = _fold(clause)
        # a known name followed by the end of the clause or by a character that is not a letter or digit
        if any(folded[:i] in bare for i in range(len(folded) + 1)
               if i == len(folded) or not folded[i].isalnum()):
            continue
        words = []
        for word in clause.split()[:4]:
            if _fold(word) in _NOT_A_NAME:
                break
            words.append(word)
        if not words or (match.group().startswith("c") and not words[0][:1].isupper()):
            continue
        caps = [i for i, w in enumerate(words) if w[:1].isupper()]
        if not caps:
            continue
        name = " ".join(words[:caps[-1] + 1])
        out.append((f"{match.group().strip()} {name}", match.start()))
    return out


def _same_place(name: str, known: list[str]) -> str:
    """"có phải ý bạn là …?" naming the hub's clubs ("Câu lạc bộ …") of the same place (the
    name's last word: "xòe bản Lán" → "Câu lạc bộ Văn nghệ bản Lán")."""
    place = _fold(name.split()[-1])
    same = [k for k in known if _CLUB_PREFIX.match(k) and _fold(k.split()[-1]) == place]
    return "có phải ý bạn là " + " hay ".join(f"'{k}'" for k in same) + "?" if same else ""


def check_club_names(hub, article, known: list[str]) -> None:
    seen: set[str] = set()
    texts = [("tieu_de", article.meta.title, _front_matter_line(article.source, "tieu_de"), False),
             ("tom_tat", article.meta.summary, _front_matter_line(article.source, "tom_tat"), False),
             ("nội dung", article.body, article.body_line, True)]
    for field, text, line, body in texts:
        for name, offset in mentioned_clubs(text, known):
            key = _fold(name)
            if key in seen:
                continue
            seen.add(key)
            at = line + text[:offset].count("\n") if body and line is not None else line
            hint = _same_place(name, known) or \
                "xem tên các câu lạc bộ trong thư mục events/<đơn vị>/cau-lac-bo/"
            hub.problems.warn(article.source, at, field,
                              f"Bài nhắc '{name}' nhưng không có câu lạc bộ nào tên như vậy.", hint)


# -- Tết -----------------------------------------------------------------------------------------

def tet_label(day: date) -> str | None:
    """"mùng 1 Tết" … "mùng 3 Tết", "Giao thừa", or None."""
    lunar = solar_to_lunar(day)
    if lunar.leap:
        return None
    if lunar.month == 1 and lunar.day <= TET_DAYS:
        return f"mùng {lunar.day} Tết"
    if lunar.month == 12 and lunar.day == month_length(lunar.year, 12):
        return "Giao thừa"
    return None


def _is_tet_festival(src) -> bool:
    rule = src.recurrence.lunar_rule if src.recurrence is not None else None
    if rule is None:
        return False
    return (rule.month == 1 and rule.day is not None and rule.day <= TET_DAYS and not rule.leap) or \
        (rule.month == 12 and (rule.day is None or rule.day >= 29) and not rule.leap)


def check_tet(hub, calendar) -> None:
    hits: dict[str, list[str]] = {}
    events = {}
    for occ in calendar.occurrences:
        src = occ.event.source
        if src.id in calendar.routine or occ.is_cancelled or _is_tet_festival(src):
            continue
        days = (occ.end_day - occ.start_day).days
        span = range(days + 1) if days < _SPAN_CHECKED else range(1)
        for offset in span:
            day = occ.start_day + timedelta(days=offset)
            label = tet_label(day)
            if label:
                hits.setdefault(src.id, []).append(f"{short_date(day)} ({label})")
                events[src.id] = occ.event
    for event_id, days in hits.items():
        event = events[event_id]
        field = "lap_lai" if event.source.recurrence is not None else "bat_dau"
        hub.problems.warn(event.path, event.line_of(field), field,
                          f"Sự kiện '{event_id}' rơi vào dịp Tết Nguyên đán: {', '.join(days)}.",
                          "dịp này nhà văn hóa thường nghỉ; dời ngày hoặc thêm ngày đó vào bo_ngay nếu không "
                          "tổ chức")


# -- placeholder contacts ----------------------------------------------------------------------

def placeholder_email(email: str | None) -> bool:
    if not email or "@" not in email:
        return False
    domain = email.rsplit("@", 1)[1].lower().rstrip(".")
    return domain in RESERVED_MAIL_DOMAINS or any(domain.endswith("." + d) for d in RESERVED_MAIL_DOMAINS) \
        or domain.endswith(RESERVED_MAIL_SUFFIXES)


def placeholder_phone(phone: str | None) -> bool:
    """A subscriber number (after the 4-digit network or area code) that begins or ends with 000."""
    if not phone:
        return False
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("84"):
        digits = "0" + digits[2:]
    subscriber = digits[4:]
    return len(subscriber) >= 6 and (subscriber.startswith("000") or subscriber.endswith("000"))


def _line_with(path: Path, needle: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, text in enumerate(lines, start=1) if needle in text), None)


def _phone_line(path: Path, phone: str) -> int | None:
    digits = re.sub(r"\D", "", phone)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, text in enumerate(lines, start=1) if digits and digits in re.sub(r"\D", "", text)), None)


PHONE_MESSAGE = "Số điện thoại '{phone}' có dạng số mẫu nhưng trang không ghi đây là dữ liệu mẫu."
PHONE_HINT = "thay bằng số thật, hoặc ghi {mark} để trang hiện thông báo 'mẫu'"
EMAIL_HINT = "thay bằng địa chỉ thật, hoặc ghi {mark} để trang hiện thông báo 'mẫu'"
EMAIL_MESSAGE = "Thư điện tử '{email}' dùng tên miền mẫu nhưng trang không ghi đây là dữ liệu mẫu."


def check_contacts(hub, clubs, calendar) -> None:
    problems = hub.problems
    config = hub.config
    if config is not None:
        source = hub.paths.root / "mkdocs.yml"
        key = "cac_don_vi" if config.multi else "don_vi"
        for i, unit in enumerate(config.units, start=1):
            if unit.sample or unit.contact_sample:
                continue
            prefix = f"{key}[{i}]" if config.multi else key
            mark = "lien_he_mau: true"
            if placeholder_phone(unit.phone):
                problems.warn(source, _phone_line(source, unit.phone), f"{prefix}.dien_thoai",
                              PHONE_MESSAGE.format(phone=format_phone(unit.phone)), PHONE_HINT.format(mark=mark))
            if placeholder_email(unit.email):
                problems.add(source, _line_with(source, unit.email), f"{prefix}.email",
                             EMAIL_MESSAGE.format(email=unit.email), EMAIL_HINT.format(mark=mark))
    if clubs is not None:
        for listing in clubs.listings:
            item = listing.item
            unit = hub.unit(hub.unit_of(listing.path))
            if item.sample or (unit is not None and unit.sample):
                continue
            for field, phone in (("nguoi_phu_trach.dien_thoai", item.leader.phone),
                                 ("nguoi_phu_trach.zalo", item.leader.zalo)):
                if field.endswith("zalo") and phone == item.leader.phone:
                    continue   # the same number, reported once
                if placeholder_phone(phone):
                    problems.warn(listing.path, _phone_line(listing.path, phone), field,
                                  PHONE_MESSAGE.format(phone=format_phone(phone)), PHONE_HINT.format(mark="mau: true"))
    if calendar is not None:
        for event in calendar.events.values():
            src = event.source
            unit = hub.unit(hub.unit_of(event.path))
            if src.id in calendar.routine or src.sample or (unit is not None and unit.sample):
                continue
            if placeholder_phone(src.contact_phone):
                problems.warn(event.path, event.line_of("dien_thoai"), "dien_thoai",
                              PHONE_MESSAGE.format(phone=format_phone(src.contact_phone)), PHONE_HINT.format(mark="mau: true"))
