"""Classify and match 10,000 requests against a generated 1,000-entry catalogue (fixed seeds).

    .venv/bin/python benchmarks/bench_triage.py [--requests 10000] [--offers 1000]

Prints the median and 99th percentile time per request (classify, match, both) and the peak
memory. No database: the same code paths the API runs after reading the catalogue.
"""
import argparse
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triage.classify.corpus import load_corpus  # noqa: E402
from triage.classify.service import get_classifier  # noqa: E402
from triage.demo.synthetic_offers import LANGUAGES, NEEDS, NOW, POSTCODES, catalogue, load_for  # noqa: E402
from triage.matching import MatchRequest, OfferIndex, match  # noqa: E402


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--offers", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    classifier = get_classifier()
    load_s = time.perf_counter() - started
    offers = catalogue(args.offers, seed=args.seed)
    index, load = OfferIndex(offers), load_for(offers)
    questions = [e.question for e in load_corpus()]
    texts = [rng.choice(questions) for _ in range(args.requests)]
    for text in texts[:200]:  # warm up caches
        classifier.predict(text)

    classify_ms, match_ms, total_ms, gaps = [], [], [], 0
    for text in texts:
        t0 = time.perf_counter_ns()
        prediction = classifier.predict(text)
        t1 = time.perf_counter_ns()
        request = MatchRequest(kind=prediction.kind, themes=tuple(c for c, _ in prediction.themes[:2]),
                               language=rng.choice(LANGUAGES), postcode=rng.choice([None, *POSTCODES]),
                               needs=(rng.choice(NEEDS),) if rng.random() < 0.2 else (), now=NOW)
        result = match(request, index, load)
        t2 = time.perf_counter_ns()
        gaps += result.gap
        classify_ms.append((t1 - t0) / 1e6)
        match_ms.append((t2 - t1) / 1e6)
        total_ms.append((t2 - t0) / 1e6)
    # Memory in a second pass: tracemalloc slows every allocation, so it stays out of the timings.
    tracemalloc.start()
    for text in texts[:1000]:
        prediction = classifier.predict(text)
        match(MatchRequest(kind=prediction.kind, themes=tuple(c for c, _ in prediction.themes[:2]), now=NOW),
              index, load)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"requests {args.requests}, offers {args.offers}, seed {args.seed}, gaps {gaps}")
    print(f"model load (or train) {load_s:.2f} s")
    for name, samples in (("classify", classify_ms), ("match", match_ms), ("classify+match", total_ms)):
        print(f"{name:<15} median {statistics.median(samples):.3f} ms   p99 {percentile(samples, 0.99):.3f} ms")
    print(f"peak memory: process RSS {rss_mb:.0f} MB; Python allocations during the run {traced_peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
