"""The hub's identity and taxonomies, read from the ``hoctap`` plugin options in mkdocs.yml.

Nothing about a particular commune lives in code: a second unit is a second block of
configuration.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..core.values import Email, Phone, SingleLine, Slug, Text


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


class Unit(Strict):
    """A commune (or ward) and its community learning centre."""

    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)            # "Xã Viêng Lán"
    short_name: SingleLine = Field(alias="ten_ngan", min_length=1)  # "Viêng Lán"
    district: SingleLine | None = Field(None, alias="huyen")        # historical: districts ended in 2025
    province: SingleLine = Field(alias="tinh", min_length=1)
    centre: SingleLine = Field(alias="trung_tam", min_length=1)
    address: SingleLine = Field(alias="dia_chi", min_length=1)
    phone: Phone | None = Field(None, alias="dien_thoai")
    email: Email | None = Field(None, alias="email")
    logo: SingleLine | None = Field(None, alias="logo")
    about: Text = Field("", alias="gioi_thieu")
    villages: tuple[Village, ...] = Field((), alias="ban")
    office_hours: SingleLine = Field("", alias="gio_lam_viec")

    def village(self, village_id: str) -> Village | None:
        return next((v for v in self.villages if v.id == village_id), None)


class CalendarOptions(Strict):
    # Past instances kept in pages and feeds: from each event's start, at most this many years
    # before the build year (lunar festivals are dated instances, not a rule: without them a
    # subscriber's calendar would lose its history).
    years_back: int = Field(10, alias="so_nam_truoc", ge=0, le=50)
    years_ahead: int = Field(3, alias="so_nam_sau", ge=1, le=20)
    refresh_hours: int = Field(6, alias="lam_moi_gio", ge=1, le=168)


class Target(Strict):
    """A yearly target of the programme, e.g. "at least 6 activities a year" (plan 2, III.9)."""

    id: Slug = Field(alias="ma")
    name: SingleLine = Field(alias="ten", min_length=1)
    minimum: int = Field(alias="toi_thieu", ge=1)
    categories: tuple[SingleLine, ...] = Field((), alias="the_loai")   # empty: every category
    plan_ref: SingleLine | None = Field(None, alias="ke_hoach")


class HubConfig(Strict):
    unit: Unit = Field(alias="don_vi")
    categories: tuple[Category, ...] = Field((), alias="the_loai")
    calendar: CalendarOptions = Field(default_factory=CalendarOptions, alias="lich")
    news_categories: tuple[Category, ...] = Field((), alias="chuyen_muc")
    targets: tuple[Target, ...] = Field((), alias="chi_tieu")

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def news_category(self, category_id: str) -> Category | None:
        return next((c for c in self.news_categories if c.id == category_id), None)
