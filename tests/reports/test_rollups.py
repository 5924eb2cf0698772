"""The rollup triggers and rollups.rebuild() agree, after inserts, updates and deletes of every kind."""
import random
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from triage.demo.generate import generate
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestService
from triage.referrals.models import Mode, Referral, Status
from triage.reports import rollups
from triage.reports.models import ClosedRequestDay, ClosedTargetDay, Journey, ReferralDay, RequestDay, ServiceDay

TABLES = {RequestDay: ("n",), ServiceDay: ("n",), ReferralDay: ("n", "reminders", "escalations"),
          ClosedTargetDay: ("n", "successes", "zelfstandig"), ClosedRequestDay: ("n", "successes", "zelfstandig"),
          Journey: ("citizen_key", "created_at", "prev_at", "learned_at")}


def snapshot() -> dict:
    """Every rollup row by key; rows the triggers counted down to zero are left out."""
    out = {}
    for model, values in TABLES.items():
        keys = [c.name for c in model.__table__.primary_key.columns]
        rows = {}
        for row in db.session.execute(select(model.__table__)).mappings():
            counted = tuple(row[v] for v in values)
            if model is Journey or any(counted):
                rows[tuple(row[k] for k in keys)] = counted
        out[model.__tablename__] = rows
    return out


def hours() -> dict:
    return {r.id: (r.accept_hours, r.close_hours) for r in db.session.execute(
        select(Referral.id, Referral.accept_hours, Referral.close_hours))}


def assert_same_as_rebuild() -> None:
    db.session.flush()
    by_triggers, hours_by_triggers = snapshot(), hours()
    rollups.rebuild()
    assert snapshot() == by_triggers
    rebuilt = hours()
    assert rebuilt.keys() == hours_by_triggers.keys()
    for key, (accept, close) in rebuilt.items():
        assert hours_by_triggers[key] == (pytest.approx(accept, abs=1e-6) if accept is not None else None,
                                          pytest.approx(close, abs=1e-6) if close is not None else None)


def test_triggers_count_generated_rows_as_the_rebuild_does(ctx):
    generate(150, seed=5)  # plain inserts: every row goes through the triggers
    assert db.session.scalar(select(RequestDay.n).where(RequestDay.dimension == "total").limit(1))
    assert_same_as_rebuild()


def test_triggers_follow_updates_and_deletes(ctx):
    generate(150, seed=6)
    rng = random.Random(6)
    requests = db.session.scalars(select(HelpRequest).order_by(HelpRequest.id)).all()
    referrals = db.session.scalars(select(Referral).order_by(Referral.id)).all()
    open_ones = [r for r in referrals if r.status in (Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS)]
    for referral in open_ones[:8]:
        referral.status, referral.outcome = Status.CLOSED, rng.choice(["geholpen", "zelfstandig", "deels"])
        referral.closed_at = referral.created_at + timedelta(days=3)
        referral.accepted_at = referral.accepted_at or referral.created_at + timedelta(hours=5)
    for referral in referrals[:6]:
        referral.reminders_sent += 1
        referral.escalated_at = referral.created_at + timedelta(days=6)
    closed = [r for r in referrals if r.status is Status.CLOSED]
    for referral in closed[:4]:
        referral.outcome = "niet_geholpen"
    for item in requests[:6]:
        item.kind = "leervraag" if item.kind == "hulpvraag" else "hulpvraag"
        item.theme = "computer"
    keyed = [r for r in requests if r.citizen_key]
    for item, other in zip(keyed[:3], keyed[3:6], strict=True):
        item.citizen_key = other.citizen_key
    requests[10].created_at += timedelta(days=1)
    requests[11].gap, requests[12].status = True, "solved"
    db.session.flush()
    assert_same_as_rebuild()
    for item in requests[20:25]:
        db.session.delete(item)
    for referral in [r for r in referrals if r.mode is Mode.ENROLLED][:3]:
        db.session.delete(referral)
    db.session.execute(text("DELETE FROM request_services WHERE request_id = :id"), {"id": requests[30].id})
    db.session.add(RequestService(request_id=requests[31].id, service="doccle", created_at=requests[31].created_at))
    assert_same_as_rebuild()


def test_a_bulk_load_skips_the_triggers_and_counts_at_the_end(ctx):
    with rollups.bulk_load():
        generate(60, seed=7)
        assert db.session.scalar(select(RequestDay.n).limit(1)) is None
    assert db.session.scalar(select(RequestDay.n).where(RequestDay.dimension == "total").limit(1))
    assert_same_as_rebuild()
    db.session.commit()
    generate(20, seed=8)  # after the load the triggers work again
    assert_same_as_rebuild()
