"""Sessions: idle expiry, an absolute lifetime, a fresh session at login, and the cookie's flags."""
import pytest

from tests.conftest import PASSWORD, login, settings_for, text_of
from triage import create_app
from triage.auth import session as session_module

EXPIRED = "Je sessie is verlopen"


@pytest.fixture
def clock(monkeypatch):
    """clock.now: the Unix time the session checks see; move it with clock.now += seconds."""

    class Clock:
        now = 1_800_000_000

    monkeypatch.setattr(session_module, "_now", lambda: Clock.now)
    return Clock


def test_a_session_idle_longer_than_the_limit_ends_with_a_dutch_message(client, make_user, clock):
    login(client, make_user("balie"))
    clock.now += 29 * 60
    assert client.get("/").status_code == 200  # still in use: the clock starts again
    clock.now += 29 * 60
    assert client.get("/").status_code == 200
    clock.now += 31 * 60
    response = client.get("/balie/")
    assert response.status_code == 302 and "/login?next=/balie/" in response.headers["Location"]
    assert EXPIRED in text_of(client.get(response.headers["Location"]))
    assert client.get("/").status_code == 302  # the session is gone, not only this request


def test_after_expiry_logging_in_again_brings_you_back(client, make_user, clock):
    account = make_user("coordinator")
    login(client, account)
    clock.now += 31 * 60
    location = client.get("/catalogus/").headers["Location"]
    response = client.post(location, data={"email": account.email, "password": PASSWORD})
    assert response.headers["Location"] == "/catalogus/"
    assert client.get("/catalogus/").status_code == 200


def test_the_idle_limit_is_a_setting(app, client, make_user, clock):
    app.config["SESSION_IDLE_MINUTES"] = 5
    try:
        login(client, make_user("balie"))
        clock.now += 6 * 60
        assert client.get("/").status_code == 302
    finally:
        app.config["SESSION_IDLE_MINUTES"] = 30


def test_a_session_ends_after_the_absolute_lifetime_even_when_in_use(client, make_user, clock):
    login(client, make_user("balie"))
    for _ in range(16):  # eight hours of a request every half hour minus a minute
        clock.now += 29 * 60
        assert client.get("/").status_code == 200
    clock.now += 29 * 60
    assert client.get("/").status_code == 302


def test_the_cookie_is_rewritten_at_most_once_a_minute(client, make_user, clock):
    login(client, make_user("balie"))
    clock.now += 10
    assert "Set-Cookie" not in client.get("/").headers
    clock.now += 60
    assert "Set-Cookie" in client.get("/").headers


def test_the_api_never_looks_at_the_session_clock(client, make_user, clock):
    # Bearer tokens only; a cookie sent along changes nothing and is not rewritten.
    login(client, make_user("balie"))
    clock.now += 31 * 60
    response = client.post("/api/v1/triage", json={"question": "x"})
    assert response.status_code == 401 and "Set-Cookie" not in response.headers


def test_login_starts_a_fresh_session(client, make_user):
    """Nothing planted in the session before the login survives it (session fixation)."""
    account = make_user("balie")
    with client.session_transaction() as planted:
        planted["planted"] = "by an attacker"
    login(client, account)
    with client.session_transaction() as after:
        assert "planted" not in after and after["_user_id"].startswith(f"{account.id}:")


def test_no_remember_me_cookie_is_ever_set(client, make_user):
    response = login(client, make_user("balie"))
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and not any(c.startswith("remember_token") for c in cookies)
    assert "Expires=" not in cookies[0] and "Max-Age" not in cookies[0]  # ends with the browser


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    cookie = login(client, make_user("balie")).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie


def test_outside_debug_and_tests_the_cookie_is_secure_with_the_host_prefix(tmp_path, app, make_user):
    account = make_user("balie")
    production = create_app({**settings_for(tmp_path, DATABASE_URL=app.config["DATABASE_URL"]), "TESTING": False})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["SESSION_COOKIE_NAME"] == "__Host-session"
    assert production.config["REMEMBER_COOKIE_SECURE"] is True
    client = production.test_client()
    response = client.post("https://localhost/login", data={"email": account.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Domain" not in cookie
    assert client.get("https://localhost/").status_code == 200


def test_a_demo_over_http_can_switch_secure_cookies_off(tmp_path, app):
    demo = create_app({**settings_for(tmp_path, DATABASE_URL=app.config["DATABASE_URL"]), "TESTING": False,
                       "SESSION_COOKIE_SECURE": False})
    assert demo.config["SESSION_COOKIE_SECURE"] is False and demo.config["SESSION_COOKIE_NAME"] == "session"


def test_login_over_plain_http_with_secure_cookies_says_to_use_https(tmp_path, app, make_user):
    account = make_user("balie")
    production = create_app({**settings_for(tmp_path, DATABASE_URL=app.config["DATABASE_URL"]), "TESTING": False})
    client = production.test_client()
    response = client.post("http://triage.dijlegem.be/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 400 and "beveiligde verbinding" in text_of(response)
    assert "Set-Cookie" not in response.headers


def test_the_session_cookie_is_signed_with_hmac_sha256(client, make_user):
    cookie = login(client, make_user("balie")).headers["Set-Cookie"].split(";")[0]
    signature = cookie.rsplit(".", 1)[1]
    assert len(signature) == 43  # 32 bytes in URL-safe base64; SHA-1 would give 27
