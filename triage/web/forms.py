"""Form helpers shared by every module."""
import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, PasswordField, SelectMultipleField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.widgets import CheckboxInput, ListWidget

from triage.web.i18n import gettext as _
from triage.web.i18n import lazy_gettext as _l

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    """Strip surrounding space and control characters from submitted text."""
    if isinstance(value, str):
        return _CONTROL.sub("", value).strip()
    return value


class BaseForm(FlaskForm):
    """A CSRF-protected form whose text fields (not passwords) are cleaned before validation."""

    class Meta:
        locales = ("nl_NL", "nl")  # WTForms' own messages in Dutch

        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            # A password is used exactly as typed (ASVS 6.2.8): no stripping, no dropped characters.
            if clean_text not in filters and not issubclass(unbound_field.field_class, PasswordField):
                filters = [clean_text, *filters]
            return unbound_field.bind(form=form, filters=filters, **options)


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs or a dict -> WTForms choices."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(value, label) for value, label in items]


def split_list(value: str | None) -> list[str]:
    """'nl, fr ;en' -> ['nl', 'fr', 'en'], without duplicates, order kept."""
    seen: list[str] = []
    for part in re.split(r"[,;\s]+", value or ""):
        part = part.strip().lower()
        if part and part not in seen:
            seen.append(part)
    return seen


class ConfirmForm(BaseForm):
    """The confirmation step before a change that is hard to undo."""

    confirm = BooleanField(_l("Ik ben zeker"), validators=[DataRequired(_l("Vink aan dat je zeker bent."))])
    submit = SubmitField(_l("Bevestigen"))


class WholeNumberField(IntegerField):
    """An IntegerField whose error says, in plain Dutch, what to type."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_("Vul een geheel getal in, zoals 5.")) from exc


class DayField(DateField):
    """A DateField whose error says, in plain Dutch, how to write the date."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError("Vul een datum in, zoals 2026-12-08.") from exc


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
