"""Every route has an access rule, and each role gets exactly what the rule says."""
import pytest

from tests.conftest import login
from triage.catalogue.services import import_document
from triage.extensions import db
from triage.web.guard import ANY_STAFF, PUBLIC, access_rule

ROLES = ("balie", "digihelper", "coordinator", "admin")
ALL = set(ROLES)
COUNTER = {"balie", "coordinator", "admin"}
# Who may use each endpoint. A new route fails test_every_endpoint_is_listed until it is added here.
EXPECTED = {
    "main.index": ALL,
    "main.healthz": PUBLIC,
    "main.logo": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": ALL,
    "auth.password": ALL,
    "admin.users": {"admin"},
    "admin.user_create": {"admin"},
    "admin.user_edit": {"admin"},
    "admin.user_toggle": {"admin"},
    "admin.user_sessions": {"admin"},
    "admin.token_create": {"admin"},
    "admin.token_revoke": {"admin"},
    "catalogue.index": {"balie", "coordinator", "admin"},
    "catalogue.detail": {"balie", "coordinator", "admin"},
    "catalogue.create": {"coordinator", "admin"},
    "catalogue.edit": {"coordinator", "admin"},
    "catalogue.toggle": {"coordinator", "admin"},
    "catalogue.verified": {"coordinator", "admin"},
    "catalogue_io.upload": {"coordinator", "admin"},
    "catalogue_io.download": {"coordinator", "admin"},
    "intake.new": COUNTER,
    "intake.search": COUNTER,
    "counter.dashboard": COUNTER,
    "counter.full_list": COUNTER,
    "counter.request_page": COUNTER,
    "counter.labels": COUNTER,
    "counter.refer": COUNTER,
    "counter.solved": COUNTER,
    "counter.pool": COUNTER,
    "counter.gap": COUNTER,
    "counter.referral_action": COUNTER,
    "counter.slip": COUNTER,
    # A digihelper's own cases and the open pool: digihelpers only (coordinators follow up elsewhere).
    "cases.index": {"digihelper"},
    "cases.finished": {"digihelper"},
    "cases.pool": {"digihelper"},
    "cases.pick_up": {"digihelper"},
    "cases.case": {"digihelper"},
    "cases.accept": {"digihelper"},
    "cases.decline": {"digihelper"},
    "cases.start": {"digihelper"},
    "cases.contact": {"digihelper"},
    "cases.close": {"digihelper"},
    "api.triage": ALL,
    "api_cases.log_request": COUNTER,
    "api_cases.get_request": COUNTER,
    "api_cases.referral_action": ALL,
    "api_cases.my_cases": {"digihelper"},
    "api.openapi": PUBLIC,
    # Reports: coordinators and admins only (per-digihelper counts under 5 are hidden from admins in the views).
    "reports.dashboard": {"coordinator", "admin"},
    "reports.csv": {"coordinator", "admin"},
    "reports.month": {"coordinator", "admin"},
    "api_reports.summary": {"coordinator", "admin"},
    # The one-click answer from a digihelper's e-mail: the signed token is the credential.
    "email.respond": PUBLIC,
    # A citizen's data (access, export, erasure): coordinators only; the admin reads the audit log of it.
    "privacy.search": {"coordinator"},
    "privacy.download": {"coordinator"},
    "privacy.erase_confirm": {"coordinator"},
    "privacy.erase": {"coordinator"},
    "audit.index": {"admin"},
}
SAMPLE = {"version": 1, "digihelpers": [{"id": "dh-test", "name": "Test", "themes": ["computer"],
                                         "kinds": ["hulpvraag"], "languages": ["nl"]}]}


def _endpoints(app):
    return sorted({r.endpoint for r in app.url_map.iter_rules() if r.endpoint != "static"})


def _url(app, endpoint, user_id):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    # referral_id / request_id need not exist: the test's digihelper is not linked to a catalogue entry, so the
    # cases pages answer with the "link your account" page (200) or a redirect (302) before looking them up.
    # A bad e-mail token gets the Dutch "this link does not work" page (200 on GET).
    values = {"user_id": user_id, "slug": "digihelper", "code": "dh-test", "referral_id": 1, "request_id": 1,
              "token": "not-a-token", "reference": "ABC-DEF", "table": "thema", "name": "vandaag", "action": "cancel",
              "token_id": 1}
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{k: values[k] for k in rule.arguments}), rule.methods


