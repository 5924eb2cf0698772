"""A citizen's question as logged by counter staff: a help request."""
import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, Float, ForeignKey, Index, String, Text, event, insert, text
from sqlalchemy.orm import Mapped, mapped_column

from triage.db import utcnow
from triage.extensions import db


class Channel(str, enum.Enum):
    BALIE = "balie"
    TELEFOON = "telefoon"
    HUISBEZOEK = "huisbezoek"
    EMAIL = "e-mail"


class RequestStatus(str, enum.Enum):
    OPEN = "open"          # logged, not yet referred (or every referral declined)
    POOL = "pool"          # a hulpvraag any suitable digihelper may pick up
    REFERRED = "referred"  # has a live referral
    SOLVED = "solved"      # helped at the counter ("ter plaatse geholpen")
    GAP = "gap"            # no fitting offer: an unmet need
    CLOSED = "closed"      # its referral closed with an outcome


def _enum(cls):
    return Enum(cls, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class HelpRequest(db.Model):
    __tablename__ = "help_requests"
    # For the reports: a filtered report is a range on created_at over an index that holds every
    # column it reads, so counting never touches the (wide) rows; one citizen's requests in order.
    __table_args__ = (
        Index("ix_help_requests_report", "created_at", "kind", "theme", "channel", "postcode", "gap", "status"),
        Index("ix_help_requests_citizen_key", "citizen_key", "created_at", "kind"),
        # The open pool: a digihelper's list and count read only the few pooled requests, in order.
        Index("ix_help_requests_pool", "created_at", postgresql_where=text("status = 'pool'"),
              sqlite_where=text("status = 'pool'")),
        # The counter's lists: waiting (by status, oldest first) and mine (newest first).
        Index("ix_help_requests_status_created_at", "status", "created_at"),
        Index("ix_help_requests_created_by_id_created_at", "created_by_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Short code the citizen gets on the slip, e.g. K7M-4QX.
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    question: Mapped[str] = mapped_column(Text)
    channel: Mapped[Channel] = mapped_column(_enum(Channel), default=Channel.BALIE)
    language: Mapped[str] = mapped_column(String(3), default="nl")
    postcode: Mapped[str | None] = mapped_column(String(4), index=True)
    needs: Mapped[list] = mapped_column(JSON, default=list)
    target_groups: Mapped[list] = mapped_column(JSON, default=list)
    predicted_kind: Mapped[str | None] = mapped_column(String(20))
    predicted_themes: Mapped[list] = mapped_column(JSON, default=list)
    confidence: Mapped[float | None] = mapped_column(Float)
    # The classifier's reasons, shown to staff beside the prediction.
    explanation: Mapped[list] = mapped_column(JSON, default=list)
    confirmed_kind: Mapped[str | None] = mapped_column(String(20))
    confirmed_themes: Mapped[list | None] = mapped_column(JSON)
    # What counts (confirmed, else predicted), kept in columns so reports can group by them.
    kind: Mapped[str | None] = mapped_column(String(20))
    theme: Mapped[str | None] = mapped_column(String(40))
    theme2: Mapped[str | None] = mapped_column(String(40))
    gap: Mapped[bool] = mapped_column(default=False)
    status: Mapped[RequestStatus] = mapped_column(_enum(RequestStatus), default=RequestStatus.OPEN)
    # Outcome when solved at the counter, and a short note.
    outcome: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # A form's or API client's key: a double submit creates one request.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Contact details only with consent, erased when retention ends.
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    # Without phone or e-mail: how else to reach the citizen ("via de buurvrouw", "komt zelf terug").
    contact_reach_by: Mapped[str | None] = mapped_column(String(200))
    contact_consent: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]
    # Online services the question names (intake.online_services), copied to request_services.
    services: Mapped[list] = mapped_column(JSON, default=list)
    # HMAC of the phone number or e-mail given with consent (intake.citizens): the same citizen's
    # later requests carry the same key, so reports can follow a hulpvraag to a leervraag anonymously.
    citizen_key: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<HelpRequest {self.reference}>"


class RequestService(db.Model):
    """One online service named by a request, with the request's time: counted per period by an index."""

    __tablename__ = "request_services"
    __table_args__ = (Index("ix_request_services_created_at_service", "created_at", "service"),)

    request_id: Mapped[int] = mapped_column(ForeignKey("help_requests.id", ondelete="CASCADE"), primary_key=True)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime]

    def __repr__(self) -> str:
        return f"<RequestService {self.request_id} {self.service}>"


@event.listens_for(HelpRequest, "after_insert")
def _link_services(_mapper, connection, target: HelpRequest) -> None:
    # Every request stored through the ORM gets its link rows in the same flush; bulk loads
    # (demo.generate) write them themselves.
    if target.services:
        connection.execute(insert(RequestService.__table__), [
            {"request_id": target.id, "service": code, "created_at": target.created_at}
            for code in dict.fromkeys(target.services)])
