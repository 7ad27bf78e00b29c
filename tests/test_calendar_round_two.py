"""Issue #12 (the calendar, round two): last day of a lunar month, the day-30 policy, SEQUENCE and
DTSTAMP from git history, nothing dropped from the feeds. Every date is read back from the produced
.ics by two independent parsers: recurring-ical-events (Python) and Mozilla's ical.js (node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from cli_helpers import hoctap
from conftest import ROOT, copy_project

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HOST = "hoctap-vienglan.example.org"
NODE_DIR = ROOT / "tests" / "node"
EPOCH_2028 = "1830272400"   # 2028-01-01 00:00 +07:00


def _ical_js(feed: Path, start: str, end: str) -> list[dict]:
    assert (NODE_DIR / "node_modules" / "ical.js").is_dir(), "scripts/test installs ical.js (npm)"
    out = subprocess.run(["node", str(NODE_DIR / "expand.mjs"), str(feed), start, end],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _day(value: str) -> date:
    """ical.js prints a date as YYYY-MM-DD and a time as a UTC instant."""
    if "T" not in value:
        return date.fromisoformat(value)
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(VN).date()


def starts(feed: Path, uid_prefix: str, start=(2020, 1, 1), end=(2040, 1, 1)) -> list[date]:
    """Local start days of the instances of ``uid_prefix``, identical in both parsers."""
    cal = icalendar.Calendar.from_ical(feed.read_bytes())
    python = sorted((e.start.astimezone(VN).date() if isinstance(e.start, datetime) else e.start)
                    for e in recurring_ical_events.of(cal).between(start, end)
                    if str(e["UID"]).startswith(uid_prefix))
    js = sorted(_day(i["start"]) for i in _ical_js(feed, "%04d-%02d-%02d" % start, "%04d-%02d-%02d" % end)
                if i["uid"].startswith(uid_prefix))
    assert python == js
    return python


def set_calendar_options(project: Path, back: int | None, ahead: int) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("        so_nam_truoc: 1\n", f"        so_nam_truoc: {back}\n" if back is not None else "")
    text = text.replace("        so_nam_sau: 3\n", f"        so_nam_sau: {ahead}\n")
    # the subscription feed reaches as far as the window of instances (lich.so_ngay_toi)
    text = text.replace("        so_ngay_toi: 365\n", f"        so_ngay_toi: {min(3660, 366 * (ahead + 1))}\n")
    config.write_text(text, encoding="utf-8")


def add_events(project: Path, text: str, name: str = "them.yaml") -> None:
    (project / "events" / name).write_text("su_kien:\n" + text, encoding="utf-8")


def build(project: Path, epoch: str | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    site = project.parent / ("site-" + project.name)
    shutil.rmtree(site, ignore_errors=True)
    kwargs = {"epoch": epoch} if epoch else {}
    result = hoctap("build", "--site-dir", str(site), cwd=project, **kwargs)
    return result, site


LAST_DAY_EVENTS = """\
  - ma: cuoi-thang-chap
    tieu_de: Tất niên
    bat_dau: 2027-02-05
    lap_lai: { kieu: am_lich, ngay_am: "cuối/12" }
    the_loai: le-hoi
    dia_diem: { ten: Nhà văn hóa }
  - ma: ba-muoi-doi-sang-29
    tieu_de: Ngày 30 tháng Ba, năm thiếu vào 29
    bat_dau: 2026-05-16
    lap_lai: { kieu: am_lich, ngay_am: "30/3", ngay_30: doi_sang_29 }
    the_loai: le-hoi
    dia_diem: { ten: Nhà văn hóa }
  - ma: ba-muoi-bo-qua
    tieu_de: Ngày 30 tháng Ba, năm thiếu bỏ qua
    bat_dau: 2026-05-16
    lap_lai: { kieu: am_lich, ngay_am: "30/3", ngay_30: bo_qua }
    the_loai: le-hoi
    dia_diem: { ten: Nhà văn hóa }
