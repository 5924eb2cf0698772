"""Open Referral HSDS 3.0 import into the catalogue format, with Dutch errors per path."""
import re

from triage.catalogue import hsds_export as vocab
from triage.catalogue.hsds_values import derived_id, id_key, is_date_time, join_date_time, put_value, str_or_none

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
POSTCODE_IN_TEXT = re.compile(r"\b[1-9][0-9]{3}\b")
LANGUAGE_BY_NAME = {name.lower(): code for code, names in vocab.LANGUAGES.items() for name in names}
THEME_BY_LABEL = {label.lower(): code for code, label in vocab.THEMES.items()}
STATUS_ACTIVE = {"active": True, "inactive": False, "defunct": False,
                 "temporarily closed": False}
# taxonomy -> (key in fields, known codes or None for free words, Dutch error, is a list)
VOCABULARIES = {
    "triage-themes": ("themes", vocab.THEMES, "onbekend thema", True),
    "triage-kinds": ("kinds", vocab.KINDS, "onbekend soort vraag", True),
    "triage-target-groups": ("target_groups", None, "", True),
    "triage-needs": ("accessibility", vocab.NEEDS, "onbekende toegankelijkheid", True),
    "triage-entry-type": ("entry_type", vocab.ENTRY_TYPES, "onbekend soort aanbod", False),
    "triage-levels": ("level", vocab.LEVELS, "onbekend niveau", False),
}
FILE_KEYS = {"organisation": "organisations", "digihelper": "digihelpers", "course": "courses"}


def from_hsds(document) -> tuple:
    """Read an HSDS 3.0 JSON document into (catalogue dict, list of Dutch error messages)."""
    catalogue = {"version": 1, "organisations": [], "digihelpers": [], "courses": []}
    errors = []
    try:
        _Reader(document, errors).read(catalogue)
    except Exception as exc:  # last safety net: bad input must never raise
        errors.append(f"document: onverwachte fout bij het lezen ({type(exc).__name__})")
    return catalogue, errors


