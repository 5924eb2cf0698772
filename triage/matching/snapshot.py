"""Offers from catalogue rows or from a catalogue file: the only place matching meets stored data."""
from collections.abc import Iterable, Mapping
from datetime import UTC

from triage.catalogue.codes import FILE_KEYS
from triage.catalogue.times import parse_datetime
from triage.matching.types import Offer


def offers_from_entries(entries: Iterable) -> list[Offer]:
    """CatalogueEntry rows -> Offers, by attribute access only (the caller loads rows and sessions)."""
    offers = []
    for entry in entries:
        if entry.entry_type not in FILE_KEYS:
            continue
        org = entry.organisation if entry.entry_type != "organisation" else None
        offers.append(Offer(
            type=entry.entry_type, id=entry.code, name=entry.name, active=entry.active is not False,
            organisation_id=org.code if org is not None else None,
            organisation_active=(org.active is not False) if org is not None else None,
            themes=entry.themes, kinds=entry.kinds, languages=entry.languages,
            postcodes=entry.postcodes, accessibility=entry.accessibility,
            target_groups=entry.target_groups,
            max_open_cases=entry.max_open_cases if entry.entry_type == "digihelper" else None,
            capacity=entry.capacity if entry.entry_type == "course" else None,
            # Stored as naive UTC, like every timestamp in the database.
            sessions=tuple(s.starts_at.replace(tzinfo=UTC) for s in getattr(entry, "sessions", None) or ()),
            location=entry.location, address=entry.address, phone=entry.phone,
            opening_hours=entry.opening_hours))
    return offers


def offers_from_catalogue_file(document: Mapping) -> list[Offer]:
    """A parsed catalogue file (contract format, already validated) -> Offers, in file order.

    Session times without an offset are Brussels time, as in the catalogue import.
    """
    organisations = {o["id"]: o for o in document.get("organisations", [])}
    offers = []
    for offer_type, key in FILE_KEYS.items():
        for item in document.get(key, []):
            org = organisations.get(item.get("organisation")) if offer_type != "organisation" else None
            offers.append(Offer(
                type=offer_type, id=item["id"], name=item.get("name") or item.get("title") or item["id"],
                active=item.get("active", True),
                organisation_id=item.get("organisation") if offer_type != "organisation" else None,
                organisation_active=org.get("active", True) if org is not None else None,
                themes=item.get("themes", ()), kinds=item.get("kinds", ()),
                languages=item.get("languages", ()), postcodes=item.get("postcodes", ()),
                accessibility=item.get("accessibility", ()), target_groups=item.get("target_groups", ()),
                max_open_cases=item.get("max_open_cases"), capacity=item.get("capacity"),
                sessions=tuple(parse_datetime(s["start"]) for s in item.get("sessions", ())),
                location=item.get("location"), address=item.get("address"), phone=item.get("phone"),
                opening_hours=item.get("opening_hours")))
    return offers
