"""Self-assessment and ranking of the centres (đánh giá, xếp loại Trung tâm VH-HTCĐ).

Two kinds of file, in the folder of the unit they belong to:

- ``events/<unit>/danh-gia/tieu-chi/*.yaml``: a ranking guide as data (criterion groups, criteria,
  maximum points, rank thresholds) with its source document. A guide whose official text is not
  in the repository is ``mau: true``, and its page says "mẫu, cần đối chiếu văn bản gốc".
- ``events/<unit>/danh-gia/*.yaml``: one centre's self-assessment of one year: a score per
  criterion (or ``diem: chua_cham``) with evidence (activities, the year's report, plan sections,
  surveys, links to documents). Its rank follows from the guide's thresholds.

Counts that the calendar knows (activities held in the year, club and class sessions, classes,
surveys) are computed for the centre and shown beside the criteria that name them
(``so_lieu``); the self-assessment has no field to type them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from ...core.publishing import link_problem, scheme_of
from ...core.sources import Located
from ...core.validation import did_you_mean
from ...core.values import Date, SingleLine, Slug, Text, one_or_many
from ...site import rules
from ...site.config import Strict
from ..events import held
from ..surveys.model import at_least_one

FOLDER = "danh-gia"
CRITERIA_FOLDER = "danh-gia/tieu-chi"
NOT_SCORED = "chua_cham"
RESERVED = {"index", "tieu-chi"}

# What the calendar can count for a centre in a year (``so_lieu`` of a criterion).
MEASURES = {
    "hoat_dong": "Hoạt động đã tổ chức trong năm (có báo cáo đã tổ chức, không kể buổi sinh hoạt câu lạc bộ, lớp học)",
    "buoi_sinh_hoat": "Buổi sinh hoạt câu lạc bộ, buổi học đã diễn ra trong năm (theo lịch)",
    "nguoi_tham_gia": "Lượt người tham gia đã ghi sau các hoạt động trong năm",
    "lop_hoc": "Lớp học có buổi học trong năm",
    "khao_sat": "Đợt khảo sát nhu cầu học tập trong năm",
}
Measure = Literal["hoat_dong", "buoi_sinh_hoat", "nguoi_tham_gia", "lop_hoc", "khao_sat"]


# -- the ranking guide -------------------------------------------------------------------------

class SourceDocument(Strict):
    number: SingleLine = Field(alias="so_ky_hieu", min_length=1)
    date: Date | None = Field(None, alias="ngay")
    issuer: SingleLine = Field(alias="co_quan", min_length=1)
    subject: SingleLine = Field("", alias="trich_yeu")


class Criterion(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    max_points: int = Field(alias="diem_toi_da", ge=1, le=1000)
    measure: Measure | None = Field(None, alias="so_lieu")


class Group(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    criteria: tuple[Criterion, ...] = Field(alias="tieu_chi")

    _nonempty = field_validator("criteria")(at_least_one("tiêu chí"))

    @property
    def max_points(self) -> int:
        return sum(c.max_points for c in self.criteria)


class Rank(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    min_points: int = Field(alias="tu_diem", ge=0)


class CriteriaSet(Strict):
    id: Slug = Field(alias="ma")
    title: SingleLine = Field(alias="ten", min_length=1)
    sample: bool = Field(False, alias="mau")    # not checked against the official text
    source: SourceDocument = Field(alias="van_ban_goc")
    plan_refs: tuple[SingleLine, ...] = Field((), alias="ke_hoach")
    note: Text = Field("", alias="ghi_chu")
    groups: tuple[Group, ...] = Field(alias="nhom")
    ranks: tuple[Rank, ...] = Field(alias="xep_loai")

    _groups = field_validator("groups")(at_least_one("nhóm tiêu chí"))
    _ranks = field_validator("ranks")(at_least_one("xếp loại"))

    _one_or_many = field_validator("plan_refs", mode="before")(one_or_many)

    @property
    def criteria(self) -> list[Criterion]:
        return [c for g in self.groups for c in g.criteria]

    @property
    def max_points(self) -> int:
        return sum(g.max_points for g in self.groups)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def rank_for(self, points: float) -> Rank | None:
        return next((r for r in self.ranks if points >= r.min_points), None)


# -- a centre's self-assessment ------------------------------------------------------------------

class Evidence(Strict):
    """One piece of evidence: an activity, the year's report, a plan section, a survey, or a link."""

    event: Slug | None = Field(None, alias="su_kien")
    report: int | None = Field(None, alias="bao_cao", ge=1900, le=2200)
    plan: SingleLine | None = Field(None, alias="ke_hoach")
    survey: Slug | None = Field(None, alias="khao_sat")
    name: SingleLine | None = Field(None, alias="ten")
    url: SingleLine | None = Field(None, alias="url")


