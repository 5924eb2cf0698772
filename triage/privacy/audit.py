"""Writing the audit log: changes in their own transaction by an ORM hook, page views after the page.

* Every ORM flush that creates, changes or deletes a help request, a referral or a referral event
  adds one audit row per record to the same transaction (after_flush), whoever made the change: a
  page, the API, an e-mail link, a job. A rolled-back change leaves no row; a committed one always
  has its row. Bulk SQL (erasure, demo loads) bypasses the hook and records its own rows.
* Views note what they show (triage.web.audit.viewed); write_noted() stores those notes after the
  view, in a transaction of their own, and shows an error page instead if it cannot.

Rows hold which record, who, when and where; never a value typed about a citizen.
"""
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from flask import current_app, g, has_request_context, make_response, request
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from triage.db import SQLITE_BEGIN, utcnow
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.privacy.models import AuditEntry
from triage.referrals.models import Referral, ReferralEvent
from triage.web.audit import PENDING, take_noted
from triage.web.errors import render_error

log = logging.getLogger(__name__)

# Set by code that acts for someone the request does not show (a job, a command, an e-mail link).
_ACTOR: ContextVar[tuple[int | None, str] | None] = ContextVar("audit_actor", default=None)


@contextmanager
def acting_as(actor_id: int | None, via: str) -> Iterator[None]:
    """Record changes made inside as made by actor_id (None: the system) through `via`."""
    token = _ACTOR.set((actor_id, via[:64]))
    try:
        yield
    finally:
        _ACTOR.reset(token)


def current_actor() -> tuple[int | None, str | None]:
    """(user id or None, where): an explicit acting_as, else the logged-in user and the endpoint."""
    explicit = _ACTOR.get()
    if explicit is not None:
        return explicit
    if not has_request_context():
        return None, "systeem"
    # The user as Flask-Login loaded it, read without a query (this may run inside a flush): an ORM
    # object's key from its identity (never a refresh), or the id of a plain snapshot of the account.
    user = g.get("_login_user")
    actor = None
    if user is not None and getattr(user, "is_authenticated", False):
        state = inspect(user, raiseerr=False)
        if state is None:
            actor = getattr(user, "id", None)
        elif state.identity:
            actor = state.identity[0]
    return actor, (request.endpoint or request.path)[:64]


def entry(action: str, object_type: str, object_id=None, reference: str | None = None,
          detail: str | None = None, actor: tuple[int | None, str | None] | None = None) -> dict:
    """The values of one audit row, for an insert."""
    actor_id, via = actor or current_actor()
    return {"at": utcnow(), "actor_id": actor_id, "action": action, "object_type": object_type,
            "object_id": None if object_id is None else str(object_id)[:40], "reference": reference,
            "via": via, "detail": (detail or None) and detail[:200]}


def record(rows: list[dict]) -> None:
    """Insert audit rows in the caller's transaction (for bulk changes the ORM hook does not see)."""
    if rows:
        db.session.execute(insert(AuditEntry.__table__), rows)


# ---- changes: the ORM hook ----

def _changed_columns(obj) -> list[str]:
    state = inspect(obj)
    return [attr.key for attr in state.mapper.column_attrs if state.attrs[attr.key].history.has_changes()]


def _seen(session: Session) -> set:
    """Records already logged in this transaction: one row per record and transaction is enough."""
    root = session.get_transaction()
    marker = session.info.get("audit_seen")
    if marker is None or marker[0] is not root:
        marker = (root, set())
        session.info["audit_seen"] = marker
    return marker[1]


def _kind(obj) -> str:
    return "request" if isinstance(obj, HelpRequest) else "referral"


def _known_reference(obj) -> str | None:
    # Read from the loaded state only: loading an attribute inside a flush is not allowed.
    return inspect(obj).dict.get("reference") if isinstance(obj, HelpRequest) else None


def _changes(session: Session) -> Iterator[tuple]:
    """(action, object type, id, detail, reference or None) for each audited record in this flush; a new
    record first, so that the steps of a referral made in the same flush do not count as a change of it."""
    for obj in session.new:
        if isinstance(obj, HelpRequest | Referral):
            yield "created", _kind(obj), obj.id, None, _known_reference(obj)
    for obj in session.dirty:
        if isinstance(obj, HelpRequest | Referral) and session.is_modified(obj, include_collections=False):
            yield "changed", _kind(obj), obj.id, ", ".join(_changed_columns(obj)), _known_reference(obj)
    for obj in session.new:
        if isinstance(obj, ReferralEvent):
            yield "changed", "referral", obj.referral_id, f"stap: {obj.kind}", None
    for obj in session.deleted:
        if isinstance(obj, HelpRequest | Referral):
            yield "erased", _kind(obj), obj.id, "verwijderd", _known_reference(obj)


