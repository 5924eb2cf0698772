"""run_job: one claimed run per job and period, the body committed once or rolled back."""
import logging
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from tests.jobs.helpers import FROZEN, marks
from triage.db import utcnow
from triage.extensions import db
from triage.jobs.models import JobRun, RunStatus
from triage.jobs.registry import UnknownJob
from triage.jobs.runner import run_job


def runs(job_id):
    return db.session.scalars(select(JobRun).where(JobRun.job_id == job_id).order_by(JobRun.id)).all()


def test_a_run_writes_its_work_and_a_succeeded_run_for_the_brussels_day(app, test_jobs):
    result = run_job(app, "test-mark", now=FROZEN)
    assert (result.status, result.period, result.summary) == ("succeeded", "2026-11-26", "1 merkteken geschreven")
    with app.app_context():
        assert marks() == 1
        [run] = runs("test-mark")
        assert (run.period, run.status, run.error) == ("2026-11-26", RunStatus.SUCCEEDED, None)
        assert run.finished_at >= run.started_at


def test_a_second_run_for_the_same_period_is_skipped(app, test_jobs):
    assert run_job(app, "test-mark", now=FROZEN).status == "succeeded"
    later_that_day = FROZEN + timedelta(hours=20)  # 23:10 in Brussels, still 26 November
    result = run_job(app, "test-mark", now=later_that_day)
    assert (result.status, result.ran) == ("skipped", False)
    with app.app_context():
        assert marks() == 1
        assert len(runs("test-mark")) == 1


def test_the_next_period_runs_again(app, test_jobs):
    run_job(app, "test-mark", now=FROZEN)
    assert run_job(app, "test-mark", now=FROZEN + timedelta(days=1)).period == "2026-11-27"
    with app.app_context():
        assert marks() == 2


def test_a_failing_body_is_rolled_back_and_recorded_by_type_only(app, test_jobs, caplog, monkeypatch):
    # Alembic's fileConfig (the app fixture migrates) disables loggers that existed before it.
    monkeypatch.setattr(logging.getLogger("triage.jobs.runner"), "disabled", False)
    caplog.set_level(logging.INFO)
    result = run_job(app, "test-fail", now=FROZEN)  # does not raise
    assert (result.status, result.error) == ("failed", "tests.jobs.helpers.PersonalDataError")
    with app.app_context():
        assert marks() == 0  # what the body wrote is gone
        [run] = runs("test-fail")
        assert (run.status, run.error, run.summary) == (RunStatus.FAILED, "tests.jobs.helpers.PersonalDataError", None)
        assert run.finished_at is not None
    assert "PersonalDataError" in caplog.text
    assert "Jan Peeters" not in caplog.text


def test_a_failed_period_is_not_retried_but_the_next_one_runs(app, test_jobs, monkeypatch):
    run_job(app, "test-fail", now=FROZEN)
    assert run_job(app, "test-fail", now=FROZEN).status == "skipped"
    from triage.jobs import registry

    # The body is fixed before the next day: swap the job for one that works.

    fixed = registry.Job("test-fail", "hersteld", registry.daily("03:10"), test_jobs.write_mark)
    monkeypatch.setattr(registry, "JOBS", tuple(j for j in registry.JOBS if j.id != "test-fail") + (fixed,))
    assert run_job(app, "test-fail", now=FROZEN + timedelta(days=1)).status == "succeeded"
    with app.app_context():
        assert [r.status for r in runs("test-fail")] == [RunStatus.FAILED, RunStatus.SUCCEEDED]
        assert marks() == 1


def test_force_always_runs_under_a_manual_period(app, test_jobs):
    first = run_job(app, "test-mark", now=FROZEN, force=True)
    second = run_job(app, "test-mark", now=FROZEN, force=True)
    assert first.status == second.status == "succeeded"
    assert first.period.startswith("manual-") and first.period != second.period
    assert len(first.period) <= 32
    with app.app_context():
        assert marks() == 2


def _claim(app, job_id, period, age):
    with app.app_context():
        db.session.add(JobRun(job_id=job_id, period=period, status=RunStatus.RUNNING,
                              started_at=utcnow() - age))
        db.session.commit()


def test_a_stale_running_claim_is_retaken(app, test_jobs):
    _claim(app, "test-mark", "2026-11-26", age=timedelta(hours=2))  # its runner died
    assert run_job(app, "test-mark", now=FROZEN).status == "succeeded"
    with app.app_context():
        [run] = runs("test-mark")
        assert run.status == RunStatus.SUCCEEDED
        assert run.started_at > utcnow() - timedelta(minutes=1)
        assert marks() == 1


def test_a_recent_running_claim_is_left_alone(app, test_jobs):
    _claim(app, "test-mark", "2026-11-26", age=timedelta(minutes=10))
    assert run_job(app, "test-mark", now=FROZEN).status == "skipped"
    with app.app_context():
        assert marks() == 0


def test_the_stale_timeout_is_configurable(app, test_jobs, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_STALE_AFTER_SECONDS", 60)
    _claim(app, "test-mark", "2026-11-26", age=timedelta(minutes=10))
    assert run_job(app, "test-mark", now=FROZEN).status == "succeeded"


def test_a_runner_whose_claim_was_retaken_meanwhile_rolls_back(app, test_jobs, monkeypatch):
    from triage.jobs import registry

    def retaken_while_running(now):
        # Another runner judges our claim stale and takes it over, on its own connection.
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE job_runs SET started_at = :t WHERE job_id = 'test-retaken'"),
                         {"t": utcnow() + timedelta(seconds=1)})
        return test_jobs.write_mark(now)

    job = registry.Job("test-retaken", "test", registry.daily("03:10"), retaken_while_running)
    monkeypatch.setattr(registry, "JOBS", registry.JOBS + (job,))
    assert run_job(app, "test-retaken", now=FROZEN).status == "skipped"
    with app.app_context():
        assert marks() == 0
        assert runs("test-retaken")[0].status == RunStatus.RUNNING  # left to its new owner


def test_an_unknown_job_raises(app):
    with pytest.raises(UnknownJob):
        run_job(app, "bestaat-niet", now=FROZEN)


def test_a_daily_time_that_occurs_twice_when_summer_time_ends_runs_once(app, test_jobs, monkeypatch):
    from datetime import UTC

    from apscheduler.triggers.cron import CronTrigger

    from triage.jobs import registry
    from triage.jobs.schedules import BRUSSELS

    job = registry.Job("test-0230", "test", registry.daily("02:30"), test_jobs.write_mark)
    monkeypatch.setattr(registry, "JOBS", registry.JOBS + (job,))
    trigger = CronTrigger(timezone=BRUSSELS, **job.trigger)
    first = trigger.get_next_fire_time(None, datetime(2026, 10, 25, tzinfo=BRUSSELS))
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    # APScheduler fires at 02:30 summer time and again at 02:30 winter time; the day key dedups.
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert [run_job(app, "test-0230", now=t).status for t in (first, second)] == ["succeeded", "skipped"]
