"""An outbox message: queued with the change that causes it, sent (and retried) by the outbox job."""
import enum
from datetime import datetime

from sqlalchemy import Enum, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from triage.db import utcnow
from triage.extensions import db


class MessageStatus(str, enum.Enum):
    QUEUED = "queued"  # waiting, or retried after a failure: never given up
    SENT = "sent"


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # plain text
    # What caused it, e.g. "referral_new", "referral_reminder"; for reports and tests, not for sending.
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[MessageStatus] = mapped_column(
        Enum(MessageStatus, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=MessageStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    # Due time; while a sender holds it, a lease in the future (so a crashed sender's message comes back).
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The exception type only: SMTP replies may quote addresses.
    last_error: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # Optional link to what it is about, e.g. ("referral", 12); no foreign key: notify knows no domain.
    related_type: Mapped[str | None] = mapped_column(String(40))
    related_id: Mapped[int | None]

    def __repr__(self) -> str:
        return f"<Message {self.id} {self.kind} {self.status.value}>"
