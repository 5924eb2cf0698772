"""Catalogue, requests and referrals for the loop tests, all on a frozen clock."""
from datetime import UTC, datetime
from itertools import count

from sqlalchemy import select

from triage.catalogue.services import find_entry, import_document, link_user
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.notify.models import Message
from triage.referrals import services
from triage.referrals.models import Referral
from triage.referrals.workdays import BRUSSELS

# Friday 3 April 2026, 15:00 in Brussels (13:00 UTC). Monday 6 April is Easter Monday.
T0 = datetime(2026, 4, 3, 13, 0)
DIGIHELPER_EMAIL = "an.peeters@digihelpers.example"
CATALOGUE = {
    "version": 1,
    "organisations": [{"id": "org-bib", "name": "Bibliotheek Dijlegem", "themes": ["computer"],
                       "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"]}],
    "digihelpers": [
        {"id": "dh-an", "name": "An Peeters", "email": DIGIHELPER_EMAIL, "themes": ["computer"],
         "kinds": ["hulpvraag"], "languages": ["nl"], "max_open_cases": 10},
        {"id": "dh-zonder", "name": "Bert Zonder Mail", "themes": ["computer"], "kinds": ["hulpvraag"],
         "languages": ["nl"], "max_open_cases": 10}],
    "courses": [{"id": "c-pc", "title": "Starten met de pc", "themes": ["computer"], "languages": ["nl"],
                 "capacity": 10, "sessions": [{"start": "2099-01-10T10:00:00"}]}],
}
_numbers = count(1)


def brussels(*args) -> datetime:
    """A Brussels wall-clock time as naive UTC."""
    return datetime(*args, tzinfo=BRUSSELS).astimezone(UTC).replace(tzinfo=None)


def load_catalogue(digihelper_user_id: int | None = None) -> None:
    import_document(CATALOGUE)
    if digihelper_user_id is not None:
        link_user(find_entry("digihelper", "dh-an"), digihelper_user_id)
    db.session.flush()


def new_request(**fields) -> HelpRequest:
    values = {"reference": f"L{next(_numbers):05d}", "question": "Mijn pc start niet meer op.",
              "kind": "hulpvraag", "predicted_kind": "hulpvraag", "predicted_themes": ["computer"],
              "theme": "computer", **fields}
    request = HelpRequest(**values)
    db.session.add(request)
    db.session.flush()
    return request


def refer(code="dh-an", entry_type="digihelper", now=T0, actor_id=None, **request_fields) -> Referral:
    return services.create_referral(new_request(**request_fields), find_entry(entry_type, code),
                                    actor_id=actor_id, now=now)


def outbox(kind: str | None = None) -> list[Message]:
    query = select(Message).order_by(Message.id)
    if kind:
        query = query.where(Message.kind == kind)
    return list(db.session.scalars(query))
