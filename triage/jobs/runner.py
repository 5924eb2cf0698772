"""run_job(): claim the (job, period) row, run the body, commit once; one run per period across servers."""
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from triage.db import utcnow
from triage.extensions import db
from triage.jobs.models import JobRun, RunStatus
from triage.jobs.registry import Job, get_job
from triage.jobs.schedules import as_utc

log = logging.getLogger(__name__)

# A claim still 'running' after this long belongs to a runner that died; another may take it.
DEFAULT_STALE_AFTER_SECONDS = 3600


@dataclass(frozen=True)
class RunResult:
    job_id: str
    period: str
    status: str  # "succeeded", "failed" or "skipped" (another runner has this period)
    summary: str = ""
    error: str | None = None

    @property
    def ran(self) -> bool:
        return self.status != "skipped"


def run_job(app, job_id: str, now: datetime | None = None, force: bool = False) -> RunResult:
    """Run job_id for the period holding now (naive = UTC), unless another runner claimed it.

    force=True runs under a fresh "manual-..." period, so it always runs. Raises UnknownJob;
    a failing body is rolled back, recorded as failed and not re-raised.
    """
    job = get_job(job_id)
    now = as_utc(now or datetime.now(UTC))
    period = manual_period() if force else job.period(now)
    stale_after = timedelta(seconds=app.config.get("JOBS_STALE_AFTER_SECONDS", DEFAULT_STALE_AFTER_SECONDS))
    # A context of our own: its own session, whatever context the caller is in.
    with app.app_context():
        try:
            claimed_at = _claim(job.id, period, stale_after)
            if claimed_at is None:
                log.info("job %s %s: skipped, claimed by another runner", job.id, period)
                return RunResult(job.id, period, "skipped")
            return _run(job, period, now, claimed_at)
        finally:
            db.session.remove()


def manual_period() -> str:
    return f"manual-{datetime.now(UTC):%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"


def _claim(job_id: str, period: str, stale_after: timedelta) -> datetime | None:
    """Insert the run row in a short transaction of its own; the unique key makes it the lock."""
    started = utcnow()
    db.session.add(JobRun(job_id=job_id, period=period, status=RunStatus.RUNNING, started_at=started))
    try:
        db.session.commit()
        return started
    except IntegrityError:
        db.session.rollback()
    # Taken. Retake it only from a runner that died: still running long after it started.
    started = utcnow()
    result = db.session.execute(
        update(JobRun)
        .where(JobRun.job_id == job_id, JobRun.period == period,
               JobRun.status == RunStatus.RUNNING, JobRun.started_at < started - stale_after)
        .values(started_at=started, finished_at=None, summary=None, error=None)
        .execution_options(synchronize_session=False))
    db.session.commit()
    if result.rowcount == 1:
        log.warning("job %s %s: retook a stale claim", job_id, period)
        return started
    return None


def _run(job: Job, period: str, now: datetime, claimed_at: datetime) -> RunResult:
    try:
        summary = _summary(job.resolve()(now))
        # The body's writes and the 'succeeded' mark commit together, or not at all.
        if not _finish(job.id, period, claimed_at, RunStatus.SUCCEEDED, summary=summary):
            db.session.rollback()
            log.warning("job %s %s: claim retaken by another runner; work rolled back", job.id, period)
            return RunResult(job.id, period, "skipped")
        db.session.commit()
    except Exception as exc:  # noqa: BLE001 - any failure of the body is recorded, never re-raised
        db.session.rollback()
        error = error_name(exc)
        log.error("job %s %s failed: %s", job.id, period, error)  # the type only: no personal data
        try:
            _finish(job.id, period, claimed_at, RunStatus.FAILED, error=error)
            db.session.commit()
        except Exception as record_exc:  # noqa: BLE001
            db.session.rollback()
            log.error("job %s %s: could not record the failure: %s", job.id, period, error_name(record_exc))
        return RunResult(job.id, period, "failed", error=error)
    log.info("job %s %s succeeded: %s", job.id, period, summary)
    return RunResult(job.id, period, "succeeded", summary)


def _finish(job_id: str, period: str, claimed_at: datetime, status: RunStatus, **values) -> bool:
    """Close our claim; False when another runner retook it meanwhile (started_at is our token)."""
    result = db.session.execute(
        update(JobRun)
        .where(JobRun.job_id == job_id, JobRun.period == period,
               JobRun.started_at == claimed_at, JobRun.status == RunStatus.RUNNING)
        .values(status=status, finished_at=utcnow(), **values)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def error_name(exc: BaseException) -> str:
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    return name[:100]


def _summary(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "summary") and callable(value.summary):
        value = value.summary()
    return str(value)[:200]
