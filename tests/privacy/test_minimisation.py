"""Nothing personal in URLs, logs or error pages, whatever happens to a request with contact details."""
import logging
from urllib.parse import urlsplit

import pytest

from tests.conftest import text_of
from tests.intake.conftest import classifier  # noqa: F401 - fixture
from triage.catalogue.services import import_document
from triage.extensions import db
from triage.intake import services

PHONE, EMAIL, NAME = "0470 12 34 56", "mia.janssens@example.be", "Mia Janssens"
QUESTION = "Mijn itsme werkt niet, ik ben Mia Janssens"
FORM = {"question": QUESTION, "language": "nl", "channel": "balie", "contact_name": NAME, "contact_phone": PHONE,
        "contact_email": EMAIL, "contact_consent": "y"}


@pytest.fixture
def counter(app, client, login_as, classifier):  # noqa: F811
    with app.app_context():
        import_document({"version": 1, "organisations": [{"id": "org-bib", "name": "Bib", "themes": ["computer"],
                                                          "kinds": ["hulpvraag"], "languages": ["nl"]}]})
        db.session.commit()
    login_as("balie")
    return client


def personal(text: str) -> list[str]:
    return [value for value in (PHONE, "0470", EMAIL, NAME, "itsme") if value in text]


def test_the_address_after_logging_holds_only_the_reference(counter, caplog):
    caplog.set_level(logging.DEBUG)
    response = counter.post("/balie/nieuw", data=FORM)
    location = urlsplit(response.headers["Location"])
    assert location.path.startswith("/balie/vraag/") and location.query == "nieuw=1"
    assert personal(response.headers["Location"]) == []
    page = counter.get(response.headers["Location"])
    assert PHONE in text_of(page)  # shown to the clerk on the page, but ...
    assert personal(caplog.text) == []  # ... never written to a log


def test_an_unexpected_error_shows_and_logs_nothing_personal(app, counter, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    # Alembic's logging setup (the migrations at the start of the run) switched existing loggers off.
    monkeypatch.setattr(logging.getLogger("triage.web.errors"), "disabled", False)
    monkeypatch.setitem(app.config, "TESTING", False)  # as in production: the error handler answers

    def broken(intake, *_args):
        raise RuntimeError(f"integrity error on ({intake.contact_phone}, {intake.contact_email}, {intake.question})")

    monkeypatch.setattr(services, "store_request", broken)
    response = counter.post("/balie/nieuw", data=FORM)
    assert response.status_code == 500
    assert "Er ging iets mis bij ons. Er is niets gewijzigd." in text_of(response)
    assert personal(text_of(response)) == [] and personal(caplog.text) == []
    assert "RuntimeError" in caplog.text  # the log says what failed, and where


def test_contact_details_are_only_kept_with_consent(app, counter):
    response = counter.post("/balie/nieuw", data={**FORM, "contact_consent": ""})
    assert response.status_code == 400 and "Vraag de burger of we de contactgegevens mogen bewaren" in text_of(response)
    from triage.intake.models import HelpRequest

    with app.app_context():
        assert db.session.query(HelpRequest).count() == 0


def test_no_route_takes_a_phone_number_or_e_mail_in_its_address(app):
    arguments = {argument for rule in app.url_map.iter_rules() for argument in rule.arguments}
    # Ids, codes and list names: nothing typed about a citizen.
    assert arguments <= {"filename", "reference", "referral_id", "request_id", "user_id", "slug", "code", "token",
                         "table", "name", "action", "token_id"}
