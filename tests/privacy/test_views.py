"""The coordinator's "Gegevens van een burger": find everything, download it, erase it after a confirmation."""
import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.conftest import login, text_of
from tests.privacy.helpers import EMAIL, PHONE, QUESTION, mia_and_jan
from tests.referrals.loop_helpers import T0
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.privacy.erasure import ERASED_QUESTION
from triage.privacy.models import AuditEntry
from triage.reports.filters import Filters
from triage.reports.queries import summary

MIA = ["MIA-001", "MIA-002"]


@pytest.fixture
def coordinator(app, client, make_user):
    account = make_user("coordinator")
    with app.app_context():
        mia_and_jan(T0)
        db.session.commit()
    login(client, account)
    client.account = account
    return client


def search(client, by, value):
    return client.post("/gegevens/", data={"by": by, "value": value})


def audit(app, action):
    with app.app_context():
        return [(r.reference, r.actor_id, r.detail) for r in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))]


def test_the_page_explains_what_to_do(coordinator):
    page = coordinator.get("/gegevens/")
    assert page.status_code == 200
    assert "Zoek op de referentiecode van het briefje, het telefoonnummer of het e-mailadres" in text_of(page)


@pytest.mark.parametrize("by, value", [("reference", "mia-001"), ("reference", "MIA002"), ("phone", "+32 470 11 22 33"),
                                       ("phone", "0470/11.22.33"), ("email", "mia.janssens@example.BE")])
def test_every_way_of_searching_finds_all_of_the_citizens_requests(app, coordinator, by, value):
    response = search(coordinator, by, value)
    assert response.status_code == 200
    page = text_of(response)
    assert "2 vragen gevonden" in page and all(ref in page for ref in MIA) and "JAN-001" not in page
    # Everything held: the question, contact details, notes, the referral with its steps and the e-mail.
    for held in (QUESTION, "Mia Janssens", PHONE, EMAIL, "Mia was heel blij", "Mia Janssens kan nu zelf inloggen",
                 "Mia belt terug na 17u", "Doorverwezen naar An Peeters", "Vraag van Mia", "Ik wil leren videobellen"):
        assert held in page, held
    assert sorted(r for r, *_ in audit(app, "viewed")) == MIA
    [(_, actor, detail)] = audit(app, "searched")
    assert actor == coordinator.account.id and PHONE not in (detail or "") and "2 vraag/vragen" in detail


def test_the_search_never_puts_a_phone_number_in_a_url(coordinator):
    page = coordinator.get("/gegevens/?by=phone&value=0470112233")
    assert "vragen gevonden" not in text_of(page)  # a GET does not search
    html = search(coordinator, "phone", PHONE).get_data(as_text=True)
    assert 'method="post" action="/gegevens/"' in html
    assert "0470" not in " ".join(part.split('"')[0] for part in html.split('href="')[1:])


def test_nothing_found_says_what_to_try(app, coordinator):
    page = text_of(search(coordinator, "phone", "0488 00 00 00"))
    assert "Niets gevonden" in page and "zoek anders op de referentiecode van het briefje" in page
    assert [d for *_, d in audit(app, "searched")] == ["op telefoonnummer: 0 vraag/vragen"]


