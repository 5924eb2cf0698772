"""The referral lifecycle of DESIGN.md §4: which step may follow which, and the Dutch words for them."""
from triage.referrals.models import Mode, Status

# (action, from status) -> to status; an action not listed for a status is refused.
TRANSITIONS = {
    ("accept", Status.PROPOSED): Status.ACCEPTED,
    ("start", Status.ACCEPTED): Status.IN_PROGRESS,
    ("close", Status.IN_PROGRESS): Status.CLOSED,
    ("decline", Status.PROPOSED): Status.DECLINED,
    ("decline", Status.ACCEPTED): Status.DECLINED,
    ("decline", Status.IN_PROGRESS): Status.DECLINED,
    ("cancel", Status.PROPOSED): Status.CANCELLED,
}
# Signposted and enrolled referrals need nobody's acceptance: they start as accepted, are
# followed up by the counter and closed from there; cancelling frees a course place.
FOLLOW_UP_TRANSITIONS = {
    ("close", Status.ACCEPTED): Status.CLOSED,
    ("cancel", Status.ACCEPTED): Status.CANCELLED,
}

STATUS_LABELS = {
    Status.PROPOSED: "Voorgesteld, wacht op antwoord",
    Status.ACCEPTED: "Aanvaard",
    Status.IN_PROGRESS: "Bezig",
    Status.CLOSED: "Afgesloten",
    Status.DECLINED: "Geweigerd",
    Status.CANCELLED: "Geannuleerd",
}
ACTION_LABELS = {"accept": "aanvaarden", "start": "starten", "close": "afsluiten",
                 "decline": "weigeren", "cancel": "annuleren"}
MODE_LABELS = {Mode.ASSIGNED: "Digihelper", Mode.ENROLLED: "Ingeschreven voor cursus",
               Mode.SIGNPOSTED: "Doorverwezen naar organisatie"}

OUTCOMES = {
    "geholpen": "Geholpen: de taak is gedaan",
    "zelfstandig": "Zelfstandig: de burger kan het nu alleen",
    "deels": "Deels geholpen",
    "niet_geholpen": "Niet geholpen",
    "niet_opgedaagd": "Niet opgedaagd",
    "doorverwezen": "Doorverwezen naar ander aanbod",
    "onbereikbaar": "Onbereikbaar",
}
SUCCESS_OUTCOMES = ("geholpen", "zelfstandig")

DECLINE_REASONS = {
    "geen_tijd": "Geen tijd",
    "buiten_thema": "Buiten mijn thema",
    "buiten_gebied": "Buiten mijn gebied",
    "taal": "Taal",
    "andere": "Andere reden",
}

CONTACT_RESULTS = {
    "bereikt": "Bereikt",
    "niet_bereikt": "Niet bereikt",
    "bericht": "Bericht achtergelaten",
}


def next_status(mode: Mode, action: str, current: Status) -> Status | None:
    """The status after `action`, or None when the lifecycle does not allow it."""
    table = TRANSITIONS if mode is Mode.ASSIGNED else FOLLOW_UP_TRANSITIONS
    return table.get((action, current))


def allowed_actions(mode: Mode, current: Status) -> list[str]:
    return [a for a in ACTION_LABELS if next_status(mode, a, current) is not None]
