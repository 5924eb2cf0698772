"""Suggestions for a logged request: its current kind and themes, matched against the catalogue now."""
from datetime import datetime

from sqlalchemy import select

from triage.catalogue.models import CatalogueEntry
from triage.db import utcnow
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.matching import MatchResult, match
from triage.matching.engine import OfferIndex
from triage.matching.service import offer_index, record_gap
from triage.matching.snapshot import offers_from_entries
from triage.referrals.models import Referral, Status
from triage.referrals.queries import current_load
from triage.referrals.services import match_request_for


def _declined_by(request: HelpRequest) -> set[int]:
    return set(db.session.scalars(select(Referral.target_id).where(
        Referral.request_id == request.id, Referral.status == Status.DECLINED)))


def suggestions_for(request: HelpRequest, now: datetime | None = None) -> MatchResult:
    """The next suggestions: entries that already declined this request are left out."""
    index = offer_index()
    declined = _declined_by(request)
    if declined:
        codes = set(db.session.scalars(select(CatalogueEntry.code).where(CatalogueEntry.id.in_(declined))))
        entries = db.session.scalars(select(CatalogueEntry)).all()
        index = OfferIndex([o for o in offers_from_entries(entries)
                            if not (o.type == "digihelper" and o.id in codes)])
    return match(match_request_for(request, now or utcnow()), index, current_load())


def record_request_gap(request: HelpRequest, now: datetime | None = None) -> None:
    """Store the unmet need behind this request, with what the matching found missing."""
    wanted = match_request_for(request, now or utcnow())
    record_gap(wanted, suggestions_for(request, now), source="intake", help_request_id=request.id,
               channel=request.channel.value)
