"""The counter's day: log a question, correct it, refer it, print the slip, solve, pool, gap, follow up."""
import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import text_of
from triage.catalogue.services import import_document
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.matching.models import UnmetNeed
from triage.referrals.models import Referral, Status

CATALOGUE = {"version": 1,
             "organisations": [{"id": "org-bib", "name": "Bib Dijlegem", "themes": ["computer", "toegang"],
                                "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"],
                                "address": "Kerkstraat 1, 2800 Dijlegem", "opening_hours": "di-za 10-18u"}],
             "digihelpers": [{"id": "dh-an", "name": "An Peeters", "themes": ["computer"], "kinds": ["hulpvraag"],
                              "languages": ["nl"], "max_open_cases": 1}],
             "courses": [{"id": "c-pc", "title": "PC voor starters", "themes": ["computer"], "languages": ["nl"],
                          "capacity": 5, "cost_eur": 0, "location": "Bib, zaal 1",
                          "sessions": [{"start": "2099-01-10T10:00:00"}]}]}


@pytest.fixture
def counter(app, client, login_as, classifier):
    with app.app_context():
        import_document(CATALOGUE)
        db.session.commit()
    login_as("balie")
    return client


def log(client, question="pc start niet meer op", **extra):
    data = {"question": question, "language": "nl", "channel": "balie", **extra}
    response = client.post("/balie/nieuw", data=data)
    assert response.status_code == 302, text_of(response)[:500]
    location = urlsplit(response.headers["Location"])
    assert location.query == "nieuw=1"  # the request page then says it was saved
    return location.path.rsplit("/", 1)[-1]


def get_request(app, reference) -> HelpRequest:
    with app.app_context():
        found = db.session.query(HelpRequest).filter_by(reference=reference).one()
        db.session.expunge(found)
        return found


def test_logging_a_question_classifies_and_suggests(app, counter):
    reference = log(counter)
    assert re.fullmatch(r"[2-9A-Z]{3}-[2-9A-Z]{3}", reference)
    page = text_of(counter.get(f"/balie/vraag/{reference}"))
    assert "pc start niet meer op" in page and "Hulpvraag" in page and "90% zeker" in page
    assert "Doorverwijzen naar An Peeters" in page and "Doorverwijzen naar Bib Dijlegem" in page
    stored = get_request(app, reference)
    assert stored.predicted_kind == "hulpvraag" and stored.predicted_themes == ["computer", "toegang"]
    assert stored.contact_name is None and stored.status is RequestStatus.OPEN


def test_the_request_page_says_once_that_the_question_was_saved(app, counter):
    response = counter.post("/balie/nieuw", data={"question": "pc start niet meer op", "language": "nl",
                                                 "channel": "balie"})
    reference = urlsplit(response.headers["Location"]).path.rsplit("/", 1)[-1]
    with counter.session_transaction() as session:
        assert "_flashes" not in session  # nothing piles up in the cookie of a client that does not follow
    page = counter.get(response.headers["Location"])
    assert f"De vraag is opgeslagen met code {reference}." in text_of(page)
    assert re.search(r'role="status"[^>]*>\s*<p class="flash flash-success">De vraag is opgeslagen',
                     page.get_data(as_text=True))
    assert "opgeslagen met code" not in text_of(counter.get(f"/balie/vraag/{reference}"))


def test_no_personal_data_is_needed_and_contact_needs_consent(app, counter):
    response = counter.post("/balie/nieuw", data={"question": "x", "language": "nl", "channel": "balie",
                                                 "contact_phone": "0470 12 34 56"})
    assert response.status_code == 400
    assert "Vraag de burger of we de contactgegevens mogen bewaren" in text_of(response)
    reference = log(counter, contact_phone="0470 12 34 56", contact_consent="y")
    assert get_request(app, reference).contact_phone == "0470 12 34 56"


@pytest.mark.parametrize("data, message", [
    ({"question": ""}, "Vul de vraag van de burger in."),
    ({"question": "x" * 6000}, "Maximaal 5000 tekens."),
    ({"question": "x", "postcode": "28"}, "Een Belgische postcode heeft 4 cijfers"),
    ({"question": "x", "language": "xx"}, "ongeldige keuze"),
    ({"question": "x", "channel": "duif"}, "ongeldige keuze"),
    ({"question": "x", "needs": ["lift"]}, "ongeldige keuze"),
    ({"question": "x", "contact_email": "geen-mail", "contact_consent": "y"}, "Vul een geldig e-mailadres in."),
])
def test_bad_intake_input_is_explained_and_stores_nothing(app, counter, data, message):
    response = counter.post("/balie/nieuw", data={"language": "nl", "channel": "balie", **data})
    assert response.status_code == 400
    assert message.lower() in text_of(response).lower()
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 0


