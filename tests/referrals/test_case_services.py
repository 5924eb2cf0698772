"""Picking up from the pool: the first digihelper wins, even when several ask at the same moment."""
import threading

from sqlalchemy import func, select

from triage.catalogue.services import find_entry, import_document
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals.case_services import TAKEN, pick_up
from triage.referrals.models import Referral, Status

HELPERS = 4
CATALOGUE = {"version": 1, "digihelpers": [
    {"id": f"dh-{i}", "name": f"Helper {i}", "themes": ["computer"], "kinds": ["hulpvraag"], "languages": ["nl"],
     "max_open_cases": 3} for i in range(HELPERS)]}


def _pooled_request(app) -> int:
    with app.app_context():
        import_document(CATALOGUE)
        request = HelpRequest(reference="RACE-01", question="pc", kind="hulpvraag", predicted_kind="hulpvraag",
                              predicted_themes=["computer"], theme="computer", language="nl",
                              status=RequestStatus.POOL)
        db.session.add(request)
        db.session.commit()
        return request.id


def test_digihelpers_racing_for_one_request_give_one_referral(app):
    request_id = _pooled_request(app)
    barrier = threading.Barrier(HELPERS)
    won, refused, errors = [], [], []

    def helper(i: int):
        with app.app_context():
            try:
                barrier.wait(5)
                pick_up(db.session.get(HelpRequest, request_id), find_entry("digihelper", f"dh-{i}"), None)
                db.session.commit()
                won.append(i)
            except ServiceError as error:
                db.session.rollback()
                refused.append(str(error))
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=helper, args=(i,)) for i in range(HELPERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert len(won) == 1 and refused == [TAKEN] * (HELPERS - 1)
    with app.app_context():
        referral = db.session.scalar(select(Referral))
        assert db.session.scalar(select(func.count(Referral.id))) == 1
        assert referral.status is Status.ACCEPTED and referral.target_id == find_entry("digihelper", f"dh-{won[0]}").id
        assert db.session.get(HelpRequest, request_id).status is RequestStatus.REFERRED
