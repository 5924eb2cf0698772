"""Rollups for the reports, kept current by database triggers (migration 0009).

Every write to help_requests, request_services, referrals and catalogue_entries, whatever code makes
it (ORM, Core, SQL), updates these tables in the same transaction, so a dashboard over two years
sums a few thousand rows instead of scanning a million, with or without one filter.
`rollups.rebuild()` recomputes them all from the base tables (bulk loads, repairs); a test checks
that both ways agree.

Requests and the services they name are counted in cubes keyed by every request dimension, in two
grains: Brussels days ('d') and months ('m', period = the first day): a period reads its whole
months from the month rows and the days at its edges from the day rows, under any combination of
request filters. Referrals are counted in slices: each referral counts once in the slice without a
filter (dimension '') and once under each filter it matches (its request's kind, theme, channel and
postcode, its target's type and organisation), so a report with one filter reads one slice.
"""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from triage.extensions import db

# SQLite keeps these in their primary key's B-tree only: half the size, one tree per upsert.
ROLLUP = {"sqlite_with_rowid": False}
# A slice: '' (no filter), or the filter's dimension and value (an organisation by its catalogue id).
DIMENSIONS = ("", "kind", "theme", "channel", "postcode", "target_type", "organisation")


class RequestCube(db.Model):
    """Requests logged per Brussels day or month, by kind, theme, channel and postcode ('' for none)."""

    __tablename__ = "report_request_cube"
    __table_args__ = ROLLUP

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    postcode: Mapped[str] = mapped_column(String(4), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
    # Of those: gaps, and requests solved at the counter.
    gaps: Mapped[int] = mapped_column(default=0)
    solved: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<RequestCube {self.grain} {self.period} {self.kind}/{self.theme}/{self.channel}/{self.postcode}>"


class ServiceCube(db.Model):
    """Online services named (request_services) per day or month, by the naming request's dimensions."""

    __tablename__ = "report_service_cube"
    __table_args__ = ROLLUP

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    postcode: Mapped[str] = mapped_column(String(4), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ServiceCube {self.grain} {self.period} {self.service}>"


class ReferralSlice(db.Model):
    """Referrals by the day they were made, their current status and decline reason ('' for none)."""

    __tablename__ = "report_referral_slices"
    __table_args__ = ROLLUP

    dimension: Mapped[str] = mapped_column(String(12), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    decline_reason: Mapped[str] = mapped_column(String(30), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
    reminders: Mapped[int] = mapped_column(default=0)
    escalations: Mapped[int] = mapped_column(default=0)
    # Digihelper referrals that were accepted.
    accepted: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ReferralSlice {self.dimension}={self.value} {self.day} {self.status}: {self.n}>"


class ClosedTargetSlice(db.Model):
    """Closed referrals by the day they were closed and their catalogue entry."""

    __tablename__ = "report_closed_target_slices"
    __table_args__ = ROLLUP

    dimension: Mapped[str] = mapped_column(String(12), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    target_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(default=0)
    successes: Mapped[int] = mapped_column(default=0)
    zelfstandig: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ClosedTargetSlice {self.dimension}={self.value} {self.day} {self.target_id}: {self.n}>"


class ClosedRequestSlice(db.Model):
    """Closed referrals by the day they were closed and their request's kind and theme."""

    __tablename__ = "report_closed_request_slices"
    __table_args__ = ROLLUP

    dimension: Mapped[str] = mapped_column(String(12), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
    successes: Mapped[int] = mapped_column(default=0)
    zelfstandig: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<ClosedRequestSlice {self.dimension}={self.value} {self.day} {self.kind}/{self.theme}: {self.n}>"


class HourSlice(db.Model):
    """How long referrals took, as a histogram: metric 'a' (made to accepted, digihelpers, by the day made)
    or 'c' (made to closed, by the day closed), in reported hours (rollups.hours_sql) -> how many."""

    __tablename__ = "report_hour_slices"
    __table_args__ = ROLLUP

    dimension: Mapped[str] = mapped_column(String(12), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    metric: Mapped[str] = mapped_column(String(1), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    hours: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<HourSlice {self.dimension}={self.value} {self.metric} {self.day} {self.hours} h: {self.n}>"


class Journey(db.Model):
    """One hulpvraag of a known citizen (citizen_key): their previous hulpvraag (any, and with the same theme,
    channel or postcode), and their first learning after it (a leervraag, or a referral to a course).

    A citizen's first hulpvraag in a period is the one whose previous hulpvraag lies before the period;
    under a theme filter, the one whose previous hulpvraag with that theme does (and so on), so citizens
    are counted without a DISTINCT over the whole period.
    """

    __tablename__ = "report_journeys"
    __table_args__ = (Index("ix_report_journeys_created_at", "created_at", "prev_at", "learned_at"),
                      Index("ix_report_journeys_citizen_key", "citizen_key"),
                      Index("ix_report_journeys_theme", "theme", "created_at", "prev_theme_at", "learned_at"),
                      Index("ix_report_journeys_channel", "channel", "created_at", "prev_channel_at", "learned_at"),
                      Index("ix_report_journeys_postcode", "postcode", "created_at", "prev_postcode_at",
                            "learned_at"))

    request_id: Mapped[int] = mapped_column(ForeignKey("help_requests.id", ondelete="CASCADE"), primary_key=True,
                                            autoincrement=False)
    citizen_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    theme: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(4))
    prev_at: Mapped[datetime | None]
    prev_theme_at: Mapped[datetime | None]
    prev_channel_at: Mapped[datetime | None]
    prev_postcode_at: Mapped[datetime | None]
    learned_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<Journey {self.request_id}>"