def test_a_double_submit_creates_one_request(app, counter):
    data = {"question": "dubbel", "language": "nl", "channel": "balie", "idempotency_key": "a" * 32}
    first = counter.post("/balie/nieuw", data=data)
    second = counter.post("/balie/nieuw", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 1


def test_a_double_click_sent_at_the_same_moment_creates_one_request(app, counter, classifier, make_user,
                                                                     monkeypatch):
    from tests.concurrency import at_once, meet_after
    from tests.conftest import login

    second_tab = app.test_client()
    login(second_tab, make_user("balie"))
    meet_after(monkeypatch, classifier, "predict")  # both have classified, neither has stored anything yet
    data = {"question": "dubbel geklikt", "language": "nl", "channel": "balie", "idempotency_key": "b" * 32}
    first, second = at_once(lambda: counter.post("/balie/nieuw", data=data),
                            lambda: second_tab.post("/balie/nieuw", data=data))
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]  # both see the one request
    with app.app_context():
        assert db.session.query(HelpRequest).filter_by(idempotency_key="b" * 32).count() == 1


def test_back_and_submit_again_shows_the_request_already_saved(app, counter):
    data = {"question": "terug en opnieuw", "language": "nl", "channel": "balie", "idempotency_key": "c" * 32}
    first = counter.post("/balie/nieuw", data=data)
    counter.get("/balie/nieuw")  # the browser's back button
    again = counter.post("/balie/nieuw", data=data)  # the restored form, its key included, sent again
    assert again.headers["Location"] == first.headers["Location"]
    assert "De vraag is opgeslagen met code" in text_of(counter.get(again.headers["Location"]))
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 1


def test_the_form_carries_a_fresh_key_each_time_it_is_opened(counter):
    keys = [re.search(r'name="idempotency_key" type="hidden" value="([0-9a-f]{32})"',
                      counter.get("/balie/nieuw").get_data(as_text=True)).group(1) for _ in range(2)]
    assert keys[0] != keys[1]


def test_a_taken_reference_code_is_drawn_again(app, counter, monkeypatch):
    from triage.intake import services

    first = log(counter)
    codes = iter([first, "ABC-DEF"])
    monkeypatch.setattr(services, "_draw_code", lambda: next(codes))
    assert log(counter, question="nog een vraag") == "ABC-DEF"
    assert get_request(app, "ABC-DEF").question == "nog een vraag"


def test_correcting_the_kind_updates_the_suggestions_and_stores_a_label(app, counter):
    reference = log(counter)
    response = counter.post(f"/balie/vraag/{reference}/indeling", data={"kind": "leervraag", "theme": "computer",
                                                                       "theme2": ""})
    assert response.status_code == 302
    page = text_of(counter.get(f"/balie/vraag/{reference}"))
    assert "Leervraag" in page and "bevestigd" in page
    assert "Doorverwijzen naar PC voor starters" in page and "Doorverwijzen naar An Peeters" not in page
    stored = get_request(app, reference)
    assert stored.confirmed_kind == "leervraag" and stored.confirmed_themes == ["computer"]


def test_referring_creates_a_referral_and_shows_the_slip(app, counter):
    reference = log(counter)
    response = counter.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": "digihelper:dh-an"})
    assert response.headers["Location"].endswith(f"/balie/vraag/{reference}/briefje")
    slip = text_of(counter.get(f"/balie/vraag/{reference}/briefje"))
    assert reference in slip and "An helpt u verder" in slip and "pc start niet meer op" in slip
    assert "Wat neemt u mee?" in slip and "hulpvraag" not in slip.lower()
    with app.app_context():
        referral = db.session.query(Referral).one()
        assert referral.status is Status.PROPOSED
    page = text_of(counter.get(f"/balie/vraag/{reference}"))
    assert "Lopende doorverwijzing" in page and "An Peeters" in page


def test_a_course_slip_says_when_and_where(app, counter):
    reference = log(counter)
    counter.post(f"/balie/vraag/{reference}/indeling", data={"kind": "leervraag", "theme": "computer"})
    counter.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": "course:c-pc"})
    slip = text_of(counter.get(f"/balie/vraag/{reference}/briefje"))
    assert "ingeschreven voor de cursus 'PC voor starters'" in slip
    assert "zaterdag 10 januari 2099 om 10.00 uur" in slip and "Bib, zaal 1" in slip and "gratis" in slip


def test_an_organisation_slip_gives_address_and_hours(app, counter):
    reference = log(counter)
    counter.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": "organisation:org-bib"})
    slip = text_of(counter.get(f"/balie/vraag/{reference}/briefje"))
    assert "Ga met dit briefje naar Bib Dijlegem" in slip and "Kerkstraat 1" in slip and "di-za 10-18u" in slip