class Score(Strict):
    criterion: Slug = Field(alias="tieu_chi")
    points: int | float | SingleLine = Field(alias="diem")     # a number, or chua_cham
    evidence: tuple[Evidence, ...] = Field((), alias="bang_chung")
    remark: SingleLine = Field("", alias="nhan_xet")

    @property
    def scored(self) -> bool:
        return self.points != NOT_SCORED


class Assessment(Strict):
    id: Slug = Field(alias="ma")
    year: int = Field(alias="nam", ge=1900, le=2200)
    criteria_id: Slug = Field(alias="bo_tieu_chi")
    sample: bool = Field(False, alias="mau")
    assessed_on: Date | None = Field(None, alias="ngay_danh_gia")
    scores: tuple[Score, ...] = Field(alias="cham_diem")

    _nonempty = field_validator("scores")(at_least_one("dòng chấm điểm"))
    note: Text = Field("", alias="ghi_chu")


# -- loaded ------------------------------------------------------------------------------------

@dataclass
class LoadedCriteria:
    criteria: CriteriaSet
    path: Path
    unit: str | None
    citations: list = field(default_factory=list)


@dataclass
class LoadedAssessment:
    assessment: Assessment
    path: Path
    unit: str | None
    criteria: LoadedCriteria
    counts: dict[str, int] = field(default_factory=dict)      # measure → count from the calendar

    @property
    def scores(self) -> dict[str, Score]:
        return {s.criterion: s for s in self.assessment.scores}

    @property
    def total(self) -> float:
        return sum(float(s.points) for s in self.assessment.scores if s.scored)

    @property
    def unscored(self) -> int:
        return sum(1 for s in self.assessment.scores if not s.scored)

    @property
    def rank(self) -> Rank | None:
        """The rank by the guide's thresholds; none while a criterion is not scored."""
        return None if self.unscored else self.criteria.criteria.rank_for(self.total)


@dataclass
class AssessmentIndex:
    criteria: list[LoadedCriteria] = field(default_factory=list)
    assessments: list[LoadedAssessment] = field(default_factory=list)

    def of_unit(self, unit_id: str | None) -> list[LoadedAssessment]:
        """A unit's own self-assessments, newest year first."""
        return sorted((a for a in self.assessments if a.unit == unit_id), key=lambda a: -a.assessment.year)


def assessments_of(hub) -> AssessmentIndex:
    return hub.extras.get("assessments") or AssessmentIndex()


def number(points: float) -> str:
    """``8``, ``7,5``: points the Vietnamese way."""
    return f"{points:g}".replace(".", ",")


# -- loading -----------------------------------------------------------------------------------

def load_assessments(hub) -> None:
    index = AssessmentIndex()
    hub.extras["assessments"] = index

    def check_criteria(path: Path, located: Located, criteria: CriteriaSet) -> LoadedCriteria:
        loaded = LoadedCriteria(criteria, path, hub.unit_of(path))
        _check_criteria(hub, loaded, located)
        return loaded

    index.criteria = rules.load_items(hub, "tieu-chi-danh-gia", "bộ tiêu chí", check_criteria)
    index.criteria.sort(key=lambda c: c.criteria.id)
    # Guides with their own errors: assessments citing them are not judged (one message per mistake).
    broken = rules.refused(hub, "tieu-chi-danh-gia")
    seen: dict[tuple, Path] = {}

    def check(path: Path, located: Located, assessment: Assessment) -> LoadedAssessment | None:
        if assessment.criteria_id in broken:
            return None
        key = (hub.unit_of(path), assessment.year)
        if key in seen:
            hub.problems.add(path, located.line_of(("nam",)), "nam",
                             f"Đơn vị đã có bản tự đánh giá năm {assessment.year}: {hub.problems.rel(seen[key])}.",
                             "mỗi năm một bản; sửa tệp đã có")
        seen.setdefault(key, path)
        loaded = _check_assessment(hub, index, assessment, path, located)
        if loaded is None or seen[key] != path:
            return None
        loaded.counts = calendar_counts(hub, loaded.unit, assessment.year)
        return loaded

    index.assessments = rules.load_items(hub, "danh-gia", "bản tự đánh giá", check)
    index.assessments.sort(key=lambda a: (-a.assessment.year, a.assessment.id))


