"""The offline alternative: the counter sees who has no phone or e-mail, and how to reach them."""
import re

from tests.conftest import text_of
from tests.intake.test_counter_pages import log, make_follow_up_due
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.referrals.models import Referral


def _row(page: str, reference: str) -> str:
    return text_of_html(re.search(rf"<tr>\s*<td><a [^>]*><strong>{reference}</strong>.*?</tr>", page, re.S)[0])


def text_of_html(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_the_lists_mark_who_has_no_phone_or_email(app, counter):
    offline = log(counter, question="pc start niet")
    phone = log(counter, question="gsm", contact_phone="0470 12 34 56", contact_consent="y")
    neighbour = log(counter, question="laptop", contact_reach_by="via de buurvrouw", contact_consent="y")
    page = counter.get("/balie/lijst/vandaag").get_data(as_text=True)
    assert "Geen telefoon of e-mail Alleen via het briefje" in _row(page, offline)
    assert "Wacht op doorverwijzing Telefoon " in _row(page, phone)
    assert "Geen telefoon · Anders: via de buurvrouw" in _row(page, neighbour)


def test_the_request_page_says_how_to_reach_the_citizen(app, counter):
    offline = log(counter)
    page = text_of(counter.get(f"/balie/vraag/{offline}"))
    assert "Geen telefoon of e-mail. De burger heeft het briefje met de code en komt terug" in page
    reachable = log(counter, contact_email="an@example.be", contact_reach_by="komt zelf terug",
                    contact_consent="y")
    page = text_of(counter.get(f"/balie/vraag/{reachable}"))
    assert "Geen telefoon" in page and "Mail an@example.be" in page and "Anders bereikbaar: komt zelf terug" in page


def test_another_way_to_reach_is_personal_data_and_needs_consent(app, counter):
    response = counter.post("/balie/nieuw", data={"question": "pc", "language": "nl", "channel": "balie",
                                                  "contact_reach_by": "via de buurvrouw"})
    assert response.status_code == 400
    assert "Vraag de burger of we de contactgegevens mogen bewaren" in text_of(response)
    with app.app_context():
        assert db.session.query(HelpRequest).count() == 0


def test_a_follow_up_shows_the_number_to_call_then_closes(app, counter):
    reference = log(counter, contact_phone="0470 12 34 56", contact_consent="y")
    counter.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": "organisation:org-bib"})
    referral_id, version = make_follow_up_due(app)
    for url in ("/balie/", "/balie/lijst/opvolgen"):
        page = counter.get(url).get_data(as_text=True)
        assert 'href="tel:0470123456"' in page and "Bel 0470 12 34 56" in page
    counter.post(f"/balie/doorverwijzing/{referral_id}/close",
                 data={"version": str(version), "outcome": "geholpen", "note": "telefonisch nagevraagd"})
    with app.app_context():
        assert db.session.get(Referral, referral_id).outcome == "geholpen"
