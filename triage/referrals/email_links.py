"""Signed, expiring, single-use accept / decline links for the digihelper's e-mail."""
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, select

from triage.catalogue.models import CatalogueEntry
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.referrals import services
from triage.referrals.lifecycle import STATUS_LABELS, next_status
from triage.referrals.models import Referral, UsedLinkToken

SALT = "triage.referrals.email-link"
ACTIONS = ("accept", "decline")
ENDPOINT = "email.respond"


class LinkRefused(ServiceError):
    """The link cannot be used (any more); the message says why, in Dutch."""


@dataclass(frozen=True)
class Link:
    referral_id: int
    action: str
    nonce: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_tokens(referral_id: int) -> dict[str, str]:
    """One token per action, sharing a nonce: answering with one link uses up the other too."""
    nonce = secrets.token_hex(16)
    return {action: _serializer().dumps({"r": referral_id, "a": action, "n": nonce}) for action in ACTIONS}


def read_token(token: str) -> Link:
    """The link in a token, or LinkRefused when it is tampered with or too old."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["EMAIL_LINK_MAX_AGE"])
    except SignatureExpired as exc:
        raise LinkRefused("Deze link is verlopen. Meld je aan of bel de balie.") from exc
    except BadSignature as exc:
        raise LinkRefused("Deze link is niet geldig. Kopieer de volledige link uit de e-mail.") from exc
    if not (isinstance(data, dict) and isinstance(data.get("r"), int) and data.get("a") in ACTIONS
            and isinstance(data.get("n"), str)):
        raise LinkRefused("Deze link is niet geldig. Kopieer de volledige link uit de e-mail.")
    return Link(data["r"], data["a"], data["n"])


def check_link(token: str) -> tuple[Link, Referral]:
    """Everything a click is checked on, without changing anything (mail scanners open links too)."""
    link = read_token(token)
    referral = db.session.get(Referral, link.referral_id)
    if referral is None:
        raise LinkRefused("Deze doorverwijzing bestaat niet meer.")
    if db.session.scalar(select(UsedLinkToken.id).where(UsedLinkToken.nonce == link.nonce)) is not None:
        raise LinkRefused("Deze link is al gebruikt. Je antwoord is bewaard.")
    if next_status(referral.mode, link.action, referral.status) is None:
        raise LinkRefused(f"Dit kan niet meer: de doorverwijzing is {STATUS_LABELS[referral.status].lower()}.")
    return link, referral


def use_link(token: str, reason: str | None = None, note: str | None = None,
             now: datetime | None = None) -> Referral:
    """Apply the link's action as the digihelper (their account, if linked) and use the link up."""
    now = now or utcnow()
    link, referral = check_link(token)
    entry = db.session.get(CatalogueEntry, referral.target_id)
    services.transition(referral, link.action, entry.user_id if entry else None, now=now,
                        reason=reason, note=note)
    # Unique nonce: of two clicks at the same moment, the second fails on commit.
    db.session.add(UsedLinkToken(nonce=link.nonce, referral_id=referral.id, action=link.action, used_at=now))
    db.session.flush()
    return referral


def external_url(endpoint: str, **values) -> str:
    """An absolute URL for an e-mail: BASE_URL, else the current request's host, else localhost."""
    base = current_app.config.get("BASE_URL") or ""
    if not base and has_request_context():
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(base or "http://localhost:5000")
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)


def action_urls(referral_id: int) -> dict[str, str]:
    return {action: external_url(ENDPOINT, token=token) for action, token in make_tokens(referral_id).items()}


def prune_used(now: datetime) -> int:
    """Forget used nonces older than a link can live: those links are refused as expired anyway."""
    cutoff = now - timedelta(seconds=current_app.config["EMAIL_LINK_MAX_AGE"] + 86400)
    result = db.session.execute(delete(UsedLinkToken).where(UsedLinkToken.used_at < cutoff)
                                .execution_options(synchronize_session=False))
    return result.rowcount
