"""Writes on help requests: log a question (classified), confirm or correct it, solve, pool or mark a gap."""
import secrets
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, or_, select
from sqlalchemy.exc import IntegrityError

from triage.catalogue.codes import KINDS, NEEDS, THEMES
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import Channel, HelpRequest, RequestStatus

# No 0/O, 1/I/L: the code is read aloud over the phone and copied from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
NO_REFERENCE = "Er kon geen referentiecode gemaakt worden. Probeer opnieuw."
MAX_QUESTION = 5000
SOLVED_OUTCOMES = {"geholpen": "Geholpen: de taak is gedaan", "zelfstandig": "Zelfstandig: kan het nu alleen",
                   "deels": "Deels geholpen"}


@dataclass
class Intake:
    """What the counter clerk typed, already checked by the form."""

    question: str
    channel: str = "balie"
    language: str = "nl"
    postcode: str | None = None
    needs: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    contact_consent: bool = False
    idempotency_key: str | None = None


def _draw_code() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"{code[:3]}-{code[3:]}"


@cache
def _repeat_or_taken() -> Select:
    """Built once (building a select costs about as much as running this one)."""
    return select(HelpRequest.id, HelpRequest.idempotency_key).where(
        or_(HelpRequest.reference == bindparam("code"), HelpRequest.idempotency_key == bindparam("key")))


def _repeat_or_free_reference(key: str | None) -> tuple[HelpRequest | None, str | None]:
    """(the request stored earlier with this idempotency key, None) or (None, a free reference code).

    One query per try instead of one for the key and one for the code: a row with the key is a
    repeat; a row with the code only means the code is taken, and another one is drawn.
    """
    for _ in range(20):
        code = _draw_code()
        # Without a key, "idempotency_key = NULL" matches nothing.
        rows = db.session.execute(_repeat_or_taken(), {"code": code, "key": key or None}).all()
        repeat = next((row.id for row in rows if key and row.idempotency_key == key), None)
        if repeat is not None:
            return db.session.get(HelpRequest, repeat), None
        if not rows:
            return None, code
    raise ServiceError(NO_REFERENCE)


def find_by_reference(reference: str) -> HelpRequest | None:
    code = (reference or "").strip().upper().replace(" ", "")
    if len(code) == 6:
        code = f"{code[:3]}-{code[3:]}"
    return db.session.scalar(select(HelpRequest).where(HelpRequest.reference == code))


def find_by_idempotency_key(key: str | None) -> HelpRequest | None:
    if not key:
        return None
    return db.session.scalar(select(HelpRequest).where(HelpRequest.idempotency_key == key))


def _check(intake: Intake) -> None:
    if not intake.question.strip():
        raise ServiceError("Vul de vraag van de burger in.", field="question")
    if len(intake.question) > MAX_QUESTION:
        raise ServiceError(f"De vraag is te lang (maximaal {MAX_QUESTION} tekens).", field="question")
    if intake.channel not in {c.value for c in Channel}:
        raise ServiceError("Kies hoe de vraag binnenkwam.", field="channel")
    if any(n not in NEEDS for n in intake.needs):
        raise ServiceError("Onbekende toegankelijkheid.", field="needs")
    has_contact = any((intake.contact_name, intake.contact_phone, intake.contact_email))
    if has_contact and not intake.contact_consent:
        raise ServiceError("Vraag de burger of we de contactgegevens mogen bewaren, en vink dat aan. "
                           "Anders laat je ze leeg.", field="contact_consent")


def log_request(intake: Intake, actor_id: int | None, classifier) -> HelpRequest:
    """Store the question with its predicted kind and themes; a repeated idempotency key returns the first."""
    return log_or_repeat(intake, actor_id, classifier)[0]


def log_or_repeat(intake: Intake, actor_id: int | None, classifier) -> tuple[HelpRequest, bool]:
    """(the stored request, False), or (the request stored earlier with this idempotency key, True)."""
    _check(intake)
    # Classify before the first query: on SQLite the first query of a write takes the write lock,
    # which is then held only for the few statements below.
    prediction = classifier.predict(intake.question)
    existing, reference = _repeat_or_free_reference(intake.idempotency_key)
    if existing is not None:
        return existing, True
    themes = [code for code, _ in prediction.themes[:2]]
    request = HelpRequest(
        reference=reference, question=intake.question.strip(), channel=Channel(intake.channel),
        language=intake.language, postcode=intake.postcode or None, needs=list(intake.needs),
        target_groups=list(intake.target_groups), predicted_kind=prediction.kind,
        predicted_themes=themes, confidence=round(float(prediction.confidence), 4),
        kind=prediction.kind, theme=themes[0], theme2=themes[1] if len(themes) > 1 else None,
        created_by_id=actor_id, idempotency_key=intake.idempotency_key,
        explanation=list(prediction.explanation))
    if intake.contact_consent:
        request.contact_name = intake.contact_name or None
        request.contact_phone = intake.contact_phone or None
        request.contact_email = intake.contact_email or None
        request.contact_consent = True
    from triage.intake.facts import reporting_facts  # for the reports: services named, pseudonymous citizen key

    request.services, request.citizen_key = reporting_facts(intake)
    if not intake.idempotency_key:
        db.session.add(request)
        db.session.flush()
        return request, False
    try:
        # A double submit running at the same moment (PostgreSQL: SQLite serialises writers) stored
        # the same key after our check above; its insert wins and ours fails on the unique key here.
        with db.session.begin_nested():
            db.session.add(request)
    except IntegrityError:
        existing = find_by_idempotency_key(intake.idempotency_key)
        if existing is None:
            raise
        return existing, True
    return request, False


def confirm_labels(request: HelpRequest, kind: str, themes: list[str]) -> None:
    """Staff confirm or correct kind and themes; this is a label for retraining."""
    themes = [t for t in dict.fromkeys(themes) if t]
    if kind not in KINDS:
        raise ServiceError("Kies hulpvraag of leervraag.", field="kind")
    if not themes or any(t not in THEMES for t in themes) or len(themes) > 2:
        raise ServiceError("Kies één of twee thema's.", field="theme")
    request.confirmed_kind, request.confirmed_themes = kind, themes
    request.kind, request.theme = kind, themes[0]
    request.theme2 = themes[1] if len(themes) > 1 else None
    db.session.flush()


def _must_be_open(request: HelpRequest) -> None:
    if request.status not in (RequestStatus.OPEN, RequestStatus.POOL, RequestStatus.GAP):
        raise ServiceError("Deze vraag is al doorverwezen of afgesloten.")


def mark_solved(request: HelpRequest, outcome: str, note: str | None) -> None:
    """Helped right away at the counter ("ter plaatse geholpen")."""
    _must_be_open(request)
    if outcome not in SOLVED_OUTCOMES:
        raise ServiceError("Kies hoe de burger geholpen is.", field="outcome")
    request.status, request.outcome = RequestStatus.SOLVED, outcome
    request.note = (note or "").strip()[:2000] or None
    request.closed_at = utcnow()
    db.session.flush()


def put_in_pool(request: HelpRequest) -> None:
    """Any digihelper with the right theme, language and area may pick it up."""
    _must_be_open(request)
    if request.kind != "hulpvraag":
        raise ServiceError("Alleen een hulpvraag kan in de pool. Zoek voor een leervraag een cursus.")
    request.status = RequestStatus.POOL
    db.session.flush()


def mark_gap(request: HelpRequest) -> None:
    """No fitting offer: the request stays open for the counter and counts as an unmet need."""
    _must_be_open(request)
    request.status, request.gap = RequestStatus.GAP, True
    db.session.flush()
