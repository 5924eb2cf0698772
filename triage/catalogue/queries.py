"""Reads on the catalogue: the filtered list, lookups for forms."""
from sqlalchemy import Select, exists, or_, select

from triage.catalogue.models import CatalogueEntry, EntryTag, Organisation


def _has_tag(facet: str, value: str):
    return exists().where(EntryTag.entry_id == CatalogueEntry.id, EntryTag.facet == facet,
                          EntryTag.value == value)


def entry_list(search: str = "", entry_type: str = "", theme: str = "", language: str = "",
               active: str = "") -> Select:
    """Entries matching the coordinator's filters, active ones first, by name."""
    query = select(CatalogueEntry).order_by(CatalogueEntry.active.desc(), CatalogueEntry.name,
                                            CatalogueEntry.id)
    if search:
        like = f"%{search}%"
        query = query.where(or_(CatalogueEntry.name.ilike(like), CatalogueEntry.code.ilike(like),
                                CatalogueEntry.description.ilike(like)))
    if entry_type:
        query = query.where(CatalogueEntry.entry_type == entry_type)
    if theme:
        query = query.where(_has_tag("theme", theme))
    if language:
        query = query.where(_has_tag("language", language))
    if active == "ja":
        query = query.where(CatalogueEntry.active.is_(True))
    elif active == "nee":
        query = query.where(CatalogueEntry.active.is_(False))
    return query


def organisation_choices(db_session) -> list[tuple[str, str]]:
    rows = db_session.execute(select(Organisation.code, Organisation.name, Organisation.active)
                              .order_by(Organisation.name))
    return [(code, name + ("" if active else " (niet actief)")) for code, name, active in rows]
