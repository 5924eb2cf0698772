"""Odd text through the classifier's normalisation and the classifier itself: tokens point into the text."""
from hypothesis import given, settings

from tests.strategies import PURE, odd_text
from triage.classify.service import get_classifier
from triage.classify.text import analyse, char_wb_ngrams, normalise, word_ngrams


@settings(PURE, max_examples=60)
@given(text=odd_text)
def test_normalising_odd_text_gives_tokens_that_point_into_it(text):
    tokens = analyse(text)
    for token in tokens:
        assert token.word and 0 <= token.start < token.end <= len(text)
    assert normalise(text) == " ".join(t.word for t in tokens)
    words = [t.word for t in tokens]
    assert isinstance(word_ngrams(words), list) and isinstance(char_wb_ngrams(words), list)


@PURE
@given(text=odd_text)
def test_the_classifier_answers_any_text_with_a_kind_and_scores(text):
    result = get_classifier().predict(text)
    assert result.kind in ("hulpvraag", "leervraag")
    assert 0 <= result.confidence <= 1 and all(0 <= score <= 1 for _code, score in result.themes)
    assert all(isinstance(line, str) for line in result.explanation)