def _check_criteria(hub, loaded: LoadedCriteria, located: Located) -> None:
    problems, path, criteria = hub.problems, located.path, loaded.criteria
    for i, ref in enumerate(criteria.plan_refs):
        name = "ke_hoach" + (f"[{i + 1}]" if len(criteria.plan_refs) > 1 else "")
        cited = rules.check_citation(problems, path, located.line_of(("ke_hoach", i)), name, hub.plans, ref)
        if cited is not None:
            loaded.citations.append(cited)
    groups: dict[str, str] = {}
    ids: dict[str, str] = {}
    for i, group in enumerate(criteria.groups):
        where = f"nhom[{i + 1}]"
        if group.id in groups:
            problems.add(path, located.line_of(("nhom", i, "ma")), f"{where}.ma",
                         f"Mã nhóm '{group.id}' trùng với {groups[group.id]}.", "mỗi nhóm cần một mã riêng")
        groups.setdefault(group.id, where)
        for j, criterion in enumerate(group.criteria):
            here = f"{where}.tieu_chi[{j + 1}]"
            if criterion.id in ids:
                problems.add(path, located.line_of(("nhom", i, "tieu_chi", j, "ma")), f"{here}.ma",
                             f"Mã tiêu chí '{criterion.id}' trùng với {ids[criterion.id]}.",
                             "mỗi tiêu chí cần một mã riêng vì bản tự đánh giá chấm theo mã")
            ids.setdefault(criterion.id, here)
    previous = None
    names: dict[str, int] = {}
    for i, rank in enumerate(criteria.ranks):
        here = f"xep_loai[{i + 1}]"
        line = located.line_of(("xep_loai", i, "tu_diem"))
        if rank.id in names:
            problems.add(path, located.line_of(("xep_loai", i, "ma")), f"{here}.ma",
                         f"Mã xếp loại '{rank.id}' trùng với xep_loai[{names[rank.id]}].")
        names.setdefault(rank.id, i + 1)
        if previous is not None and rank.min_points >= previous.min_points:
            problems.add(path, line, f"{here}.tu_diem",
                         f"Ngưỡng xếp loại phải giảm dần: '{rank.id}' (từ {rank.min_points} điểm) không thấp hơn "
                         f"'{previous.id}' (từ {previous.min_points} điểm).",
                         "ghi xếp loại cao nhất trước, thấp nhất sau")
        if rank.min_points > criteria.max_points:
            problems.add(path, line, f"{here}.tu_diem",
                         f"Ngưỡng '{rank.id}' (từ {rank.min_points} điểm) cao hơn tổng điểm tối đa "
                         f"({criteria.max_points}).", "không đơn vị nào đạt được xếp loại này")
        previous = rank
    last = criteria.ranks[-1]
    if last.min_points != 0:
        problems.add(path, located.line_of(("xep_loai", len(criteria.ranks) - 1, "tu_diem")),
                     f"xep_loai[{len(criteria.ranks)}].tu_diem",
                     f"Xếp loại thấp nhất '{last.id}' phải bắt đầu từ 0 điểm để tổng điểm nào cũng có xếp loại.",
                     "ghi tu_diem: 0")


