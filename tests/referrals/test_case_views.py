"""A digihelper's pages: only their own cases, the pool that fits them, and every lifecycle step from a phone."""
import re
from itertools import count
from types import SimpleNamespace

import pytest
from sqlalchemy import update

from tests.conftest import login, text_of
from triage.catalogue.services import find_entry, import_document, link_user
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals import services
from triage.referrals.models import Referral, Status

CATALOGUE = {"version": 1, "digihelpers": [
    {"id": "dh-mine", "name": "Mijn Helper", "themes": ["computer", "smartphone-tablet"], "kinds": ["hulpvraag"],
     "languages": ["nl", "fr"], "postcodes": ["9000"], "max_open_cases": 2},
    {"id": "dh-other", "name": "Andere Helper", "themes": ["computer"], "kinds": ["hulpvraag"],
     "languages": ["nl"], "max_open_cases": 5}]}
REFS = count(1)
STALE = "Iemand anders heeft deze doorverwijzing net gewijzigd"


@pytest.fixture
def world(app, client, make_user, login_as):
    me, other = make_user("digihelper"), make_user("digihelper")
    with app.app_context():
        import_document(CATALOGUE)
        link_user(find_entry("digihelper", "dh-mine"), me.id)
        link_user(find_entry("digihelper", "dh-other"), other.id)
        db.session.commit()
    login(client, me)
    return SimpleNamespace(app=app, client=client, me=me, other=other, login_as=login_as)


def switch_to(world, account=None, role=None):
    """Log out, then in as another account (login_as makes a new one of `role`)."""
    world.client.post("/logout")
    return login(world.client, account) if account else world.login_as(role)


def add_request(app, theme="computer", theme2=None, language="nl", postcode="9000", kind="hulpvraag",
                status=RequestStatus.POOL, **extra) -> SimpleNamespace:
    with app.app_context():
        request = HelpRequest(reference=f"T{next(REFS):02d}-CASE", question=extra.pop("question", "Mijn pc start niet"),
                              kind=kind, predicted_kind=kind, predicted_themes=[t for t in (theme, theme2) if t],
                              theme=theme, theme2=theme2, language=language, postcode=postcode, status=status,
                              **extra)
        db.session.add(request)
        db.session.commit()
        return SimpleNamespace(id=request.id, reference=request.reference)


def refer(app, code="dh-mine", accepted=False, **request_fields) -> SimpleNamespace:
    request = add_request(app, status=RequestStatus.OPEN, **request_fields)
    with app.app_context():
        referral = services.create_referral(db.session.get(HelpRequest, request.id),
                                            find_entry("digihelper", code), actor_id=None, accepted=accepted)
        db.session.commit()
        return SimpleNamespace(id=referral.id, reference=request.reference, request_id=request.id)


def state(app, referral_id) -> Referral:
    with app.app_context():
        referral = db.session.get(Referral, referral_id)
        db.session.expunge(referral)
        return referral


def act(world, referral, word, version=None, **fields):
    version = state(world.app, referral.id).version if version is None else version
    data = {f"{word}-version": version, **{f"{word}-{k}": v for k, v in fields.items()}}
    return world.client.post(f"/dossiers/{referral.id}/{word}", data=data)


def test_my_cases_shows_only_my_own(world):
    mine, theirs = refer(world.app), refer(world.app, code="dh-other")
    page = text_of(world.client.get("/dossiers/"))
    assert mine.reference in page and theirs.reference not in page
    assert "Nieuw voor jou (1)" in page and "Lopend (0)" in page


def test_another_digihelpers_case_is_404_and_its_actions_refused(world):
    theirs = refer(world.app, code="dh-other")
    assert world.client.get(f"/dossiers/{theirs.id}").status_code == 404
    for word in ("aanvaarden", "weigeren", "starten", "contact", "afsluiten"):
        assert act(world, theirs, word, reason="geen_tijd", result="bereikt").status_code == 404
    assert state(world.app, theirs.id).status is Status.PROPOSED
    assert world.client.get("/dossiers/999999").status_code == 404


