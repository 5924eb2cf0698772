"""A gap says in plain Dutch what was missing: theme, kind, language, area, need, capacity, date."""
from datetime import timedelta

from tests.matching.factories import NOW, ask, course, helper, organisation
from triage.matching import Load, match


def gap(request, offers, load=None):
    result = match(request, offers, load)
    assert result.gap and result.suggestions == ()
    return result


def test_no_offer_at_all_for_the_theme():
    result = gap(ask(themes=("mobiliteit",)), [helper()])
    assert result.explanation == ("Er is geen aanbod voor het thema Mobiliteit.",)
    assert result.missing == ("theme",)


def test_no_offer_for_any_of_the_themes():
    result = gap(ask(themes=("mobiliteit", "werk")), [helper()])
    assert result.explanation == ("Er is geen aanbod voor de thema's Mobiliteit en Werk en uitkering.",)


def test_language():
    result = gap(ask(language="fr"), [helper(), organisation()])
    assert result.explanation == (
        "Er is aanbod voor het thema Aanmelden en digitale sleutels, maar niet in het Frans.",)
    assert result.missing == ("language",)


def test_area():
    result = gap(ask(postcode="2812"), [helper(postcodes=("2800",))])
    assert result.explanation == (
        "Er is aanbod voor het thema Aanmelden en digitale sleutels, maar niet in postcode 2812.",)
    assert result.missing == ("area",)


def test_need():
    result = gap(ask(needs=("rolstoel",)), [helper(accessibility=("aan-huis",))])
    assert "maar niet toegankelijk met een rolstoel." in result.explanation[0]
    assert result.missing == ("need",)


def test_kind():
    result = gap(ask("leervraag"), [helper(kinds=("hulpvraag",))])
    assert "geen les om het zelf te leren" in result.explanation[0]
    assert result.missing == ("kind",)


def test_all_digihelpers_full():
    offers = [helper("dh-a", max_open_cases=0), helper("dh-b", max_open_cases=2)]
    result = gap(ask(), offers, Load(open_cases={"dh-b": 2}))
    assert result.explanation == ("Alle digihelpers voor het thema Aanmelden en digitale sleutels zitten vol.",)
    assert result.missing == ("capacity",)


def test_courses_without_a_next_session_or_full():
    past = course("cursus-oud", sessions=(NOW - timedelta(days=3),))
    full = course("cursus-vol", capacity=8)
    result = gap(ask("leervraag"), [past, full], Load(taken_places={"cursus-vol": 8}))
    assert result.explanation == ("De cursussen voor het thema Aanmelden en digitale sleutels hebben geen "
                                  "sessie meer na vandaag of zijn volzet.",)
    assert set(result.missing) == {"date", "capacity"}
    assert gap(ask("leervraag"), [past]).explanation == (
        "De cursus voor het thema Aanmelden en digitale sleutels heeft geen sessie meer na vandaag.",)


def test_names_what_the_closest_candidates_miss():
    # One helper misses only the need; the other misses the area too: only the need is named.
    offers = [helper("dh-fr", languages=("fr",)),
              helper("dh-far", postcodes=("2812",), languages=("nl", "fr"))]
    result = gap(ask(language="fr", postcode="2800", needs=("rolstoel",)), offers)
    assert result.missing == ("need",)
    # Each misses one thing: both are named, in rule order.
    offers = [helper("dh-nl"), helper("dh-far", postcodes=("2812",), languages=("nl", "fr"))]
    result = gap(ask(language="fr", postcode="2800"), offers)
    assert result.missing == ("language", "area")
    assert [line.split(", maar ")[1] for line in result.explanation] == ["niet in het Frans.",
                                                                        "niet in postcode 2800."]


def test_fallback_gap_names_the_missing_first_theme_and_why_the_others_fail():
    result = gap(ask(themes=("mobiliteit", "computer"), language="fr"), [helper(themes=("computer",))])
    assert result.explanation == ("Er is geen aanbod voor het thema Mobiliteit.",
                                  "Er is aanbod voor het thema Computer gebruiken, maar niet in het Frans.")
    assert result.missing == ("theme", "language")


def test_no_explanation_when_suggestions_come_from_the_first_theme():
    assert match(ask(), [helper()]).explanation == ()
