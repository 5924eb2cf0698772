"""flask jobs list and flask jobs run-once."""
from datetime import timedelta

from sqlalchemy import select

from tests.jobs.helpers import marks
from triage.auth.models import LoginAttempt
from triage.db import utcnow
from triage.extensions import db
from triage.jobs.models import JobRun, RunStatus
from triage.jobs.runner import run_job


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["jobs", *args])


def test_list_shows_every_job_with_schedule_and_no_run_yet(app):
    result = invoke(app, "list")
    assert result.exit_code == 0, result.output
    assert "prune-login-attempts\tdagelijks om 03:10\tMislukte aanmeldpogingen" in result.output
    assert "retrain-classifier\tdagelijks om 02:30" in result.output
    assert "nog niet gedraaid" in result.output
    assert "Planner: nog nooit gezien" in result.output


def test_list_shows_the_last_run_and_its_status(app, test_jobs):
    run_job(app, "test-fail", now=test_jobs.FROZEN)
    run_job(app, "test-mark", now=test_jobs.FROZEN)
    output = invoke(app, "list").output
    assert ("test-mark\tdagelijks om 03:10\tTesttaak: schrijft een merkteken\t"
            "laatste run 2026-11-26: geslaagd op ") in output
    assert "(1 merkteken geschreven)" in output
    assert "laatste run 2026-11-26: mislukt op " in output and "(tests.jobs.helpers.PersonalDataError)" in output


def test_run_once_prunes_old_login_attempts_and_records_a_manual_run(app):
    with app.app_context():
        db.session.add_all([LoginAttempt(account_key="a", address_key="b", at=utcnow() - timedelta(days=2)),
                            LoginAttempt(account_key="c", address_key="d")])
        db.session.commit()
    result = invoke(app, "run-once", "prune-login-attempts", "--now", "2026-11-26T03:10:00")
    assert result.exit_code == 0, result.output
    assert "geslaagd: 1 oude mislukte aanmeldpogingen verwijderd" in result.output
    with app.app_context():
        assert [a.account_key for a in db.session.scalars(select(LoginAttempt))] == ["c"]
        [run] = db.session.scalars(select(JobRun)).all()
        assert run.job_id == "prune-login-attempts" and run.period.startswith("manual-")
        assert run.status == RunStatus.SUCCEEDED


def test_run_once_runs_even_when_the_period_already_ran(app, test_jobs):
    run_job(app, "test-mark", now=test_jobs.FROZEN)
    result = invoke(app, "run-once", "test-mark", "--now", "2026-11-26T03:10:00+01:00")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert marks() == 2


def test_run_once_of_a_failing_job_says_so_and_exits_1(app, test_jobs):
    result = invoke(app, "run-once", "test-fail")
    assert result.exit_code == 1
    assert "mislukt (tests.jobs.helpers.PersonalDataError)" in result.output
    assert "Jan Peeters" not in result.output


def test_run_once_of_an_unknown_job_is_a_clear_error(app):
    result = invoke(app, "run-once", "bestaat-niet")
    assert result.exit_code == 1
    assert "Fout: onbekende taak 'bestaat-niet'; bekende taken: " in result.output
    assert "prune-login-attempts" in result.output
    with app.app_context():
        assert db.session.scalars(select(JobRun)).all() == []


def test_run_once_refuses_a_bad_now(app):
    result = invoke(app, "run-once", "prune-login-attempts", "--now", "morgen")
    assert result.exit_code == 2
    assert "ongeldige datum en tijd 'morgen'" in result.output
