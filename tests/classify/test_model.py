"""The classifier: contract shape, our own hard cases, determinism, save and load."""
import copy
import dataclasses

import numpy as np
import pytest

from triage.catalogue.codes import THEMES
from triage.classify.model import Classifier, ModelSettings

QUESTIONS = [
    "Mijn itsme werkt niet meer sinds ik een nieuwe gsm heb",
    "meneer wil leren hoe hij zelf een overschrijving doet in zijn bankapp",
    "printer drukt niks af en ze moet haar huurcontract morgen binnenbrengen",
    "iets met digitale post??",
    "",
]

# Our own sentences for the counter-cues of LABELLING.md: a deadline does not make a
# hulpvraag when the citizen wants to learn it, and "hoe moet ik" with one task is no leervraag.
LEERVRAGEN_WITH_DEADLINE = [
    "Mevrouw moet tegen vrijdag leren hoe ze zelf haar huurpremie online aanvraagt, daarna wil ze het "
    "alleen kunnen",
    "hij moet tegen maandag leren hoe hij zelf zijn loonbrieven in het portaal van zijn werkgever "
    "opent, want dan begint zijn nieuwe job",
]
HULPVRAGEN_HOE_MOET_IK = [
    "Hoe moet ik de meterstand van mijn gas doorgeven? De brief van Fluvius zegt dat het voor 10 maart "
    "moet.",
    "hoe moet ik dat attest van mijn pensioen downloaden, de bank wil het morgen hebben",
]


def test_a_prediction_has_the_contracts_shape(trained):
    for question in QUESTIONS:
        prediction = trained.predict(question)
        out = prediction.as_dict()
        assert set(out) == {"kind", "confidence", "themes", "explanation"}
        assert out["kind"] in ("hulpvraag", "leervraag")
        assert 0.0 <= out["confidence"] <= 1.0
        assert 1 <= len(out["themes"]) <= 2
        assert all(t["code"] in THEMES and 0.0 <= t["score"] <= 1.0 for t in out["themes"])
        scores = [t["score"] for t in out["themes"]]
        assert scores == sorted(scores, reverse=True)
        assert 2 <= len(out["explanation"]) <= 4
        assert all(isinstance(s, str) and s.strip() for s in out["explanation"])


def test_a_second_theme_is_shown_only_above_the_threshold(trained):
    threshold = trained.settings.second_theme_threshold
    for question in QUESTIONS:
        ranking = trained.theme_ranking(question)
        themes = trained.predict(question).themes
        assert themes[0][0] == ranking[0][0]
        assert (len(themes) == 2) == (ranking[1][1] >= threshold)


@pytest.mark.parametrize("question", LEERVRAGEN_WITH_DEADLINE)
def test_a_leervraag_with_a_deadline_is_a_leervraag(trained, question):
    assert trained.predict(question).kind == "leervraag"


@pytest.mark.parametrize("question", HULPVRAGEN_HOE_MOET_IK)
def test_hoe_moet_ik_with_one_task_is_a_hulpvraag(trained, question):
    assert trained.predict(question).kind == "hulpvraag"


def test_brands_lead_to_their_theme(trained):
    assert trained.predict("itsme vraagt een nieuwe pincode").themes[0][0] == "digitale-sleutels"
    assert trained.predict("aangifte in MyMinfin lukt niet").themes[0][0] == "belastingen"
    assert trained.predict("Smartschool van de kinderen opent niet").themes[0][0] == "onderwijs"


def test_training_is_deterministic_with_a_fixed_seed(small_corpus):
    first = Classifier(ModelSettings(seed=7)).fit(small_corpus)
    second = Classifier(ModelSettings(seed=7)).fit(small_corpus)
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.bias, second.bias)
    assert first.platt == second.platt and first.data_hash == second.data_hash
    assert [first.predict(q) for q in QUESTIONS] == [second.predict(q) for q in QUESTIONS]


def test_save_and_load_round_trip_with_identical_predictions(trained, tmp_path):
    path = trained.save(tmp_path / "sub" / "model.joblib")
    loaded = Classifier.load(path)
    assert loaded.label == trained.label and loaded.n_examples == trained.n_examples
    assert loaded.settings == trained.settings
    assert np.array_equal(loaded.weights, trained.weights)
    assert [loaded.predict(q) for q in QUESTIONS] == [trained.predict(q) for q in QUESTIONS]
    assert Classifier.from_bytes(trained.to_bytes()).predict(QUESTIONS[0]) == trained.predict(QUESTIONS[0])
    assert not list(path.parent.glob("*.tmp"))


def test_a_file_of_another_version_is_refused(trained, tmp_path):
    other = copy.copy(trained)
    other.version = "classify-0"
    path = other.save(tmp_path / "old.joblib")
    with pytest.raises(ValueError, match="version"):
        Classifier.load(path)


def test_an_untrained_classifier_says_so():
    with pytest.raises(RuntimeError):
        Classifier().predict("wifi kapot")


def test_low_confidence_asks_staff_to_check_the_kind(trained):
    doubtful = copy.copy(trained)
    doubtful.settings = dataclasses.replace(trained.settings, low_confidence=1.01)
    assert doubtful.predict(QUESTIONS[0]).explanation[-1] == "Twijfel: kijk de soort vraag zelf na."
    assert "Twijfel" not in " ".join(trained.predict(QUESTIONS[1]).explanation)
