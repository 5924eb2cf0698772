"""The counter's forms on a logged request: correct its kind and themes, refer, solve, follow up."""
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from triage.catalogue.codes import KIND_LABELS, THEMES
from triage.intake.services import SOLVED_OUTCOMES
from triage.referrals.lifecycle import OUTCOMES
from triage.web.forms import BaseForm, choices
from triage.web.i18n import lazy_gettext as _l


class LabelForm(BaseForm):
    kind = RadioField(_l("Soort vraag"), choices=choices(KIND_LABELS),
                      validators=[DataRequired(_l("Kies hulpvraag of leervraag."))])
    theme = SelectField(_l("Thema"), choices=choices(THEMES))
    # Checked by the service (a known theme or nothing), so an absent field is simply "none".
    theme2 = SelectField(_l("Tweede thema (als er een is)"), choices=choices([("", "(geen)"), *THEMES.items()]),
                         validate_choice=False)
    submit = SubmitField(_l("Indeling bevestigen"))


class SolvedForm(BaseForm):
    outcome = RadioField(_l("Hoe is de burger geholpen?"), choices=choices(SOLVED_OUTCOMES),
                         validators=[DataRequired(_l("Kies hoe de burger geholpen is."))])
    note = TextAreaField(_l("Korte notitie (niet verplicht)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Afsluiten: ter plaatse geholpen"))


class ReferForm(BaseForm):
    target = StringField(validators=[DataRequired(), Regexp(r"^(digihelper|course|organisation):[a-z0-9-]{1,64}$")])
    submit = SubmitField(_l("Doorverwijzen"))


class ReferralActionForm(BaseForm):
    """Cancel a referral, or close a followed-up one with its outcome."""

    version = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]+$")])
    outcome = RadioField(_l("Hoe is het afgelopen?"), choices=choices(OUTCOMES), validators=[Optional()])
    note = TextAreaField(_l("Korte notitie (niet verplicht)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Opslaan"))
