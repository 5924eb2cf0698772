"""Every transition of the referral lifecycle, every illegal one, and what each leaves behind."""
from datetime import timedelta

import pytest

from triage.catalogue.services import find_entry, import_document
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals import services
from triage.referrals.lifecycle import TRANSITIONS, next_status
from triage.referrals.models import Mode, Referral, Status

CATALOGUE = {"version": 1,
             "organisations": [{"id": "org-bib", "name": "Bib", "themes": ["computer"],
                                "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"]}],
             "digihelpers": [{"id": "dh-een", "name": "Een", "themes": ["computer"], "kinds": ["hulpvraag"],
                              "languages": ["nl"], "max_open_cases": 1}],
             "courses": [{"id": "c-pc", "title": "PC", "themes": ["computer"], "languages": ["nl"],
                          "capacity": 1, "sessions": [{"start": "2099-01-10T10:00:00"}]}]}
ALL_STATUSES = list(Status)
ACTIONS = ("accept", "start", "close", "decline", "cancel")


@pytest.fixture
def setup(ctx):
    import_document(CATALOGUE)
    db.session.commit()


COUNTER = iter(range(1, 10**6))


def new_request(kind="hulpvraag") -> HelpRequest:
    request = HelpRequest(reference=f"T{next(COUNTER):05d}", question="pc doet raar", kind=kind,
                          predicted_kind=kind, predicted_themes=["computer"], theme="computer")
    db.session.add(request)
    db.session.flush()
    return request


def refer(code_type="digihelper", code="dh-een", kind="hulpvraag") -> Referral:
    return services.create_referral(new_request(kind), find_entry(code_type, code), actor_id=None)


def test_a_digihelper_referral_walks_the_whole_happy_path(setup):
    referral = refer()
    assert referral.status is Status.PROPOSED and referral.mode is Mode.ASSIGNED
    services.transition(referral, "accept", None)
    services.transition(referral, "start", None)
    services.transition(referral, "close", None, outcome="zelfstandig", note="kan het nu zelf")
    assert referral.status is Status.CLOSED and referral.outcome == "zelfstandig"
    assert [(e.from_status, e.to_status) for e in referral.events] == [
        (None, "proposed"), ("proposed", "accepted"), ("accepted", "in_progress"), ("in_progress", "closed")]
    assert referral.accepted_at and referral.started_at and referral.closed_at
    assert db.session.get(HelpRequest, referral.request_id).status is RequestStatus.CLOSED


@pytest.mark.parametrize("start", [Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS])
def test_a_digihelper_can_decline_with_a_reason_and_the_request_goes_back_to_the_counter(setup, start):
    referral = refer()
    referral.status = start
    services.transition(referral, "decline", None, reason="geen_tijd")
    assert referral.status is Status.DECLINED and referral.decline_reason == "geen_tijd"
    assert db.session.get(HelpRequest, referral.request_id).status is RequestStatus.OPEN


@pytest.mark.parametrize("reason, note, message", [
    (None, None, "Kies een reden"), ("lui", None, "Kies een reden"), ("andere", "", "Schrijf kort waarom")])
def test_declining_needs_a_reason(setup, reason, note, message):
    referral = refer()
    with pytest.raises(ServiceError, match=message):
        services.transition(referral, "decline", None, reason=reason, note=note)
    assert referral.status is Status.PROPOSED


def test_closing_needs_a_known_outcome(setup):
    referral = refer()
    services.transition(referral, "accept", None)
    services.transition(referral, "start", None)
    for outcome in (None, "super"):
        with pytest.raises(ServiceError, match="Kies hoe het afgelopen is"):
            services.transition(referral, "close", None, outcome=outcome)
    assert referral.status is Status.IN_PROGRESS


@pytest.mark.parametrize("status", ALL_STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_illegal_digihelper_transition_is_refused_and_changes_nothing(setup, status, action):
    if (action, status) in TRANSITIONS:
        return
    referral = refer()
    referral.status = status
    db.session.flush()
    events = len(referral.events)
    with pytest.raises(ServiceError, match="kan je niet"):
        services.transition(referral, action, None, reason="geen_tijd", outcome="geholpen")
    assert referral.status is status and len(referral.events) == events


def test_course_and_organisation_referrals_start_accepted_with_a_follow_up_date(setup, app):
    course = refer("course", "c-pc", kind="leervraag")
    org = refer("organisation", "org-bib")
    for referral, mode in ((course, Mode.ENROLLED), (org, Mode.SIGNPOSTED)):
        assert referral.mode is mode and referral.status is Status.ACCEPTED
        days = (referral.follow_up_at - referral.created_at).days
        assert days == app.config["FOLLOW_UP_DAYS"]
    assert next_status(Mode.ENROLLED, "accept", Status.PROPOSED) is None
    assert next_status(Mode.SIGNPOSTED, "start", Status.ACCEPTED) is None
    services.transition(org, "close", None, outcome="geholpen")
    assert org.status is Status.CLOSED
    services.transition(course, "cancel", None)
    assert course.status is Status.CANCELLED


def test_a_full_digihelper_or_course_is_refused_at_referral_time(setup):
    refer()  # max_open_cases 1
    with pytest.raises(ServiceError, match="heeft geen plaats meer"):
        refer()
    refer("course", "c-pc", kind="leervraag")  # capacity 1
    with pytest.raises(ServiceError, match="heeft geen plaats meer"):
        refer("course", "c-pc", kind="leervraag")


def test_an_inactive_entry_or_wrong_theme_is_refused(setup):
    from triage.catalogue.services import set_entry_active

    set_entry_active(find_entry("digihelper", "dh-een"), False)
    with pytest.raises(ServiceError, match="niet \\(meer\\) actief"):
        refer()
    request = new_request()
    request.predicted_themes = ["belastingen"]
    with pytest.raises(ServiceError, match="helpt niet bij de thema's"):
        services.create_referral(request, find_entry("organisation", "org-bib"), None)


def test_a_request_has_one_live_referral_at_a_time(setup):
    referral = refer("organisation", "org-bib")
    request = db.session.get(HelpRequest, referral.request_id)
    with pytest.raises(ServiceError, match="al een lopende doorverwijzing"):
        services.create_referral(request, find_entry("course", "c-pc"), None)


def test_a_stale_version_is_refused(setup):
    referral = refer()
    version = referral.version
    services.transition(referral, "accept", None, expected_version=version)
    db.session.flush()
    with pytest.raises(ServiceError, match="Iemand anders"):
        services.transition(referral, "decline", None, expected_version=version, reason="taal")


def test_contact_attempts_are_logged_on_live_referrals_only(setup):
    referral = refer()
    services.log_contact(referral, "niet_bereikt", None, "voicemail")
    assert referral.events[-1].kind == "contact" and "voicemail" in referral.events[-1].note
    with pytest.raises(ServiceError, match="Kies of je de burger bereikt"):
        services.log_contact(referral, "misschien", None)
    services.transition(referral, "cancel", None)
    with pytest.raises(ServiceError, match="niet meer lopend"):
        services.log_contact(referral, "bereikt", None)


def test_timestamps_use_the_given_clock(setup):
    now = utcnow() - timedelta(days=3)
    referral = services.create_referral(new_request(), find_entry("digihelper", "dh-een"), None, now=now)
    assert referral.created_at == now
