"""Login throttling, counted in the database so every worker and server sees the same count."""
import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from triage.auth.models import LoginAttempt
from triage.db import utcnow
from triage.extensions import db


def _key(kind: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def account_key(email: str) -> str:
    return _key("account", email.strip().lower())


def address_key(address: str) -> str:
    return _key("address", address or "unknown")


def log_keys(email: str, address: str) -> tuple[str, str]:
    """Short keyed hashes that tie log lines together without naming the account or the address."""
    return account_key(email)[:12], address_key(address)[:12]


def is_throttled(email: str, address: str) -> bool:
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["LOGIN_WINDOW_SECONDS"])
    by_account = db.session.scalar(
        select(func.count()).select_from(LoginAttempt)
        .where(LoginAttempt.account_key == account_key(email), LoginAttempt.at >= since))
    if by_account >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]:
        return True
    by_address = db.session.scalar(
        select(func.count()).select_from(LoginAttempt)
        .where(LoginAttempt.address_key == address_key(address), LoginAttempt.at >= since))
    return by_address >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]


def record_failure(email: str, address: str) -> None:
    db.session.add(LoginAttempt(account_key=account_key(email), address_key=address_key(address)))
    db.session.flush()


def clear_failures(email: str) -> None:
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.account_key == account_key(email)))


def prune(older_than: timedelta = timedelta(days=1)) -> int:
    result = db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - older_than))
    return result.rowcount or 0
