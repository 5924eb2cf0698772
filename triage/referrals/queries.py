"""Reads on referrals: the load of each catalogue entry, as hard rules 7 and 8 count it."""
from sqlalchemy import select

from triage.catalogue.models import CatalogueEntry
from triage.extensions import db
from triage.matching import Load
from triage.referrals.models import CatalogueLoad


def current_load() -> Load:
    """Open referrals per digihelper and taken places per course, keyed by catalogue id: read from the
    counts the referral triggers keep (CatalogueLoad), not by counting every referral."""
    rows = db.session.connection().execute(
        select(CatalogueEntry.code, CatalogueEntry.entry_type, CatalogueLoad.open_referrals,
               CatalogueLoad.active_referrals)
        .join(CatalogueLoad, CatalogueLoad.entry_id == CatalogueEntry.id)
        .where(CatalogueEntry.entry_type.in_(("digihelper", "course"))))
    open_cases, taken_places = {}, {}
    for code, entry_type, open_referrals, active_referrals in rows:
        if entry_type == "digihelper" and open_referrals:
            open_cases[code] = open_referrals
        elif entry_type == "course" and active_referrals:
            taken_places[code] = active_referrals
    return Load(open_cases=open_cases, taken_places=taken_places)
