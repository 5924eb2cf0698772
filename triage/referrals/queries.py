"""Reads on referrals: the load of each catalogue entry, as hard rules 7 and 8 count it."""
from sqlalchemy import func, select

from triage.catalogue.models import CatalogueEntry
from triage.extensions import db
from triage.matching import Load
from triage.referrals.models import OPEN_STATUSES, Referral, Status


def current_load() -> Load:
    """Open referrals per digihelper and taken places per course, keyed by catalogue id."""
    open_rows = db.session.execute(
        select(CatalogueEntry.code, func.count(Referral.id))
        .join(Referral, Referral.target_id == CatalogueEntry.id)
        .where(CatalogueEntry.entry_type == "digihelper", Referral.status.in_(OPEN_STATUSES))
        .group_by(CatalogueEntry.code))
    taken_rows = db.session.execute(
        select(CatalogueEntry.code, func.count(Referral.id))
        .join(Referral, Referral.target_id == CatalogueEntry.id)
        .where(CatalogueEntry.entry_type == "course", Referral.status != Status.CANCELLED)
        .group_by(CatalogueEntry.code))
    return Load(open_cases={code: n for code, n in open_rows}, taken_places={code: n for code, n in taken_rows})