"""

# The last day of lunar month 12 (Giao thừa), lunar years 2025..2033: 29 or 30 days.
GIAO_THUA = [date(2026, 2, 16), date(2027, 2, 5), date(2028, 1, 25), date(2029, 2, 12), date(2030, 2, 1),
             date(2031, 1, 22), date(2032, 2, 10), date(2033, 1, 30), date(2034, 2, 18)]


@pytest.fixture(scope="module")
def lunar_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("lunar") / "project")
    set_calendar_options(project, 1, 8)          # build 2026: window 2025..2034
    add_events(project, LAST_DAY_EVENTS)
    result, site = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return result, site


def test_giao_thua_every_year_in_both_parsers(lunar_site):
    _, site = lunar_site
    feed = site / "lich" / "lich.ics"
    days = starts(feed, "dem-giao-thua-")
    assert days == GIAO_THUA
    for required in (date(2027, 2, 5), date(2028, 1, 25), date(2030, 2, 1), date(2033, 1, 30)):
        assert required in days
    # the day before Tết every year
    tet = starts(feed, "tet-nguyen-dan-")
    assert [d.toordinal() + 1 for d in days[1:]] == [d.toordinal() for d in tet[1:len(days)]]
    assert starts(feed, "cuoi-thang-chap-") == GIAO_THUA[1:]


def test_day_30_policies(lunar_site):
    result, site = lunar_site
    feed = site / "lich" / "lich.ics"
    # Lunar month 3 has 30 days in 2026 and 2028 only, of the lunar years 2026..2034.
    assert starts(feed, "ba-muoi-bo-qua-") == [date(2026, 5, 16), date(2028, 4, 24)]
    assert starts(feed, "ba-muoi-doi-sang-29-") == [
        date(2026, 5, 16), date(2027, 5, 5), date(2028, 4, 24), date(2029, 5, 12), date(2030, 5, 1),
        date(2031, 4, 20), date(2032, 5, 8), date(2033, 4, 28), date(2034, 5, 17)]
    output = result.stdout + result.stderr
    assert ("[cảnh báo] events/them.yaml:17: lap_lai.ngay_30: Với ngay_30: bo_qua, sự kiện không có buổi nào "
            "trong năm 2027, 2029, 2030, 2031, 2032, 2033, 2034 âm lịch (tháng 3 các năm đó chỉ có 29 ngày). "
            "(muốn tổ chức vào ngày 29 những năm đó thì ghi ngay_30: doi_sang_29) "
            "[xem: https://hoctap-vienglan.example.org/huong-dan/loi.html#ngay-am-lich]") in output


def test_day_30_without_policy_is_refused_naming_the_years(project):
    add_events(project, """\
  - ma: ba-muoi-thang-ba
    tieu_de: Ngày 30 tháng Ba
    bat_dau: 2026-05-16
    lap_lai: { kieu: am_lich, ngay_am: "30/3" }
    the_loai: le-hoi
    dia_diem: { ten: Nhà văn hóa }
""")
    result = hoctap("check", cwd=project)
    assert result.returncode == 1
    assert ('events/them.yaml:5: lap_lai.ngay_30: ngay_am "30/3" là ngày 30, nhưng tháng 3 âm lịch có năm chỉ '
            'có 29 ngày (trong lịch: năm 2027, 2029 âm lịch): cần ghi ngay_30. (ngay_30: bo_qua để không tổ '
            'chức năm đó, hoặc ngay_30: doi_sang_29 để tổ chức vào ngày 29) '
            '[xem: https://hoctap-vienglan.example.org/huong-dan/loi.html#ngay-am-lich]') in result.stdout


def test_theo_nam_beyond_the_window_reaches_the_feed(project):
    add_events(project, """\
  - ma: ngay-hoi-nam
    tieu_de: Ngày hội hằng năm
    bat_dau: 2026-06-01
    lap_lai:
      kieu: hang_nam
      theo_nam:
        2034: { bat_dau: 2034-06-05 }
    the_loai: le-hoi
    dia_diem: { ten: Nhà văn hóa }
""")
    result, site = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    days = starts(site / "lich" / "lich.ics", "ngay-hoi-nam@", end=(2036, 1, 1))
    assert date(2034, 6, 5) in days and date(2034, 6, 1) not in days
    assert date(2033, 6, 1) in days and date(2035, 6, 1) in days


def test_theo_nam_year_without_instance_is_refused(project):
    add_events(project, """\
  - ma: ngay-hoi-nam
    tieu_de: Ngày hội hằng năm
    bat_dau: 2026-06-01
    lap_lai:
      kieu: hang_nam
      den_ngay: 2030-12-31
      theo_nam:
        2034: { bat_dau: 2034-06-05 }
    the_loai: le-hoi
    dia_diem: { ten: Nhà văn hóa }
