"""Many runners, one period: exactly one runs the body, in threads and in separate processes."""
import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import select

from tests.jobs.helpers import FROZEN, marks
from triage.extensions import db
from triage.jobs.models import JobRun, RunStatus
from triage.jobs.runner import run_job

ROOT = Path(__file__).resolve().parents[2]


def test_threads_racing_for_one_period_run_the_body_once(app, test_jobs):
    count = 8
    barrier = threading.Barrier(count)
    statuses, errors = [], []

    def runner():
        try:
            barrier.wait(5)
            statuses.append(run_job(app, "test-mark-slow", now=FROZEN).status)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=runner) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert sorted(statuses) == ["skipped"] * (count - 1) + ["succeeded"]
    with app.app_context():
        assert marks() == 1
        [run] = db.session.scalars(select(JobRun).where(JobRun.job_id == "test-mark-slow")).all()
        assert run.status == RunStatus.SUCCEEDED


def test_two_processes_and_a_thread_racing_for_one_period_run_the_body_once(app, test_jobs):
    url, instance = app.config["DATABASE_URL"], app.instance_path
    command = [sys.executable, "-m", "tests.jobs.helpers", url, instance]
    workers = [subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,  # noqa: S603
                                text=True)
               for _ in range(2)]
    try:
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready"
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        here = run_job(app, "test-mark-slow", now=FROZEN).status
        there = [worker.communicate(timeout=30)[0].strip() for worker in workers]
    finally:
        for worker in workers:
            worker.kill()
    assert sorted([here, *there]) == ["skipped", "skipped", "succeeded"]
    with app.app_context():
        assert marks() == 1
