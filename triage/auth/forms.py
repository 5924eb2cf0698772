"""Login and account forms."""
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from triage.auth.models import ROLE_LABELS
from triage.web.forms import BaseForm, choices

ROLE_CHOICES = choices(ROLE_LABELS)


class LoginForm(BaseForm):
    email = StringField("E-mailadres", validators=[DataRequired("Vul je e-mailadres in."),
                                                   Length(max=254)])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul je wachtwoord in."),
                                                       Length(max=200)])
    submit = SubmitField("Aanmelden")


class LogoutForm(BaseForm):
    submit = SubmitField("Afmelden")


class UserCreateForm(BaseForm):
    email = StringField("E-mailadres", validators=[
        DataRequired("Vul een e-mailadres in."),
        Email("Vul een geldig e-mailadres in.", check_deliverability=False), Length(max=254)])
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=120)])
    role = SelectField("Rol", choices=lambda: ROLE_CHOICES)
    password = PasswordField("Wachtwoord (minstens 10 tekens, geen veelgebruikt wachtwoord)", validators=[
        DataRequired("Vul een wachtwoord in."), Length(max=200)])
    submit = SubmitField("Account maken")


class UserEditForm(BaseForm):
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=120)])
    role = SelectField("Rol", choices=lambda: ROLE_CHOICES)
    password = PasswordField("Nieuw wachtwoord (leeg laten om het te houden)",
                             validators=[Length(max=200)])
    submit = SubmitField("Opslaan")


class PasswordChangeForm(BaseForm):
    current = PasswordField("Je huidige wachtwoord", validators=[
        DataRequired("Vul je huidige wachtwoord in."), Length(max=200)])
    new = PasswordField("Nieuw wachtwoord", description=(
        "Minstens 10 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden. "
        "Veelgebruikte wachtwoorden, je naam of de naam van de gemeente kan je niet kiezen."),
        validators=[DataRequired("Vul een nieuw wachtwoord in."), Length(max=200)])
    repeat = PasswordField("Herhaal het nieuwe wachtwoord", validators=[
        DataRequired("Herhaal het nieuwe wachtwoord."),
        EqualTo("new", "De twee nieuwe wachtwoorden zijn niet gelijk.")])
    submit = SubmitField("Wachtwoord wijzigen")


class TokenForm(BaseForm):
    name = StringField("Waarvoor dient het token?", description="Bijvoorbeeld: koppeling met het BI-systeem.",
                       validators=[DataRequired("Geef het token een naam."),
                                   Length(max=80, message="Maximaal 80 tekens.")])
    submit = SubmitField("API-token maken")
