"""Two counter staff close the same followed-up referral at once: one wins, the other is told, nothing is lost."""
import pytest

from tests.concurrency import at_once, meet_after
from tests.conftest import login, text_of
from tests.referrals.loop_helpers import load_catalogue, refer
from triage.extensions import db
from triage.referrals import services
from triage.referrals.models import Referral, ReferralEvent, Status

STALE = "Iemand anders heeft deze doorverwijzing net gewijzigd. Bekijk de nieuwe toestand en probeer opnieuw."


@pytest.fixture
def follow_up(app, make_user):
    """A signposted referral waiting for the counter's follow-up, and two logged-in counter clerks."""
    clerks = []
    for _ in range(2):
        client = app.test_client()
        assert login(client, make_user("balie")).status_code == 302
        clerks.append(client)
    with app.app_context():
        load_catalogue()
        referral = refer("org-bib", "organisation")
        db.session.commit()
        return referral.id, referral.version, referral.request_id, clerks


def close(client, referral_id, version, outcome):
    return client.post(f"/balie/doorverwijzing/{referral_id}/close",
                       data={"version": version, "outcome": outcome, "note": f"notitie {outcome}"})


def stored(app, referral_id):
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        closes = db.session.query(ReferralEvent).filter_by(referral_id=referral_id, to_status="closed").count()
        return referral.status, referral.outcome, referral.outcome_note, closes


def messages_seen(client, reference_page):
    return text_of(client.get(reference_page))


def test_the_second_of_two_staff_with_the_same_page_gets_a_clear_message(app, follow_up):
    referral_id, version, _, (ann, bob) = follow_up
    first = close(ann, referral_id, version, "geholpen")
    second = close(bob, referral_id, version, "niet_geholpen")
    assert first.status_code == second.status_code == 302
    page = first.headers["Location"]
    assert "De doorverwijzing is afgesloten." in messages_seen(ann, page)
    assert STALE in messages_seen(bob, page)
    assert stored(app, referral_id) == (Status.CLOSED, "geholpen", "notitie geholpen", 1)


def test_two_staff_closing_at_the_same_moment_one_wins_and_nothing_is_overwritten(app, follow_up, monkeypatch):
    referral_id, version, _, (ann, bob) = follow_up
    meet_after(monkeypatch, services, "_stale")  # both have read version `version` and passed the check
    responses = at_once(lambda: close(ann, referral_id, version, "geholpen"),
                        lambda: close(bob, referral_id, version, "niet_geholpen"))
    assert [r.status_code for r in responses] == [302, 302]
    page = responses[0].headers["Location"]
    seen = [messages_seen(ann, page), messages_seen(bob, page)]
    winners = [i for i, text in enumerate(seen) if "De doorverwijzing is afgesloten." in text]
    losers = [i for i, text in enumerate(seen) if STALE in text]
    assert len(winners) == 1 and len(losers) == 1 and winners != losers
    status, outcome, note, closes = stored(app, referral_id)
    expected = ("geholpen", "niet_geholpen")[winners[0]]
    assert (status, outcome, note, closes) == (Status.CLOSED, expected, f"notitie {expected}", 1)
