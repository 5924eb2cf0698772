"""Writes for a digihelper: pick up a request from the open pool as an accepted referral."""
from sqlalchemy import select, update

from triage.catalogue.models import CatalogueEntry, Digihelper
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.matching.rules import first_failure
from triage.matching.snapshot import offers_from_entries
from triage.referrals import services
from triage.referrals.models import Referral
from triage.referrals.queries import current_load

TAKEN = ("Deze vraag staat niet meer in de pool: iemand anders heeft ze net opgenomen "
         "of de balie heeft ze doorverwezen.")
# Why this digihelper cannot take the request, in their own words (matching failure codes).
YOU_CANNOT = {
    "inactive": "Je staat in het aanbod als niet actief. Vraag de coördinator om je weer actief te zetten.",
    "kind": "Je neemt geen hulpvragen aan. Vraag de coördinator om je profiel aan te passen.",
    "language": "Je spreekt de taal van deze burger niet.",
    "area": "Deze burger woont buiten de gemeenten waar jij helpt.",
    "need": "Deze burger heeft iets nodig dat jij niet kan bieden (toegankelijkheid).",
    "capacity": ("Je hebt al je maximum aantal open dossiers. Sluit eerst een dossier af, "
                 "of vraag de coördinator om je maximum te verhogen."),
}


def _why_not(request: HelpRequest, entry: Digihelper) -> str | None:
    offer = offers_from_entries([entry])[0]
    wanted = services.match_request_for(request, utcnow())
    if not set(offer.themes) & set(wanted.themes):
        return "Deze vraag valt buiten jouw thema's."
    code = first_failure(offer, wanted, current_load())
    return YOU_CANNOT.get(code, "Je kan deze vraag niet opnemen.") if code else None


def pick_up(request: HelpRequest, entry: Digihelper, actor_id: int | None) -> Referral:
    """Take a pooled request: it becomes this digihelper's accepted referral; the first one to ask wins."""
    # Lock the entry before the request, in the same order as create_referral, so the two never deadlock.
    db.session.execute(select(CatalogueEntry.id).where(CatalogueEntry.id == entry.id).with_for_update())
    if request.status is not RequestStatus.POOL:
        raise ServiceError(TAKEN)
    reason = _why_not(request, entry)
    if reason:
        raise ServiceError(reason)
    # Claim the request only if it is still in the pool: of two digihelpers at once, one update matches.
    claimed = db.session.execute(
        update(HelpRequest).where(HelpRequest.id == request.id, HelpRequest.status == RequestStatus.POOL)
        .values(status=RequestStatus.REFERRED).execution_options(synchronize_session="fetch"))
    if claimed.rowcount != 1:
        raise ServiceError(TAKEN)
    return services.create_referral(request, entry, actor_id, accepted=True)
