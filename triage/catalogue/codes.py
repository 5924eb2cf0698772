"""Fixed code lists: kinds and themes from the contract, needs, entry and organisation types."""
import json
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# A copy of ../shared/contract/themes.json; a test keeps the two identical.
THEMES_DOCUMENT = json.loads((_HERE / "themes.json").read_text(encoding="utf-8"))
CATALOGUE_SCHEMA = json.loads((_HERE / "catalogue.schema.json").read_text(encoding="utf-8"))

THEMES: dict[str, str] = {t["code"]: t["label"] for t in THEMES_DOCUMENT["themes"]}
THEME_EXAMPLES: dict[str, str] = {t["code"]: t["examples"] for t in THEMES_DOCUMENT["themes"]}
KINDS: dict[str, str] = dict(THEMES_DOCUMENT["kinds"])
KIND_LABELS = {"hulpvraag": "Hulpvraag", "leervraag": "Leervraag"}

NEEDS = {
    "rolstoel": "Toegankelijk met rolstoel",
    "ringleiding": "Ringleiding (voor wie slecht hoort)",
    "aan-huis": "Komt aan huis",
    "gebarentaal": "Gebarentaal",
}

ENTRY_TYPES = {
    "organisation": "Organisatie",
    "digihelper": "Digihelper",
    "course": "Cursus",
}
# The key in the catalogue file for each entry type.
FILE_KEYS = {"organisation": "organisations", "digihelper": "digihelpers", "course": "courses"}

ORG_TYPES = {
    "digipunt": "Digipunt",
    "bibliotheek": "Bibliotheek",
    "ocmw": "OCMW",
    "vzw": "Vzw",
    "gemeente": "Gemeente",
    "school": "School",
    "uitleendienst": "Uitleendienst",
    "herstelpunt": "Herstelpunt",
    "andere": "Andere",
}

LEVELS = {"starter": "Starter", "gevorderd": "Gevorderd"}

LANGUAGES = {
    "nl": "Nederlands", "fr": "Frans", "en": "Engels", "de": "Duits", "ar": "Arabisch",
    "tr": "Turks", "uk": "Oekraïens", "ru": "Russisch", "es": "Spaans", "pl": "Pools",
    "ro": "Roemeens", "prs": "Dari", "ps": "Pasjtoe", "ti": "Tigrinya", "so": "Somalisch",
    "it": "Italiaans", "pt": "Portugees", "bg": "Bulgaars", "fa": "Perzisch", "vgt": "Vlaamse Gebarentaal",
}


def language_label(code: str) -> str:
    return LANGUAGES.get(code, code)
