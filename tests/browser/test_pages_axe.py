"""axe-core on the pages and states the journeys do not reach: errors, empty lists, confirmations, admin."""
import re

from playwright.sync_api import Page, expect

from tests.browser.data import email_tokens, log_question, make_account
from tests.browser.support import login


def _visit(page: Page, axe, problems: list[str], path: str, state: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, f"{path}: {response.status}"
    axe.check(page, state, problems)


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def test_login_and_error_pages(new_page, demo, axe, shots):
    page, problems = new_page(), []
    _visit(page, axe, problems, "/login", "login")
    _submit(page, "Aanmelden")
    expect(page.get_by_role("alert")).to_contain_text("Vul je e-mailadres in.")
    axe.check(page, "login, empty fields", problems)
    page.get_by_label("E-mailadres").fill(demo["balie"].email)
    page.get_by_label("Wachtwoord").fill("not-the-password")
    _submit(page, "Aanmelden")
    expect(page.get_by_role("alert")).to_be_visible()
    shots(page, "login-wrong-password")
    axe.check(page, "login, wrong password", problems)
    _visit(page, axe, problems, "/e/not-a-token", "e-mail link, refused (not logged in)")

    login(page, demo["balie"].email, demo["balie"].password)
    _visit(page, axe, problems, "/bestaat-niet", "404 page", status=404)
    _visit(page, axe, problems, "/rapporten/", "403 page", status=403)
    _visit(page, axe, problems, "/logout", "405 page", status=405)
    shots(page, "error-page")
    assert not problems, "\n".join(problems)


def test_counter_states(logged_in, live_server, axe):
    page, problems = logged_in("balie"), []
    for name in ("wachtend", "vandaag", "mijn", "opvolgen"):
        _visit(page, axe, problems, f"/balie/lijst/{name}", f"counter list '{name}', empty")
    page.goto("/balie/")
    page.get_by_label("Zoek op referentiecode").fill("ZZZ-ZZZ")
    _submit(page, "Zoeken")
    expect(page.get_by_role("status")).to_contain_text("Geen vraag gevonden")
    axe.check(page, "counter dashboard, search found nothing", problems)

    _visit(page, axe, problems, "/balie/nieuw", "intake form")
    _submit(page, "Vraag opslaan en aanbod zoeken")
    expect(page.get_by_role("alert")).to_contain_text("Vul de vraag van de burger in.")
    axe.check(page, "intake, empty question", problems)
    page.get_by_label("Vraag van de burger").fill("Hoe betaal ik online met mijn bankapp?")
    page.get_by_label("Postcode").fill("28")
    page.get_by_text("Contactgegevens (alleen als", exact=False).click()
    page.get_by_role("textbox", name="Telefoon").fill("0470 00 00 00")
    _submit(page, "Vraag opslaan en aanbod zoeken")
    expect(page.get_by_role("alert")).to_contain_text("Postcode")
    axe.check(page, "intake, bad postcode and contact without consent", problems)

    pooled = log_question(live_server.app, "Mijn pc start niet meer op.", pool=True)
    _visit(page, axe, problems, f"/balie/vraag/{pooled['reference']}", "request page, in the pool")
    page.get_by_role("button", name="Geen passend aanbod noteren").click()
    expect(page.get_by_role("status")).to_be_visible()
    axe.check(page, "request page, no fitting offer", problems)
    _visit(page, axe, problems, "/balie/lijst/wachtend", "counter list 'wachtend' with a question")

    _visit(page, axe, problems, "/catalogus/", "catalogue list (counter clerk, read only)")
    page.get_by_role("link", name="Digipunt Stadhuis").click()
    expect(page.get_by_role("heading", level=1, name="Digipunt Stadhuis")).to_be_visible()
    axe.check(page, "catalogue detail (counter clerk)", problems)
    assert not problems, "\n".join(problems)


def test_digihelper_empty_lists_and_email_links(logged_in, live_server, new_page, axe, shots):
    page, problems = logged_in("digihelper"), []
    _visit(page, axe, problems, "/dossiers/", "my cases, all empty")
    shots(page, "cases-empty")
    _visit(page, axe, problems, "/dossiers/pool", "open pool, empty")
    _visit(page, axe, problems, "/dossiers/afgesloten", "finished cases, empty")

    referral = log_question(live_server.app, "Mijn itsme werkt niet meer.", refer_to="dh-an", postcode="2800")
    tokens = email_tokens(live_server.app, referral["referral_id"])
    _visit(page, axe, problems, f"/e/{tokens['accept']}", "e-mail link: accept, confirmation")
    _visit(page, axe, problems, f"/e/{tokens['decline']}", "e-mail link: decline, confirmation")
    _submit(page, "Nee, ik kan niet")
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "e-mail link: decline without a reason", problems)
    page.get_by_label("Waarom kan je niet?").select_option(label="Geen tijd")
    _submit(page, "Nee, ik kan niet")
    expect(page.get_by_role("heading", level=1, name="Bedankt voor je antwoord")).to_be_visible()
    axe.check(page, "e-mail link: declined, thanks", problems)
    _visit(page, axe, problems, f"/e/{tokens['accept']}", "e-mail link: used up")

    unlinked = make_account(live_server.app, "digihelper", "nieuw@dijlegem.example")
    other = new_page()
    login(other, unlinked.email, unlinked.password)
    _visit(other, axe, problems, "/dossiers/", "my cases, account not linked")
    assert not problems, "\n".join(problems)


