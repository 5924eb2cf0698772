"""Flask-Login wiring: session cookies carry a generation number; the API uses bearer tokens."""
from functools import cache

from flask import request
from flask_login import AnonymousUserMixin
from sqlalchemy import bindparam, select

from triage.auth.models import Role, User
from triage.extensions import db, login_manager


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
    from triage.auth.services import user_for_token

    return user_for_token(token.strip())


def init_login(app) -> None:
    login_manager.user_loader(load_user)
    login_manager.request_loader(load_from_bearer)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    login_manager.login_message = "Meld je aan om deze pagina te zien."