""")
    result = hoctap("check", cwd=project)
    assert result.returncode == 1
    assert ("events/them.yaml:5: lap_lai.theo_nam.2034: Năm 2034 không có buổi nào của lịch lặp này "
            "(lịch bắt đầu 01/06/2026, đến 31/12/2030).") in result.stdout + result.stderr


def test_past_lunar_instances_stay_in_the_feed(project):
    set_calendar_options(project, None, 3)      # default horizon: ten years back
    result, site = build(project, EPOCH_2028)
    assert result.returncode == 0, result.stdout + result.stderr
    every = [date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13), date(2030, 2, 2),
             date(2031, 1, 23)]
    assert starts(site / "lich" / "su-kien" / "tet-nguyen-dan.ics", "tet-nguyen-dan-") == every
    # the subscription feed keeps what ended within 90 days; older instances are in their year's archive
    assert starts(site / "lich" / "lich.ics", "tet-nguyen-dan-") == every[2:]
    assert starts(site / "lich" / "luu-tru" / "2026.ics", "tet-nguyen-dan-") == every[:1]
    assert starts(site / "lich" / "luu-tru" / "2027.ics", "tet-nguyen-dan-") == every[1:2]
    page = (site / "lich" / "dang-ky.html").read_text(encoding="utf-8")
    assert "tối đa 10 năm trước" in page and "3 năm tới" in page
    # A horizon of one year drops 2026 in a 2028 build, as configured.
    set_calendar_options(project, 1, 3)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "so_nam_truoc: 1" not in text
    (project / "mkdocs.yml").write_text(text.replace("so_nam_sau: 3", "so_nam_truoc: 1\n        so_nam_sau: 3"),
                                        encoding="utf-8")
    result, site = build(project, EPOCH_2028)
    assert result.returncode == 0, result.stdout + result.stderr
    assert starts(site / "lich" / "su-kien" / "tet-nguyen-dan.ics", "tet-nguyen-dan-")[0] == date(2027, 2, 6)


def test_historical_lunar_anniversary_uses_utc8(project):
    """Before 1968 the calendar used UTC+8: Tết 1965 is 02/02/1965 (UTC+7 would give 01/02)."""
    event = """\
  - ma: ky-niem-tet-1965
    tieu_de: Kỷ niệm
    bat_dau: {day}
    lap_lai: {{ kieu: am_lich, ngay_am: "1/1" }}
    the_loai: le-hoi
    dia_diem: {{ ten: Nhà văn hóa }}
