"""Login and account forms."""
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from triage.auth.models import ROLE_LABELS
from triage.web.forms import BaseForm, choices
from triage.web.i18n import lazy_gettext as _l

ROLE_CHOICES = choices(ROLE_LABELS)


class LoginForm(BaseForm):
    email = StringField(_l("E-mailadres"), validators=[DataRequired(_l("Vul je e-mailadres in.")),
                                                   Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(_l("Vul je wachtwoord in.")),
                                                       Length(max=200)])
    submit = SubmitField(_l("Aanmelden"))


class LogoutForm(BaseForm):
    submit = SubmitField(_l("Afmelden"))


class UserCreateForm(BaseForm):
    email = StringField(_l("E-mailadres"), validators=[
        DataRequired(_l("Vul een e-mailadres in.")),
        Email(_l("Vul een geldig e-mailadres in."), check_deliverability=False), Length(max=254)])
    name = StringField(_l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=120)])
    role = SelectField(_l("Rol"), choices=lambda: ROLE_CHOICES)
    password = PasswordField(_l("Wachtwoord (minstens 10 tekens, geen veelgebruikt wachtwoord)"), validators=[
        DataRequired(_l("Vul een wachtwoord in.")), Length(max=200)])
    submit = SubmitField(_l("Account maken"))


class UserEditForm(BaseForm):
    name = StringField(_l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=120)])
    role = SelectField(_l("Rol"), choices=lambda: ROLE_CHOICES)
    password = PasswordField(_l("Nieuw wachtwoord (leeg laten om het te houden)"),
                             validators=[Length(max=200)])
    submit = SubmitField(_l("Opslaan"))


class PasswordChangeForm(BaseForm):
    current = PasswordField(_l("Je huidige wachtwoord"), validators=[
        DataRequired(_l("Vul je huidige wachtwoord in.")), Length(max=200)])
    new = PasswordField(_l("Nieuw wachtwoord"), description=_l(
        "Minstens 10 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden. "
        "Veelgebruikte wachtwoorden, je naam of de naam van de gemeente kan je niet kiezen."),
        validators=[DataRequired(_l("Vul een nieuw wachtwoord in.")), Length(max=200)])
    repeat = PasswordField(_l("Herhaal het nieuwe wachtwoord"), validators=[
        DataRequired(_l("Herhaal het nieuwe wachtwoord.")),
        EqualTo("new", _l("De twee nieuwe wachtwoorden zijn niet gelijk."))])
    submit = SubmitField(_l("Wachtwoord wijzigen"))


class TokenForm(BaseForm):
    name = StringField(_l("Waarvoor dient het token?"), description=_l("Bijvoorbeeld: koppeling met het BI-systeem."),
                       validators=[DataRequired(_l("Geef het token een naam.")),
                                   Length(max=80, message=_l("Maximaal 80 tekens."))])
    submit = SubmitField(_l("API-token maken"))
