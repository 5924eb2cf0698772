"""Explanations: short Dutch sentences that quote the citizen's own words."""
import re

import pytest

from triage.catalogue.codes import THEMES

CASES = [
    "Mijn itsme werkt nie meer sinds ik een nieuwe gsm heb, kan iemand da vandaag doen?",
    "mevrouw wil leren videobellen met WhatsApp, ze heeft geen haast",
    "de laptop start niet meer op en hij moet morgen zijn cv naar de VDAB sturen",
    "wil zelf leren werken met MyMinfin zodat ik volgend jaar mijn aangifte alleen kan doen",
]
DUTCH = ("wijst op", "wijzen op", "hoort bij het thema", "horen bij het thema", "lijkt op",
         "inschatting", "Twijfel", "wijst ook op", "speelt ook")


@pytest.mark.parametrize("question", CASES)
def test_sentences_are_dutch_and_quote_words_from_the_question(trained, question):
    prediction = trained.predict(question)
    sentences = prediction.explanation
    assert 2 <= len(sentences) <= 4
    assert all(any(marker in s for marker in DUTCH) for s in sentences)
    quotes = [q for s in sentences for q in re.findall(r"'([^']+)'", s)]
    assert quotes and all(q.lower() in question.lower() for q in quotes)


def test_the_kind_sentence_names_the_kind_and_the_theme_sentence_its_label(trained):
    prediction = trained.predict(CASES[0])
    assert prediction.explanation[0].endswith("(hulpvraag).")
    assert "'itsme'" in prediction.explanation[1].lower()
    assert THEMES["digitale-sleutels"] in prediction.explanation[1]


def test_a_leervraag_is_explained_by_its_learning_words(trained):
    prediction = trained.predict(CASES[1])
    assert prediction.kind == "leervraag"
    assert "'leren'" in prediction.explanation[0] and "(leervraag)" in prediction.explanation[0]


def test_a_question_without_telling_words_still_gets_an_explanation(trained):
    sentences = trained.predict("ja").explanation
    assert 2 <= len(sentences) <= 4 and all(s.endswith(".") for s in sentences)
