"""Forms on a digihelper's case page: each carries the referral's version, the service checks the rest."""
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from triage.referrals.lifecycle import CONTACT_RESULTS, DECLINE_REASONS, OUTCOMES
from triage.web.forms import BaseForm, choices
from triage.web.i18n import lazy_gettext as _l

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
    submit = SubmitField(_l("Aanvaarden"))


class StartForm(CaseForm):
    submit = SubmitField(_l("Ik ben begonnen"))


def _select(label: str, placeholder: str, options: dict) -> SelectField:
    # The service refuses an empty or unknown value with a message on this field.
    return SelectField(label, choices=choices([("", placeholder), *options.items()]), validate_choice=False)


def _note(label: str, description: str = "") -> TextAreaField:
    return TextAreaField(label, description=description,
                         validators=[Optional(), Length(max=NOTE_MAX,
                                                      message=_l("Maximaal %(max)s tekens.", max=NOTE_MAX))])


class DeclineForm(CaseForm):
    reason = _select(_l("Reden"), _l("Kies een reden"), DECLINE_REASONS)
    note = _note(_l("Toelichting"), _l("Verplicht bij 'Andere reden'. De balie leest dit."))
    submit = SubmitField(_l("Weigeren"))


class ContactForm(CaseForm):
    result = _select(_l("Resultaat"), _l("Kies het resultaat"), CONTACT_RESULTS)
    note = _note(_l("Notitie (niet verplicht)"), _l("Bijvoorbeeld: morgen opnieuw bellen."))
    submit = SubmitField(_l("Contactpoging opslaan"))


class CloseForm(CaseForm):
    outcome = _select(_l("Hoe is het afgelopen?"), _l("Kies een uitkomst"), OUTCOMES)
    note = _note(_l("Korte notitie"), _l("Wat is er gebeurd? Geen gevoelige gegevens."))
    submit = SubmitField(_l("Afsluiten"))


# URL word -> (service action, form class, flash message on success); the word is also the form's prefix,
# so the several forms on one page keep their field ids apart.
ACTIONS = {
    "aanvaarden": ("accept", AcceptForm, _l("Je hebt de vraag aanvaard. Neem contact op met de burger.")),
    "weigeren": ("decline", DeclineForm, _l("Je hebt de vraag geweigerd. Ze gaat terug naar de balie.")),
    "starten": ("start", StartForm, _l("Het dossier staat op 'bezig'.")),
    "contact": ("contact", ContactForm, _l("Je contactpoging is opgeslagen.")),
    "afsluiten": ("close", CloseForm, _l("Het dossier is afgesloten. Bedankt!")),
}
