"""Job bodies: each a short wrapper around one service; takes now, flushes, returns a short summary."""
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete

from triage.auth.throttle import prune
from triage.extensions import db
from triage.jobs.models import JobRun, RunStatus
from triage.notify.services import prune_sent
from triage.privacy.erasure import erase_expired
from triage.referrals.email_links import prune_used


def prune_login_attempts(now: datetime) -> str:
    return f"{prune()} oude mislukte aanmeldpogingen verwijderd"


def retrain_classifier(now: datetime) -> str:
    """Nightly: learn from the kinds and themes staff confirmed or corrected at the counter."""
    # Imported here: scikit-learn and the model load only when this job runs.
    from triage.classify.store import retrain
    from triage.intake.queries import confirmed_examples

    return retrain(confirmed_examples()).summary()


def _naive_utc(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now


def prune_job_runs(now: datetime) -> str:
    """Finished runs older than JOB_RUNS_KEEP_DAYS; the every-minute outbox job alone writes 1440 a day."""
    cutoff = _naive_utc(now) - timedelta(days=current_app.config["JOB_RUNS_KEEP_DAYS"])
    result = db.session.execute(delete(JobRun).where(JobRun.status != RunStatus.RUNNING, JobRun.started_at < cutoff)
                                .execution_options(synchronize_session=False))
    return f"{result.rowcount} oude taakrun(s) verwijderd"


def erase_expired_personal_data(now: datetime) -> str:
    """Retention: personal data of requests finished more than RETENTION_MONTHS ago; the reports keep counting."""
    config = current_app.config
    return erase_expired(_naive_utc(now), config["RETENTION_MONTHS"], config["RETENTION_BATCH_SIZE"]).summary()


def prune_outbox(now: datetime) -> str:
    """Sent messages after OUTBOX_KEEP_DAYS (they quote questions), used link nonces once their links expired."""
    messages = prune_sent(_naive_utc(now), current_app.config["OUTBOX_KEEP_DAYS"])
    return f"{messages} verstuurde bericht(en) en {prune_used(_naive_utc(now))} gebruikte link(s) verwijderd"
