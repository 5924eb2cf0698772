"""log_request keeps what the reports need: the services named and a pseudonymous citizen key."""
import hashlib
import hmac

from sqlalchemy import select

from tests.intake.conftest import FixedClassifier
from triage.extensions import db
from triage.intake.citizens import citizen_key, normalise_phone
from triage.intake.models import RequestService
from triage.intake.services import Intake, log_request


def expected_key(value: str) -> str:
    return hmac.new(b"test-secret-key", value.encode(), hashlib.sha256).hexdigest()


def test_log_request_stores_the_services_and_the_citizen_key(ctx):
    request = log_request(Intake(question="Mijn itsme werkt niet en ik moet iets betalen met KBC Mobile",
                                 contact_name="Maria", contact_phone="+32 470 12 34 56", contact_consent=True),
                          None, FixedClassifier())
    db.session.commit()
    assert request.services == ["itsme", "kbc"]
    assert request.citizen_key == expected_key("tel:0470123456")
    links = db.session.execute(select(RequestService.service, RequestService.created_at)
                               .where(RequestService.request_id == request.id)).all()
    assert sorted(links) == [("itsme", request.created_at), ("kbc", request.created_at)]


def test_no_contact_or_no_consent_means_no_key(ctx):
    anonymous = log_request(Intake(question="Hoe werkt de app van De Lijn?"), None, FixedClassifier())
    assert anonymous.citizen_key is None and anonymous.services == ["delijn"]


def test_the_same_citizen_gets_the_same_key_however_the_number_is_written(ctx):
    keys = {citizen_key(phone, None, "s") for phone in ("0470 12 34 56", "+32470123456", "0032 470/12.34.56")}
    assert len(keys) == 1
    assert citizen_key(None, " Maria@Example.be ", "s") == citizen_key(None, "maria@example.be", "s")
    assert citizen_key("0470 12 34 56", None, "s") != citizen_key("0470 12 34 56", None, "other secret")
    assert citizen_key(None, None, "s") is None and normalise_phone("12") is None
    assert len(citizen_key("0470123456", None, "s")) == 64
