"""The coordinator imports a catalogue file, edits an entry, reads the reports and downloads a CSV."""
import csv
import io
import json
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.data import log_question

JOURNEY = "coordinator"


def _catalogue_file(folder) -> str:
    start = (date.today() + timedelta(days=30)).isoformat()
    document = {
        "version": 1,
        "organisations": [{"id": "org-buurthuis", "name": "Buurthuis De Linde", "type": "vzw",
                           "address": "Lindestraat 5, 2800 Dijlegem", "themes": ["communicatie", "smartphone-tablet"],
                           "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"]}],
        "digihelpers": [{"id": "dh-nora", "name": "Nora Vos", "organisation": "org-buurthuis",
                         "themes": ["smartphone-tablet"], "kinds": ["hulpvraag"], "languages": ["nl", "en"],
                         "max_open_cases": 3}],
        "courses": [{"id": "cursus-whatsapp", "title": "WhatsApp voor beginners", "organisation": "org-buurthuis",
                     "themes": ["communicatie"], "kinds": ["leervraag"], "languages": ["nl"], "capacity": 8,
                     "sessions": [{"start": f"{start}T14:00:00", "end": f"{start}T16:00:00"}]}],
    }
    path = folder / "buurthuis.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_coordinator_imports_edits_reads_reports_and_downloads_csv(logged_in, live_server, axe, shots, tmp_path):
    log_question(live_server.app, "Mijn itsme werkt niet meer op mijn nieuwe gsm.", refer_to="dh-an", postcode="2800")
    log_question(live_server.app, "Ik wil leren videobellen met mijn kleinkinderen.")
    log_question(live_server.app, "Mijn laptop start niet meer op.", pool=True)
    page = logged_in("coordinator")
    shots(page, "start")
    axe.check(page, "start page, coordinator")

    # Import: a file with an error first (nothing changes), then a good one.
    page.get_by_role("link", name="Aanbod inlezen of downloaden").click()
    expect(page.get_by_role("heading", level=1, name="Aanbod inlezen of downloaden")).to_be_visible()
    axe.check(page, "catalogue import page")
    bad = tmp_path / "fout.json"
    bad.write_text(json.dumps({"version": 1, "digihelpers": [
        {"id": "dh-x", "name": "X", "themes": ["itsm"], "kinds": ["hulpvraag"], "languages": ["nl"]}]}))
    page.get_by_label("Catalogusbestand (JSON)").set_input_files(str(bad))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand is niet ingelezen")
    expect(page.get_by_role("alert")).to_contain_text("itsm")
    shots(page, "import-errors")
    axe.check(page, "catalogue import with a bad file")

    page.get_by_label("Catalogusbestand (JSON)").set_input_files(_catalogue_file(tmp_path))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("status")).to_contain_text("Het bestand is ingelezen")
    shots(page, "import-done")
    axe.check(page, "catalogue import done")

    # Find the imported digihelper and edit her.
    page.get_by_role("link", name="Terug naar het aanbod").click()
    page.get_by_label("Zoek op naam").fill("Nora")
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"q=Nora"))
    shots(page, "catalogue-search")
    axe.check(page, "catalogue list, filtered")
    page.get_by_role("link", name="Nora Vos").click()
    expect(page.get_by_role("heading", level=1, name="Nora Vos")).to_be_visible()
    axe.check(page, "catalogue entry detail")
    page.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_role("heading", level=1, name="Nora Vos bewerken")).to_be_visible()
    axe.check(page, "catalogue entry edit form")
    page.get_by_label("Telefoon").fill("0470 11 22 33")
    page.get_by_label("Maximum aantal open dossiers").fill("4")
    shots(page, "edit")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1, name="Nora Vos")).to_be_visible()
    details = page.locator("dl.details")
    expect(details).to_contain_text("0470 11 22 33")
    expect(details.locator("dt:has-text('Maximum open dossiers') + dd")).to_have_text("4")
    shots(page, "edited")

    # The reports: this month's questions, then one table as CSV.
    page.get_by_role("link", name="Rapporten").first.click()
    expect(page.get_by_role("heading", level=1, name="Rapporten")).to_be_visible()
    expect(page.locator(".report-period")).to_contain_text("Periode")
    shots(page, "reports", full_page=False)
    axe.check(page, "reports dashboard with data")
    link = page.get_by_role("link", name=re.compile("^Download ‘Vragen per thema’ als CSV"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert re.fullmatch(r"rapport-.+\.csv", download.suggested_filename)
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text.splitlines()[0] else ","))
    assert rows[0][0] == "Thema"
    themes = {row[0]: row for row in rows[1:]}
    assert "Aanmelden en digitale sleutels" in themes, rows
    download.save_as(shots.folder / download.suggested_filename)

    page.get_by_role("link", name="Maandrapport").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Maandrapport"))).to_be_visible()
    shots(page, "month-report", full_page=False)
    axe.check(page, "monthly report")