def test_the_pool_shows_only_requests_in_my_themes_languages_and_area(world):
    app = world.app
    fits = [add_request(app), add_request(app, theme="werk", theme2="smartphone-tablet"),
            add_request(app, language="fr"), add_request(app, postcode=None)]
    misses = [add_request(app, theme="belastingen"), add_request(app, language="ar"),
              add_request(app, postcode="2000"), add_request(app, kind="leervraag"),
              add_request(app, status=RequestStatus.OPEN)]
    page = text_of(world.client.get("/dossiers/pool"))
    assert all(r.reference in page for r in fits)
    assert not any(r.reference in page for r in misses)
    assert page.index(fits[0].reference) < page.index(fits[-1].reference)  # oldest first


def test_picking_up_creates_an_accepted_referral_and_removes_it_from_the_pool(world):
    request = add_request(world.app, contact_name="Mia", contact_phone="0470 12 34 56", contact_consent=True)
    response = world.client.post(f"/dossiers/pool/{request.id}/opnemen")
    assert response.status_code == 302
    referral_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    referral = state(world.app, referral_id)
    assert referral.status is Status.ACCEPTED and referral.request_id == request.id
    page = text_of(world.client.get(f"/dossiers/{referral_id}"))
    assert f"Je hebt vraag {request.reference} opgenomen" in page and "Bel 0470 12 34 56" in page
    assert request.reference not in text_of(world.client.get("/dossiers/pool"))
    with world.app.app_context():
        assert db.session.get(HelpRequest, request.id).status is RequestStatus.REFERRED
    # The other digihelper was a moment too late.
    switch_to(world, world.other)
    page = text_of(world.client.post(f"/dossiers/pool/{request.id}/opnemen", follow_redirects=True))
    assert "Deze vraag staat niet meer in de pool" in page
    with world.app.app_context():
        assert db.session.query(Referral).count() == 1


def test_picking_up_when_full_is_refused_with_a_message(world):
    refer(world.app), refer(world.app, accepted=True)
    request = add_request(world.app)
    pool = text_of(world.client.get("/dossiers/pool"))
    assert "Je zit aan je maximum" in pool and "Ik neem deze vraag op" not in pool
    page = text_of(world.client.post(f"/dossiers/pool/{request.id}/opnemen", follow_redirects=True))
    assert "Je hebt al je maximum aantal open dossiers" in page
    with world.app.app_context():
        assert db.session.get(HelpRequest, request.id).status is RequestStatus.POOL


def test_a_request_outside_my_pool_cannot_be_picked_up(world):
    request = add_request(world.app, theme="belastingen")
    assert world.client.post(f"/dossiers/pool/{request.id}/opnemen").status_code == 404


def test_accept_start_contact_and_close_through_the_pages(world):
    referral = refer(world.app, question="Ik kan niet inloggen op mijn pc")
    page = text_of(world.client.get(f"/dossiers/{referral.id}"))
    assert "Ik kan niet inloggen op mijn pc" in page and "Aanvaarden" in page and "Afsluiten" not in page
    assert act(world, referral, "aanvaarden").status_code == 302
    assert state(world.app, referral.id).status is Status.ACCEPTED
    assert act(world, referral, "starten").status_code == 302
    assert act(world, referral, "contact", result="niet_bereikt", note="morgen opnieuw").status_code == 302
    page = text_of(world.client.get(f"/dossiers/{referral.id}"))
    assert "Je contactpoging is opgeslagen" in page and "Niet bereikt: morgen opnieuw" in page
    response = act(world, referral, "afsluiten", outcome="zelfstandig", note="lukt nu alleen")
    assert response.headers["Location"].endswith("/dossiers/")
    closed = state(world.app, referral.id)
    assert closed.status is Status.CLOSED and closed.outcome == "zelfstandig"
    assert closed.outcome_note == "lukt nu alleen"
    page = text_of(world.client.get(f"/dossiers/{referral.id}"))
    assert "Er is niets meer te doen" in page and "Zelfstandig" in page
    with world.app.app_context():
        events = db.session.get(Referral, referral.id).events
        assert [(e.kind, e.to_status) for e in events] == [
            ("status", "proposed"), ("status", "accepted"), ("status", "in_progress"),
            ("contact", "in_progress"), ("status", "closed")]
        assert all(e.actor_id == world.me.id for e in events[1:])


def test_closing_needs_an_outcome_shown_on_its_field(world):
    referral = refer(world.app, accepted=True)
    act(world, referral, "starten")
    response = act(world, referral, "afsluiten", outcome="")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="afsluiten-outcome-error"' in html and "Kies hoe het afgelopen is." in html
    assert 'aria-describedby="afsluiten-outcome-hint afsluiten-outcome-error"' in html or \
        'aria-describedby="afsluiten-outcome-error"' in html
    assert state(world.app, referral.id).status is Status.IN_PROGRESS


