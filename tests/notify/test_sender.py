"""The outbox sender: SMTP or the demo file, retries with back-off, nothing lost, nothing sent twice."""
import smtplib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.notify.helpers import DownSMTP, FakeSMTP
from triage.extensions import db
from triage.jobs.models import JobRun
from triage.jobs.runner import run_job
from triage.notify.models import Message, MessageStatus
from triage.notify.sender import LEASE, retry_delay, send_due
from triage.notify.services import queue_message

NOW = datetime(2026, 11, 26, 9, 0)


@pytest.fixture
def smtp(app, monkeypatch):
    """SMTP configured, talking to FakeSMTP."""
    FakeSMTP.reset()
    for key, value in {"SMTP_HOST": "smtp.test", "SMTP_PORT": 587, "SMTP_USERNAME": "triage",
                       "SMTP_PASSWORD": "geheim", "SMTP_FROM": "hulp@dijlegem.example"}.items():
        monkeypatch.setitem(app.config, key, value)
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


def queue(to="an@example.be", subject="Nieuwe vraag", now=NOW) -> int:
    message_id = queue_message(to, subject, "Dag An,\nEr is een vraag.", "test", now=now).id
    db.session.commit()
    return message_id


def get(message_id) -> Message:
    db.session.expire_all()
    return db.session.get(Message, message_id)


def test_a_due_message_is_sent_by_smtp_with_starttls_and_login(ctx, smtp):
    message_id = queue()
    result = send_due(NOW)
    assert (result.sent, result.failed) == (1, 0)
    [email] = smtp.sent
    assert (email["To"], email["From"], email["Subject"]) == ("an@example.be", "hulp@dijlegem.example", "Nieuwe vraag")
    assert "Er is een vraag." in email.get_content()
    assert smtp.connections[0].tls and smtp.connections[0].login_as == "triage"
    message = get(message_id)
    assert (message.status, message.sent_at, message.attempts) == (MessageStatus.SENT, NOW, 1)


def test_a_message_not_yet_due_waits(ctx, smtp):
    queue(now=NOW + timedelta(minutes=5))
    assert send_due(NOW).sent == 0 and smtp.sent == []


def test_an_smtp_failure_keeps_the_message_and_a_later_run_sends_it_exactly_once(ctx, smtp, monkeypatch):
    message_id = queue()
    monkeypatch.setattr(smtplib, "SMTP", DownSMTP)
    result = send_due(NOW)
    assert (result.sent, result.failed) == (0, 1)
    message = get(message_id)
    assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)
    assert message.next_attempt_at == NOW + timedelta(minutes=1)
    assert message.last_error == "ConnectionRefusedError"  # the type only
    # Before the back-off has passed, nothing is tried.
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    assert send_due(NOW + timedelta(seconds=30)).sent == 0
    assert send_due(NOW + timedelta(minutes=1)).sent == 1
    assert send_due(NOW + timedelta(hours=1)).sent == 0
    assert len(smtp.sent) == 1
    message = get(message_id)
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)


def test_the_back_off_doubles_and_is_capped_at_six_hours(app):
    with app.app_context():
        assert [retry_delay(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
        assert retry_delay(10) == retry_delay(500) == timedelta(hours=6)


def test_one_refused_message_does_not_stop_the_others(ctx, smtp):
    smtp.refuse = {"weg@example.be"}
    refused = queue("weg@example.be")
    fine = queue("an@example.be")
    result = send_due(NOW)
    assert (result.sent, result.failed) == (1, 1)
    assert (get(refused).status, get(refused).last_error) == (MessageStatus.QUEUED, "smtplib.SMTPRecipientsRefused")
    assert get(fine).status is MessageStatus.SENT


def test_a_server_that_stays_down_ends_the_batch_after_three_failures(ctx, smtp, monkeypatch):
    ids = [queue(f"p{i}@example.be") for i in range(5)]
    monkeypatch.setattr(smtplib, "SMTP", DownSMTP)
    assert send_due(NOW).failed == 3
    assert [get(i).attempts for i in ids] == [1, 1, 1, 0, 0]


def test_a_crash_mid_batch_loses_nothing_and_resends_only_the_message_in_flight(ctx, smtp):
    first, in_flight, last = queue("een@example.be"), queue("twee@example.be"), queue("drie@example.be")
    smtp.crash_on = {"twee@example.be"}
    with pytest.raises(SystemExit):
        send_due(NOW)
    db.session.rollback()
    assert get(first).status is MessageStatus.SENT
    assert get(in_flight).status is MessageStatus.QUEUED and get(in_flight).next_attempt_at == NOW + LEASE
    assert get(last).status is MessageStatus.QUEUED
    smtp.crash_on = set()
    assert send_due(NOW + timedelta(minutes=1)).sent == 1  # the last one; the one in flight is leased
    assert send_due(NOW + LEASE).sent == 1
    assert [m["To"] for m in smtp.sent] == ["een@example.be", "drie@example.be", "twee@example.be"]


def test_without_smtp_messages_go_to_a_readable_file_in_the_instance_folder(ctx, app, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    message_id = queue()
    assert send_due(NOW).sent == 1
    text = (tmp_path / "outbox.txt").read_text(encoding="utf-8")
    assert f"bericht {message_id}" in text
    assert "Aan: an@example.be\nOnderwerp: Nieuwe vraag\n\nDag An,\nEr is een vraag." in text
    assert get(message_id).status is MessageStatus.SENT
    queue("bert@example.be")
    send_due(NOW)
    assert (tmp_path / "outbox.txt").read_text(encoding="utf-8").count("=====") == 4  # appended


def test_the_outbox_job_sends_once_per_minute_slot(app, smtp):
    with app.app_context():
        queue()
        db.session.remove()
    first = run_job(app, "send-outbox", now=NOW.replace(tzinfo=UTC))
    again = run_job(app, "send-outbox", now=NOW + timedelta(seconds=20))
    assert (first.status, first.summary) == ("succeeded", "1 bericht(en) verstuurd")
    assert again.status == "skipped"
    assert run_job(app, "send-outbox", now=NOW + timedelta(minutes=1)).summary == "0 bericht(en) verstuurd"
    assert len(smtp.sent) == 1
    with app.app_context():
        assert len(db.session.scalars(select(JobRun).where(JobRun.job_id == "send-outbox")).all()) == 2
