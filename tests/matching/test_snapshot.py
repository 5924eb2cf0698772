"""Offers from catalogue rows (unsaved model objects) and from a catalogue file."""
from datetime import UTC, datetime

from tests.matching.factories import NOW, ask, ids
from triage.matching import match
from triage.matching.snapshot import offers_from_catalogue_file, offers_from_entries


def test_offers_from_entries_reads_tags_organisation_and_utc_sessions():
    from triage.catalogue.models import Course, CourseSession, Digihelper, Organisation

    org = Organisation(code="org-x", name="Org X", active=False)
    org.set_facet("postcodes", ["2812"])
    helper = Digihelper(code="dh-a", name="A", active=True, max_open_cases=3, organisation=org)
    helper.set_facet("themes", ["computer"])
    helper.set_facet("languages", ["nl", "fr"])
    lesson = Course(code="cursus-c", name="C", active=True, capacity=None)
    lesson.sessions = [CourseSession(starts_at=datetime(2026, 12, 8, 13, 0))]
    org_offer, helper_offer, course_offer = offers_from_entries([org, helper, lesson])
    assert (org_offer.type, org_offer.postcodes, org_offer.active) == ("organisation", ("2812",), False)
    assert helper_offer.organisation_id == "org-x" and helper_offer.organisation_active is False
    assert helper_offer.postcodes == () and helper_offer.languages == ("nl", "fr")
    assert helper_offer.max_open_cases == 3
    assert course_offer.kinds == ("leervraag",) and course_offer.capacity is None
    assert course_offer.sessions == (datetime(2026, 12, 8, 13, 0, tzinfo=UTC),)


def test_catalogue_file_defaults_and_no_inheritance():
    document = {"version": 1,
                "organisations": [{"id": "org-a", "name": "A", "themes": ["computer"], "kinds": ["hulpvraag"],
                                   "languages": ["nl"], "postcodes": ["2812"], "accessibility": ["rolstoel"]},
                                  {"id": "org-weg", "name": "Weg", "themes": ["werk"], "kinds": ["hulpvraag"],
                                   "languages": ["nl"], "active": False}],
                "digihelpers": [{"id": "dh-a", "name": "A", "organisation": "org-a", "themes": ["computer"],
                                 "kinds": ["hulpvraag"], "languages": ["nl"]},
                                {"id": "dh-weg", "name": "W", "organisation": "org-weg", "themes": ["werk"],
                                 "kinds": ["hulpvraag"], "languages": ["nl"]}],
                "courses": [{"id": "cursus-a", "title": "Computer", "themes": ["computer"], "languages": ["nl"],
                             "sessions": [{"start": "2026-12-08T14:00:00"}]}]}
    offers = {o.id: o for o in offers_from_catalogue_file(document)}
    assert offers["dh-a"].postcodes == () and offers["dh-a"].accessibility == ()
    assert offers["dh-a"].max_open_cases == 5 and offers["dh-weg"].organisation_active is False
    assert offers["cursus-a"].name == "Computer" and offers["cursus-a"].kinds == ("leervraag",)
    assert offers["cursus-a"].sessions == (datetime(2026, 12, 8, 13, 0, tzinfo=UTC),)   # Brussels time
    assert ids(match(ask(themes=("computer",), postcode="2800"), list(offers.values()))) == ["dh-a"]
    assert ids(match(ask(themes=("computer",), needs=("rolstoel",)), list(offers.values()))) == ["org-a"]
    assert match(ask(themes=("werk",), now=NOW), list(offers.values())).gap