def test_declining_needs_a_reason_and_a_note_for_andere(world):
    referral = refer(world.app)
    response = act(world, referral, "weigeren", reason="")
    assert response.status_code == 400 and "Kies een reden om te weigeren." in text_of(response)
    assert 'id="weigeren-reason-error"' in response.get_data(as_text=True)
    response = act(world, referral, "weigeren", reason="andere", note="")
    assert response.status_code == 400 and "Schrijf kort waarom je weigert." in text_of(response)
    assert state(world.app, referral.id).status is Status.PROPOSED
    response = act(world, referral, "weigeren", reason="buiten_gebied")
    assert response.status_code == 302
    declined = state(world.app, referral.id)
    assert declined.status is Status.DECLINED and declined.decline_reason == "buiten_gebied"
    with world.app.app_context():
        # Back to the counter's list, to refer again.
        assert db.session.get(HelpRequest, referral.request_id).status is RequestStatus.OPEN
    page = text_of(world.client.get("/dossiers/"))
    assert "Je hebt de vraag geweigerd" in page and "Afgesloten (laatste 30 dagen) (1)" in page


def _finish(app, referral, days_ago: int):
    from datetime import timedelta

    from triage.db import utcnow

    with app.app_context():
        table = Referral.__table__
        db.session.execute(update(table).where(table.c.id == referral.id).values(
            status=Status.CLOSED, outcome="geholpen", closed_at=utcnow() - timedelta(days=days_ago)))
        db.session.commit()


def test_my_cases_shows_the_latest_finished_and_links_to_all_of_them(world):
    finished = []
    for days in range(12):  # one at a time: dh-mine takes at most 2 open cases
        finished.append(refer(world.app))
        _finish(world.app, finished[-1], days)
    theirs = refer(world.app, code="dh-other")
    _finish(world.app, theirs, 0)
    html = world.client.get("/dossiers/").get_data(as_text=True)
    page = text_of(world.client.get("/dossiers/"))
    assert "Afgesloten (laatste 30 dagen) (10)" in page
    assert all(r.reference in page for r in finished[:10]) and finished[10].reference not in page
    assert 'href="/dossiers/afgesloten"' in html and "Alle afgesloten dossiers bekijken" in page
    everything = text_of(world.client.get("/dossiers/afgesloten"))
    assert all(r.reference in everything for r in finished) and theirs.reference not in everything
    # The most recently finished first.
    assert everything.index(finished[0].reference) < everything.index(finished[11].reference)


def test_with_few_finished_cases_there_is_no_link_to_all(world):
    assert "Nog niets afgesloten." in text_of(world.client.get("/dossiers/afgesloten"))
    referral = refer(world.app)
    _finish(world.app, referral, 1)
    page = text_of(world.client.get("/dossiers/"))
    assert "Afgesloten (laatste 30 dagen) (1)" in page and "Alle afgesloten dossiers" not in page
    assert referral.reference in text_of(world.client.get("/dossiers/afgesloten"))


def test_an_illegal_action_is_refused_in_dutch(world):
    referral = refer(world.app)
    assert act(world, referral, "afsluiten", outcome="geholpen").status_code == 302
    page = text_of(world.client.get(f"/dossiers/{referral.id}"))
    assert "Deze doorverwijzing kan je niet afsluiten: ze is voorgesteld, wacht op antwoord." in page
    assert state(world.app, referral.id).status is Status.PROPOSED


def test_a_stale_version_is_refused(world):
    referral = refer(world.app)
    shown = state(world.app, referral.id).version
    act(world, referral, "aanvaarden")  # in another tab
    response = act(world, referral, "weigeren", version=shown, reason="geen_tijd")
    assert response.status_code == 302
    assert STALE in text_of(world.client.get(f"/dossiers/{referral.id}"))
    assert state(world.app, referral.id).status is Status.ACCEPTED


