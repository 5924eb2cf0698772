"""The admin's page on the audit log: read, filter, page through; there is no route that changes it."""
from datetime import UTC, datetime, time, timedelta

from flask import Blueprint, render_template, request
from sqlalchemy import select

from triage.auth.models import ROLE_LABELS, User
from triage.catalogue.times import BRUSSELS
from triage.extensions import db
from triage.privacy.forms import AuditFilterForm
from triage.privacy.models import ACTIONS, OBJECT_TYPES, AuditEntry
from triage.web.guard import roles
from triage.web.i18n import gettext as _
from triage.web.pagination import paginate_rows

bp = Blueprint("audit", __name__, url_prefix="/beheer/audit")


def _utc(day, days_later: int = 0) -> datetime:
    """The start of a Brussels day (plus days_later) as naive UTC."""
    local = datetime.combine(day + timedelta(days=days_later), time(), tzinfo=BRUSSELS)
    return local.astimezone(UTC).replace(tzinfo=None)


def _filtered(form: AuditFilterForm):
    query = (select(AuditEntry, User.name, User.role).outerjoin(User, User.id == AuditEntry.actor_id)
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    if form.actor.data == "systeem":
        query = query.where(AuditEntry.actor_id.is_(None))
    elif form.actor.data:
        query = query.where(AuditEntry.actor_id == int(form.actor.data))
    if form.reference.data:
        query = query.where(AuditEntry.reference == form.reference.data.strip().upper())
    if form.action.data:
        query = query.where(AuditEntry.action == form.action.data)
    if form.start.data:
        query = query.where(AuditEntry.at >= _utc(form.start.data))
    if form.end.data:
        query = query.where(AuditEntry.at < _utc(form.end.data, 1))
    return query


@bp.get("/")
@roles("admin")
def index():
    form = AuditFilterForm(request.args)
    people = db.session.execute(select(User.id, User.name, User.role).order_by(User.name)).all()
    form.actor.choices = [("", _("Iedereen")), ("systeem", _("Systeem (taken, commando's, e-maillinks)")),
                          *((str(uid), f"{name} ({ROLE_LABELS[role.value]})") for uid, name, role in people)]
    valid = form.validate()
    page = paginate_rows(_filtered(form)) if valid else None
    filtered = any(request.args.get(k) for k in ("actor", "reference", "action", "start", "end"))
    return render_template("privacy/audit.html", form=form, page=page, filtered=filtered, actions=ACTIONS,
                           object_types=OBJECT_TYPES, role_labels=ROLE_LABELS), 200 if valid else 400
