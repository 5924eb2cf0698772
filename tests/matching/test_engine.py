"""match() over a list or a prepared OfferIndex, and the request's normalisation."""
import pytest

from tests.matching.factories import ask, course, helper, ids, organisation
from triage.demo.synthetic_offers import catalogue, load_for, requests
from triage.matching import MatchRequest, OfferIndex, match


def test_an_index_gives_the_same_answers_as_a_list():
    offers = catalogue(300, seed=11)
    index, load = OfferIndex(offers), load_for(offers)
    for request in requests(100, seed=5):
        assert match(request, index, load) == match(request, offers, load)


def test_the_index_agrees_with_checking_every_offer_against_every_rule():
    from triage.matching.rules import passes, wanted_themes

    offers = catalogue(300, seed=12)
    index, load = OfferIndex(offers), load_for(offers)
    for request in requests(200, seed=6):
        wanted, _ = wanted_themes(request, index.has_offer)
        expected = {o.id for o in offers if passes(o, request, load, wanted)}
        assert set(ids(match(request, index, load, limit=len(offers)))) == expected


def test_fallback_suggestions_come_with_a_note():
    result = match(ask(themes=("mobiliteit", "computer")), [helper(themes=("computer",))])
    assert result.explanation == ("Er is geen aanbod voor het thema Mobiliteit.",
                                  "Daarom gaan de suggesties over het thema Computer gebruiken.")


def test_request_needs_a_known_kind_and_a_theme():
    with pytest.raises(ValueError):
        MatchRequest(kind="vraag", themes=("computer",))
    with pytest.raises(ValueError):
        MatchRequest(kind="hulpvraag", themes=())


def test_request_normalises_language_and_empty_postcode():
    request = MatchRequest(kind="hulpvraag", themes=["computer"], language="FR", postcode=" ")
    assert request.language == "fr" and request.postcode is None and request.themes == ("computer",)


def test_result_as_dict_is_json_ready():
    result = match(ask(), [helper(), organisation(), course(kinds=("hulpvraag",))]).as_dict()
    assert set(result) == {"suggestions", "gap", "explanation"}
    assert result["gap"] is False and isinstance(result["suggestions"][0]["reasons"], list)
