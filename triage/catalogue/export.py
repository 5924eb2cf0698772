"""The catalogue as a document in the contract's file format."""
from decimal import Decimal

from sqlalchemy import select

from triage.catalogue.codes import FILE_KEYS
from triage.catalogue.models import FACETS, MODEL_BY_TYPE, CatalogueEntry
from triage.catalogue.services import FIELDS
from triage.catalogue.times import format_iso
from triage.extensions import db


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def entry_to_dict(entry: CatalogueEntry) -> dict:
    entry_type = entry.entry_type
    data: dict = {"id": entry.code}
    for file_key, attr in FIELDS[entry_type].items():
        value = getattr(entry, attr)
        if value is None:
            continue
        data[file_key] = _number(value) if isinstance(value, Decimal) else value
    if entry_type != "organisation" and entry.organisation is not None:
        data["organisation"] = entry.organisation.code
    for key in FACETS:
        values = entry.facet(key)
        if values or key in ("themes", "kinds", "languages"):
            data[key] = values
    data["active"] = entry.active
    if entry.last_verified_on:
        data["last_verified"] = entry.last_verified_on.isoformat()
    if entry_type == "course":
        data["sessions"] = [
            {"start": format_iso(s.starts_at), **({"end": format_iso(s.ends_at)} if s.ends_at else {})}
            for s in entry.sessions]
    return data


def export_document() -> dict:
    document: dict = {"version": 1}
    for entry_type, key in FILE_KEYS.items():
        model = MODEL_BY_TYPE[entry_type]
        entries = db.session.scalars(select(model).order_by(model.code))
        document[key] = [entry_to_dict(e) for e in entries]
    return document
