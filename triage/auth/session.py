"""Flask-Login wiring: session cookies carry a generation number and expire; the API uses bearer tokens."""
import hashlib
import time
from functools import cache

from flask import current_app, flash, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import AnonymousUserMixin, login_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import bindparam, select

from triage.auth.models import Role, User
from triage.extensions import db, login_manager

# In the signed session cookie: when the session started and when it was last used (Unix seconds).
STARTED = "_started"
SEEN = "_seen"
# The last-used time is rewritten at most this often, so most requests send no new cookie.
SEEN_RESOLUTION = 60
EXPIRED = "Je sessie is verlopen omdat je een tijd niets deed. Meld je opnieuw aan."


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie, with HMAC-SHA-256 instead of its default HMAC-SHA-1."""

    digest_method = staticmethod(hashlib.sha256)


class Anonymous(AnonymousUserMixin):
    role = None

    def has_role(self, *_roles) -> bool:
        return False


class SignedInUser:
    """The account behind a session cookie, as read at the start of this request.

    A snapshot of the row, not an ORM object: every page needs the account's id, role and name,
    and reading those few columns is a fraction of loading a User (the loader runs on every
    request). Code that changes the account loads it with record().
    """

    __slots__ = ("id", "email", "name", "role", "active", "session_generation")
    is_authenticated = True
    is_anonymous = False

    def __init__(self, id: int, email: str, name: str, role: Role, active: bool, session_generation: int):
        self.id, self.email, self.name, self.role = id, email, name, role
        self.active, self.session_generation = active, session_generation

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_generation}"

    def has_role(self, *roles: str) -> bool:
        return self.role.value in roles

    def record(self) -> User:
        """The account as an ORM object, for a change."""
        return db.session.get(User, self.id)

    def __repr__(self) -> str:
        return f"<SignedInUser {self.id} {self.role.value}>"


@cache
def _account_row():
    columns = User.__table__.c
    return select(columns.id, columns.email, columns.name, columns.role, columns.active,
                  columns.session_generation).where(columns.id == bindparam("user_id"))


def load_user(session_id: str):
    # The API takes bearer tokens only: a browser's session cookie never authorises it.
    if request.path.startswith("/api/"):
        return None
    user_id, _, generation = session_id.partition(":")
    if not user_id.isdigit() or not generation.isdigit():
        return None
    # A Core read on the session's connection: no ORM identity, no object to expire later.
    row = db.session.connection().execute(_account_row(), {"user_id": int(user_id)}).first()
    if row is None or not row.active or row.session_generation != int(generation):
        return None
    return SignedInUser(*row)


def load_from_bearer(req):
    if not req.path.startswith("/api/"):
        return None
    header = req.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    from triage.auth.services import security_log, user_for_token

    user = user_for_token(token.strip())
    if user is None:
        security_log.warning("api token refused endpoint=%r", request.endpoint)
    return user


def _now() -> int:
    return int(time.time())


def start_session(user: User) -> None:
    """Log in on a fresh session: nothing from before the login (a planted cookie) carries over."""
    session.clear()
    login_user(user)
    session[STARTED] = session[SEEN] = _now()
    # A new CSRF token too, stored now rather than on the first page after the login.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    generate_csrf()


def check_session_age():
    """End a session idle for SESSION_IDLE_MINUTES or older than PERMANENT_SESSION_LIFETIME.

    Reads only the signed cookie: no query, and a new cookie at most once a minute.
    """
    if "_user_id" not in session or request.path.startswith("/api/"):
        return
    now = _now()
    started, seen = session.get(STARTED), session.get(SEEN)
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    if not isinstance(started, int) or not isinstance(seen, int) or now - seen > idle or now - started > lifetime:
        session.clear()
        g.pop("_login_user", None)  # anonymous from here on; the guard sends the browser to /login
        flash(EXPIRED, "info")
        return
    if now - seen >= SEEN_RESOLUTION:
        session[SEEN] = now


def init_login(app) -> None:
    app.session_interface = SessionInterface()
    login_manager.user_loader(load_user)
    login_manager.request_loader(load_from_bearer)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.login_message = "Meld je aan om deze pagina te zien."
    # Before the access guard (registered after this), which reads current_user.
    app.before_request(check_session_age)
