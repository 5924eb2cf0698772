"""Trained classifier versions, stored in the database so every server loads the same one."""
from datetime import datetime

from sqlalchemy import JSON, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from triage.db import utcnow
from triage.extensions import db


class ClassifierModel(db.Model):
    __tablename__ = "classifier_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The one in use; retraining switches it only when the new model scores at least as well.
    active: Mapped[bool] = mapped_column(default=False, index=True)
    examples: Mapped[int] = mapped_column(default=0)
    extra_labels: Mapped[int] = mapped_column(default=0)
    data_hash: Mapped[str] = mapped_column(String(64))
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(String(300))
    blob: Mapped[bytes] = deferred(mapped_column(LargeBinary))

    def __repr__(self) -> str:
        return f"<ClassifierModel {self.version}{' active' if self.active else ''}>"
