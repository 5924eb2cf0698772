"""A citizen with history for the privacy tests: requests with contact details, referrals, notes, steps, e-mails."""
from datetime import datetime, timedelta
from types import SimpleNamespace

from flask import current_app

from tests.referrals.loop_helpers import load_catalogue
from triage.catalogue.services import find_entry
from triage.extensions import db
from triage.intake.citizens import citizen_key
from triage.intake.models import HelpRequest, RequestStatus
from triage.notify.services import queue_message
from triage.referrals import services

PHONE = "0470 11 22 33"
EMAIL = "Mia.Janssens@Example.be"
QUESTION = "Mijn itsme werkt niet meer. Ik ben Mia Janssens, bel me op 0470 11 22 33."


def key(phone=None, email=None) -> str:
    return citizen_key(phone, email, current_app.config["SECRET_KEY"])


def add_request(reference: str, at: datetime, question: str = "Mijn pc start niet meer op.", kind="hulpvraag",
                phone=None, email=None, name=None, **values) -> HelpRequest:
    consent = bool(phone or email or name)
    item = HelpRequest(reference=reference, question=question, kind=kind, predicted_kind=kind, theme="computer",
                       predicted_themes=["computer"], postcode="2800", created_at=at, contact_name=name,
                       contact_phone=phone, contact_email=email, contact_consent=consent,
                       citizen_key=key(phone, email) if consent else None,
                       explanation=["'pc' hoort bij het thema Computer gebruiken"], **values)
    db.session.add(item)
    db.session.flush()
    return item


def close_via(item: HelpRequest, code: str, entry_type: str, at: datetime, outcome="geholpen", actor_id=None):
    """Refer the request and close the referral at `at` + 1 day, with notes on the way."""
    entry = find_entry(entry_type, code)
    referral = services.create_referral(item, entry, actor_id, now=at, accepted=entry_type == "digihelper")
    if entry_type == "digihelper":
        services.log_contact(referral, "bereikt", actor_id, note="Mia belt terug na 17u op 0470 11 22 33")
        services.transition(referral, "start", actor_id, now=at + timedelta(hours=2))
    services.transition(referral, "close", actor_id, now=at + timedelta(days=1), outcome=outcome,
                        note="Mia Janssens kan nu zelf inloggen")
    queue_message("an.peeters@digihelpers.example", "Vraag van Mia", f"Bel Mia op {PHONE}", "test",
                  related=("referral", referral.id), now=at)
    return referral


def mia_and_jan(at: datetime, digihelper_user_id=None) -> SimpleNamespace:
    """Mia: two requests (phone, then phone and e-mail), one closed by a digihelper, one solved at the counter.
    Jan: one open request with his own phone number."""
    load_catalogue(digihelper_user_id)
    first = add_request("MIA-001", at, QUESTION, phone=PHONE, name="Mia Janssens")
    referral = close_via(first, "dh-an", "digihelper", at, actor_id=digihelper_user_id)
    second = add_request("MIA-002", at + timedelta(days=3), "Ik wil leren videobellen", kind="leervraag",
                         phone="+32 470 112233", email=EMAIL, status=RequestStatus.SOLVED, outcome="geholpen",
                         note="Mia was heel blij", closed_at=at + timedelta(days=3))
    jan = add_request("JAN-001", at + timedelta(days=1), "Mijn gsm is stuk", phone="0499 99 88 77", name="Jan")
    db.session.flush()
    return SimpleNamespace(first=first, second=second, jan=jan, referral=referral)
