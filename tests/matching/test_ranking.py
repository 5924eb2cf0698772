"""Soft preferences order what passes the hard rules; each suggestion says why in plain Dutch."""
from datetime import UTC, datetime, timedelta

from tests.matching.factories import NOW, THEME, ask, course, helper, ids, organisation
from triage.matching import Load, match


def test_leervraag_puts_a_course_first():
    offers = [helper(), organisation(), course()]
    assert ids(match(ask("leervraag"), offers))[0] == "cursus-a"


def test_hulpvraag_puts_a_digihelper_or_organisation_first():
    offers = [course(kinds=("hulpvraag", "leervraag")), organisation(), helper()]
    ranked = ids(match(ask("hulpvraag"), offers))
    assert ranked[:2] == ["dh-an", "org-punt"] and ranked[-1] == "cursus-a"


def test_fewer_open_cases_first_among_equals():
    offers = [helper("dh-busy"), helper("dh-calm")]
    load = Load(open_cases={"dh-busy": 3, "dh-calm": 1})
    assert ids(match(ask(), offers, load)) == ["dh-calm", "dh-busy"]


def test_earlier_session_first():
    offers = [course("cursus-later", sessions=(NOW + timedelta(days=40),)),
              course("cursus-soon", sessions=(NOW - timedelta(days=7), NOW + timedelta(days=3)))]
    assert ids(match(ask("leervraag"), offers)) == ["cursus-soon", "cursus-later"]


def test_matching_target_group_first():
    offers = [helper("dh-a"), helper("dh-b", target_groups=("senioren",))]
    assert ids(match(ask(target_groups=("senioren",)), offers)) == ["dh-b", "dh-a"]


def test_same_postcode_first_also_from_the_address():
    offers = [helper("dh-anywhere"), organisation(address="Grote Markt 1, 2800 Dijlegem"),
              helper("dh-here", postcodes=("2800", "2801"))]
    result = match(ask(postcode="2800"), offers)
    assert ids(result)[0] == "dh-here"
    assert "werkt in 2800" in result.suggestions[0].reasons
    assert "ligt in 2800" in next(s for s in result.suggestions if s.id == "org-punt").reasons


def test_covering_more_of_the_themes_first():
    offers = [helper("dh-one"), helper("dh-both", themes=(THEME, "burgerprofiel"))]
    result = match(ask(themes=(THEME, "burgerprofiel")), offers)
    assert ids(result) == ["dh-both", "dh-one"]
    assert "helpt ook bij Mijn Burgerprofiel, eBox en attesten" in result.suggestions[0].reasons


def test_success_rate_counts_only_from_five_closed_referrals():
    offers = [helper("dh-a"), helper("dh-b")]
    few = {("dh-b", THEME): (4, 4), ("dh-a", THEME): (0, 4)}
    assert ids(match(ask(), offers, success_rates=few)) == ["dh-a", "dh-b"]
    enough = {("dh-b", THEME): (8, 10), ("dh-a", THEME): (1, 10)}
    result = match(ask(), offers, success_rates=enough)
    assert ids(result) == ["dh-b", "dh-a"]
    assert "hielp eerder 8 van de 10 mensen met dit thema" in result.suggestions[0].reasons


def test_scores_are_between_0_and_1_best_first():
    offers = [helper(f"dh-{i}", target_groups=("senioren",) * (i % 2)) for i in range(4)] + [
        course(kinds=("hulpvraag",)), organisation()]
    scores = [s.score for s in match(ask(target_groups=("senioren",)), offers).suggestions]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_at_most_five_suggestions():
    offers = [helper(f"dh-{i}") for i in range(8)]
    assert len(match(ask(), offers).suggestions) == 5
    assert len(match(ask(), offers, limit=2).suggestions) == 2


def test_digihelper_reasons_read_like_the_contract():
    an = helper(name="An", postcodes=("9000",))
    result = match(ask(postcode="9000"), [an], Load(open_cases={"dh-an": 2}))
    assert result.suggestions[0].as_dict() == {
        "type": "digihelper", "id": "dh-an", "name": "An", "score": result.suggestions[0].score,
        "reasons": ["helpt bij aanmelden en digitale sleutels", "spreekt Nederlands",
                    "werkt in 9000", "heeft nog plaats (2 van 5 dossiers open)"]}


def test_course_reasons_give_the_next_session_in_brussels_time_and_free_places():
    session = datetime(2026, 12, 8, 13, 0, tzinfo=UTC)      # 14.00 in Brussels
    offer = course(capacity=5, sessions=(NOW - timedelta(days=2), session), accessibility=("rolstoel",))
    reasons = match(ask("leervraag", needs=("rolstoel",)), [offer],
                    Load(taken_places={"cursus-a": 2})).suggestions[0].reasons
    assert reasons == ("cursus over aanmelden en digitale sleutels", "les in het Nederlands",
                       "toegankelijk met een rolstoel", "volgende sessie op dinsdag 8 december om 14.00 uur",
                       "nog 3 plaatsen vrij")


def test_a_session_next_year_names_the_year():
    offer = course(sessions=(datetime(2027, 1, 12, 8, 30, tzinfo=UTC),))
    reasons = match(ask("leervraag"), [offer]).suggestions[0].reasons
    assert "volgende sessie op dinsdag 12 januari 2027 om 9.30 uur" in reasons


def test_a_helper_who_comes_home_says_so():
    reasons = match(ask(), [helper(accessibility=("aan-huis",))]).suggestions[0].reasons
    assert "komt aan huis" in reasons
