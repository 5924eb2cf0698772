"""The triage engine's input checks (TRIAGE.md): every bad field gets a clear Dutch message."""
import pytest

from triage.referrals.pipeline import MAX_QUESTION, parse_input


def test_a_minimal_request_is_accepted_with_defaults():
    data, errors = parse_input({"question": "  itsme werkt niet  "})
    assert errors == []
    assert data.question == "itsme werkt niet" and data.language == "nl" and data.postcode is None


def test_a_full_request_is_accepted():
    data, errors = parse_input({"question": "x", "postcode": "9000", "language": "FR", "needs": ["rolstoel"],
                                "target_groups": ["senioren"], "kind": "leervraag",
                                "themes": ["bankieren", "smartphone-tablet"]})
    assert errors == []
    assert data.language == "fr" and data.themes == ("bankieren", "smartphone-tablet")


@pytest.mark.parametrize("body, message", [
    ([], "moet een JSON-object zijn"),
    ({}, "question: vul de vraag van de burger in"),
    ({"question": "   "}, "question: vul de vraag van de burger in"),
    ({"question": 12}, "question: vul de vraag van de burger in"),
    ({"question": "x" * 20000}, f"maximaal {MAX_QUESTION} tekens"),
    ({"question": "x", "postcode": "900"}, "ongeldige postcode '900'"),
    ({"question": "x", "postcode": 9000}, "ongeldige postcode 9000"),
    ({"question": "x", "language": "nederlands"}, "ongeldige taalcode"),
    ({"question": "x", "needs": ["lift"]}, "onbekende nood 'lift'"),
    ({"question": "x", "needs": "rolstoel"}, "needs: moet een lijst van teksten zijn"),
    ({"question": "x", "kind": "vraag", "themes": ["computer"]}, "onbekende soort 'vraag'"),
    ({"question": "x", "kind": "hulpvraag", "themes": ["itsm"]}, "onbekend thema 'itsm'"),
    ({"question": "x", "kind": "hulpvraag"}, "kind en themes: geef ze samen"),
    ({"question": "x", "themes": ["computer"]}, "kind en themes: geef ze samen"),
    ({"question": "x", "kind": "hulpvraag", "themes": []}, "geef minstens één thema"),
    ({"question": "x", "kind": "hulpvraag", "themes": ["computer", "toegang", "werk"]}, "hoogstens twee"),
    ({"question": "x", "colour": "blauw"}, "colour: onbekend veld"),
])
def test_bad_input_is_refused_with_a_message(body, message):
    data, errors = parse_input(body)
    assert data is None
    assert any(message in e for e in errors), errors
