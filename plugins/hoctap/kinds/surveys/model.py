"""Learning-needs surveys (khảo sát nhu cầu học tập): ``events/<unit>/khao-sat/*.yaml``, one
survey per file: its date and method, and per topic the number of residents of each village who
asked for it. Classes say which topic they answer (``khao_sat: <survey id>#<topic id>`` in
``events/<unit>/lop-hoc/``), checked here, so a survey page shows which topics got a class.

The unit's "đề nghị mở lớp" link (``de_nghi_mo_lop`` of the unit in mkdocs.yml: its own form or
Zalo) is checked here too, like every link (``core/publishing.py``): the static site stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, field_validator

from ..clubs.model import Listing, load_clubs
from ...core.publishing import link_problem, scheme_of
from ...core.sources import Located, load_yaml_file
from ...core.problems import Problems
from ...core.validation import did_you_mean
from ...core.values import Date, SingleLine, Slug, Text, one_or_many
from ...site import rules
from ...site.config import Strict, Unit, option_lines

FOLDER = "khao-sat"
RESERVED = {"index"}


def at_least_one(what: str):
    """An after-validator: a list that must not be empty. (``min_length`` would also be reported,
    as a second message, when one of the items fails; this runs only when every item is valid.)"""
    def check(cls, value: tuple) -> tuple:
        if not value:
            raise ValueError(f"Cần ít nhất một {what}.")
        return value
    return check


class Asked(Strict):
    """How many residents of one village asked for a topic."""

    village: Slug = Field(alias="ban")
    count: int = Field(alias="so_nguoi", ge=0)


class Topic(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    asked: tuple[Asked, ...] = Field(alias="theo_ban")

    _nonempty = field_validator("asked")(at_least_one("bản (ban, so_nguoi)"))

    @property
    def total(self) -> int:
        return sum(a.count for a in self.asked)


class Survey(Strict):
    id: Slug = Field(alias="ma")
    title: SingleLine = Field(alias="ten", min_length=1)
    sample: bool = Field(False, alias="mau")          # invented figures: the page says so
    date: Date = Field(alias="ngay_khao_sat")
    method: SingleLine = Field(alias="cach_khao_sat", min_length=1)
    respondents: int | None = Field(None, alias="so_nguoi_duoc_hoi", ge=1)
    plan_refs: tuple[SingleLine, ...] = Field((), alias="ke_hoach")
    note: Text = Field("", alias="ghi_chu")
    topics: tuple[Topic, ...] = Field(alias="chu_de")

    _nonempty = field_validator("topics")(at_least_one("chủ đề"))
    _one_or_many = field_validator("plan_refs", mode="before")(one_or_many)


@dataclass
class LoadedSurvey:
    survey: Survey
    path: Path
    unit: str | None
    citations: list = field(default_factory=list)              # rules.Citation
    classes: dict[str, list[Listing]] = field(default_factory=dict)   # topic id → classes answering it

    @property
    def sort_key(self) -> tuple:
        return (-self.survey.date.toordinal(), self.survey.id)


@dataclass
class SurveyIndex:
    surveys: list[LoadedSurvey] = field(default_factory=list)

    def get(self, survey_id: str) -> LoadedSurvey | None:
        return next((s for s in self.surveys if s.survey.id == survey_id), None)


def surveys_of(hub) -> SurveyIndex:
    return hub.extras.get("surveys") or SurveyIndex()


def load_surveys(hub) -> None:
    index = SurveyIndex()
    hub.extras["surveys"] = index
    _check_request_urls(hub)

    def check(path: Path, located: Located, survey: Survey) -> LoadedSurvey:
        loaded = LoadedSurvey(survey, path, hub.unit_of(path))
        _cross_check(hub, loaded, located)
        return loaded

    index.surveys = rules.load_items(hub, "khao-sat", "khảo sát", check)
    index.surveys.sort(key=lambda s: s.sort_key)
    _check_classes(hub, index)


def _cross_check(hub, loaded: LoadedSurvey, located: Located) -> None:
    problems, path, survey = hub.problems, located.path, loaded.survey
    unit = hub.unit(loaded.unit)
    if survey.id in RESERVED or survey.id.startswith("trang-"):
        problems.add(path, located.line_of(("ma",)), "ma",
                     f"Mã '{survey.id}' trùng với tên trang có sẵn; hãy chọn mã khác.")
    if survey.date > hub.today:
        problems.add(path, located.line_of(("ngay_khao_sat",)), "ngay_khao_sat",
                     f"Ngày khảo sát {survey.date:%d/%m/%Y} chưa tới; chỉ đăng kết quả khảo sát đã làm.")
    for i, ref in enumerate(survey.plan_refs):
        name = "ke_hoach" + (f"[{i + 1}]" if len(survey.plan_refs) > 1 else "")
        cited = rules.check_citation(problems, path, located.line_of(("ke_hoach", i)), name, hub.plans, ref)
        if cited is not None:
            loaded.citations.append(cited)
    topics: dict[str, int] = {}
    for i, topic in enumerate(survey.topics):
        where = f"chu_de[{i + 1}]"
        if topic.id in topics:
            problems.add(path, located.line_of(("chu_de", i, "ma")), f"{where}.ma",
                         f"Mã chủ đề '{topic.id}' trùng với chu_de[{topics[topic.id]}].",
                         "mỗi chủ đề cần một mã riêng vì lớp học ghi khao_sat: ma-khao-sat#ma-chu-de")
        topics.setdefault(topic.id, i + 1)
        villages: dict[str, int] = {}
        for j, asked in enumerate(topic.asked):
            loc = ("chu_de", i, "theo_ban", j, "ban")
            rules.check_village(problems, path, located.line_of(loc), hub.config, asked.village,
                                field_name=f"{where}.theo_ban[{j + 1}].ban", unit=unit)
            if asked.village in villages:
                problems.add(path, located.line_of(loc), f"{where}.theo_ban[{j + 1}].ban",
                             f"Bản '{asked.village}' đã ghi ở theo_ban[{villages[asked.village]}] của chủ đề này.",
                             "mỗi bản ghi một lần, cộng số người lại")
            villages.setdefault(asked.village, j + 1)
        if survey.respondents is not None and topic.total > survey.respondents:
            problems.add(path, located.line_of(("chu_de", i, "theo_ban")), f"{where}.theo_ban",
                         f"Tổng số người đề nghị chủ đề '{topic.id}' ({topic.total}) lớn hơn số người được hỏi "
                         f"({survey.respondents}).", "kiểm tra lại so_nguoi hoặc so_nguoi_duoc_hoi")


def _check_request_urls(hub) -> None:
    """``de_nghi_mo_lop`` of each unit: a link that may be published (its own form or Zalo)."""
    source = hub.paths.root / "mkdocs.yml"
    lines = None
    for i, unit in enumerate(hub.config.units, start=1):
        url = unit.class_request_url
        if url is None:
            continue
        loc = ("cac_don_vi", i - 1, "de_nghi_mo_lop") if hub.config.multi else ("don_vi", "de_nghi_mo_lop")
        field_name = f"cac_don_vi[{i}].de_nghi_mo_lop" if hub.config.multi else "don_vi.de_nghi_mo_lop"
        problem = link_problem(url)
        if problem is None and scheme_of(url) not in ("http", "https"):
            problem = (f"Địa chỉ đề nghị mở lớp '{url}' phải là trang web đầy đủ, bắt đầu bằng https://"
                       " (biểu mẫu hoặc Zalo của đơn vị)")
        if problem:
            lines = option_lines(source) if lines is None else lines
            hub.problems.add(source, lines.get(loc), field_name, problem + ".",
                             "ví dụ https://zalo.me/g/… hoặc địa chỉ biểu mẫu của đơn vị")


def request_url(hub, unit_id: str | None) -> tuple[str, Unit] | None:
    """The "đề nghị mở lớp" link of a unit, or of its nearest ancestor that has one."""
    for uid in [unit_id, *hub.config.ancestors(unit_id or "")]:
        unit = hub.unit(uid)
        if unit is not None and unit.class_request_url:
            return unit.class_request_url, unit
    return None


def _check_classes(hub, index: SurveyIndex) -> None:
    """Classes citing a survey topic: the survey and topic exist, in the class's unit or above."""
    problems = hub.problems
    quiet = Problems(problems.root)
    ids = [s.survey.id for s in index.surveys]
    for listing in load_clubs(hub).courses:
        ref = listing.item.survey_topic
        if ref is None:
            continue
        located = load_yaml_file(listing.path, quiet)
        line = located.line_of(("khao_sat",)) if located is not None else None
        survey_id, hash_, topic_id = ref.partition("#")
        if not hash_ or not survey_id or not topic_id:
            problems.add(listing.path, line, "khao_sat",
                         f"'{ref}' phải có dạng ma-khao-sat#ma-chu-de.", "ví dụ khao-sat-2026#may-cong-nghiep")
            continue
        loaded = index.get(survey_id)
        if loaded is None and survey_id in rules.refused(hub, "khao-sat"):
            continue   # a survey with its own errors: what cites it is not judged again
        if loaded is None:
            problems.add(listing.path, line, "khao_sat", f"Không có khảo sát mã '{survey_id}'.",
                         did_you_mean(survey_id, ids, otherwise=("các khảo sát: " + ", ".join(ids)) if ids else ""))
            continue
        topic_ids = [t.id for t in loaded.survey.topics]
        if topic_id not in topic_ids:
            problems.add(listing.path, line, "khao_sat",
                         f"Khảo sát '{survey_id}' không có chủ đề '{topic_id}': {', '.join(topic_ids)}.",
                         did_you_mean(topic_id, topic_ids))
            continue
        class_unit = hub.unit_of(listing.path)
        if loaded.unit != class_unit and loaded.unit not in hub.config.ancestors(class_unit or ""):
            owner = hub.unit(loaded.unit)
            problems.add(listing.path, line, "khao_sat",
                         f"Khảo sát '{survey_id}' là của {owner.name if owner else 'đơn vị khác'}, không phải "
                         "của đơn vị mở lớp.", "lớp chỉ đáp ứng khảo sát của đơn vị mình hoặc đơn vị cấp trên")
            continue
        loaded.classes.setdefault(topic_id, []).append(listing)