def _check_assessment(hub, index: AssessmentIndex, assessment: Assessment, path: Path,
                      located: Located) -> LoadedAssessment | None:
    problems = hub.problems
    unit_id = hub.unit_of(path)
    if assessment.id in RESERVED or assessment.id.startswith("xep-hang-"):
        problems.add(path, located.line_of(("ma",)), "ma",
                     f"Mã '{assessment.id}' trùng với tên trang có sẵn; hãy chọn mã khác.")
    if assessment.year > hub.today.year:
        problems.add(path, located.line_of(("nam",)), "nam",
                     f"Năm {assessment.year} chưa tới; chỉ tự đánh giá năm đã qua hoặc năm nay.")
    usable = [c for c in index.criteria
              if c.unit == unit_id or c.unit in hub.config.ancestors(unit_id or "")]
    criteria = next((c for c in usable if c.criteria.id == assessment.criteria_id), None)
    if criteria is None:
        other = next((c for c in index.criteria if c.criteria.id == assessment.criteria_id), None)
        options = [c.criteria.id for c in usable]
        if other is not None:
            message = (f"Bộ tiêu chí '{assessment.criteria_id}' là của đơn vị khác; chỉ dùng bộ tiêu chí của "
                       "đơn vị mình hoặc đơn vị cấp trên.")
        else:
            message = f"Không có bộ tiêu chí mã '{assessment.criteria_id}'."
        problems.add(path, located.line_of(("bo_tieu_chi",)), "bo_tieu_chi", message,
                     did_you_mean(assessment.criteria_id, options,
                                  otherwise=("các bộ tiêu chí dùng được: " + ", ".join(options)) if options else ""))
        return None
    guide = criteria.criteria
    scored: dict[str, int] = {}
    for i, score in enumerate(assessment.scores):
        where = f"cham_diem[{i + 1}]"
        criterion = guide.criterion(score.criterion)
        if criterion is None:
            ids = [c.id for c in guide.criteria]
            problems.add(path, located.line_of(("cham_diem", i, "tieu_chi")), f"{where}.tieu_chi",
                         f"Bộ tiêu chí '{guide.id}' không có tiêu chí '{score.criterion}'.",
                         did_you_mean(score.criterion, ids, otherwise="các tiêu chí: " + ", ".join(ids)))
            continue
        if score.criterion in scored:
            problems.add(path, located.line_of(("cham_diem", i, "tieu_chi")), f"{where}.tieu_chi",
                         f"Tiêu chí '{score.criterion}' đã chấm ở cham_diem[{scored[score.criterion]}].",
                         "mỗi tiêu chí chấm một lần")
            continue
        scored[score.criterion] = i + 1
        _check_points(hub, score, criterion, path, located.line_of(("cham_diem", i, "diem")), f"{where}.diem")
        for j, evidence in enumerate(score.evidence):
            _check_evidence(hub, evidence, unit_id, path, located, ("cham_diem", i, "bang_chung", j),
                            f"{where}.bang_chung[{j + 1}]")
    for criterion in guide.criteria:
        if criterion.id not in scored:
            problems.add(path, located.line_of(("cham_diem",)), "cham_diem",
                         f"Tiêu chí '{criterion.id}' ({criterion.name}) chưa có điểm.",
                         f"thêm '- {{ tieu_chi: {criterion.id}, diem: {NOT_SCORED} }}' nếu chưa chấm")
    return LoadedAssessment(assessment, path, unit_id, criteria)


def _check_points(hub, score: Score, criterion: Criterion, path: Path, line: int | None, where: str) -> None:
    points = score.points
    if isinstance(points, str):
        if points != NOT_SCORED:
            hub.problems.add(path, line, where, f"Điểm '{points}' không phải là một số.",
                             f"ghi một số, hoặc diem: {NOT_SCORED} nếu chưa chấm")
        return
    if points < 0:
        hub.problems.add(path, line, where, f"Điểm {number(points)} không được âm.")
    elif points > criterion.max_points:
        hub.problems.add(path, line, where,
                         f"Điểm {number(points)} lớn hơn điểm tối đa {criterion.max_points} của tiêu chí "
                         f"'{criterion.id}'.", f"sửa điểm, hoặc ghi diem: {NOT_SCORED} nếu chưa chấm")


