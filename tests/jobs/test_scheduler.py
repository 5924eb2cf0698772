"""The scheduler: built from the job table, never started by create_app, its own process with a heartbeat."""
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from sqlalchemy import select

from tests.conftest import settings_for
from triage import create_app
from triage.db import utcnow
from triage.extensions import db
from triage.jobs import registry, scheduler
from triage.jobs.models import SchedulerHeartbeat
from triage.jobs.schedules import BRUSSELS

ROOT = Path(__file__).resolve().parents[2]


def test_create_app_starts_no_scheduler(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("a scheduler was started")

    monkeypatch.setattr(BaseScheduler, "start", refuse)
    create_app(settings_for(tmp_path))
    assert not [t for t in threading.enumerate() if "APScheduler" in t.name]


def test_each_job_gets_a_brussels_cron_trigger_and_there_is_a_heartbeat(app):
    built = scheduler.build_scheduler(app, BackgroundScheduler)
    jobs = {job.id: job for job in built.get_jobs()}
    assert set(jobs) == {job.id for job in registry.JOBS} | {"heartbeat"}
    midnight = datetime(2026, 11, 26, tzinfo=BRUSSELS)
    for job_id, hour, minute in (("prune-login-attempts", 3, 10), ("retrain-classifier", 2, 30)):
        fires = jobs[job_id].trigger.get_next_fire_time(None, midnight)
        assert fires == midnight.replace(hour=hour, minute=minute)
    assert jobs["heartbeat"].trigger.interval == timedelta(seconds=30)
    assert not built.running


def test_a_trigger_that_fails_to_run_its_job_keeps_the_scheduler_alive(app, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(scheduler, "run_job", broken)
    scheduler.fire(app, "prune-login-attempts")  # logs the type, raises nothing


def test_the_heartbeat_records_this_process_and_forgets_long_gone_ones(app):
    with app.app_context():
        db.session.add(SchedulerHeartbeat(name="old:1", last_seen=utcnow() - timedelta(days=30)))
        db.session.commit()
    scheduler.beat(app, "host:42")
    with app.app_context():
        first = db.session.scalar(select(SchedulerHeartbeat.last_seen).where(SchedulerHeartbeat.name == "host:42"))
    scheduler.beat(app, "host:42")
    with app.app_context():
        beats = db.session.scalars(select(SchedulerHeartbeat)).all()
        assert [b.name for b in beats] == ["host:42"]
        assert beats[0].last_seen >= first


def test_flask_jobs_run_beats_and_stops_on_sigterm(app):
    env = {**os.environ, "TRIAGE_DATABASE_URL": app.config["DATABASE_URL"],
           "TRIAGE_INSTANCE_PATH": app.instance_path, "TRIAGE_SECRET_KEY": "test-secret-key"}
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "triage", "jobs", "run"], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        beat = None
        while beat is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            with app.app_context():
                beat = db.session.scalar(select(SchedulerHeartbeat))
                db.session.remove()
        assert beat is not None and beat.name.endswith(f":{process.pid}")
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=15)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert "Planner gestopt." in stderr
