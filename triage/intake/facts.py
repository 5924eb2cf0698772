"""What the reports keep of a logged question: the online services it names and the citizen's key."""
from flask import current_app

from triage.intake.citizens import citizen_key
from triage.intake.online_services import detect_services


def reporting_facts(intake) -> tuple[list[str], str | None]:
    """(services, citizen_key) for an intake.services.Intake; the key only with consent to keep contact."""
    key = None
    if intake.contact_consent:
        key = citizen_key(intake.contact_phone, intake.contact_email, current_app.config["SECRET_KEY"])
    return detect_services(intake.question), key
