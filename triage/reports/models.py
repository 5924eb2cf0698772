"""Rollups for the reports: counts per Brussels day, kept current by database triggers (migration 0005).

Every write to help_requests, request_services and referrals, whatever code makes it (ORM,
Core, SQL), updates these tables in the same transaction, so a dashboard over two years sums a
few thousand rows instead of scanning a million. `rollups.rebuild()` recomputes them all from the
base tables (bulk loads, repairs); a test checks that both ways agree.
"""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from triage.extensions import db


class RequestDay(db.Model):
    """Requests logged per day, counted along one dimension at a time.

    dimension: total (value ''), kind, theme, channel, postcode (value '' for none), gap and
    solved (value '', counting the requests that are a gap, or were solved at the counter).
    """

    __tablename__ = "report_request_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<RequestDay {self.day} {self.dimension}={self.value}: {self.n}>"


class ServiceDay(db.Model):
    """Online services named per day (request_services)."""

    __tablename__ = "report_service_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ServiceDay {self.day} {self.service}: {self.n}>"


class ReferralDay(db.Model):
    """Referrals by the day they were made, their current status and decline reason ('' for none)."""

    __tablename__ = "report_referral_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    decline_reason: Mapped[str] = mapped_column(String(30), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
    reminders: Mapped[int] = mapped_column(default=0)
    escalations: Mapped[int] = mapped_column(default=0)
    # Digihelper referrals that were accepted (the number of acceptance times).
    accepted: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ReferralDay {self.day} {self.status}: {self.n}>"


class ClosedTargetDay(db.Model):
    """Closed referrals by the day they were closed and their catalogue entry."""

    __tablename__ = "report_closed_target_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    target_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(default=0)
    successes: Mapped[int] = mapped_column(default=0)
    zelfstandig: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ClosedTargetDay {self.day} {self.target_id}: {self.n}>"


class ClosedRequestDay(db.Model):
    """Closed referrals by the day they were closed and their request's kind and theme."""

    __tablename__ = "report_closed_request_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
    successes: Mapped[int] = mapped_column(default=0)
    zelfstandig: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ClosedRequestDay {self.day} {self.kind}/{self.theme}: {self.n}>"


class Journey(db.Model):
    """One hulpvraag of a known citizen (citizen_key): their previous hulpvraag, and their first
    learning after it (a leervraag, or a referral to a course).

    A citizen's first hulpvraag in a period is the one whose previous hulpvraag lies before the
    period, so citizens are counted without a DISTINCT over the whole period.
    """

    __tablename__ = "report_journeys"
    __table_args__ = (Index("ix_report_journeys_created_at", "created_at", "prev_at", "learned_at"),
                      Index("ix_report_journeys_citizen_key", "citizen_key"))

    request_id: Mapped[int] = mapped_column(ForeignKey("help_requests.id", ondelete="CASCADE"), primary_key=True,
                                            autoincrement=False)
    citizen_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    prev_at: Mapped[datetime | None]
    learned_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Journey {self.request_id}>"
