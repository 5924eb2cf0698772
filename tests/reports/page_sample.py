"""A small March 2026 sample for the report pages and the summary API, stored through the models and services."""
from datetime import UTC, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from triage.catalogue.services import find_entry, import_document
from triage.extensions import db
from triage.intake.models import Channel, HelpRequest, RequestStatus
from triage.matching.models import UnmetNeed
from triage.referrals import services

BRUSSELS = ZoneInfo("Europe/Brussels")
CATALOGUE = {
    "version": 1,
    "organisations": [{"id": "org-bib", "name": "Bibliotheek Dijlegem", "themes": ["computer", "bankieren"],
                       "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"]}],
    "digihelpers": [
        {"id": "dh-an", "name": "An Peeters", "themes": ["computer", "bankieren"], "kinds": ["hulpvraag"],
         "languages": ["nl"], "max_open_cases": 20, "organisation": "org-bib"},
        {"id": "dh-bo", "name": "Bo Janssens", "themes": ["computer", "bankieren"], "kinds": ["hulpvraag"],
         "languages": ["nl"], "max_open_cases": 20}],
    "courses": [{"id": "c-pc", "title": "Starten met de pc", "themes": ["computer"], "languages": ["nl"],
                 "capacity": 10, "organisation": "org-bib", "sessions": [{"start": "2099-01-10T10:00:00"}]}],
}
REFS = count(1)


def at(day: int, hour: int = 10) -> datetime:
    """A March 2026 Brussels wall-clock time as naive UTC, as the database stores it."""
    return datetime(2026, 3, day, hour, tzinfo=BRUSSELS).astimezone(UTC).replace(tzinfo=None)


def _request(created_at, kind="hulpvraag", theme="computer", channel=Channel.BALIE, postcode="2800",
             language="nl", **extra) -> HelpRequest:
    request = HelpRequest(reference=f"R{next(REFS):05d}", question="Mijn pc start niet meer op.", kind=kind,
                          predicted_kind=kind, predicted_themes=[theme], theme=theme, channel=channel,
                          postcode=postcode, language=language, created_at=created_at, **extra)
    db.session.add(request)
    db.session.flush()
    return request


def _closed(request, code, outcome, created_at):
    referral = services.create_referral(request, find_entry("digihelper", code), None, now=created_at)
    services.transition(referral, "accept", None, now=created_at + timedelta(hours=2))
    services.transition(referral, "start", None, now=created_at + timedelta(hours=3))
    services.transition(referral, "close", None, now=created_at + timedelta(days=2), outcome=outcome)


def build(app):
    """March 2026: An closes 6 (all successes), Bo closes 2, a course place, a decline and an unmet need.

    Citizen A asks for help (2 March), then to learn (11 March); citizen B only asks for help.
    """
    with app.app_context():
        import_document(CATALOGUE)
        for day, outcome in zip(range(2, 8), ["geholpen"] * 5 + ["zelfstandig"], strict=True):
            _closed(_request(at(day), services=["myminfin"], citizen_key="burger-a" if day == 2 else None),
                    "dh-an", outcome, at(day))
        for day, outcome in ((9, "geholpen"), (10, "niet_geholpen")):
            _closed(_request(at(day), theme="bankieren", channel=Channel.TELEFOON, postcode="2801",
                             citizen_key="burger-b" if day == 9 else None), "dh-bo", outcome, at(day))
        learner = _request(at(11), kind="leervraag", citizen_key="burger-a")
        services.create_referral(learner, find_entry("course", "c-pc"), None, now=at(11))
        declined = services.create_referral(_request(at(12), channel=Channel.HUISBEZOEK, postcode="2811"),
                                            find_entry("digihelper", "dh-an"), None, now=at(12))
        services.transition(declined, "decline", None, now=at(12, 15), reason="geen_tijd")
        gap = _request(at(13), theme="veilig-online", language="ar", gap=True, status=RequestStatus.GAP)
        db.session.add(UnmetNeed(created_at=at(13), source="intake", kind="hulpvraag", theme="veilig-online",
                                 language="ar", postcode="2800", needs=["aan-huis"], missing=["language"],
                                 help_request_id=gap.id, channel=gap.channel.value))
        db.session.commit()