def _check_evidence(hub, evidence: Evidence, unit_id: str | None, path: Path, located: Located,
                    loc: tuple, where: str) -> None:
    problems = hub.problems
    given = [k for k, v in (("su_kien", evidence.event), ("bao_cao", evidence.report),
                            ("ke_hoach", evidence.plan), ("khao_sat", evidence.survey),
                            ("url", evidence.url)) if v is not None]
    line = located.line_of(loc)
    if len(given) != 1:
        problems.add(path, line, where,
                     "Mỗi bằng chứng ghi đúng một trong: su_kien, bao_cao, ke_hoach, khao_sat, url"
                     + (f" (đang ghi {', '.join(given)})." if given else "."),
                     "ví dụ - su_kien: ma-su-kien hoặc - { ten: Biên bản họp, url: https://… }")
        return
    kind = given[0]
    here, field_line = f"{where}.{kind}", located.line_of(loc + (kind,))
    if evidence.name is not None and kind != "url":
        problems.add(path, located.line_of(loc + ("ten",)), f"{where}.ten",
                     "Tên chỉ ghi cho bằng chứng là liên kết (url); các bằng chứng khác lấy tên tự động.")
    members = set(hub.config.descendants(unit_id)) if unit_id else set()
    if kind == "su_kien":
        event = hub.calendar.events.get(evidence.event)
        if event is None and evidence.event in rules.refused(hub, "su-kien"):
            pass   # the event's own mistake is reported on its file
        elif event is None:
            problems.add(path, field_line, here, f"Không có sự kiện mã '{evidence.event}' trong lịch.",
                         did_you_mean(evidence.event, list(hub.calendar.events)))
        elif unit_id and hub.unit_of(event.path) not in members:
            problems.add(path, field_line, here,
                         f"Sự kiện '{evidence.event}' không phải của đơn vị này; chỉ dẫn hoạt động của đơn vị mình.")
    elif kind == "bao_cao":
        if not hub.calendar.first_day.year <= evidence.report <= hub.today.year:
            problems.add(path, field_line, here,
                         f"Không có báo cáo năm {evidence.report}: báo cáo có từ năm {hub.calendar.first_day.year} "
                         f"đến năm {hub.today.year}.")
    elif kind == "ke_hoach":
        rules.check_citation(problems, path, field_line, here, hub.plans, evidence.plan)
    elif kind == "khao_sat":
        surveys = hub.extras.get("surveys")
        found = surveys.get(evidence.survey) if surveys is not None else None
        if found is None and evidence.survey in rules.refused(hub, "khao-sat"):
            return
        if found is None:
            ids = [s.survey.id for s in surveys.surveys] if surveys is not None else []
            problems.add(path, field_line, here, f"Không có khảo sát mã '{evidence.survey}'.",
                         did_you_mean(evidence.survey, ids))
        elif unit_id and found.unit not in members:
            problems.add(path, field_line, here,
                         f"Khảo sát '{evidence.survey}' không phải của đơn vị này; chỉ dẫn khảo sát của đơn vị mình.")
    else:
        problem = link_problem(evidence.url)
        if problem is None and scheme_of(evidence.url) not in ("http", "https"):
            problem = f"Liên kết bằng chứng '{evidence.url}' phải là địa chỉ đầy đủ, bắt đầu bằng https://"
        if problem:
            problems.add(path, field_line, here, problem + ".", "ví dụ https://…/bien-ban.pdf")
        if not evidence.name:
            problems.add(path, located.line_of(loc), f"{where}.ten", "Bằng chứng là liên kết cần có tên (ten).",
                         "ví dụ ten: Biên bản họp Ban Giám đốc")


# -- counts from the calendar (never typed twice) ----------------------------------------------

def calendar_counts(hub, unit_id: str | None, year: int) -> dict[str, int]:
    """What the calendar and the other kinds know of a centre's year: its own activities (a centre
    is judged on its own work), sessions, participants, classes and surveys."""
    calendar = hub.calendar
    counts = dict.fromkeys(MEASURES, 0)
    for occ in calendar.occurrences:
        if occ.start_day.year != year or occ.is_cancelled or occ.end_day >= hub.today:
            continue
        if hub.unit_of(occ.event.path) != unit_id:
            continue
        source = occ.event.source
        if source.id in calendar.routine:
            counts["buoi_sinh_hoat"] += 1
            continue
        # an activity counts once staff recorded it as held (kinds/events/held.py), never by its date
        if held.status(occ, hub.today, calendar.routine) != held.HELD:
            continue
        counts["hoat_dong"] += 1
        record = held.record_for(occ, hub.today)
        if record is not None and record.participants is not None:
            counts["nguoi_tham_gia"] += record.participants
    clubs = hub.extras.get("clubs")
    if clubs is not None:
        for listing in clubs.courses:
            if hub.unit_of(listing.path) == unit_id and any(
                    calendar.of_event(eid) and any(o.start_day.year == year for o in calendar.of_event(eid))
                    for eid in listing.event_ids):
                counts["lop_hoc"] += 1
    surveys = hub.extras.get("surveys")
    if surveys is not None:
        counts["khao_sat"] = sum(1 for s in surveys.surveys if s.unit == unit_id and s.survey.date.year == year)
    return counts
