"""The counter's forms: a new question, the correction of its kind and themes, solved at the counter."""
import uuid

from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from triage.catalogue.codes import LANGUAGES, NEEDS
from triage.intake.labels import CHANNELS, TARGET_GROUPS
from triage.intake.services import MAX_QUESTION
from triage.web.forms import BaseForm, MultiCheckboxField, choices
from triage.web.i18n import lazy_gettext as _l


class IntakeForm(BaseForm):
    question = TextAreaField(
        _l("Vraag van de burger"), description=_l("In de woorden van de burger. Geen naam of rijksregisternummer."),
        validators=[DataRequired(_l("Vul de vraag van de burger in.")),
                    Length(max=MAX_QUESTION, message=_l("Maximaal %(max)s tekens.", max=MAX_QUESTION))])
    postcode = StringField(_l("Postcode"), validators=[
        Optional(), Regexp(r"^[1-9][0-9]{3}$", message=_l("Een Belgische postcode heeft 4 cijfers, zoals 2800."))])
    language = SelectField(_l("Taal waarin de burger geholpen wil worden"), default="nl",
                           choices=choices(LANGUAGES))
    channel = RadioField(_l("Hoe kwam de vraag binnen?"), default="balie", choices=choices(CHANNELS))
    needs = MultiCheckboxField(_l("Heeft de burger iets nodig?"), choices=choices(NEEDS))
    target_groups = MultiCheckboxField(_l("Doelgroep (als het helpt)"), choices=choices(TARGET_GROUPS))
    contact_name = StringField(_l("Naam"), validators=[Optional(), Length(max=120)])
    contact_phone = StringField(_l("Telefoon"), validators=[
        Optional(), Length(max=50), Regexp(r"^[0-9+ ()./-]{6,}$", message=_l("Vul een telefoonnummer in."))])
    contact_email = StringField(_l("E-mailadres"), validators=[
        Optional(), Length(max=254), Email(_l("Vul een geldig e-mailadres in."), check_deliverability=False)])
    contact_reach_by = StringField(
        _l("Anders bereikbaar (niet verplicht)"), validators=[Optional(), Length(max=200)],
        description=_l("Zonder telefoon of e-mail: hoe bereiken we de burger? Bv. via de buurvrouw, "
                       "komt zelf terug naar de balie."))
    contact_consent = BooleanField(_l("De burger gaat akkoord dat we deze gegevens bewaren om de vraag op te volgen"))
    idempotency_key = HiddenField(default=lambda: uuid.uuid4().hex,
                                  validators=[Optional(), Regexp(r"^[0-9a-f]{32}$")])
    submit = SubmitField(_l("Vraag opslaan en aanbod zoeken"))


class SearchForm(BaseForm):
    class Meta:
        csrf = False

    code = StringField(_l("Referentiecode"),
                       validators=[DataRequired(_l("Vul een referentiecode in.")), Length(max=12)])