def test_a_change_by_someone_else_at_the_same_moment_shows_the_same_message(world, monkeypatch):
    referral = refer(world.app)
    real = services.transition

    def racing(target, *args, **kwargs):
        # Someone else's update lands between our read and our write.
        db.session.execute(update(Referral.__table__).where(Referral.__table__.c.id == target.id)
                           .values(version=Referral.__table__.c.version + 1))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(services, "transition", racing)
    act(world, referral, "aanvaarden")
    assert STALE in text_of(world.client.get(f"/dossiers/{referral.id}"))
    assert state(world.app, referral.id).status is Status.PROPOSED


def test_contact_details_only_with_consent_and_while_open(world):
    with_consent = refer(world.app, contact_name="Mia", contact_phone="0470 11 22 33", contact_consent=True)
    without = refer(world.app, contact_name="Jan", contact_phone="0499 99 99 99", contact_consent=False)
    cases = text_of(world.client.get("/dossiers/"))
    assert "Bel 0470 11 22 33" in cases and "0499" not in cases and "Jan" not in cases
    assert "geen contactgegevens" in text_of(world.client.get(f"/dossiers/{without.id}"))
    act(world, with_consent, "weigeren", reason="taal")
    assert "0470" not in text_of(world.client.get(f"/dossiers/{with_consent.id}"))


@pytest.mark.parametrize("role", ["balie", "coordinator", "admin"])
def test_other_roles_get_403_on_the_digihelper_pages(world, role):
    referral = refer(world.app)
    switch_to(world, role=role)
    for url in ("/dossiers/", "/dossiers/pool", f"/dossiers/{referral.id}"):
        assert world.client.get(url).status_code == 403
    assert world.client.post(f"/dossiers/{referral.id}/aanvaarden").status_code == 403
    assert world.client.post(f"/dossiers/pool/{referral.request_id}/opnemen").status_code == 403


def test_an_unlinked_digihelper_is_asked_to_get_their_account_linked(world):
    referral = refer(world.app)
    switch_to(world, role="digihelper")
    for url in ("/dossiers/", "/dossiers/pool", f"/dossiers/{referral.id}"):
        page = text_of(world.client.get(url))
        assert "Je account is nog niet gekoppeld" in page and "Vraag de coördinator" in page
        assert referral.reference not in page
    assert world.client.post(f"/dossiers/{referral.id}/aanvaarden").status_code == 302
    assert state(world.app, referral.id).status is Status.PROPOSED
    assert "Vraag de coördinator om het te koppelen" in text_of(world.client.get("/"))


def test_the_start_page_links_to_my_cases_with_counts(world):
    refer(world.app), refer(world.app, accepted=True), add_request(world.app)
    html = world.client.get("/").get_data(as_text=True)
    assert 'href="/dossiers/"' in html and 'href="/dossiers/pool"' in html
    page = text_of(world.client.get("/"))
    assert "1 nieuw, 1 lopend" in page and "1 vraag wacht" in page


@pytest.mark.parametrize("url, classes", [
    ("/dossiers/", ["section-nav", "case-list", "case-card", "facts"]),
    ("/dossiers/pool", ["case-list", "case-card", "button block"]),
    ("case", ["question-full", "case-actions", "button block", "case-action", "case-timeline"])])
def test_pages_are_built_for_a_phone(world, url, classes):
    referral = refer(world.app)
    add_request(world.app)
    html = world.client.get(f"/dossiers/{referral.id}" if url == "case" else url).get_data(as_text=True)
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert all(f'class="{c}' in html or f" {c}" in html for c in classes)
    # The CSP forbids inline styles and scripts.
    assert not re.search(r"\sstyle=", html) and not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_stylesheet_has_the_phone_first_digihelper_section(app):
    with open(f"{app.static_folder}/triage.css", encoding="utf-8") as f:
        css = f.read()
    section = css.split("/* ---- digihelper:", 1)[1]
    assert "@media (min-width: 40rem)" in section  # one column first, more from 640 px
    assert section.count("min-height: 44px") >= 4


def test_the_pool_says_when_a_citizens_need_is_not_in_my_profile(world):
    request = add_request(world.app, needs=["aan-huis"])
    page = text_of(world.client.get("/dossiers/pool"))
    assert request.reference in page and "de burger heeft nodig: komt aan huis" in page
    assert "Ik neem deze vraag op" not in page
    page = text_of(world.client.post(f"/dossiers/pool/{request.id}/opnemen", follow_redirects=True))
    assert "Deze burger heeft iets nodig dat jij niet kan bieden" in page
