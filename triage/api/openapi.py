"""The OpenAPI 3.1 document of /api/v1."""
from triage.catalogue.codes import NEEDS, THEMES
from triage.referrals.pipeline import MAX_QUESTION

ERROR = {"type": "object", "required": ["error"], "properties": {
    "error": {"type": "string"}, "details": {"type": "array", "items": {"type": "string"}}}}
THEME_CODE = {"type": "string", "enum": list(THEMES)}
KIND = {"type": "string", "enum": ["hulpvraag", "leervraag"]}

TRIAGE_INPUT = {
    "type": "object", "required": ["question"], "additionalProperties": False,
    "properties": {
        "question": {"type": "string", "minLength": 1, "maxLength": MAX_QUESTION},
        "postcode": {"type": "string", "pattern": "^[1-9][0-9]{3}$"},
        "language": {"type": "string", "pattern": "^[a-z]{2,3}$", "default": "nl"},
        "needs": {"type": "array", "items": {"type": "string", "enum": list(NEEDS)}},
        "target_groups": {"type": "array", "items": {"type": "string"}},
        "kind": KIND,
        "themes": {"type": "array", "items": THEME_CODE, "minItems": 1, "maxItems": 2},
    },
}
TRIAGE_OUTPUT = {
    "type": "object", "required": ["kind", "confidence", "themes", "explanation", "suggestions", "gap"],
    "properties": {
        "kind": KIND,
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "themes": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["code", "score"],
            "properties": {"code": THEME_CODE, "score": {"type": "number", "minimum": 0, "maximum": 1}}}},
        "explanation": {"type": "array", "items": {"type": "string"}},
        "suggestions": {"type": "array", "maxItems": 5, "items": {
            "type": "object", "required": ["type", "id", "name", "score", "reasons"],
            "properties": {
                "type": {"type": "string", "enum": ["digihelper", "course", "organisation"]},
                "id": {"type": "string"}, "name": {"type": "string"},
                "score": {"type": "number", "minimum": 0, "maximum": 1},
                "reasons": {"type": "array", "items": {"type": "string"}}}}},
        "gap": {"type": "boolean"},
    },
}


def _json(schema_ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}


def document() -> dict:
    errors = {
        "400": {"description": "Ongeldige invoer", "content": _json("Error")},
        "401": {"description": "Geen of een ongeldig token", "content": _json("Error")},
        "403": {"description": "Het token heeft geen toegang", "content": _json("Error")},
        "413": {"description": "Te groot", "content": _json("Error")},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "triage API", "version": "1",
                 "description": "Vragen van burgers indelen en doorverwijzen. "
                                "Tokens: flask --app wsgi users token EMAIL."},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": ERROR, "TriageInput": TRIAGE_INPUT, "TriageOutput": TRIAGE_OUTPUT},
        },
        "security": [{"bearer": []}],
        "paths": {
            "/triage": {"post": {
                "operationId": "triage",
                "summary": "Een vraag indelen (hulpvraag of leervraag, thema's) en aanbod voorstellen",
                "requestBody": {"required": True, "content": _json("TriageInput")},
                "responses": {"200": {"description": "Indeling en suggesties", "content": _json("TriageOutput")},
                              **errors},
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi", "summary": "Dit document", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
            }},
        },
    }
