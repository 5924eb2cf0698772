"""A citizen's data as a document they can read: every field in Dutch words, as JSON or as a printable page."""
import json
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from triage.auth.models import ROLE_LABELS, User
from triage.catalogue.codes import ENTRY_TYPES, KIND_LABELS, NEEDS, THEMES, language_label
from triage.catalogue.times import from_utc_naive
from triage.extensions import db
from triage.intake.labels import CHANNELS, REQUEST_STATUS_LABELS, TARGET_GROUPS
from triage.intake.online_services import service_label
from triage.intake.services import SOLVED_OUTCOMES
from triage.privacy.citizens import CitizenData
from triage.privacy.erasure import CONTACT_COLUMNS
from triage.referrals.lifecycle import DECLINE_REASONS, MODE_LABELS, OUTCOMES, STATUS_LABELS
from triage.referrals.models import Referral

# The export's word for each contact column; a column added later appears under its own name.
CONTACT_KEYS = {"contact_name": "naam", "contact_phone": "telefoon", "contact_email": "e-mail",
                "contact_reach_by": "anders_bereikbaar"}
STEP_LABELS = {"status": "Stap", "contact": "Contactpoging", "reminder": "Herinnering aan de helper",
               "escalation": "Doorgegeven aan de coördinator"}
STATUS_BY_VALUE = {status.value: label for status, label in STATUS_LABELS.items()}
EXPLANATION = (
    "Dit zijn alle gegevens die de digitale hulp van {town} over u bewaart: uw vragen, naar wie we u "
    "doorverwezen en hoe het afliep. Contactgegevens bewaren we alleen als u daarvoor toestemming gaf, en "
    "alleen om uw vraag op te volgen. {months} maanden nadat een vraag is afgesloten, wissen we uw "
    "contactgegevens, uw vraag in uw eigen woorden en alle notities. Wat overblijft (soort vraag, thema, "
    "postcode, data, uitkomst) zegt niet meer wie u bent en telt alleen mee in de cijfers. Wilt u dat we uw "
    "gegevens nu al wissen, vraag het aan de balie."
)


def when(value: datetime | None) -> str | None:
    """A stored UTC time as Brussels wall-clock time, e.g. 2026-12-08 14:05."""
    return f"{from_utc_naive(value):%Y-%m-%d %H:%M}" if value else None


def _labels(codes, table: dict) -> list[str]:
    return [str(table.get(code, code)) for code in codes or ()]


def _roles(data: CitizenData) -> dict[int, str]:
    """Who took each step, by role: staff names are the staff's data, not the citizen's."""
    ids = {step.actor_id for steps in data.events.values() for step in steps if step.actor_id}
    if not ids:
        return {}
    return {uid: ROLE_LABELS.get(role.value, role.value)
            for uid, role in db.session.execute(select(User.id, User.role).where(User.id.in_(ids)))}


def _referral(data: CitizenData, referral: Referral, roles: dict[int, str]) -> dict:
    target = data.targets.get(referral.target_id)
    return {
        "naar": target.name if target else None,
        "soort_aanbod": ENTRY_TYPES.get(target.entry_type) if target else None,
        "wijze": MODE_LABELS.get(referral.mode),
        "status": STATUS_LABELS.get(referral.status),
        "gemaakt_op": when(referral.created_at), "aanvaard_op": when(referral.accepted_at),
        "gestart_op": when(referral.started_at), "geweigerd_op": when(referral.declined_at),
        "reden_weigering": DECLINE_REASONS.get(referral.decline_reason) if referral.decline_reason else None,
        "notitie_weigering": referral.decline_note, "geannuleerd_op": when(referral.cancelled_at),
        "afgesloten_op": when(referral.closed_at),
        "uitkomst": OUTCOMES.get(referral.outcome) if referral.outcome else None,
        "notitie_uitkomst": referral.outcome_note,
        "stappen": [{"op": when(step.at), "wat": STEP_LABELS.get(step.kind, step.kind),
                     "van": STATUS_BY_VALUE.get(step.from_status) if step.from_status else None,
                     "naar": STATUS_BY_VALUE.get(step.to_status, step.to_status),
                     "door": roles.get(step.actor_id, "systeem") if step.actor_id else "systeem",
                     "notitie": step.note} for step in data.events.get(referral.id, [])],
        "berichten": [{"gemaakt_op": when(m.created_at), "verstuurd_op": when(m.sent_at), "onderwerp": m.subject,
                       "tekst": m.body} for m in data.messages.get(referral.id, [])],
    }


def document(data: CitizenData, now: datetime) -> dict:
    """Everything in data, with Dutch keys and words; contact details and notes as they are stored."""
    roles = _roles(data)
    config = current_app.config
    requests = []
    for req in data.requests:
        requests.append({
            "referentiecode": req.reference, "ingevoerd_op": when(req.created_at),
            "kanaal": str(CHANNELS.get(req.channel.value, req.channel.value)), "taal": language_label(req.language),
            "postcode": req.postcode, "vraag": req.question,
            "soort_vraag": KIND_LABELS.get(req.kind or "", req.kind),
            "themas": _labels([t for t in (req.theme, req.theme2) if t], THEMES),
            "online_diensten": [service_label(code) for code in req.services or ()],
            "nodig": _labels(req.needs, NEEDS), "doelgroep": _labels(req.target_groups, TARGET_GROUPS),
            "status": str(REQUEST_STATUS_LABELS.get(req.status.value, req.status.value)),
            "uitkomst_aan_de_balie": SOLVED_OUTCOMES.get(req.outcome) if req.outcome else None,
            "notitie": req.note, "afgesloten_op": when(req.closed_at),
            "contactgegevens": {"toestemming_gegeven": req.contact_consent, **{
                CONTACT_KEYS.get(column, column.removeprefix("contact_")): getattr(req, column)
                for column in CONTACT_COLUMNS}},
            "gewist_op": when(req.erased_at),
            "doorverwijzingen": [_referral(data, r, roles) for r in data.referrals.get(req.id, [])],
        })
    return {"gemeente": config["TOWN_NAME"], "gemaakt_op": when(now),
            "uitleg": EXPLANATION.format(town=config["TOWN_NAME"], months=config["RETENTION_MONTHS"]),
            "vragen": requests}


def as_json(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
