"""The referral loop over JSON: log a request, refer, accept/decline/contact/close, my cases; rights and errors."""
import json

import pytest

from triage.auth.models import User
from triage.auth.services import create_token
from triage.catalogue.services import find_entry, import_document, link_user
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.referrals.models import Referral

CATALOGUE = {"version": 1,
             "organisations": [{"id": "org-bib", "name": "Bib", "themes": ["computer"], "kinds": ["hulpvraag"],
                                "languages": ["nl"]}],
             "digihelpers": [{"id": "dh-an", "name": "An", "themes": ["computer"], "kinds": ["hulpvraag"],
                              "languages": ["nl"], "max_open_cases": 2},
                             {"id": "dh-bo", "name": "Bo", "themes": ["computer"], "kinds": ["hulpvraag"],
                              "languages": ["nl"]}]}
LOG = {"question": "laptop start niet op", "kind": "hulpvraag", "themes": ["computer"], "postcode": "2800"}


@pytest.fixture
def tokens(app, make_user):
    accounts = {"balie": make_user("balie"), "an": make_user("digihelper"), "bo": make_user("digihelper"),
                "coordinator": make_user("coordinator")}
    with app.app_context():
        import_document(CATALOGUE)
        link_user(find_entry("digihelper", "dh-an"), accounts["an"].id)
        link_user(find_entry("digihelper", "dh-bo"), accounts["bo"].id)
        values = {name: create_token(db.session.get(User, a.id)) for name, a in accounts.items()}
        db.session.commit()
    return values


def call(client, token, method, path, body=None, headers=None):
    return client.open(path, method=method, headers={"Authorization": f"Bearer {token}", **(headers or {})},
                       data=json.dumps(body) if body is not None else None,
                       content_type="application/json" if body is not None else None)


def test_counter_logs_and_refers_in_one_call(app, client, tokens):
    response = call(client, tokens["balie"], "POST", "/api/v1/requests",
                    {**LOG, "refer_to": {"type": "digihelper", "id": "dh-an"}})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["kind"] == "hulpvraag" and body["themes"] == ["computer"] and body["status"] == "referred"
    assert body["referrals"][0]["status"] == "proposed" and body["referrals"][0]["target"]["id"] == "dh-an"
    again = call(client, tokens["balie"], "GET", f"/api/v1/requests/{body['reference']}")
    assert again.status_code == 200 and again.get_json()["reference"] == body["reference"]


def test_logging_without_labels_classifies_and_suggests(app, client, tokens):
    body = call(client, tokens["balie"], "POST", "/api/v1/requests", {"question": "mijn laptop is kapot"}).get_json()
    assert body["kind"] in ("hulpvraag", "leervraag") and body["themes"] and body["explanation"]
    assert "suggestions" in body and body["referrals"] == []


