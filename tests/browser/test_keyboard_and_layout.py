"""Keyboard use, visible focus, errors tied to fields, narrow screens, 200% zoom, touch targets, colour."""
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.data import log_question
from tests.browser.support import focused, scroll_width, small_targets, tab_to

# Every element that Tab stops at: what it is, and whether its focus style shows.
FOCUS_STATE_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const label = el.id ? `#${el.id}` : (el.textContent || el.value || el.name || '').trim().slice(0, 40);
  const index = [...document.querySelectorAll('*')].indexOf(el);  // two links may share text and address
  return {key: `${index} ${el.tagName.toLowerCase()} ${label}`, visible: outline || shadow, tag: el.tagName};
}"""
TABBABLE_JS = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
  .filter(el => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                && !(el.type === 'radio' && !el.checked && document.querySelector(`input[name="${el.name}"]:checked`)))
  .length"""


def _from_the_top(page: Page) -> None:
    """Start keyboard navigation at the top of the page, as after loading a page without autofocus."""
    page.evaluate("""() => { const body = document.body; body.tabIndex = -1; body.focus();
                             body.removeAttribute('tabindex'); window.scrollTo(0, 0); }""")


def _tab_through(page: Page, limit: int = 150) -> list[dict]:
    """Press Tab from the top of the page until focus leaves it; each stop with its focus style."""
    _from_the_top(page)
    stops, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE_JS)
        if stops and state["key"] == stops[-1]["key"]:
            continue  # the day, month and year of a date field are stops within one element
        if state["tag"] == "BODY" or state["key"] in seen:
            break
        seen.add(state["key"])
        stops.append(state)
    return stops


def test_skip_link_is_first_and_moves_focus_to_main(logged_in):
    page = logged_in("balie")
    for path in ("/", "/balie/", "/balie/nieuw", "/catalogus/"):
        page.goto(path)
        _from_the_top(page)
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        expect(skip).to_have_text("Ga naar de inhoud")
        box = skip.bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0, f"skip link not on screen when focused on {path}: {box}"
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main", path
        page.keyboard.press("Tab")  # the next stop is inside main, not back in the header
        assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)"), path


@pytest.mark.parametrize("role, paths", [
    ("balie", ["/balie/", "/balie/nieuw", "/catalogus/"]),
    ("digihelper", ["/dossiers/", "/dossiers/pool"]),
    ("coordinator", ["/catalogus/digihelper/nieuw", "/rapporten/maand"]),
])
def test_every_control_is_reached_by_tab_and_shows_focus(logged_in, live_server, role, paths):
    log_question(live_server.app, "Mijn itsme werkt niet meer.", pool=True, postcode="2800")
    page = logged_in(role)
    for path in paths:
        page.goto(path)
        # Open every disclosure, so the controls inside count too.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        stops = _tab_through(page)
        hidden = [stop["key"] for stop in stops if not stop["visible"]]
        assert not hidden, f"{path}: focus not visible on {hidden}"
        assert len(stops) >= page.evaluate(TABBABLE_JS), f"{path}: Tab skipped controls ({len(stops)} stops)"


def test_digihelper_works_a_case_with_the_keyboard_only(logged_in, live_server):
    pooled = log_question(live_server.app, "Mijn itsme werkt niet meer.", pool=True, postcode="2800")
    page = logged_in("digihelper")
    page.goto("/dossiers/pool")
    _from_the_top(page)
    reference = pooled["reference"]
    tab_to(page, f'button "Ik neem deze vraag op ({reference})"')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=f"Dossier {reference}")).to_be_visible()
    tab_to(page, 'button "Ik ben begonnen"')
    page.keyboard.press("Enter")
    expect(page.locator(".status-line")).to_contain_text("Bezig")
    tab_to(page, 'summary "Afsluiten met een uitkomst"')
    page.keyboard.press("Enter")  # opens the form
    page.keyboard.press("Tab")
    assert focused(page) == "select#afsluiten-outcome"
    page.keyboard.press("ArrowDown")  # the first outcome: Geholpen
    page.keyboard.press("Tab")
    page.keyboard.type("Samen opgelost.")
    tab_to(page, 'button "Afsluiten"')
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Het dossier is afgesloten.")


def test_form_errors_are_announced_and_tied_to_their_fields(logged_in):
    # A group of checkboxes: the error is read with the group, and the summary's link lands on it.
    page = logged_in("coordinator")
    page.goto("/catalogus/organisatie/nieuw")
    page.get_by_role("button", name="Opslaan").click()
    group = page.get_by_role("group", name="Thema's")
    expect(group).to_have_attribute("aria-describedby", "themes-error")
    expect(page.locator("#themes-error")).to_contain_text("Kies minstens één thema.")
    page.get_by_role("alert").get_by_role("link", name=re.compile("^Thema's")).click()
    expect(group).to_be_focused()

    page = logged_in("balie")
    page.goto("/balie/nieuw")
    page.get_by_label("Postcode").fill("12")
    page.get_by_role("button", name="Vraag opslaan en aanbod zoeken").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()  # focus moves to the summary, so a screen reader reads it out
    for field_id, message in [("question", "Vul de vraag van de burger in."), ("postcode", "4 cijfers")]:
        field = page.locator(f"#{field_id}")
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby").split()
        assert f"{field_id}-error" in described
        expect(page.locator(f"#{field_id}-error")).to_contain_text(message)
        # The summary links to the field, and following the link puts the cursor in it.
        summary.locator(f"a[href='#{field_id}']").click()
        expect(field).to_be_focused()