@pytest.mark.parametrize("by, value, message", [
    ("reference", "", "Vul een referentiecode, telefoonnummer of e-mailadres in."),
    ("reference", "<b>", "Een referentiecode heeft letters en cijfers, zoals K7M-4QX."),
    ("phone", "bel me", "Vul een telefoonnummer in, zoals 0470 12 34 56."),
    ("email", "mia@", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.be."),
    ("fax", "123", "Zoeken op"),
])
def test_bad_input_gets_a_dutch_message_and_searches_nothing(app, coordinator, by, value, message):
    response = search(coordinator, by, value)
    assert response.status_code == 400
    assert message in text_of(response)
    assert audit(app, "searched") == [] and audit(app, "viewed") == []


def test_the_download_is_a_readable_file_of_everything(app, coordinator):
    html = coordinator.post("/gegevens/export", data={"refs": "MIA-001,MIA-002", "format": "html"})
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert html.headers["Content-Disposition"] == 'attachment; filename="gegevens-MIA-001.html"'
    text = text_of(html)
    assert "Uw gegevens bij de digitale hulp van Dijlegem" in text and QUESTION in text and PHONE in text
    assert "12 maanden nadat een vraag is afgesloten" in text
    data = coordinator.post("/gegevens/export", data={"refs": "MIA-001,MIA-002", "format": "json"})
    doc = json.loads(data.get_data(as_text=True))
    first = doc["vragen"][0]
    assert first["referentiecode"] == "MIA-001" and first["contactgegevens"]["telefoon"] == PHONE
    assert first["soort_vraag"] == "Hulpvraag" and first["themas"] == ["Computer gebruiken"]
    referral = first["doorverwijzingen"][0]
    assert referral["naar"] == "An Peeters" and referral["uitkomst"].startswith("Geholpen")
    assert [s["wat"] for s in referral["stappen"]] == ["Stap", "Contactpoging", "Stap", "Stap"]
    assert referral["berichten"][0]["tekst"] == f"Bel Mia op {PHONE}"
    assert sorted(r for r, *_ in audit(app, "exported")) == sorted(MIA * 2)


def test_a_download_of_a_single_code_still_takes_the_whole_citizen(app, coordinator):
    doc = json.loads(coordinator.post("/gegevens/export", data={"refs": "MIA-002", "format": "json"}).data)
    assert [q["referentiecode"] for q in doc["vragen"]] == MIA


@pytest.mark.parametrize("data", [{}, {"refs": "x"}, {"refs": "GEEN-001", "format": "json"},
                                  {"refs": ",".join(f"R{n:05d}" for n in range(201))}])
def test_a_download_without_a_valid_search_changes_nothing_and_says_why(app, coordinator, data):
    response = coordinator.post("/gegevens/export", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/gegevens/")
    assert "Zoek" in text_of(coordinator.get("/gegevens/"))
    assert audit(app, "exported") == []


def test_erasing_asks_first_then_erases_and_the_reports_still_add_up(app, coordinator):
    with app.app_context():
        before = summary(Filters(date(2026, 1, 1), date(2026, 12, 31)), datetime(2026, 12, 1))
    confirm = coordinator.post("/gegevens/wissen", data={"refs": "MIA-001,MIA-002"})
    page = text_of(confirm)
    assert confirm.status_code == 200 and "De gegevens van deze burger wissen?" in page
    assert "Dit kan je niet ongedaan maken." in page and "MIA-001" in page and "MIA-002" in page
    with app.app_context():
        assert db.session.scalar(select(HelpRequest.contact_phone).where(HelpRequest.reference == "MIA-001")) == PHONE
    unticked = coordinator.post("/gegevens/wissen/bevestigd", data={"refs": "MIA-001,MIA-002", "reason": "verzoek"})
    assert unticked.status_code == 400 and "Vink aan dat je zeker bent." in text_of(unticked)
    done = coordinator.post("/gegevens/wissen/bevestigd",
                            data={"refs": "MIA-001,MIA-002", "reason": "verzoek", "confirm": "y"})
    assert done.status_code == 302
    assert "De persoonsgegevens van 2 vraag/vragen zijn gewist" in text_of(coordinator.get("/gegevens/"))
    with app.app_context():
        for item in db.session.scalars(select(HelpRequest).where(HelpRequest.reference.in_(MIA))):
            assert item.question == ERASED_QUESTION and item.contact_phone is None and item.contact_email is None
        jan = db.session.scalar(select(HelpRequest).where(HelpRequest.reference == "JAN-001"))
        assert jan.erased_at is None and jan.contact_phone
        after = summary(Filters(date(2026, 1, 1), date(2026, 12, 31)), datetime(2026, 12, 1))
    assert after == before
    assert [(r, a, d) for r, a, d in audit(app, "erased")] == [
        (ref, coordinator.account.id, "op vraag van de burger") for ref in MIA]
    # Nothing links the phone number to her any more; the slip's code still shows the anonymous facts.
    assert "Niets gevonden" in text_of(search(coordinator, "phone", PHONE))
    erased = text_of(search(coordinator, "reference", "MIA-001"))
    assert "zijn gewist op" in erased and "Mia" not in erased.split("gevonden", 1)[1]
    counter_page = text_of(coordinator.get("/balie/vraag/MIA-001"))
    assert "De persoonsgegevens van deze vraag zijn gewist op" in counter_page
    assert "Geen telefoon of e-mail" in counter_page and "Mia" not in counter_page


def test_erasing_a_request_with_a_live_referral_warns_the_coordinator(app, coordinator):
    assert "Let op" not in text_of(coordinator.post("/gegevens/wissen", data={"refs": "JAN-001"}))
    from tests.referrals.loop_helpers import refer
    with app.app_context():
        refer(reference="ZZZ-001", contact_phone="0466 55 44 33", contact_consent=True)
        db.session.commit()
    page = text_of(coordinator.post("/gegevens/wissen", data={"refs": "ZZZ-001"}))
    assert "Let op: 1 doorverwijzing(en) lopen nog." in page


@pytest.mark.parametrize("endpoint", ["/gegevens/wissen", "/gegevens/wissen/bevestigd"])
def test_erasing_without_a_search_changes_nothing(app, coordinator, endpoint):
    response = coordinator.post(endpoint, data={"refs": "", "reason": "verzoek", "confirm": "y"})
    assert response.status_code == 302
    assert audit(app, "erased") == []


def test_erasing_again_says_it_was_done(app, coordinator):
    data = {"refs": "JAN-001", "reason": "onterecht", "confirm": "y"}
    coordinator.post("/gegevens/wissen/bevestigd", data=data)
    coordinator.post("/gegevens/wissen/bevestigd", data=data)
    assert "Deze gegevens waren al gewist." in text_of(coordinator.get("/gegevens/"))
    assert len(audit(app, "erased")) == 1
