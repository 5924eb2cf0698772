"""The loop's e-mails: queued with the referral in one transaction, only what the reader needs."""
import pytest

from tests.referrals.loop_helpers import DIGIHELPER_EMAIL, load_catalogue, outbox, refer
from triage.extensions import db
from triage.notify.models import Message


@pytest.fixture
def catalogue(ctx):
    load_catalogue()
    db.session.commit()


def test_a_digihelper_referral_queues_one_message_in_the_same_transaction(catalogue):
    referral = refer()
    db.session.rollback()
    assert outbox() == []
    referral = refer()
    db.session.commit()
    [message] = outbox()
    assert (message.kind, message.to_address) == ("referral_new", DIGIHELPER_EMAIL)
    assert (message.related_type, message.related_id) == ("referral", referral.id)


def test_the_new_referral_message_has_the_code_the_question_and_two_links(catalogue):
    refer(question="Ik kan niet inloggen met itsme.", reference="K7M-4QX")
    [message] = outbox()
    assert "K7M-4QX" in message.subject and "K7M-4QX" in message.body
    assert "Ik kan niet inloggen met itsme." in message.body
    assert "Soort vraag: Hulpvraag" in message.body and "Thema: " in message.body
    assert message.body.count("http://localhost:5000/e/") == 2


def test_contact_details_only_with_consent(catalogue):
    refer(contact_name="Marie", contact_phone="0470 11 22 33", contact_consent=True)
    refer(contact_name="Jef", contact_phone="0470 99 88 77", contact_consent=False)
    with_consent, without = outbox()
    assert "0470 11 22 33" in with_consent.body and "Marie" in with_consent.body
    assert "0470 99 88 77" not in without.body and "Jef" not in without.body
    assert "geen contactgegevens" in without.body


def test_no_message_without_an_address_or_for_other_kinds_of_referral(catalogue):
    refer("dh-zonder")
    refer("org-bib", "organisation")
    assert db.session.query(Message).count() == 0


def test_links_use_the_configured_base_url(catalogue, app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://hulp.dijlegem.example/triage")
    refer()
    assert outbox()[0].body.count("https://hulp.dijlegem.example/triage/e/") == 2