def test_the_same_idempotency_key_logs_once(app, client, tokens):
    headers = {"Idempotency-Key": "k" * 20}
    first = call(client, tokens["balie"], "POST", "/api/v1/requests", LOG, headers)
    second = call(client, tokens["balie"], "POST", "/api/v1/requests", LOG, headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["reference"] == second.get_json()["reference"]
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 1


def test_the_same_key_sent_twice_at_the_same_moment_logs_once(app, client, tokens, monkeypatch):
    import triage.classify.service as service
    from tests.concurrency import at_once, meet_after
    from tests.intake.conftest import FixedClassifier

    fixed = FixedClassifier()
    monkeypatch.setattr(service, "get_classifier", lambda *a, **k: fixed)
    meet_after(monkeypatch, fixed, "predict")  # both have classified, neither has stored anything yet
    headers = {"Idempotency-Key": "z" * 24}
    other = app.test_client()
    first, second = at_once(lambda: call(client, tokens["balie"], "POST", "/api/v1/requests", LOG, headers),
                            lambda: call(other, tokens["balie"], "POST", "/api/v1/requests", LOG, headers))
    assert sorted([first.status_code, second.status_code]) == [200, 201]
    assert first.get_json()["reference"] == second.get_json()["reference"]
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 1


def test_two_closes_of_the_same_referral_at_once_one_wins_the_other_gets_409(app, client, tokens, monkeypatch):
    from tests.concurrency import at_once, meet_after
    from triage.referrals import services

    body = call(client, tokens["balie"], "POST", "/api/v1/requests",
                {**LOG, "refer_to": {"type": "organisation", "id": "org-bib"}}).get_json()
    rid, version = body["referrals"][0]["id"], body["referrals"][0]["version"]
    meet_after(monkeypatch, services, "_stale")  # both read the version before either writes
    other = app.test_client()
    answers = at_once(
        lambda: call(client, tokens["balie"], "POST", f"/api/v1/referrals/{rid}/close",
                     {"version": version, "outcome": "geholpen"}),
        lambda: call(other, tokens["coordinator"], "POST", f"/api/v1/referrals/{rid}/close",
                     {"version": version, "outcome": "niet_geholpen"}))
    assert sorted(a.status_code for a in answers) == [200, 409]
    winner = next(a for a in answers if a.status_code == 200).get_json()
    loser = next(a for a in answers if a.status_code == 409).get_json()
    assert "Iemand anders heeft deze doorverwijzing net gewijzigd" in loser["error"]
    with app.app_context():
        assert db.session.get(Referral, rid).outcome == winner["outcome"]


@pytest.mark.parametrize("body, status, message", [
    ({"question": ""}, 400, "vul de vraag"),
    ({**LOG, "channel": "duif"}, 400, "onbekend kanaal"),
    ({**LOG, "contact": "0470"}, 400, "contact: moet een object zijn"),
    ({**LOG, "contact": {"email": "geen-mail", "consent": True}}, 400, "geen geldig e-mailadres"),
    ({**LOG, "contact": {"phone": "0470 11 22 33"}}, 400, "Vraag de burger"),
    ({**LOG, "refer_to": {"type": "robot", "id": "x"}}, 400, "refer_to"),
    ({**LOG, "refer_to": {"type": "digihelper", "id": "dh-niemand"}}, 400, "onbekend aanbod"),
    ({**LOG, "idempotency_key": "kort"}, 400, "idempotency_key"),
    ({**LOG, "themes": ["itsm"]}, 400, "onbekend thema"),
])
def test_bad_requests_are_refused_and_store_nothing(app, client, tokens, body, status, message):
    response = call(client, tokens["balie"], "POST", "/api/v1/requests", body)
    assert response.status_code == status
    assert message in json.dumps(response.get_json(), ensure_ascii=False)
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 0


def test_a_full_digihelper_is_a_409_and_nothing_is_stored(app, client, tokens):
    for _ in range(2):
        call(client, tokens["balie"], "POST", "/api/v1/requests",
             {**LOG, "refer_to": {"type": "digihelper", "id": "dh-an"}})
    response = call(client, tokens["balie"], "POST", "/api/v1/requests",
                    {**LOG, "refer_to": {"type": "digihelper", "id": "dh-an"}})
    assert response.status_code == 409 and "geen plaats meer" in response.get_json()["error"]
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 2


def _referral(client, tokens, target="dh-an"):
    body = call(client, tokens["balie"], "POST", "/api/v1/requests",
                {**LOG, "refer_to": {"type": "digihelper", "id": target}}).get_json()
    return body["referrals"][0]


def test_a_digihelper_walks_the_loop_and_sees_their_cases(app, client, tokens):
    referral = _referral(client, tokens)
    rid, version = referral["id"], referral["version"]
    cases = call(client, tokens["an"], "GET", "/api/v1/cases").get_json()["cases"]
    assert [c["id"] for c in cases] == [rid]
    accepted = call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/accept", {"version": version})
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    assert call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/contact",
                {"result": "niet_bereikt", "note": "voicemail"}).status_code == 200
    assert call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/start").get_json()["status"] == "in_progress"
    missing = call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/close", {})
    assert missing.status_code == 400 and "Kies hoe het afgelopen is" in missing.get_json()["error"]
    closed = call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/close", {"outcome": "zelfstandig"})
    assert closed.get_json()["status"] == "closed" and closed.get_json()["outcome"] == "zelfstandig"
    assert call(client, tokens["an"], "GET", "/api/v1/cases").get_json()["cases"] == []
    assert len(call(client, tokens["an"], "GET", "/api/v1/cases?status=closed").get_json()["cases"]) == 1


