"""The coordinator's catalogue pages."""
import io
import json

import pytest

from tests.catalogue.test_import_export import sample
from tests.conftest import text_of
from triage.catalogue.models import CatalogueEntry
from triage.catalogue.services import import_document
from triage.extensions import db

DIGIHELPER = {
    "name": "Nadia Nieuw", "code": "dh-nadia", "themes": ["bankieren", "smartphone-tablet"],
    "kinds": ["hulpvraag"], "languages": "nl, fr", "postcodes": "2800 2801", "accessibility": ["aan-huis"],
    "target_groups": "senioren", "max_open_cases": "3", "active": "y", "organisation": "", "user_id": "",
}
COURSE = {
    "name": "Tablet voor starters", "code": "cursus-tablet", "themes": ["smartphone-tablet"],
    "kinds": ["leervraag"], "languages": "nl", "capacity": "8", "cost_eur": "5",
    "sessions": "2026-12-08 14:00-16:00\n15/12/2026 14u00", "active": "y", "organisation": "", "level": "",
}


@pytest.fixture
def catalogue(app):
    with app.app_context():
        import_document(sample())
        db.session.commit()


def _entry(app, code):
    with app.app_context():
        entry = db.session.query(CatalogueEntry).filter_by(code=code).one_or_none()
        if entry is not None:
            entry.theme_list, entry.language_list = entry.themes, entry.languages
            entry.session_count = len(getattr(entry, "sessions", []))
            db.session.expunge(entry)
        return entry


def test_the_list_shows_entries_with_their_themes(client, login_as, catalogue):
    login_as("coordinator")
    page = text_of(client.get("/catalogus/"))
    assert "Aanmelden en digitale sleutels" in page
    assert "Nieuwe digihelper" in page


def test_counter_staff_can_read_but_not_change(client, login_as, catalogue):
    login_as("balie")
    page = text_of(client.get("/catalogus/"))
    assert "Nieuwe digihelper" not in page
    code = sample()["digihelpers"][0]["id"]
    assert "Bewerken" not in text_of(client.get(f"/catalogus/digihelper/{code}"))


@pytest.mark.parametrize("query, present, absent", [
    ("soort=course", "cursus", "dh-"),
    ("thema=mobiliteit", None, None),
    ("q=zzzzz", None, None),
])
def test_filters_narrow_the_list(app, client, login_as, catalogue, query, present, absent):
    login_as("coordinator")
    html = client.get(f"/catalogus/?{query}").get_data(as_text=True)
    if present:
        assert 'href="/catalogus/cursus/' in html and 'href="/catalogus/digihelper/dh-' not in html
    else:
        assert "Niets gevonden met deze filters" in html


def test_language_and_active_filters(app, client, login_as, catalogue):
    login_as("coordinator")
    with app.app_context():
        french = {e.code for e in db.session.query(CatalogueEntry) if "fr" in e.languages}
        inactive = {e.code for e in db.session.query(CatalogueEntry) if not e.active}
    html = client.get("/catalogus/?taal=fr").get_data(as_text=True)
    assert french and all(f"/{code}\"" in html for code in french if f"/{code}\"" in html)
    assert html.count('<tr>') - 1 == len(french) or "Pagina" in html
    html = client.get("/catalogus/?actief=nee").get_data(as_text=True)
    assert html.count('<tr>') - 1 == len(inactive)


def test_an_empty_catalogue_says_what_to_do(client, login_as):
    login_as("coordinator")
    page = text_of(client.get("/catalogus/"))
    assert "Er is nog geen aanbod" in page and "lees een catalogusbestand in" in page


def test_coordinator_creates_a_digihelper(app, client, login_as):
    login_as("coordinator")
    response = client.post("/catalogus/digihelper/nieuw", data=DIGIHELPER)
    assert response.status_code == 302, text_of(response)[:500]
    entry = _entry(app, "dh-nadia")
    assert entry.theme_list == ["bankieren", "smartphone-tablet"]
    assert entry.language_list == ["nl", "fr"] and entry.max_open_cases == 3


def test_coordinator_creates_a_course_with_sessions(app, client, login_as):
    login_as("coordinator")
    response = client.post("/catalogus/cursus/nieuw", data=COURSE)
    assert response.status_code == 302, text_of(response)[:800]
    entry = _entry(app, "cursus-tablet")
    assert entry.session_count == 2 and entry.capacity == 8


@pytest.mark.parametrize("change, message", [
    ({"themes": []}, "Kies minstens één thema."),
    ({"kinds": []}, "Kies minstens één soort vraag."),
    ({"code": "Met Spaties"}, "Ongeldige id 'met spaties'"),
    ({"languages": "nederlands"}, "Ongeldige taalcode 'nederlands'"),
    ({"postcodes": "28000"}, "Ongeldige postcode '28000': een Belgische postcode heeft 4 cijfers"),
    ({"max_open_cases": "-2"}, "Kies een aantal van 0 tot 1000."),
    ({"max_open_cases": "veel"}, "Vul een geheel getal in, zoals 5."),
    ({"themes": ["bestaat-niet"]}, "'bestaat-niet' is een ongeldige keuze voor dit veld."),
    ({"name": ""}, "Vul een naam in."),
    ({"organisation": "org-bestaat-niet"}, "Ongeldige keuze."),
])
def test_bad_digihelper_input_is_explained_and_saves_nothing(app, client, login_as, change, message):
    login_as("coordinator")
    response = client.post("/catalogus/digihelper/nieuw", data={**DIGIHELPER, **change})
    assert response.status_code == 400
    assert message in text_of(response), text_of(response)[:600]
    with app.app_context():
        assert db.session.query(CatalogueEntry).count() == 0


