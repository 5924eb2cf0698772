"""Someone else's object by id: another digihelper's case is a 404 and stays as it was, on pages and API."""
import logging
from types import SimpleNamespace

import pytest

from tests.conftest import login, text_of
from triage.auth.models import User
from triage.auth.services import create_token, revoke_tokens
from triage.catalogue.services import find_entry, import_document, link_user
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals import services
from triage.referrals.models import Referral

CATALOGUE = {"version": 1, "digihelpers": [
    {"id": "dh-a", "name": "Helper A", "themes": ["computer"], "kinds": ["hulpvraag"], "languages": ["nl"],
     "postcodes": ["9000"]},
    {"id": "dh-b", "name": "Helper B", "themes": ["smartphone-tablet"], "kinds": ["hulpvraag"],
     "languages": ["nl"], "postcodes": ["9000"]}]}
PAGE_ACTIONS = ("aanvaarden", "weigeren", "starten", "contact", "afsluiten")
API_ACTIONS = ("accept", "decline", "start", "contact", "close", "cancel")


@pytest.fixture
def two_helpers(app, make_user):
    a, b = make_user("digihelper"), make_user("digihelper")
    with app.app_context():
        import_document(CATALOGUE)
        link_user(find_entry("digihelper", "dh-a"), a.id)
        link_user(find_entry("digihelper", "dh-b"), b.id)
        ids = {}
        for code, theme in (("dh-a", "computer"), ("dh-b", "smartphone-tablet")):
            request = HelpRequest(reference=f"REF-{code[-1].upper()}XX", question="Mijn toestel doet raar",
                                  kind="hulpvraag", theme=theme, predicted_themes=[theme], postcode="9000")
            db.session.add(request)
            db.session.flush()
            ids[code] = services.create_referral(request, find_entry("digihelper", code), actor_id=None).id
        # A question in the pool for B's theme only: not in A's pool.
        pooled = HelpRequest(reference="POOL-BBB", question="Tablet", kind="hulpvraag", theme="smartphone-tablet",
                             predicted_themes=["smartphone-tablet"], postcode="9000", status=RequestStatus.POOL)
        db.session.add(pooled)
        db.session.flush()
        tokens = {name: create_token(db.session.get(User, account.id)) for name, account in (("a", a), ("b", b))}
        db.session.commit()
        return SimpleNamespace(a=a, b=b, mine=ids["dh-a"], theirs=ids["dh-b"], pooled=pooled.id, tokens=tokens)


def _state(app, referral_id):
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        return referral.status, referral.version


def test_another_digihelpers_case_page_and_actions_are_404_and_change_nothing(app, client, two_helpers):
    before = _state(app, two_helpers.theirs)
    login(client, two_helpers.a)
    assert client.get(f"/dossiers/{two_helpers.mine}").status_code == 200
    assert client.get(f"/dossiers/{two_helpers.theirs}").status_code == 404
    for word in PAGE_ACTIONS:
        data = {f"{word}-version": before[1], f"{word}-reason": "geen_tijd", f"{word}-result": "bereikt",
                f"{word}-outcome": "geholpen"}
        assert client.post(f"/dossiers/{two_helpers.theirs}/{word}", data=data).status_code == 404, word
    assert client.post(f"/dossiers/pool/{two_helpers.pooled}/opnemen").status_code == 404
    assert _state(app, two_helpers.theirs) == before
    assert "REF-BXX" not in text_of(client.get("/dossiers/"))


def test_another_digihelpers_case_through_the_api_is_404_and_changes_nothing(app, client, two_helpers):
    before = _state(app, two_helpers.theirs)
    auth = {"Authorization": f"Bearer {two_helpers.tokens['a']}"}
    for action in API_ACTIONS:
        body = {"reason": "taal"} if action == "decline" else {}
        response = client.post(f"/api/v1/referrals/{two_helpers.theirs}/{action}", headers=auth, json=body)
        assert response.status_code == 404, action
    assert _state(app, two_helpers.theirs) == before
    cases = client.get("/api/v1/cases?status=all", headers=auth).get_json()["cases"]
    assert [c["id"] for c in cases] == [two_helpers.mine]


def test_a_digihelper_cannot_read_the_counters_requests(client, two_helpers):
    login(client, two_helpers.a)
    assert client.get("/balie/vraag/REF-BXX").status_code == 403
    auth = {"Authorization": f"Bearer {two_helpers.tokens['a']}"}
    assert client.get("/api/v1/requests/REF-BXX", headers=auth).status_code == 403


def test_counter_staff_get_no_reports_on_pages_or_api(app, client, make_user):
    account = make_user("balie")
    login(client, account)
    for path in ("/rapporten/", "/rapporten/csv/thema", "/rapporten/maand"):
        response = client.get(path)
        assert response.status_code == 403 and "Geen toegang" in text_of(response), path
    with app.app_context():
        token = create_token(db.session.get(User, account.id))
        db.session.commit()
    response = client.get("/api/v1/reports/summary?from=2026-01-01&to=2026-01-31",
                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403 and response.get_json()["error"]


def test_a_refused_request_is_logged_without_personal_data(client, make_user, caplog):
    account = make_user("balie", email="bart.balie@test.example")
    login(client, account)
    with caplog.at_level(logging.WARNING, logger="triage.security"):
        client.get("/beheer/accounts")
    line = next(r.getMessage() for r in caplog.records if "access denied" in r.getMessage())
    assert f"user={account.id}" in line and "admin.users" in line and "bart" not in line


def _api_rules(app):
    return [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/") and r.endpoint != "api.openapi"]


def test_every_api_endpoint_refuses_a_revoked_token(app, client, two_helpers):
    with app.app_context():
        revoke_tokens(db.session.get(User, two_helpers.a.id))
        db.session.commit()
    auth = {"Authorization": f"Bearer {two_helpers.tokens['a']}"}
    values = {"reference": "REF-AXX", "referral_id": two_helpers.mine, "action": "accept"}
    rules = _api_rules(app)
    assert len(rules) >= 6
    for rule in rules:
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<{name}>", str(values[name])).replace(f"<int:{name}>", str(values[name]))
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method, headers=auth, json={} if method == "POST" else None)
        assert response.status_code == 401, (rule.endpoint, response.status_code)
    assert _state(app, two_helpers.mine)[1] == 1