def test_decline_needs_a_reason_and_returns_the_request_to_the_counter(app, client, tokens):
    rid = _referral(client, tokens)["id"]
    assert call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/decline", {}).status_code == 400
    response = call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/decline", {"reason": "taal"})
    assert response.get_json()["status"] == "declined"
    with app.app_context():
        assert db.session.query(HelpRequest).one().status.value == "open"


def test_an_illegal_transition_or_stale_version_is_a_409(app, client, tokens):
    referral = _referral(client, tokens)
    rid = referral["id"]
    illegal = call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/close", {"outcome": "geholpen"})
    assert illegal.status_code == 409 and "kan je niet afsluiten" in illegal.get_json()["error"]
    call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/accept")
    stale = call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/start", {"version": referral["version"]})
    assert stale.status_code == 409 and "Iemand anders" in stale.get_json()["error"]


def test_another_digihelpers_case_is_a_404_and_unchanged(app, client, tokens):
    rid = _referral(client, tokens)["id"]
    for action in ("accept", "decline", "start", "contact", "close"):
        assert call(client, tokens["bo"], "POST", f"/api/v1/referrals/{rid}/{action}",
                    {"reason": "taal"} if action == "decline" else None).status_code == 404
    assert call(client, tokens["bo"], "GET", "/api/v1/cases").get_json()["cases"] == []
    with app.app_context():
        assert db.session.query(Referral).one().status.value == "proposed"


def test_roles_are_kept_apart(app, client, tokens):
    rid = _referral(client, tokens)["id"]
    assert call(client, tokens["balie"], "POST", f"/api/v1/referrals/{rid}/accept").status_code == 403
    assert call(client, tokens["an"], "POST", f"/api/v1/referrals/{rid}/cancel").status_code == 403
    assert call(client, tokens["an"], "POST", "/api/v1/requests", LOG).status_code == 403
    assert call(client, tokens["balie"], "GET", "/api/v1/cases").status_code == 403
    assert call(client, tokens["coordinator"], "POST", f"/api/v1/referrals/{rid}/cancel").status_code == 200
    assert call(client, tokens["balie"], "POST", f"/api/v1/referrals/{rid}/fly").status_code == 404
    assert call(client, tokens["balie"], "POST", "/api/v1/referrals/99999/cancel").status_code == 404


@pytest.mark.parametrize("raw, message", [
    ("{kapot", "geen geldige JSON"),
    ('{"reason": "taal", "extra": 1}', "alleen reason"),
    ('{"version": "1"}', "version: moet een geheel getal"),
    ('{"note": 5}', "note: moet tekst"),
    ("[1]", "alleen reason"),
])
def test_bad_action_bodies_get_a_400(app, client, tokens, raw, message):
    rid = _referral(client, tokens)["id"]
    response = client.post(f"/api/v1/referrals/{rid}/decline", data=raw, content_type="application/json",
                           headers={"Authorization": f"Bearer {tokens['an']}"})
    assert response.status_code == 400 and message in response.get_json()["error"]


def test_an_unlinked_digihelper_is_told_to_ask_the_coordinator(app, client, make_user):
    account = make_user("digihelper")
    with app.app_context():
        token = create_token(db.session.get(User, account.id))
        db.session.commit()
    response = call(client, token, "GET", "/api/v1/cases")
    assert response.status_code == 409 and "coördinator" in response.get_json()["error"]