"""
    add_events(project, event.format(day="1965-02-02"))
    result, site = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert starts(site / "lich" / "su-kien" / "ky-niem-tet-1965.ics", "ky-niem-tet-1965-")[:2] == [
        date(2025, 1, 29), date(2026, 2, 17)]
    add_events(project, event.format(day="1965-02-01"))
    result = hoctap("check", cwd=project)
    assert result.returncode == 1
    assert "bat_dau: Ngày 01/02/1965 là 30/12 âm lịch, không trùng ngay_am 1/1." in result.stdout


# -- SEQUENCE and DTSTAMP from git history --------------------------------------------------------

def git(repo: Path, *args: str, when: str = "2026-03-01T10:00:00+07:00") -> str:
    env = {"GIT_AUTHOR_NAME": "Cán bộ", "GIT_AUTHOR_EMAIL": "cb@example.org", "GIT_COMMITTER_NAME": "Cán bộ",
           "GIT_COMMITTER_EMAIL": "cb@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "PATH": "/usr/bin:/bin", "HOME": str(repo)}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def vevent(site: Path, uid: str) -> icalendar.Event:
    cal = icalendar.Calendar.from_ical((site / "lich" / "lich.ics").read_bytes())
    return next(e for e in cal.walk("VEVENT") if str(e["UID"]) == uid and "RECURRENCE-ID" not in e)


def test_cancellation_raises_sequence_and_dtstamp_from_git(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Lịch 2026")
    result, site = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    uid = f"hoi-sach-2026@{HOST}"
    before = vevent(site, uid)
    assert before["SEQUENCE"] == 0
    assert before["DTSTAMP"].dt == datetime(2026, 4, 22, 1, 0, tzinfo=timezone.utc)   # cap_nhat 08:00 +07
    js = {i["uid"]: i for i in _ical_js(site / "lich" / "lich.ics", "2026-01-01", "2027-01-01")}
    assert js[uid]["sequence"] == 0 and js[uid]["status"] == "CONFIRMED"

    path = project / "events" / "hoat-dong-2026.yaml"
    text = path.read_text(encoding="utf-8")
    # Cancel the event without touching phien_ban or cap_nhat.
    edited = text.replace("    da_to_chuc: { ngay: 2026-04-21, nguoi_tham_gia: 320 }\n", "    trang_thai: huy\n", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    git(project, "commit", "-qam", "Hủy hội sách", when="2026-05-02T09:30:00+07:00")
    result, site = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    after = vevent(site, uid)
    assert after["STATUS"] == "CANCELLED"
    assert after["SEQUENCE"] == 1
    assert after["DTSTAMP"].dt == datetime(2026, 5, 2, 2, 30, tzinfo=timezone.utc)
    assert after["LAST-MODIFIED"].dt == after["DTSTAMP"].dt
    js = {i["uid"]: i for i in _ical_js(site / "lich" / "lich.ics", "2026-01-01", "2027-01-01")}
    assert js[uid]["sequence"] == 1 and js[uid]["status"] == "CANCELLED"
    # Other events did not change.
    assert vevent(site, f"chieu-phim-luu-dong@{HOST}")["SEQUENCE"] == 2     # phien_ban: 2, no change

    # A change of the title only is not a change of time, place or status.
    path.write_text(edited.replace("tieu_de: Hội sách và Ngày hội đọc sách của xã", "tieu_de: Hội sách"),
                    encoding="utf-8")
    git(project, "commit", "-qam", "Sửa tên", when="2026-05-03T09:30:00+07:00")
    # Moving the event to another file is no change either; a new place is.
    result, site = build(project)
    assert vevent(site, uid)["SEQUENCE"] == 1
    moved = path.read_text(encoding="utf-8").replace("ten: Nhà văn hóa trung tâm xã\n      dia_chi: Trung tâm xã Viêng Lán",
                                                    "ten: Hội trường UBND xã\n      dia_chi: Trung tâm xã Viêng Lán", 1)
    path.write_text(moved, encoding="utf-8")
    git(project, "commit", "-qam", "Đổi địa điểm", when="2026-05-04T09:30:00+07:00")
    result, site = build(project)
    assert vevent(site, uid)["SEQUENCE"] == 2
    assert vevent(site, uid)["DTSTAMP"].dt == datetime(2026, 5, 4, 2, 30, tzinfo=timezone.utc)
    # Two builds of one commit are byte-identical.
    first = (site / "lich" / "lich.ics").read_bytes()
    result, site = build(project)
    assert (site / "lich" / "lich.ics").read_bytes() == first

    # An uncommitted edit counts as one more change (a local preview).
    path.write_text(moved.replace('bat_dau: "2026-04-21 07:30"', 'bat_dau: "2026-04-21 08:00"', 1), encoding="utf-8")
    result, site = build(project)
    assert vevent(site, uid)["SEQUENCE"] == 3


def test_shallow_clone_warns_and_falls_back(project, tmp_path):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "một")
    (project / "events" / "hoat-dong-2026.yaml").write_text(
        (project / "events" / "hoat-dong-2026.yaml").read_text(encoding="utf-8").replace(
            "    da_to_chuc: { ngay: 2026-04-21, nguoi_tham_gia: 320 }\n", "    trang_thai: huy\n", 1), encoding="utf-8")
    git(project, "commit", "-qam", "hai")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)], check=True,
                   capture_output=True)
    result, site = build(clone)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Kho git chỉ có một phần lịch sử (bản sao nông)" in result.stdout + result.stderr
    assert vevent(site, f"hoi-sach-2026@{HOST}")["SEQUENCE"] == 0        # phien_ban, as without git


def test_history_reads_event_files_only_in_every_unit_folder():
    """The git history fingerprints event files, not other kinds' YAML (documents, bodies…), at the
    top of events/ (one unit) and inside a unit folder (a hub of several units)."""
    from hoctap.kinds.events.history import _is_event_file
    skip = ("cau-lac-bo", "lop-hoc", "nha-van-hoa", "phan-cong", "van-ban")
    assert _is_event_file("events/hoat-dong-2026.yaml", "events", skip)
    assert _is_event_file("events/vieng-lan/hoat-dong-2026.yaml", "events", skip)
    assert _is_event_file("events/vieng-lan/le-hoi/tet.yml", "events", skip)
    assert not _is_event_file("events/van-ban/93-kh-ubnd-2024.yaml", "events", skip)
    assert not _is_event_file("events/vieng-lan/van-ban/93-kh-ubnd-2024.yaml", "events", skip)
    assert not _is_event_file("events/vieng-lan/phan-cong/mttq.yaml", "events", skip)
    assert not _is_event_file("events/vieng-lan/ghi-chu.md", "events", skip)
    assert not _is_event_file("content/vieng-lan/hoat-dong.yaml", "events", skip)