def _references(connection, missing: list[tuple[str, int]]) -> dict:
    """Reference codes of the requests and referrals whose code is not loaded, in one query each."""
    found = {}
    request_ids = [i for kind, i in missing if kind == "request"]
    if request_ids:
        found.update({("request", i): ref for i, ref in connection.execute(
            select(HelpRequest.id, HelpRequest.reference).where(HelpRequest.id.in_(request_ids)))})
    referral_ids = [i for kind, i in missing if kind == "referral"]
    if referral_ids:
        found.update({("referral", i): ref for i, ref in connection.execute(
            select(Referral.id, HelpRequest.reference).join(HelpRequest, HelpRequest.id == Referral.request_id)
            .where(Referral.id.in_(referral_ids)))})
    return found


def _after_flush(session: Session, _context) -> None:
    seen = _seen(session)
    fresh = []
    for change in _changes(session):
        if (change[1], change[2]) not in seen:
            seen.add((change[1], change[2]))
            fresh.append(change)
    if not fresh:
        return
    connection = session.connection()
    references = _references(connection, [(c[1], c[2]) for c in fresh if c[4] is None])
    actor = current_actor()
    connection.execute(insert(AuditEntry.__table__), [
        entry(action, kind, object_id, reference or references.get((kind, object_id)), detail, actor)
        for action, kind, object_id, detail, reference in fresh])


def _before_commit(session: Session) -> None:
    """Write the changes noted by code that bypassed the ORM (triage.web.audit.changed)."""
    pending = session.info.pop(PENDING, None)
    if pending:
        actor = current_actor()
        session.connection().execute(insert(AuditEntry.__table__), [
            entry(n.action, n.object_type, n.object_id, n.reference, n.detail, actor) for n in pending])


def _forget_pending(session: Session, _previous=None) -> None:
    session.info.pop(PENDING, None)


def install() -> None:
    """Listen to every session's flushes and commits (once per process)."""
    for name, listener in (("after_flush", _after_flush), ("before_commit", _before_commit),
                           ("after_soft_rollback", _forget_pending)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


# ---- views: written after the page ----

def _not_seen_lately(noted: list, actor_id: int | None) -> list:
    """The notes left once views this person already had logged within AUDIT_VIEW_REPEAT_MINUTES are
    dropped: a digihelper reloading a list all morning gives one row per case and ten minutes, not
    one per reload, and a page that shows nothing new writes nothing."""
    minutes = current_app.config["AUDIT_VIEW_REPEAT_MINUTES"]
    views = [n for n in noted if n.action == "viewed"]
    if not minutes or actor_id is None or not views:
        return noted
    table = AuditEntry.__table__.c
    seen = set(db.session.connection().execute(
        select(table.object_type, table.object_id, table.detail)
        .where(table.actor_id == actor_id, table.at >= utcnow() - timedelta(minutes=minutes),
               table.action == "viewed", table.object_id.in_({n.object_id for n in views}))).all())
    return [n for n in noted if n.action != "viewed" or (n.object_type, n.object_id, n.detail) not in seen]


def write_noted(response):
    """after_request: store what the page showed, in a write transaction of its own; fail closed."""
    noted = take_noted()
    if not noted or response.status_code >= 500:  # a page with form errors (400) still showed the record
        return response
    actor = current_actor()
    try:
        noted = _not_seen_lately(noted, actor[0])
        if not noted:
            return response
        db.session.rollback()  # end the page's read; nothing of it is written
        SQLITE_BEGIN.set("IMMEDIATE")
        record([entry(n.action, n.object_type, n.object_id, n.reference, n.detail, actor) for n in noted])
        db.session.commit()
    except Exception as exc:  # noqa: BLE001 - no trace, no page
        db.session.rollback()
        log.error("audit log not written on %s: %s", request.endpoint, type(exc).__name__)
        return make_response(*render_error(500))
    return response


def init_app(app) -> None:
    """Call after the other after_request hooks are registered: Flask runs the last one first, so the
    security headers are still added to the error page that may replace the response."""
    install()
    app.after_request(write_noted)
