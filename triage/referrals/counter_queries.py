"""Reads for the counter: today's requests, mine, those waiting for a referral, follow-ups due."""
from datetime import UTC, datetime, time

from sqlalchemy import Select, select

from triage.catalogue.times import BRUSSELS, to_utc_naive
from triage.db import utcnow
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals.models import Referral, Status
from triage.web.i18n import lazy_gettext as _l

LISTS = {
    "vandaag": _l("Vragen van vandaag"),
    "mijn": _l("Mijn vragen"),
    "wachtend": _l("Wachten op een doorverwijzing"),
    "opvolgen": _l("Op te volgen doorverwijzingen"),
}


def start_of_today(now: datetime | None = None) -> datetime:
    """Midnight in Brussels today, as the naive UTC the database stores."""
    brussels_now = (now or utcnow()).replace(tzinfo=UTC).astimezone(BRUSSELS)
    return to_utc_naive(datetime.combine(brussels_now.date(), time.min, tzinfo=BRUSSELS))


def requests_list(name: str, user_id: int) -> Select:
    query = select(HelpRequest).order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc())
    if name == "vandaag":
        return query.where(HelpRequest.created_at >= start_of_today())
    if name == "mijn":
        return query.where(HelpRequest.created_by_id == user_id)
    if name == "wachtend":
        # Newly logged, declined or cancelled, or marked as a gap: the counter must act.
        return (select(HelpRequest).where(HelpRequest.status.in_((RequestStatus.OPEN, RequestStatus.GAP)))
                .order_by(HelpRequest.created_at, HelpRequest.id))
    raise KeyError(name)


def follow_ups_due() -> Select:
    return (select(Referral, HelpRequest).join(HelpRequest, HelpRequest.id == Referral.request_id)
            .where(Referral.follow_up_due, Referral.status == Status.ACCEPTED)
            .order_by(Referral.follow_up_at, Referral.id))
