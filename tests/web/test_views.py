"""/healthz for load balancers: the database answers, and how long ago the scheduler last said it was alive."""
from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from triage.db import utcnow
from triage.extensions import db
from triage.jobs.models import SchedulerHeartbeat


def beat(app, seconds_ago: float) -> None:
    with app.app_context():
        now = utcnow()
        last_seen = now - timedelta(seconds=seconds_ago)
        db.session.add(SchedulerHeartbeat(name="host:1", started_at=now, last_seen=last_seen))
        db.session.commit()


def test_healthy_with_a_recent_heartbeat(app, client):
    beat(app, 10)
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok" and body["database"] is True
    assert body["scheduler"]["ok"] is True and 9 <= body["scheduler"]["heartbeat_age_seconds"] < 60


def test_a_silent_scheduler_is_degraded_but_still_serves_by_default(app, client):
    beat(app, 600)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "degraded" and response.get_json()["scheduler"]["ok"] is False


@pytest.mark.parametrize("seconds_ago", [600, None])
def test_a_stale_or_missing_heartbeat_is_503_when_required(app, client, monkeypatch, seconds_ago):
    monkeypatch.setitem(app.config, "HEALTHZ_REQUIRE_SCHEDULER", True)
    if seconds_ago is not None:
        beat(app, seconds_ago)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["scheduler"]["ok"] is False


def test_the_stale_age_is_a_setting(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "HEALTHZ_REQUIRE_SCHEDULER", True)
    monkeypatch.setitem(app.config, "HEALTHZ_HEARTBEAT_MAX_AGE", 5)
    beat(app, 10)
    assert client.get("/healthz").status_code == 503


def test_an_unreachable_database_is_503(app, client, monkeypatch):
    def down(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", down, raising=False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": False}


def test_the_body_holds_no_names_or_hosts(app, client):
    beat(app, 1)
    body = client.get("/healthz").get_data(as_text=True)
    assert "host" not in body and "name" not in body
