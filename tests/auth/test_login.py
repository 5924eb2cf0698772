"""Logging in and out, throttling, CSRF and ending sessions."""
import pytest

from tests.conftest import PASSWORD, login, settings_for, text_of
from triage import create_app
from triage.auth.models import LoginAttempt, User
from triage.extensions import db

GENERIC = "E-mailadres of wachtwoord is niet juist."


def test_login_page_has_the_labelled_fields(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in page and 'name="password"' in page
    assert "E-mailadres" in page and "Wachtwoord" in page and 'value="Aanmelden"' in page


def test_a_good_login_opens_the_start_page(client, make_user):
    account = make_user("balie", name="Bart Balie")
    response = login(client, account)
    assert response.status_code == 302
    assert "Dag Bart Balie" in text_of(client.get("/"))


def test_wrong_password_and_unknown_email_get_the_same_message(client, make_user):
    account = make_user("balie")
    wrong = client.post("/login", data={"email": account.email, "password": "nope-nope-nope"})
    unknown = client.post("/login", data={"email": "niemand@test.example", "password": PASSWORD})
    assert GENERIC in text_of(wrong) and GENERIC in text_of(unknown)
    assert client.get("/").status_code == 302  # still not logged in


def test_empty_fields_are_explained(client):
    response = client.post("/login", data={"email": "", "password": ""})
    assert response.status_code == 400
    assert "Vul je e-mailadres in." in text_of(response)


def test_an_inactive_account_cannot_log_in(client, make_user):
    account = make_user("balie", active=False)
    assert GENERIC in text_of(login(client, account))


def test_email_is_case_insensitive(client, make_user):
    account = make_user("balie", email="Bart@Test.example")
    response = client.post("/login", data={"email": "BART@test.EXAMPLE", "password": PASSWORD})
    assert response.status_code == 302
    assert account.email == "bart@test.example"


def test_login_is_throttled_after_five_failures_even_with_the_right_password(app, client, make_user):
    account = make_user("balie")
    for _ in range(5):
        client.post("/login", data={"email": account.email, "password": "wrong-wrong-wrong"})
    response = login(client, account)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in text_of(response)
    with app.app_context():
        assert db.session.query(LoginAttempt).count() == 5
        # The table holds keyed hashes, never the e-mail address.
        assert all(account.email not in a.account_key for a in db.session.query(LoginAttempt))


def test_throttling_per_address_counts_across_accounts(app, client, make_user):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    try:
        account = make_user("balie")
        for n in range(3):
            client.post("/login", data={"email": f"x{n}@test.example", "password": "wrong-wrong"})
        assert login(client, account).status_code == 429
    finally:
        app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 20


def test_a_good_login_clears_the_failures(app, client, make_user):
    account = make_user("balie")
    for _ in range(4):
        client.post("/login", data={"email": account.email, "password": "wrong-wrong-wrong"})
    assert login(client, account).status_code == 302
    with app.app_context():
        assert db.session.query(LoginAttempt).count() == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
def test_next_cannot_leave_the_site(client, make_user, target):
    account = make_user("balie")
    response = client.post(f"/login?next={target}", data={"email": account.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_next_brings_you_back_to_the_page_you_wanted(client, make_user):
    account = make_user("coordinator")
    assert "next=/catalogus/" in client.get("/catalogus/").headers["Location"]
    response = client.post("/login?next=/catalogus/", data={"email": account.email, "password": PASSWORD})
    assert response.headers["Location"] == "/catalogus/"


def test_logout_needs_a_post(client, login_as):
    login_as("balie")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_logout_ends_a_copied_session_cookie_too(app, make_user):
    account = make_user("balie")
    first, second = app.test_client(), app.test_client()
    login(first, account)
    cookie = first.get_cookie("session")
    second.set_cookie("session", cookie.value)
    assert second.get("/").status_code == 200
    first.post("/logout")
    assert second.get("/").status_code == 302


def test_deactivating_an_account_ends_its_sessions(app, client, make_user):
    account = make_user("balie")
    login(client, account)
    with app.app_context():
        from triage.auth.services import set_active

        set_active(db.session.get(User, account.id), False)
        db.session.commit()
    assert client.get("/").status_code == 302


def test_passwords_are_stored_as_argon2id_hashes(app, make_user):
    account = make_user("balie")
    with app.app_context():
        stored = db.session.get(User, account.id).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_forms_without_a_csrf_token_are_refused(tmp_path, app, make_user):
    account = make_user("balie")
    strict = create_app(settings_for(tmp_path, WTF_CSRF_ENABLED=True,
                                       DATABASE_URL=app.config["DATABASE_URL"]))
    response = strict.test_client().post("/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in text_of(response)


def test_forms_with_a_csrf_token_work(tmp_path, app, make_user):
    import re

    account = make_user("balie")
    strict = create_app(settings_for(tmp_path, WTF_CSRF_ENABLED=True,
                                       DATABASE_URL=app.config["DATABASE_URL"]))
    client = strict.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"email": account.email, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
