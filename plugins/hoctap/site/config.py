"""The hub's identity and taxonomies, read from the ``hoctap`` plugin options in mkdocs.yml.

Nothing about a particular commune lives in code: a second unit is a second block of
configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..core.values import Date, Email, Phone, SingleLine, Slug, Text


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Village(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)


class Category(Strict):
    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    description: SingleLine = Field("", alias="mo_ta")
    color: SingleLine = Field("#1565c0", alias="mau", pattern=r"^#[0-9a-fA-F]{6}$")


class Target(Strict):
    """A yearly target of a plan, e.g. "at least 6 activities a year" (plan 2, III.9).

    In a hub of several units a target is declared on the unit whose plan sets it
    (``cac_don_vi[i].chi_tieu``) and names that plan's section (``ke_hoach: ma#III.9``, checked);
    ``ap_dung: don_vi_con`` makes it apply to each child unit instead of the unit itself."""

    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    minimum: int = Field(alias="toi_thieu", ge=1)
    categories: tuple[SingleLine, ...] = Field((), alias="the_loai")   # empty: every category
    plan_ref: SingleLine | None = Field(None, alias="ke_hoach")
    applies_to: Literal["don_vi", "don_vi_con"] = Field("don_vi", alias="ap_dung")
    # Who must have organised an activity for it to count (empty: anyone); only activities
    # recorded as held (``da_to_chuc``) count towards the minimum.
    organisers: tuple[Literal["trung-tam", "cau-lac-bo", "khac"], ...] = Field((), alias="to_chuc")


class YearlyDue(Strict):
    from_year: int = Field(alias="tu_nam", ge=1900, le=2200)
    to_year: int = Field(alias="den_nam", ge=1900, le=2200)
    day: SingleLine = Field("31/12", alias="ngay", pattern=r"^\d{1,2}/\d{1,2}$")   # "dd/mm" each year


class Milestone(Strict):
    """A review or report a plan names (sơ kết, tổng kết, annual report to the level above): a
    dated item on the calendar and the reports, with its document once published (``van_ban``:
    the id of a document of the hub; for a yearly milestone a mapping year → id)."""

    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    plan_ref: SingleLine = Field(alias="ke_hoach", min_length=1)
    due: Date | None = Field(None, alias="han")
    yearly: YearlyDue | None = Field(None, alias="hang_nam")
    documents: SingleLine | dict[int, SingleLine] | None = Field(None, alias="van_ban")
    applies_to: Literal["don_vi", "don_vi_con"] = Field("don_vi", alias="ap_dung")


class Unit(Strict):
    """A commune (or ward) and its community learning centre; in a hub of several units also a
    district or a province (``cap``) and its parent (``thuoc``)."""

    id: Slug = Field(alias="ma")
    level: Literal["tinh", "huyen", "xa"] = Field("xa", alias="cap")
    parent: Slug | None = Field(None, alias="thuoc")
    sample: bool = Field(False, alias="mau")         # an invented unit that illustrates the hub
    name: SingleLine = Field(alias="ten", min_length=1)            # "Xã Viêng Lán"
    short_name: SingleLine = Field(alias="ten_ngan", min_length=1)  # "Viêng Lán"
    district: SingleLine | None = Field(None, alias="huyen")        # historical: districts ended in 2025
    province: SingleLine = Field(alias="tinh", min_length=1)
    centre: SingleLine = Field(alias="trung_tam", min_length=1)
    address: SingleLine = Field(alias="dia_chi", min_length=1)
    phone: Phone | None = Field(None, alias="dien_thoai")
    email: Email | None = Field(None, alias="email")
    # The phone number and e-mail address are placeholders: pages showing them say so.
    contact_sample: bool = Field(False, alias="lien_he_mau")
    logo: SingleLine | None = Field(None, alias="logo")
    about: Text = Field("", alias="gioi_thieu")
    villages: tuple[Village, ...] = Field((), alias="ban")
    office_hours: SingleLine = Field("", alias="gio_lam_viec")
    targets: tuple[Target, ...] = Field((), alias="chi_tieu")
    milestones: tuple[Milestone, ...] = Field((), alias="moc")
    # Where residents ask for a class: the unit's own form or Zalo (a link; the site stores nothing).
    # Checked like every link (core/publishing.py) by the khao-sat kind.
    class_request_url: SingleLine | None = Field(None, alias="de_nghi_mo_lop")

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    def village(self, village_id: str) -> Village | None:
        return next((v for v in self.villages if v.id == village_id), None)


class CalendarOptions(Strict):
    # Past instances kept in pages and feeds: from each event's start, at most this many years
    # before the build year (lunar festivals are dated instances, not a rule: without them a
    # subscriber's calendar would lose its history).
    years_back: int = Field(10, alias="so_nam_truoc", ge=0, le=50)
    years_ahead: int = Field(3, alias="so_nam_sau", ge=1, le=20)
    refresh_hours: int = Field(6, alias="lam_moi_gio", ge=1, le=168)
    # The subscription feeds (lich.ics, categories, villages) carry every repeating series still
    # running and every single event that ends at most this many days before the build day; older
    # ones are in the yearly archive feeds (lich/luu-tru/<year>.ics), so a feed stays small.
    feed_days: int = Field(90, alias="so_ngay_da_qua", ge=0, le=3660)
    # ... and what starts at most this many days after the build day (the site is rebuilt every
    # night, so a later activity joins the feeds as it comes near; its own page and .ics have it).
    feed_ahead_days: int = Field(365, alias="so_ngay_toi", ge=1, le=3660)
    # One-off activities on a month's A4 poster (lich/ap-phich/<month>.html), each with its QR
    # code: the soonest ones; the others are counted under one QR code to the month's page.
    poster_items: int = Field(5, alias="so_hoat_dong_ap_phich", ge=1, le=40)


class NewsOptions(Strict):
    # Items in each RSS/Atom feed (the newest ones, with their summaries): a feed stays small
    # whatever the number of articles; older ones are on the site's archive pages.
    feed_items: int = Field(50, alias="so_tin_nguon", ge=1, le=500)


LEVEL_LABELS = {"tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã"}


class HubConfig(Strict):
    """``don_vi``: the one unit of a hub with today's layout. ``cac_don_vi``: the units of a hub
    of several (each file then belongs to the unit whose folder holds it, see ``site/units.py``)."""

    unit: Unit | None = Field(None, alias="don_vi")
    unit_list: tuple[Unit, ...] = Field((), alias="cac_don_vi")
    categories: tuple[Category, ...] = Field((), alias="the_loai")
    calendar: CalendarOptions = Field(default_factory=CalendarOptions, alias="lich")
    news: NewsOptions = Field(default_factory=NewsOptions, alias="tin_tuc")
    news_categories: tuple[Category, ...] = Field((), alias="chuyen_muc")
    targets: tuple[Target, ...] = Field((), alias="chi_tieu")

    @property
    def multi(self) -> bool:
        """A hub of several units (``cac_don_vi``): unit folders, unit sections."""
        return bool(self.unit_list)

    @property
    def units(self) -> tuple[Unit, ...]:
        return self.unit_list if self.unit_list else ((self.unit,) if self.unit else ())

    def unit_by_id(self, unit_id: str | None) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.parent == unit_id)

    def descendants(self, unit_id: str) -> list[str]:
        """The unit and every unit under it, parents before children."""
        out, todo = [], [unit_id]
        while todo:
            current = todo.pop(0)
            if current in out:
                continue   # a cycle (reported by site/units.py)
            out.append(current)
            todo.extend(u.id for u in self.units if u.parent == current)
        return out

    def ancestors(self, unit_id: str) -> list[str]:
        out, current = [], self.unit_by_id(unit_id)
        while current is not None and current.parent and current.parent not in out:
            out.append(current.parent)
            current = self.unit_by_id(current.parent)
        return out

    def targets_for(self, unit_id: str) -> list[tuple[Target, Unit]]:
        """(target, the unit that declares it) evaluated for ``unit_id``: its own targets, the
        ones its parent sets for its children, and in a one-unit hub the top-level ``chi_tieu``."""
        unit = self.unit_by_id(unit_id)
        if unit is None:
            return []
        out = [(t, unit) for t in unit.targets if t.applies_to == "don_vi"]
        parent = self.unit_by_id(unit.parent)
        if parent is not None:
            out += [(t, parent) for t in parent.targets if t.applies_to == "don_vi_con"]
        if not self.multi:
            out = [(t, unit) for t in self.targets] + out
        return out

    def milestones_for(self, unit_id: str) -> list[tuple[Milestone, Unit]]:
        """(milestone, the unit that declares it) due from ``unit_id``, like ``targets_for``."""
        unit = self.unit_by_id(unit_id)
        if unit is None:
            return []
        out = [(m, unit) for m in unit.milestones if m.applies_to == "don_vi"]
        parent = self.unit_by_id(unit.parent)
        if parent is not None:
            out += [(m, parent) for m in parent.milestones if m.applies_to == "don_vi_con"]
        return out

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def news_category(self, category_id: str) -> Category | None:
        return next((c for c in self.news_categories if c.id == category_id), None)


def option_lines(config_file: Path) -> dict[tuple, int]:
    """The line in mkdocs.yml of each option of the hoctap plugin, by its path inside the plugin's
    options: ``("cac_don_vi", 0, "de_nghi_mo_lop")`` (list items from 0), ``("don_vi", "ban")``.
    For the checks that report on an option after validation (the values are already parsed;
    the text may spell them with quotes or escapes, or twice). Empty when the file does not read
    (its own problems are reported where it is loaded)."""
    from ..core.problems import Problems
    from ..core.sources import parse_yaml, read_text

    quiet = Problems(config_file.parent)
    text = read_text(config_file, quiet)
    if text is None:
        return {}
    lines: dict[tuple, int] = {}
    parse_yaml(text, config_file, quiet, scanned=lines)
    out: dict[tuple, int] = {}
    for loc, line in lines.items():
        rest = loc[1:] if loc[:1] == ("plugins",) else ()
        if rest[:1] and isinstance(rest[0], int):   # plugins: [- hoctap: {...}]
            rest = rest[1:]
        if rest[:1] == ("hoctap",) and len(rest) > 1:
            out.setdefault(rest[1:], line)
    return out
