"""Dates and times the Vietnamese way, through Babel (never the process locale)."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache

from babel.dates import format_date as _babel_date

from .timezone import TZ

LOCALE = "vi"


def weekday_date(d: date) -> str:
    """``Thứ Ba, 21/04/2026``."""
    return _weekday_date(d.date() if isinstance(d, datetime) else d)   # as Babel does with a datetime


@lru_cache(maxsize=8192)   # a few years of days: Babel formats each one once
def _weekday_date(d: date) -> str:
    return _babel_date(d, "EEEE, dd/MM/yyyy", locale=LOCALE)


def short_date(d: date) -> str:
    """``21/04/2026``."""
    return f"{d:%d/%m/%Y}"


def weekday_name(d: date) -> str:
    """``Thứ Ba``; ``Chủ Nhật``."""
    return _weekday_name(d.date() if isinstance(d, datetime) else d)


@lru_cache(maxsize=8192)
def _weekday_name(d: date) -> str:
    return _babel_date(d, "EEEE", locale=LOCALE)


def weekday_abbr(d: date) -> str:
    """``T3``; ``CN``: the labels of a Vietnamese calendar grid."""
    return "CN" if d.isoweekday() == 7 else f"T{d.isoweekday() + 1}"


WEEKDAY_ABBRS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def month_label(year: int, month: int) -> str:
    """``Tháng 4/2026``."""
    return f"Tháng {month}/{year}"


def clock(t: time | datetime) -> str:
    """``19:30``."""
    return f"{t:%H:%M}"


def local(dt: datetime) -> datetime:
    return dt.astimezone(TZ)


def iso(dt: datetime | date) -> str:
    return dt.isoformat()
