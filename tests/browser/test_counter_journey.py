"""The counter clerk logs three questions (one with the keyboard only), refers one and prints the slip."""
import re

from playwright.sync_api import Page, expect

from tests.browser.support import focused, tab_to

JOURNEY = "counter-clerk"
REFERENCE = re.compile(r"[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}")


def _saved_reference(page: Page) -> str:
    status = page.get_by_role("status")
    expect(status).to_contain_text("De vraag is opgeslagen met code")
    return REFERENCE.search(status.inner_text()).group(0)


def test_counter_clerk_logs_three_questions_refers_one_and_prints_the_slip(logged_in, axe, shots):
    page = logged_in("balie")
    shots(page, "start")
    axe.check(page, "start page, counter clerk")

    page.get_by_role("link", name="Balie", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Balie")).to_be_visible()
    expect(page.get_by_text("Vandaag is nog geen vraag gelogd.")).to_be_visible()
    shots(page, "counter-empty")
    axe.check(page, "counter dashboard, empty lists")

    # 1. Entirely with the keyboard: the question field has focus when the page opens.
    page.get_by_role("link", name="Nieuwe vraag").first.click()
    expect(page.get_by_role("heading", level=1, name="Nieuwe vraag")).to_be_visible()
    axe.check(page, "intake form")
    assert focused(page) == "textarea#question"
    page.keyboard.type("Mijn itsme werkt niet meer sinds ik een nieuwe gsm heb. Ik kan niet meer aanmelden.")
    page.keyboard.press("Tab")
    assert focused(page) == "input#postcode"
    page.keyboard.type("2800")
    page.keyboard.press("Tab")
    assert focused(page) == "select#language"
    page.keyboard.press("Tab")  # the radio group: one stop, arrows move within it
    assert focused(page) == "input#channel-0"
    page.keyboard.press("ArrowDown")
    assert focused(page) == "input#channel-1"  # Telefoon
    shots(page, "intake-keyboard")
    tab_to(page, "input#submit")
    page.keyboard.press("Enter")
    first = _saved_reference(page)
    expect(page.get_by_role("heading", level=2, name="Indeling")).to_be_visible()
    expect(page.locator("#h-indeling + p")).to_contain_text("Hulpvraag")
    expect(page.get_by_role("heading", level=2, name="Voorgesteld aanbod")).to_be_visible()
    expect(page.locator(".suggestion").first).to_be_visible()
    shots(page, "intake-suggestions")
    axe.check(page, "request page with classification and suggestions")

    # 2. A leervraag: a course is among the suggestions.
    page.goto("/balie/nieuw")
    page.get_by_label("Vraag van de burger").fill("Ik wil leren videobellen met mijn kleinkinderen op mijn tablet.")
    page.get_by_role("button", name="Vraag opslaan en aanbod zoeken").click()
    second = _saved_reference(page)
    expect(page.locator("#h-indeling + p")).to_contain_text("Leervraag")
    expect(page.locator(".suggestions")).to_contain_text("(cursus)")
    shots(page, "leervraag-course")

    # 3. A question solved at the counter.
    page.goto("/balie/nieuw")
    page.get_by_label("Vraag van de burger").fill("Mijn laptop is heel traag en de printer doet niets meer.")
    page.get_by_label("Postcode").fill("2812")
    page.get_by_role("button", name="Vraag opslaan en aanbod zoeken").click()
    third = _saved_reference(page)
    page.get_by_text("Ter plaatse geholpen", exact=True).click()
    page.get_by_label("Geholpen: de taak is gedaan").check()
    shots(page, "solved-form")
    axe.check(page, "request page, 'solved at the counter' opened")
    page.get_by_role("button", name="Afsluiten: ter plaatse geholpen").click()
    expect(page.get_by_role("heading", level=2, name="Afgesloten")).to_be_visible()
    assert len({first, second, third}) == 3

    # Refer the first question to the first suggestion, then the slip.
    page.goto(f"/balie/vraag/{first}")
    suggestion = page.locator(".suggestion").first
    name = suggestion.get_by_role("heading", level=3).inner_text().split(" (")[0]
    suggestion.get_by_role("button", name=f"Doorverwijzen naar {name}").click()
    expect(page.get_by_role("heading", level=1, name="Uw vraag is doorgegeven")).to_be_visible()
    expect(page.locator(".slip-code").first).to_contain_text(first)
    expect(page.locator("body")).to_contain_text(name.split()[0])  # "An helpt u verder" or the place
    shots(page, "slip")
    axe.check(page, "citizen's slip")

    # Printing: the button opens the print dialog; printed, the slip keeps its code and loses the tools.
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Afdrukken").click()
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator(".slip-tools")).to_be_hidden()
    expect(page.locator(".slip-code").first).to_contain_text(first)
    shots(page, "slip-print")
    pdf = page.pdf(path=str(shots.folder / "slip.pdf"), prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")

    # Back at the counter: all three are today's, the referred one shows its referral.
    page.get_by_role("link", name="Terug naar de vraag").click()
    expect(page.get_by_text(f"Doorverwezen naar {name}.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Lopende doorverwijzing")).to_be_visible()
    axe.check(page, "request page with a live referral")
    page.get_by_role("link", name="Terug naar de balie").click()
    today = page.get_by_role("region", name=re.compile("^Vragen van vandaag"))
    for reference in (first, second, third):
        expect(today.get_by_role("link", name=reference)).to_be_visible()
    shots(page, "counter-today")
    axe.check(page, "counter dashboard with today's questions")

    # Searching by the code on the slip finds the question again.
    page.get_by_label("Zoek op referentiecode").fill(first.replace("-", "").lower())
    page.get_by_label("Zoek op referentiecode").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(first)
