"""Evaluation: kind and theme scores of a classifier on labelled examples, and cross-validation."""
from collections.abc import Callable

import numpy as np
from sklearn.model_selection import StratifiedKFold

from triage.classify.corpus import KINDS, Example
from triage.classify.model import Classifier, ModelSettings

# Confidence bins of the calibration table.
BINS = (0.5, 0.7, 0.9, 0.97, 1.0001)
HEADLINE = ("kind_accuracy", "kind_macro_f1", "theme_top1", "primary_in_top3")


def evaluate(classifier: Classifier, examples: list[Example], themes: bool = True) -> dict:
    """Kind accuracy, macro-F1, per-kind precision/recall, 2x2 confusion (rows: labelled,
    columns: predicted), theme top-1 (first theme is either labelled one), primary in top 3,
    and how well the confidence matches the accuracy. themes=False: kind scores only."""
    if not examples:
        raise ValueError("no examples to evaluate")
    confusion = np.zeros((2, 2), dtype=int)
    top1 = top3 = seconds = seconds_right = 0
    confidences, correct = [], []
    for example in examples:
        prediction = classifier.predict(example.question, explain_it=False)
        confusion[KINDS.index(example.kind), KINDS.index(prediction.kind)] += 1
        confidences.append(prediction.confidence)
        correct.append(prediction.kind == example.kind)
        if themes:
            top1 += prediction.themes[0][0] in example.themes
            if len(prediction.themes) > 1:
                seconds += 1
                seconds_right += prediction.themes[1][0] in example.themes
            ranking = [code for code, _ in classifier.theme_ranking(example.question)[:3]]
            top3 += example.primary in ranking
    per_kind = _per_kind(confusion)
    count = len(examples)
    confidences_arr, correct_arr = np.array(confidences), np.array(correct)
    calibration = []
    for low, high in zip(BINS, BINS[1:], strict=False):
        inside = (confidences_arr >= low) & (confidences_arr < high)
        if inside.any():
            calibration.append({"from": low, "to": min(high, 1.0), "count": int(inside.sum()),
                                "accuracy": float(correct_arr[inside].mean())})
    result = {
        "count": count,
        "kind_accuracy": float(np.trace(confusion)) / count,
        "kind_macro_f1": float(np.mean([m["f1"] for m in per_kind.values()])),
        "per_kind": per_kind,
        "confusion": {"labels": list(KINDS), "matrix": confusion.tolist()},
        "theme_top1": top1 / count,
        "primary_in_top3": top3 / count,
        # How often a second theme is shown, and how often it is one of the labelled themes.
        "second_theme_shown": seconds / count,
        "second_theme_precision": seconds_right / seconds if seconds else None,
        "calibration": calibration,
    }
    if not themes:
        for key in ("theme_top1", "primary_in_top3", "second_theme_shown", "second_theme_precision"):
            del result[key]
    return result


def _per_kind(confusion: np.ndarray) -> dict:
    per_kind = {}
    for i, kind in enumerate(KINDS):
        tp = int(confusion[i, i])
        predicted, labelled = int(confusion[:, i].sum()), int(confusion[i, :].sum())
        precision = tp / predicted if predicted else 0.0
        recall = tp / labelled if labelled else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_kind[kind] = {"precision": precision, "recall": recall, "f1": f1, "support": labelled}
    return per_kind


def cross_validate(examples: list[Example], folds: int = 5, seed: int = 0,
                   settings: ModelSettings | None = None, themes: bool = True,
                   progress: Callable[[int], None] | None = None) -> dict:
    """Stratified k-fold (by kind and primary theme): mean headline scores over the folds,
    per-fold scores, and the confusion, per-kind table and calibration pooled over the folds."""
    strata = [f"{e.kind}/{e.primary}" for e in examples]
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    per_fold, confusion, bins, seconds = [], np.zeros((2, 2), dtype=int), {}, [0.0, 0.0]
    for number, (train, test) in enumerate(splitter.split(examples, strata), start=1):
        model = Classifier(settings).fit([examples[i] for i in train], themes=themes)
        scores = evaluate(model, [examples[i] for i in test], themes=themes)
        per_fold.append({key: scores[key] for key in ("count", *HEADLINE) if key in scores})
        confusion += np.array(scores["confusion"]["matrix"])
        if scores.get("second_theme_precision") is not None:
            shown = scores["second_theme_shown"] * scores["count"]
            seconds[0] += shown
            seconds[1] += scores["second_theme_precision"] * shown
        for b in scores["calibration"]:
            pooled = bins.setdefault((b["from"], b["to"]), [0, 0.0])
            pooled[0] += b["count"]
            pooled[1] += b["accuracy"] * b["count"]
        if progress:
            progress(number)
    mean = {key: float(np.mean([f[key] for f in per_fold])) for key in HEADLINE if key in per_fold[0]}
    calibration = [{"from": low, "to": high, "count": n, "accuracy": right / n}
                   for (low, high), (n, right) in sorted(bins.items())]
    return {"folds": folds, "seed": seed, "count": len(examples), **mean, "per_fold": per_fold,
            "per_kind": _per_kind(confusion),
            "confusion": {"labels": list(KINDS), "matrix": confusion.tolist()},
            "calibration": calibration,
            **({"second_theme_shown": seconds[0] / len(examples),
                "second_theme_precision": seconds[1] / seconds[0]} if seconds[0] else {})}


def format_report(metrics: dict, title: str = "Evaluation") -> str:
    """A plain-text report for a terminal (English headings, like the rest of the tooling)."""
    lines = [title, "=" * len(title), f"examples          {metrics['count']}"]
    for key, label in (("kind_accuracy", "kind accuracy"), ("kind_macro_f1", "kind macro-F1"),
                       ("theme_top1", "theme top-1"), ("primary_in_top3", "primary in top-3")):
        if key in metrics:
            lines.append(f"{label:<18}{metrics[key]:.3f}")
    if metrics.get("second_theme_precision") is not None:
        lines.append(f"second theme      shown {metrics['second_theme_shown']:.3f}, "
                     f"right {metrics['second_theme_precision']:.3f}")
    if "per_kind" in metrics:
        lines += ["", f"{'kind':<12}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>6}"]
        for kind, m in metrics["per_kind"].items():
            lines.append(f"{kind:<12}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}"
                         f"{m['support']:>6}")
        labels, matrix = metrics["confusion"]["labels"], metrics["confusion"]["matrix"]
        lines += ["", "confusion (rows: labelled, columns: predicted)",
                  " " * 12 + "".join(f"{label:>12}" for label in labels)]
        for label, row in zip(labels, matrix, strict=True):
            lines.append(f"{label:<12}" + "".join(f"{n:>12}" for n in row))
    if metrics.get("calibration"):
        lines += ["", "confidence        n   kind accuracy"]
        for b in metrics["calibration"]:
            lines.append(f"{b['from']:.2f}-{b['to']:.2f}  {b['count']:>6}   {b['accuracy']:.3f}")
    if "per_fold" in metrics:
        lines += ["", f"per fold ({metrics['folds']}-fold, seed {metrics['seed']})"]
        for i, fold in enumerate(metrics["per_fold"], start=1):
            lines.append(f"  fold {i}: " + "  ".join(f"{k}={fold[k]:.3f}" for k in HEADLINE if k in fold))
    return "\n".join(lines)
