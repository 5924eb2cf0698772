"""The start page and the health check."""
from flask import Blueprint, jsonify, render_template
from sqlalchemy import text

from triage.extensions import db
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
