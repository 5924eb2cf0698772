"""Everything held about one citizen: found by reference code, phone number or e-mail address.

A search finds the requests that match, then every request that shares a citizen key or a contact
detail with those (the same person came back), until nothing new turns up. Erasure and export always
take that whole set, so a citizen's key never ends up half erased.
"""
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, or_, select

from triage.catalogue.models import CatalogueEntry
from triage.extensions import db
from triage.intake.citizens import citizen_key, normalise_email, normalise_phone
from triage.intake.models import HelpRequest
from triage.intake.services import find_by_reference
from triage.notify.models import Message
from triage.referrals.models import Referral, ReferralEvent

SEARCH_BY = ("reference", "phone", "email")
# More than this many requests for one person means the search is too broad (a shared counter phone).
MAX_REQUESTS = 200


@dataclass
class CitizenData:
    """The requests found, with their referrals, the referrals' steps and messages, and the offers named."""

    requests: list[HelpRequest]
    referrals: dict[int, list[Referral]] = field(default_factory=dict)  # by request id
    events: dict[int, list[ReferralEvent]] = field(default_factory=dict)  # by referral id
    messages: dict[int, list[Message]] = field(default_factory=dict)  # by referral id
    targets: dict[int, CatalogueEntry] = field(default_factory=dict)
    truncated: bool = False

    @property
    def references(self) -> list[str]:
        return [r.reference for r in self.requests]


def _keys(phone: str | None, email: str | None) -> set[str]:
    secret = current_app.config["SECRET_KEY"]
    return {k for k in (citizen_key(phone, None, secret), citizen_key(None, email, secret)) if k}


def _digits(column):
    """The digits of a stored phone number, in SQL that SQLite and PostgreSQL both know."""
    for char in " .-/()+":
        column = func.replace(column, char, "")
    return column


def _by_phone(phone: str) -> set[int]:
    wanted = normalise_phone(phone)
    if wanted is None:
        return set()
    ids = set(db.session.scalars(select(HelpRequest.id).where(HelpRequest.citizen_key.in_(_keys(phone, None)))))
    # Also numbers stored without a key (data from before the key, or another secret key): the last
    # nine digits in SQL, the whole number checked here.
    rows = db.session.execute(select(HelpRequest.id, HelpRequest.contact_phone).where(
        HelpRequest.contact_phone.is_not(None), _digits(HelpRequest.contact_phone).like(f"%{wanted[-9:]}")))
    return ids | {rid for rid, stored in rows if normalise_phone(stored) == wanted}


def _by_email(email: str) -> set[int]:
    wanted = normalise_email(email)
    if wanted is None:
        return set()
    return set(db.session.scalars(select(HelpRequest.id).where(or_(
        HelpRequest.citizen_key.in_(_keys(None, wanted)),
        func.lower(func.trim(HelpRequest.contact_email)) == wanted))))


def _seed(by: str, value: str) -> set[int]:
    if by == "reference":
        found = find_by_reference(value)
        return {found.id} if found is not None else set()
    return _by_phone(value) if by == "phone" else _by_email(value)


def _grow(ids: set[int]) -> set[int]:
    """Add the requests sharing a citizen key or contact detail with these, until nothing new turns up."""
    for _ in range(5):
        rows = db.session.execute(select(HelpRequest.citizen_key, HelpRequest.contact_phone,
                                         HelpRequest.contact_email).where(HelpRequest.id.in_(ids))).all()
        keys = {row.citizen_key for row in rows if row.citizen_key}
        emails = set()
        for row in rows:
            keys |= _keys(row.contact_phone, row.contact_email)
            if normalise_email(row.contact_email):
                emails.add(normalise_email(row.contact_email))
        # A phone number's key is its citizen key (intake.citizens), so no scan of the numbers here.
        more = set(db.session.scalars(select(HelpRequest.id).where(or_(
            HelpRequest.citizen_key.in_(keys), func.lower(func.trim(HelpRequest.contact_email)).in_(emails)))))
        if more <= ids or len(ids) > MAX_REQUESTS:
            return ids
        ids = ids | more
    return ids


def find_citizen(by: str, value: str) -> CitizenData:
    """Everything about the citizen this reference code, phone number or e-mail address points to."""
    if by not in SEARCH_BY:
        raise ValueError(by)
    ids = _seed(by, value)
    ids = _grow(ids) if ids else ids
    return gather(ids)


def gather(request_ids) -> CitizenData:
    """The requests (oldest first, at most MAX_REQUESTS) with everything attached to them."""
    ids = sorted(set(request_ids))
    requests = list(db.session.scalars(select(HelpRequest).where(HelpRequest.id.in_(ids))
                                       .order_by(HelpRequest.created_at, HelpRequest.id).limit(MAX_REQUESTS)))
    data = CitizenData(requests=requests, truncated=len(ids) > MAX_REQUESTS)
    if not requests:
        return data
    referrals = list(db.session.scalars(select(Referral).where(Referral.request_id.in_([r.id for r in requests]))
                                        .order_by(Referral.created_at, Referral.id)))
    for referral in referrals:
        data.referrals.setdefault(referral.request_id, []).append(referral)
    referral_ids = [r.id for r in referrals]
    if referral_ids:
        for step in db.session.scalars(select(ReferralEvent).where(ReferralEvent.referral_id.in_(referral_ids))
                                       .order_by(ReferralEvent.at, ReferralEvent.id)):
            data.events.setdefault(step.referral_id, []).append(step)
        for message in db.session.scalars(select(Message).where(
                Message.related_type == "referral", Message.related_id.in_(referral_ids)).order_by(Message.id)):
            data.messages.setdefault(message.related_id, []).append(message)
        target_ids = {r.target_id for r in referrals}
        data.targets = {e.id: e for e in db.session.scalars(select(CatalogueEntry)
                                                            .where(CatalogueEntry.id.in_(target_ids)))}
    return data


def requests_by_reference(references: list[str]) -> set[int]:
    """The ids of these requests (unknown codes are skipped), grown to whole citizens as a search would."""
    ids = set(db.session.scalars(select(HelpRequest.id).where(HelpRequest.reference.in_(references))))
    return _grow(ids) if ids else ids
