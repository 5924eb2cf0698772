"""The classifier in use: the active version stored in the database, else the corpus model; retraining."""
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select, update

from triage.classify import service
from triage.classify.corpus import Example
from triage.classify.model import Classifier
from triage.classify.models import ClassifierModel
from triage.db import SQLITE_BEGIN, utcnow
from triage.extensions import db

# How often a process looks for a newer active model (another server may have retrained).
CHECK_EVERY_SECONDS = 60.0
COMPARED = ("kind_macro_f1", "theme_top1")

_lock = threading.Lock()
_state: dict = {"checked": float("-inf"), "version": None, "model": None}


def forget() -> None:
    """Drop this process's cached stored model (tests, or after a manual change)."""
    with _lock:
        _state.update(checked=float("-inf"), version=None, model=None)


def _read(statement):
    """Run a read on a connection of its own, beginning deferred on SQLite.

    The caller's session may be about to write: had this read begun its transaction, that transaction
    would hold SQLite's write lock while a model loads (seconds, after a worker restarts), and every
    other writer would wait.
    """
    token = SQLITE_BEGIN.set("DEFERRED")
    try:
        with db.engine.connect() as conn:
            return conn.execute(statement).first()
    finally:
        SQLITE_BEGIN.reset(token)


def current_classifier() -> Classifier:
    """The active stored model when there is one (checked once a minute), else the corpus model."""
    now = time.monotonic()
    if now - _state["checked"] < CHECK_EVERY_SECONDS:
        return _state["model"] or service.get_classifier()
    row = _read(select(ClassifierModel.id, ClassifierModel.version).where(ClassifierModel.active.is_(True))
                .order_by(ClassifierModel.id.desc()).limit(1))
    with _lock:
        _state["checked"] = now
        if row is None:
            _state.update(version=None, model=None)
        elif row.version != _state["version"]:
            blob = _read(select(ClassifierModel.blob).where(ClassifierModel.id == row.id))[0]
            _state.update(version=row.version, model=Classifier.from_bytes(blob))
        return _state["model"] or service.get_classifier()


@dataclass
class RetrainOutcome:
    kept: bool
    labels: int
    new_scores: dict = field(default_factory=dict)
    old_scores: dict = field(default_factory=dict)
    version: str | None = None
    skipped: str | None = None

    def summary(self) -> str:
        if self.skipped:
            return self.skipped
        figures = ", ".join(f"{k} {self.new_scores[k]:.3f} (was {self.old_scores[k]:.3f})" for k in COMPARED)
        verdict = "nieuw model in gebruik" if self.kept else "nieuw model scoort slechter, het oude blijft"
        return f"{verdict}: {self.labels} bevestigde labels; {figures}; versie {self.version}"


def _labels_in_active() -> int:
    return db.session.scalar(select(func.coalesce(func.max(ClassifierModel.extra_labels), 0))
                             .where(ClassifierModel.active.is_(True))) or 0


def retrain(extra: list[Example], seed: int = 0, force: bool = False) -> RetrainOutcome:
    """Train on the corpus plus staff-confirmed labels; keep the result only if it scores at least as well.

    Both models are scored on the same held-out part. Every attempt is recorded with its scores;
    only a kept model's bytes are stored. Flushes; the caller commits.
    """
    if not extra and not force:
        return RetrainOutcome(False, 0, skipped="geen bevestigde labels: niets om bij te leren")
    if not force and len(extra) <= _labels_in_active():
        return RetrainOutcome(False, len(extra), skipped="geen nieuwe bevestigde labels sinds het vorige model")
    # Training takes seconds: end the read transaction first, so SQLite writers are not kept waiting.
    db.session.rollback()
    new, new_scores, old_scores = service.train_and_compare(extra, seed=seed)
    kept = all(new_scores[k] >= old_scores[k] for k in COMPARED)
    version = f"{new.label}-{utcnow():%Y%m%d%H%M%S%f}"
    scores = {"new": {k: new_scores[k] for k in (*COMPARED, "primary_in_top3", "count") if k in new_scores},
              "old": {k: old_scores[k] for k in (*COMPARED, "primary_in_top3", "count") if k in old_scores}}
    if kept:
        db.session.execute(update(ClassifierModel).values(active=False))
    db.session.add(ClassifierModel(
        version=version, active=kept, examples=new.n_examples, extra_labels=len(extra), data_hash=new.data_hash,
        scores=scores, blob=new.to_bytes() if kept else b"",
        note=None if kept else "niet in gebruik: scoorde slechter op het achtergehouden deel"))
    db.session.flush()
    if kept:
        with _lock:
            _state.update(checked=time.monotonic(), version=version, model=new)
    return RetrainOutcome(kept, len(extra), new_scores, old_scores, version)
