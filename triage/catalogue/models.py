"""Catalogue entries (organisations, digihelpers, courses), their tags and course sessions."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from triage.db import TimestampMixin
from triage.extensions import db

# Multi-valued attributes, stored as tags so every one of them can be filtered in SQL.
FACETS = {
    "themes": "theme",
    "kinds": "kind",
    "languages": "language",
    "postcodes": "postcode",
    "accessibility": "need",
    "target_groups": "target_group",
}


class Theme(db.Model):
    __tablename__ = "themes"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    examples: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"<Theme {self.code}>"


class Kind(db.Model):
    __tablename__ = "kinds"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    description: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Kind {self.code}>"


class EntryTag(db.Model):
    __tablename__ = "entry_tags"
    __table_args__ = (Index("ix_entry_tags_facet_value", "facet", "value"),)

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_entries.id", ondelete="CASCADE"), primary_key=True)
    facet: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"<EntryTag {self.entry_id} {self.facet}={self.value}>"


class CatalogueEntry(TimestampMixin, db.Model):
    """One row per entry; `entry_type` tells organisation, digihelper or course apart."""

    __tablename__ = "catalogue_entries"
    __table_args__ = (UniqueConstraint("entry_type", "code", name="uq_catalogue_entries_type_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_type: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True, index=True)
    last_verified_on: Mapped[date | None] = mapped_column(Date)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalogue_entries.id", ondelete="SET NULL"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(300))
    opening_hours: Mapped[str | None] = mapped_column(String(300))
    org_type: Mapped[str | None] = mapped_column(String(30))
    max_open_cases: Mapped[int | None]
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True)
    level: Mapped[str | None] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(String(300))
    capacity: Mapped[int | None]
    cost_eur: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))

    tags: Mapped[list[EntryTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=EntryTag.position)
    organisation: Mapped["CatalogueEntry | None"] = relationship(
        remote_side=[id], lazy="joined", join_depth=1)

    __mapper_args__ = {"polymorphic_on": entry_type, "polymorphic_identity": "entry"}

    def facet(self, key: str) -> list[str]:
        facet = FACETS[key]
        return [t.value for t in self.tags if t.facet == facet]

    def set_facet(self, key: str, values: list[str]) -> None:
        facet = FACETS[key]
        keep = [t for t in self.tags if t.facet != facet]
        self.tags = keep + [EntryTag(facet=facet, value=v, position=i)
                            for i, v in enumerate(dict.fromkeys(values))]

    @property
    def themes(self) -> list[str]:
        return self.facet("themes")

    @property
    def kinds(self) -> list[str]:
        return self.facet("kinds")

    @property
    def languages(self) -> list[str]:
        return self.facet("languages")

    @property
    def postcodes(self) -> list[str]:
        return self.facet("postcodes")

    @property
    def accessibility(self) -> list[str]:
        return self.facet("accessibility")

    @property
    def target_groups(self) -> list[str]:
        return self.facet("target_groups")

    @property
    def is_usable(self) -> bool:
        """Active, and its organisation (if any) active too (hard rule 1)."""
        return self.active and (self.organisation is None or self.organisation.active)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


class Organisation(CatalogueEntry):
    __mapper_args__ = {"polymorphic_identity": "organisation"}


class Digihelper(CatalogueEntry):
    __mapper_args__ = {"polymorphic_identity": "digihelper"}


class Course(CatalogueEntry):
    __mapper_args__ = {"polymorphic_identity": "course"}

    sessions: Mapped[list["CourseSession"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="CourseSession.starts_at")


class CourseSession(db.Model):
    __tablename__ = "course_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue_entries.id", ondelete="CASCADE"), index=True)
    # UTC, naive, like every timestamp in the database.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<CourseSession {self.course_id} {self.starts_at:%Y-%m-%d %H:%M}>"


MODEL_BY_TYPE = {"organisation": Organisation, "digihelper": Digihelper, "course": Course}
