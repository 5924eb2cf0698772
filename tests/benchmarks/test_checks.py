"""The load and fault test's checks find what they look for, on a small database in a few seconds."""
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from _checks import (  # noqa: E402
    check_jobs,
    check_referrals,
    check_requests,
    check_rollups,
    check_sqlite_file,
)
from load_faults import expected_runs  # noqa: E402

from tests.referrals.loop_helpers import load_catalogue, new_request  # noqa: E402
from triage.catalogue.services import find_entry  # noqa: E402
from triage.extensions import db  # noqa: E402
from triage.intake.models import RequestStatus  # noqa: E402
from triage.jobs.models import JobRun, RunStatus, SchedulerHeartbeat  # noqa: E402
from triage.referrals import services  # noqa: E402
from triage.reports.rollups import rebuild_statements  # noqa: E402

NOW = datetime(2026, 12, 1, 10, 0)


@pytest.fixture
def conn(ctx):
    load_catalogue()
    yield db.session.connection()


def closed_case(outcome="geholpen", **fields):
    referral = services.create_referral(new_request(**fields), find_entry("digihelper", "dh-an"), None, accepted=True)
    services.transition(referral, "start", None)
    services.transition(referral, "close", None, outcome=outcome)
    return referral


def test_a_sound_database_passes_every_check(conn):
    new_request(idempotency_key="k1", reference="REQ-001")
    referral = closed_case()
    db.session.add_all([JobRun(job_id="send-outbox", period="2026-12-01T11:01", status=RunStatus.SUCCEEDED),
                        SchedulerHeartbeat(name="a:1"), SchedulerHeartbeat(name="a:2")])
    db.session.flush()
    counts, problems = check_requests(conn, {"k1": "REQ-001"}, {"k1", "k2"})
    assert problems == [] and counts["acknowledged and stored once"] == 1 and counts["sent, not acknowledged"] == 1
    assert check_referrals(conn, {referral.id: ["geholpen"]})[1] == []
    counts, problems = check_jobs(conn, {"send-outbox": 1})
    assert problems == [] and counts["scheduler processes seen"] == 2
    assert check_rollups(conn, rebuild_statements)[1] == []


def test_a_lost_or_misfiled_request_is_found(conn):
    new_request(idempotency_key="k1", reference="REQ-001")
    _, problems = check_requests(conn, {"k1": "REQ-999", "k-lost": "REQ-002"}, {"k1", "k-lost"})
    assert any("1 acknowledged request(s) missing" in p for p in problems)
    assert any("stored under another reference" in p for p in problems)


@pytest.mark.parametrize("change, problem", [
    ("UPDATE referrals SET outcome = NULL", "closed without an outcome"),
    ("UPDATE referrals SET status = 'in_progress'", "an outcome but not closed"),
    ("UPDATE referrals SET accepted_at = NULL", "without an acceptance time"),
    ("UPDATE referrals SET started_at = NULL", "that never started"),
    ("UPDATE referrals SET status = 'declined', outcome = NULL, decline_reason = NULL", "declined without a reason"),
    ("UPDATE referrals SET status = 'cancelled', outcome = NULL", "cancelled without a time"),
    ("INSERT INTO referral_events (referral_id, kind, to_status, at) SELECT id, 'status', 'closed', closed_at "
     "FROM referrals", "closed more than once"),
    ("UPDATE help_requests SET status = 'open'", "whose request is not closed"),
])
def test_each_impossible_referral_state_is_found(conn, change, problem):
    closed_case()
    conn.execute(text(change))
    _, problems = check_referrals(conn, {})
    assert any(problem in p for p in problems), problems


def test_two_live_referrals_and_a_referred_request_without_one_are_found(conn):
    first = closed_case()
    conn.execute(text("UPDATE referrals SET status = 'accepted', outcome = NULL, closed_at = NULL"))
    second = services.create_referral(new_request(), find_entry("digihelper", "dh-an"), None)
    conn.execute(text("UPDATE referrals SET request_id = :request WHERE id = :id"),
                 {"request": first.request_id, "id": second.id})
    conn.execute(text("UPDATE help_requests SET status = 'referred' WHERE id <> :request"),
                 {"request": first.request_id})
    _, problems = check_referrals(conn, {})
    assert any("more than one live referral" in p for p in problems)
    assert any("marked referred without a live referral" in p for p in problems)


def test_an_overwritten_or_doubly_acknowledged_close_is_found(conn):
    referral = closed_case(outcome="geholpen")
    _, problems = check_referrals(conn, {referral.id: ["niet_geholpen"]})
    assert any("not as acknowledged" in p for p in problems)
    _, problems = check_referrals(conn, {referral.id: ["geholpen", "geholpen"]})
    assert any("acknowledged as closed to more than one client" in p for p in problems)


def test_a_failed_run_or_a_missed_period_is_found(conn):
    db.session.add(JobRun(job_id="send-outbox", period="2026-12-01T11:01", status=RunStatus.FAILED))
    db.session.flush()
    _, problems = check_jobs(conn, {"send-outbox": 2, "referral-reminders": 1})
    assert any("not succeeded" in p for p in problems)
    assert "job send-outbox: 1 run(s) for 2 period(s)" in problems
    assert "job referral-reminders: 0 run(s) for 1 period(s)" in problems


def test_a_rollup_that_does_not_add_up_is_found(conn):
    closed_case(status=RequestStatus.REFERRED)
    conn.execute(text("UPDATE report_request_cube SET n = n + 1 WHERE grain = 'm'"))
    assert check_rollups(conn, rebuild_statements)[1] == ["rollup report_request_cube differs from a rebuild"]


def test_the_sqlite_file_is_checked(app, conn):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("PRAGMA integrity_check is SQLite's")
    counts, problems = check_sqlite_file(conn)
    assert counts["PRAGMA integrity_check"] == "ok" and problems == []


def test_the_periods_expected_are_those_that_fell_in_the_run():
    start = datetime(2026, 12, 1, 9, 29, 30, tzinfo=UTC).replace(tzinfo=None)  # 10:29:30 in Brussels
    expected = expected_runs(start, start + timedelta(minutes=2, seconds=20))
    assert expected == {"send-outbox": 2, "referral-reminders": 1}  # 10:30 and 10:31; reminders at 10:30
