"""The start page, the health check and the gemeente's logo."""
from pathlib import Path

from flask import Blueprint, current_app, jsonify, redirect, render_template, send_from_directory
from sqlalchemy import text

from triage.extensions import db
from triage.web.branding import LOGO_CSP, LOGO_TYPES, instance_logo, logo_url
from triage.web.guard import any_staff, public

bp = Blueprint("main", __name__)


@bp.get("/")
@any_staff
def index():
    return render_template("main/index.html")


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return jsonify({"status": "error", "database": False}), 503
    return jsonify({"status": "ok", "database": True})


@bp.get("/logo")
@public
def logo():
    """TOWN_LOGO from the instance folder (checked at start-up); the login page shows it too."""
    name = instance_logo()
    if name is None:
        return redirect(logo_url())
    response = send_from_directory(current_app.instance_path, name, max_age=24 * 3600,
                                   mimetype=LOGO_TYPES[Path(name).suffix.lower()])
    response.headers["Content-Security-Policy"] = LOGO_CSP
    return response
