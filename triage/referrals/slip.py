"""What the citizen's slip says, in plain Dutch (B1): where to go or who will call, when, what to bring."""
from datetime import UTC

from flask import current_app

from triage.catalogue.models import CatalogueEntry
from triage.catalogue.times import BRUSSELS
from triage.db import utcnow
from triage.intake.models import HelpRequest
from triage.referrals.models import Mode, Referral

DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
ID_THEMES = {"digitale-sleutels", "burgerprofiel", "belastingen", "sociale-zekerheid", "gemeente-eloket",
             "gezondheid", "werk", "wonen-energie"}


def spoken_date(value) -> str:
    local = value.replace(tzinfo=UTC).astimezone(BRUSSELS)
    return f"{DAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]} om {local.hour}.{local.minute:02d} uur"


def what_to_bring(request: HelpRequest) -> list[str]:
    themes = {request.theme, request.theme2}
    items = []
    if themes & ID_THEMES:
        items.append("uw identiteitskaart (eID) en de pincode")
    if "bankieren" in themes:
        items.append("uw bankkaart en uw kaartlezer van de bank, als u die hebt")
    if "toegang" not in themes:
        items.append("uw gsm, tablet of laptop, met de lader")
    items.append("de brieven of e-mails over uw vraag")
    items.append("uw wachtwoorden, als u ze hebt opgeschreven")
    return items


def _next_session(entry: CatalogueEntry):
    now = utcnow()
    return next((s.starts_at for s in getattr(entry, "sessions", []) if s.starts_at > now), None)


def slip_content(request: HelpRequest, referral: Referral | None, entry: CatalogueEntry | None) -> dict:
    """Headings and short sentences for the slip; no jargon (no 'hulpvraag', 'leervraag')."""
    steps: list[str] = []
    place: dict = {}
    if referral is None or entry is None:
        steps.append("Een helper neemt uw vraag op. Hij of zij belt u om een afspraak te maken.")
    elif referral.mode is Mode.ASSIGNED:
        first_name = entry.name.split()[0]
        steps.append(f"{first_name} helpt u verder. {first_name} belt u binnen 2 werkdagen.")
        steps.append("Samen maakt u een afspraak.")
    elif referral.mode is Mode.ENROLLED:
        steps.append(f"U bent ingeschreven voor de cursus '{entry.name}'.")
        session = _next_session(entry)
        if session:
            steps.append(f"De eerste les is op {spoken_date(session)}.")
        place = {"name": entry.organisation.name if entry.organisation else entry.name,
                 "address": entry.location or (entry.organisation.address if entry.organisation else None)}
        cost = entry.cost_eur or 0
        price = f"{float(cost):.2f}".replace(".", ",")
        steps.append("De cursus is gratis." if not cost else f"De cursus kost {price} euro.")
    else:
        steps.append(f"Ga met dit briefje naar {entry.name}.")
        steps.append("Zeg dat de balie u stuurt, en toon uw code.")
        place = {"name": entry.name, "address": entry.address, "hours": entry.opening_hours,
                 "phone": entry.phone, "website": entry.website}
    if not (request.contact_phone or request.contact_email):
        steps.append("U gaf geen telefoonnummer. Kom terug naar de balie of bel ons als u niets hoort.")
    config = current_app.config
    return {"steps": steps, "place": {k: v for k, v in place.items() if v}, "bring": what_to_bring(request),
            "counter_phone": config.get("COUNTER_PHONE"), "town": config["TOWN_NAME"]}
