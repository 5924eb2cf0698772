"""Flask-Login wiring: session cookies carry a generation number; the API uses bearer tokens."""
from flask import request
from flask_login import AnonymousUserMixin

from triage.auth.models import User
from triage.extensions import db, login_manager


class Anonymous(AnonymousUserMixin):
    role = None

    def has_role(self, *_roles) -> bool:
        return False


def load_user(session_id: str):
    # The API takes bearer tokens only: a browser's session cookie never authorises it.
    if request.path.startswith("/api/"):
        return None
    user_id, _, generation = session_id.partition(":")
    if not user_id.isdigit() or not generation.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_generation != int(generation):
        return None
    return user


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

