"""The classifier for the app: one cached model per process, and retraining with extra labels."""
import logging
import random
import threading
from pathlib import Path

from triage.classify.corpus import Example, examples_hash, load_corpus
from triage.classify.metrics import evaluate
from triage.classify.model import MODEL_VERSION, Classifier, ModelSettings
from triage.classify.text import normalise

log = logging.getLogger(__name__)

# Made on first use from the corpus when missing; not meant to be committed.
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "model" / "classifier.joblib"

_lock = threading.Lock()
_cache: dict[Path, Classifier] = {}


def get_classifier(path: Path | str | None = None) -> Classifier:
    """The classifier saved at path (default: the packaged one), loaded once per process.

    A missing or outdated file (another model version; for the default path also a changed
    corpus) is replaced by a model trained on the corpus. Thread-safe.
    """
    key = Path(path).resolve() if path else DEFAULT_MODEL_PATH
    model = _cache.get(key)
    if model is not None:
        return model
    with _lock:
        model = _cache.get(key)
        if model is None:
            model = _load_or_train(key, check_corpus=path is None)
            _cache[key] = model
    return model


def _load_or_train(path: Path, check_corpus: bool) -> Classifier:
    corpus = load_corpus() if check_corpus or not path.exists() else None
    if path.exists():
        try:
            model = Classifier.load(path)
        except (ValueError, KeyError, TypeError, EOFError, OSError) as error:
            log.warning("classifier at %s is unusable (%s); retraining", path, error)
        else:
            if corpus is None or model.data_hash == examples_hash(corpus):
                return model
            log.info("corpus changed since %s was trained; retraining", path)
    model = Classifier().fit(corpus if corpus is not None else load_corpus())
    try:
        model.save(path)
    except OSError as error:  # a read-only install still works, it just trains per process
        log.warning("could not save the classifier to %s: %s", path, error)
    return model


def use_classifier(model: Classifier, path: Path | str | None = None, save: bool = True) -> None:
    """Make model the one get_classifier(path) returns (after a retrain), saving it there."""
    key = Path(path).resolve() if path else DEFAULT_MODEL_PATH
    if save:
        model.save(key)
    with _lock:
        _cache[key] = model


def clear_cache() -> None:
    """Forget loaded classifiers (tests; or after another process replaced the file)."""
    with _lock:
        _cache.clear()


def merge_examples(corpus: list[Example], extra: list[Example]) -> list[Example]:
    """Corpus plus extra examples; an extra example replaces a corpus line with the same question."""
    merged: dict[str, Example] = {}
    for example in [*corpus, *extra]:
        merged[normalise(example.question)] = example
    return list(merged.values())


def split_holdout(examples: list[Example], fraction: float, seed: int
                  ) -> tuple[list[Example], list[Example]]:
    """(train, held out): about `fraction` of each kind/primary-theme group held out."""
    if not 0 < fraction < 1:
        raise ValueError("holdout_fraction must be between 0 and 1")
    groups: dict[str, list[Example]] = {}
    for example in examples:
        groups.setdefault(f"{example.kind}/{example.primary}", []).append(example)
    rng = random.Random(seed)
    train, held = [], []
    for key in sorted(groups):
        members = groups[key][:]
        rng.shuffle(members)
        cut = round(len(members) * fraction) if len(members) > 1 else 0
        held.extend(members[:cut])
        train.extend(members[cut:])
    return train, held


def train_and_compare(examples: list[Example], holdout_fraction: float = 0.2, seed: int = 0,
                      current: Classifier | None = None, settings: ModelSettings | None = None
                      ) -> tuple[Classifier, dict, dict]:
    """Train on corpus + examples minus a held-out part; score it and the old way on that part.

    Returns (new_classifier, new_scores, old_scores), scores as metrics.evaluate gives them.
    The old scores come from `current` when given (pass it only if it was not trained on these
    examples, or the comparison flatters it); otherwise from a model trained the old way, on
    the corpus alone minus the same held-out part. Keep the new model when its scores are at
    least as good. Pure: the caller brings the extra examples and saves the result.
    """
    corpus = load_corpus()
    train, held = split_holdout(merge_examples(corpus, examples), holdout_fraction, seed)
    if not held:
        raise ValueError("too few examples to hold any out")
    new = Classifier(settings).fit(train)
    new_scores = evaluate(new, held)
    if current is None:
        held_questions = {normalise(e.question) for e in held}
        old_train = [e for e in corpus if normalise(e.question) not in held_questions]
        current = Classifier(settings).fit(old_train)
    old_scores = evaluate(current, held)
    new_scores["model_version"] = old_scores["model_version"] = MODEL_VERSION
    return new, new_scores, old_scores
