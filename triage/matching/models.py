"""Unmet needs: requests for which no catalogue entry passed the hard rules (gaps in the offer)."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from triage.db import utcnow
from triage.extensions import db


class UnmetNeed(db.Model):
    """Anonymous facts of a gap, for the coordinators' reports: no question text, no contact."""

    __tablename__ = "unmet_needs"
    __table_args__ = (Index("ix_unmet_needs_created_at_theme", "created_at", "theme", "language", "postcode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    source: Mapped[str] = mapped_column(String(20))  # api, intake
    kind: Mapped[str] = mapped_column(String(20))
    theme: Mapped[str] = mapped_column(String(40), index=True)
    theme2: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(3))
    postcode: Mapped[str | None] = mapped_column(String(4))
    # How the question came in (the request's channel), so a channel filter needs no join; none
    # for a gap found through the triage API without a stored request.
    channel: Mapped[str | None] = mapped_column(String(20))
    needs: Mapped[list] = mapped_column(JSON, default=list)
    # What was missing: theme, kind, language, area, need, capacity, date.
    missing: Mapped[list] = mapped_column(JSON, default=list)
    help_request_id: Mapped[int | None] = mapped_column(ForeignKey("help_requests.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<UnmetNeed {self.id} {self.theme}>"
