"""The audit log: who viewed, changed, exported or erased a citizen's data, and when; append-only."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from triage.db import utcnow
from triage.extensions import db
from triage.web.i18n import lazy_gettext as _l

# The actions (the codes the log stores), with the word the admin page shows.
ACTIONS = {
    "viewed": _l("bekeken"),
    "created": _l("aangemaakt"),
    "changed": _l("gewijzigd"),
    "searched": _l("gezocht"),
    "exported": _l("geëxporteerd"),
    "erased": _l("gewist"),
}
OBJECT_TYPES = {"request": _l("vraag"), "referral": _l("doorverwijzing"), "citizen": _l("burger")}


class AuditEntry(db.Model):
    """One access to personal data. Holds which record and who, never the data itself.

    Migration 0006 adds triggers that refuse every UPDATE and DELETE of these rows, so not even a
    bug in the app can rewrite the log; the app has no route that tries.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_reference_at", "reference", "at"),
        Index("ix_audit_log_actor_id_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # None: the system (a scheduled job, a command) or the holder of an e-mail link without an account.
    # No ON DELETE: an account that appears in the log cannot be deleted (accounts are switched off).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[str | None] = mapped_column(String(40))
    # The request's reference code (also for its referrals), so one filter finds everything about it.
    reference: Mapped[str | None] = mapped_column(String(12))
    # Where it happened: the page or API endpoint, "taak ..." for a job, "commando ..." for the CLI.
    via: Mapped[str | None] = mapped_column(String(64))
    # Names of changed fields, a count, a reason: never a value typed about a citizen.
    detail: Mapped[str | None] = mapped_column(String(200))

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} {self.object_type} {self.object_id}>"
