"""Small value types read from content, each with a Vietnamese error when it does not parse."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema
from slugify import slugify as _slugify

from .timezone import TZ


class ContentValueError(ValueError):
    """A refused value with a hint for staff (``validation.translate`` shows both)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


# -- text ------------------------------------------------------------------------------------------
# Text policy (README "Content mistakes", staff guide "ky-tu-an"):
# - text is normalised to NFC (a title typed in NFD compares equal to the same title in NFC);
# - U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER and U+FEFF (a BOM inside text) are removed: they
#   are invisible, never meaningful in Vietnamese, and break search and ids; ZWJ/ZWNJ (U+200D,
#   U+200C) are kept because emoji and some scripts need them;
# - control characters (C0 but tab and line feed, DEL, C1 U+0080–U+009F) and lone surrogates are
#   refused in every text field;
# - one-line fields (``SingleLine``: titles, names, ids, places, authors, numbers…) also refuse
#   line breaks (LF, CR, U+2028, U+2029) and the bidi embedding/override/isolate controls
#   U+202A–U+202E, U+2066–U+2069 (they reorder what readers see: spoofing).

ZERO_WIDTH = "\u200b\u2060\ufeff"
_ZERO_WIDTH_TABLE = {ord(c): None for c in ZERO_WIDTH}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
MAX_LINE = 1000   # characters in a one-line field


def char_code(char: str) -> str:
    return f"U+{ord(char):04X}"


def control_problem(text: str) -> ContentValueError | None:
    """The error for the first control character or lone surrogate in ``text``, if any."""
    m = CONTROL.search(text)
    if m is None:
        return None
    char = m.group()
    if "\ud800" <= char <= "\udfff":
        return ContentValueError(f"Có ký tự không hợp lệ {char_code(char)}",
                                 "xóa ký tự này; kiểm tra các chuỗi \\u… trong dấu ngoặc kép")
    return ContentValueError(f"Có ký tự điều khiển {char_code(char)} không được phép",
                             "xóa ký tự ẩn này; nó thường lẫn vào khi sao chép từ phần mềm khác")


def clean_text(value: str) -> str:
    """Multi-line text (Markdown): NFC, zero-width characters removed, control characters refused."""
    if (error := control_problem(value)) is not None:
        raise error
    return unicodedata.normalize("NFC", value).translate(_ZERO_WIDTH_TABLE)


def clean_single_line(value: str) -> str:
    """One-line text: as ``clean_text``, trimmed, and refusing line breaks and bidi controls."""
    value = value.strip()
    if (m := LINE_BREAK.search(value)) is not None:
        raise ContentValueError(f"Chỉ được viết trên một dòng nhưng có ký tự xuống dòng {char_code(m.group())}",
                                "viết liền trên một dòng, không dùng khối | của YAML")
    value = clean_text(value)
    if (m := BIDI.search(value)) is not None:
        raise ContentValueError(f"Có ký tự đổi chiều chữ {char_code(m.group())} không được phép",
                                "ký tự ẩn này làm chữ hiện sai thứ tự và có thể dùng để giả mạo; hãy xóa nó")
    if len(value) > MAX_LINE:
        raise ContentValueError(f"Dài {len(value)} ký tự, quá giới hạn {MAX_LINE} ký tự của trường một dòng",
                                "viết ngắn lại; phần dài hãy đưa vào mô tả")
    return value


