"""The report period and filters, Brussels calendar dates as UTC bounds, and the SQL conditions they make."""
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import false, or_, select

from triage.catalogue.models import CatalogueEntry
from triage.extensions import db
from triage.intake.models import Channel, HelpRequest
from triage.referrals.models import Referral

BRUSSELS = ZoneInfo("Europe/Brussels")
TARGET_TYPES = ("digihelper", "course", "organisation")


def local_midnight_utc(day: date) -> datetime:
    """Brussels midnight at the start of `day` as naive UTC (midnight is never in a DST jump)."""
    return datetime.combine(day, time.min, tzinfo=BRUSSELS).astimezone(UTC).replace(tzinfo=None)


def brussels_date(value: datetime) -> date:
    """The Brussels calendar date of a naive UTC or an aware datetime."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BRUSSELS).date()


def naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


@dataclass(frozen=True)
class Filters:
    """A report period (both dates inclusive, Brussels calendar dates) and optional filters.

    theme, kind, channel and postcode are the request's (primary theme); target_type and
    organisation keep the referrals to such targets (an organisation is its own entry plus the
    digihelpers and courses that belong to it): they narrow the referral numbers only, not the
    requests, services and citizens counted (see docs/performance.md, Reports).
    """

    start: date
    end: date
    theme: str | None = None
    kind: str | None = None
    channel: str | None = None
    postcode: str | None = None
    target_type: str | None = None
    organisation: str | None = None

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """(start, end) as naive UTC: Brussels midnight of start, Brussels midnight after end (exclusive)."""
        return local_midnight_utc(self.start), local_midnight_utc(self.end + timedelta(days=1))

    @property
    def has_target(self) -> bool:
        return bool(self.target_type or self.organisation)

    @property
    def has_request_filter(self) -> bool:
        return any((self.theme, self.kind, self.channel, self.postcode))


def target_ids(f: Filters) -> list[int] | None:
    """Catalogue ids the target filters allow, or None when there is no target filter."""
    if not f.has_target:
        return None
    query = select(CatalogueEntry.id)
    if f.target_type:
        query = query.where(CatalogueEntry.entry_type == f.target_type)
    if f.organisation:
        org = organisation_id(f.organisation)
        if org is None:
            return []
        query = query.where(or_(CatalogueEntry.id == org, CatalogueEntry.organisation_id == org))
    return list(db.session.scalars(query))


def organisation_id(code: str) -> int | None:
    return db.session.scalar(select(CatalogueEntry.id).where(
        CatalogueEntry.entry_type == "organisation", CatalogueEntry.code == code))


def request_conditions(f: Filters, request=HelpRequest, with_period: bool = True,
                       with_kind: bool = True) -> list:
    """WHERE conditions on help_requests for the period and the request filters (not the target filters)."""
    conditions = []
    if with_period:
        lo, hi = f.utc_bounds()
        conditions += [request.created_at >= lo, request.created_at < hi]
    if f.theme:
        conditions.append(request.theme == f.theme)
    if f.kind and with_kind:
        conditions.append(request.kind == f.kind)
    if f.channel:
        known = {c.value: c for c in Channel}
        conditions.append(request.channel == known[f.channel] if f.channel in known else false())
    if f.postcode:
        conditions.append(request.postcode == f.postcode)
    return conditions


def referral_filter(query, f: Filters):
    """Narrow a query on referrals by the target filters and (through its request) the request filters."""
    ids = target_ids(f)
    if ids is not None:
        query = query.where(Referral.target_id.in_(ids))
    if f.has_request_filter:
        query = query.join(HelpRequest, HelpRequest.id == Referral.request_id).where(
            *request_conditions(Filters(f.start, f.end, f.theme, f.kind, f.channel, f.postcode),
                                     with_period=False))
    return query


def periods(f: Filters, granularity: str) -> list[tuple[date, datetime, datetime]]:
    """(period start date, UTC lower bound, UTC upper bound) for each week or month touching the period,
    the bounds clipped to the period; Brussels calendar weeks (from Monday) and months."""
    if granularity not in ("week", "month"):
        raise ValueError("granularity is 'week' or 'month'")
    if f.end < f.start:
        return []
    if granularity == "week":
        first = f.start - timedelta(days=f.start.weekday())
    else:
        first = f.start.replace(day=1)
    out = []
    current = first
    while current <= f.end:
        following = (current + timedelta(days=7) if granularity == "week"
                     else (current.replace(day=28) + timedelta(days=4)).replace(day=1))
        lo = max(current, f.start)
        hi = min(following - timedelta(days=1), f.end)
        out.append((current, local_midnight_utc(lo), local_midnight_utc(hi + timedelta(days=1))))
        current = following
    return out


# Tests set this to False to check that the base-table queries give the same numbers.
USE_ROLLUPS = True
REQUEST_FIELDS = ("kind", "theme", "channel", "postcode")
SLICE_FIELDS = (*REQUEST_FIELDS, "target_type", "organisation")


def slice_of(f: Filters) -> tuple[str, str] | None:
    """The rollup slice of referrals that answers f: ('', '') without filters, (dimension, value) with one
    filter (an organisation by its catalogue id); None with two or more, which the base tables answer."""
    if not USE_ROLLUPS:
        return None
    chosen = [(name, getattr(f, name)) for name in SLICE_FIELDS if getattr(f, name)]
    if len(chosen) > 1:
        return None
    if not chosen:
        return "", ""
    name, value = chosen[0]
    if name == "organisation":
        org = organisation_id(value)
        value = "" if org is None else str(org)  # '' is no organisation's slice: nothing counted
    return name, value


def bucket_of(day: date, granularity: str) -> date:
    return day - timedelta(days=day.weekday()) if granularity == "week" else day.replace(day=1)
