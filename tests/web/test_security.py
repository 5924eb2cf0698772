"""Security headers, HTTPS behind a proxy, and templates that need no inline script or style."""
import re
from pathlib import Path

import pytest

from tests.conftest import settings_for
from triage import create_app
from triage.web.security import CSP

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_pages_get_a_strict_content_security_policy(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/static/triage.css", "/bestaat-niet", "/healthz", "/api/v1/openapi.json"])
def test_every_response_gets_the_headers(client, path):
    response = client.get(path)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_api_answers_are_sandboxed_and_never_cached(client):
    response = client.post("/api/v1/triage", json={"question": "x"})
    assert response.status_code == 401
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/json"


def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_hsts_over_https_for_a_year_with_subdomains(client):
    hsts = client.get("https://localhost/login").headers["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains"


def _behind_proxy(tmp_path, app, hops):
    return create_app(settings_for(tmp_path, DATABASE_URL=app.config["DATABASE_URL"], PROXY_FIX=hops))


PROXIED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Host": "hulp.dijlegem.be"}


def test_behind_a_trusted_proxy_https_is_seen_and_hsts_sent(tmp_path, app):
    proxied = _behind_proxy(tmp_path, app, 1)
    response = proxied.test_client().get("/login", headers=PROXIED)
    assert "Strict-Transport-Security" in response.headers


def test_without_proxy_fix_forwarded_headers_are_ignored(client):
    # A client cannot claim HTTPS (or another address) by sending the headers itself.
    assert "Strict-Transport-Security" not in client.get("/login", headers=PROXIED).headers


def test_behind_a_proxy_throttling_counts_the_citizens_address(tmp_path, app, make_user):
    proxied = _behind_proxy(tmp_path, app, 1)
    proxied.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 2
    client = proxied.test_client()
    account = make_user("balie")
    for n in range(2):
        client.post("/login", data={"email": f"x{n}@test.example", "password": "fout-fout-fout"},
                    headers={"X-Forwarded-For": "203.0.113.7"})
    # Another address behind the same proxy is not throttled; the guessing one is.
    other = client.post("/login", data={"email": account.email, "password": "correct-horse-battery"},
                        headers={"X-Forwarded-For": "198.51.100.1"})
    assert other.status_code == 302
    client.post("/logout")
    same = client.post("/login", data={"email": account.email, "password": "correct-horse-battery"},
                       headers={"X-Forwarded-For": "203.0.113.7"})
    assert same.status_code == 429


def test_logout_asks_the_browser_to_forget_the_pages(client, login_as):
    login_as("balie")
    assert client.post("/logout").headers["Clear-Site-Data"] == '"cache", "storage"'


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "<style> element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_needs_inline_script_or_style():
    """The CSP allows neither; this finds what the browser would block before a user does."""
    found = []
    # A file the citizen takes home (served as an attachment, opened from disk, where no CSP applies):
    # it carries its own styles to stay readable on its own.
    standalone = {"privacy/export.html"}
    for path in TEMPLATES.rglob("*.html"):
        if str(path.relative_to(TEMPLATES)) in standalone:
            continue
        # Jinja's own tags ({% macro x(style='') %}) are not HTML.
        text = re.sub(r"{%.*?%}|{{.*?}}", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.relative_to(TEMPLATES)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert not found
    assert "script-src 'self'" in CSP


def test_an_unexpected_error_is_a_dutch_500_without_details(tmp_path, app, caplog):
    broken = create_app({**settings_for(tmp_path, DATABASE_URL=app.config["DATABASE_URL"]), "TESTING": False})
    from triage.web.guard import public

    def fail():
        raise RuntimeError("geheim: rijksregisternummer 85.07.30-033.61")

    broken.add_url_rule("/kapot", "kapot", public(fail))
    broken.add_url_rule("/api/v1/kapot", "api_kapot", public(fail))
    page = broken.test_client().get("/kapot")
    assert page.status_code == 500 and "Er ging iets mis bij ons" in page.get_data(as_text=True)
    api = broken.test_client().get("/api/v1/kapot")
    assert api.status_code == 500 and api.get_json() == {
        "error": "Er ging iets mis bij ons. Er is niets gewijzigd. Probeer het opnieuw."}
    for text in (page.get_data(as_text=True), api.get_data(as_text=True), caplog.text):
        assert "rijksregisternummer" not in text and "Traceback" not in text


def test_trace_and_other_unused_methods_are_refused(client):
    for method in ("TRACE", "PUT", "DELETE", "PATCH"):
        assert client.open("/login", method=method).status_code == 405