class _Reader:
    def __init__(self, document, errors: list):
        self.doc = document
        self.errors = errors
        self.top_cache, self.link_cache, self.child_cache = {}, {}, {}

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def objects(self, value, path: str) -> list:
        """(path, dict) for each item of a list; reports anything that is not."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "moet een lijst zijn")
            return []
        result = []
        for n, item in enumerate(value):
            if isinstance(item, dict):
                result.append((f"{path}[{n}]", item))
            else:
                self.error(f"{path}[{n}]", "moet een object zijn")
        return result

    def top(self, key: str) -> list:
        if key not in self.top_cache:
            self.top_cache[key] = self.objects(self.doc.get(key), key)
        return self.top_cache[key]

    def children(self, obj: dict, path: str, key: str, link: str = "service_id") -> list:
        """Nested objects obj[key] plus top-level (tabular) ones that point at obj by `link`."""
        cache_key = (id(obj), key)
        if cache_key not in self.child_cache:
            nested = self.objects(obj.get(key), f"{path}.{key}")
            seen = {id_key(item.get("id")) for _, item in nested} - {None}
            if (key, link) not in self.link_cache:
                index = self.link_cache[(key, link)] = {}
                for item_path, item in self.top(key):
                    index.setdefault(id_key(item.get(link)), []).append((item_path, item))
            own_id = id_key(obj.get("id"))
            flat = self.link_cache[(key, link)].get(own_id, []) if own_id is not None else []
            self.child_cache[cache_key] = nested + [
                (p, item) for p, item in flat if id_key(item.get("id")) not in seen]
        return self.child_cache[cache_key]

    def text(self, obj: dict, key: str, path: str):
        value = obj.get(key)
        if value is None or isinstance(value, str):
            return value
        self.error(f"{path}.{key}", "moet tekst zijn")
        return None

    def read(self, catalogue: dict) -> None:
        if not isinstance(self.doc, dict):
            self.error("document", "dit is geen HSDS-document (een JSON-object verwacht)")
            return
        key = "services" if "services" in self.doc or "contents" not in self.doc else "contents"
        if self.doc.get(key) is None:
            self.error("services", "de lijst met diensten ontbreekt")
            return
        services = self.objects(self.doc[key], key)
        if not isinstance(self.doc[key], list):
            return
        self.index(services)
        parsed = [(path, svc, *self.classify(path, svc)) for path, svc in services]
        for _, svc, etype, _, cid in parsed:  # an organisation entry stands for its organization
            if etype == "organisation" and self.org_id(svc) is not None:
                self.org_map.setdefault(self.org_id(svc), cid)
        seen = {name: set() for name in vocab.ENTRY_TYPES}
        for path, svc, etype, fields, cid in parsed:
            entry = self.entry(path, svc, etype, fields, cid)
            if entry is None:
                continue
            if entry["id"] in seen[etype]:
                self.error(path, f"de id '{entry['id']}' komt twee keer voor")
                continue
            seen[etype].add(entry["id"])
            catalogue[FILE_KEYS[etype]].append(entry)

    def index(self, services: list) -> None:
        for key in ("taxonomies", "taxonomy_terms", "locations", "organizations"):
            for path, item in self.top(key):
                self.check_id(item, "id", path)
        self.taxonomy_names = {id_key(t.get("id")): t.get("name") for _, t in self.top("taxonomies")}
        self.terms = {id_key(t.get("id")): t for _, t in self.top("taxonomy_terms")}
        self.locations = {id_key(loc.get("id")): loc for _, loc in self.top("locations")}
        orgs = self.top("organizations") + [(f"{path}.organization", svc["organization"])
                                            for path, svc in services
                                            if isinstance(svc.get("organization"), dict)]
        self.organizations, self.org_map = {}, {}
        for path, org in orgs:
            org_id = id_key(org.get("id"))
            if org_id is None or org_id in self.organizations:
                continue
            self.organizations[org_id] = org
            identifiers = self.objects(org.get("organization_identifiers"),
                                       f"{path}.organization_identifiers")
            for _, ident in identifiers:
                value = ident.get("identifier")
                if (ident.get("identifier_type") == vocab.IDENTIFIER_TYPE and isinstance(value, str)
                        and vocab.ID_PATTERN.match(value)):
                    self.org_map.setdefault(org_id, value)

    def check_id(self, obj: dict, key: str, path: str) -> None:
        if key in obj and id_key(obj[key]) is None:
            self.error(f"{path}.{key}", "moet tekst zijn")

    def org_id(self, svc: dict):
        if svc.get("organization_id") is not None:
            return id_key(svc["organization_id"])
        org = svc.get("organization")
        return id_key(org.get("id")) if isinstance(org, dict) else None

    def term(self, attribute: dict):
        """(taxonomy name or None, code, name) of an attribute's term, or None if unknown."""
        term = attribute.get("taxonomy_term")
        if not isinstance(term, dict):
            term = self.terms.get(id_key(attribute.get("taxonomy_term_id")))
        if not isinstance(term, dict):
            return None
        detail = term.get("taxonomy_detail")
        taxonomy = (detail.get("name") if isinstance(detail, dict) else None) \
            or self.taxonomy_names.get(id_key(term.get("taxonomy_id"))) or term.get("taxonomy")
        code = term.get("code") if term.get("code") not in (None, "") else term.get("name")
        return taxonomy if isinstance(taxonomy, str) else None, str(code), str(term.get("name"))

    def classify(self, path: str, svc: dict) -> tuple:
        """Entry type, {catalogue list key or field: values} and catalogue id of a service."""
        fields = {"themes": [], "kinds": [], "target_groups": [], "accessibility": []}
        self.check_id(svc, "id", path)
        self.check_id(svc, "organization_id", path)
        for apath, attribute in self.children(svc, path, "attributes", link="link_id"):
            found = self.term(attribute)
            if found is None:
                ref = attribute.get("taxonomy_term_id")
                self.error(apath, f"onbekende taxonomieterm '{ref}'")
                continue
            taxonomy, code, name = found
            taxonomy = taxonomy or "triage-themes"  # a term outside any taxonomy: a theme
            if taxonomy == "triage-themes" and code not in vocab.THEMES:
                code = THEME_BY_LABEL.get(code.lower()) or THEME_BY_LABEL.get(name.lower(), code)
            if taxonomy in VOCABULARIES:
                key, known, problem, many = VOCABULARIES[taxonomy]
                if known is not None and code not in known:
                    self.error(apath, f"{problem} '{code}'")
                elif many:
                    fields[key].append(code)
                else:
                    fields[key] = code
            elif taxonomy == "triage-fields":
                if code in vocab.FIELDS:
                    fields[code] = (apath, attribute.get("value"))
                else:
                    self.error(apath, f"onbekend veld '{code}'")
            # terms of other directories' taxonomies carry nothing we can use: skipped
        etype = fields.get("entry_type")
        if etype is None:
            # Rule for services that did not come from us: a service without an organization
            # and without a location is an independent helper, anything else an organisation.
            has_place = bool(self.children(svc, path, "service_at_locations"))
            etype = "organisation" if has_place or self.org_id(svc) is not None else "digihelper"
        cid = None
        if "catalogue-id" in fields:
            apath, value = fields["catalogue-id"]
            if isinstance(value, str) and vocab.ID_PATTERN.match(value):
                cid = value
            else:
                self.error(apath, f"ongeldige catalogus-id '{value}': gebruik kleine letters, "
                                  "cijfers en koppeltekens")
        if cid is None:
            cid = derived_id(svc.get("id"), svc.get("name"))
        return etype, fields, cid

    def entry(self, path: str, svc: dict, etype: str, fields: dict, cid: str):
        name = self.text(svc, "name", path)
        ok = True
        if not name or not name.strip():
            self.error(path, "de naam ontbreekt")
            ok = False
        if not fields["themes"]:
            self.error(path, "er is geen enkel thema (gebruik een term van 'triage-themes')")
            ok = False
        languages = self.languages(svc, path)
        if not languages:
            self.error(path, "er is geen enkele taal opgegeven (languages)")
            ok = False
        sessions = self.sessions(svc, path) if etype == "course" else []
        if etype == "course" and not sessions:
            self.error(path, "deze cursus heeft geen enkele sessie met een datum")
            ok = False
        if not ok:
            return None
        entry = {"id": cid, "title" if etype == "course" else "name": name}
        org_ref = self.org_map.get(self.org_id(svc))
        if etype != "organisation" and org_ref:
            entry["organisation"] = org_ref
        org = {}  # an organisation entry falls back on its organization's contact data
        if etype == "organisation":
            org = self.organizations.get(self.org_id(svc)) or {}
        if etype != "digihelper":
            put_value(entry, "description", self.text(svc, "description", path))
        if etype == "organisation":
            put_value(entry, "type", self.field(fields, "organisation-type", str))
            put_value(entry, "address", self.address(svc, path))
        if etype != "course":
            put_value(entry, "phone", self.phone(svc, path, org))
            put_value(entry, "email", self.text(svc, "email", path) or str_or_none(org.get("email")))
        if etype == "organisation":
            put_value(entry, "website", self.text(svc, "url", path) or str_or_none(org.get("website")))
            hours = [s["description"] for _, s in self.children(svc, path, "schedules")
                     if isinstance(s.get("description"), str)]
            put_value(entry, "opening_hours", "; ".join(hours) if hours else None)
        default_kinds = ["leervraag"] if etype == "course" else ["hulpvraag"]
        entry.update(themes=fields["themes"], kinds=fields["kinds"] or default_kinds,
                     languages=languages, postcodes=self.postcodes(svc, path),
                     accessibility=fields["accessibility"],
                     target_groups=fields["target_groups"], active=self.active(svc, path))
        put_value(entry, "last_verified", self.text(svc, "assured_date", path))
        if etype == "digihelper":
            value = self.field(fields, "max-open-cases", int)
            entry["max_open_cases"] = 5 if value is None else value
        if etype == "course":
            put_value(entry, "level", fields.get("level"))
            put_value(entry, "location", self.course_location(svc, path))
            put_value(entry, "capacity", self.field(fields, "capacity", int))
            entry["cost_eur"] = self.cost(svc, path)
            entry["sessions"] = sessions
        return entry

    def field(self, fields: dict, code: str, kind):
        """Value of a triage-fields attribute: a whole number (kind int) or a text."""
        if code not in fields:
            return None
        apath, value = fields[code]
        text = value.strip() if isinstance(value, str) else ""
        if kind is int and re.fullmatch(r"[0-9]+", text) and (code != "capacity" or int(text)):
            return int(text)
        if kind is str and text:
            return value
        problem = f"'{value}' is geen geldig aantal" if kind is int else "de waarde ontbreekt"
        self.error(apath, f"{problem} voor {vocab.FIELDS[code].lower()}")
        return None

    def languages(self, svc: dict, path: str) -> list:
        codes = []
        for lpath, language in self.children(svc, path, "languages"):
            code = language.get("code")
            if not isinstance(code, str) or not code.strip():
                code = LANGUAGE_BY_NAME.get(str(language.get("name", "")).strip().lower())
            if isinstance(code, str) and LANGUAGE_CODE.match(code.strip().lower()):
                codes.append(code.strip().lower())
            else:
                self.error(lpath, f"onbekende taal '{code or language.get('name')}'")
        return codes

    def postcodes(self, svc: dict, path: str) -> list:
        result = []
        for apath, area in self.children(svc, path, "service_areas"):
            name = area.get("name")
            if isinstance(name, str) and vocab.POSTCODE_PATTERN.match(name):
                result.append(name)
                continue
            text = " ".join(str(area.get(k)) for k in ("name", "extent", "description")
                            if isinstance(area.get(k), str))
            found = POSTCODE_IN_TEXT.findall(text)
            if found:
                result.extend(found)
            else:
                self.error(apath, f"gebied '{name}' bevat geen Belgische postcode")
        return result

    def active(self, svc: dict, path: str) -> bool:
        status = svc.get("status")
        if status is not None and (not isinstance(status, str) or status not in STATUS_ACTIVE):
            self.error(f"{path}.status", f"onbekende status '{status}'")
        return STATUS_ACTIVE.get(status, True) if isinstance(status, str) else True

    def phone(self, svc: dict, path: str, org: dict):
        phones = [phone for _, phone in self.children(svc, path, "phones")]
        if not phones and isinstance(org.get("phones"), list):
            phones = [phone for phone in org["phones"] if isinstance(phone, dict)]
        return next((p["number"] for p in phones if isinstance(p.get("number"), str)), None)

    def place(self, svc: dict, path: str):
        for spath, link in self.children(svc, path, "service_at_locations"):
            location = link.get("location")
            if not isinstance(location, dict):
                location = self.locations.get(id_key(link.get("location_id")))
            if isinstance(location, dict):
                return spath, location
        return None, None

    def address(self, svc: dict, path: str):
        spath, location = self.place(svc, path)
        for _, address in self.objects((location or {}).get("addresses"), f"{spath}.addresses"):
            parts = [address.get("address_1"), address.get("address_2"),
                     " ".join(p for p in (address.get("postal_code"), address.get("city"))
                              if isinstance(p, str) and p)]
            return ", ".join(p for p in parts if isinstance(p, str) and p)
        return None

    def course_location(self, svc: dict, path: str):
        _, location = self.place(svc, path)
        return str_or_none((location or {}).get("name"))

    def cost(self, svc: dict, path: str):
        for cpath, option in self.children(svc, path, "cost_options"):
            amount = option.get("amount")
            if amount is None:
                continue
            if isinstance(amount, str):
                try:
                    amount = float(amount.replace(",", "."))
                except ValueError:
                    pass
            if isinstance(amount, (int, float)) and not isinstance(amount, bool) and amount >= 0:
                return amount
            self.error(f"{cpath}.amount", f"ongeldige prijs '{amount}'")
        return 0

    def sessions(self, svc: dict, path: str) -> list:
        sessions = []
        for spath, schedule in self.children(svc, path, "schedules"):
            day = schedule.get("dtstart") or schedule.get("valid_from")
            if not isinstance(day, str) or not day:
                self.error(spath, "sessie zonder datum (dtstart of valid_from)")
                continue
            opens, closes, end_day = (str_or_none(schedule.get(k)) for k in ("opens_at", "closes_at",
                                                                       "valid_to"))
            session = {"start": join_date_time(day, opens)}
            if end_day is not None or closes is not None:
                session["end"] = join_date_time(end_day or day, closes)
            bad = [v for v in session.values() if not is_date_time(v)]
            if bad:
                self.error(spath, f"ongeldige datum of tijd '{bad[0]}'")
                continue
            sessions.append(session)
        return sessions
