"""Writes on help requests: log a question (classified), confirm or correct it, solve, pool or mark a gap."""
import secrets
from dataclasses import dataclass
from functools import cache

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite

from triage.catalogue.codes import KINDS, NEEDS, THEMES
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import Channel, HelpRequest, RequestService, RequestStatus
from triage.web.audit import changed
from triage.web.i18n import gettext

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
    contact_reach_by: str | None = None
    contact_consent: bool = False
    idempotency_key: str | None = None


def _draw_code() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"{code[:3]}-{code[3:]}"


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
        raise ServiceError(gettext("Vul de vraag van de burger in."), field="question")
    if len(intake.question) > MAX_QUESTION:
        raise ServiceError(gettext("De vraag is te lang (maximaal %(max)s tekens).", max=MAX_QUESTION),
                           field="question")
    if intake.channel not in {c.value for c in Channel}:
        raise ServiceError(gettext("Kies hoe de vraag binnenkwam."), field="channel")
    if any(n not in NEEDS for n in intake.needs):
        raise ServiceError(gettext("Onbekende toegankelijkheid."), field="needs")
    has_contact = any((intake.contact_name, intake.contact_phone, intake.contact_email, intake.contact_reach_by))
    if has_contact and not intake.contact_consent:
        raise ServiceError(gettext("Vraag de burger of we de contactgegevens mogen bewaren, en vink dat aan. "
                           "Anders laat je ze leeg."), field="contact_consent")


@dataclass(frozen=True)
class Stored:
    """A logged question: its id and reference code; repeat when an earlier submit stored it."""

    id: int
    reference: str
    repeat: bool = False


@cache
def _insert_unless_taken(dialect: str):
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id, reference: one statement that stores the
    request, or stores nothing when its reference code or idempotency key is already taken."""
    module = postgresql if dialect == "postgresql" else sqlite
    table = HelpRequest.__table__
    return module.insert(table).on_conflict_do_nothing().returning(table.c.id, table.c.reference)


def store_request(intake: Intake, actor_id: int | None, classifier) -> Stored:
    """Store the question with its predicted kind and themes; a repeated idempotency key returns the first.

    The counter's busiest write, so written in Core: one INSERT (with the links to the services it
    names), no query first. A taken reference code (rare: 31^6 codes) draws another; a taken
    idempotency key is a double submit, answered with the request stored the first time.
    """
    _check(intake)
    # Classify before the first write: on SQLite the first write of a transaction takes the write
    # lock, which is then held only for the few statements below.
    prediction = classifier.predict(intake.question)
    themes = [code for code, _ in prediction.themes[:2]]
    from triage.intake.facts import reporting_facts  # for the reports: services named, pseudonymous citizen key

    services, key = reporting_facts(intake)
    consent = intake.contact_consent
    values = {
        "question": intake.question.strip(), "channel": Channel(intake.channel), "language": intake.language,
        "postcode": intake.postcode or None, "needs": list(intake.needs), "target_groups": list(intake.target_groups),
        "predicted_kind": prediction.kind, "predicted_themes": themes,
        "confidence": round(float(prediction.confidence), 4), "explanation": list(prediction.explanation),
        "kind": prediction.kind, "theme": themes[0], "theme2": themes[1] if len(themes) > 1 else None,
        "gap": False, "status": RequestStatus.OPEN, "created_by_id": actor_id,
        "idempotency_key": intake.idempotency_key, "created_at": utcnow(),
        "contact_name": (intake.contact_name or None) if consent else None,
        "contact_phone": (intake.contact_phone or None) if consent else None,
        "contact_email": (intake.contact_email or None) if consent else None,
        "contact_reach_by": (intake.contact_reach_by or None) if consent else None,
        "contact_consent": bool(consent), "services": services, "citizen_key": key}
    connection = db.session.connection()
    statement = _insert_unless_taken(connection.dialect.name)
    for _ in range(20):
        values["reference"] = _draw_code()
        row = connection.execute(statement, values).first()
        if row is not None:
            links = [{"request_id": row.id, "service": code, "created_at": values["created_at"]}
                     for code in dict.fromkeys(services)]
            if links:
                connection.execute(insert(RequestService.__table__), links if len(links) > 1 else links[0])
            # The ORM's audit hook does not see a Core insert: note it for the commit.
            changed("request", row.id, row.reference, action="created")
            return Stored(row.id, row.reference)
        earlier = find_by_idempotency_key(intake.idempotency_key)
        if earlier is not None:
            return Stored(earlier.id, earlier.reference, repeat=True)
    raise ServiceError(NO_REFERENCE)


def log_request(intake: Intake, actor_id: int | None, classifier) -> HelpRequest:
    """store_request, answered with the stored request itself."""
    return log_or_repeat(intake, actor_id, classifier)[0]


def log_or_repeat(intake: Intake, actor_id: int | None, classifier) -> tuple[HelpRequest, bool]:
    """(the stored request, False), or (the request stored earlier with this idempotency key, True)."""
    stored = store_request(intake, actor_id, classifier)
    return db.session.get(HelpRequest, stored.id), stored.repeat


def confirm_labels(request: HelpRequest, kind: str, themes: list[str]) -> None:
    """Staff confirm or correct kind and themes; this is a label for retraining."""
    themes = [t for t in dict.fromkeys(themes) if t]
    if kind not in KINDS:
        raise ServiceError(gettext("Kies hulpvraag of leervraag."), field="kind")
    if not themes or any(t not in THEMES for t in themes) or len(themes) > 2:
        raise ServiceError(gettext("Kies één of twee thema's."), field="theme")
    request.confirmed_kind, request.confirmed_themes = kind, themes
    request.kind, request.theme = kind, themes[0]
    request.theme2 = themes[1] if len(themes) > 1 else None
    db.session.flush()


def _must_be_open(request: HelpRequest) -> None:
    if request.status not in (RequestStatus.OPEN, RequestStatus.POOL, RequestStatus.GAP):
        raise ServiceError(gettext("Deze vraag is al doorverwezen of afgesloten."))


def mark_solved(request: HelpRequest, outcome: str, note: str | None) -> None:
    """Helped right away at the counter ("ter plaatse geholpen")."""
    _must_be_open(request)
    if outcome not in SOLVED_OUTCOMES:
        raise ServiceError(gettext("Kies hoe de burger geholpen is."), field="outcome")
    request.status, request.outcome = RequestStatus.SOLVED, outcome
    request.note = (note or "").strip()[:2000] or None
    request.closed_at = utcnow()
    db.session.flush()


def put_in_pool(request: HelpRequest) -> None:
    """Any digihelper with the right theme, language and area may pick it up."""
    _must_be_open(request)
    if request.kind != "hulpvraag":
        raise ServiceError(gettext("Alleen een hulpvraag kan in de pool. Zoek voor een leervraag een cursus."))
    request.status = RequestStatus.POOL
    db.session.flush()


def mark_gap(request: HelpRequest) -> None:
    """No fitting offer: the request stays open for the counter and counts as an unmet need."""
    _must_be_open(request)
    request.status, request.gap = RequestStatus.GAP, True
    db.session.flush()
