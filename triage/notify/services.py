"""Writes on the outbox: queue a message in the caller's transaction, prune old sent ones."""
from datetime import UTC, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete

from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.notify.models import Message, MessageStatus
from triage.web.i18n import gettext


def clean_address(address: str | None) -> str:
    """A valid e-mail address, normalised, or ServiceError (also refuses header injection)."""
    address = (address or "").strip()
    if not address or any(c in address for c in "\r\n,;<>"):
        raise ServiceError(gettext("Geen geldig e-mailadres om het bericht naar te sturen."), field="to")
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ServiceError(gettext("Geen geldig e-mailadres om het bericht naar te sturen."), field="to") from exc


def is_valid_address(address: str | None) -> bool:
    try:
        clean_address(address)
    except ServiceError:
        return False
    return True


def queue_message(to: str, subject: str, body: str, kind: str, related=None,
                  now: datetime | None = None) -> Message:
    """Add a message to the outbox; it is sent only if the caller's transaction commits.

    related: ("referral", 12), or a model instance (its class name and id).
    """
    now = now or utcnow()
    now = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
    subject = " ".join((subject or "").split())[:200]  # one line: no header injection
    if not subject or not (body or "").strip():
        raise ServiceError(gettext("Een bericht heeft een onderwerp en een tekst nodig."))
    related_type = related_id = None
    if isinstance(related, tuple):
        related_type, related_id = related
    elif related is not None:
        related_type, related_id = type(related).__name__.lower(), related.id
    message = Message(to_address=clean_address(to), subject=subject, body=body, kind=kind[:40],
                      status=MessageStatus.QUEUED, next_attempt_at=now, created_at=now,
                      related_type=related_type, related_id=related_id)
    db.session.add(message)
    db.session.flush()
    return message


def prune_sent(now: datetime, keep_days: int) -> int:
    """Delete sent messages older than keep_days: their text may hold personal data."""
    result = db.session.execute(
        delete(Message).where(Message.status == MessageStatus.SENT, Message.sent_at < now - timedelta(days=keep_days))
        .execution_options(synchronize_session=False))
    return result.rowcount
