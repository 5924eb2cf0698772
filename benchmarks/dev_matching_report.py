"""Matching on the development sample: hard-rule violations, gaps found, acceptable entries in the top 3.

    .venv/bin/python benchmarks/dev_matching_report.py [../shared/data]

Uses the engine the API and `flask triage batch` use, with the confirmed kind and themes of each line
and now = 2026-12-01T09:00:00 Brussels, no referrals yet (as the sample's README says).
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from triage.catalogue.times import parse_datetime  # noqa: E402
from triage.matching import Load, MatchRequest, OfferIndex, match  # noqa: E402
from triage.matching.snapshot import offers_from_catalogue_file  # noqa: E402


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
    index = OfferIndex(offers_from_catalogue_file(json.loads((data / "dev-catalogue.json").read_text())))
    now = parse_datetime("2026-12-01T09:00:00")
    cases = [json.loads(line) for line in (data / "dev-matching.jsonl").read_text().splitlines() if line]
    violations = gaps_found = gaps = top3 = all_top3 = 0
    for case in cases:
        request = MatchRequest(kind=case["kind"], themes=tuple(case["themes"]), language=case.get("language", "nl"),
                               postcode=case.get("postcode"), needs=tuple(case.get("needs", ())), now=now)
        result = match(request, index, Load())
        ids = [s.id for s in result.suggestions]
        violations += len(set(ids) - set(case["acceptable"]))
        if case["gap"]:
            gaps += 1
            gaps_found += result.gap
        else:
            top3 += bool(set(ids[:3]) & set(case["acceptable"]))
            all_top3 += set(ids[:3]) <= set(case["acceptable"]) and bool(ids)
    others = len(cases) - gaps
    print(f"cases {len(cases)}: suggestions breaking a hard rule {violations}; gaps found {gaps_found}/{gaps}; "
          f"an acceptable entry in the top 3 {top3}/{others}; whole top 3 acceptable {all_top3}/{others}")


if __name__ == "__main__":
    main()
