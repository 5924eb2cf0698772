"""The loop's jobs on a frozen clock: reminders, escalation, expiry, follow-ups; each idempotent."""
from datetime import timedelta

import pytest

from tests.referrals.loop_helpers import T0, brussels, load_catalogue, outbox, refer
from triage.db import utcnow
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.jobs.registry import get_job
from triage.jobs.runner import run_job
from triage.referrals import loop_jobs, services
from triage.referrals.models import Referral, Status

# T0 is Friday 3 April 2026 15:00 in Brussels; Easter Monday 6 April is a holiday, so:
REMINDER_1 = brussels(2026, 4, 8, 15, 0)  # Wednesday: 2 working days (Tue, Wed)
REMINDER_2 = brussels(2026, 4, 10, 15, 0)  # Friday: 2 more
ESCALATION = brussels(2026, 4, 14, 15, 0)  # Tuesday: 2 more (Mon, Tue)
EXPIRY = brussels(2026, 4, 21, 15, 0)  # Tuesday: 5 working days after the escalation


@pytest.fixture
def loop(ctx, make_user):
    counter = make_user("balie", email="balie@dijlegem.example")
    load_catalogue()
    db.session.commit()  # SQLite: free the write lock for make_user's own session
    return counter


def reload(referral: Referral) -> Referral:
    db.session.expire_all()
    return db.session.get(Referral, referral.id)


def kinds(referral: Referral) -> list[str]:
    return [e.kind for e in reload(referral).events]


def test_no_reminder_before_two_working_days(loop):
    referral = refer(actor_id=loop.id)
    assert loop_jobs.send_reminders(REMINDER_1 - timedelta(minutes=1)).startswith("0 herinnering")
    assert reload(referral).reminders_sent == 0
    assert outbox("referral_reminder_1") == []


def test_two_reminders_then_the_coordinators_each_two_working_days_apart(loop, make_user):
    coordinators = [make_user("coordinator"), make_user("coordinator"), make_user("coordinator", active=False)]
    referral = refer(actor_id=loop.id)
    loop_jobs.send_reminders(REMINDER_1)
    assert reload(referral).reminders_sent == 1
    [first] = outbox("referral_reminder_1")
    assert first.to_address == "an.peeters@digihelpers.example" and "/e/" in first.body
    loop_jobs.send_reminders(REMINDER_2 - timedelta(minutes=1))
    assert reload(referral).reminders_sent == 1
    loop_jobs.send_reminders(REMINDER_2)
    assert reload(referral).reminders_sent == 2 and len(outbox("referral_reminder_2")) == 1
    loop_jobs.send_reminders(ESCALATION - timedelta(minutes=1))
    assert reload(referral).escalated_at is None
    loop_jobs.send_reminders(ESCALATION)
    referral = reload(referral)
    assert referral.escalated_at == ESCALATION and referral.status is Status.PROPOSED
    escalations = outbox("referral_escalation")
    assert sorted(m.to_address for m in escalations) == sorted(c.email for c in coordinators[:2])
    assert kinds(referral) == ["status", "reminder", "reminder", "escalation"]
    # Nothing more after the escalation: the expiry job takes over.
    loop_jobs.send_reminders(ESCALATION + timedelta(days=30))
    assert len(outbox()) == 1 + 1 + 1 + 2  # new referral, two reminders, two coordinators


def test_reminders_are_idempotent(loop):
    refer(actor_id=loop.id)
    for _ in range(3):
        loop_jobs.send_reminders(REMINDER_1)
        loop_jobs.send_reminders(REMINDER_1 + timedelta(hours=5))
    assert len(outbox("referral_reminder_1")) == 1 and outbox("referral_reminder_2") == []


def test_a_late_first_reminder_does_not_bring_the_second_forward(loop):
    referral = refer(actor_id=loop.id)
    late = brussels(2026, 4, 20, 9, 0)  # the job did not run for two weeks
    loop_jobs.send_reminders(late)
    loop_jobs.send_reminders(late + timedelta(hours=1))
    assert reload(referral).reminders_sent == 1


def test_answered_and_course_referrals_get_no_reminder(loop):
    answered = refer(actor_id=loop.id)
    services.transition(answered, "accept", None, now=T0)
    refer("c-pc", "course", actor_id=loop.id, kind="leervraag", predicted_kind="leervraag")
    loop_jobs.send_reminders(EXPIRY)
    assert reload(answered).reminders_sent == 0
    assert outbox("referral_reminder_1") == []


def test_an_escalated_referral_expires_after_five_more_working_days(loop):
    referral = refer(actor_id=loop.id)
    for moment in (REMINDER_1, REMINDER_2, ESCALATION):
        loop_jobs.send_reminders(moment)
    assert loop_jobs.expire_stale(EXPIRY - timedelta(minutes=1)) == "0 doorverwijzing(en) verlopen"
    assert loop_jobs.expire_stale(EXPIRY) == "1 doorverwijzing(en) verlopen"
    referral = reload(referral)
    assert referral.status is Status.CANCELLED and referral.cancelled_at == EXPIRY
    assert (referral.events[-1].to_status, referral.events[-1].note) == ("cancelled", "verlopen")
    assert db.session.get(HelpRequest, referral.request_id).status is RequestStatus.OPEN
    [notice] = outbox("referral_expired")
    assert notice.to_address == "balie@dijlegem.example"
    assert loop_jobs.expire_stale(EXPIRY + timedelta(days=3)) == "0 doorverwijzing(en) verlopen"
    assert len(outbox("referral_expired")) == 1


