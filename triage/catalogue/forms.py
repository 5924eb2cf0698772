"""Coordinator forms for catalogue entries; they produce the file format's dict."""
import re

from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FileField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from triage.catalogue.codes import KIND_LABELS, LEVELS, NEEDS, ORG_TYPES, THEMES
from triage.catalogue.times import from_utc_naive
from triage.web.forms import BaseForm, MultiCheckboxField, WholeNumberField, choices, split_list
from triage.web.i18n import gettext
from triage.web.i18n import lazy_gettext as _l

_SESSION_LINE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s+(?P<start>\d{1,2}[:u.]\d{2})"
    r"(?:\s*(?:-|tot)\s*(?P<end>\d{1,2}[:u.]\d{2}))?$")


def _time(text: str) -> str:
    hours, minutes = re.split(r"[:u.]", text)
    return f"{int(hours):02d}:{minutes}:00"


def parse_sessions(text: str) -> tuple[list[dict], list[str]]:
    """Lines like '2026-12-08 14:00-16:00' (Brussels time) -> file-format sessions."""
    sessions, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _SESSION_LINE.match(line)
        if not match:
            errors.append(gettext("Regel %(number)s ('%(line)s') is geen sessie. Schrijf zo: 2026-12-08 14:00-16:00",
                                  number=number, line=line[:40]))
            continue
        day = match["date"]
        if "/" in day:
            d, m, y = day.split("/")
            day = f"{y}-{int(m):02d}-{int(d):02d}"
        session = {"start": f"{day}T{_time(match['start'])}"}
        if match["end"]:
            session["end"] = f"{day}T{_time(match['end'])}"
        sessions.append(session)
    return sessions, errors


def format_sessions(sessions) -> str:
    lines = []
    for s in sessions:
        start = from_utc_naive(s.starts_at)
        line = start.strftime("%Y-%m-%d %H:%M")
        if s.ends_at:
            line += "-" + from_utc_naive(s.ends_at).strftime("%H:%M")
        lines.append(line)
    return "\n".join(lines)


class EntryForm(BaseForm):
    code = StringField(_l("Id"), description=_l("Kleine letters, cijfers en koppeltekens, bv. dh-an."),
                       validators=[DataRequired(_l("Vul een id in.")), Length(max=64)])
    name = StringField(_l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=200)])
    themes = MultiCheckboxField(_l("Thema's"), choices=choices(THEMES),
                                validators=[DataRequired(_l("Kies minstens één thema."))])
    kinds = MultiCheckboxField(_l("Soort vragen"), choices=choices(KIND_LABELS),
                               validators=[DataRequired(_l("Kies minstens één soort vraag."))])
    languages = StringField(_l("Talen"), default="nl",
                            description=_l("Taalcodes, gescheiden door komma's, bv. nl, fr, en."),
                            validators=[DataRequired(_l("Vul minstens één taal in.")), Length(max=200)])
    postcodes = StringField(_l("Postcodes"), description=_l("Leeg laten als iedereen welkom is."),
                            validators=[Length(max=500)])
    accessibility = MultiCheckboxField(_l("Toegankelijkheid"), choices=choices(NEEDS))
    target_groups = StringField(_l("Doelgroepen"), description=_l("Bv. senioren, nieuwkomers."),
                                validators=[Length(max=300)])
    last_verified = DateField(_l("Laatst gecontroleerd"), validators=[Optional()],
                              description=_l("Datum waarop de gegevens nagekeken zijn."))
    active = BooleanField(_l("Actief"), default=True)
    submit = SubmitField(_l("Opslaan"))

    def common_data(self) -> dict:
        data = {
            "id": self.code.data.lower(),
            "themes": self.themes.data or [],
            "kinds": self.kinds.data or [],
            "languages": split_list(self.languages.data),
            "postcodes": split_list(self.postcodes.data),
            "accessibility": self.accessibility.data or [],
            "target_groups": split_list(self.target_groups.data),
            "active": bool(self.active.data),
        }
        if self.last_verified.data:
            data["last_verified"] = self.last_verified.data.isoformat()
        return data

    def load_entry(self, entry) -> None:
        self.code.data = entry.code
        self.name.data = entry.name
        self.themes.data = entry.themes
        self.kinds.data = entry.kinds
        self.languages.data = ", ".join(entry.languages)
        self.postcodes.data = ", ".join(entry.postcodes)
        self.accessibility.data = entry.accessibility
        self.target_groups.data = ", ".join(entry.target_groups)
        self.last_verified.data = entry.last_verified_on
        self.active.data = entry.active


def _optional(value):
    return value if value not in (None, "") else None


