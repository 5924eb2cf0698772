"""The engine against the shared development sample: dev-matching.jsonl over dev-catalogue.json."""
import json
from datetime import datetime
from pathlib import Path

import pytest

from triage.matching import MatchRequest, OfferIndex, match
from triage.matching.snapshot import offers_from_catalogue_file
from triage.matching.types import BRUSSELS

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = SHARED / "data"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=BRUSSELS)   # the sample's now, no referrals yet

pytestmark = pytest.mark.skipif(not (DATA / "dev-matching.jsonl").exists(), reason="shared/ not present")


@pytest.fixture(scope="module")
def index():
    return OfferIndex(offers_from_catalogue_file(json.loads((DATA / "dev-catalogue.json").read_text("utf-8"))))


@pytest.fixture(scope="module")
def cases():
    lines = (DATA / "dev-matching.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def request_for(case) -> MatchRequest:
    return MatchRequest(kind=case["kind"], themes=case["themes"], language=case["language"],
                        postcode=case["postcode"], needs=case["needs"], now=NOW)


def test_passing_set_equals_acceptable_for_every_case(index, cases):
    for case in cases:
        result = match(request_for(case), index, limit=len(index))
        assert sorted(s.id for s in result.suggestions) == sorted(case["acceptable"]), case["id"]
        assert result.gap == case["gap"], case["id"]


def test_suggestions_gaps_and_top_three(index, cases):
    top3_all, top3_any, preferred_first, with_preferred = 0, 0, 0, 0
    for case in cases:
        result = match(request_for(case), index)
        found = [s.id for s in result.suggestions]
        assert len(found) <= 5
        assert set(found) <= set(case["acceptable"]), case["id"]
        if case["gap"]:
            assert result.gap and not found and result.explanation, case["id"]
            continue
        top3 = found[:3]
        assert any(i in case["acceptable"] for i in top3), case["id"]
        top3_any += 1
        top3_all += all(i in case["acceptable"] for i in top3)
        # The kind's preferred type comes first whenever an acceptable one exists.
        preferred = {"leervraag": ("course",), "hulpvraag": ("digihelper", "organisation")}[case["kind"]]
        if any(s.type in preferred for s in match(request_for(case), index, limit=99).suggestions):
            with_preferred += 1
            preferred_first += result.suggestions[0].type in preferred
    gaps = sum(c["gap"] for c in cases)
    print(f"\ndev-matching: {len(cases)} cases, {gaps} gaps; non-gap: {top3_any}/{len(cases) - gaps} "
          f"with an acceptable entry in the top 3, {top3_all} with all of the top 3 acceptable; "
          f"preferred type first in {preferred_first}/{with_preferred}")
    assert top3_any == top3_all == len(cases) - gaps
    assert preferred_first == with_preferred
