"""The referral loop's e-mails in plain Dutch (B1), queued in the outbox with the change that causes them."""
import logging

from flask import current_app
from sqlalchemy import select

from triage.auth.models import Role, User
from triage.catalogue.codes import KIND_LABELS, THEMES
from triage.catalogue.models import CatalogueEntry
from triage.catalogue.times import from_utc_naive
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.notify.models import Message
from triage.notify.services import is_valid_address, queue_message
from triage.referrals import email_links
from triage.referrals.models import Mode, Referral

log = logging.getLogger(__name__)


def _date(value) -> str:
    return f"{from_utc_naive(value):%d-%m-%Y}"


def _about(request: HelpRequest) -> str:
    themes = ", ".join(THEMES.get(t, t) for t in (request.theme, request.theme2) if t) or "onbekend"
    return (f"Code: {request.reference}\n"
            f"Soort vraag: {KIND_LABELS.get(request.kind or '', 'onbekend')}\n"
            f"Thema: {themes}\n")


def _contact(request: HelpRequest) -> str:
    """The citizen's contact details, only when they agreed to share them."""
    lines = []
    if request.contact_consent and not request.erased_at:
        lines = [f"{label}: {value}" for label, value in (
            ("Naam", request.contact_name), ("Telefoon", request.contact_phone),
            ("E-mail", request.contact_email), ("Anders bereikbaar", request.contact_reach_by)) if value]
    if not lines:
        phone = current_app.config.get("COUNTER_PHONE")
        return "We hebben geen contactgegevens. Bel de balie" + (f" op {phone}" if phone else "") + ".\n"
    return "Contact met de burger (de burger gaf toestemming):\n" + "\n".join(lines) + "\n"


def _sign_off() -> str:
    return f"\nMet vriendelijke groeten,\nDigitale hulp {current_app.config['TOWN_NAME']}\n"


def _send(to: str | None, subject: str, body: str, kind: str, referral: Referral, now=None) -> Message | None:
    """Queue the message; skip (and log, without the address) when there is no usable address."""
    if not is_valid_address(to):
        log.warning("no e-mail for %s about referral %s: no valid address", kind, referral.id)
        return None
    return queue_message(to, subject, body, kind, related=("referral", referral.id), now=now)


def _answer_links(referral: Referral) -> str:
    urls = email_links.action_urls(referral.id)
    days = current_app.config["EMAIL_LINK_MAX_AGE"] // 86400
    return (f"Neem je deze vraag aan?\n\nJa, ik help:\n{urls['accept']}\n\nNee, ik kan niet:\n{urls['decline']}\n\n"
            f"Je ziet eerst een pagina om te bevestigen. De links werken {days} dagen.\n"
            "Je kan ze maar één keer gebruiken.\n")


def _parts(referral: Referral) -> tuple[HelpRequest, CatalogueEntry]:
    return db.session.get(HelpRequest, referral.request_id), db.session.get(CatalogueEntry, referral.target_id)


def new_referral(referral: Referral, now=None) -> Message | None:
    """To the digihelper: a new question, with the two one-click links."""
    request, entry = _parts(referral)
    if referral.mode is not Mode.ASSIGNED or entry is None:
        return None
    body = (f"Dag {entry.name},\n\nEr is een nieuwe vraag voor jou.\n\n{_about(request)}"
            f"Vraag: {request.question.strip()}\n\n{_contact(request)}\n{_answer_links(referral)}"
            "Als je de vraag aanneemt, bel je de burger binnen 2 werkdagen.\n" + _sign_off())
    return _send(entry.email, f"Nieuwe vraag voor jou ({request.reference})", body, "referral_new", referral, now)


def reminder(referral: Referral, number: int, now=None) -> Message | None:
    """To the digihelper: first or second reminder, with fresh links."""
    request, entry = _parts(referral)
    intro = ("We wachten nog op je antwoord op deze vraag." if number == 1 else
             "We wachten nog altijd op je antwoord. Na deze herinnering vragen we de coördinator om te helpen.")
    body = (f"Dag {entry.name},\n\n{intro}\nJe kreeg de vraag op {_date(referral.created_at)}.\n\n{_about(request)}"
            f"Vraag: {request.question.strip()}\n\n{_answer_links(referral)}" + _sign_off())
    subject = f"Herinnering {number}: vraag {request.reference} wacht op je antwoord"
    return _send(entry.email, subject, body, f"referral_reminder_{number}", referral, now)


def coordinators() -> list[User]:
    return list(db.session.scalars(select(User).where(User.role == Role.COORDINATOR, User.active.is_(True))
                                   .order_by(User.id)))


def escalation(referral: Referral, now=None) -> list[Message]:
    """To every active coordinator: a digihelper did not answer after two reminders."""
    request, entry = _parts(referral)
    sent = []
    for user in coordinators():
        body = (f"Dag {user.name},\n\n{entry.name} antwoordt niet op een vraag. "
                f"De vraag is van {_date(referral.created_at)}. We stuurden al 2 herinneringen.\n\n{_about(request)}\n"
                "Wil je iemand anders zoeken, of de digihelper bellen?\n"
                f"Bekijk de vraag in de toepassing: {email_links.external_url('main.index')}\n" + _sign_off())
        message = _send(user.email, f"Geen antwoord op vraag {request.reference}", body, "referral_escalation",
                        referral, now)
        sent += [message] if message else []
    return sent


def _counter(referral: Referral) -> User | None:
    user = db.session.get(User, referral.created_by_id) if referral.created_by_id else None
    return user if user is not None and user.active else None


def follow_up_due(referral: Referral, now=None) -> Message | None:
    """To the counter who made the referral: time to ask the citizen how it went."""
    request, entry = _parts(referral)
    user = _counter(referral)
    if user is None:
        return None
    target = f"de cursus '{entry.name}'" if referral.mode is Mode.ENROLLED else entry.name
    body = (f"Dag {user.name},\n\nOp {_date(referral.created_at)} stuurde je een burger naar {target}.\n"
            f"Vraag nu na hoe het ging. Noteer daarna het resultaat.\n\n{_about(request)}\n"
            f"Je vindt de vraag in je lijst: {email_links.external_url('main.index')}\n" + _sign_off())
    return _send(user.email, f"Opvolgen: vraag {request.reference}", body, "referral_follow_up", referral, now)


def expired(referral: Referral, now=None) -> list[Message]:
    """To the counter (or, without one, the coordinators): the referral expired, refer again."""
    request, entry = _parts(referral)
    users = [u for u in [_counter(referral)] if u] or coordinators()
    sent = []
    for user in users:
        body = (f"Dag {user.name},\n\n{entry.name} heeft niet geantwoord op vraag {request.reference}. "
                "Ook na 2 herinneringen en een bericht aan de coördinator kwam er geen antwoord.\n"
                "We hebben de doorverwijzing daarom stopgezet.\n"
                "De vraag staat weer in de lijst van de balie. Zoek een ander aanbod.\n\n"
                f"{_about(request)}\nOpen de toepassing: {email_links.external_url('main.index')}\n" + _sign_off())
        message = _send(user.email, f"Vraag {request.reference} opnieuw doorverwijzen", body, "referral_expired",
                        referral, now)
        sent += [message] if message else []
    return sent
