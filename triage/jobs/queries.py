"""Reads for `flask jobs list` and a later /healthz: last run of a job, the latest scheduler heartbeat."""
from datetime import datetime

from sqlalchemy import select

from triage.catalogue.times import from_utc_naive
from triage.extensions import db
from triage.jobs.models import JobRun, RunStatus, SchedulerHeartbeat

STATUS_LABELS = {RunStatus.RUNNING: "bezig", RunStatus.SUCCEEDED: "geslaagd", RunStatus.FAILED: "mislukt"}


def last_run(job_id: str) -> JobRun | None:
    return db.session.scalar(
        select(JobRun).where(JobRun.job_id == job_id).order_by(JobRun.started_at.desc()).limit(1))


def latest_heartbeat() -> SchedulerHeartbeat | None:
    return db.session.scalar(select(SchedulerHeartbeat).order_by(SchedulerHeartbeat.last_seen.desc()).limit(1))


def local_time(value: datetime) -> str:
    return f"{from_utc_naive(value):%d-%m-%Y %H:%M:%S}"


def describe_run(run: JobRun | None) -> str:
    """'laatste run 2026-11-26: geslaagd op 26-11-2026 03:10:02 (3 ... verwijderd)', in Dutch."""
    if run is None:
        return "nog niet gedraaid"
    text = f"laatste run {run.period}: {STATUS_LABELS[run.status]} op {local_time(run.started_at)}"
    if run.error:
        text += f" ({run.error})"
    elif run.summary:
        text += f" ({run.summary})"
    return text
