"""POST /api/v1/triage: bearer tokens, the contract's output, 400 on bad input, never a 500."""
import json

import pytest

from tests.referrals.test_load import CATALOGUE
from triage.auth.models import User
from triage.auth.services import create_token
from triage.catalogue.services import import_document
from triage.extensions import db
from triage.matching.models import UnmetNeed


@pytest.fixture
def token(app, make_user):
    account = make_user("balie")
    with app.app_context():
        import_document(CATALOGUE)
        value = create_token(db.session.get(User, account.id))
        db.session.commit()
    return value


def post(client, token, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else json.dumps(body)
    return client.post("/api/v1/triage", data=data, content_type=content_type,
                       headers={"Authorization": f"Bearer {token}"})


def test_confirmed_kind_and_themes_are_taken_as_given(client, token):
    response = post(client, token, {"question": "laptop doet raar", "kind": "hulpvraag", "themes": ["computer"]})
    assert response.status_code == 200
    body = response.get_json()
    assert body["kind"] == "hulpvraag" and body["confidence"] == 1.0
    assert body["themes"] == [{"code": "computer", "score": 1.0}]
    assert body["gap"] is False
    assert [s["id"] for s in body["suggestions"]] == ["dh-een"]
    assert body["suggestions"][0]["reasons"]


def test_a_gap_is_answered_explained_and_recorded(app, client, token):
    response = post(client, token, {"question": "trein", "kind": "hulpvraag", "themes": ["mobiliteit"],
                                    "postcode": "2800", "needs": ["rolstoel"]})
    body = response.get_json()
    assert body["gap"] is True and body["suggestions"] == []
    assert any("Mobiliteit" in line for line in body["explanation"])
    with app.app_context():
        need = db.session.query(UnmetNeed).one()
        assert (need.theme, need.postcode, need.needs, need.source) == ("mobiliteit", "2800", ["rolstoel"], "api")
        assert need.channel is None  # no stored request, so no channel


@pytest.mark.parametrize("raw, content_type, message", [
    ("{niet json", "application/json", "geen geldige JSON"),
    ("", "application/json", "geen geldige JSON"),
    ('{"question": "x"}', "text/plain", "Content-Type: application/json"),
    ("[1, 2]", "application/json", "moet een JSON-object zijn"),
    ('{"question": ""}', "application/json", "vul de vraag van de burger in"),
    ('{"postcode": "2800"}', "application/json", "vul de vraag van de burger in"),
    (json.dumps({"question": "x" * 20000}), "application/json", "te lang"),
    ('{"question": "x", "kind": "hulpvraag", "themes": ["itsm"]}', "application/json", "onbekend thema 'itsm'"),
    ('{"question": "x", "needs": ["lift"]}', "application/json", "onbekende nood 'lift'"),
    ('{"question": "x", "postcode": "28OO"}', "application/json", "ongeldige postcode"),
    ('"\\ud800"', "application/json", "moet een JSON-object zijn"),
])
def test_bad_input_gets_a_400_with_a_clear_message(app, client, token, raw, content_type, message):
    response = post(client, token, raw=raw, content_type=content_type)
    assert response.status_code == 400
    body = response.get_json()
    assert message in json.dumps(body, ensure_ascii=False), body
    with app.app_context():
        assert db.session.query(UnmetNeed).count() == 0


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer trg_fout", "Basic abc", "bearer  "])
def test_missing_or_wrong_tokens_get_a_401(client, token, header):
    response = client.post("/api/v1/triage", json={"question": "x"}, headers={"Authorization": header})
    assert response.status_code == 401
    assert "token" in response.get_json()["error"]


def test_a_revoked_token_no_longer_works(app, client, token):
    with app.app_context():
        from triage.auth.services import revoke_tokens, user_for_token

        revoke_tokens(user_for_token(token))
        db.session.commit()
    assert post(client, token, {"question": "x", "kind": "hulpvraag", "themes": ["computer"]}).status_code == 401


def test_a_body_over_the_size_limit_is_refused(client, token):
    response = post(client, token, raw='{"question": "' + "x" * (6 * 1024 * 1024) + '"}')
    assert response.status_code == 413
    assert "error" in response.get_json()


def test_openapi_document_describes_the_triage_route(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert "post" in document["paths"]["/triage"]
    schema = document["components"]["schemas"]["TriageInput"]
    assert schema["required"] == ["question"]
