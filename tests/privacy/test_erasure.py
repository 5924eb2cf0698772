"""Retention on a frozen clock: personal data goes a year after a request is finished; every report stays the same."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.privacy.helpers import PHONE, QUESTION, add_request, close_via, key, mia_and_jan
from tests.reports.report_rows import both_ways  # noqa: F401
from tests.reports.test_rollups import assert_same_as_rebuild
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.jobs.runner import run_job
from triage.notify.models import Message
from triage.privacy.erasure import CONTACT_COLUMNS, ERASED_QUESTION, erase_expired, erase_requests, months_before
from triage.privacy.models import AuditEntry
from triage.referrals.models import ReferralEvent
from triage.reports.filters import Filters
from triage.reports.queries import summary

T0 = datetime(2025, 3, 3, 9, 0)  # naive UTC, a Monday
A_YEAR_LATER = months_before(T0 + timedelta(days=3), -12)  # twelve months after Mia's last request was finished
NOW = datetime(2026, 12, 1, 9, 0)
PERIODS = [Filters(date(2025, 1, 1), date(2026, 12, 31)),
           Filters(date(2025, 3, 1), date(2025, 3, 31), theme="computer"),
           Filters(date(2025, 1, 1), date(2026, 12, 31), kind="hulpvraag", postcode="2800")]


def reports() -> list[dict]:
    db.session.flush()
    return [summary(f, NOW) for f in PERIODS]


def fresh(item):
    db.session.expire_all()
    return db.session.get(type(item), item.id)


def test_months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert months_before(datetime(2026, 3, 31, 12), 1) == datetime(2026, 2, 28, 12)
    assert months_before(datetime(2026, 1, 15), 12) == datetime(2025, 1, 15)
    assert months_before(datetime(2024, 2, 29), 12) == datetime(2023, 2, 28)
    assert months_before(datetime(2026, 5, 31), 15) == datetime(2025, 2, 28)


def test_nothing_is_erased_before_the_period_ends(ctx):
    world = mia_and_jan(T0)
    # Mia's first request was finished one day after T0: a year later minus a minute, it stays.
    result = erase_expired(months_before(T0 + timedelta(days=1), -12) - timedelta(minutes=1), 12, 100)
    assert result.requests == 0
    assert fresh(world.first).contact_phone == PHONE and fresh(world.first).question == QUESTION


def test_contact_details_question_and_notes_go_after_twelve_months(ctx):
    world = mia_and_jan(T0)
    result = erase_expired(A_YEAR_LATER + timedelta(minutes=1), 12, 100)
    assert result.requests == 2 and result.messages == 1
    for item in (world.first, world.second):
        item = fresh(item)
        assert {name: getattr(item, name) for name in CONTACT_COLUMNS} == dict.fromkeys(CONTACT_COLUMNS)
        assert {"contact_name", "contact_phone", "contact_email"} <= set(CONTACT_COLUMNS) and item.note is None
        assert item.question == ERASED_QUESTION and item.explanation == []
        assert item.erased_at == A_YEAR_LATER + timedelta(minutes=1)
        # What the reports count stays.
        assert item.kind and item.theme == "computer" and item.postcode == "2800" and item.created_at
    referral = fresh(world.referral)
    assert referral.outcome == "geholpen" and referral.outcome_note is None and referral.closed_at
    assert db.session.scalar(select(func.count()).select_from(ReferralEvent).where(
        ReferralEvent.referral_id == referral.id, ReferralEvent.note.is_not(None))) == 0
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0
    # Jan's request is open: untouched, however old.
    jan = fresh(world.jan)
    assert jan.contact_phone == "0499 99 88 77" and jan.question == "Mijn gsm is stuk" and jan.erased_at is None


def test_every_report_number_is_the_same_after_retention(ctx, both_ways):  # noqa: F811
    mia_and_jan(T0)
    # Another citizen: a hulpvraag finished long ago, a leervraag still open: the key stays until both are done.
    old = add_request("BOB-001", T0, phone="0477 00 00 01")
    close_via(old, "org-bib", "organisation", T0, outcome="zelfstandig")
    add_request("BOB-002", T0 + timedelta(days=400), kind="leervraag", phone="0477 00 00 01")
    before = reports()
    result = erase_expired(NOW, 12, 100)
    assert result.requests == 3
    assert reports() == before
    assert_same_as_rebuild()


def test_a_citizen_key_is_replaced_once_none_of_their_requests_holds_personal_data(ctx):
    world = mia_and_jan(T0)
    old = add_request("BOB-001", T0, phone="0477 00 00 01")
    close_via(old, "org-bib", "organisation", T0)
    bob = add_request("BOB-002", T0 + timedelta(days=400), kind="leervraag", phone="0477 00 00 01")
    erase_expired(NOW, 12, 100)
    mia = {fresh(world.first).citizen_key, fresh(world.second).citizen_key}
    assert len(mia) == 1 and key(PHONE) not in mia  # one citizen still, no longer linkable to her number
    assert fresh(old).citizen_key == fresh(bob).citizen_key == key("0477 00 00 01")  # Bob's newer one is open


def test_erasing_twice_changes_nothing_more(ctx):
    world = mia_and_jan(T0)
    erase_requests([world.first.id, world.second.id], "verzoek")
    again = erase_requests([world.first.id, world.second.id], "verzoek")
    assert again.requests == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "erased")) == 2


def test_a_large_backlog_is_erased_in_batches(ctx):
    mia_and_jan(T0)
    for n in range(3):
        add_request(f"OLD-{n}", T0, status=RequestStatus.SOLVED, closed_at=T0, phone=f"0470 00 00 0{n}")
    first = erase_expired(NOW, 12, 2)
    assert first.requests == 2 and first.remaining == 3 and "nog 3 te doen" in first.summary()
    assert erase_expired(NOW, 12, 2).remaining == 1
    assert erase_expired(NOW, 12, 2).requests == 1
    assert erase_expired(NOW, 12, 2).requests == 0


def test_the_retention_job_runs_nightly_and_logs_each_erasure(app, monkeypatch):
    with app.app_context():
        mia_and_jan(T0)
        db.session.commit()
    monkeypatch.setitem(app.config, "RETENTION_MONTHS", 12)
    result = run_job(app, "erase-expired-personal-data", now=NOW)
    assert result.status == "succeeded" and result.summary.startswith("2 vraag/vragen gewist")
    assert run_job(app, "erase-expired-personal-data", now=NOW + timedelta(hours=1)).status == "skipped"
    with app.app_context():
        rows = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "erased")).all()
        assert sorted(r.reference for r in rows) == ["MIA-001", "MIA-002"]
        assert {(r.actor_id, r.via, r.detail) for r in rows} == {
            (None, "taak erase-expired-personal-data", "bewaartermijn verstreken")}


def test_a_shorter_retention_is_a_setting(app, monkeypatch):
    with app.app_context():
        mia_and_jan(T0)
        db.session.commit()
    monkeypatch.setitem(app.config, "RETENTION_MONTHS", 1)
    assert run_job(app, "erase-expired-personal-data", now=T0 + timedelta(days=40)).summary.startswith("2 vraag")


@pytest.mark.parametrize("status", [RequestStatus.OPEN, RequestStatus.POOL, RequestStatus.GAP, RequestStatus.REFERRED])
def test_unfinished_requests_never_expire(ctx, status):
    add_request("OPEN-1", T0 - timedelta(days=900), status=status, phone=PHONE)
    assert erase_expired(NOW, 12, 100).requests == 0
    assert db.session.scalar(select(HelpRequest.contact_phone)) == PHONE
