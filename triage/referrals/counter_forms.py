"""The counter's forms on a logged request: correct its kind and themes, refer, solve, follow up."""
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from triage.catalogue.codes import KIND_LABELS, THEMES
from triage.intake.services import SOLVED_OUTCOMES
from triage.referrals.lifecycle import OUTCOMES
from triage.web.forms import BaseForm, choices


class LabelForm(BaseForm):
    kind = RadioField("Soort vraag", choices=choices(KIND_LABELS),
                      validators=[DataRequired("Kies hulpvraag of leervraag.")])
    theme = SelectField("Thema", choices=choices(THEMES))
    # Checked by the service (a known theme or nothing), so an absent field is simply "none".
    theme2 = SelectField("Tweede thema (als er een is)", choices=choices([("", "(geen)"), *THEMES.items()]),
                         validate_choice=False)
    submit = SubmitField("Indeling bevestigen")


class SolvedForm(BaseForm):
    outcome = RadioField("Hoe is de burger geholpen?", choices=choices(SOLVED_OUTCOMES),
                         validators=[DataRequired("Kies hoe de burger geholpen is.")])
    note = TextAreaField("Korte notitie (niet verplicht)", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Afsluiten: ter plaatse geholpen")


class ReferForm(BaseForm):
    target = StringField(validators=[DataRequired(), Regexp(r"^(digihelper|course|organisation):[a-z0-9-]{1,64}$")])
    submit = SubmitField("Doorverwijzen")


class ReferralActionForm(BaseForm):
    """Cancel a referral, or close a followed-up one with its outcome."""

    version = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]+$")])
    outcome = RadioField("Hoe is het afgelopen?", choices=choices(OUTCOMES), validators=[Optional()])
    note = TextAreaField("Korte notitie (niet verplicht)", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Opslaan")
