"""Pages that show a citizen's data, and Core writes the ORM does not see, note it here; the privacy
module writes the notes to the audit log.

A view calls viewed(...) for each record it shows. After the view, an after_request hook installed
by triage.privacy.audit writes the notes in a short write transaction of its own: on SQLite a GET
reads in a deferred transaction (web/transactions.py), which must not turn into a write. When that
write fails, the page is replaced by an error page: nothing personal is shown without a trace.
"""
from dataclasses import dataclass

from flask import g

from triage.extensions import db

# Changes made without the ORM, written to the audit log in the same transaction when it commits.
PENDING = "audit_changes"


@dataclass(frozen=True)
class Noted:
    action: str  # viewed, searched, exported
    object_type: str  # request, referral, citizen
    object_id: str | None
    reference: str | None
    detail: str | None


def viewed(object_type: str, object_id, reference: str | None = None, detail: str | None = None,
           action: str = "viewed") -> None:
    """Note that this response shows (or, with action, exports or searches) a citizen's record."""
    g.setdefault("audit_noted", []).append(
        Noted(action, object_type, None if object_id is None else str(object_id), reference, detail))


def take_noted() -> list[Noted]:
    """The notes of this request, once."""
    return g.pop("audit_noted", [])


def changed(object_type: str, object_id, reference: str | None = None, action: str = "changed",
            detail: str | None = None) -> None:
    """Note a change the ORM's audit hook cannot see (a Core insert or update) in this transaction:
    triage.privacy.audit writes it when the transaction commits, and forgets it on a rollback."""
    db.session.info.setdefault(PENDING, []).append(
        Noted(action, object_type, None if object_id is None else str(object_id), reference, detail))
