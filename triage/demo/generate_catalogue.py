"""The generator's catalogue: the demo town plus generated entries, and the targets a referral may go to."""
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from triage.catalogue.codes import THEMES
from triage.catalogue.models import CatalogueEntry, EntryTag
from triage.catalogue.services import import_document
from triage.demo import town
from triage.extensions import db

FIRST_NAMES = ["Anna", "Bram", "Chloé", "Dirk", "Els", "Filip", "Greet", "Hanne", "Ilse", "Jan", "Kaat", "Luc",
               "Mieke", "Nora", "Omar", "Pieter", "Rita", "Sam", "Tine", "Wim", "Yasmina", "Zoë", "Ahmed",
               "Bart", "Katrien", "Lieve", "Mohamed", "Nele", "Rik", "Sarah"]
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
              "De Smet", "Dubois", "Hermans", "Aerts", "Vermeulen", "Van den Broeck", "Lambrechts", "Stevens",
              "Pauwels", "Dumont", "Verhoeven", "El Idrissi", "Yilmaz", "Kowalski", "Nowak"]
EXTRA_ORGANISATIONS = [
    ("org-dienstencentrum", "Lokaal dienstencentrum Zonnebloem", "vzw"),
    ("org-cvo", "CVO Dijleland, afdeling digitale vaardigheden", "school"),
    ("org-buurthuis", "Buurthuis De Kruising", "vzw"),
    ("org-welzijnsschakel", "Welzijnsschakel Dijlegem", "vzw"),
    ("org-jeugdhuis", "Jeugdhuis 't Kot, digi-hoek", "vzw"),
    ("org-seniorenraad", "Seniorenraad Dijlegem", "gemeente"),
]
LANGUAGE_EXTRAS = ["fr", "en", "ar", "tr", "uk", "ro", "pl"]
THEME_CODES = list(THEMES)


def _some(rng: random.Random, items: list, low: int, high: int) -> list:
    return rng.sample(items, rng.randint(low, high))


def extra_entries(today: date, rng: random.Random, digihelpers: int = 40, courses: int = 24) -> dict:
    """Generated organisations, digihelpers and courses in the contract's file format."""
    org_ids = [o["id"] for o in town.ORGANISATIONS] + [o[0] for o in EXTRA_ORGANISATIONS]

    def verified() -> str:
        # Most entries were checked this year; some have not been looked at for well over a year.
        days = rng.randint(370, 700) if rng.random() < 0.2 else rng.randint(5, 300)
        return (today - timedelta(days=days)).isoformat()

    organisations = [
        {"id": code, "name": name, "type": kind, "themes": _some(rng, THEME_CODES, 2, 6),
         "kinds": ["hulpvraag", "leervraag"], "languages": ["nl", *_some(rng, LANGUAGE_EXTRAS, 0, 2)],
         "postcodes": _some(rng, town.POSTCODES, 0, 2), "last_verified": verified()}
        for code, name, kind in EXTRA_ORGANISATIONS]
    helpers = []
    for i in range(digihelpers):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        helpers.append({
            "id": f"dh-gen-{i + 1:03d}", "name": name, "themes": _some(rng, THEME_CODES, 2, 5),
            "organisation": rng.choice(org_ids) if rng.random() < 0.8 else None,
            "kinds": ["hulpvraag", "leervraag"] if rng.random() < 0.4 else ["hulpvraag"],
            "languages": ["nl", *_some(rng, LANGUAGE_EXTRAS, 0, 2)],
            "postcodes": _some(rng, town.POSTCODES, 0, 3), "accessibility": _some(rng, ["aan-huis", "rolstoel"], 0, 1),
            "max_open_cases": rng.randint(2, 8), "last_verified": verified()})
    for helper in helpers:
        if helper["organisation"] is None:
            del helper["organisation"]
    course_rows = []
    for i in range(courses):
        start = (today + timedelta(days=rng.randint(3, 60))).isoformat() + f"T{rng.choice([9, 10, 14, 19]):02d}:00:00"
        course_rows.append({
            "id": f"cursus-gen-{i + 1:03d}", "title": f"Digitaal aan de slag {i + 1}",
            "organisation": rng.choice(org_ids), "themes": _some(rng, THEME_CODES, 1, 3), "kinds": ["leervraag"],
            "languages": ["nl", *_some(rng, LANGUAGE_EXTRAS, 0, 1)], "level": rng.choice(["starter", "gevorderd"]),
            "capacity": rng.choice([8, 10, 12, 15]), "sessions": [{"start": start}], "last_verified": verified()})
    return {"version": 1, "organisations": organisations, "digihelpers": helpers, "courses": course_rows}


def ensure_catalogue(today: date, rng: random.Random) -> bool:
    """Import the demo town and generated entries into an empty catalogue; False when it had entries."""
    if db.session.scalar(select(func.count()).select_from(CatalogueEntry)):
        return False
    import_document(town.catalogue(today))
    import_document(extra_entries(today, rng))
    return True


@dataclass
class Target:
    id: int
    entry_type: str
    # How well this entry's referrals go (outcome odds) and how fast a digihelper answers.
    quality: float
    speed: float


@dataclass
class Targets:
    """Catalogue entries by type, and by (type, theme, kind) for referrals that fit the question."""

    by_type: dict[str, list[Target]] = field(default_factory=lambda: defaultdict(list))
    fitting: dict[tuple[str, str, str], list[Target]] = field(default_factory=lambda: defaultdict(list))

    def pick(self, rng: random.Random, entry_type: str, theme: str, kind: str, avoid: int | None = None) -> Target:
        options = self.fitting.get((entry_type, theme, kind)) or self.by_type[entry_type]
        choice = rng.choice(options)
        if choice.id == avoid and len(options) > 1:
            choice = rng.choice([o for o in options if o.id != avoid])
        return choice


def load_targets(rng: random.Random) -> Targets:
    targets = Targets()
    entries = {row.id: Target(row.id, row.entry_type, rng.uniform(0.6, 1.3), rng.uniform(0.5, 2.0))
               for row in db.session.execute(select(CatalogueEntry.id, CatalogueEntry.entry_type)
                                             .where(CatalogueEntry.active.is_(True)))}
    for target in entries.values():
        targets.by_type[target.entry_type].append(target)
    tags = defaultdict(lambda: defaultdict(list))
    for entry_id, facet, value in db.session.execute(
            select(EntryTag.entry_id, EntryTag.facet, EntryTag.value).where(EntryTag.facet.in_(("theme", "kind")))):
        if entry_id in entries:
            tags[entry_id][facet].append(value)
    for entry_id, facets in tags.items():
        target = entries[entry_id]
        for theme in facets["theme"]:
            for kind in facets["kind"] or (["leervraag"] if target.entry_type == "course" else []):
                targets.fitting[(target.entry_type, theme, kind)].append(target)
    return targets
