"""SEQUENCE and DTSTAMP of each event from the repository's git history.

Subscribers' calendar clients replace an event they already have only when its SEQUENCE (or its
DTSTAMP) rises. Staff should not have to remember that: for every event of ``events/*.yaml`` this
module counts the versions of the main line of history (``git log --first-parent``; a merge counts
as one change) in which the event's time, place or status changed, and when the last such change
was committed.

What counts as a change: the validated value of ``bat_dau``, ``ket_thuc``, ``lap_lai`` (rule,
excluded, moved, cancelled and per-year instances), ``dia_diem`` or ``trang_thai`` differs from the
event's previous version, wherever in ``events/`` it lived (the id, ``ma``, is the key: moving an
event to another file is no change). An uncommitted edit of the working tree counts as one more.

Rule, for each event (``ics.py``):
  SEQUENCE      = phien_ban + number of such changes
  DTSTAMP       = the latest of cap_nhat (else the start) and the commit time of the last change
  LAST-MODIFIED = DTSTAMP

It is a function of the commit (two builds of one commit are byte-identical) and needs the full
history: a shallow clone (CI's default checkout) gives a warning and the rule without history,
as does a folder that is not a git repository (a copy on a USB stick, a tarball) or a machine
without git. Events other kinds contribute (club meetings, class sessions) keep that rule too.

Two git processes per build: one ``git log`` over the events folder, one ``git cat-file --batch``
for the file versions it names. Nothing from content reaches a command line; no diff driver,
textconv or filter runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import Field, ValidationError

from ...core.problems import Problems
from ...core.sources import parse_yaml
from ...core.values import DateOrDateTime
from ...site.config import Strict
from .model import OTHER_KIND_FOLDERS, Event, Location, Recurrence

# The fields whose change subscribers must see: time, place, status.
TRACKED = ("bat_dau", "ket_thuc", "lap_lai", "dia_diem", "nha_van_hoa", "trang_thai")
_TIMEOUT = 60


class _Tracked(Strict):
    start: DateOrDateTime | None = Field(None, alias="bat_dau")
    end: DateOrDateTime | None = Field(None, alias="ket_thuc")
    recurrence: Recurrence | None = Field(None, alias="lap_lai")
    location: Location | None = Field(None, alias="dia_diem")
    venue: str | None = Field(None, alias="nha_van_hoa")
    status: str = Field("xac_nhan", alias="trang_thai")


@dataclass(frozen=True)
class Revision:
    changes: int                 # commits (and an uncommitted edit) that changed time, place or status
    changed_at: datetime | None  # commit time of the last such change (None: none, or uncommitted only)


@dataclass(frozen=True)
class History:
    revisions: dict[str, Revision]
    used: bool                   # False: no usable history; the rule without it applies

    def of(self, event_id: str) -> Revision | None:
        return self.revisions.get(event_id) if self.used else None


NO_HISTORY = History({}, False)


def fingerprint(item: dict) -> str:
    """The tracked fields of one event (a YAML mapping), normalised through the model's types so
    that writing the same time differently (quoted or not) is no change."""
    subset = {k: item[k] for k in TRACKED if k in item}
    try:
        value = _Tracked.model_validate(subset).model_dump(mode="json")
    except (ValidationError, ValueError, TypeError):
        value = {"raw": subset}
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _items(data) -> list[dict]:
    if isinstance(data, dict) and isinstance(data.get("su_kien"), list) and len(data) == 1:
        return [i for i in data["su_kien"] if isinstance(i, dict)]
    return [data] if isinstance(data, dict) else []


def _fingerprints(text: str, path: Path) -> dict[str, str]:
    """{ma: fingerprint} of the events in one version of one file; unreadable versions give {}."""
    located = parse_yaml(text, path, Problems(path.parent))
    if located is None:
        return {}
    out = {}
    for item in _items(located.data):
        ma = item.get("ma")
        if isinstance(ma, str):
            out[ma] = fingerprint(item)
    return out


def _is_event_file(rel: str, events_rel: str, skip: tuple[str, ...] = OTHER_KIND_FOLDERS) -> bool:
    """A YAML file of ``events_rel`` outside the folders of other kinds (``skip``), at the top
    (one unit) or inside a unit folder (a hub of several units)."""
    if not rel.startswith(events_rel + "/") or not rel.endswith((".yaml", ".yml")):
        return False
    folders = rel[len(events_rel) + 1:].split("/")[:-1]
    return not any(folder in skip for folder in folders)


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes | None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, input=data,
                                capture_output=True, env=env, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _log(top: Path, events_rel: str) -> list[tuple[datetime, list[tuple[str, str]]]]:
    """Oldest first: (commit time, [(path, new blob id or "" when deleted)]) for every commit of
    the first-parent line that touched the events folder."""
    out = _git(["log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-renames",
                "--raw", "--no-abbrev", "-z", "--format=%x01%cI", "--", events_rel], top)
    if out is None:
        return []
    commits = []
    for chunk in out.decode("utf-8", "replace").split("\x01")[1:]:
        fields = chunk.split("\x00")
        head = fields[0].split("\n", 1)
        when = datetime.fromisoformat(head[0].strip())
        rest = [head[1]] + fields[1:] if len(head) > 1 else fields[1:]
        rest = [f.lstrip("\n") for f in rest]
        changes = []
        i = 0
        while i + 1 < len(rest):
            meta, path = rest[i], rest[i + 1]
            i += 2
            parts = meta.split()
            if not meta.startswith(":") or len(parts) < 5:
                continue
            status, blob = parts[4], parts[3]
            changes.append((path, "" if status.startswith("D") else blob))
        commits.append((when, changes))
    return commits


def _blobs(top: Path, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    out = _git(["cat-file", "--batch"], top, ("\n".join(ids) + "\n").encode())
    if out is None:
        return {}
    texts = {}
    pos = 0
    for blob in ids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        texts[blob] = out[pos:pos + size].decode("utf-8", "replace")
        pos += size + 1
    return texts


def load_history(events_dir: Path, events: list[Event], problems: Problems,
                 skip: tuple[str, ...] = OTHER_KIND_FOLDERS) -> History:
    """The history of every event of ``events_dir``, or ``NO_HISTORY`` when there is none to use
    (``skip``: the folders of other kinds, whose files are not events)."""
    if shutil.which("git") is None or not events_dir.is_dir():
        return NO_HISTORY
    top_out = _git(["rev-parse", "--show-toplevel", "--is-shallow-repository"], events_dir)
    if top_out is None:
        return NO_HISTORY
    lines = top_out.decode("utf-8", "replace").splitlines()
    if len(lines) < 2:
        return NO_HISTORY
    top = Path(lines[0])
    if lines[1].strip() == "true":
        problems.warn(events_dir, None, "",
                      "Kho git chỉ có một phần lịch sử (bản sao nông): SEQUENCE và DTSTAMP trong lịch "
                      "đăng ký được tính theo phien_ban và cap_nhat, không theo lịch sử thay đổi.",
                      "trong CI hãy lấy đủ lịch sử: fetch-depth: 0 (GitHub) hoặc GIT_DEPTH: 0 (GitLab)")
        return NO_HISTORY
    try:
        events_rel = events_dir.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return NO_HISTORY
    commits = _log(top, events_rel)
    wanted = sorted({blob for _, changes in commits for path, blob in changes
                     if blob and _is_event_file(path, events_rel, skip)})
    texts = _blobs(top, wanted)

    latest: dict[str, str] = {}
    files: dict[str, dict[str, str]] = {}   # path -> {ma: fingerprint} as last committed
    counts: dict[str, int] = {}
    changed_at: dict[str, datetime] = {}

    def apply(when: datetime | None, versions: dict[str, dict[str, str]]) -> None:
        for path, prints in versions.items():
            files[path] = prints
            for ma, fp in prints.items():
                if ma in latest and latest[ma] != fp:
                    counts[ma] = counts.get(ma, 0) + 1
                    if when is not None:
                        changed_at[ma] = when
                latest[ma] = fp

    for when, changes in commits:
        versions = {}
        for path, blob in changes:
            if not _is_event_file(path, events_rel):
                continue
            versions[path] = _fingerprints(texts.get(blob, ""), top / path) if blob else {}
        apply(when, versions)

    # The working tree: an uncommitted edit (a local preview) is one change more.
    current = {}
    for path in sorted({e.path.resolve() for e in events}):
        try:
            rel = path.relative_to(top.resolve()).as_posix()
        except ValueError:
            continue
        if not _is_event_file(rel, events_rel):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        prints = _fingerprints(text, path)
        if prints != files.get(rel):
            current[rel] = prints
    apply(None, current)
    revisions = {ma: Revision(counts.get(ma, 0), changed_at.get(ma)) for ma in latest}
    return History(revisions, True)
