"""Odd JSON bodies on every API route that takes one: a Dutch 4xx or a documented answer, never a 5xx."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import FORMS, json_value, odd_int, odd_text
from triage.auth.models import User
from triage.auth.services import create_token
from triage.extensions import db
from triage.referrals.pipeline import FIELDS

REQUEST_FIELDS = sorted(FIELDS | {"channel", "contact", "refer_to", "idempotency_key"})
contact = st.dictionaries(st.sampled_from(["name", "phone", "email", "consent"]), json_value, max_size=4)
body = st.one_of(json_value, st.dictionaries(st.sampled_from(REQUEST_FIELDS), st.one_of(json_value, contact),
                                             max_size=8),
                 st.fixed_dictionaries({"question": odd_text}, optional={"contact": contact,
                                                                         "target_groups": st.lists(odd_text)}))
action_body = st.one_of(json_value, st.dictionaries(st.sampled_from(["reason", "note", "outcome", "result",
                                                                     "version"]), st.one_of(json_value, odd_int)))


@pytest.fixture
def auth(app, make_user):
    account = make_user("coordinator")
    with app.app_context():
        token = create_token(db.session.get(User, account.id))
        db.session.commit()
    return {"Authorization": f"Bearer {token}"}


@FORMS
@given(path=st.sampled_from(["/api/v1/triage", "/api/v1/requests"]), data=body)
def test_odd_json_bodies_get_an_answer_never_a_server_error(client, auth, path, data):
    response = client.post(path, json=data, headers=auth)
    assert response.status_code in (200, 201, 400, 409), (data, response.status_code)
    assert response.is_json and (response.status_code < 400 or response.get_json()["error"])


@FORMS
@given(referral=st.one_of(odd_int.map(abs), st.integers(1, 3)), action=st.one_of(
    st.sampled_from(["accept", "decline", "start", "contact", "close", "cancel"]), odd_text), data=action_body)
def test_odd_referral_actions_get_an_answer_never_a_server_error(client, auth, referral, action, data):
    response = client.post(f"/api/v1/referrals/{referral}/{action[:40]}", json=data, headers=auth)
    assert response.status_code in (200, 400, 403, 404, 405, 409), response.status_code


@pytest.mark.parametrize("raw", [b"[" * 100000, b'{"question": "\\u0000"}', b"\xff\xfe", b'{"question": 1e999}'])
def test_broken_json_is_a_dutch_400(client, auth, raw):
    response = client.post("/api/v1/requests", data=raw, content_type="application/json", headers=auth)
    assert response.status_code == 400 and response.get_json()["error"]


@pytest.mark.parametrize("url", ["/balie/vraag/%00", "/balie/zoeken?code=%00", "/beheer/accounts?q=a%00",
                                 "/catalogus/digihelper/%00", "/api/v1/requests/%00"])
def test_a_nul_in_the_address_is_a_dutch_400(client, login_as, url, auth):
    login_as("admin")
    response = client.get(url, headers=auth if url.startswith("/api/") else {})
    assert response.status_code == 400
    body = response.get_json()["error"] if response.is_json else response.get_data(as_text=True)
    assert "U+0000" in body