def test_coordinator_forms_confirmations_and_empty_reports(logged_in, axe, shots):
    page, problems = logged_in("coordinator"), []
    for slug in ("digihelper", "cursus", "organisatie"):
        _visit(page, axe, problems, f"/catalogus/{slug}/nieuw", f"new {slug} form")
    _submit(page, "Opslaan")
    expect(page.get_by_role("alert")).to_be_visible()
    shots(page, "new-organisation-errors")
    axe.check(page, "new organisation, empty form submitted", problems)

    page.goto("/catalogus/?q=bestaat-niet")
    expect(page.get_by_text("Niets gevonden met deze filters.")).to_be_visible()
    axe.check(page, "catalogue list, nothing found", problems)
    _visit(page, axe, problems, "/catalogus/digihelper/dh-jef/actief", "deactivate confirmation")
    _submit(page, "Ja, niet meer actief maken")
    expect(page.get_by_role("alert")).to_contain_text("Vink aan dat je zeker bent.")
    shots(page, "deactivate-error")
    axe.check(page, "deactivate confirmation, not ticked", problems)
    page.get_by_label("Ik ben zeker").check()
    _submit(page, "Ja, niet meer actief maken")
    expect(page.get_by_text("Dit aanbod is niet actief.")).to_be_visible()
    axe.check(page, "catalogue detail, inactive entry", problems)

    _visit(page, axe, problems, "/catalogus/importeren", "import page")
    _submit(page, "Inlezen")
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "import without a file", problems)

    _visit(page, axe, problems, "/rapporten/", "reports, empty period")
    expect(page.get_by_text("Nog geen vragen in deze periode.")).to_be_visible()
    shots(page, "reports-empty", full_page=False)
    _visit(page, axe, problems, "/rapporten/?periode=aangepast&van=2026-02-30&tot=2020-01-01",
           "reports, bad dates", status=400)
    expect(page.get_by_role("alert")).to_be_visible()
    _visit(page, axe, problems, "/rapporten/maand", "monthly report, empty")
    _visit(page, axe, problems, "/rapporten/maand?maand=1999-13", "monthly report, bad month", status=400)
    assert not problems, "\n".join(problems)


def test_admin_pages(logged_in, axe, shots):
    page, problems = logged_in("admin"), []
    _visit(page, axe, problems, "/", "start page, admin")
    _visit(page, axe, problems, "/beheer/accounts", "accounts list")
    shots(page, "accounts")
    _visit(page, axe, problems, "/beheer/accounts?q=niemand", "accounts list, nothing found")
    _visit(page, axe, problems, "/beheer/accounts/nieuw", "new account form")
    page.get_by_label("Wachtwoord (minstens 10 tekens").fill("kort")
    _submit(page, "Account maken")
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "new account, errors", problems)
    page.goto("/beheer/accounts")
    page.get_by_role("link", name="Bart Balie").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Account van Bart Balie"))).to_be_visible()
    axe.check(page, "edit account", problems)
    page.get_by_label("Waarvoor dient het token?").fill("koppeling BI")
    _submit(page, "API-token maken")
    expect(page.get_by_role("heading", level=1, name=re.compile("Nieuw API-token"))).to_be_visible()
    axe.check(page, "new API token, shown once", problems)
    page.get_by_role("link", name="Terug naar het account").click()
    page.get_by_role("link", name="Overal afmelden").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("overal afmelden\\?$"))).to_be_visible()
    axe.check(page, "log out everywhere, confirmation", problems)
    page.get_by_role("link", name="Annuleren").click()
    page.get_by_role("link", name="Account uitschakelen").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("uitschakelen\\?$"))).to_be_visible()
    axe.check(page, "switch account off, confirmation", problems)
    _submit(page, "Ja, uitschakelen")
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "switch account off, not ticked", problems)
    _visit(page, axe, problems, "/account/wachtwoord", "change own password")
    _submit(page, "Wachtwoord wijzigen")
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "change own password, errors", problems)
    assert not problems, "\n".join(problems)


def test_axe_runs_under_the_apps_csp_and_finds_violations(new_page, live_server, axe):
    """A check that passes only because axe never ran would be worthless: break a page on purpose."""
    page = new_page()
    response = page.goto("/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.evaluate("""() => {
      const main = document.querySelector('main');
      main.insertAdjacentHTML('beforeend', '<img src="/static/none.png"><input type="text"><p>te licht</p>');
      main.lastElementChild.style.color = '#bbb';  // CSSOM, which the CSP allows (a style attribute it blocks)
    }""")
    problems = []
    axe.check(page, "login page, broken on purpose", problems)
    axe.checked.pop()  # not one of the app's pages
    assert problems and all(rule in problems[0] for rule in ("image-alt", "label", "color-contrast")), problems
