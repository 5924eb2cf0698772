"""A referral and the audit trail of its status changes."""
import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from triage.db import utcnow
from triage.extensions import db


class Mode(str, enum.Enum):
    ASSIGNED = "assigned"      # a digihelper
    ENROLLED = "enrolled"      # a course
    SIGNPOSTED = "signposted"  # an organisation


class Status(str, enum.Enum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    DECLINED = "declined"
    CANCELLED = "cancelled"


# A digihelper's open cases (hard rule 7).
OPEN_STATUSES = (Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS)


def _enum(cls):
    return Enum(cls, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class Referral(db.Model):
    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_target_id_status", "target_id", "status"),
        # For the reports: referrals made in a period, and referrals closed in a period, each
        # counted from an index that holds every column the aggregates read.
        Index("ix_referrals_created_at_status", "created_at", "status", "mode", "target_id"),
        Index("ix_referrals_closed_at", "closed_at", "target_id", "outcome", "request_id"),
        # The counter's follow-up list: only the referrals due, in order.
        Index("ix_referrals_follow_ups", "follow_up_at", "id", postgresql_where=text("follow_up_due"),
              sqlite_where=text("follow_up_due = 1")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("help_requests.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("catalogue_entries.id", ondelete="RESTRICT"))
    mode: Mapped[Mode] = mapped_column(_enum(Mode))
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.PROPOSED)
    decline_reason: Mapped[str | None] = mapped_column(String(30))
    decline_note: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    accepted_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    declined_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Signposted and enrolled referrals: when the counter checks how it went.
    follow_up_at: Mapped[datetime | None] = mapped_column(index=True)
    follow_up_due: Mapped[bool] = mapped_column(default=False)
    reminders_sent: Mapped[int] = mapped_column(default=0)
    escalated_at: Mapped[datetime | None]
    # The referral made after this one was closed as "doorverwezen".
    next_referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="SET NULL"))
    # Optimistic locking: two staff changing the same referral cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    events: Mapped[list["ReferralEvent"]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralEvent.id")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Referral {self.id} {self.status.value}>"


class ReferralEvent(db.Model):
    """One step in a referral's life: a status change, a contact attempt, a reminder or an escalation."""

    __tablename__ = "referral_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="status")
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)

    referral: Mapped[Referral] = relationship(back_populates="events")

    def __repr__(self) -> str:
        return f"<ReferralEvent {self.referral_id} {self.from_status}->{self.to_status}>"


class UsedLinkToken(db.Model):
    """The nonce of an e-mail link that was used: each link (and its twin in the same e-mail) works once."""

    __tablename__ = "used_link_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), unique=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    used_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<UsedLinkToken {self.referral_id} {self.action}>"


class CatalogueLoad(db.Model):
    """Per catalogue entry: its open referrals (hard rule 7) and its referrals not cancelled (the places a
    course has given, hard rule 8). Kept by database triggers on referrals (migration 0011), so matching
    reads a few rows instead of counting every referral ever made; rollups.rebuild() recounts it."""

    __tablename__ = "catalogue_loads"

    entry_id: Mapped[int] = mapped_column(ForeignKey("catalogue_entries.id", ondelete="CASCADE"),
                                          primary_key=True, autoincrement=False)
    open_referrals: Mapped[int] = mapped_column(default=0)
    active_referrals: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<CatalogueLoad {self.entry_id}: {self.open_referrals} open, {self.active_referrals} active>"
