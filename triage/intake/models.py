"""A citizen's question as logged by counter staff: a help request."""
import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, Float, ForeignKey, String, Text
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
    kind: Mapped[str | None] = mapped_column(String(20), index=True)
    theme: Mapped[str | None] = mapped_column(String(40), index=True)
    theme2: Mapped[str | None] = mapped_column(String(40))
    gap: Mapped[bool] = mapped_column(default=False)
    status: Mapped[RequestStatus] = mapped_column(_enum(RequestStatus), default=RequestStatus.OPEN, index=True)
    # Outcome when solved at the counter, and a short note.
    outcome: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    # A form's or API client's key: a double submit creates one request.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Contact details only with consent, erased when retention ends.
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_consent: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"<HelpRequest {self.reference}>"
