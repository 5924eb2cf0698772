"""Dutch wording for reasons and gaps: themes, languages, needs, dates in Brussels time."""
from datetime import datetime

from triage.catalogue.codes import THEMES, language_label
from triage.matching.types import BRUSSELS

# What a helper "helpt bij": the theme label, rewritten to read well inside a sentence.
THEME_PHRASES = {
    "digitale-sleutels": "aanmelden en digitale sleutels",
    "burgerprofiel": "Mijn Burgerprofiel, eBox en attesten",
    "belastingen": "belastingen",
    "bankieren": "bankieren en betalen",
    "gezondheid": "gezondheid en zorg",
    "werk": "werk en uitkering",
    "sociale-zekerheid": "pensioen, Groeipakket en sociale voordelen",
    "wonen-energie": "wonen en energie",
    "mobiliteit": "mobiliteit",
    "onderwijs": "school en opleiding",
    "gemeente-eloket": "de online diensten van de gemeente",
    "communicatie": "e-mail, berichten en videobellen",
    "smartphone-tablet": "smartphone en tablet",
    "computer": "de computer",
    "veilig-online": "veiligheid online",
    "online-aankopen": "online kopen en reserveren",
    "toestel-technisch": "technische problemen met een toestel",
    "toegang": "toegang tot een toestel en internet",
}

NEED_REASONS = {
    "rolstoel": "toegankelijk met een rolstoel",
    "ringleiding": "heeft een ringleiding",
    "aan-huis": "komt aan huis",
    "gebarentaal": "kan in gebarentaal",
}
# After "maar niet ...".
NEED_GAPS = {
    "rolstoel": "toegankelijk met een rolstoel",
    "ringleiding": "met een ringleiding",
    "aan-huis": "aan huis",
    "gebarentaal": "in gebarentaal",
}

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def theme_label(code: str) -> str:
    return THEMES.get(code, code)


def theme_phrase(code: str) -> str:
    return THEME_PHRASES.get(code) or theme_label(code).lower()


def join(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def themes_subject(codes) -> str:
    """'het thema Belastingen' or "de thema's Mobiliteit en Computer gebruiken"."""
    labels = [theme_label(c) for c in codes]
    return f"het thema {labels[0]}" if len(labels) == 1 else f"de thema's {join(labels)}"


def language_name(code: str) -> str:
    """'Nederlands'; the code itself when the language has no Dutch name here."""
    return language_label(code)


def in_language(code: str) -> str:
    """'in het Frans'; sign language and unknown codes read differently."""
    label = language_label(code)
    if code == "vgt":
        return f"in {label}"
    if label == code:
        return f"in de taal '{code}'"
    return f"in het {label}"


def target_group_words(group: str) -> str:
    return group.replace("-", " ")


def format_moment(moment: datetime, now: datetime) -> str:
    """'dinsdag 8 december om 14.00 uur' in Brussels time; the year only when it is not this year."""
    local = moment.astimezone(BRUSSELS)
    year = "" if local.year == now.astimezone(BRUSSELS).year else f" {local.year}"
    return (f"{DAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}{year} "
            f"om {local.hour}.{local.minute:02d} uur")
