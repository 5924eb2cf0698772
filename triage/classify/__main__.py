"""Developer commands: python -m triage.classify {train,cv,eval,bench,predict} (see --help)."""
import argparse
import json
import sys
import time
from pathlib import Path

from triage.classify.corpus import load_corpus, load_jsonl
from triage.classify.metrics import cross_validate, evaluate, format_report
from triage.classify.model import Classifier
from triage.classify.service import DEFAULT_MODEL_PATH


def _model(path: str | None) -> Classifier:
    path = Path(path) if path else DEFAULT_MODEL_PATH
    if path.exists():
        return Classifier.load(path)
    print(f"no model at {path}; training on the corpus", file=sys.stderr)
    return Classifier().fit(load_corpus())


def cmd_train(args) -> None:
    started = time.perf_counter()
    model = Classifier().fit(load_corpus())
    path = model.save(args.model or DEFAULT_MODEL_PATH)
    print(f"trained on {model.n_examples} examples in {time.perf_counter() - started:.1f} s, "
          f"data hash {model.data_hash}, saved to {path}")


def cmd_cv(args) -> None:
    result = cross_validate(load_corpus(), folds=args.folds, seed=args.seed,
                            progress=lambda n: print(f"fold {n} done", file=sys.stderr))
    print(format_report(result, f"{args.folds}-fold cross-validation on the corpus"))


def cmd_eval(args) -> None:
    print(format_report(evaluate(_model(args.model), load_jsonl(args.file)), f"Evaluation on {args.file}"))


def cmd_bench(args) -> None:
    """Single predict calls (with explanation) on the corpus questions, in a warm process."""
    model = _model(args.model)
    questions = [e.question for e in load_corpus()]
    for question in questions[:200]:  # warm up: imports, numpy, the first per-word caches
        model.predict(question)
    timings = []
    for i in range(args.n):
        question = questions[i % len(questions)]
        started = time.perf_counter()
        model.predict(question)
        timings.append(time.perf_counter() - started)
    timings.sort()
    median, p99 = timings[len(timings) // 2], timings[int(len(timings) * 0.99)]
    print(f"predict (with explanation), {args.n} single calls over {len(questions)} corpus questions: "
          f"median {median * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms")


def cmd_predict(args) -> None:
    model = _model(args.model)
    print(json.dumps(model.predict(args.question).as_dict(), ensure_ascii=False, indent=2))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m triage.classify", description=__doc__)
    parser.add_argument("--model", help=f"model file (default {DEFAULT_MODEL_PATH})")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("train", help="train on the corpus and save").set_defaults(func=cmd_train)
    cv = sub.add_parser("cv", help="cross-validate on the corpus")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--seed", type=int, default=0)
    cv.set_defaults(func=cmd_cv)
    ev = sub.add_parser("eval", help="score the model on a labelled JSON-lines file")
    ev.add_argument("file")
    ev.set_defaults(func=cmd_eval)
    bench = sub.add_parser("bench", help="time predict on hot single calls")
    bench.add_argument("-n", type=int, default=5000)
    bench.set_defaults(func=cmd_bench)
    pr = sub.add_parser("predict", help="classify one question")
    pr.add_argument("question")
    pr.set_defaults(func=cmd_predict)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