def test_a_full_digihelper_cannot_be_picked(app, counter):
    first, second = log(counter), log(counter, question="nog een pc")
    counter.post(f"/balie/vraag/{first}/doorverwijzen", data={"target": "digihelper:dh-an"})
    assert "Doorverwijzen naar An Peeters" not in text_of(counter.get(f"/balie/vraag/{second}"))
    response = counter.post(f"/balie/vraag/{second}/doorverwijzen", data={"target": "digihelper:dh-an"},
                            follow_redirects=True)
    assert "heeft geen plaats meer" in text_of(response)


@pytest.mark.parametrize("target", ["", "digihelper:bestaat-niet", "robot:dh-an", "digihelper:<script>"])
def test_a_bad_target_is_refused(app, counter, target):
    reference = log(counter)
    response = counter.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": target},
                            follow_redirects=True)
    assert response.status_code == 200
    with app.app_context():
        assert db.session.query(Referral).count() == 0


def test_solved_at_the_counter_needs_an_outcome(app, counter):
    reference = log(counter)
    response = counter.post(f"/balie/vraag/{reference}/opgelost", data={}, follow_redirects=True)
    assert "Kies hoe de burger geholpen is." in text_of(response)
    counter.post(f"/balie/vraag/{reference}/opgelost", data={"outcome": "zelfstandig", "note": "uitgelegd"})
    stored = get_request(app, reference)
    assert stored.status is RequestStatus.SOLVED and stored.outcome == "zelfstandig"
    response = counter.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": "digihelper:dh-an"},
                            follow_redirects=True)
    assert "al afgesloten" in text_of(response)


def test_pool_and_gap(app, counter):
    reference = log(counter)
    counter.post(f"/balie/vraag/{reference}/pool")
    assert get_request(app, reference).status is RequestStatus.POOL
    other = log(counter, question="trein")
    counter.post(f"/balie/vraag/{other}/indeling", data={"kind": "hulpvraag", "theme": "mobiliteit"})
    page = text_of(counter.get(f"/balie/vraag/{other}"))
    assert "Geen passend aanbod" in page and "Mobiliteit" in page
    counter.post(f"/balie/vraag/{other}/tekort")
    stored = get_request(app, other)
    assert stored.status is RequestStatus.GAP
    with app.app_context():
        need = db.session.query(UnmetNeed).one()
        assert need.theme == "mobiliteit" and need.source == "intake" and "theme" in need.missing
        assert need.channel == stored.channel.value == "balie"  # for the reports' channel filter


def test_a_leervraag_cannot_go_to_the_pool(app, counter):
    reference = log(counter)
    counter.post(f"/balie/vraag/{reference}/indeling", data={"kind": "leervraag", "theme": "computer"})
    response = counter.post(f"/balie/vraag/{reference}/pool", follow_redirects=True)
    assert "Alleen een hulpvraag kan in de pool" in text_of(response)


def make_follow_up_due(app) -> tuple[int, int]:
    """Make the one referral due for follow-up now; returns its id and version."""
    with app.app_context():
        referral = db.session.query(Referral).one()
        referral.follow_up_due = True
        db.session.commit()
        return referral.id, referral.version


def test_a_follow_up_is_closed_by_the_counter_with_an_outcome(app, counter):
    reference = log(counter)
    counter.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": "organisation:org-bib"})
    referral_id, version = make_follow_up_due(app)
    assert reference in text_of(counter.get("/balie/"))  # in "Op te volgen"
    stale = counter.post(f"/balie/doorverwijzing/{referral_id}/close",
                         data={"version": str(version - 1), "outcome": "geholpen"}, follow_redirects=True)
    assert "Iemand anders heeft deze doorverwijzing net gewijzigd" in text_of(stale)
    counter.post(f"/balie/doorverwijzing/{referral_id}/close", data={"version": str(version), "outcome": "geholpen"})
    assert get_request(app, reference).status is RequestStatus.CLOSED


def test_search_by_reference(app, counter):
    reference = log(counter)
    response = counter.get(f"/balie/zoeken?code={reference.lower().replace('-', '')}")
    assert response.headers["Location"].endswith(f"/balie/vraag/{reference}")
    missing = counter.get("/balie/zoeken?code=ZZZ-ZZZ", follow_redirects=True)
    assert "Geen vraag gevonden met code 'ZZZ-ZZZ'" in text_of(missing)


def test_dashboard_lists_and_empty_states(app, counter):
    page = text_of(counter.get("/balie/"))
    assert "Vandaag is nog geen vraag gelogd" in page
    reference = log(counter)
    page = text_of(counter.get("/balie/"))
    assert reference in page and "Wachten op een doorverwijzing (1)" in page
    assert reference in text_of(counter.get("/balie/lijst/vandaag"))
    assert counter.get("/balie/lijst/onbekend").status_code == 404


def test_an_unknown_reference_is_404(counter):
    assert counter.get("/balie/vraag/ZZZ-ZZZ").status_code == 404
    assert counter.get("/balie/vraag/ZZZ-ZZZ/briefje").status_code == 404
