"""Deny by default: every endpoint declares who may use it, or nobody may."""
import logging
from functools import wraps

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

PUBLIC = "public"
ANY_STAFF = "any_staff"
security_log = logging.getLogger("triage.security")


def public(view):
    """Reachable without logging in."""
    view.access = PUBLIC
    return view


def any_staff(view):
    """Any logged-in, active account."""
    view.access = ANY_STAFF
    return view


def roles(*allowed: str):
    """Only logged-in accounts with one of these roles."""

    def decorate(view):
        view.access = frozenset(allowed)
        return view

    return decorate


def access_rule(endpoint: str):
    """The declared rule of an endpoint, or None when it has none (then nobody gets in)."""
    view = current_app.view_functions.get(endpoint)
    if view is None:
        return None
    # Flask-WTF / other decorators may wrap; follow __wrapped__ to the declared function.
    while view is not None and not hasattr(view, "access"):
        view = getattr(view, "__wrapped__", None)
    return getattr(view, "access", None)


def allowed(rule, user) -> bool:
    if rule == PUBLIC:
        return True
    if rule is None or not user.is_authenticated:
        return False
    if rule == ANY_STAFF:
        return True
    return user.role in rule


def check_access():
    endpoint = request.endpoint
    if endpoint is None:
        return None  # 404 / 405 are answered by Flask itself
    if endpoint == "static":
        return None
    rule = access_rule(endpoint)
    if rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if not allowed(rule, current_user):
        security_log.warning("access denied user=%s role=%s endpoint=%r", current_user.id,
                             current_user.role.value, endpoint)
        abort(403)
    return None


def init_app(app) -> None:
    app.before_request(check_access)


def wraps_view(view):
    """functools.wraps that also keeps the access rule visible."""

    def decorate(wrapper):
        wrapped = wraps(view)(wrapper)
        if hasattr(view, "access"):
            wrapped.access = view.access
        return wrapped

    return decorate
