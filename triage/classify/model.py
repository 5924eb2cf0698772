"""The classifier: kind and themes of a question from linear models over one feature space."""
import io
import math
import os
import platform
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from threadpoolctl import threadpool_limits

from triage.classify.corpus import KINDS, THEME_CODES, Example, examples_hash
from triage.classify.explain import Evidence, explain
from triage.classify.features import FeatureSettings, FeatureSpace
from triage.classify.text import analyse

# Bump when the saved format or the meaning of the features changes; older files are retrained.
MODEL_VERSION = "classify-1"
N_THEMES = len(THEME_CODES)
# Columns of the stacked weight matrix: [kind | themes (multinomial) | themes (one-vs-rest)].
KIND_COL, MULTI, OVR = 0, slice(1, 1 + N_THEMES), slice(1 + N_THEMES, 1 + 2 * N_THEMES)


@dataclass(frozen=True)
class ModelSettings:
    """Hyperparameters, chosen by 5-fold cross-validation on the corpus (docs/classifier-notes.md)."""

    features: FeatureSettings = field(default_factory=FeatureSettings)
    # Weights of the blocks (word n-grams, char n-grams, theme lexicon, kind cues) per model.
    kind_blocks: tuple[float, float, float, float] = (1.0, 2.5, 0.25, 0.25)
    theme_blocks: tuple[float, float, float, float] = (1.0, 2.0, 0.75, 0.5)
    kind_c: float = 10.0
    theme_c: float = 10.0
    # A second labelled theme counts as an extra, lighter example of that theme.
    second_theme_weight: float = 0.5
    # A second theme is shown when its score reaches this (precision about 0.78 in CV).
    second_theme_threshold: float = 0.30
    # Below this confidence the explanation asks staff to check the kind (CV: flags 4% of
    # questions and catches over half of the kind errors).
    low_confidence: float = 0.80
    calibration_folds: int = 5
    seed: int = 0


