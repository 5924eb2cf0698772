"""Reads for a digihelper: their catalogue entry, their own cases and the open pool they may pick from."""
from datetime import timedelta

from sqlalchemy import Select, func, or_, select

from triage.auth.models import User
from triage.catalogue.models import Digihelper
from triage.db import utcnow
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals.models import OPEN_STATUSES, Referral, ReferralEvent, Status

NEW = (Status.PROPOSED,)
ONGOING = (Status.ACCEPTED, Status.IN_PROGRESS)
FINISHED = (Status.CLOSED, Status.DECLINED, Status.CANCELLED)
RECENT_DAYS = 30
RECENT_LIMIT = 20


def digihelper_for_user(user) -> Digihelper | None:
    """The catalogue digihelper linked to this staff account, if any."""
    if user is None or not getattr(user, "id", None):
        return None
    return db.session.scalar(select(Digihelper).where(Digihelper.user_id == user.id))


def my_cases(entry: Digihelper, statuses, recent_days: int | None = None,
             limit: int | None = None) -> list[tuple[Referral, HelpRequest]]:
    """This digihelper's referrals in `statuses` with their requests; newest first for finished ones."""
    query = (select(Referral, HelpRequest).join(HelpRequest, HelpRequest.id == Referral.request_id)
             .where(Referral.target_id == entry.id, Referral.status.in_(tuple(statuses))))
    if recent_days is not None:
        since = utcnow() - timedelta(days=recent_days)
        changed = func.coalesce(Referral.closed_at, Referral.declined_at, Referral.cancelled_at,
                                Referral.created_at)
        query = query.where(changed >= since).order_by(changed.desc(), Referral.id.desc())
    else:
        query = query.order_by(Referral.created_at, Referral.id)
    if limit is not None:
        query = query.limit(limit)
    return [tuple(row) for row in db.session.execute(query)]


def find_case(entry: Digihelper, referral_id: int) -> Referral | None:
    """One referral, only when it is this digihelper's own: another's is as good as unknown."""
    return db.session.scalar(select(Referral).where(Referral.id == referral_id,
                                                    Referral.target_id == entry.id))


def pool_for(entry: Digihelper) -> Select:
    """Pooled hulpvragen in the entry's themes and languages (and postcodes, when it lists any); oldest first."""
    themes, languages, postcodes = entry.themes, entry.languages, entry.postcodes
    query = select(HelpRequest).where(
        HelpRequest.status == RequestStatus.POOL,
        HelpRequest.kind == "hulpvraag",
        or_(HelpRequest.theme.in_(themes), HelpRequest.theme2.in_(themes)),
        HelpRequest.language.in_(languages))
    if postcodes:
        query = query.where(or_(HelpRequest.postcode.is_(None), HelpRequest.postcode.in_(postcodes)))
    return query.order_by(HelpRequest.created_at, HelpRequest.id)


def in_pool_of(entry: Digihelper, request_id: int) -> bool:
    return db.session.scalar(pool_for(entry).where(HelpRequest.id == request_id).with_only_columns(
        HelpRequest.id)) is not None


def case_counts(entry: Digihelper) -> dict[str, int]:
    """How many new and ongoing cases, and how many requests wait in the pool."""
    by_status = dict(db.session.execute(
        select(Referral.status, func.count(Referral.id))
        .where(Referral.target_id == entry.id, Referral.status.in_(OPEN_STATUSES))
        .group_by(Referral.status)).all())
    pool = db.session.scalar(pool_for(entry).order_by(None).with_only_columns(func.count(HelpRequest.id)))
    return {"new": sum(by_status.get(s, 0) for s in NEW),
            "ongoing": sum(by_status.get(s, 0) for s in ONGOING),
            "open": sum(by_status.values()), "pool": pool or 0}


def timeline(referral: Referral) -> list[tuple[ReferralEvent, str | None]]:
    """The referral's events, oldest first, each with the name of who did it (None for the system)."""
    events = list(referral.events)
    ids = {e.actor_id for e in events if e.actor_id}
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}
    return [(e, names.get(e.actor_id)) for e in events]
