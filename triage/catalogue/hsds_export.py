"""Catalogue to Open Referral HSDS 3.0 export, and the vocabulary shared with the import."""
import datetime
import re
import uuid

from triage.catalogue.codes import ENTRY_TYPES, KIND_LABELS, NEEDS, THEMES

# Fixed namespace: every HSDS id is uuid5(NAMESPACE, a path built from catalogue ids),
# so exporting the same catalogue twice gives the same ids.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:triage:catalogue:hsds")

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
POSTCODE_PATTERN = re.compile(r"^[1-9][0-9]{3}$")
ADDRESS_PATTERN = re.compile(r"^(?P<street>.+), (?P<postcode>[1-9][0-9]{3}) (?P<city>.+)$")
IDENTIFIER_SCHEME = "triage"
IDENTIFIER_TYPE = "catalogue-id"

KINDS = KIND_LABELS
LEVELS = {"starter": "Voor starters", "gevorderd": "Voor gevorderden"}
KNOWN_TARGET_GROUPS = ["senioren", "nieuwkomers", "jongeren", "werkzoekenden",
                       "mensen-met-een-beperking"]
# Terms whose attribute carries a value (attribute.value) instead of being a label.
FIELDS = {
    "catalogue-id": "Id in de triagecatalogus",
    "organisation-type": "Soort organisatie",
    "max-open-cases": "Maximum aantal open dossiers",
    "capacity": "Aantal plaatsen",
}
# taxonomy name -> (link_type used on attributes, description)
TAXONOMIES = {
    "triage-entry-type": ("entry_type", "Soort aanbod in de triagecatalogus"),
    "triage-themes": ("theme", "De 18 thema's van digitale vragen"),
    "triage-kinds": ("kind", "Soort vraag: hulpvraag of leervraag"),
    "triage-target-groups": ("target_group", "Doelgroepen (vrije woorden)"),
    "triage-needs": ("accessibility", "Toegankelijkheid"),
    "triage-levels": ("level", "Niveau van een cursus"),
    "triage-fields": ("field", "Velden van de triagecatalogus met een waarde"),
}
# code -> (Dutch name used on export, English name also understood on import)
LANGUAGES = {
    "nl": ("Nederlands", "Dutch"), "fr": ("Frans", "French"), "en": ("Engels", "English"),
    "de": ("Duits", "German"), "ar": ("Arabisch", "Arabic"), "tr": ("Turks", "Turkish"),
    "uk": ("Oekraïens", "Ukrainian"), "ru": ("Russisch", "Russian"),
    "ro": ("Roemeens", "Romanian"), "pl": ("Pools", "Polish"), "es": ("Spaans", "Spanish"),
    "it": ("Italiaans", "Italian"), "pt": ("Portugees", "Portuguese"),
    "bg": ("Bulgaars", "Bulgarian"), "so": ("Somalisch", "Somali"),
    "ti": ("Tigrinya", "Tigrinya"), "fa": ("Perzisch", "Persian"), "ps": ("Pasjtoe", "Pashto"),
    "prs": ("Dari", "Dari"), "vgt": ("Vlaamse Gebarentaal", "Flemish Sign Language"),
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def hsds_id(*parts: str) -> str:
    """Deterministic UUID for an HSDS object, from the path of catalogue ids that names it."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def taxonomy_id(name: str) -> str:
    return hsds_id("taxonomy", name)


def term_id(taxonomy: str, code: str) -> str:
    return hsds_id("taxonomy_term", taxonomy, code)


def province(postcode: str) -> str:
    """Belgian province (or region) of a postcode, for HSDS address.state_province."""
    number = int(postcode)
    for upper, name in ((1299, "Brussel"), (1499, "Waals-Brabant"), (1999, "Vlaams-Brabant"),
                        (2999, "Antwerpen"), (3499, "Vlaams-Brabant"), (3999, "Limburg"),
                        (4999, "Luik"), (5999, "Namen"), (6599, "Henegouwen"),
                        (6999, "Luxemburg"), (7999, "Henegouwen"), (8999, "West-Vlaanderen")):
        if number <= upper:
            return name
    return "Oost-Vlaanderen"


def to_hsds(catalogue: dict) -> dict:
    """Convert a catalogue document (version 1) to one HSDS 3.0 JSON document."""
    organisations = list(catalogue.get("organisations") or [])
    digihelpers = list(catalogue.get("digihelpers") or [])
    courses = list(catalogue.get("courses") or [])
    organizations, services, locations = [], [], {}
    own = {org["id"] for org in organisations}
    for org in organisations:
        organizations.append(_organization(org))
    dangling = []
    for entry in digihelpers + courses:
        ref = entry.get("organisation")
        if ref and ref not in own and ref not in dangling:
            dangling.append(ref)
    for ref in dangling:  # linked organisation outside this file: a stub keeps the link
        organizations.append({
            "id": hsds_id("organization", ref), "name": ref,
            "description": "Organisatie die niet in deze catalogus staat.",
            "organization_identifiers": [_identifier(ref)],
        })
    target_groups = list(KNOWN_TARGET_GROUPS)
    for etype, entries in (("organisation", organisations), ("digihelper", digihelpers),
                           ("course", courses)):
        for entry in entries:
            services.append(_service(entry, etype, locations))
            for group in entry.get("target_groups") or []:
                if group not in target_groups:
                    target_groups.append(group)
    taxonomies, terms = _vocabulary(target_groups)
    return {
        "organizations": organizations,
        "services": services,
        "locations": list(locations.values()),
        "taxonomies": taxonomies,
        "taxonomy_terms": terms,
    }


def _identifier(catalogue_id: str) -> dict:
    org_id = hsds_id("organization", catalogue_id)
    return {"id": hsds_id(org_id, "organization_identifier"), "organization_id": org_id,
            "identifier_scheme": IDENTIFIER_SCHEME, "identifier_type": IDENTIFIER_TYPE,
            "identifier": catalogue_id}


def _organization(org: dict) -> dict:
    org_id = hsds_id("organization", org["id"])
    result = {"id": org_id, "name": org["name"],
              # HSDS requires a description; the catalogue's own stays on the service.
              "description": org.get("description") or org["name"]}
    for key in ("email", "website"):
        if key in org:
            result[key] = org[key]
    if "phone" in org:
        result["phones"] = [{"id": hsds_id(org_id, "phone", "0"), "organization_id": org_id,
                             "number": org["phone"]}]
    result["organization_identifiers"] = [_identifier(org["id"])]
    return result


def _service(entry: dict, etype: str, locations: dict) -> dict:
    sid = hsds_id("service", etype, entry["id"])
    org_ref = entry["id"] if etype == "organisation" else entry.get("organisation")
    service = {"id": sid, "name": entry["title" if etype == "course" else "name"],
               "status": "active" if entry.get("active", True) else "inactive"}
    if org_ref:
        service["organization_id"] = hsds_id("organization", org_ref)
    for source, target in (("description", "description"), ("website", "url"),
                           ("email", "email"), ("last_verified", "assured_date")):
        if source in entry:
            service[target] = entry[source]

    attributes = []

    def add(taxonomy: str, code: str, value=None) -> None:
        attribute = {"id": hsds_id(sid, "attribute", str(len(attributes))), "link_id": sid,
                     "link_type": TAXONOMIES[taxonomy][0], "link_entity": "service",
                     "taxonomy_term_id": term_id(taxonomy, code)}
        if value is not None:
            attribute["value"] = str(value)
        attributes.append(attribute)

    add("triage-entry-type", etype)
    add("triage-fields", "catalogue-id", entry["id"])
    default_kinds = ["leervraag"] if etype == "course" else []
    for taxonomy, key, default in (("triage-themes", "themes", []),
                                   ("triage-kinds", "kinds", default_kinds),
                                   ("triage-target-groups", "target_groups", []),
                                   ("triage-needs", "accessibility", [])):
        for code in entry.get(key, default) or []:
            add(taxonomy, code)
    if etype == "organisation" and "type" in entry:
        add("triage-fields", "organisation-type", entry["type"])
    if etype == "digihelper":
        add("triage-fields", "max-open-cases", entry.get("max_open_cases", 5))
    if etype == "course":
        if "level" in entry:
            add("triage-levels", entry["level"])
        if "capacity" in entry:
            add("triage-fields", "capacity", entry["capacity"])
    service["attributes"] = attributes

    service["languages"] = [
        {"id": hsds_id(sid, "language", str(n)), "service_id": sid, "code": code,
         "name": LANGUAGES.get(code, (code,))[0]}
        for n, code in enumerate(entry.get("languages") or [])]
    service["service_areas"] = [
        {"id": hsds_id(sid, "service_area", str(n)), "service_id": sid, "name": postcode,
         "extent": postcode, "extent_type": "text"}
        for n, postcode in enumerate(entry.get("postcodes") or [])]
    if "phone" in entry:
        service["phones"] = [{"id": hsds_id(sid, "phone", "0"), "service_id": sid,
                              "number": entry["phone"]}]
    if etype == "organisation" and "opening_hours" in entry:
        service["schedules"] = [{"id": hsds_id(sid, "schedule", "0"), "service_id": sid,
                                 "description": entry["opening_hours"]}]
    if etype == "course":
        service["schedules"] = [_session(sid, n, session)
                                for n, session in enumerate(entry.get("sessions") or [])]
        service["cost_options"] = [{"id": hsds_id(sid, "cost_option", "0"), "service_id": sid,
                                    "amount": entry.get("cost_eur", 0), "currency": "EUR"}]
    location = None
    if etype == "organisation" and "address" in entry:
        location = _address_location(entry)
    elif etype == "course" and "location" in entry:
        location = {"id": hsds_id("location", "course", entry["location"]),
                    "location_type": "physical", "name": entry["location"]}
    if location is not None:
        locations.setdefault(location["id"], location)
        service["service_at_locations"] = [{"id": hsds_id(sid, "service_at_location", "0"),
                                            "service_id": sid, "location_id": location["id"]}]
    return service


def _address_location(org: dict) -> dict:
    """A physical location holding the organisation's one-line address, split when it can be."""
    location_id = hsds_id("location", "organisation", org["id"])
    text = org["address"]
    match = ADDRESS_PATTERN.match(text)
    address = {"id": hsds_id(location_id, "address"), "location_id": location_id,
               "address_1": text, "city": "", "state_province": "", "postal_code": "",
               "country": "BE", "address_type": "physical"}
    if match:
        address.update(address_1=match["street"], city=match["city"],
                       postal_code=match["postcode"], state_province=province(match["postcode"]))
    return {"id": location_id, "location_type": "physical",
            "organization_id": hsds_id("organization", org["id"]), "name": org["name"],
            "addresses": [address]}


def _session(sid: str, n: int, session: dict) -> dict:
    """One course session as a single-occurrence HSDS schedule (RRULE with count 1)."""
    schedule = {"id": hsds_id(sid, "schedule", str(n)), "service_id": sid}
    day, sep, time = str(session.get("start", "")).partition("T")
    schedule["dtstart"] = day if sep else session.get("start", "")
    if sep:
        schedule.update(valid_from=day, opens_at=time)
    schedule.update(freq="WEEKLY", count=1)
    try:
        schedule["byday"] = WEEKDAYS[datetime.date.fromisoformat(day).weekday()]
    except ValueError:
        pass
    if "end" in session:
        end_day, sep, end_time = str(session["end"]).partition("T")
        schedule["valid_to"] = end_day if sep else session["end"]
        if sep:
            schedule["closes_at"] = end_time
    return schedule


def _vocabulary(target_groups: list) -> tuple:
    labels = {
        "triage-entry-type": ENTRY_TYPES, "triage-themes": THEMES, "triage-kinds": KINDS,
        "triage-target-groups": {g: g.replace("-", " ").capitalize() for g in target_groups},
        "triage-needs": NEEDS, "triage-levels": LEVELS, "triage-fields": FIELDS,
    }
    taxonomies, terms = [], []
    for name, (_, description) in TAXONOMIES.items():
        taxonomies.append({"id": taxonomy_id(name), "name": name, "description": description,
                           "version": "1"})
        for code, label in labels[name].items():
            terms.append({"id": term_id(name, code), "code": code, "name": label,
                          "description": label, "taxonomy": name,
                          "taxonomy_id": taxonomy_id(name)})
    return taxonomies, terms
