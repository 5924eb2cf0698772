"""Forms for a citizen's data (search, export, erase) and the filters of the audit log."""
import re

from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from triage.intake.citizens import normalise_email, normalise_phone
from triage.privacy.citizens import MAX_REQUESTS
from triage.privacy.erasure import REASONS
from triage.privacy.models import ACTIONS
from triage.web.forms import BaseForm, DayField, choices
from triage.web.i18n import gettext as _
from triage.web.i18n import lazy_gettext as _l

SEARCH_BY = {"reference": _l("Referentiecode (van het briefje)"), "phone": _l("Telefoonnummer"),
             "email": _l("E-mailadres")}
# The reasons a coordinator can pick (erasure.REASONS holds the Dutch words the audit log stores).
ERASE_REASONS = {"verzoek": _l("Op vraag van de burger"), "onterecht": _l("Onterecht bewaard")}
REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,11}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class CitizenSearchForm(BaseForm):
    by = RadioField(_l("Zoeken op"), default="reference", choices=choices(SEARCH_BY),
                    validators=[InputRequired(_l("Kies waarop je zoekt."))])
    value = StringField(_l("Wat zoek je?"), description=_l("Bijvoorbeeld K7M-4QX, 0470 12 34 56 of naam@voorbeeld.be."),
                        validators=[DataRequired(_l("Vul een referentiecode, telefoonnummer of e-mailadres in.")),
                                    Length(max=254, message=_l("Maximaal 254 tekens."))])
    submit = SubmitField(_l("Zoeken"))

    def validate_value(self, field):
        value = field.data or ""
        if self.by.data == "reference" and not REFERENCE.match(value.upper().replace(" ", "")):
            raise ValidationError(_("Een referentiecode heeft letters en cijfers, zoals K7M-4QX."))
        if self.by.data == "phone" and normalise_phone(value) is None:
            raise ValidationError(_("Vul een telefoonnummer in, zoals 0470 12 34 56."))
        if self.by.data == "email" and (normalise_email(value) is None or not EMAIL.match(value)):
            raise ValidationError(_("Vul een geldig e-mailadres in, zoals naam@voorbeeld.be."))


class SelectionForm(BaseForm):
    """The requests shown after a search, carried to the export or the erasure in the form (never the URL)."""

    refs = HiddenField(validators=[DataRequired(_l("Zoek eerst de gegevens van een burger."))])

    def validate_refs(self, field):
        if not self.selection_ok():
            raise ValidationError(_("Zoek eerst de gegevens van een burger."))

    def selection_ok(self) -> bool:
        refs = self.references()
        return bool(refs) and len(refs) <= MAX_REQUESTS and all(REFERENCE.match(r) for r in refs)

    def references(self) -> list[str]:
        return [r.strip().upper() for r in (self.refs.data or "").split(",") if r.strip()]


class ExportForm(SelectionForm):
    format = RadioField(_l("Bestand"), default="html", choices=choices({
        "html": _l("Leesbaar document (HTML, om te openen en af te drukken)"),
        "json": _l("Gegevensbestand (JSON, voor een ander programma)")}),
        validators=[InputRequired(_l("Kies een soort bestand."))])
    submit = SubmitField(_l("Downloaden"))


class EraseForm(SelectionForm):
    reason = RadioField(_l("Waarom wis je deze gegevens?"), choices=choices(
        {k: label for k, label in ERASE_REASONS.items() if k in REASONS}),
        validators=[InputRequired(_l("Kies waarom je de gegevens wist."))])
    confirm = BooleanField(_l("Ik begrijp dat dit niet ongedaan kan worden"),
                           validators=[DataRequired(_l("Vink aan dat je zeker bent."))])
    submit = SubmitField(_l("Ja, wis deze gegevens"))


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False  # a GET filter that changes nothing

    actor = SelectField(_l("Wie"), default="", validate_choice=False)
    reference = StringField(_l("Referentiecode"),
                            validators=[Optional(), Length(max=12, message=_l("Maximaal 12 tekens."))])
    action = SelectField(_l("Actie"), default="", choices=choices([("", _l("Alle acties")), *ACTIONS.items()]))
    start = DayField(_l("Van"), validators=[Optional()], format="%Y-%m-%d")
    end = DayField(_l("Tot en met"), validators=[Optional()], format="%Y-%m-%d")

    def validate_reference(self, field):
        if field.data and not REFERENCE.match(field.data.upper()):
            raise ValidationError(_("Een referentiecode heeft letters en cijfers, zoals K7M-4QX."))

    def validate_actor(self, field):
        if field.data and field.data != "systeem" and not field.data.isdigit():
            raise ValidationError(_("Kies iemand uit de lijst."))

    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_("De einddatum ligt voor de begindatum."))
