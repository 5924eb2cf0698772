"""Security events are logged: logins that work, fail or are throttled, and refused tokens; no e-mail or address."""
import logging

from tests.conftest import login


def _lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "triage.security"]


def test_logins_are_logged_without_the_email_or_address(app, client, make_user, caplog):
    account = make_user("balie", email="bart.balie@test.example")
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 2
    try:
        with caplog.at_level(logging.INFO, logger="triage.security"):
            login(client, account)
            client.post("/logout")
            for _ in range(3):
                login(client, account, "fout-fout-fout")
    finally:
        app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 5
    lines = _lines(caplog)
    assert f"login ok user={account.id}" in lines
    assert sum(line.startswith("login failed account=") for line in lines) == 2
    assert any(line.startswith("login throttled account=") for line in lines)
    assert not any("bart" in line or "127.0.0.1" in line for line in lines)


def test_a_refused_token_is_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="triage.security"):
        client.get("/api/v1/cases", headers={"Authorization": "Bearer trg_geraden"})
    assert _lines(caplog) == ["api token refused endpoint='api_cases.my_cases'"]
