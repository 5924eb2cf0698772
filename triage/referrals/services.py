"""Writes on referrals: create one (hard rules checked again), move it through its lifecycle, log contact."""
from datetime import UTC, datetime, timedelta

from flask import current_app

from triage.catalogue.models import CatalogueEntry
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.matching import MatchRequest
from triage.matching.rules import first_failure
from triage.matching.snapshot import offers_from_entries
from triage.referrals import messages
from triage.referrals.lifecycle import (
    ACTION_LABELS,
    CONTACT_RESULTS,
    DECLINE_REASONS,
    OUTCOMES,
    STATUS_LABELS,
    next_status,
)
from triage.referrals.models import OPEN_STATUSES, Mode, Referral, ReferralEvent, Status
from triage.referrals.queries import current_load
from triage.web.i18n import gettext

MODE_BY_TYPE = {"digihelper": Mode.ASSIGNED, "course": Mode.ENROLLED, "organisation": Mode.SIGNPOSTED}
# Why an entry can no longer take this request, by the matching engine's failure codes.
NO_LONGER = {
    "inactive": "is niet (meer) actief",
    "kind": "neemt dit soort vraag niet aan",
    "language": "spreekt de taal van de burger niet",
    "area": "werkt niet in de postcode van de burger",
    "need": "voldoet niet aan wat de burger nodig heeft (toegankelijkheid)",
    "capacity": "heeft geen plaats meer",
    "date": "heeft geen sessie meer na vandaag",
}


def match_request_for(request: HelpRequest, now: datetime) -> MatchRequest:
    themes = tuple(request.confirmed_themes or request.predicted_themes or ())
    return MatchRequest(kind=request.kind or "hulpvraag", themes=themes or ("toegang",),
                        language=request.language, postcode=request.postcode, needs=tuple(request.needs or ()),
                        target_groups=tuple(request.target_groups or ()),
                        # Stored times are naive UTC; MatchRequest reads naive times as Brussels time.
                        now=now if now.tzinfo else now.replace(tzinfo=UTC))


def check_still_fits(request: HelpRequest, entry: CatalogueEntry, now: datetime) -> None:
    """Refuse a referral that breaks a hard rule now (the offer may have filled up since it was shown)."""
    offer = offers_from_entries([entry])[0]
    wanted = match_request_for(request, now)
    if not set(offer.themes) & set(wanted.themes):
        raise ServiceError(gettext("%(name)s helpt niet bij de thema's van deze vraag.", name=entry.name))
    failure = first_failure(offer, wanted, current_load())
    if failure is not None:
        raise ServiceError(gettext("%(name)s %(problem)s. Kies een ander aanbod.", name=entry.name,
                                   problem=NO_LONGER.get(failure, gettext("past niet meer"))))


def _event(referral: Referral, kind: str, actor_id: int | None, from_status, to_status, note=None) -> None:
    referral.events.append(ReferralEvent(
        kind=kind, from_status=from_status.value if from_status else None,
        to_status=(to_status or referral.status).value, actor_id=actor_id, note=note))


def create_referral(request: HelpRequest, entry: CatalogueEntry, actor_id: int | None,
                    now: datetime | None = None, accepted: bool = False) -> Referral:
    """Refer the request to a catalogue entry; a digihelper's referral waits for their answer."""
    now = now or utcnow()
    if request.status in (RequestStatus.SOLVED, RequestStatus.CLOSED):
        raise ServiceError(gettext("Deze vraag is al afgesloten."))
    live = [r for r in request_referrals(request) if r.status in OPEN_STATUSES]
    if live:
        raise ServiceError(gettext("Deze vraag heeft al een lopende doorverwijzing. Annuleer die eerst."))
    # Serialise referrals to one entry, so two counters cannot both take its last place.
    db.session.execute(db.select(CatalogueEntry.id).where(CatalogueEntry.id == entry.id).with_for_update())
    check_still_fits(request, entry, now)
    mode = MODE_BY_TYPE[entry.entry_type]
    status = Status.PROPOSED if mode is Mode.ASSIGNED and not accepted else Status.ACCEPTED
    referral = Referral(request_id=request.id, target_id=entry.id, mode=mode, status=status,
                        created_by_id=actor_id, created_at=now)
    if status is Status.ACCEPTED:
        referral.accepted_at = now
    if mode is not Mode.ASSIGNED:
        referral.follow_up_at = now + timedelta(days=current_app.config["FOLLOW_UP_DAYS"])
    _event(referral, "status", actor_id, None, status)
    db.session.add(referral)
    request.status = RequestStatus.REFERRED
    request.gap = False
    db.session.flush()
    if status is Status.PROPOSED:
        messages.new_referral(referral, now=now)  # the digihelper's e-mail, committed with the referral
    return referral


