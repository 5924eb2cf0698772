"""The citizen's slip in plain language (B1), in the citizen's language: where to go or who calls, what to bring.

Texts are Dutch msgids in the gettext domain "slip" (keyword slip_); translators keep one
triage/translations/<lang>/LC_MESSAGES/slip.po per language. The .po files are read once per process, so
a new language needs no compile step and no code: drop its slip.po in place (scripts/translations.sh).
"""
from datetime import UTC
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from babel.support import NullTranslations, Translations
from flask import current_app

from triage.catalogue.models import CatalogueEntry
from triage.catalogue.times import BRUSSELS
from triage.db import utcnow
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals.models import Mode, Referral

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SOURCE_LANGUAGE = "nl"
# Each language's own name, for the staff's "print in ..." links; order as shown.
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English", "ar": "العربية",
                  "uk": "Українська", "tr": "Türkçe"}
RIGHT_TO_LEFT = {"ar", "fa", "prs", "ps", "he", "ur"}
# Babel locale per language: Belgian formats where Belgium has them.
FORMAT_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_BE"}
TIME_FORMATS = {"nl": "H.mm 'uur'", "fr": "H'h'mm"}  # as people write it here: 10.00 uur, 10h00
ID_THEMES = {"digitale-sleutels", "burgerprofiel", "belastingen", "sociale-zekerheid", "gemeente-eloket",
             "gezondheid", "werk", "wonen-energie"}


def available_languages() -> list[str]:
    """Dutch and every language with a slip.po, in LANGUAGE_NAMES order, then the rest by code."""
    found = {p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/slip.po")}
    ordered = [code for code in LANGUAGE_NAMES if code == SOURCE_LANGUAGE or code in found]
    return ordered + sorted(found - set(ordered))


def language_choices() -> dict[str, str]:
    """code -> the language's own name, for every language the slip can be printed in."""
    return {code: LANGUAGE_NAMES.get(code, code) for code in available_languages()}


@lru_cache(maxsize=32)
def _catalogue(language: str) -> NullTranslations:
    """The language's slip texts, read from its .po once per process (fuzzy entries left out)."""
    path = TRANSLATIONS / language / "LC_MESSAGES" / "slip.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain="slip")
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="slip")


class SlipText:
    """slip_("Dutch text %(name)s", name=...) in one language; an untranslated text stays Dutch."""

    def __init__(self, language: str):
        self.language = language if language in available_languages() else SOURCE_LANGUAGE
        self.locale = FORMAT_LOCALES.get(self.language, self.language)
        self.direction = "rtl" if self.language in RIGHT_TO_LEFT else "ltr"
        self._translations = _catalogue(self.language)

    def __call__(self, message: str, **values) -> str:
        text = self._translations.gettext(message)
        return text % values if values else text


def slip_language(requested: str | None, request: HelpRequest) -> str:
    """?taal= if the slip exists in it, else the citizen's language, else Dutch."""
    languages = available_languages()
    for code in (requested, request.language):
        if code and code.strip().lower() in languages:
            return code.strip().lower()
    return SOURCE_LANGUAGE


def _when(value, slip_: SlipText) -> str:
    local = value.replace(tzinfo=UTC).astimezone(BRUSSELS)
    return slip_("De eerste les is op %(date)s om %(time)s.",
                 date=format_date(local.date(), "full", locale=slip_.locale),
                 time=format_time(local.time(), TIME_FORMATS.get(slip_.language, "short"), locale=slip_.locale))


def what_to_bring(request: HelpRequest, slip_: SlipText) -> list[str]:
    themes = {request.theme, request.theme2}
    items = []
    if themes & ID_THEMES:
        items.append(slip_("uw identiteitskaart (eID) en de pincode"))
    if "bankieren" in themes:
        items.append(slip_("uw bankkaart en de kaartlezer van uw bank, als u die hebt"))
    if "toegang" not in themes:
        items.append(slip_("uw gsm, tablet of laptop, met de lader"))
    items.append(slip_("de brieven of e-mails over uw vraag"))
    items.append(slip_("uw wachtwoorden, als u ze hebt opgeschreven"))
    return items


def _next_session(entry: CatalogueEntry):
    now = utcnow()
    return next((s.starts_at for s in getattr(entry, "sessions", []) if s.starts_at > now), None)


def _helper_steps(request: HelpRequest, name: str | None, slip_: SlipText) -> list[str]:
    """Someone will contact the citizen: by phone, by e-mail, or the citizen comes back (no contact)."""
    if request.contact_phone:
        steps = ([slip_("%(name)s helpt u verder.", name=name), slip_("%(name)s belt u binnen 2 werkdagen.", name=name)]
                 if name else [slip_("Een helper neemt uw vraag op."), slip_("De helper belt u.")])
    elif request.contact_email:
        steps = ([slip_("%(name)s helpt u verder.", name=name),
                  slip_("%(name)s stuurt u binnen 2 werkdagen een e-mail.", name=name)]
                 if name else [slip_("Een helper neemt uw vraag op."), slip_("De helper stuurt u een e-mail.")])
    else:
        steps = [slip_("%(name)s helpt u verder.", name=name) if name else slip_("Een helper neemt uw vraag op.")]
        steps.append(slip_("U gaf ons geen telefoonnummer."))
        steps.append(slip_("Kom na 2 werkdagen terug naar de balie. Of bel ons."))
    steps.append(slip_("Samen maakt u een afspraak."))
    return steps


def slip_content(request: HelpRequest, referral: Referral | None, entry: CatalogueEntry | None,
                 slip_: SlipText) -> dict:
    """Heading and short sentences for the slip; no jargon (see docs/klare-taal.md)."""
    steps: list[str] = []
    place: dict = {}
    heading = slip_("Uw vraag is doorgegeven")
    if referral is None or entry is None:
        if request.status is RequestStatus.GAP:
            heading = slip_("Uw vraag is genoteerd")
            steps.append(slip_("We vonden nog geen hulp die past bij uw vraag."))
            steps.append(slip_("Kom gerust terug naar de balie. Of bel ons."))
        else:
            steps = _helper_steps(request, None, slip_)
    elif referral.mode is Mode.ASSIGNED:
        steps = _helper_steps(request, entry.name.split()[0], slip_)
    elif referral.mode is Mode.ENROLLED:
        steps.append(slip_("U bent ingeschreven voor de cursus '%(course)s'.", course=entry.name))
        session = _next_session(entry)
        if session:
            steps.append(_when(session, slip_))
        place = {"name": entry.organisation.name if entry.organisation else entry.name,
                 "address": entry.location or (entry.organisation.address if entry.organisation else None)}
        cost = entry.cost_eur or 0
        steps.append(slip_("De cursus is gratis.") if not cost else
                     slip_("De cursus kost %(price)s.", price=format_currency(cost, "EUR", locale=slip_.locale)))
    else:
        steps.append(slip_("Ga met dit briefje naar %(place)s.", place=entry.name))
        steps.append(slip_("Zeg dat de balie u stuurt. Toon uw code."))
        place = {"name": entry.name, "address": entry.address, "hours": entry.opening_hours,
                 "phone": entry.phone, "website": entry.website}
    config = current_app.config
    return {"heading": heading, "steps": steps, "place": {k: v for k, v in place.items() if v},
            "bring": what_to_bring(request, slip_), "counter_phone": config.get("COUNTER_PHONE"),
            "town": config["TOWN_NAME"]}
