"""Fixtures: the corpus and one classifier trained on it, shared by the whole test session."""
import pytest

from triage.classify.corpus import load_corpus
from triage.classify.model import Classifier


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def trained(corpus):
    """Trained once per session (a few seconds); tests must not change it."""
    return Classifier().fit(corpus)


@pytest.fixture(scope="session")
def small_corpus(corpus):
    """Every fourth line: enough for both kinds and all themes, quick to train on."""
    return corpus[::4]
