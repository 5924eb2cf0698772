"""Capacity and course places are counted from the referrals in the database (hard rules 7 and 8)."""
from datetime import UTC, datetime

import pytest

from triage.catalogue.models import CatalogueEntry
from triage.catalogue.services import import_document
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.matching import MatchRequest, match
from triage.matching.service import offer_index
from triage.referrals.models import Mode, Referral, Status
from triage.referrals.queries import current_load

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
CATALOGUE = {"version": 1,
             "digihelpers": [{"id": "dh-een", "name": "Een", "themes": ["computer"], "kinds": ["hulpvraag"],
                              "languages": ["nl"], "max_open_cases": 2}],
             "courses": [{"id": "c-klein", "title": "Klein", "themes": ["computer"], "languages": ["nl"],
                          "capacity": 2, "sessions": [{"start": "2026-12-10T10:00:00"}]}]}


@pytest.fixture
def catalogue(ctx):
    import_document(CATALOGUE)
    db.session.commit()


def refer(code: str, status: Status, n: int = 1) -> None:
    entry = db.session.query(CatalogueEntry).filter_by(code=code).one()
    for i in range(n):
        request = HelpRequest(reference=f"R{code[-3:]}{status.value[:3]}{i}"[:12], question="vraag")
        db.session.add(request)
        db.session.flush()
        mode = Mode.ASSIGNED if entry.entry_type == "digihelper" else Mode.ENROLLED
        db.session.add(Referral(request_id=request.id, target_id=entry.id, mode=mode, status=status))
    db.session.commit()


def suggested(kind: str) -> list[str]:
    request = MatchRequest(kind=kind, themes=("computer",), now=NOW)
    return [s.id for s in match(request, offer_index(), current_load()).suggestions]


def test_open_referrals_count_against_max_open_cases(catalogue):
    refer("dh-een", Status.PROPOSED)
    refer("dh-een", Status.CLOSED, 3)
    refer("dh-een", Status.DECLINED)
    assert current_load().open_cases == {"dh-een": 1}
    assert "dh-een" in suggested("hulpvraag")
    refer("dh-een", Status.IN_PROGRESS)
    assert current_load().open_cases == {"dh-een": 2}
    assert "dh-een" not in suggested("hulpvraag")


def test_course_places_count_every_referral_that_is_not_cancelled(catalogue):
    refer("c-klein", Status.CANCELLED, 3)
    refer("c-klein", Status.CLOSED)
    assert current_load().taken_places == {"c-klein": 1}
    assert "c-klein" in suggested("leervraag")
    refer("c-klein", Status.PROPOSED)
    assert "c-klein" not in suggested("leervraag")


def test_the_offer_index_follows_catalogue_changes(catalogue):
    assert "dh-een" in suggested("hulpvraag")
    from triage.catalogue.services import find_entry, set_entry_active

    set_entry_active(find_entry("digihelper", "dh-een"), False)
    db.session.commit()
    assert "dh-een" not in suggested("hulpvraag")