def test_every_endpoint_is_listed(app):
    assert set(_endpoints(app)) == set(EXPECTED)


def test_every_endpoint_declares_an_access_rule(app):
    with app.test_request_context():
        missing = [e for e in _endpoints(app) if access_rule(e) is None]
    assert not missing


def test_declared_rules_match_the_table(app):
    with app.test_request_context():
        for endpoint, expected in EXPECTED.items():
            rule = access_rule(endpoint)
            if expected == PUBLIC:
                assert rule == PUBLIC, endpoint
            elif expected == ALL:
                assert rule == ANY_STAFF or set(rule) == ALL, endpoint
            else:
                assert set(rule) == expected, endpoint


def _fixture_data(app, make_user):
    from triage.catalogue.services import find_entry
    from triage.intake.models import HelpRequest
    from triage.referrals.models import Mode, Referral

    with app.app_context():
        import_document(SAMPLE)
        request = HelpRequest(reference="ABC-DEF", question="pc", kind="hulpvraag", theme="computer",
                              predicted_themes=["computer"])
        db.session.add(request)
        db.session.flush()
        # Ids restart at 1 after each test's cleanup, so the sample URLs' referral_id 1 exists.
        db.session.add(Referral(request_id=request.id, target_id=find_entry("digihelper", "dh-test").id,
                                mode=Mode.ASSIGNED))
        db.session.commit()
    target = make_user("balie", email="target@test.example")
    with app.app_context():
        from triage.auth.models import User
        from triage.auth.services import create_token

        create_token(db.session.get(User, target.id), "koppeling")  # token_id 1 in the sample URLs
        db.session.commit()
    return target


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_anonymous_is_sent_to_login_unless_public(app, client, make_user, endpoint):
    target = _fixture_data(app, make_user)
    url, methods = _url(app, endpoint, target.id)
    method = "GET" if "GET" in methods else "POST"
    response = client.open(url, method=method)
    if EXPECTED[endpoint] == PUBLIC:
        assert response.status_code in (200, 302)
    elif endpoint.startswith("api"):
        assert response.status_code == 401
        assert "Bearer" in response.headers["WWW-Authenticate"]
    else:
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_endpoints(app, client, make_user, role):
    target = _fixture_data(app, make_user)
    account = make_user(role)
    with app.app_context():
        from triage.auth.models import User
        from triage.auth.services import create_token

        token = create_token(db.session.get(User, account.id))
        db.session.commit()
    # Logging out ends the session; test it last.
    for endpoint in sorted(EXPECTED, key=lambda e: e == "auth.logout"):
        login(client, account)
        url, methods = _url(app, endpoint, target.id)
        method = "GET" if "GET" in methods else "POST"
        if endpoint.startswith("api"):
            response = client.open(url, method=method, headers={"Authorization": f"Bearer {token}"},
                                   json={"question": "x", "kind": "hulpvraag", "themes": ["computer"]})
        else:
            response = client.open(url, method=method)
        allowed = EXPECTED[endpoint] == PUBLIC or role in EXPECTED[endpoint]
        if endpoint.startswith("api") and allowed:
            # An allowed token gets past the access rule; the answer itself may be 404/409 for this sample.
            assert response.status_code not in (401, 403, 500), (role, endpoint, response.status_code)
        elif allowed:
            assert response.status_code in (200, 302), (role, endpoint, response.status_code)
            if response.status_code == 302:
                assert "/login" not in response.headers["Location"] or endpoint == "auth.logout"
        else:
            assert response.status_code == 403, (role, endpoint, response.status_code)


def test_the_api_ignores_a_browser_session(client, login_as):
    login_as("coordinator")
    response = client.post("/api/v1/triage", json={"question": "x", "kind": "hulpvraag", "themes": ["computer"]})
    assert response.status_code == 401


def test_unknown_page_is_a_dutch_404(client, login_as):
    login_as("balie")
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["database"] is True
