"""The counter's client for slip and reach tests: the counter pages' catalogue and a fixed classifier."""
import pytest

from tests.intake.conftest import FixedClassifier
from tests.intake.test_counter_pages import CATALOGUE
from triage.catalogue.services import import_document
from triage.extensions import db


@pytest.fixture
def counter(app, client, login_as, monkeypatch):
    import triage.classify.service as service

    monkeypatch.setattr(service, "get_classifier", lambda *a, **k: FixedClassifier(), raising=False)
    with app.app_context():
        import_document(CATALOGUE)
        db.session.commit()
    login_as("balie")
    return client