def one_or_many(value: Any) -> Any:
    """A list field may be written as a single value: ``ke_hoach: a#II.1`` means ``[a#II.1]``."""
    return (value,) if isinstance(value, str) else value


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise ValueError("phải là ngày, không phải có/không")
    return str(value).strip()


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(value: Any) -> date:
    """``2026-04-21`` or ``21/04/2026``; impossible days (30/02) are refused in Vietnamese."""
    if isinstance(value, datetime):
        return check_year(value.date())
    if isinstance(value, date):
        return check_year(value)
    text = _text(value)
    if m := _ISO_DATE.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _VN_DATE.match(text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    else:
        raise ValueError(f"'{text}' không phải là ngày; viết dạng 2026-04-21 hoặc 21/04/2026")
    return _make_date(y, mo, d, text)


MIN_YEAR, MAX_YEAR = 1900, 2200


def check_year(value: date, text: str | None = None) -> date:
    """Dates outside 1900–2200 are mistakes (and year 1 or 9999 breaks time-zone arithmetic)."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ContentValueError(f"'{text or value.isoformat()}': năm {value.year} nằm ngoài khoảng cho phép "
                                f"{MIN_YEAR}–{MAX_YEAR}", "kiểm tra lại năm")
    return value


def _make_date(y: int, mo: int, d: int, text: str) -> date:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ContentValueError(f"'{text}': năm {y} nằm ngoài khoảng cho phép {MIN_YEAR}–{MAX_YEAR}",
                                "kiểm tra lại năm")
    if not 1 <= mo <= 12:
        raise ValueError(f"'{text}': không có tháng {mo}")
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"'{text}': tháng {mo}/{y} không có ngày {d}") from None


_TIME = re.compile(r"^(\d{1,2})[:hg](\d{2})?$")


def parse_time(value: Any) -> time:
    """``19:30``, ``7:00`` or ``19h30``."""
    if isinstance(value, time):
        return value
    text = _text(value).lower()
    m = _TIME.match(text)
    if not m:
        raise ValueError(f"'{text}' không phải là giờ; viết dạng 19:30 (trong dấu ngoặc kép)")
    hour, minute = int(m[1]), int(m[2] or 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"'{text}': giờ không hợp lệ")
    return time(hour, minute)


def parse_date_or_datetime(value: Any) -> date | datetime:
    """A date (all-day) or a local date-time ``2026-04-21 19:30`` in Asia/Ho_Chi_Minh."""
    if isinstance(value, datetime):
        check_year(value)
        return value if value.tzinfo else value.replace(tzinfo=TZ)
    if isinstance(value, date):
        return check_year(value)
    text = _text(value)
    parts = text.replace("T", " ").split()
    if len(parts) == 1:
        return parse_date(parts[0])
    if len(parts) == 2:
        day = parse_date(parts[0])
        clock = parse_time(parts[1])
        return datetime.combine(day, clock, tzinfo=TZ)
    raise ValueError(f"'{text}' không phải là ngày hoặc ngày giờ; viết dạng 2026-04-21 hoặc 2026-04-21 19:30")


_PHONE = re.compile(r"^(?:\+84|0)(?:\d{9}|\d{10})$")


def parse_phone(value: Any) -> str:
    """A Vietnamese phone number; spaces, dots and dashes are allowed and dropped."""
    text = re.sub(r"[\s.\-()]", "", _text(value))
    if not _PHONE.match(text):
        raise ValueError(f"'{value}' không phải là số điện thoại (ví dụ 0212 3861 234 hoặc 0912 345 678)")
    return text


def tel_href(phone: str) -> str:
    return "tel:" + ("+84" + phone[1:] if phone.startswith("0") else phone)


def format_phone(phone: str) -> str:
    digits = phone
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if len(digits) == 10:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:4]} {digits[4:8]} {digits[8:]}"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_email(value: Any) -> str:
    text = _text(value)
    if (error := control_problem(text)) is not None:
        raise error
    if not _EMAIL.match(text):
        raise ValueError(f"'{text}' không phải là địa chỉ thư điện tử")
    return text


@lru_cache(maxsize=4096)   # authors' and tags' names come back on every article card
def slugify(text: str) -> str:
    """ASCII slug of a Vietnamese title: ``Đọc sách`` → ``doc-sach``."""
    return _slugify(text.replace("Đ", "D").replace("đ", "d"))


@lru_cache(maxsize=4096)   # articles share headings ("Nội dung", "Kết quả"…)
def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading ids for the Markdown toc extension (``đ`` → ``d``, not dropped)."""
    return _slugify(value.replace("Đ", "D").replace("đ", "d"), separator=separator)


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_slug(value: Any) -> str:
    text = _text(value)
    if not _SLUG.match(text):
        raise ValueError(f"'{text}' phải gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ {slugify(text) or 'ten-moi'})")
    return text


def _date_schema(example: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "examples": [example]})


Date = Annotated[date, BeforeValidator(parse_date), _date_schema("2026-04-21"),
                 PlainSerializer(lambda d: d.isoformat(), return_type=str)]
Time = Annotated[time, BeforeValidator(parse_time), _date_schema("19:30"),
                 PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str)]
DateOrDateTime = Annotated[date | datetime, BeforeValidator(parse_date_or_datetime),
                           WithJsonSchema({"type": "string", "examples": ["2026-04-21", "2026-04-21 19:30"]})]
Phone = Annotated[str, BeforeValidator(parse_phone),
                  WithJsonSchema({"type": "string", "examples": ["0912 345 678"]})]
Email = Annotated[str, BeforeValidator(parse_email), WithJsonSchema({"type": "string", "format": "email"})]
Slug = Annotated[str, BeforeValidator(parse_slug),
                 WithJsonSchema({"type": "string", "pattern": _SLUG.pattern})]
# Every text field of a content model is one of these two (tests/test_values.py checks it).
SingleLine = Annotated[str, AfterValidator(clean_single_line)]   # printed on one line: titles, names…
Text = Annotated[str, AfterValidator(clean_text)]                # Markdown, may span lines
