"""Writes on accounts and tokens; these flush, the caller commits."""
import hashlib
import logging
import secrets

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from triage.auth import throttle
from triage.auth.models import ApiToken, Role, User
from triage.auth.passwords import dummy_verify, hash_password, password_problem, verify_password
from triage.db import utcnow, write_from_here
from triage.errors import ServiceError
from triage.extensions import db
from triage.web.i18n import gettext

# Security events without personal data: account ids, and keyed hashes instead of e-mail or address.
security_log = logging.getLogger("triage.security")


class Throttled(Exception):
    """Too many failed logins for this account or address."""


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ServiceError(gettext("Vul een geldig e-mailadres in."), field="email") from exc


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError as exc:
        choices = ", ".join(r.value for r in Role)
        raise ServiceError(gettext("Onbekende rol '%(role)s'. Kies uit: %(choices)s.", role=value, choices=choices),
                           field="role") from exc


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(email: str, name: str, role: str, password: str) -> User:
    email = normalise_email(email)
    if find_user_by_email(email):
        raise ServiceError(gettext("Er bestaat al een account met dit e-mailadres."), field="email")
    name = (name or "").strip() or email.split("@")[0]
    if len(name) > 120:
        raise ServiceError(gettext("De naam mag maximaal 120 tekens lang zijn."), field="name")
    problem = password_problem(password, context=(email, name))
    if problem:
        raise ServiceError(problem, field="password")
    user = User(email=email, name=name, role=parse_role(role), password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, name: str, role: str) -> None:
    name = (name or "").strip()
    if not name:
        raise ServiceError(gettext("Vul een naam in."), field="name")
    user.name = name[:120]
    user.role = parse_role(role)
    db.session.flush()


def set_password(user: User, password: str) -> None:
    """A new password; every session of the account ends, also copied cookies."""
    problem = password_problem(password, context=(user.email, user.name))
    if problem:
        raise ServiceError(problem, field="password")
    user.password_hash = hash_password(password)
    end_sessions(user)


def change_own_password(user: User, current: str, new: str, address: str) -> None:
    """The account holder's own change: the current password first, counted like a failed login."""
    if throttle.is_throttled(user.email, address):
        raise Throttled()
    right = verify_password(user.password_hash, current)
    write_from_here(db.session())  # the slow check is done: only now take the write lock (SQLite)
    if not right:
        throttle.record_failure(user.email, address)
        raise ServiceError(gettext("Je huidige wachtwoord is niet juist."), field="current")
    if new == current:
        raise ServiceError(gettext("Kies een ander wachtwoord dan je huidige."), field="new")
    try:
        set_password(user, new)
    except ServiceError as error:
        raise ServiceError(str(error), field="new") from error


def end_sessions(user: User) -> None:
    """Invalidate every session of this user, also copied cookies."""
    user.session_generation += 1
    db.session.flush()


def set_active(user: User, active: bool, acting: User | None = None) -> None:
    if not active and acting is not None and acting.id == user.id:
        raise ServiceError(gettext("Je kan je eigen account niet uitschakelen."))
    user.active = active
    if not active:
        end_sessions(user)
        for token in user.tokens:
            token.revoked_at = token.revoked_at or utcnow()
    db.session.flush()


def authenticate(email: str, password: str, address: str) -> User | None:
    """The account for these credentials, or None; raises Throttled after too many failures."""
    email = (email or "").strip().lower()
    if throttle.is_throttled(email, address):
        security_log.warning("login throttled account=%s address=%s", *throttle.log_keys(email, address))
        raise Throttled()
    user = find_user_by_email(email) if email else None
    if user is None:
        dummy_verify(password)
        ok = False
    else:
        ok = verify_password(user.password_hash, password) and user.active
    write_from_here(db.session())  # the slow check is done: only now take the write lock (SQLite)
    if not ok:
        throttle.record_failure(email, address)
        security_log.warning("login failed account=%s address=%s", *throttle.log_keys(email, address))
        return None
    security_log.info("login ok user=%s", user.id)
    throttle.clear_failures(email)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def _token_hash(token: str) -> str:
    # A token has 256 random bits: a fast hash is enough (ASVS 6.5.2), and lookups stay one index read.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str = "") -> str:
    """A new API token for the account's current role; only its hash is stored, so this is the one time it is seen."""
    if not user.active:
        raise ServiceError(gettext("Dit account is uitgeschakeld."))
    name = (name or "").strip()
    if len(name) > 80:
        raise ServiceError(gettext("De naam van het token mag maximaal 80 tekens lang zijn."), field="name")
    token = "trg_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, token_hash=_token_hash(token), name=name, role=user.role))
    db.session.flush()
    return token


def user_for_token(token: str) -> User | None:
    """The account of a usable token: not revoked, account active, and still in the token's role."""
    if len(token) > 200:
        return None
    api_token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if api_token is None or not api_token.usable:
        return None
    return api_token.user


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()


def revoke_tokens(user: User) -> int:
    count = 0
    for token in user.tokens:
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            count += 1
    db.session.flush()
    return count
