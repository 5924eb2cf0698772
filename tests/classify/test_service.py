"""The per-process classifier and retraining with extra labels."""
import threading

import pytest

import triage.classify.service as service
from triage.classify.corpus import Example
from triage.classify.model import Classifier


@pytest.fixture(autouse=True)
def _fresh_cache():
    service.clear_cache()
    yield
    service.clear_cache()


@pytest.fixture
def small(monkeypatch, small_corpus):
    """The service trains on a quarter of the corpus, to keep these tests quick."""
    monkeypatch.setattr(service, "load_corpus", lambda: list(small_corpus))
    return small_corpus


def test_a_saved_model_is_loaded_once_and_shared_across_threads(trained, tmp_path):
    path = trained.save(tmp_path / "model.joblib")
    found = []
    threads = [threading.Thread(target=lambda: found.append(service.get_classifier(path))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(model) for model in found}) == 1
    assert found[0].label == trained.label
    assert service.get_classifier(str(path)) is found[0]


def test_a_missing_model_is_trained_from_the_corpus_and_saved(small, tmp_path):
    path = tmp_path / "new" / "model.joblib"
    model = service.get_classifier(path)
    assert path.exists() and model.n_examples == len(small)
    service.clear_cache()
    assert service.get_classifier(path).label == model.label


def test_an_unreadable_model_file_is_replaced(small, tmp_path):
    path = tmp_path / "model.joblib"
    path.write_bytes(b"not a model")
    assert service.get_classifier(path).n_examples == len(small)
    assert Classifier.load(path).n_examples == len(small)


def test_use_classifier_replaces_the_cached_one(trained, tmp_path):
    path = tmp_path / "model.joblib"
    service.use_classifier(trained, path)
    assert service.get_classifier(path) is trained and path.exists()


def test_extra_examples_replace_corpus_lines_with_the_same_question():
    corpus = [Example("Wifi kapot", "hulpvraag", ("toestel-technisch",)),
              Example("mail leren", "leervraag", ("communicatie",))]
    merged = service.merge_examples(corpus, [Example("wifi  KAPOT", "leervraag", ("toegang",))])
    assert len(merged) == 2 and Example("wifi  KAPOT", "leervraag", ("toegang",)) in merged


def test_the_holdout_is_stratified_and_deterministic(small):
    train, held = service.split_holdout(small, 0.2, seed=3)
    assert len(train) + len(held) == len(small)
    assert 0.15 < len(held) / len(small) < 0.25
    assert {e.kind for e in held} == {"hulpvraag", "leervraag"}
    assert service.split_holdout(small, 0.2, seed=3) == (train, held)


def test_train_and_compare_scores_new_and_old_on_the_same_held_out_part(small):
    extra = [Example("de Recycle-app toont de ophaaldag van het restafval niet meer", "hulpvraag",
                     ("gemeente-eloket",)),
             Example("wil leren om zelf de afvalkalender van de stad op te zoeken", "leervraag",
                     ("gemeente-eloket",))]
    new, new_scores, old_scores = service.train_and_compare(extra, holdout_fraction=0.2, seed=1)
    assert isinstance(new, Classifier) and new.fitted
    assert new_scores["count"] == old_scores["count"] > 0
    assert {"kind_macro_f1", "theme_top1", "primary_in_top3"} <= set(new_scores) & set(old_scores)
    assert new.n_examples + new_scores["count"] == len(small) + len(extra)
