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


REFERRAL = {
    "type": "object", "required": ["id", "status", "mode", "version", "target"],
    "properties": {
        "id": {"type": "integer"}, "version": {"type": "integer"},
        "status": {"type": "string",
                   "enum": ["proposed", "accepted", "in_progress", "closed", "declined", "cancelled"]},
        "mode": {"type": "string", "enum": ["assigned", "enrolled", "signposted"]},
        "outcome": {"type": ["string", "null"]}, "decline_reason": {"type": ["string", "null"]},
        "target": {"type": "object", "properties": {"type": {"type": "string"}, "id": {"type": "string"},
                                                    "name": {"type": "string"}}}},
}
REQUEST_INPUT = {
    "type": "object", "required": ["question"], "additionalProperties": False,
    "properties": {
        **TRIAGE_INPUT["properties"],
        "channel": {"type": "string", "enum": ["balie", "telefoon", "huisbezoek", "e-mail"], "default": "balie"},
        "contact": {"type": "object", "additionalProperties": False, "properties": {
            "name": {"type": "string", "maxLength": 120}, "phone": {"type": "string", "maxLength": 50},
            "email": {"type": "string", "maxLength": 254}, "consent": {"type": "boolean"}}},
        "refer_to": {"type": "object", "required": ["type", "id"], "properties": {
            "type": {"type": "string", "enum": ["digihelper", "course", "organisation"]}, "id": {"type": "string"}}},
        "idempotency_key": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"},
    },
}
REQUEST_OUTPUT = {
    "type": "object", "required": ["reference", "status", "kind", "themes", "referrals"],
    "properties": {
        "reference": {"type": "string"}, "status": {"type": "string"}, "kind": KIND,
        "themes": {"type": "array", "items": THEME_CODE}, "confidence": {"type": ["number", "null"]},
        "explanation": {"type": "array", "items": {"type": "string"}},
        "referrals": {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}},
        "suggestions": TRIAGE_OUTPUT["properties"]["suggestions"], "gap": {"type": "boolean"},
        "match_explanation": {"type": "array", "items": {"type": "string"}},
    },
}
ACTION_INPUT = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "reason": {"type": "string", "enum": ["geen_tijd", "buiten_thema", "buiten_gebied", "taal", "andere"]},
        "outcome": {"type": "string", "enum": ["geholpen", "zelfstandig", "deels", "niet_geholpen", "niet_opgedaagd",
                                               "doorverwezen", "onbereikbaar"]},
        "result": {"type": "string", "enum": ["bereikt", "niet_bereikt", "bericht"]},
        "note": {"type": "string", "maxLength": 2000}, "version": {"type": "integer"},
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
            "schemas": {"Error": ERROR, "TriageInput": TRIAGE_INPUT, "TriageOutput": TRIAGE_OUTPUT,
                        "Referral": REFERRAL, "RequestInput": REQUEST_INPUT, "RequestOutput": REQUEST_OUTPUT,
                        "ActionInput": ACTION_INPUT},
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
            "/requests": {"post": {
                "operationId": "logRequest",
                "summary": "Een vraag loggen (balie), ingedeeld en met suggesties; meteen doorverwijzen met refer_to",
                "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False,
                                "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": _json("RequestInput")},
                "responses": {"201": {"description": "Gelogd", "content": _json("RequestOutput")},
                              "200": {"description": "Al gelogd met deze idempotency key",
                                      "content": _json("RequestOutput")},
                              "409": {"description": "Doorverwijzen kan niet (vol, niet actief...)",
                                      "content": _json("Error")}, **errors},
            }},
            "/requests/{reference}": {"get": {
                "operationId": "getRequest", "summary": "Een gelogde vraag met haar doorverwijzingen",
                "parameters": [{"name": "reference", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "De vraag", "content": _json("RequestOutput")},
                              "404": {"description": "Onbekende code", "content": _json("Error")}, **errors},
            }},
            "/referrals/{referral_id}/{action}": {"post": {
                "operationId": "referralAction",
                "summary": "Aanvaarden, weigeren (reason), starten, contactpoging (result), afsluiten (outcome) "
                           "of annuleren",
                "parameters": [
                    {"name": "referral_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {"name": "action", "in": "path", "required": True, "schema": {
                        "type": "string", "enum": ["accept", "decline", "start", "contact", "close", "cancel"]}}],
                "requestBody": {"required": False, "content": _json("ActionInput")},
                "responses": {"200": {"description": "De doorverwijzing na de stap", "content": _json("Referral")},
                              "404": {"description": "Onbekend, of niet jouw dossier", "content": _json("Error")},
                              "409": {"description": "Kan niet in deze status, of iemand anders was sneller",
                                      "content": _json("Error")}, **errors},
            }},
            "/cases": {"get": {
                "operationId": "myCases", "summary": "Mijn dossiers (digihelper)",
                "parameters": [{"name": "status", "in": "query", "required": False,
                                "schema": {"type": "string", "enum": ["open", "closed", "all"]}}],
                "responses": {"200": {"description": "Dossiers", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"cases": {"type": "array", "items": {"type": "object"}}}}}}},
                              "409": {"description": "Account niet gekoppeld", "content": _json("Error")}, **errors},
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi", "summary": "Dit document", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
            }},
        },
    }