def request_referrals(request: HelpRequest) -> list[Referral]:
    return db.session.scalars(db.select(Referral).where(Referral.request_id == request.id)
                              .order_by(Referral.id)).all()


def _stale(referral: Referral, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != referral.version:
        raise ServiceError(gettext("Iemand anders heeft deze doorverwijzing net gewijzigd. "
                           "Bekijk de nieuwe toestand en probeer opnieuw."))


def transition(referral: Referral, action: str, actor_id: int | None, now: datetime | None = None,
               expected_version: int | None = None, reason: str | None = None, outcome: str | None = None,
               note: str | None = None) -> Referral:
    """Apply one lifecycle step, or refuse it with a Dutch message; every step is an event."""
    now = now or utcnow()
    _stale(referral, expected_version)
    current = referral.status
    new = next_status(referral.mode, action, current)
    if new is None:
        raise ServiceError(gettext("Deze doorverwijzing kan je niet %(action)s: ze is %(status)s.",
                                   action=ACTION_LABELS.get(action, action), status=STATUS_LABELS[current].lower()))
    note = (note or "").strip()[:2000] or None
    if action == "decline":
        if reason not in DECLINE_REASONS:
            raise ServiceError(gettext("Kies een reden om te weigeren."), field="reason")
        if reason == "andere" and not note:
            raise ServiceError(gettext("Schrijf kort waarom je weigert."), field="note")
        referral.decline_reason, referral.decline_note, referral.declined_at = reason, note, now
    elif action == "close":
        if outcome not in OUTCOMES:
            raise ServiceError(gettext("Kies hoe het afgelopen is."), field="outcome")
        referral.outcome, referral.outcome_note, referral.closed_at = outcome, note, now
        referral.follow_up_due = False
    elif action == "accept":
        referral.accepted_at = now
    elif action == "start":
        referral.started_at = now
    elif action == "cancel":
        referral.cancelled_at = now
    referral.status = new
    _event(referral, "status", actor_id, current, new, note)
    _update_request(referral, new)
    db.session.flush()
    return referral


def _update_request(referral: Referral, new: Status) -> None:
    request = db.session.get(HelpRequest, referral.request_id)
    if new is Status.CLOSED:
        request.status = RequestStatus.CLOSED
    elif new in (Status.DECLINED, Status.CANCELLED):
        # Back to the counter's list, to refer again.
        request.status = RequestStatus.OPEN


def log_contact(referral: Referral, result: str, actor_id: int | None, note: str | None = None) -> None:
    """A call or visit attempt by the digihelper or the counter."""
    if result not in CONTACT_RESULTS:
        raise ServiceError(gettext("Kies of je de burger bereikt hebt."), field="result")
    if referral.status not in OPEN_STATUSES:
        raise ServiceError(gettext("Deze doorverwijzing is niet meer lopend."))
    _event(referral, "contact", actor_id, referral.status, referral.status,
           f"{CONTACT_RESULTS[result]}" + (f": {note.strip()[:1000]}" if note and note.strip() else ""))
    db.session.flush()
