"""Imports the modules that register loaders, page blocks and renderers with the hub.

One line per content kind; the hub itself names none of them. Order matters: the
calendar loads before the kinds that refer to events.
"""

from ..kinds.events import pages as calendar_pages  # noqa: F401  events, calendar pages and .ics feeds
from ..kinds.news import model as news
from ..kinds.news import pages as news_pages
from ..kinds.news import feeds  # noqa: F401  news after the calendar: articles cite events
from ..kinds.clubs import pages as club_pages  # noqa: F401  clubs and classes: schedules join the calendar; listings, pages, .ics
from ..kinds.reports import pages as report_pages  # noqa: F401  yearly reports from the calendar (after every event provider)
from . import registry as kinds  # noqa: F401,E402  (content-kind registry and the rules common to all kinds; keep last)
