"""Normalisation of Flemish spellings and the features built on it."""
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from triage.classify.features import FeatureSettings, FeatureSpace
from triage.classify.lexicon import LEXICON
from triage.classify.text import analyse, char_wb_ngrams, normalise, word_ngrams


def test_spoken_forms_accents_and_brand_spellings_are_folded():
    assert normalise("Da lukt nie, 't is nen gsm'ke") == "dat lukt niet | het is een gsm"
    assert normalise("Één keer Tax-on-web en It's Me") == "een keer taxonweb en itsme"
    assert normalise("E-mail via Whats App") == "mail via whatsapp"


def test_each_token_points_back_to_the_words_the_citizen_used():
    text = "Mijn ItsMe werkt nie meer, kan da?"
    assert [(t.word, text[t.start:t.end]) for t in analyse(text)][1:4] == [
        ("itsme", "ItsMe"), ("werkt", "werkt"), ("niet", "nie")]


def test_word_ngrams_stay_inside_a_clause_and_mark_negation():
    words = normalise("ze wil nie leren, het moet weg").split()
    grams = word_ngrams(words)
    assert "niet leren" in grams and "niet>leren" in grams
    assert "leren het" not in grams


def test_char_ngrams_match_scikit_learns_char_wb_analyser():
    text = normalise("printer doet nix, a bc")
    analyser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False).build_analyzer()
    assert sorted(char_wb_ngrams(text.replace(" | ", " ").split())) == sorted(analyser(text.replace(" | ", " ")))


def test_the_fast_row_equals_scikit_learns_tfidf_for_the_word_block(corpus):
    texts = [e.question for e in corpus[:300]]
    space = FeatureSpace(FeatureSettings())
    matrix = space.fit_transform(texts).toarray()
    words = [[t.word for t in analyse(text)] for text in texts]
    reference = TfidfVectorizer(analyzer=lambda w: word_ngrams(w), sublinear_tf=True,
                                vocabulary=space.word_vocab).fit(words).transform(words).toarray()
    assert np.allclose(matrix[:, :space.char_offset], reference)


def test_the_lexicon_finds_brands_prefixes_and_phrases():
    groups = {group for group, *_ in LEXICON.find(normalise("MyMinfin, belastingbrief en geen internet").split())}
    assert {"thema:belastingen", "thema:toegang"} <= groups