class OrganisationForm(EntryForm):
    org_type = SelectField(_l("Soort organisatie"), choices=choices([("", "(geen)"), *ORG_TYPES.items()]))
    description = TextAreaField(_l("Beschrijving"), validators=[Length(max=2000)])
    address = StringField(_l("Adres"), validators=[Length(max=300)])
    phone = StringField(_l("Telefoon"), validators=[Length(max=50)])
    email = StringField(_l("E-mailadres"), validators=[Length(max=254)])
    website = StringField(_l("Website"), validators=[Length(max=300)])
    opening_hours = StringField(_l("Openingsuren"), validators=[Length(max=300)])

    def to_data(self) -> dict:
        data = {**self.common_data(), "name": self.name.data}
        for key in ("description", "address", "phone", "email", "website", "opening_hours"):
            if _optional(getattr(self, key).data):
                data[key] = getattr(self, key).data
        if self.org_type.data:
            data["type"] = self.org_type.data
        return data

    def load_entry(self, entry) -> None:
        super().load_entry(entry)
        self.org_type.data = entry.org_type or ""
        for key in ("description", "address", "phone", "email", "website", "opening_hours"):
            getattr(self, key).data = getattr(entry, key)


class DigihelperForm(EntryForm):
    organisation = SelectField(_l("Organisatie"), choices=[])
    email = StringField(_l("E-mailadres"), validators=[Length(max=254)])
    phone = StringField(_l("Telefoon"), validators=[Length(max=50)])
    max_open_cases = WholeNumberField(
        _l("Maximum aantal open dossiers"), default=5,
        validators=[Optional(), NumberRange(0, 1000, "Kies een aantal van 0 tot 1000.")])
    user_id = SelectField(_l("Gekoppeld account"), choices=[], coerce=str)

    def to_data(self) -> dict:
        data = {**self.common_data(), "name": self.name.data,
                "max_open_cases": self.max_open_cases.data if self.max_open_cases.data is not None else 5}
        for key in ("email", "phone"):
            if _optional(getattr(self, key).data):
                data[key] = getattr(self, key).data
        if self.organisation.data:
            data["organisation"] = self.organisation.data
        return data

    def load_entry(self, entry) -> None:
        super().load_entry(entry)
        self.organisation.data = entry.organisation.code if entry.organisation else ""
        self.email.data = entry.email
        self.phone.data = entry.phone
        self.max_open_cases.data = entry.max_open_cases
        self.user_id.data = str(entry.user_id or "")


class CourseForm(EntryForm):
    name = StringField(_l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), Length(max=200)])
    organisation = SelectField(_l("Organisatie"), choices=[])
    description = TextAreaField(_l("Beschrijving"), validators=[Length(max=2000)])
    level = SelectField(_l("Niveau"), choices=choices([("", "(geen)"), *LEVELS.items()]))
    location = StringField(_l("Plaats"), validators=[Length(max=300)])
    capacity = WholeNumberField(_l("Aantal plaatsen"), validators=[
        Optional(), NumberRange(1, 10000, "Kies een aantal van 1 tot 10000.")])
    cost_eur = DecimalField(_l("Prijs in euro"), default=0, places=2, validators=[
        Optional(), NumberRange(0, 100000, "De prijs kan niet negatief zijn.")])
    sessions = TextAreaField(
        _l("Sessies"), description=_l("Eén sessie per regel, zo: 2026-12-08 14:00-16:00."),
        validators=[DataRequired(_l("Vul minstens één sessie in.")), Length(max=5000)])

    def to_data(self) -> dict:
        sessions, self.session_errors = parse_sessions(self.sessions.data)
        data = {**self.common_data(), "title": self.name.data, "sessions": sessions,
                "cost_eur": float(self.cost_eur.data or 0)}
        for key in ("description", "location"):
            if _optional(getattr(self, key).data):
                data[key] = getattr(self, key).data
        if self.level.data:
            data["level"] = self.level.data
        if self.capacity.data is not None:
            data["capacity"] = self.capacity.data
        if self.organisation.data:
            data["organisation"] = self.organisation.data
        return data

    def load_entry(self, entry) -> None:
        super().load_entry(entry)
        self.organisation.data = entry.organisation.code if entry.organisation else ""
        self.description.data = entry.description
        self.level.data = entry.level or ""
        self.location.data = entry.location
        self.capacity.data = entry.capacity
        self.cost_eur.data = entry.cost_eur
        self.sessions.data = format_sessions(entry.sessions)


FORMS = {"organisation": OrganisationForm, "digihelper": DigihelperForm, "course": CourseForm}


class ImportForm(BaseForm):
    file = FileField(_l("Catalogusbestand (JSON)"))
    fmt = RadioField(_l("Formaat"), default="triage", choices=choices([
        ("triage", "Eigen formaat (catalogusbestand)"), ("hsds", "Open Referral HSDS 3.0")]))
    submit = SubmitField(_l("Inlezen"))


