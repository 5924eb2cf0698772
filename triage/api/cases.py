"""JSON routes for the referral loop: log a request (optionally refer it), act on a referral, my cases."""
import re

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from triage.api.views import bad_request, json_body
from triage.catalogue.models import MODEL_BY_TYPE, CatalogueEntry
from triage.errors import ServiceError
from triage.extensions import csrf, db
from triage.intake import services as intake
from triage.intake.models import Channel, HelpRequest
from triage.referrals import case_queries, pipeline, services, suggest
from triage.referrals.models import OPEN_STATUSES, Mode, Referral, Status
from triage.web.audit import viewed
from triage.web.guard import roles

bp = Blueprint("api_cases", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
COUNTER = ("balie", "coordinator", "admin")
DIGIHELPER_ACTIONS = ("accept", "decline", "start", "contact", "close")
COUNTER_ACTIONS = ("cancel", "close")
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
REQUEST_FIELDS = {"channel", "contact", "refer_to", "idempotency_key"}


def conflict(message: str):
    return jsonify({"error": message}), 409


def referral_json(referral: Referral) -> dict:
    target = db.session.get(CatalogueEntry, referral.target_id)
    return {"id": referral.id, "status": referral.status.value, "mode": referral.mode.value,
            "version": referral.version, "outcome": referral.outcome, "decline_reason": referral.decline_reason,
            "target": {"type": target.entry_type, "id": target.code, "name": target.name}}


def request_json(help_request: HelpRequest, with_suggestions: bool = True) -> dict:
    body = {"reference": help_request.reference, "status": help_request.status.value,
            "kind": help_request.kind, "themes": [t for t in (help_request.theme, help_request.theme2) if t],
            "confidence": help_request.confidence, "explanation": list(help_request.explanation or []),
            "referrals": [referral_json(r) for r in services.request_referrals(help_request)]}
    if with_suggestions:
        result = suggest.suggestions_for(help_request)
        body.update(suggestions=[s.as_dict() for s in result.suggestions], gap=result.gap,
                    match_explanation=list(result.explanation))
    return body


def _parse_request(body) -> tuple[intake.Intake | None, dict, list[str]]:
    """The intake and the wanted referral from a JSON body, or every problem in Dutch."""
    if not isinstance(body, dict):
        return None, {}, ["de vraag moet een JSON-object zijn"]
    data, errors = pipeline.parse_input({k: v for k, v in body.items() if k not in REQUEST_FIELDS})
    channel = body.get("channel", "balie")
    if channel not in {c.value for c in Channel}:
        errors.append(f"channel: onbekend kanaal {channel!r}: kies uit balie, telefoon, huisbezoek, e-mail")
    contact = body.get("contact") or {}
    if not isinstance(contact, dict) or any(not isinstance(contact.get(k, ""), str)
                                            for k in ("name", "phone", "email")):
        errors.append("contact: moet een object zijn met name, phone, email (tekst) en consent (true/false)")
        contact = {}
    key = body.get("idempotency_key") or request.headers.get("Idempotency-Key")
    if key is not None and (not isinstance(key, str) or not _KEY.match(key)):
        errors.append("idempotency_key: 16 tot 64 letters, cijfers, - of _")
    refer_to = body.get("refer_to")
    if refer_to is not None and (not isinstance(refer_to, dict) or refer_to.get("type") not in MODEL_BY_TYPE
                                 or not isinstance(refer_to.get("id"), str)):
        errors.append("refer_to: geef {\"type\": digihelper, course of organisation, \"id\": de catalogus-id}")
    if errors:
        return None, {}, errors
    email = (contact.get("email") or "").strip()
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        return None, {}, ["contact.email: geen geldig e-mailadres"]
    return intake.Intake(
        question=data.question, channel=channel, language=data.language, postcode=data.postcode,
        needs=data.needs, target_groups=data.target_groups, contact_name=(contact.get("name") or "").strip()[:120],
        contact_phone=(contact.get("phone") or "").strip()[:50], contact_email=email[:254],
        contact_consent=contact.get("consent") is True, idempotency_key=key), \
        {"kind": data.kind, "themes": list(data.themes), "refer_to": refer_to}, []


@bp.post("/requests")
@roles(*COUNTER)
def log_request():
    try:
        body = json_body()
    except ValueError as exc:
        return bad_request(str(exc))
    wanted, extra, errors = _parse_request(body)
    if errors:
        return bad_request("de vraag is niet volledig of niet juist", errors)
    existing = intake.find_by_idempotency_key(wanted.idempotency_key)
    if existing is not None:
        return jsonify(request_json(existing))
    from triage.classify.store import current_classifier

    try:
        help_request, repeated = intake.log_or_repeat(wanted, current_user.id, current_classifier())
        if repeated:  # the same key sent twice at once: the other call stored it
            db.session.rollback()
            return jsonify(request_json(intake.find_by_idempotency_key(wanted.idempotency_key)))
        if extra["kind"]:
            intake.confirm_labels(help_request, extra["kind"], extra["themes"])
        if extra["refer_to"]:
            model = MODEL_BY_TYPE[extra["refer_to"]["type"]]
            entry = db.session.scalar(select(model).where(model.code == extra["refer_to"]["id"]))
            if entry is None:
                db.session.rollback()
                return bad_request(f"refer_to: onbekend aanbod '{extra['refer_to']['id']}'")
            services.create_referral(help_request, entry, current_user.id)
    except ServiceError as error:
        db.session.rollback()
        return (bad_request(str(error)) if error.field else conflict(str(error)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = intake.find_by_idempotency_key(wanted.idempotency_key)
        if existing is None:
            raise
        return jsonify(request_json(existing))
    return jsonify(request_json(help_request)), 201


@bp.get("/requests/<reference>")
@roles(*COUNTER)
def get_request(reference: str):
    help_request = intake.find_by_reference(reference)
    if help_request is None:
        abort(404)
    viewed("request", help_request.id, help_request.reference)
    return jsonify(request_json(help_request))


def _referral_for_actor(referral_id: int, action: str) -> Referral:
    """The referral this account may act on with `action`; 404 for someone else's, 403 for the wrong role."""
    if current_user.has_role("digihelper"):
        entry = case_queries.digihelper_for_user(current_user)
        referral = case_queries.find_case(entry, referral_id) if entry is not None else None
        if referral is None:
            abort(404)
        if action not in DIGIHELPER_ACTIONS:
            abort(403)
        return referral
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    if action not in COUNTER_ACTIONS or (action == "close" and referral.mode is Mode.ASSIGNED):
        abort(403)
    return referral


@bp.post("/referrals/<int:referral_id>/<action>")
@roles("balie", "digihelper", "coordinator", "admin")
def referral_action(referral_id: int, action: str):
    if action not in set(DIGIHELPER_ACTIONS) | set(COUNTER_ACTIONS):
        abort(404)
    try:
        body = json_body() if request.get_data(cache=True) else {}
    except ValueError as exc:
        return bad_request(str(exc))
    if not isinstance(body, dict) or any(k not in ("reason", "note", "outcome", "result", "version") for k in body):
        return bad_request("geef een JSON-object met alleen reason, note, outcome, result en version")
    version = body.get("version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        return bad_request("version: moet een geheel getal zijn")
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        return bad_request("note: moet tekst zijn")
    referral = _referral_for_actor(referral_id, action)
    try:
        if action == "contact":
            services.log_contact(referral, body.get("result"), current_user.id, note)
        else:
            services.transition(referral, action, current_user.id, expected_version=version,
                                reason=body.get("reason"), outcome=body.get("outcome"), note=note)
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        return bad_request(str(error)) if error.field else conflict(str(error))
    except StaleDataError:
        db.session.rollback()
        return conflict("Iemand anders heeft deze doorverwijzing net gewijzigd. Haal ze opnieuw op.")
    return jsonify(referral_json(referral))


@bp.get("/cases")
@roles("digihelper")
def my_cases():
    entry = case_queries.digihelper_for_user(current_user)
    if entry is None:
        return jsonify({"error": "Je account is nog niet gekoppeld aan een digihelper in het aanbod. "
                                 "Vraag de coördinator om dat te doen."}), 409
    which = request.args.get("status", "open")
    statuses = {"open": OPEN_STATUSES, "closed": (Status.CLOSED, Status.DECLINED, Status.CANCELLED),
                "all": tuple(Status)}.get(which)
    if statuses is None:
        return bad_request("status: kies open, closed of all")
    cases = []
    for referral, help_request in case_queries.my_cases(entry, statuses):
        item = {**referral_json(referral), "reference": help_request.reference, "question": help_request.question,
                "kind": help_request.kind, "theme": help_request.theme, "language": help_request.language,
                "postcode": help_request.postcode, "created_at": referral.created_at.isoformat() + "Z"}
        viewed("referral", referral.id, help_request.reference, detail="lijst")
        if help_request.contact_consent and referral.status in OPEN_STATUSES:
            item["contact"] = {"name": help_request.contact_name, "phone": help_request.contact_phone,
                               "email": help_request.contact_email}
        cases.append(item)
    return jsonify({"cases": cases})
