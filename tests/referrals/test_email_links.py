"""One-click answers from the e-mail: GET changes nothing, POST works once, bad links are refused in Dutch."""
import re
import time
from urllib.parse import urlsplit

import pytest
from itsdangerous import TimestampSigner

from tests.conftest import text_of
from tests.referrals.loop_helpers import load_catalogue, outbox, refer
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals import email_links, services
from triage.referrals.models import Referral, Status, UsedLinkToken


@pytest.fixture
def emailed(app, make_user):
    """A referral to a digihelper linked to an account; its e-mail's accept and decline paths."""
    digihelper = make_user("digihelper")
    with app.app_context():
        load_catalogue(digihelper_user_id=digihelper.id)
        referral = refer()
        db.session.commit()
        urls = re.findall(r"http://localhost:5000(/e/\S+)", outbox("referral_new")[0].body)
        result = {"referral_id": referral.id, "accept": urls[0], "decline": urls[1], "user_id": digihelper.id}
        db.session.remove()
    return result


def state(app, referral_id):
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        used = db.session.query(UsedLinkToken).count()
        request_status = db.session.get(HelpRequest, referral.request_id).status
        result = (referral.status, len(referral.events), used, request_status)
        db.session.remove()
    return result


def test_get_shows_a_confirmation_and_changes_nothing(app, client, emailed):
    before = state(app, emailed["referral_id"])
    response = client.get(emailed["accept"])
    assert response.status_code == 200
    page = text_of(response)
    assert "Neem je deze vraag aan?" in page and "Mijn pc start niet meer op." in page
    assert 'method="post"' in response.get_data(as_text=True)
    client.get(emailed["accept"])  # a mail scanner opening it again
    assert state(app, emailed["referral_id"]) == before


def test_accept_works_once_as_the_digihelper(app, client, emailed):
    response = client.post(emailed["accept"])
    assert response.status_code == 200 and "Bedankt, je helpt deze burger" in text_of(response)
    status, events, used, _ = state(app, emailed["referral_id"])
    assert (status, events, used) == (Status.ACCEPTED, 2, 1)
    with app.app_context():
        event = db.session.get(Referral, emailed["referral_id"]).events[-1]
        assert (event.to_status, event.actor_id) == ("accepted", emailed["user_id"])
    again = client.post(emailed["accept"])
    assert again.status_code == 400 and "al gebruikt" in text_of(again)
    assert "al gebruikt" in text_of(client.get(emailed["accept"]))
    # The decline link in the same e-mail is used up too.
    assert "al gebruikt" in text_of(client.get(emailed["decline"]))
    assert state(app, emailed["referral_id"])[:3] == (Status.ACCEPTED, 2, 1)


def test_decline_needs_a_reason(app, client, emailed):
    page = client.get(emailed["decline"])
    assert "Kan je deze vraag niet nemen?" in text_of(page) and "Geen tijd" in text_of(page)
    refused = client.post(emailed["decline"], data={"reason": "", "note": ""})
    assert refused.status_code == 400 and "Kies een reden om te weigeren." in text_of(refused)
    assert state(app, emailed["referral_id"])[0] is Status.PROPOSED
    other = client.post(emailed["decline"], data={"reason": "andere", "note": ""})
    assert "Schrijf kort waarom" in text_of(other)
    done = client.post(emailed["decline"], data={"reason": "geen_tijd", "note": "Op reis"})
    assert done.status_code == 200 and "Bedankt voor je antwoord" in text_of(done)
    status, _, used, request_status = state(app, emailed["referral_id"])
    assert (status, used, request_status) == (Status.DECLINED, 1, RequestStatus.OPEN)
    with app.app_context():
        referral = db.session.get(Referral, emailed["referral_id"])
        assert (referral.decline_reason, referral.decline_note) == ("geen_tijd", "Op reis")


def test_a_tampered_token_is_refused_in_dutch(app, client, emailed):
    path = emailed["accept"]
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code in (200, 400)
        page = text_of(response)
        assert "Deze link werkt niet" in page and "niet geldig" in page and "Traceback" not in page
    assert state(app, emailed["referral_id"])[:3] == (Status.PROPOSED, 1, 0)


def test_an_expired_link_is_refused(app, client, emailed, monkeypatch):
    eight_days_ago = int(time.time()) - 8 * 24 * 3600
    with app.app_context(), monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: eight_days_ago)
        old = email_links.make_tokens(emailed["referral_id"])["accept"]
    response = client.post(f"/e/{old}")
    assert response.status_code == 400 and "verlopen" in text_of(response)
    assert state(app, emailed["referral_id"])[:3] == (Status.PROPOSED, 1, 0)


def test_a_link_for_a_referral_that_moved_on_is_refused(app, client, emailed):
    with app.app_context():
        services.transition(db.session.get(Referral, emailed["referral_id"]), "cancel", None)
        db.session.commit()
        db.session.remove()
    page = text_of(client.get(emailed["accept"]))
    assert "Dit kan niet meer: de doorverwijzing is geannuleerd." in page
    response = client.post(emailed["accept"])
    assert response.status_code == 400
    assert state(app, emailed["referral_id"])[:3] == (Status.CANCELLED, 2, 0)


def test_tokens_carry_the_referral_the_action_and_a_shared_nonce(app):
    with app.app_context():
        tokens = email_links.make_tokens(42)
        accept, decline = email_links.read_token(tokens["accept"]), email_links.read_token(tokens["decline"])
        assert (accept.referral_id, accept.action, decline.action) == (42, "accept", "decline")
        assert accept.nonce == decline.nonce and len(accept.nonce) == 32
        assert email_links.make_tokens(42)["accept"] != tokens["accept"]  # a fresh nonce each e-mail
        with pytest.raises(email_links.LinkRefused):
            email_links.read_token(urlsplit("/e/" + tokens["accept"]).path[3:] + "x")


def test_the_answer_form_is_csrf_protected(app, client, emailed, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get(emailed["accept"]).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post(emailed["accept"]).status_code == 400
    assert state(app, emailed["referral_id"])[0] is Status.PROPOSED
    assert client.post(emailed["accept"], data={"csrf_token": token}).status_code == 200
    assert state(app, emailed["referral_id"])[0] is Status.ACCEPTED
