"""The coordinator's report pages: who gets in, filters and bad input, charts, CSV, small counts, the monthly report."""
import re
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import login, text_of
from tests.reports import page_sample
from triage.reports.sections import TABLES

MARCH = {"periode": "aangepast", "van": "2026-03-01", "tot": "2026-03-31"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def world(app):
    page_sample.build(app)
    return app


def _get(client, path, **args):
    return client.get(path, query_string=args)


def _svgs(html: str) -> list[ET.Element]:
    found = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    return [ET.fromstring(match) for match in found]  # noqa: S314 - our own page


# --- who gets in ---

@pytest.mark.parametrize("role", ["balie", "digihelper"])
@pytest.mark.parametrize("path", ["/rapporten/", "/rapporten/maand", "/rapporten/csv/thema"])
def test_counter_staff_and_digihelpers_are_refused(client, login_as, role, path):
    login_as(role)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/rapporten/", "/rapporten/maand", "/rapporten/csv/thema"])
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_menu_and_start_page_link_to_reports_for_coordinators_only(client, make_user):
    for role, shown in (("coordinator", True), ("admin", True), ("balie", False)):
        account = make_user(role)
        login(client, account)
        page = client.get("/").get_data(as_text=True)
        assert ('href="/rapporten/"' in page) is shown, role
        client.post("/logout")


# --- empty database, filters, bad input ---

def test_an_empty_database_shows_a_friendly_empty_state(client, login_as):
    login_as("coordinator")
    response = client.get("/rapporten/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Nog geen vragen in deze periode" in text and "Er ging iets mis" not in text
    assert "Aanbod" in text


def test_an_empty_month_report_is_fine_too(client, login_as):
    login_as("admin")
    response = client.get("/rapporten/maand")
    assert response.status_code == 200
    assert "Nog geen vragen in deze periode" in text_of(response)


@pytest.mark.parametrize("args, message", [
    ({"periode": "aangepast", "van": "2026-02-30", "tot": "2026-03-01"}, "geen geldige datum"),
    ({"periode": "aangepast", "van": "", "tot": "2026-03-01"}, "Vul de datum 'van' in"),
    ({"periode": "aangepast", "van": "2026-03-10", "tot": "2026-03-01"}, "vóór de datum 'van'"),
    ({"periode": "aangepast", "van": "2020-01-01", "tot": "2026-03-01"}, "hoogstens 3 jaar"),
    ({"periode": "altijd"}, "Kies een periode uit de lijst"),
    ({"postcode": "28OO"}, "Vul 4 cijfers in"),
    ({"thema": "astrologie"}, "Kies een waarde uit de lijst"),
    ({"van": "x" * 500}, "geen geldige datum"),
])
def test_bad_filters_get_a_dutch_message_not_an_error(client, login_as, args, message):
    login_as("coordinator")
    response = _get(client, "/rapporten/", **args)
    assert response.status_code == 400
    text = text_of(response)
    assert message in text and "Er is iets niet in orde" in text
    # The form is still there, with what was typed.
    assert 'name="periode"' in response.get_data(as_text=True)
    csv = _get(client, "/rapporten/csv/thema", **args)
    assert csv.status_code == 400 and message in text_of(csv)


@pytest.mark.parametrize("maand", ["2026-13", "maart", "2999-01", "1999-12"])
def test_a_bad_month_gets_a_dutch_message(client, login_as, maand):
    login_as("coordinator")
    response = _get(client, "/rapporten/maand", maand=maand)
    assert response.status_code == 400
    assert "maand" in text_of(response).lower() and "Er ging iets mis" not in text_of(response)


def test_named_periods_all_work(client, login_as, world):
    login_as("coordinator")
    for key in ("deze-maand", "vorige-maand", "kwartaal", "jaar"):
        assert _get(client, "/rapporten/", periode=key).status_code == 200, key


def test_the_dashboard_shows_the_period_in_sections_in_the_issues_order(client, login_as, world):
    login_as("coordinator")
    response = _get(client, "/rapporten/", **MARCH)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = text_of(response)
    assert "1 maart 2026 tot en met 31 maart 2026" in text
    headings = re.findall(r'<h2 id="h-([a-z-]+)"', html)
    assert headings == ["volumes", "opvolging", "slaagkans", "doorlooptijd", "onvervuld", "diensten",
                        "hulp-naar-leer", "aanbod", "verloop"]
    assert "Nog geen vragen" not in text
    for words in ("Computer gebruiken", "Bankieren en betalen", "Telefoon", "2801", "Geen tijd", "Arabisch",
                  "MyMinfin", "Starten met de pc"):
        assert words in text, words


def test_filters_narrow_the_figures(client, login_as, world):
    login_as("coordinator")
    everything = text_of(_get(client, "/rapporten/csv/kanaal", **MARCH))
    by_phone = _get(client, "/rapporten/csv/kanaal", **MARCH, kanaal="telefoon").get_data(as_text=True)
    assert "Aan de balie" in everything and "Aan de balie" not in by_phone and "Telefoon;2;" in by_phone
    page = _get(client, "/rapporten/", **MARCH, thema="computer", soort="hulpvraag", postcode="2800",
                doeltype="digihelper", organisatie="org-bib")
    assert page.status_code == 200
    assert "Thema: Computer gebruiken" in text_of(page) and "Organisatie: Bibliotheek Dijlegem" in text_of(page)
    # The selected values stay selected, and the CSV links carry the same filters.
    html = page.get_data(as_text=True)
    assert re.search(r'<option value="computer" selected', html)
    assert "/rapporten/csv/thema?" in html and "thema=computer" in html and "van=2026-03-01" in html
    # An is Bibliotheek Dijlegem's digihelper; Bo is not, so his bankieren referrals drop out.
    rates = _get(client, "/rapporten/csv/slaagkans-digihelper", **MARCH, organisatie="org-bib").get_data(as_text=True)
    assert "An Peeters" in rates and "Bo Janssens" not in rates
    nothing = _get(client, "/rapporten/", **MARCH, thema="computer", kanaal="telefoon")
    assert nothing.status_code == 200 and "Nog geen vragen in deze periode" in text_of(nothing)


def test_target_filters_narrow_the_referrals_and_say_so_on_the_request_sections(client, login_as, world):
    login_as("coordinator")
    page = _get(client, "/rapporten/", **MARCH, thema="bankieren", organisatie="org-bib")
    html, text = page.get_data(as_text=True), text_of(page)
    assert page.status_code == 200 and "Nog geen vragen" not in text
    # Bo's two bankieren questions are counted; their referrals (to Bo, not of the library) are not.
    assert "Bankieren en betalen;2;" in _get(client, "/rapporten/csv/thema", **MARCH, thema="bankieren",
                                             organisatie="org-bib").get_data(as_text=True)
    assert "Bo Janssens" not in _get(client, "/rapporten/csv/slaagkans-digihelper", **MARCH, thema="bankieren",
                                     organisatie="org-bib").get_data(as_text=True)
    notes = dict(re.findall(r'<section class="report-section" id="([a-z-]+)".*?'
                            r'(?:<p class="hint report-note section-note">([^<]*)</p>|</section>)', html, flags=re.S))
    for key in ("volumes", "onvervuld", "diensten", "verloop"):
        assert notes[key].startswith("De filter op soort aanbod of organisatie geldt niet voor dit deel"), key
    assert "alleen voor de afgesloten doorverwijzingen" in notes["hulp-naar-leer"]
    assert not notes["opvolging"] and not notes["slaagkans"] and not notes["doorlooptijd"]
    without = _get(client, "/rapporten/", **MARCH, thema="bankieren").get_data(as_text=True)
    assert "section-note" not in without


# --- accessibility of tables and charts ---

def test_tables_have_captions_and_scoped_headers(client, login_as, world):
    login_as("coordinator")
    html = _get(client, "/rapporten/", **MARCH).get_data(as_text=True)
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert len(tables) >= 15
    for table in tables:
        assert "<caption" in table
        assert re.findall(r"<th(?: [^>]*)?>", table) == re.findall(r'<th scope="(?:col|row)"[^>]*>', table)


def test_charts_are_accessible_svg_with_their_numbers_as_text(client, login_as, world):
    login_as("coordinator")
    html = _get(client, "/rapporten/", **MARCH).get_data(as_text=True)
    svgs = _svgs(html)
    assert len(svgs) >= 10
    for svg in svgs:
        chart_id = svg.get("id")
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
        assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
    ids = [svg.get("id") for svg in svgs]
    assert len(ids) == len(set(ids))  # SVG ids are page-wide
    texts = {t.text for svg in svgs for t in svg.iter(f"{SVG}text")}
    # An's 6 of 6; Bo's 2 closed is too few for a rate: the count is still there, in words.
    assert "100% (6 van 6)" in texts
    assert "te weinig afgesloten (2)" in texts


def test_pages_keep_to_the_content_security_policy(client, login_as, world):
    login_as("coordinator")
    for path in ("/rapporten/?periode=aangepast&van=2026-03-01&tot=2026-03-31", "/rapporten/maand?maand=2026-03"):
        html = client.get(path).get_data(as_text=True)
        assert " style=" not in html and "<style" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


# --- small counts per digihelper ---

def test_the_coordinator_sees_every_digihelper(client, login_as, world):
    login_as("coordinator")
    text = text_of(_get(client, "/rapporten/", **MARCH))
    assert "An Peeters" in text and "Bo Janssens" in text
    csv = _get(client, "/rapporten/csv/slaagkans-digihelper", **MARCH).get_data(as_text=True)
    assert "An Peeters;6;6;100,0" in csv and "Bo Janssens;2;1;" in csv


def test_the_admin_does_not_see_digihelpers_with_counts_under_five(client, login_as, world):
    login_as("admin")
    html = _get(client, "/rapporten/", **MARCH).get_data(as_text=True)
    section = html[html.index('id="t-slaagkans-digihelper"'):html.index("<h3>Per cursus</h3>")]
    assert "An Peeters" in section and "Bo Janssens" not in section
    assert "1 digihelper met minder dan 5" in text_of(_get(client, "/rapporten/", **MARCH))
    csv = _get(client, "/rapporten/csv/slaagkans-digihelper", **MARCH).get_data(as_text=True)
    assert "An Peeters" in csv and "Bo Janssens" not in csv
    # Nor Bo's open cases in the catalogue table (0 open: under 5).
    catalogue = _get(client, "/rapporten/csv/aanbod", **MARCH).get_data(as_text=True)
    assert re.search(r"Bo Janssens;Digihelper;[^;]*;<5;", catalogue)
    # Only Bo's referrals came by phone: nothing left to show, and the page says why.
    by_phone = text_of(_get(client, "/rapporten/", **MARCH, kanaal="telefoon"))
    assert ("Slaagkans per digihelper: niets om te tonen. 1 digihelper met minder dan 5 afgesloten of geslaagde "
            "doorverwijzingen niet getoond. Alleen coördinatoren zien die.") in by_phone
    month = client.get("/rapporten/maand?maand=2026-03").get_data(as_text=True)
    table = month[month.index('id="t-slaagkans-digihelper"'):month.index("<h3>Per cursus</h3>")]
    assert "An Peeters" in table and "Bo Janssens" not in table


# --- CSV ---

@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_downloads_as_csv_for_belgian_excel(client, login_as, world, table):
    login_as("coordinator")
    response = _get(client, f"/rapporten/csv/{table}", **MARCH)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="rapport-{table}-2026-03-01-2026-03-31.csv"')
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").split("\r\n")
    assert ";" in lines[0] or table in ("hulp-naar-leer",)
    assert all(line.count(";") == lines[0].count(";") for line in lines[1:] if line and '"' not in line)


def test_csv_content_matches_the_page(client, login_as, world):
    login_as("coordinator")
    themes = _get(client, "/rapporten/csv/thema", **MARCH).get_data(as_text=True).lstrip("\ufeff")
    assert themes.startswith("Thema;Aantal;Aandeel (%)\r\n")
    assert "Computer gebruiken;8;" in themes and "Bankieren en betalen;2;" in themes
    reasons = _get(client, "/rapporten/csv/weigerredenen", **MARCH).get_data(as_text=True)
    assert "Geen tijd;1;100,0" in reasons
    unmet = _get(client, "/rapporten/csv/onvervulde-noden", **MARCH).get_data(as_text=True)
    assert "Veilig online;Arabisch;2800;Komt aan huis;1" in unmet
    # 9 referrals past the follow-up time (the decline does not count), 8 with an outcome.
    loop = _get(client, "/rapporten/csv/opvolging", **MARCH).get_data(as_text=True)
    assert "Ouder dan de opvolgtermijn;9;\r\nMet een uitkomst;8;88,9\r\nZonder uitkomst;1;11,1\r\n" in loop
    times = _get(client, "/rapporten/csv/doorlooptijden", **MARCH).get_data(as_text=True)
    assert "Tot aanvaarden;8;2,0;2,0" in times and "Tot afsluiten;8;48,0;48,0" in times
    journey = _get(client, "/rapporten/csv/hulp-naar-leer", **MARCH).get_data(as_text=True)
    assert "Burgers met een hulpvraag;2;" in journey
    assert "Daarna een leervraag of cursus (aandeel van de burgers);1;50,0" in journey
    assert "Afgesloten als zelfstandig (aandeel van de afgesloten);1;12,5" in journey
    services = _get(client, "/rapporten/csv/online-diensten", **MARCH).get_data(as_text=True)
    assert "MyMinfin;6;100,0" in services
    page = text_of(_get(client, "/rapporten/", **MARCH))
    assert "2 uur" in page and "2 dagen" in page  # the same timings, in words a coordinator reads


def test_an_unknown_table_is_a_404(client, login_as):
    login_as("coordinator")
    assert client.get("/rapporten/csv/wachtwoorden").status_code == 404


# --- the monthly report ---

def test_the_monthly_report_prints_every_section(client, login_as, world):
    login_as("coordinator")
    response = _get(client, "/rapporten/maand", maand="2026-03")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = text_of(response)
    assert "Maandrapport maart 2026" in text and "1 maart 2026 tot en met 31 maart 2026" in text
    assert 'class="report-page month-report"' in html and "data-print" in html
    assert html.count('class="report-section"') == 9
    assert "Vorige maand" in text and 'href="/rapporten/maand?maand=2026-02"' in html
    assert 'href="/rapporten/maand?maand=2026-04"' in html
    # Its CSV links download the same month.
    assert "periode=aangepast" in html and "tot=2026-03-31" in html
    assert len(_svgs(html)) >= 10


def test_the_print_stylesheet_makes_a4_pages_without_navigation(app):
    css = (app.static_folder + "/triage.css")
    with open(css, encoding="utf-8") as handle:
        text = handle.read()
    assert "@page report { size: A4" in text
    assert ".report-section + .report-section { break-before: page; }" in text
    assert re.search(r"@media print \{\s*\.site-header", text)
