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

RATE_ROW = {"type": "object", "required": ["key", "label", "closed", "successes", "rate"], "properties": {
    "key": {"type": ["string", "null"]}, "label": {"type": ["string", "null"]}, "closed": {"type": "integer"},
    "successes": {"type": "integer"}, "rate": {"type": ["number", "null"], "minimum": 0, "maximum": 1}}}
_INT = {"type": "integer", "minimum": 0}
_SHARE = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_DATE = {"type": "string", "format": "date"}
_PAIRS = {"type": "array", "description": "[code, aantal], meeste eerst",
          "items": {"type": "array", "prefixItems": [{"type": ["string", "null"]}, _INT], "minItems": 2, "maxItems": 2}}
_TIMING = {"type": "object", "required": ["n", "median_hours", "p90_hours"],
           "description": "Uren; elke doorverwijzing telt afgerond op het uur, vanaf 48 uur op hele dagen "
                          "(48, 72, ...).",
           "properties": {
    "n": _INT, "median_hours": {"type": ["number", "null"]}, "p90_hours": {"type": ["number", "null"]}}}
_RATES = {"type": "array", "items": RATE_ROW}
REPORT_SUMMARY = {
    "type": "object", "description": "De cijfers van het dashboard voor de gevraagde periode (datums in ISO-vorm).",
    "required": ["period", "volumes", "trend", "loop_closure", "success_rates", "timings", "declines",
                 "unmet_needs", "online_services", "service_trend", "hulp_to_leer", "catalogue_load"],
    "properties": {
        "period": {"type": "object", "properties": {"start": _DATE, "end": _DATE}},
        "filters": {"type": "object"},
        "granularity": {"type": "string", "enum": ["week", "month"]},
        "target_filters_apply_to": {"type": "array", "items": {"type": "string"},
                                    "description": "De cijfers die een filter op soort aanbod of organisatie "
                                                   "beperkt; de andere tellen alle vragen."},
        "volumes": {"type": "object", "required": ["total", "by_kind", "by_theme", "by_channel", "by_postcode"],
                    "properties": {"total": _INT, "by_kind": {"type": "object", "additionalProperties": _INT},
                                   "by_theme": _PAIRS, "by_channel": _PAIRS, "by_postcode": _PAIRS, "gaps": _INT,
                                   "solved_at_counter": _INT}},
        "trend": {"type": "array", "items": {"type": "object", "required": ["period", "requests"], "properties": {
            "period": _DATE, "requests": _INT, "hulpvraag": _INT, "leervraag": _INT, "gaps": _INT}}},
        "loop_closure": {"type": "object", "properties": {"due": _INT, "closed": _INT, "share": _SHARE}},
        "success_rates": {"type": "object", "description": "Per digihelper: voor een beheerder zonder de rijen met "
                                                           "een aantal onder 5.",
                          "properties": {key: _RATES for key in ("overall", "by_target_type", "by_organisation",
                                                                 "by_digihelper", "by_course", "by_theme",
                                                                 "by_kind")}},
        "timings": {"type": "object", "properties": {"acceptance": _TIMING, "closure": _TIMING}},
        "declines": {"type": "object", "properties": {"by_reason": _PAIRS, "reminders": _INT,
                                                      "escalations": _INT}},
        "unmet_needs": {"type": "array", "items": {"type": "object", "properties": {
            "theme": {"type": ["string", "null"]}, "language": {"type": ["string", "null"]},
            "postcode": {"type": ["string", "null"]}, "need": {"type": ["string", "null"]}, "n": _INT}}},
        "online_services": {"type": "array", "items": {"type": "object", "properties": {
            "service": {"type": "string"}, "label": {"type": "string"}, "n": _INT}}},
        "service_trend": {"type": "object", "properties": {
            "periods": {"type": "array", "items": _DATE},
            "series": {"type": "object", "additionalProperties": {"type": "array", "items": _INT}}}},
        "hulp_to_leer": {"type": "object", "properties": {
            "citizens": _INT, "followed_by_learning": _INT, "zelfstandig": _INT, "closed": _INT,
            "zelfstandig_share": _SHARE}},
        "catalogue_load": {"type": "array", "items": {"type": "object", "properties": {
            "type": {"type": "string", "enum": ["digihelper", "course", "organisation"]}, "code": {"type": "string"},
            "name": {"type": "string"}, "organisation": {"type": ["string", "null"]},
            "open": {"type": ["integer", "null"], "description": "null: een digihelper met minder dan 5, voor een "
                                                                 "beheerder"},
            "capacity": {"type": ["integer", "null"]}, "last_verified": {"type": ["string", "null"]},
            "stale": {"type": "boolean"}}}},
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
                        "ActionInput": ACTION_INPUT, "ReportSummary": REPORT_SUMMARY},
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
            "/reports/summary": {"get": {
                "operationId": "reportSummary",
                "summary": "De cijfers van het rapport (coördinator en beheerder), voor eigen BI-tools",
                "description": "Datums tellen mee (van en tot en met), in Europe/Brussels; hoogstens 3 jaar. "
                               "Een slaagkans is null bij minder dan 5 afgesloten doorverwijzingen. Per digihelper "
                               "ziet alleen een coördinator aantallen onder 5; voor een beheerder vallen die weg.",
                "parameters": [
                    {"name": "from", "in": "query", "required": True, "schema": {"type": "string", "format": "date"},
                     "example": "2026-04-01"},
                    {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "format": "date"},
                     "example": "2026-04-30"}],
                "responses": {"200": {"description": "De cijfers", "content": _json("ReportSummary")}, **errors},
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi", "summary": "Dit document", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
            }},
        },
    }
