"""The start page, the health check and the gemeente's logo."""
from pathlib import Path

from flask import Blueprint, current_app, jsonify, redirect, render_template, send_from_directory
from sqlalchemy import func, select, text

from triage.db import utcnow
from triage.extensions import db
from triage.web.branding import LOGO_CSP, LOGO_TYPES, instance_logo, logo_url
from triage.web.guard import any_staff, public

bp = Blueprint("main", __name__)


@bp.get("/")
@any_staff
def index():
    return render_template("main/index.html")


def _heartbeat_age() -> float | None:
    """Seconds since the most recent scheduler heartbeat, or None when no scheduler ever ran.

    The table belongs to jobs (row 5, below web): it is read by name, not imported.
    """
    table = db.metadata.tables["scheduler_heartbeats"]
    last = db.session.scalar(select(func.max(table.c.last_seen)))
    return None if last is None else max((utcnow() - last).total_seconds(), 0.0)


@bp.get("/healthz")
@public
def healthz():
    """For load balancers: 503 when the database does not answer, or (if configured) the scheduler is silent.

    The body holds the status and ages only: no names, hosts or data.
    """
    try:
        db.session.execute(text("SELECT 1"))
        age = _heartbeat_age()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return jsonify({"status": "error", "database": False}), 503
    stale = age is None or age > current_app.config["HEALTHZ_HEARTBEAT_MAX_AGE"]
    scheduler = {"ok": not stale, "heartbeat_age_seconds": None if age is None else round(age, 1)}
    if stale and current_app.config["HEALTHZ_REQUIRE_SCHEDULER"]:
        return jsonify({"status": "error", "database": True, "scheduler": scheduler}), 503
    return jsonify({"status": "degraded" if stale else "ok", "database": True, "scheduler": scheduler})


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
