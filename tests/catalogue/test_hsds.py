"""Tests for the Open Referral HSDS 3.0 export and import of the catalogue."""
import copy
import json
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from triage.catalogue.hsds import from_hsds, normalise, to_hsds
from triage.catalogue.hsds_export import THEMES

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEV_CATALOGUE = SHARED / "data" / "dev-catalogue.json"
CONTRACT = SHARED / "contract"


@pytest.fixture(scope="module")
def catalogue() -> dict:
    if not DEV_CATALOGUE.exists():
        pytest.skip("shared development catalogue not available")
    return json.loads(DEV_CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def document(catalogue) -> dict:
    return to_hsds(catalogue)


def schema_validator():
    path = CONTRACT / "catalogue.schema.json"
    if not path.exists():
        pytest.skip("shared contract not available")
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def walk_ids(value, path="document"):
    """Every (path, value) of an `id` or `*_id` field in the document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if (key == "id" or key.endswith("_id")) and isinstance(item, str):
                yield f"{path}.{key}", item
            else:
                yield from walk_ids(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from walk_ids(item, f"{path}[{n}]")


def is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


# Round trip and stability

def test_round_trip_dev_catalogue(catalogue, document):
    back, errors = from_hsds(document)
    assert errors == []
    assert normalise(back) == normalise(catalogue)
    assert back == normalise(catalogue)  # import writes the defaults out itself


def test_round_trip_keeps_order_and_date_times(catalogue, document):
    back, _ = from_hsds(document)
    for key in ("organisations", "digihelpers", "courses"):
        assert [e["id"] for e in back[key]] == [e["id"] for e in catalogue[key]]
    original = catalogue["courses"][0]["sessions"]
    assert back["courses"][0]["sessions"] == original


def test_round_trip_edge_cases():
    source = {"version": 1, "organisations": [
        {"id": "org-a", "name": "A", "themes": ["toegang"], "kinds": ["hulpvraag"],
         "languages": ["nl"], "address": "Zonder postcode in deze tekst", "phone": "",
         "active": False}],
        "digihelpers": [
            {"id": "dh-los", "name": "Los", "themes": ["computer"], "kinds": ["leervraag"],
             "languages": ["nl"], "target_groups": ["mantelzorgers"], "max_open_cases": 0}],
        "courses": [
            {"id": "c-x", "title": "X", "organisation": "org-elders", "themes": ["werk"],
             "languages": ["fr"], "sessions": [{"start": "2027-03-01T10:00:00Z"},
                                               {"start": "2027-03-02T10:00",
                                                "end": "2027-03-03T12:00:00.5+02:00"}],
             "cost_eur": 2.5, "capacity": 1, "last_verified": "2026-11-01"}]}
    document = to_hsds(source)
    back, errors = from_hsds(document)
    assert errors == []
    assert back == normalise(source)
    service = next(s for s in document["services"] if s["name"] == "Los")
    assert "organization_id" not in service  # a digihelper without organisation


def test_export_is_deterministic(catalogue):
    first = to_hsds(copy.deepcopy(catalogue))
    second = to_hsds(copy.deepcopy(catalogue))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_every_id_is_a_uuid(document):
    ids = list(walk_ids(document))
    assert len(ids) > 100
    bad = [(path, value) for path, value in ids if not is_uuid(value)]
    assert bad == []
    own = [value for path, value in ids if path.endswith(".id")]
    assert len(own) == len(set(own))  # no object id used twice


# Shape of the HSDS document

def test_top_level_shape_and_required_fields(catalogue, document):
    assert set(document) == {"organizations", "services", "locations", "taxonomies",
                             "taxonomy_terms"}
    required = {"organizations": ("id", "name", "description"),
                "services": ("id", "name", "status"), "locations": ("id", "location_type"),
                "taxonomies": ("id", "name", "description"),
                "taxonomy_terms": ("id", "name", "description")}
    for key, fields in required.items():
        for item in document[key]:
            assert all(item.get(f) not in (None, "") for f in fields), (key, item)
    entries = sum(len(catalogue[k]) for k in ("organisations", "digihelpers", "courses"))
    assert len(document["services"]) == entries
    assert len(document["organizations"]) == len(catalogue["organisations"])
    for service in document["services"]:
        assert service["status"] in ("active", "inactive")
        for phone in service.get("phones", []):
            assert phone["number"]
    for location in document["locations"]:
        for address in location.get("addresses", []):
            for field in ("address_1", "city", "state_province", "postal_code", "country",
                          "address_type"):
                assert field in address


def test_mapping_details(document):
    services = {s["name"]: s for s in document["services"]}
    orgs = {o["name"]: o for o in document["organizations"]}
    digipunt = services["Digipunt Stadhuis Dijlegem"]
    assert digipunt["organization_id"] == orgs["Digipunt Stadhuis Dijlegem"]["id"]
    assert [lang["code"] for lang in digipunt["languages"]] == ["nl", "fr", "en"]
    location = next(loc for loc in document["locations"]
                    if loc["id"] == digipunt["service_at_locations"][0]["location_id"])
    address = location["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"]) == \
        ("Grote Markt 1", "2800", "Dijlegem")
    assert address["state_province"] == "Antwerpen"
    assert services["Sociaal Huis Dijlegem (OCMW)"]["service_areas"][0]["name"] == "2800"
    assert services["Computerklas Muizenhoek"]["status"] == "inactive"
    ines = services["Ines"]
    assert "organization_id" not in ines
    assert services["Marleen"]["organization_id"] == orgs["Digipunt Stadhuis Dijlegem"]["id"]
    course = services["Veilig bankieren en betalen met je smartphone"]
    assert course["cost_options"][0]["amount"] == 5
    assert course["cost_options"][0]["currency"] == "EUR"
    assert course["schedules"][0]["dtstart"] == "2027-01-14"
    assert course["schedules"][0]["byday"] == "TH"
    themes = [t for t in document["taxonomy_terms"] if t["taxonomy"] == "triage-themes"]
    assert {t["code"]: t["name"] for t in themes} == THEMES


def test_themes_match_contract():
    path = CONTRACT / "themes.json"
    if not path.exists():
        pytest.skip("shared contract not available")
    contract = json.loads(path.read_text(encoding="utf-8"))
    assert THEMES == {t["code"]: t["label"] for t in contract["themes"]}


# Documents from other directories

FOREIGN = {
    "taxonomies": [{"id": "tx-1", "name": "triage-themes", "description": "thema's"}],
    "taxonomy_terms": [
        {"id": "t-1", "code": "computer", "name": "Computer", "description": "",
         "taxonomy_id": "tx-1"},
        {"id": "t-2", "code": "101", "name": "Food", "description": "", "taxonomy": "AIRS"}],
    "organizations": [{"id": "o-1", "name": "Stad Gent", "description": "Stad",
                       "email": "info@gent.example", "website": "https://gent.example"}],
    "locations": [{"id": "l-1", "location_type": "physical", "addresses": [
        {"id": "a-1", "address_1": "Botermarkt 1", "city": "Gent", "postal_code": "9000",
         "state_province": "Oost-Vlaanderen", "country": "BE", "address_type": "physical"}]}],
    "services": [
        {"id": "S-1", "name": "Digitaal Loket", "status": "active", "organization_id": "o-1",
         "attributes": [{"id": "x", "taxonomy_term_id": "t-1"},
                        {"id": "y", "taxonomy_term_id": "t-2"}],
         "languages": [{"id": "la", "code": "nl"}, {"id": "lb", "name": "French"}],
         "service_areas": [{"id": "sa", "name": "Gent (9000, 9030)"}],
         "service_at_locations": [{"id": "sl", "location_id": "l-1"}],
         "phones": [{"id": "p", "number": "09 210 10 10"}],
         "schedules": [{"id": "sc", "description": "ma-vr 9u-12u"}]},
        {"id": "S-2", "name": "Vrijwilliger Piet", "status": "temporarily closed",
         "attributes": [{"id": "z", "taxonomy_term": {
             "id": "t-9", "code": "veilig-online", "name": "Veilig online"}}],
         "languages": [{"id": "lc", "code": "NL"}]}],
}


def test_foreign_document_imports():
    back, errors = from_hsds(copy.deepcopy(FOREIGN))
    assert errors == []
    schema_validator().validate(back)
    org = back["organisations"][0]
    assert org["id"] == "hsds-s-1"
    assert org["name"] == "Digitaal Loket"
    assert org["themes"] == ["computer"]
    assert org["kinds"] == ["hulpvraag"]
    assert org["languages"] == ["nl", "fr"]
    assert org["postcodes"] == ["9000", "9030"]
    assert org["address"] == "Botermarkt 1, 9000 Gent"
    assert org["email"] == "info@gent.example" and org["website"] == "https://gent.example"
    assert org["phone"] == "09 210 10 10" and org["opening_hours"] == "ma-vr 9u-12u"
    helper = back["digihelpers"][0]
    assert helper == {"id": "hsds-s-2", "name": "Vrijwilliger Piet", "themes": ["veilig-online"],
                      "kinds": ["hulpvraag"], "languages": ["nl"], "postcodes": [],
                      "accessibility": [], "target_groups": [], "active": False,
                      "max_open_cases": 5}


def test_minimal_foreign_document_and_flat_lists():
    document = {
        "services": [{"id": "svc", "name": "Hulp", "status": "active"}],
        "attributes": [{"id": "a", "link_id": "svc", "taxonomy_term_id": "t"}],
        "taxonomy_terms": [{"id": "t", "name": "Veilig online", "taxonomy": "triage-themes"}],
        "languages": [{"id": "l", "service_id": "svc", "code": "nl"}],
    }
    back, errors = from_hsds(document)
    assert errors == []
    assert back["digihelpers"][0]["themes"] == ["veilig-online"]
    assert back["digihelpers"][0]["languages"] == ["nl"]
    back, errors = from_hsds({"contents": document["services"], **{
        k: v for k, v in document.items() if k != "services"}})
    assert errors == [] and len(back["digihelpers"]) == 1


# Bad documents: every error with its path, never an exception

@pytest.mark.parametrize("bad", [None, 3, "tekst", [], ["services"], True])
def test_not_a_dict(bad):
    back, errors = from_hsds(bad)
    assert errors == ["document: dit is geen HSDS-document (een JSON-object verwacht)"]
    assert back == {"version": 1, "organisations": [], "digihelpers": [], "courses": []}


def test_services_not_a_list():
    back, errors = from_hsds({"services": {"id": "x"}})
    assert errors == ["services: moet een lijst zijn"]
    assert back["organisations"] == []
    _, errors = from_hsds({"organizations": []})
    assert errors == ["services: de lijst met diensten ontbreekt"]


def test_unknown_theme_has_its_path(document):
    broken = copy.deepcopy(document)
    broken["taxonomy_terms"].append({"id": "new", "code": "xyz", "name": "xyz",
                                     "description": "", "taxonomy": "triage-themes"})
    attributes = broken["services"][3]["attributes"]
    attributes[1] = dict(attributes[1], taxonomy_term_id="new")
    attributes.append(dict(attributes[2], id="extra", taxonomy_term_id="missing"))
    back, errors = from_hsds(broken)
    assert "services[3].attributes[1]: onbekend thema 'xyz'" in errors
    assert f"services[3].attributes[{len(attributes) - 1}]: onbekende taxonomieterm 'missing'" \
        in errors
    assert len(errors) == 2


def test_unknown_codes_in_other_taxonomies(document):
    broken = copy.deepcopy(document)
    service = broken["services"][0]
    kind = next(n for n, a in enumerate(service["attributes"]) if a["link_type"] == "kind")
    need = next(n for n, a in enumerate(service["attributes"])
                if a["link_type"] == "accessibility")
    broken["taxonomy_terms"] += [
        {"id": "k", "code": "praatvraag", "name": "-", "description": "",
         "taxonomy": "triage-kinds"},
        {"id": "n", "code": "lift", "name": "-", "description": "", "taxonomy": "triage-needs"}]
    service["attributes"][kind]["taxonomy_term_id"] = "k"
    service["attributes"][need]["taxonomy_term_id"] = "n"
    service["languages"][0]["code"] = "Nederlands!"
    service["status"] = "misschien"
    _, errors = from_hsds(broken)
    assert f"services[0].attributes[{kind}]: onbekend soort vraag 'praatvraag'" in errors
    assert f"services[0].attributes[{need}]: onbekende toegankelijkheid 'lift'" in errors
    assert "services[0].languages[0]: onbekende taal 'Nederlands!'" in errors
    assert "services[0].status: onbekende status 'misschien'" in errors


def test_missing_name_themes_languages(document):
    broken = copy.deepcopy(document)
    del broken["services"][2]["name"]
    theme_ids = {t["id"] for t in broken["taxonomy_terms"] if t["taxonomy"] == "triage-themes"}
    broken["services"][4]["attributes"] = [a for a in broken["services"][4]["attributes"]
                                           if a["taxonomy_term_id"] not in theme_ids]
    broken["services"][5]["languages"] = []
    back, errors = from_hsds(broken)
    assert errors == [
        "services[2]: de naam ontbreekt",
        "services[4]: er is geen enkel thema (gebruik een term van 'triage-themes')",
        "services[5]: er is geen enkele taal opgegeven (languages)",
    ]
    assert len(back["organisations"]) == 3  # the three broken ones are left out
    schema_validator().validate(back)


@pytest.mark.parametrize("mutate", [
    lambda d: d["services"].append("geen object"),
    lambda d: d["services"][0].update(attributes="geen lijst"),
    lambda d: d["services"][0].update(languages=[None, 5]),
    lambda d: d["services"][0].update(organization_id=["a"], id={"x": 1}),
    lambda d: d["services"][0].update(name=12, status=None, email=3),
    lambda d: d["services"][0]["attributes"][1].update(value=None),
    lambda d: d["services"][-1]["schedules"].__setitem__(0, {"id": "s"}),
    lambda d: d["services"][-1]["cost_options"][0].update(amount="gratis"),
    lambda d: d["services"][0]["service_areas"].append({"id": "a", "name": "Overal"}),
    lambda d: d.update(taxonomy_terms="kapot", locations=[1], organizations={"a": 1}),
    lambda d: d["taxonomy_terms"].append({"id": ["lijst"]}),
])
def test_bad_documents_never_raise(document, mutate):
    broken = copy.deepcopy(document)
    mutate(broken)
    back, errors = from_hsds(broken)
    assert errors, "a broken document must give at least one error"
    assert all(isinstance(e, str) and ": " in e for e in errors)
    assert not any("onverwachte fout" in e for e in errors), errors
    schema_validator().validate(back)
