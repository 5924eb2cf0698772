"""flask demo generate: consistent requests, referrals and outcomes over the last two years."""
from datetime import timedelta

from sqlalchemy import func, select

from triage.catalogue.models import CatalogueEntry
from triage.db import utcnow
from triage.demo.generate import generate
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestService, RequestStatus
from triage.matching.models import UnmetNeed
from triage.referrals.lifecycle import DECLINE_REASONS, OUTCOMES
from triage.referrals.models import Mode, Referral, ReferralEvent, Status
from triage.reports import rollups
from triage.reports.models import RequestCube


def test_generated_data_is_consistent(ctx):
    now = utcnow()
    with rollups.bulk_load():
        counts = generate(300, seed=11, now=now)
    db.session.commit()
    assert counts.requests == 300 and counts.catalogue_created
    assert db.session.scalar(select(func.count()).select_from(HelpRequest)) == 300
    assert db.session.scalar(select(func.count()).select_from(CatalogueEntry)) > 50
    requests = {r.id: r for r in db.session.scalars(select(HelpRequest))}
    referrals = db.session.scalars(select(Referral).order_by(Referral.id)).all()
    assert len(referrals) == counts.referrals > 150
    for r in requests.values():
        assert now - timedelta(days=731) < r.created_at < now
        assert r.kind in ("hulpvraag", "leervraag") and r.theme
        assert (r.citizen_key is not None) == r.contact_consent
        assert (r.status is RequestStatus.SOLVED) == (r.outcome is not None)
        assert r.gap == (r.status is RequestStatus.GAP)
    by_request = {}
    for ref in referrals:
        assert ref.request_id in requests
        by_request.setdefault(ref.request_id, []).append(ref)
        assert ref.status in Status
        assert (ref.outcome is not None) == (ref.status is Status.CLOSED) == (ref.closed_at is not None)
        assert ref.outcome is None or ref.outcome in OUTCOMES
        assert (ref.decline_reason is not None) == (ref.status is Status.DECLINED)
        assert ref.decline_reason is None or ref.decline_reason in DECLINE_REASONS
        assert ref.created_at >= requests[ref.request_id].created_at
        steps = [t for t in (ref.created_at, ref.accepted_at, ref.started_at, ref.closed_at) if t]
        assert steps == sorted(steps) and steps[-1] <= now
        assert (ref.mode is Mode.ASSIGNED) == (ref.follow_up_at is None)
        assert ref.escalated_at is None or ref.reminders_sent == 2
        if ref.next_referral_id:
            assert ref.outcome == "doorverwezen"
    for request_id, refs in by_request.items():
        last, status = refs[-1], requests[request_id].status
        expected = {Status.CLOSED: RequestStatus.CLOSED, Status.DECLINED: RequestStatus.OPEN,
                    Status.CANCELLED: RequestStatus.OPEN}.get(last.status, RequestStatus.REFERRED)
        assert status is expected, (request_id, [r.status for r in refs])
        assert all(r.status not in (Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS) for r in refs[:-1])
    events = db.session.execute(select(ReferralEvent.referral_id, ReferralEvent.kind, ReferralEvent.to_status)
                                .order_by(ReferralEvent.id)).all()
    last_status = {}
    for referral_id, kind, to_status in events:
        if kind == "status":
            last_status[referral_id] = to_status
    assert last_status == {r.id: r.status.value for r in referrals}
    gaps = db.session.scalars(select(UnmetNeed)).all()
    assert {g.help_request_id for g in gaps} == {r.id for r in requests.values() if r.gap}
    assert all(g.channel == requests[g.help_request_id].channel.value for g in gaps)
    links = db.session.scalar(select(func.count()).select_from(RequestService))
    assert links == sum(len(r.services) for r in requests.values()) == counts.services > 0
    # The rollups were counted at the end of the load.
    assert db.session.scalar(select(func.sum(RequestCube.n)).where(RequestCube.grain == "m")) == 300


def test_the_command_adds_requests_and_reports_a_count(app):
    result = app.test_cli_runner().invoke(args=["demo", "generate", "--requests", "40", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "Klaar: 40 vragen" in result.output
    result = app.test_cli_runner().invoke(args=["demo", "generate", "--requests", "10"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(HelpRequest)) == 50
        assert db.session.scalar(select(func.sum(RequestCube.n)).where(RequestCube.grain == "m")) == 50
