"""Evaluation figures, the terminal report and the cross-validated kind macro-F1."""
from triage.classify.corpus import Example
from triage.classify.metrics import cross_validate, evaluate, format_report

LABELLED = [
    Example("itsme werkt niet meer na een nieuwe gsm", "hulpvraag", ("digitale-sleutels",)),
    Example("ze wil leren mailen met foto's als bijlage", "leervraag", ("communicatie",)),
    Example("printer doet niks en het formulier moet vandaag weg", "hulpvraag",
            ("toestel-technisch", "computer")),
    Example("cursus tablet voor beginners, liefst in de bib", "leervraag", ("smartphone-tablet",)),
]


def test_evaluate_gives_every_figure(trained):
    metrics = evaluate(trained, LABELLED)
    assert metrics["count"] == 4
    assert {"kind_accuracy", "kind_macro_f1", "theme_top1", "primary_in_top3"} <= set(metrics)
    assert all(0.0 <= metrics[k] <= 1.0 for k in ("kind_accuracy", "kind_macro_f1", "theme_top1"))
    assert set(metrics["per_kind"]) == {"hulpvraag", "leervraag"}
    assert {"precision", "recall", "f1", "support"} <= set(metrics["per_kind"]["hulpvraag"])
    assert metrics["confusion"]["labels"] == ["hulpvraag", "leervraag"]
    assert sum(map(sum, metrics["confusion"]["matrix"])) == 4
    assert sum(b["count"] for b in metrics["calibration"]) == 4


def test_the_report_has_the_headings_and_the_confusion_matrix(trained):
    report = format_report(evaluate(trained, LABELLED), "Dev")
    for heading in ("Dev", "kind macro-F1", "theme top-1", "primary in top-3", "precision", "confusion"):
        assert heading in report


def test_cross_validated_kind_macro_f1_on_the_corpus(corpus, record_property, capsys):
    # Kind model only (themes=False) to keep the suite quick; the full figures are in
    # docs/classifier-notes.md (python -m triage.classify cv).
    result = cross_validate(corpus, folds=5, seed=0, themes=False)
    f1 = result["kind_macro_f1"]
    record_property("cv_kind_macro_f1", round(f1, 4))
    with capsys.disabled():
        print(f"\n5-fold cross-validated kind macro-F1 on the corpus: {f1:.3f}")
    assert len(result["per_fold"]) == 5 and "theme_top1" not in result
    assert f1 >= 0.93, format_report(result)
