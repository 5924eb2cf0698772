"""Open Referral HSDS 3.0 export and import of the catalogue file format.

Pure functions, no Flask and no database:

    to_hsds(catalogue) -> dict                     # catalogue file (version 1) to HSDS
    from_hsds(document) -> (catalogue, errors)     # HSDS to catalogue file; never raises
    normalise(catalogue) -> dict                   # fills the schema defaults, for comparing

Top-level shape (one JSON object, the HSDS 3.0 objects as lists):

    {"organizations": [...], "services": [...], "locations": [...],
     "taxonomies": [...], "taxonomy_terms": [...]}

Services are in the nested HSDS 3.0 JSON form (their attributes, languages, service_areas,
phones, schedules, cost_options and service_at_locations inside them), each child also
carrying service_id / link_id. from_hsds reads that form, the API form {"contents": [...]},
and flat (tabular-style) top-level lists such as "attributes" or "languages" that point at
their service.

Ids: every HSDS id is uuid5 of a fixed namespace and a path of catalogue ids
("service/course/<id>", "<service uuid>/attribute/3", ...), so an export is stable.

Mapping, per catalogue entry (organisation, digihelper, course): one HSDS service
- name (course: title), description, status "active"/"inactive" from `active`;
  email -> service.email, website -> service.url, phone -> service.phones[0].number,
  last_verified (written by the database export) -> service.assured_date.
- attributes pointing at taxonomy terms (taxonomy name = term.taxonomy, plus taxonomy_id):
  triage-entry-type (organisation/digihelper/course), triage-themes (the 18 codes, names =
  labels of themes.json), triage-kinds, triage-target-groups, triage-needs (accessibility),
  triage-levels (course level), and triage-fields whose attribute.value carries a value:
  catalogue-id (keeps the catalogue id, so import restores it), organisation-type,
  max-open-cases, capacity. List order is the attribute order.
- languages -> service.languages [{id, service_id, code, name}];
  postcodes -> service.service_areas [{name: postcode, extent: postcode, extent_type: "text"}].
- organisation: also an HSDS organization (name, description, email, website, phones,
  organization_identifiers [{identifier_type "catalogue-id", identifier}]) that owns its
  own service; address -> a physical location (organization_id set) with one address,
  split into address_1 / postal_code / city / state_province (province from the postcode),
  country "BE" when it reads "<street>, <postcode> <city>", else all in address_1;
  opening_hours -> a schedule with only a description.
- digihelper / course with `organisation`: service.organization_id = that organization.
  A digihelper without organisation gets no organization_id: HSDS 3.0 JSON requires only
  id, name and status on a service (organization_id is required only in the tabular form).
  A link to an organisation missing from the file gets a stub organization.
- course: location text -> a location (name = the text) via service_at_locations, shared
  by courses with the same text; each session -> one schedule (dtstart/valid_from = start
  date, opens_at = the rest of the start after "T", valid_to/closes_at the same for end,
  freq WEEKLY + count 1 + byday: a single occurrence), so date-times come back identical;
  cost_eur -> cost_options [{amount, currency "EUR"}].

Import of documents from other directories:
- a service without a triage-entry-type attribute becomes an organisation when it has an
  organization or a location (a place where citizens go), else a digihelper (a lone
  helper); organisation entries then take email, website and phone from their organization
  when the service has none. Missing kinds default to hulpvraag (course: leervraag),
  missing max_open_cases to 5; the catalogue id becomes "hsds-" + the service id.
- a term is read by its taxonomy; a term without taxonomy is read as a theme (by code or
  label); terms of other taxonomies are skipped. Unknown codes in our taxonomies, unknown
  term ids, languages, areas without a postcode, statuses and bad values give errors
  "<path>: <Dutch message>", e.g. "services[3].attributes[1]: onbekend thema 'xyz'".
- a service without name, theme or language (course: without dated session) is left out
  with an error; the catalogue returned holds only entries that meet the file schema.
"""
import copy

from triage.catalogue.hsds_export import to_hsds
from triage.catalogue.hsds_import import from_hsds

__all__ = ["to_hsds", "from_hsds", "normalise"]


def normalise(catalogue: dict) -> dict:
    """Copy of a catalogue with every schema default written out, as from_hsds returns it."""
    result = copy.deepcopy(catalogue)
    result.setdefault("version", 1)
    for key in ("organisations", "digihelpers", "courses"):
        result[key] = result.get(key) or []
        for entry in result[key]:
            for field in ("postcodes", "accessibility", "target_groups"):
                entry.setdefault(field, [])
            entry.setdefault("active", True)
    for entry in result["digihelpers"]:
        entry.setdefault("max_open_cases", 5)
    for entry in result["courses"]:
        entry.setdefault("kinds", ["leervraag"])
        entry.setdefault("cost_eur", 0)
    return result
