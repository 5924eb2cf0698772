"""API tokens: stored hashed, scoped to the role they were made for, revocable by an admin or the CLI."""
import re

from tests.conftest import text_of
from triage.auth.models import ApiToken, User
from triage.auth.services import create_token
from triage.extensions import db

CASES = "/api/v1/cases"
SUMMARY = "/api/v1/reports/summary?from=2026-01-01&to=2026-01-31"


def _token(app, account, name="koppeling") -> str:
    with app.app_context():
        token = create_token(db.session.get(User, account.id), name)
        db.session.commit()
    return token


def _get(client, token, url=SUMMARY):
    return client.get(url, headers={"Authorization": f"Bearer {token}"})


def test_a_token_works_for_the_role_it_was_made_for(app, client, make_user):
    token = _token(app, make_user("coordinator"))
    assert _get(client, token).status_code == 200
    with app.app_context():
        stored = db.session.query(ApiToken).one()
        assert stored.role.value == "coordinator" and stored.token_hash != token and len(stored.token_hash) == 64


def test_a_token_stops_when_the_account_gets_another_role_even_back_again(app, client, make_user):
    account = make_user("coordinator")
    token = _token(app, account)
    with app.app_context():
        db.session.get(User, account.id).role = "balie"
        db.session.commit()
    # Not a 403 for a balie: the token itself no longer counts.
    assert _get(client, token).status_code == 401
    assert _get(client, token, "/api/v1/requests/ABC-DEF").status_code == 401
    with app.app_context():
        db.session.get(User, account.id).role = "coordinator"
        db.session.commit()
    assert _get(client, token).status_code == 200  # the same role again: the token was made for it


def test_a_token_stops_when_the_account_is_switched_off(app, client, make_user, login_as):
    account = make_user("coordinator")
    token = _token(app, account)
    login_as("admin")
    client.post(f"/beheer/accounts/{account.id}/actief", data={"confirm": "y"})
    assert _get(client, token).status_code == 401


def test_a_bearer_token_never_opens_a_page(app, client, make_user):
    token = _token(app, make_user("admin"))
    response = client.get("/beheer/accounts", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_odd_authorization_headers_are_a_401(client):
    for header in ("Bearer", "Bearer ", "Basic abc", "bearer " + "x" * 5000, "Bearer trg_\x00", "Token abc"):
        response = client.get(CASES, headers={"Authorization": header})
        assert response.status_code == 401, header
        assert "Bearer" in response.headers["WWW-Authenticate"]


def test_an_admin_makes_a_token_and_sees_it_once(app, client, login_as, make_user):
    account = make_user("coordinator", name="Carla Coördinator")
    login_as("admin")
    response = client.post(f"/beheer/accounts/{account.id}/tokens", data={"token-name": "BI-koppeling"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    token = re.search(r"(trg_[A-Za-z0-9_-]{40,})", page).group(1)
    assert "Je ziet het hierna nooit meer" in text_of(response)
    assert _get(client, token).status_code == 200
    listing = client.get(f"/beheer/accounts/{account.id}").get_data(as_text=True)
    assert "BI-koppeling" in listing and token not in listing and "Werkt" in listing


def test_a_token_needs_a_name(app, client, login_as, make_user):
    account = make_user("coordinator")
    login_as("admin")
    client.post(f"/beheer/accounts/{account.id}/tokens", data={"token-name": ""})
    assert "Geef het token een naam." in text_of(client.get(f"/beheer/accounts/{account.id}"))
    with app.app_context():
        assert db.session.query(ApiToken).count() == 0


def test_an_admin_revokes_a_token_after_confirming(app, client, login_as, make_user):
    account = make_user("coordinator")
    token = _token(app, account, "BI-koppeling")
    with app.app_context():
        token_id = db.session.query(ApiToken).one().id
    login_as("admin")
    url = f"/beheer/accounts/{account.id}/tokens/{token_id}/intrekken"
    assert "BI-koppeling intrekken?" in text_of(client.get(url))
    assert client.post(url, data={}).status_code == 400
    assert _get(client, token).status_code == 200
    assert client.post(url, data={"confirm": "y"}).status_code == 302
    assert _get(client, token).status_code == 401
    assert "Ingetrokken op" in text_of(client.get(f"/beheer/accounts/{account.id}"))


def test_a_token_of_another_account_cannot_be_revoked_through_this_one(app, client, login_as, make_user):
    owner, other = make_user("coordinator"), make_user("balie")
    token = _token(app, owner)
    with app.app_context():
        token_id = db.session.query(ApiToken).one().id
    login_as("admin")
    url = f"/beheer/accounts/{other.id}/tokens/{token_id}/intrekken"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"confirm": "y"}).status_code == 404
    assert _get(client, token).status_code == 200


def test_the_cli_names_a_token_and_revokes_every_token(app, make_user):
    account = make_user("digihelper")
    runner = app.test_cli_runner()
    made = runner.invoke(args=["users", "token", account.email, "--name", "gsm-app"])
    assert made.exit_code == 0 and "als digihelper" in made.output
    token = made.output.split()[-1]
    client = app.test_client()
    assert client.get(CASES, headers={"Authorization": f"Bearer {token}"}).status_code != 401
    revoked = runner.invoke(args=["users", "token", account.email, "--revoke"])
    assert revoked.exit_code == 0 and "1 API-token(s)" in revoked.output
    assert client.get(CASES, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    with app.app_context():
        assert db.session.query(ApiToken).one().name == "gsm-app"
