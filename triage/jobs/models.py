"""Job runs, one row per job and period (the claim that keeps a run to one runner), and scheduler heartbeats."""
import enum
from datetime import datetime

from sqlalchemy import Enum, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from triage.db import utcnow
from triage.extensions import db


class RunStatus(str, enum.Enum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class JobRun(db.Model):
    """A claimed run: inserting the row is the lock, so (job_id, period) is unique."""

    __tablename__ = "job_runs"
    __table_args__ = (
        UniqueConstraint("job_id", "period", name="uq_job_runs_job_id_period"),
        Index("ix_job_runs_job_id_started_at", "job_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(64))
    # Brussels date ("2026-11-26") or slot ("2026-11-26T14:05"), or "manual-..." for a forced run.
    period: Mapped[str] = mapped_column(String(32))
    status: Mapped[RunStatus] = mapped_column(
        Enum(RunStatus, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    summary: Mapped[str | None] = mapped_column(String(200))
    # The exception type only: messages may hold personal data.
    error: Mapped[str | None] = mapped_column(String(100))

    def __repr__(self) -> str:
        return f"<JobRun {self.job_id} {self.period} {self.status.value}>"


class SchedulerHeartbeat(db.Model):
    """One row per scheduler process ("host:pid"), touched every 30 seconds while it runs."""

    __tablename__ = "scheduler_heartbeats"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<SchedulerHeartbeat {self.name} {self.last_seen:%Y-%m-%d %H:%M:%S}>"
