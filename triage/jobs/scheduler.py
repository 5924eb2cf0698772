"""The scheduler process: a Brussels cron trigger per job calling run_job, a heartbeat, stop on SIGTERM."""
import logging
import os
import signal
import socket
import threading
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import delete, select

from triage.db import utcnow
from triage.extensions import db
from triage.jobs import registry
from triage.jobs.models import SchedulerHeartbeat
from triage.jobs.runner import error_name, run_job
from triage.jobs.schedules import BRUSSELS

log = logging.getLogger(__name__)

HEARTBEAT_ID = "heartbeat"
HEARTBEAT_SECONDS = 30
# Rows of scheduler processes gone this long are removed by the next heartbeat of any other.
HEARTBEAT_KEEP = timedelta(days=7)


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:128]


def build_scheduler(app, scheduler_class=BlockingScheduler):
    """A scheduler with every job of the registry and the heartbeat, not yet started."""
    scheduler = scheduler_class(timezone=BRUSSELS, job_defaults={
        "coalesce": True, "max_instances": 1,
        # Fire late rather than not at all when the process was busy; the period still dedups.
        "misfire_grace_time": 15 * 60,
    })
    for job in registry.JOBS:
        scheduler.add_job(fire, CronTrigger(timezone=BRUSSELS, **job.trigger), args=(app, job.id),
                          id=job.id, name=job.id)
    scheduler.add_job(beat, IntervalTrigger(seconds=HEARTBEAT_SECONDS, timezone=BRUSSELS),
                      args=(app, process_name()), id=HEARTBEAT_ID, name=HEARTBEAT_ID,
                      next_run_time=datetime.now(BRUSSELS))
    return scheduler


def run_scheduler(app) -> None:
    """Run in the foreground until SIGTERM or SIGINT; running jobs finish first, a second signal stops at once."""
    scheduler = build_scheduler(app)
    signals = (signal.SIGTERM, signal.SIGINT)
    in_main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.getsignal(sig) for sig in signals} if in_main else {}

    def stop(signum, _frame):
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("signal %s: stopping once the running jobs are done", signum)
        if scheduler.running:
            scheduler.shutdown(wait=True)

    for sig in previous:
        signal.signal(sig, stop)
    log.info("scheduler %s started with %d jobs", process_name(), len(registry.JOBS))
    try:
        scheduler.start()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("scheduler %s stopped", process_name())


def fire(app, job_id: str) -> None:
    """What a trigger calls: the period comes from the fire time, which APScheduler sets to the slot."""
    try:
        run_job(app, job_id, datetime.now(UTC))
    except Exception as exc:  # noqa: BLE001 - keep the scheduler alive; log no message (personal data)
        log.error("job %s could not run: %s", job_id, error_name(exc))


def beat(app, name: str) -> None:
    """Record that this scheduler process is alive, for a /healthz to check."""
    with app.app_context():
        try:
            now = utcnow()
            row = db.session.scalar(select(SchedulerHeartbeat).where(SchedulerHeartbeat.name == name))
            if row is None:
                db.session.add(SchedulerHeartbeat(name=name, started_at=now, last_seen=now))
            else:
                row.last_seen = now
            db.session.execute(delete(SchedulerHeartbeat).where(SchedulerHeartbeat.last_seen < now - HEARTBEAT_KEEP))
            db.session.commit()
        except Exception as exc:  # noqa: BLE001
            db.session.rollback()
            log.warning("heartbeat failed: %s", error_name(exc))
        finally:
            db.session.remove()
