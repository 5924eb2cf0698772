"""Writes on the catalogue: save one entry, import a whole file, (de)activate. Flush, never commit."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from triage.catalogue.codes import FILE_KEYS
from triage.catalogue.models import FACETS, MODEL_BY_TYPE, CatalogueEntry, CourseSession
from triage.catalogue.times import parse_datetime, to_utc_naive
from triage.catalogue.validation import validate_document
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.web.i18n import gettext

# File field -> model attribute, per entry type (besides id, the facets and active).
FIELDS = {
    "organisation": {"name": "name", "type": "org_type", "description": "description",
                     "address": "address", "phone": "phone", "email": "email",
                     "website": "website", "opening_hours": "opening_hours"},
    "digihelper": {"name": "name", "email": "email", "phone": "phone",
                   "max_open_cases": "max_open_cases"},
    "course": {"title": "name", "description": "description", "level": "level",
               "location": "location", "capacity": "capacity", "cost_eur": "cost_eur"},
}
DEFAULTS = {
    "digihelper": {"max_open_cases": 5},
    "course": {"kinds": ["leervraag"], "cost_eur": 0},
}


class CatalogueFileError(ServiceError):
    """A catalogue file or entry that cannot be saved; `errors` lists every problem."""

    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} fout(en) gevonden; er is niets gewijzigd.")
        self.errors = errors


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: {k: 0 for k in FILE_KEYS})
    updated: dict[str, int] = field(default_factory=lambda: {k: 0 for k in FILE_KEYS})

    def summary(self) -> str:
        from triage.catalogue.codes import ENTRY_TYPES

        parts = [f"{ENTRY_TYPES[t].lower()}: {self.created[t]} nieuw, {self.updated[t]} bijgewerkt"
                 for t in FILE_KEYS]
        return "; ".join(parts)


def find_entry(entry_type: str, code: str) -> CatalogueEntry | None:
    model = MODEL_BY_TYPE[entry_type]
    return db.session.scalar(select(model).where(model.code == code))


def organisation_codes() -> set[str]:
    model = MODEL_BY_TYPE["organisation"]
    return set(db.session.scalars(select(model.code)))


def _apply(entry: CatalogueEntry, entry_type: str, data: dict) -> None:
    values = {**DEFAULTS.get(entry_type, {}), **data}
    # Tags and sessions live in other tables: touch the row so readers see the change.
    entry.updated_at = utcnow()
    for file_key, attr in FIELDS[entry_type].items():
        value = values.get(file_key)
        if attr == "cost_eur" and value is not None:
            value = Decimal(str(value))
        if isinstance(value, str):
            value = value.strip() or None
        setattr(entry, attr, value)
    entry.active = bool(values.get("active", True))
    for key in FACETS:
        entry.set_facet(key, list(values.get(key) or []))
    verified = values.get("last_verified")
    entry.last_verified_on = date.fromisoformat(verified) if verified else entry.last_verified_on
    org_code = values.get("organisation")
    if entry_type != "organisation":
        entry.organisation = find_entry("organisation", org_code) if org_code else None
    if entry_type == "course":
        entry.sessions = [
            CourseSession(starts_at=to_utc_naive(parse_datetime(s["start"])),
                          ends_at=to_utc_naive(parse_datetime(s["end"])) if s.get("end") else None)
            for s in values.get("sessions") or []]


def upsert_entry(entry_type: str, data: dict) -> tuple[CatalogueEntry, bool]:
    """Create or update the entry with this id from validated file data; True when created."""
    entry = find_entry(entry_type, data["id"])
    created = entry is None
    if created:
        entry = MODEL_BY_TYPE[entry_type](code=data["id"])
        db.session.add(entry)
    _apply(entry, entry_type, data)
    db.session.flush()
    return entry, created


def entry_problems(entry_type: str, data: dict, existing: CatalogueEntry | None = None) -> list[str]:
    """Everything wrong with one entry, as 'field: message' lines (empty when it can be saved)."""
    problems = []
    if existing is None or data.get("id") != existing.code:
        if data.get("id") and find_entry(entry_type, data["id"]) is not None:
            problems.append(f"id: de id '{data['id']}' is al in gebruik")
    key = FILE_KEYS[entry_type]
    errors = validate_document({"version": 1, key: [data]}, organisation_codes())
    return problems + [e.replace(f"{key}[0].", "", 1) for e in errors]


def save_entry(entry_type: str, data: dict, existing: CatalogueEntry | None = None) -> CatalogueEntry:
    """Validate one entry as the file format would, then save it (a form's write path)."""
    problems = entry_problems(entry_type, data, existing)
    if problems:
        raise CatalogueFileError(problems)
    if existing is not None:
        existing.code = data["id"]
        _apply(existing, entry_type, data)
        db.session.flush()
        return existing
    return upsert_entry(entry_type, data)[0]


def import_document(document) -> ImportResult:
    """Validate the whole file, then upsert every entry by id; a bad file changes nothing."""
    errors = validate_document(document, organisation_codes())
    if errors:
        raise CatalogueFileError(errors)
    result = ImportResult()
    with db.session.no_autoflush:
        for entry_type, key in FILE_KEYS.items():  # organisations first: others refer to them
            for data in document.get(key) or []:
                _, created = upsert_entry(entry_type, data)
                (result.created if created else result.updated)[entry_type] += 1
    db.session.flush()
    return result


def set_entry_active(entry: CatalogueEntry, active: bool) -> None:
    entry.active = active
    entry.updated_at = utcnow()
    db.session.flush()


def mark_verified(entry: CatalogueEntry, on: date) -> None:
    entry.last_verified_on = on
    db.session.flush()


def link_user(entry: CatalogueEntry, user_id: int | None) -> None:
    if entry.entry_type != "digihelper":
        raise ServiceError(gettext("Alleen een digihelper kan aan een account gekoppeld worden."))
    if user_id is not None:
        other = db.session.scalar(select(CatalogueEntry).where(
            CatalogueEntry.user_id == user_id, CatalogueEntry.id != entry.id))
        if other is not None:
            raise ServiceError(gettext("Dit account is al gekoppeld aan %(name)s.", name=other.name), field="user_id")
    entry.user_id = user_id
    db.session.flush()
