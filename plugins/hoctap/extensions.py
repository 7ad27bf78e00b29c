"""Imports the modules that register loaders, page blocks and renderers with the hub.

One line per content kind; the hub itself names none of them. Order matters: the
calendar loads before the kinds that refer to events.
"""

from . import calendar_pages  # noqa: F401  events, calendar pages and .ics feeds
from . import news, news_pages, feeds  # noqa: F401  news after the calendar: articles cite events
from . import club_pages  # noqa: F401  clubs and classes: schedules join the calendar; listings, pages, .ics
from . import report_pages  # noqa: F401  yearly reports from the calendar (after every event provider)
from . import kinds  # noqa: F401,E402  (content-kind registry and the rules common to all kinds; keep last)