@dataclass(frozen=True)
class Prediction:
    """What the classifier says about one question, in the shape of the output contract."""

    kind: str
    confidence: float
    themes: list[tuple[str, float]]
    explanation: list[str]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "confidence": self.confidence,
                "themes": [{"code": code, "score": score} for code, score in self.themes],
                "explanation": list(self.explanation)}


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class Classifier:
    """fit(examples), predict(text); the fitted state is plain arrays, so predict needs no sklearn."""

    def __init__(self, settings: ModelSettings | None = None) -> None:
        self.settings = settings or ModelSettings()
        self.space = FeatureSpace(self.settings.features)
        self.weights: np.ndarray | None = None  # n_features x (1 + 2 * N_THEMES)
        self.bias: np.ndarray | None = None
        self.platt = (1.0, 0.0)  # kind probability = sigmoid(a * score + b)
        self.version = MODEL_VERSION
        self.data_hash = ""
        self.n_examples = 0

    @property
    def fitted(self) -> bool:
        return self.weights is not None

    def _block_scale(self, blocks) -> np.ndarray:
        word, char, lex_theme, lex_kind = blocks
        scale = np.empty(self.space.n_features)
        scale[:self.space.char_offset] = word
        scale[self.space.char_offset:self.space.lexicon_offset] = char
        for i, group in enumerate(self.space.lexicon_groups):
            scale[self.space.lexicon_offset + i] = lex_theme if group.startswith("thema:") else lex_kind
        return scale

    def fit(self, examples: list[Example], themes: bool = True) -> "Classifier":
        """Train all models on the examples; deterministic for a given seed. themes=False trains
        the kind model only (a quick check; such a model ranks themes arbitrarily)."""
        if not examples:
            raise ValueError("no examples to train on")
        # These small sparse problems run several times faster on one BLAS/OpenMP thread.
        with threadpool_limits(1):
            self._fit(examples, themes)
        self.data_hash = examples_hash(examples)
        self.n_examples = len(examples)
        return self

    def _fit(self, examples: list[Example], themes: bool) -> None:
        s = self.settings
        matrix = self.space.fit_transform([e.question for e in examples])
        n_features = self.space.n_features
        weights = np.zeros((n_features, 1 + 2 * N_THEMES))
        bias = np.zeros(1 + 2 * N_THEMES)

        # Kind: logistic regression, then Platt scaling on out-of-fold scores for the confidence.
        kind_scale = self._block_scale(s.kind_blocks)
        x_kind = matrix @ sp.diags(kind_scale)
        y_kind = np.array([e.kind == "leervraag" for e in examples], dtype=int)
        kind_model = LogisticRegression(C=s.kind_c, max_iter=5000)
        kind_model.fit(x_kind, y_kind)
        weights[:, KIND_COL] = kind_model.coef_[0] * kind_scale
        bias[KIND_COL] = kind_model.intercept_[0]
        self.platt = self._calibrate(x_kind, y_kind)

        self.weights, self.bias = weights.astype(np.float32), bias
        if themes:
            self._fit_themes(examples, matrix)

    def _fit_themes(self, examples: list[Example], matrix: sp.csr_matrix) -> None:
        # Multinomial on the primary theme (second themes as lighter extra rows) and
        # one-vs-rest on both labelled themes; the score of a theme averages the two.
        s = self.settings
        weights, bias = self.weights.astype(np.float64), self.bias
        theme_scale = self._block_scale(s.theme_blocks)
        x_theme = (matrix @ sp.diags(theme_scale)).tocsr()
        index = {code: i for i, code in enumerate(THEME_CODES)}
        second = [i for i, e in enumerate(examples) if len(e.themes) > 1]
        x_multi = sp.vstack([x_theme, x_theme[second]]).tocsr()
        y_multi = [index[e.primary] for e in examples] + [index[examples[i].themes[1]] for i in second]
        w_multi = np.concatenate([np.ones(len(examples)), np.full(len(second), s.second_theme_weight)])
        multi = LogisticRegression(C=s.theme_c, solver="newton-cg", max_iter=5000)
        multi.fit(x_multi, y_multi, sample_weight=w_multi)
        for row, cls in enumerate(multi.classes_):
            weights[:, MULTI.start + cls] = multi.coef_[row] * theme_scale
            bias[MULTI.start + cls] = multi.intercept_[row]
        missing = set(range(N_THEMES)) - set(multi.classes_)
        for cls in missing:  # a theme absent from the data never wins
            bias[MULTI.start + cls] = -30.0
        for cls, code in enumerate(THEME_CODES):
            y = np.array([code in e.themes for e in examples], dtype=int)
            if y.min() == y.max():
                bias[OVR.start + cls] = -30.0 if y.max() == 0 else 30.0
                continue
            ovr = LogisticRegression(C=s.theme_c, max_iter=5000).fit(x_theme, y)
            weights[:, OVR.start + cls] = ovr.coef_[0] * theme_scale
            bias[OVR.start + cls] = ovr.intercept_[0]

        self.weights = weights.astype(np.float32)
        self.bias = bias

    def _calibrate(self, x, y) -> tuple[float, float]:
        s = self.settings
        counts = np.bincount(y, minlength=2)
        folds = min(s.calibration_folds, int(counts.min()))
        if folds < 2:
            return (1.0, 0.0)
        cv = StratifiedKFold(folds, shuffle=True, random_state=s.seed)
        scores = cross_val_predict(LogisticRegression(C=s.kind_c, max_iter=5000), x, y, cv=cv,
                                   method="decision_function")
        platt = LogisticRegression(C=1e4).fit(scores.reshape(-1, 1), y)
        return (float(platt.coef_[0, 0]), float(platt.intercept_[0]))

    def scores(self, text: str):
        """Tokens, sparse row and the raw linear scores of one question."""
        if not self.fitted:
            raise RuntimeError("the classifier is not trained")
        tokens = analyse(text)
        cols, vals, hits = self.space.vector([t.word for t in tokens])
        values = vals.astype(np.float32)
        raw = values @ self.weights[cols] + self.bias
        return tokens, cols, values, hits, raw

    def predict(self, text: str, explain_it: bool = True) -> Prediction:
        """Kind with confidence, ranked themes (one or two) and a short Dutch explanation."""
        s = self.settings
        tokens, cols, values, hits, raw = self.scores(text)
        a, b = self.platt
        p_leer = 1.0 / (1.0 + math.exp(-(a * float(raw[KIND_COL]) + b)))
        kind = KINDS[1] if p_leer >= 0.5 else KINDS[0]
        confidence = max(p_leer, 1.0 - p_leer)
        multi = np.exp(raw[MULTI] - raw[MULTI].max())
        theme_scores = 0.5 * (multi / multi.sum() + _sigmoid(raw[OVR]))
        order = np.argsort(-theme_scores)
        themes = [(THEME_CODES[order[0]], round(float(theme_scores[order[0]]), 3))]
        if theme_scores[order[1]] >= s.second_theme_threshold:
            themes.append((THEME_CODES[order[1]], round(float(theme_scores[order[1]]), 3)))
        explanation: list[str] = []
        if explain_it:
            evidence = Evidence(text, tokens, cols, values, hits, self.weights, self.space)
            explanation = explain(evidence, kind, confidence, [c for c, _ in themes],
                                  low_confidence=s.low_confidence)
        return Prediction(kind, round(confidence, 3), themes, explanation)

    def theme_ranking(self, text: str) -> list[tuple[str, float]]:
        """All themes with their scores, best first (for evaluation)."""
        raw = self.scores(text)[-1]
        multi = np.exp(raw[MULTI] - raw[MULTI].max())
        theme_scores = 0.5 * (multi / multi.sum() + _sigmoid(raw[OVR]))
        return sorted(zip(THEME_CODES, theme_scores.tolist(), strict=True), key=lambda x: -x[1])

    @property
    def label(self) -> str:
        """A version string for this trained model: code version plus training-data hash."""
        return f"{self.version}-{self.data_hash}"

    def _state(self) -> dict:
        return {
            "version": self.version, "data_hash": self.data_hash, "n_examples": self.n_examples,
            "settings": asdict(self.settings), "platt": self.platt, "weights": self.weights,
            "bias": self.bias, "python": platform.python_version(),
            "space": {"word_vocab": self.space.word_vocab, "char_vocab": self.space.char_vocab,
                      "word_idf": self.space.word_idf, "char_idf": self.space.char_idf,
                      "lexicon_groups": self.space.lexicon_groups},
        }

    @classmethod
    def _from_state(cls, state: object, where: str) -> "Classifier":
        if not isinstance(state, dict) or state.get("version") != MODEL_VERSION:
            raise ValueError(f"{where}: not a model of version {MODEL_VERSION}")
        raw = dict(state["settings"])
        features = FeatureSettings(**{k: tuple(v) if isinstance(v, list) else v
                                      for k, v in raw.pop("features").items()})
        settings = ModelSettings(features=features, **{k: tuple(v) if isinstance(v, list) else v
                                                       for k, v in raw.items()})
        model = cls(settings)
        space = state["space"]
        model.space = FeatureSpace(features, space["word_vocab"], space["char_vocab"],
                                   space["word_idf"], space["char_idf"], space["lexicon_groups"])
        model.weights, model.bias = state["weights"], state["bias"]
        model.platt = tuple(state["platt"])
        model.data_hash, model.n_examples = state["data_hash"], state["n_examples"]
        return model

    def save(self, path: Path | str) -> Path:
        """Write the fitted state (plain data and arrays) with joblib, atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            joblib.dump(self._state(), tmp, compress=3)
            tmp.replace(path)  # a reader never sees half a file
        finally:
            tmp.unlink(missing_ok=True)
        return path

    @classmethod
    def load(cls, path: Path | str) -> "Classifier":
        """A classifier from save(); ValueError when the file holds another model version.
        Like any pickle, load only files this application wrote."""
        return cls._from_state(joblib.load(Path(path)), str(path))

    def to_bytes(self) -> bytes:
        """The saved form as bytes (e.g. for a database column)."""
        buffer = io.BytesIO()
        joblib.dump(self._state(), buffer, compress=3)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Classifier":
        """A classifier from to_bytes(); only for bytes this application wrote."""
        return cls._from_state(joblib.load(io.BytesIO(data)), "bytes")
