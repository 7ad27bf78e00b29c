"""Feeds and calendars speak Vietnamese too (issue #14, point 3): every text property of the
`.ics` files and every title and description of the RSS/Atom feeds is free of the English
interface words the browser test looks for."""

from __future__ import annotations

import feedparser
import icalendar

from test_quality_browser import _ENGLISH

ICS_TEXT = ("SUMMARY", "DESCRIPTION", "COMMENT", "LOCATION", "NAME", "X-WR-CALNAME", "X-WR-CALDESC",
            "CATEGORIES", "TZNAME")


def test_calendar_texts_are_vietnamese(built_site):
    files = sorted(built_site.rglob("*.ics"))
    assert len(files) > 10
    english = []
    for path in files:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        for component in calendar.walk():
            for name in ICS_TEXT:
                value = component.get(name)
                for item in value if isinstance(value, list) else [value]:
                    text = item.to_ical().decode() if hasattr(item, "to_ical") else str(item or "")
                    english += [f"{path.name} {name}: {hit}" for hit in _ENGLISH.findall(text)]
    assert english == []


def test_feed_texts_are_vietnamese(built_site):
    feeds = sorted(built_site.glob("tin-tuc/**/*.xml"))
    feeds = [f for f in feeds if f.name in ("rss.xml", "atom.xml")]
    assert len(feeds) >= 2
    english = []
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        texts = [parsed.feed.get("title", ""), parsed.feed.get("subtitle", "")]
        texts += [e.get(k, "") for e in parsed.entries for k in ("title", "summary")]
        english += [f"{path.name}: {hit}" for t in texts for hit in _ENGLISH.findall(t)]
    assert english == []


def test_the_word_check_sees_english():
    assert _ENGLISH.findall("Subscribe to the Calendar") == ["Subscribe", "Calendar"]
