"""POST /api/v1/triage and the OpenAPI document."""
import json

from flask import Blueprint, jsonify, request

from triage.api.openapi import document
from triage.extensions import csrf, db
from triage.referrals import pipeline
from triage.web.guard import any_staff, public
from triage.web.security import contains_nul

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer tokens, no cookies: nothing for a forged form to ride on


def bad_request(message: str, details: list[str] | None = None):
    body = {"error": message}
    if details:
        body["details"] = details
    return jsonify(body), 400


def json_body():
    """The parsed JSON body, or raise ValueError with a Dutch message."""
    if not request.mimetype or request.mimetype != "application/json":
        raise ValueError("stuur JSON met Content-Type: application/json")
    try:
        body = json.loads(request.get_data(cache=False) or b"")
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError("de inhoud is geen geldige JSON") from exc
    # The database cannot store U+0000 in text; say so instead of failing on it.
    if contains_nul(body):
        raise ValueError("de inhoud bevat het teken U+0000; laat het weg")
    return body


@bp.post("/triage")
@any_staff
def triage():
    try:
        body = json_body()
    except ValueError as exc:
        return bad_request(str(exc))
    data, errors = pipeline.parse_input(body)
    if errors:
        return bad_request("de vraag is niet volledig of niet juist", errors)
    output = pipeline.run(data, gap_source="api")
    db.session.commit()
    return jsonify(output)


@bp.get("/openapi.json")
@public
def openapi():
    return jsonify(document())
