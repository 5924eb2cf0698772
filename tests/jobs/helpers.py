"""Test jobs that leave a countable mark in the database; run as a module, a second runner process."""
import sys
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from triage.auth.models import LoginAttempt
from triage.extensions import db
from triage.jobs import registry
from triage.jobs.schedules import daily

MARK = "job-test-mark"
# 03:10 in Brussels on 26 November 2026.
FROZEN = datetime(2026, 11, 26, 2, 10, tzinfo=UTC)


class PersonalDataError(Exception):
    """Raised with a message that must never reach the job_runs table or the log."""


def write_mark(now: datetime, delay: float = 0.0) -> str:
    db.session.add(LoginAttempt(account_key=MARK, address_key=f"{now:%Y%m%dT%H%M%S}"))
    db.session.flush()
    time.sleep(delay)  # keeps the body running while other runners try to claim the period
    return "1 merkteken geschreven"


def write_mark_slowly(now: datetime) -> str:
    return write_mark(now, delay=0.4)


def write_mark_then_fail(now: datetime) -> str:
    write_mark(now)
    raise PersonalDataError("dossier van Jan Peeters, 0470 12 34 56")


TEST_JOBS = (
    registry.Job("test-mark", "Testtaak: schrijft een merkteken", daily("03:10"), write_mark),
    registry.Job("test-mark-slow", "Testtaak: schrijft traag een merkteken", daily("03:10"),
                 "tests.jobs.helpers.write_mark_slowly"),
    registry.Job("test-fail", "Testtaak: schrijft en faalt", daily("03:10"), write_mark_then_fail),
)


def install() -> None:
    """Add the test jobs to the registry (tests use monkeypatch; the worker process this)."""
    registry.JOBS = registry.JOBS + TEST_JOBS


def marks() -> int:
    return db.session.scalar(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.account_key == MARK))


def main(url: str, instance: str) -> None:
    """A second runner: build the app, say ready, wait for 'go' on stdin, run test-mark-slow, print the status."""
    from triage import create_app
    from triage.jobs.runner import run_job

    app = create_app({"TESTING": True, "DATABASE_URL": url, "INSTANCE_PATH": instance,
                      "SECRET_KEY": "test-secret-key"})
    install()
    print("ready", flush=True)
    sys.stdin.readline()
    print(run_job(app, "test-mark-slow", now=FROZEN).status, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
