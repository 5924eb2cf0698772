"""A digihelper on a phone (390x844): picks up a case from the pool, closes it, declines another."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.data import log_question
from tests.browser.support import scroll_width

JOURNEY = "digihelper-phone"


def test_digihelper_on_a_phone_picks_up_closes_and_declines(logged_in, live_server, axe, shots):
    pooled = log_question(live_server.app, "Mijn itsme werkt niet meer sinds ik een nieuwe gsm heb.",
                          pool=True, postcode="2800", contact_name="Maria Janssens", contact_phone="0470 12 34 56",
                          contact_consent=True)
    proposed = log_question(live_server.app, "Ik krijg mijn belastingbrief niet open in Mijn Burgerprofiel.",
                            refer_to="dh-an", postcode="2801")
    page = logged_in("digihelper", **PHONE)
    expect(page.get_by_text("1 nieuw, 0 lopend")).to_be_visible()
    shots(page, "start")
    axe.check(page, "start page, digihelper (phone)")

    # The pool: the pooled question, without the citizen's contact details yet.
    page.get_by_role("link", name="Open vragen").first.click()
    expect(page.get_by_role("heading", level=1, name="Open vragen")).to_be_visible()
    card = page.locator(".case-card", has_text=pooled["reference"])
    expect(card).to_contain_text("itsme")
    expect(card).not_to_contain_text("0470")
    assert scroll_width(page) <= 390
    shots(page, "pool")
    axe.check(page, "open pool with a question (phone)")

    card.get_by_role("button", name=re.compile("Ik neem deze vraag op")).click()
    expect(page.get_by_role("heading", level=1, name=f"Dossier {pooled['reference']}")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"Je hebt vraag {pooled['reference']} opgenomen")
    expect(page.locator(".status-line")).to_contain_text("Aanvaard")
    expect(page.get_by_role("link", name="Bel 0470 12 34 56")).to_have_attribute("href", "tel:0470123456")
    shots(page, "picked-up")
    axe.check(page, "case page, accepted, with contact details (phone)")

    page.get_by_role("button", name="Ik ben begonnen").click()
    expect(page.locator(".status-line")).to_contain_text("Bezig")

    # Closing without an outcome: the error is announced and tied to the field.
    page.get_by_text("Afsluiten met een uitkomst", exact=True).click()
    page.get_by_role("button", name="Afsluiten", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Er is iets niet in orde")
    outcome = page.get_by_label("Hoe is het afgelopen?")
    expect(outcome).to_have_attribute("aria-invalid", "true")
    shots(page, "close-error")
    axe.check(page, "case page, close form with an error (phone)")

    outcome.select_option(label="Zelfstandig: de burger kan het nu alleen")
    page.get_by_label("Korte notitie").fill("Samen itsme opnieuw geactiveerd op de nieuwe gsm.")
    page.get_by_role("button", name="Afsluiten", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Mijn dossiers")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Het dossier is afgesloten. Bedankt!")
    finished = page.get_by_role("region", name=re.compile("^Afgesloten"))
    expect(finished.locator(".case-card", has_text=pooled["reference"])).to_contain_text("Afgesloten")
    shots(page, "closed")
    axe.check(page, "my cases with a new and a closed case (phone)")

    # Declining the proposed question, with a reason.
    new = page.get_by_role("region", name=re.compile("^Nieuw voor jou"))
    new.get_by_role("link", name=proposed["reference"]).click()
    expect(page.get_by_text("De balie stelt voor dat jij deze vraag opneemt.")).to_be_visible()
    shots(page, "proposed")
    axe.check(page, "case page, proposed (phone)")
    page.get_by_text("Weigeren: de vraag gaat terug naar de balie", exact=True).click()
    page.get_by_label("Reden").select_option(label="Buiten mijn gebied")
    page.get_by_label("Toelichting").fill("Ik help alleen in Dijlegem-centrum.")
    shots(page, "decline-form")
    axe.check(page, "case page, decline form open (phone)")
    page.get_by_role("button", name="Weigeren", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Je hebt de vraag geweigerd. Ze gaat terug naar de balie.")
    expect(page.get_by_role("region", name=re.compile("^Nieuw voor jou"))).to_contain_text("Geen nieuwe vragen")
    expect(finished.locator(".case-card", has_text=proposed["reference"])).to_contain_text("Geweigerd")
    shots(page, "declined")

    # The pool is empty now, and says so.
    page.get_by_role("link", name="Open vragen").first.click()
    expect(page.get_by_text("Er staan nu geen open vragen voor jou klaar.")).to_be_visible()
    shots(page, "pool-empty")
    axe.check(page, "open pool, empty (phone)")
