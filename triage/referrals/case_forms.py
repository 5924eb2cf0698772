"""Forms on a digihelper's case page: each carries the referral's version, the service checks the rest."""
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from triage.referrals.lifecycle import CONTACT_RESULTS, DECLINE_REASONS, OUTCOMES
from triage.web.forms import BaseForm, choices

NOTE_MAX = 2000


class CaseForm(BaseForm):
    """A lifecycle step on one referral; `version` is the one the page showed."""

    version = HiddenField()

    def expected_version(self) -> int:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return -1  # no or a broken version: treat as changed by someone else


class AcceptForm(CaseForm):
    submit = SubmitField("Aanvaarden")


class StartForm(CaseForm):
    submit = SubmitField("Ik ben begonnen")


def _select(label: str, placeholder: str, options: dict) -> SelectField:
    # The service refuses an empty or unknown value with a message on this field.
    return SelectField(label, choices=choices([("", placeholder), *options.items()]), validate_choice=False)


def _note(label: str, description: str = "") -> TextAreaField:
    return TextAreaField(label, description=description,
                         validators=[Optional(), Length(max=NOTE_MAX, message=f"Maximaal {NOTE_MAX} tekens.")])


class DeclineForm(CaseForm):
    reason = _select("Reden", "Kies een reden", DECLINE_REASONS)
    note = _note("Toelichting", "Verplicht bij 'Andere reden'. De balie leest dit.")
    submit = SubmitField("Weigeren")


class ContactForm(CaseForm):
    result = _select("Resultaat", "Kies het resultaat", CONTACT_RESULTS)
    note = _note("Notitie (niet verplicht)", "Bijvoorbeeld: morgen opnieuw bellen.")
    submit = SubmitField("Contactpoging opslaan")


class CloseForm(CaseForm):
    outcome = _select("Hoe is het afgelopen?", "Kies een uitkomst", OUTCOMES)
    note = _note("Korte notitie", "Wat is er gebeurd? Geen gevoelige gegevens.")
    submit = SubmitField("Afsluiten")


# URL word -> (service action, form class, flash message on success); the word is also the form's prefix,
# so the several forms on one page keep their field ids apart.
ACTIONS = {
    "aanvaarden": ("accept", AcceptForm, "Je hebt de vraag aanvaard. Neem contact op met de burger."),
    "weigeren": ("decline", DeclineForm, "Je hebt de vraag geweigerd. Ze gaat terug naar de balie."),
    "starten": ("start", StartForm, "Het dossier staat op 'bezig'."),
    "contact": ("contact", ContactForm, "Je contactpoging is opgeslagen."),
    "afsluiten": ("close", CloseForm, "Het dossier is afgesloten. Bedankt!"),
}
