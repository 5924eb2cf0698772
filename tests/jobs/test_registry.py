"""The job table: unique ids, bodies that resolve, schedules and period keys in Brussels time."""
import re
from datetime import UTC, datetime

import pytest
from apscheduler.triggers.cron import CronTrigger

from triage.jobs.registry import JOBS, Job, get_job
from triage.jobs.schedules import BRUSSELS, daily, day_key, every, slot_key


def test_job_ids_are_unique_and_fit_the_table():
    ids = [job.id for job in JOBS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9-]{0,63}", job_id) for job_id in ids)
    assert {"prune-login-attempts", "retrain-classifier"} <= set(ids)


def test_every_job_has_a_description_a_valid_trigger_and_a_body():
    for job in JOBS:
        assert job.description and job.schedule.label
        CronTrigger(timezone=BRUSSELS, **job.trigger)
        assert callable(job.resolve())


def test_the_retrain_job_learns_from_confirmed_labels(app, monkeypatch):
    from triage.classify import service
    from triage.classify.models import ClassifierModel
    from triage.extensions import db
    from triage.intake.models import HelpRequest
    from triage.jobs.runner import run_job

    first = run_job(app, "retrain-classifier", force=True)
    assert first.status == "succeeded" and "geen bevestigde labels" in first.summary
    with app.app_context():
        db.session.add(HelpRequest(reference="LBL-001", question="wil zelf leren bankieren op de gsm",
                                   confirmed_kind="leervraag", confirmed_themes=["bankieren"]))
        db.session.commit()
    better, worse = {"kind_macro_f1": 0.99, "theme_top1": 0.9}, {"kind_macro_f1": 0.98, "theme_top1": 0.9}
    monkeypatch.setattr(service, "train_and_compare", lambda examples, **_: (service.get_classifier(), better, worse))
    second = run_job(app, "retrain-classifier", force=True)
    assert second.status == "succeeded" and "nieuw model in gebruik" in second.summary
    with app.app_context():
        assert db.session.query(ClassifierModel).filter_by(active=True, extra_labels=1).count() == 1
    from triage.classify import store

    store.forget()


def test_the_declared_times():
    assert get_job("prune-login-attempts").trigger == {"hour": 3, "minute": 10}
    assert get_job("retrain-classifier").trigger == {"hour": 2, "minute": 30}


def test_a_body_may_be_given_by_dotted_path():
    job = Job("x", "x", daily("03:10"), "triage.jobs.tasks.prune_login_attempts")
    from triage.jobs.tasks import prune_login_attempts

    assert job.resolve() is prune_login_attempts


def test_the_day_key_is_the_brussels_date():
    assert day_key(datetime(2026, 11, 25, 23, 30, tzinfo=UTC)) == "2026-11-26"
    assert day_key(datetime(2026, 11, 25, 23, 30)) == "2026-11-26"  # naive is UTC
    assert day_key(datetime(2026, 11, 26, 0, 30, tzinfo=BRUSSELS)) == "2026-11-26"


def test_the_slot_key_is_the_brussels_start_of_the_slot():
    assert slot_key(datetime(2026, 11, 26, 13, 7, 59, tzinfo=UTC), 5) == "2026-11-26T14:05"
    assert every(5).period(datetime(2026, 11, 26, 13, 10, tzinfo=UTC)) == "2026-11-26T14:10"
    assert every(1).period(datetime(2026, 11, 26, 13, 10, 30, tzinfo=UTC)) == "2026-11-26T14:10"


def test_the_hour_repeated_when_summer_time_ends_gets_its_own_slots_but_not_its_own_day():
    first = datetime(2026, 10, 25, 0, 5, tzinfo=UTC)  # 02:05 summer time
    second = datetime(2026, 10, 25, 1, 5, tzinfo=UTC)  # 02:05 winter time
    assert slot_key(first, 5) == "2026-10-25T02:05"
    assert slot_key(second, 5) == "2026-10-25T02:05+0100"
    assert day_key(first) == day_key(second) == "2026-10-25"


def test_schedule_helpers_refuse_nonsense():
    assert daily("02:30").label == "dagelijks om 02:30"
    assert every(5).cron == {"minute": "*/5"} and every(5).label == "elke 5 minuten"
    for bad in ("24:00", "03:60"):
        with pytest.raises(ValueError):
            daily(bad)
    for bad in (0, 7):
        with pytest.raises(ValueError):
            every(bad)
