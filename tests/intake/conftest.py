"""A stand-in classifier, so counter tests do not depend on the trained model's guesses."""
from types import SimpleNamespace

import pytest


class FixedClassifier:
    def __init__(self, kind="hulpvraag", themes=(("computer", 0.8), ("toegang", 0.3)), confidence=0.9):
        self.kind, self.themes, self.confidence = kind, list(themes), confidence

    def predict(self, text):
        return SimpleNamespace(kind=self.kind, confidence=self.confidence, themes=self.themes,
                               explanation=["'pc' hoort bij het thema Computer gebruiken"])


@pytest.fixture
def classifier(monkeypatch):
    fixed = FixedClassifier()
    import triage.classify.service as service

    monkeypatch.setattr(service, "get_classifier", lambda *a, **k: fixed, raising=False)
    return fixed