def test_no_horizontal_scrolling_at_320_px_and_at_200_percent_zoom(logged_in, live_server, new_page, shots):
    pooled = log_question(live_server.app, "Mijn itsme werkt niet meer sinds ik een nieuwe gsm heb, wat nu? "
                          "https://www.voorbeeld-van-een-heel-lange-link.example/zonder/spaties/erin",
                          pool=True, postcode="2800", contact_email="een.heel.lang.adres@voorbeeld.example",
                          contact_consent=True)
    # 320 CSS px: WCAG 1.4.10 (reflow). 640 CSS px at scale 2 is what a 1280 px wide window shows at 200% zoom.
    for viewport, scale in [({"width": 320, "height": 640}, 1), ({"width": 640, "height": 480}, 2)]:
        width = viewport["width"]
        counter = logged_in("balie", viewport=viewport, device_scale_factor=scale)
        pages = ["/balie/", "/balie/nieuw", f"/balie/vraag/{pooled['reference']}", "/catalogus/"]
        helper = logged_in("digihelper", viewport=viewport, device_scale_factor=scale)
        for page, path in [*((counter, p) for p in pages), (helper, "/dossiers/"), (helper, "/dossiers/pool")]:
            page.goto(path)
            assert scroll_width(page) <= width, f"{path} scrolls sideways at {width} px: {scroll_width(page)}"
            if path in ("/balie/nieuw", "/dossiers/pool"):
                shots(page, f"{path.strip('/').replace('/', '-')}-{width}")
        login_page = new_page(viewport=viewport, device_scale_factor=scale)
        login_page.goto("/login")
        assert scroll_width(login_page) <= width
        # The case page, with the picked-up question's long contact e-mail.
        helper.goto("/dossiers/pool")
        pick_up = helper.get_by_role("button", name=re.compile("Ik neem deze vraag op"))
        if pick_up.count():  # the first pass picks it up, the second finds it among the cases
            pick_up.click()
        else:
            helper.goto("/dossiers/")
            helper.get_by_role("link", name=pooled["reference"]).click()
        expect(helper.get_by_role("heading", level=1, name=f"Dossier {pooled['reference']}")).to_be_visible()
        helper.wait_for_load_state()
        assert scroll_width(helper) <= width, f"case page scrolls sideways at {width} px"


def test_touch_targets_are_at_least_44_px_on_a_360_px_phone(logged_in, live_server, shots):
    log_question(live_server.app, "Mijn itsme werkt niet meer.", pool=True, postcode="2800",
                 contact_phone="0470 12 34 56", contact_consent=True)
    log_question(live_server.app, "Ik krijg de belastingbrief niet open.", refer_to="dh-an", postcode="2800")
    phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
             "device_scale_factor": 2}
    helper = logged_in("digihelper", **phone)
    helper.goto("/dossiers/pool")
    checked = [("/dossiers/pool", small_targets(helper))]
    shots(helper, "pool-360")
    helper.get_by_role("button", name=re.compile("Ik neem deze vraag op")).click()
    expect(helper.get_by_role("heading", level=1, name=re.compile("^Dossier "))).to_be_visible()
    helper.wait_for_load_state()
    helper.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    checked.append(("case page", small_targets(helper)))
    shots(helper, "case-360")
    for path in ("/", "/dossiers/", "/dossiers/afgesloten"):
        helper.goto(path)
        checked.append((path, small_targets(helper)))
    counter = logged_in("balie", **phone)
    counter.goto("/balie/nieuw")
    counter.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    checked.append(("/balie/nieuw", small_targets(counter)))
    shots(counter, "intake-360")
    problems = [f"{where}: {small}" for where, small in checked if small]
    assert not problems, "\n".join(problems)


def test_no_information_by_colour_alone(logged_in, live_server):
    log_question(live_server.app, "Mijn itsme werkt niet meer.", refer_to="dh-an", postcode="2800")
    page = logged_in("digihelper")
    page.goto("/dossiers/")
    tags = page.locator(".status-tag")
    assert tags.count() >= 1
    for text in tags.all_inner_texts():
        assert text.strip(), "a status shown only as a colour"
    # Links in running text are underlined; other links look like buttons, pills or menu items.
    for path in ("/dossiers/", "/dossiers/pool", "/"):
        page.goto(path)
        plain = page.evaluate("""() => [...document.querySelectorAll('main a[href]')].filter(a => {
            const style = getComputedStyle(a);
            const underlined = style.textDecorationLine.includes('underline');
            const boxed = parseFloat(style.borderBottomWidth) > 0 || style.backgroundColor !== 'rgba(0, 0, 0, 0)';
            return !underlined && !boxed;
          }).map(a => a.textContent.trim())""")
        assert not plain, f"{path}: links told apart by colour only: {plain}"
    # An error is said in words ("Fout:"), not only by the red border.
    page.goto("/dossiers/")
    page.locator(".case-title a").first.click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Dossier "))).to_be_visible()
    page.get_by_text("Weigeren: de vraag gaat terug naar de balie", exact=True).click()
    page.get_by_role("button", name="Weigeren", exact=True).click()
    expect(page.locator(".error-message").first).to_contain_text("Fout:")
