"""Feature space: TF-IDF word and char n-grams plus lexicon counts; fitted with sklearn, applied without."""
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from triage.classify.lexicon import LEXICON
from triage.classify.text import analyse, char_wb_ngrams, word_ngrams


@dataclass(frozen=True)
class FeatureSettings:
    """Knobs of the feature space; stored with the model so a loaded model rebuilds the same."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    word_min_df: int = 1
    char_min_df: int = 2
    word_weight: float = 1.0
    char_weight: float = 1.0
    lexicon_weight: float = 0.5
    kind_cues: bool = True
    negation: bool = True


def _words(text: str) -> list[str]:
    return [token.word for token in analyse(text)]


@dataclass
class FeatureSpace:
    """Maps a question to one sparse row: [word n-grams | char n-grams | lexicon groups]."""

    settings: FeatureSettings = field(default_factory=FeatureSettings)
    word_vocab: dict[str, int] = field(default_factory=dict)
    char_vocab: dict[str, int] = field(default_factory=dict)
    word_idf: list[float] = field(default_factory=list)
    char_idf: list[float] = field(default_factory=list)
    lexicon_groups: list[str] = field(default_factory=list)
    _char_memo: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def word_names(self) -> list[str]:
        """Column index -> word n-gram, for explanations (after fitting or loading)."""
        names = [""] * len(self.word_vocab)
        for term, index in self.word_vocab.items():
            names[index] = term
        return names

    @property
    def n_features(self) -> int:
        return len(self.word_vocab) + len(self.char_vocab) + len(self.lexicon_groups)

    @property
    def char_offset(self) -> int:
        return len(self.word_vocab)

    @property
    def lexicon_offset(self) -> int:
        return len(self.word_vocab) + len(self.char_vocab)

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        """Learn vocabularies and idf weights with scikit-learn; the matrix of the texts."""
        s = self.settings
        word_lists = [_words(text) for text in texts]
        word_vec = TfidfVectorizer(analyzer=lambda w: word_ngrams(w, s.word_ngrams, s.negation),
                                   min_df=s.word_min_df, sublinear_tf=True)
        char_vec = TfidfVectorizer(analyzer=lambda w: char_wb_ngrams(w, s.char_ngrams),
                                   min_df=s.char_min_df, sublinear_tf=True)
        word_vec.fit(word_lists)
        char_vec.fit(word_lists)
        for cached in ("word_names", "_word_idf", "_char_idf"):
            self.__dict__.pop(cached, None)
        self._char_memo = {}
        self.word_vocab = {term: int(i) for term, i in word_vec.vocabulary_.items()}
        self.char_vocab = {term: int(i) for term, i in char_vec.vocabulary_.items()}
        self.word_idf = [float(x) for x in word_vec.idf_]
        self.char_idf = [float(x) for x in char_vec.idf_]
        self.lexicon_groups = [g for g in LEXICON.groups if s.kind_cues or g.startswith("thema:")]
        return self.transform_words(word_lists)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        return self.transform_words([_words(text) for text in texts])

    def transform_words(self, word_lists: list[list[str]]) -> sp.csr_matrix:
        rows = [self.vector(words)[:2] for words in word_lists]
        indptr = np.cumsum([0] + [len(c) for c, _ in rows])
        cols = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
        vals = np.concatenate([v for _, v in rows]) if rows else np.zeros(0)
        return sp.csr_matrix((vals, cols, indptr), shape=(len(word_lists), self.n_features))

    def vector(self, words: list[str]) -> tuple[np.ndarray, np.ndarray, list[tuple]]:
        """Nonzero columns and values of one question's row, and its lexicon hits; no sklearn."""
        s = self.settings
        vocab = self.word_vocab
        word_cols = [i for i in map(vocab.get, word_ngrams(words, s.word_ngrams, s.negation))
                     if i is not None]
        blocks = [_tfidf(np.asarray(word_cols, dtype=np.int64), self._word_idf, 0, s.word_weight)]
        char_cols = [self._char_columns(word) for word in words]
        if char_cols:
            blocks.append(_tfidf(np.concatenate(char_cols), self._char_idf, len(vocab), s.char_weight))
        hits = LEXICON.find(words)
        if hits:
            group_counts: dict[str, int] = {}
            for group, *_ in hits:
                group_counts[group] = group_counts.get(group, 0) + 1
            offset = len(vocab) + len(self.char_vocab)
            lex = [(offset + i, s.lexicon_weight * min(group_counts[g], 2))
                   for i, g in enumerate(self.lexicon_groups) if g in group_counts]
            if lex:
                blocks.append((np.array([c for c, _ in lex], dtype=np.int64),
                               np.array([v for _, v in lex], dtype=np.float64)))
        cols = np.concatenate([b[0] for b in blocks])
        vals = np.concatenate([b[1] for b in blocks])
        return cols, vals, hits

    @cached_property
    def _word_idf(self) -> np.ndarray:
        return np.asarray(self.word_idf, dtype=np.float64)

    @cached_property
    def _char_idf(self) -> np.ndarray:
        return np.asarray(self.char_idf, dtype=np.float64)

    def _char_columns(self, word: str) -> np.ndarray:
        """Char n-gram columns of one word, memoised: most words of a question are seen before."""
        found = self._char_memo.get(word)
        if found is None:
            vocab = self.char_vocab
            found = np.array([vocab[g] for g in char_wb_ngrams([word], self.settings.char_ngrams)
                              if g in vocab], dtype=np.int64)
            if len(self._char_memo) > 100_000:
                self._char_memo.clear()
            self._char_memo[word] = found
        return found


def _tfidf(columns: np.ndarray, idf: np.ndarray, offset: int, weight: float
           ) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear tf times idf, L2-normalised over the block, as TfidfVectorizer computes it."""
    if not len(columns):
        return columns, np.zeros(0)
    unique, counts = np.unique(columns, return_counts=True)
    values = (1.0 + np.log(counts)) * idf[unique]
    values *= weight / (np.sqrt(values @ values) or 1.0)
    return unique + offset, values
