"""Stored model versions: retraining keeps the new model only when it scores at least as well."""
import pytest

from triage.classify import service, store
from triage.classify.corpus import Example
from triage.classify.models import ClassifierModel
from triage.extensions import db

LABELS = [Example("meneer wil zelf leren hoe hij met zijn bankapp een overschrijving doet", "leervraag",
                  ("bankieren",)),
          Example("de printer drukt niks meer af en ze moet vandaag een formulier afdrukken", "hulpvraag",
                  ("toestel-technisch",))]


@pytest.fixture(autouse=True)
def _fresh_store():
    store.forget()
    yield
    store.forget()


def test_without_labels_retraining_is_skipped(ctx):
    outcome = store.retrain([])
    assert outcome.skipped and not outcome.kept
    assert db.session.query(ClassifierModel).count() == 0
    assert store.current_classifier() is service.get_classifier()


def test_looking_for_the_active_model_leaves_the_callers_transaction_alone(ctx):
    # A view calls this before it writes: on SQLite its transaction must not hold the write lock while a
    # model loads, or every other writer waits (seen after a worker restart in benchmarks/load_faults.py).
    db.session.commit()
    store.current_classifier()
    assert not db.session().in_transaction()


def fake_compare(new_f1, old_f1):
    def compare(examples, seed=0, **_):
        model = service.get_classifier()
        return model, {"kind_macro_f1": new_f1, "theme_top1": 0.9, "count": 10}, \
            {"kind_macro_f1": old_f1, "theme_top1": 0.9, "count": 10}
    return compare


def test_a_better_model_is_kept_stored_and_used(ctx, monkeypatch):
    monkeypatch.setattr(service, "train_and_compare", fake_compare(0.97, 0.95))
    outcome = store.retrain(LABELS)
    db.session.commit()
    assert outcome.kept and "nieuw model in gebruik" in outcome.summary()
    row = db.session.query(ClassifierModel).one()
    assert row.active and row.extra_labels == 2 and row.scores["new"]["kind_macro_f1"] == 0.97
    assert len(row.blob) > 1000
    store.forget()  # another process: loads it from the database
    loaded = store.current_classifier()
    assert loaded is not service.get_classifier()
    assert loaded.predict("itsme werkt niet").kind in ("hulpvraag", "leervraag")


def test_a_worse_model_is_recorded_but_not_used(ctx, monkeypatch):
    monkeypatch.setattr(service, "train_and_compare", fake_compare(0.90, 0.95))
    outcome = store.retrain(LABELS)
    db.session.commit()
    assert not outcome.kept and "het oude blijft" in outcome.summary()
    row = db.session.query(ClassifierModel).one()
    assert not row.active and row.blob == b"" and "scoorde slechter" in row.note
    assert store.current_classifier() is service.get_classifier()


def test_the_same_labels_are_not_trained_on_twice(ctx, monkeypatch):
    monkeypatch.setattr(service, "train_and_compare", fake_compare(0.97, 0.95))
    store.retrain(LABELS)
    db.session.commit()
    assert "geen nieuwe bevestigde labels" in store.retrain(LABELS).summary()


def test_a_real_retrain_compares_on_a_held_out_part(ctx):
    outcome = store.retrain(LABELS, seed=1)
    db.session.commit()
    assert outcome.new_scores["count"] == outcome.old_scores["count"] > 100
    assert db.session.query(ClassifierModel).count() == 1