def test_a_referral_that_was_not_escalated_does_not_expire(loop):
    referral = refer(actor_id=loop.id)
    loop_jobs.expire_stale(EXPIRY + timedelta(days=60))
    assert reload(referral).status is Status.PROPOSED


def test_follow_ups_come_due_after_the_configured_days_and_tell_the_counter_once(loop, app):
    signposted = refer("org-bib", "organisation", actor_id=loop.id)
    enrolled = refer("c-pc", "course", actor_id=loop.id, kind="leervraag", predicted_kind="leervraag")
    due = T0 + timedelta(days=app.config["FOLLOW_UP_DAYS"])
    assert loop_jobs.flag_follow_ups(due - timedelta(minutes=1)) == "0 opvolging(en) klaargezet"
    assert loop_jobs.flag_follow_ups(due) == "2 opvolging(en) klaargezet"
    assert reload(signposted).follow_up_due and reload(enrolled).follow_up_due
    messages = outbox("referral_follow_up")
    assert [m.to_address for m in messages] == ["balie@dijlegem.example"] * 2
    assert "Bibliotheek Dijlegem" in messages[0].body and "de cursus 'Starten met de pc'" in messages[1].body
    assert loop_jobs.flag_follow_ups(due + timedelta(days=1)) == "0 opvolging(en) klaargezet"
    assert len(outbox("referral_follow_up")) == 2


def test_a_closed_follow_up_is_not_flagged(loop):
    referral = refer("org-bib", "organisation", actor_id=loop.id)
    services.transition(referral, "close", None, now=T0, outcome="geholpen")
    loop_jobs.flag_follow_ups(T0 + timedelta(days=30))
    assert not reload(referral).follow_up_due and outbox("referral_follow_up") == []


def test_the_loop_jobs_are_declared_once_in_the_job_table():
    assert get_job("send-outbox").schedule.label == "elke minuut"
    assert get_job("referral-reminders").schedule.label == "elke 30 minuten"
    assert get_job("referral-follow-ups").trigger == {"hour": 7, "minute": 0}
    assert get_job("referral-expiry").trigger == {"hour": 7, "minute": 10}
    assert get_job("prune-job-runs").trigger and get_job("prune-outbox").trigger


def test_run_job_claims_the_slot_and_a_later_slot_changes_nothing(app, make_user):
    with app.app_context():
        counter = make_user("balie")
        load_catalogue()
        referral_id = refer(actor_id=counter.id).id
        db.session.commit()
        db.session.remove()
    first = run_job(app, "referral-reminders", now=REMINDER_1)
    again = run_job(app, "referral-reminders", now=REMINDER_1 + timedelta(minutes=10))
    later = run_job(app, "referral-reminders", now=REMINDER_1 + timedelta(minutes=30))
    assert (first.status, first.summary) == ("succeeded", "1 herinnering(en), 0 naar de coördinator")
    assert again.status == "skipped"
    assert (later.status, later.summary) == ("succeeded", "0 herinnering(en), 0 naar de coördinator")
    with app.app_context():
        assert db.session.get(Referral, referral_id).reminders_sent == 1
        assert len(outbox("referral_reminder_1")) == 1


def test_the_expiry_and_follow_up_jobs_run_daily_through_run_job(app, make_user):
    with app.app_context():
        counter = make_user("balie")
        load_catalogue()
        refer("org-bib", "organisation", actor_id=counter.id)
        db.session.commit()
        db.session.remove()
    day = T0 + timedelta(days=14, hours=1)
    assert run_job(app, "referral-follow-ups", now=day).summary == "1 opvolging(en) klaargezet"
    assert run_job(app, "referral-follow-ups", now=day + timedelta(hours=2)).status == "skipped"
    assert run_job(app, "referral-expiry", now=day).status == "succeeded"


def test_old_job_runs_are_pruned(app):
    from triage.jobs.models import JobRun, RunStatus

    with app.app_context():
        now = utcnow()
        db.session.add_all([
            JobRun(job_id="x", period="old", status=RunStatus.SUCCEEDED, started_at=now - timedelta(days=91)),
            JobRun(job_id="x", period="new", status=RunStatus.SUCCEEDED, started_at=now - timedelta(days=89))])
        db.session.commit()
        db.session.remove()
    assert run_job(app, "prune-job-runs", now=now).summary == "1 oude taakrun(s) verwijderd"
    with app.app_context():
        assert {r.period for r in db.session.query(JobRun).filter_by(job_id="x")} == {"new"}
