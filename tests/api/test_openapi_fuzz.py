"""Schemathesis against /api/v1/openapi.json: generated valid and invalid requests, no 5xx, answers as documented."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance, response_schema_conformance

from triage.api.openapi import document
from triage.auth.models import User
from triage.auth.services import create_token
from triage.catalogue.services import import_document
from triage.extensions import db

CATALOGUE = {"version": 1,
             "digihelpers": [{"id": "dh-fuzz", "name": "Fuzz Helper", "themes": ["computer"], "kinds": ["hulpvraag"],
                              "languages": ["nl"]}],
             "organisations": [{"id": "org-fuzz", "name": "Bib", "themes": ["computer", "communicatie"],
                                "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"]}]}
# Per operation and mode: enough to reach odd corners, small enough for two cores (about 10 s per database).
EXAMPLES = 15
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


def _operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture
def tokens(app, make_user):
    with app.app_context():
        import_document(CATALOGUE)
        db.session.commit()
    made = {}
    for role in ("coordinator", "digihelper"):
        account = make_user(role)
        with app.app_context():
            made[role] = create_token(db.session.get(User, account.id))
            db.session.commit()
    return made


def test_the_document_lists_every_api_route(app):
    documented = {f"/api/v1{path}".replace("{", "<").replace("}", ">") for path in document()["paths"]}
    routes = {r.rule.replace("<int:", "<") for r in app.url_map.iter_rules() if r.rule.startswith("/api/")}
    assert routes == documented


def _fuzz(operation, mode, headers) -> None:
    # Schemathesis turns the 3.1 prefixItems of the report's [code, count] pairs into a draft-4 "items"
    # list and then rejects its own result; that body is checked by _conforms with JSON Schema 2020-12.
    own = [response_schema_conformance] if operation.path == "/reports/summary" else []

    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        # Every check: no 5xx, documented status code, content type and body schema, and (for invalid
        # input) a 4xx rather than an accepted request. Not "valid input is accepted": rules across
        # fields (from before to, a step the referral's status allows, a known catalogue id) refuse some
        # schema-valid requests, with a documented 400 or 409 in Dutch.
        response = case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance, *own])
        if own:
            _conforms(operation, response)

    check()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("role", ["coordinator", "digihelper"])
def test_generated_requests_get_documented_answers_and_never_a_server_error(app, tokens, role, mode):
    for operation in _operations(app):
        if operation.path != "/openapi.json":
            _fuzz(operation, mode, {"Authorization": f"Bearer {tokens[role]}"})


def _conforms(operation, response):
    """The body matches the documented schema of its status code, read as JSON Schema 2020-12."""
    doc = document()
    responses = doc["paths"][operation.path][operation.method.lower()]["responses"]
    status = str(response.status_code)
    assert status in responses, status
    pointer = "/".join(("paths", operation.path.replace("/", "~1"), operation.method.lower(), "responses", status,
                        "content", "application~1json", "schema"))
    registry = Registry().with_resource("urn:api", Resource.from_contents(doc, default_specification=DRAFT202012))
    validator = Draft202012Validator({"$ref": f"urn:api#/{pointer}"}, registry=registry)
    errors = [e.message for e in validator.iter_errors(response.json())]
    assert not errors, errors