@pytest.mark.parametrize("change, message", [
    ({"sessions": "volgende week"}, "is geen sessie"),
    ({"sessions": ""}, "Vul minstens één sessie in."),
    ({"sessions": "2026-12-08 16:00-14:00"}, "Het einde moet na het begin liggen"),
    ({"capacity": "0"}, "Kies een aantal van 1 tot 10000."),
    ({"cost_eur": "-1"}, "De prijs kan niet negatief zijn."),
])
def test_bad_course_input_is_explained(app, client, login_as, change, message):
    login_as("coordinator")
    response = client.post("/catalogus/cursus/nieuw", data={**COURSE, **change})
    assert response.status_code == 400
    assert message in text_of(response), text_of(response)[:600]


def test_an_id_cannot_be_used_twice(app, client, login_as):
    login_as("coordinator")
    client.post("/catalogus/digihelper/nieuw", data=DIGIHELPER)
    response = client.post("/catalogus/digihelper/nieuw", data={**DIGIHELPER, "name": "Ander"})
    assert response.status_code == 400 and "al in gebruik" in text_of(response)


def test_editing_shows_the_current_values_and_saves_changes(app, client, login_as):
    login_as("coordinator")
    client.post("/catalogus/digihelper/nieuw", data=DIGIHELPER)
    form = client.get("/catalogus/digihelper/dh-nadia/bewerken").get_data(as_text=True)
    assert 'value="Nadia Nieuw"' in form and 'value="nl, fr"' in form
    response = client.post("/catalogus/digihelper/dh-nadia/bewerken",
                           data={**DIGIHELPER, "name": "Nadia Anders", "languages": "nl"})
    assert response.status_code == 302
    entry = _entry(app, "dh-nadia")
    assert entry.name == "Nadia Anders" and entry.language_list == ["nl"]


def test_a_digihelper_can_be_linked_to_a_digihelper_account(app, client, login_as, make_user):
    helper = make_user("digihelper", name="Nadia Account")
    login_as("coordinator")
    client.post("/catalogus/digihelper/nieuw", data={**DIGIHELPER, "user_id": str(helper.id)})
    assert _entry(app, "dh-nadia").user_id == helper.id


def test_deactivating_asks_for_confirmation(app, client, login_as, catalogue):
    login_as("coordinator")
    code = sample()["digihelpers"][0]["id"]
    assert "niet meer actief maken?" in text_of(client.get(f"/catalogus/digihelper/{code}/actief"))
    assert client.post(f"/catalogus/digihelper/{code}/actief", data={}).status_code == 400
    assert _entry(app, code).active
    client.post(f"/catalogus/digihelper/{code}/actief", data={"confirm": "y"})
    assert not _entry(app, code).active
    assert "Dit aanbod is niet actief" in text_of(client.get(f"/catalogus/digihelper/{code}"))


def test_marking_as_verified_sets_today(app, client, login_as, catalogue):
    login_as("coordinator")
    code = sample()["digihelpers"][0]["id"]
    client.post(f"/catalogus/digihelper/{code}/gecontroleerd")
    assert _entry(app, code).last_verified_on is not None


def test_unknown_entries_and_types_are_404(client, login_as, catalogue):
    login_as("coordinator")
    assert client.get("/catalogus/digihelper/bestaat-niet").status_code == 404
    assert client.get("/catalogus/robot/dh-an").status_code == 404
    assert client.get("/catalogus/robot/nieuw").status_code == 404


def test_upload_imports_a_file(app, client, login_as):
    login_as("coordinator")
    data = {"fmt": "triage", "file": (io.BytesIO(json.dumps(sample()).encode()), "aanbod.json")}
    response = client.post("/catalogus/importeren", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "Het bestand is ingelezen" in text_of(response)
    with app.app_context():
        assert db.session.query(CatalogueEntry).count() == sum(
            len(sample()[k]) for k in ("organisations", "digihelpers", "courses"))


def test_upload_of_a_bad_file_lists_the_errors_and_changes_nothing(app, client, login_as):
    login_as("coordinator")
    bad = sample()
    bad["digihelpers"][0]["themes"] = ["itsm"]
    data = {"fmt": "triage", "file": (io.BytesIO(json.dumps(bad).encode()), "aanbod.json")}
    response = client.post("/catalogus/importeren", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "digihelpers[0].themes[0]: onbekend thema 'itsm'" in text_of(response)
    with app.app_context():
        assert db.session.query(CatalogueEntry).count() == 0


def test_upload_without_a_file_asks_for_one(client, login_as):
    login_as("coordinator")
    response = client.post("/catalogus/importeren", data={"fmt": "triage"})
    assert response.status_code == 400 and "Kies een bestand" in text_of(response)


def test_download_gives_the_catalogue_file(client, login_as, catalogue):
    login_as("coordinator")
    response = client.get("/catalogus/exporteren?formaat=triage")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.get_json()["version"] == 1


def test_every_problem_is_shown_on_the_first_try(client, login_as):
    login_as("coordinator")
    response = client.post("/catalogus/digihelper/nieuw",
                           data={**DIGIHELPER, "themes": [], "code": "Fout Id", "postcodes": "99"})
    page = text_of(response)
    assert "Kies minstens één thema." in page
    assert "Ongeldige id 'fout id'" in page
    assert "Ongeldige postcode '99'" in page
