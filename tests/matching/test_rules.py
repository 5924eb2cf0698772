"""The eight hard rules and their readings: an offer that breaks one is never suggested."""
from datetime import UTC, datetime, timedelta

import pytest

from tests.matching.factories import NOW, THEME, ask, course, helper, ids, organisation
from triage.matching import Load, MatchRequest, match
from triage.matching.rules import failures


@pytest.mark.parametrize(("broken", "fixed", "request_", "load"), [
    # 1. active, and its organisation active
    (helper(active=False), helper(), ask(), None),
    (helper(organisation_id="org-x", organisation_active=False),
     helper(organisation_id="org-x", organisation_active=True), ask(), None),
    # 3. handles the request's kind
    (helper(kinds=("leervraag",)), helper(kinds=("hulpvraag",)), ask("hulpvraag"), None),
    # 4. speaks the request's language
    (helper(languages=("nl",)), helper(languages=("nl", "fr")), ask(language="fr"), None),
    # 5. serves the postcode
    (helper(postcodes=("2811",)), helper(postcodes=("2800", "2811")), ask(postcode="2800"), None),
    # 6. meets every need
    (helper(accessibility=("rolstoel",)), helper(accessibility=("rolstoel", "aan-huis")),
     ask(needs=("rolstoel", "aan-huis")), None),
    # 7. a digihelper has fewer open referrals than max_open_cases
    (helper(max_open_cases=3), helper(max_open_cases=4), ask(), Load(open_cases={"dh-an": 3})),
    # 8. a course has a session after now and a free place
    (course(sessions=(NOW - timedelta(days=1),)), course(), ask("leervraag"), None),
    (course(capacity=4), course(capacity=5), ask("leervraag"), Load(taken_places={"cursus-a": 4})),
], ids=["inactive", "organisation-inactive", "kind", "language", "postcode", "needs",
        "open-cases", "past-sessions", "full"])
def test_an_offer_that_breaks_a_rule_is_never_suggested(broken, fixed, request_, load):
    # A second offer for the theme that always passes keeps rule 2 out of the way.
    other = organisation(themes=(THEME,), kinds=("hulpvraag", "leervraag"), languages=("nl", "fr"),
                         accessibility=("rolstoel", "aan-huis"))
    assert len(failures(broken, request_, load or Load())) == 1   # only the rule under test
    assert broken.id not in ids(match(request_, [broken, other], load))
    assert fixed.id in ids(match(request_, [fixed, other], load))


def test_rule_2_the_first_theme_counts_when_it_has_an_offer():
    first, second = helper("dh-first"), helper("dh-second", themes=("computer",))
    result = match(ask(themes=(THEME, "computer")), [second, first])
    assert ids(result) == ["dh-first"]


def test_rule_2_falls_back_to_every_theme_when_the_first_has_no_offer_at_all():
    second = helper("dh-second", themes=("computer",))
    result = match(ask(themes=("mobiliteit", "computer")), [second])
    assert ids(result) == ["dh-second"] and not result.gap
    assert result.themes == ("mobiliteit", "computer")
    assert "Er is geen aanbod voor het thema Mobiliteit." in result.explanation


def test_rule_2_an_inactive_entry_is_no_offer_for_its_theme():
    gone = helper("dh-gone", themes=("mobiliteit",), active=False)
    hidden = helper("dh-hidden", themes=("mobiliteit",), organisation_id="org-x", organisation_active=False)
    second = helper("dh-second", themes=("computer",))
    assert ids(match(ask(themes=("mobiliteit", "computer")), [gone, hidden, second])) == ["dh-second"]


def test_rule_2_no_fallback_when_the_first_theme_has_an_offer_that_fails_other_rules():
    french_only = helper("dh-fr", themes=("mobiliteit",), languages=("fr",))
    second = helper("dh-second", themes=("computer",))
    result = match(ask(themes=("mobiliteit", "computer")), [french_only, second])
    assert result.gap and ids(result) == []


def test_postcodes_are_not_inherited_from_the_organisation():
    org = organisation("org-far", postcodes=("2812",))
    member = helper(organisation_id="org-far", organisation_active=True)
    assert ids(match(ask(postcode="2800"), [org, member])) == ["dh-an"]


def test_a_request_without_postcode_passes_any_area():
    assert ids(match(ask(), [helper(postcodes=("2812",))])) == ["dh-an"]


def test_max_open_cases_zero_is_never_suggested():
    assert match(ask(), [helper(max_open_cases=0)]).gap
    assert "capacity" in failures(helper(max_open_cases=0), ask(), Load())


def test_digihelper_without_max_open_cases_takes_five():
    assert helper(max_open_cases=None).max_open_cases == 5
    assert match(ask(), [helper(max_open_cases=None)], Load(open_cases={"dh-an": 5})).gap


def test_course_with_only_past_sessions_is_never_suggested():
    old = course(sessions=(NOW - timedelta(days=30), NOW - timedelta(days=1)))
    assert match(ask("leervraag"), [old]).gap


def test_a_session_must_start_after_now_in_brussels_time():
    # 9.00 in Brussels is 8.00 UTC: a session at 8.30 UTC is still to come, 7.30 UTC is not.
    naive_now = MatchRequest(kind="leervraag", themes=(THEME,), now=datetime(2026, 12, 1, 9, 0))
    assert naive_now.now == NOW
    assert ids(match(naive_now, [course(sessions=(datetime(2026, 12, 1, 8, 30),))])) == ["cursus-a"]
    assert match(naive_now, [course(sessions=(datetime(2026, 12, 1, 7, 30, tzinfo=UTC),))]).gap
    assert match(naive_now, [course(sessions=(NOW,))]).gap


def test_full_course_is_never_suggested():
    assert match(ask("leervraag"), [course(capacity=5)], Load(taken_places={"cursus-a": 5})).gap


def test_course_without_capacity_has_no_limit():
    assert ids(match(ask("leervraag"), [course(capacity=None)], Load(taken_places={"cursus-a": 500}))) == [
        "cursus-a"]


def test_course_without_kinds_is_a_leervraag_offer():
    plain = course(kinds=())
    assert plain.kinds == ("leervraag",)
    assert ids(match(ask("leervraag"), [plain])) == ["cursus-a"]
    assert match(ask("hulpvraag"), [plain]).gap


def test_failures_lists_every_broken_rule_in_order():
    offer = course(active=False, kinds=("hulpvraag",), languages=("fr",), sessions=(NOW - timedelta(1),))
    assert failures(offer, ask("leervraag"), Load()) == ("inactive", "kind", "language", "date")
