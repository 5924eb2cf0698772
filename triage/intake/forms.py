"""The counter's forms: a new question, the correction of its kind and themes, solved at the counter."""
import uuid

from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from triage.catalogue.codes import LANGUAGES, NEEDS
from triage.intake.labels import CHANNELS, TARGET_GROUPS
from triage.intake.services import MAX_QUESTION
from triage.web.forms import BaseForm, MultiCheckboxField, choices


class IntakeForm(BaseForm):
    question = TextAreaField(
        "Vraag van de burger", description="In de woorden van de burger. Geen naam of rijksregisternummer.",
        validators=[DataRequired("Vul de vraag van de burger in."),
                    Length(max=MAX_QUESTION, message=f"Maximaal {MAX_QUESTION} tekens.")])
    postcode = StringField("Postcode", validators=[
        Optional(), Regexp(r"^[1-9][0-9]{3}$", message="Een Belgische postcode heeft 4 cijfers, zoals 2800.")])
    language = SelectField("Taal waarin de burger geholpen wil worden", default="nl",
                           choices=choices(LANGUAGES))
    channel = RadioField("Hoe kwam de vraag binnen?", default="balie", choices=choices(CHANNELS))
    needs = MultiCheckboxField("Heeft de burger iets nodig?", choices=choices(NEEDS))
    target_groups = MultiCheckboxField("Doelgroep (als het helpt)", choices=choices(TARGET_GROUPS))
    contact_name = StringField("Naam", validators=[Optional(), Length(max=120)])
    contact_phone = StringField("Telefoon", validators=[
        Optional(), Length(max=50), Regexp(r"^[0-9+ ()./-]{6,}$", message="Vul een telefoonnummer in.")])
    contact_email = StringField("E-mailadres", validators=[
        Optional(), Length(max=254), Email("Vul een geldig e-mailadres in.", check_deliverability=False)])
    contact_consent = BooleanField("De burger gaat akkoord dat we deze gegevens bewaren om de vraag op te volgen")
    idempotency_key = HiddenField(default=lambda: uuid.uuid4().hex,
                                  validators=[Optional(), Regexp(r"^[0-9a-f]{32}$")])
    submit = SubmitField("Vraag opslaan en aanbod zoeken")


class SearchForm(BaseForm):
    class Meta:
        csrf = False

    code = StringField("Referentiecode", validators=[DataRequired("Vul een referentiecode in."), Length(max=12)])
