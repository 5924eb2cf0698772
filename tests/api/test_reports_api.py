"""GET /api/v1/reports/summary: coordinator and admin tokens only, Dutch 400s for bad dates, in the OpenAPI document."""
import jsonschema
import pytest

from tests.reports import page_sample
from triage.auth.models import User
from triage.auth.services import create_token
from triage.extensions import db

URL = "/api/v1/reports/summary"
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


@pytest.fixture
def world(app):
    page_sample.build(app)
    return app


@pytest.fixture
def tokens(app, make_user):
    accounts = {role: make_user(role) for role in ("balie", "digihelper", "coordinator", "admin")}
    with app.app_context():
        values = {role: create_token(db.session.get(User, a.id)) for role, a in accounts.items()}
        db.session.commit()
    return values


def get(client, token, **args):
    return client.get(URL, query_string=args, headers={"Authorization": f"Bearer {token}"} if token else {})


@pytest.mark.parametrize("role", ["balie", "digihelper"])
def test_counter_and_digihelper_tokens_are_refused(client, tokens, role):
    response = get(client, tokens[role], **MARCH)
    assert response.status_code == 403
    assert "error" in response.get_json()


def test_no_token_is_a_401(client):
    response = get(client, None, **MARCH)
    assert response.status_code == 401 and "Bearer" in response.headers["WWW-Authenticate"]


def test_a_browser_session_is_not_enough(client, login_as):
    login_as("coordinator")
    assert client.get(URL, query_string=MARCH).status_code == 401


def _schema(client) -> dict:
    document = client.get("/api/v1/openapi.json").get_json()
    schema = document["components"]["schemas"]["ReportSummary"]
    return {**schema, "$defs": document["components"]["schemas"]}


def test_the_coordinator_gets_the_summary(client, tokens, world):
    response = get(client, tokens["coordinator"], **MARCH)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    jsonschema.Draft202012Validator(_schema(client)).validate(body)
    assert body["period"] == {"start": "2026-03-01", "end": "2026-03-31"}
    assert body["volumes"]["total"] == 11 and body["volumes"]["by_kind"] == {"hulpvraag": 10, "leervraag": 1}
    assert ["computer", 8] in body["volumes"]["by_theme"]
    rates = {row["key"]: row for row in body["success_rates"]["by_digihelper"]}
    assert rates["dh-an"]["rate"] == 1.0
    assert rates["dh-bo"] == {"key": "dh-bo", "label": "Bo Janssens", "closed": 2, "successes": 1, "rate": None}
    assert body["hulp_to_leer"]["citizens"] == 2 and body["hulp_to_leer"]["followed_by_learning"] == 1


def test_the_admin_gets_no_digihelper_counts_under_five(client, tokens, world):
    body = get(client, tokens["admin"], **MARCH).get_json()
    jsonschema.Draft202012Validator(_schema(client)).validate(body)
    assert [row["key"] for row in body["success_rates"]["by_digihelper"]] == ["dh-an"]
    digihelpers = [row for row in body["catalogue_load"] if row["type"] == "digihelper"]
    assert digihelpers and all(row["open"] is None for row in digihelpers)  # 0 open each: under 5
    course = next(row for row in body["catalogue_load"] if row["type"] == "course")
    assert course["open"] == 1  # not a digihelper: shown
    # The rest is the same as the coordinator's.
    assert body["volumes"] == get(client, tokens["coordinator"], **MARCH).get_json()["volumes"]


def test_an_empty_period_is_a_summary_too(client, tokens):
    assert get(client, tokens["admin"], **MARCH).status_code == 200


@pytest.mark.parametrize("args, message", [
    ({}, "geef 'from' mee"),
    ({"from": "2026-03-01"}, "geef 'to' mee"),
    ({"from": "01/03/2026", "to": "2026-03-31"}, "'from' is geen geldige datum"),
    ({"from": "2026-02-30", "to": "2026-03-31"}, "'from' is geen geldige datum"),
    ({"from": "2026-03-01", "to": "morgen"}, "'to' is geen geldige datum"),
    ({"from": "2026-03-31", "to": "2026-03-01"}, "'from' ligt na 'to'"),
    ({"from": "2020-01-01", "to": "2026-01-01"}, "hoogstens 3 jaar"),
])
def test_bad_dates_get_a_dutch_400(client, tokens, args, message):
    response = get(client, tokens["coordinator"], **args)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_the_openapi_document_describes_the_summary(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/reports/summary"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"from", "to"}
    assert all(p["required"] for p in operation["parameters"])
    assert {"200", "400", "401", "403"} <= set(operation["responses"])
    assert "ReportSummary" in document["components"]["schemas"]
