"""Login and account forms."""
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length

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
    password = PasswordField("Wachtwoord (minstens 10 tekens)", validators=[
        DataRequired("Vul een wachtwoord in."), Length(max=200)])
    submit = SubmitField("Account maken")


class UserEditForm(BaseForm):
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=120)])
    role = SelectField("Rol", choices=lambda: ROLE_CHOICES)
    password = PasswordField("Nieuw wachtwoord (leeg laten om het te houden)",
                             validators=[Length(max=200)])
    submit = SubmitField("Opslaan")
