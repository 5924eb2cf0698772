"""A generated catalogue of any size with a fixed seed, for speed measurements."""
import random
from datetime import UTC, datetime, timedelta

from triage.catalogue.codes import THEMES
from triage.matching import Load, MatchRequest, Offer

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
LANGUAGES = ["nl"] * 6 + ["fr", "en", "ar", "tr", "uk", "ro", "pl"]
POSTCODES = [str(p) for p in range(2800, 2830)]
NEEDS = ["rolstoel", "ringleiding", "aan-huis", "gebarentaal"]
GROUPS = ["senioren", "nieuwkomers", "jongeren", "werkzoekenden", "mensen-met-een-beperking"]


def _some(rng, items, low, high):
    return rng.sample(items, rng.randint(low, high))


def catalogue(size: int = 1000, seed: int = 20261201) -> list[Offer]:
    rng = random.Random(seed)
    themes = list(THEMES)
    orgs = [f"org-{i}" for i in range(max(size // 20, 1))]
    org_active = {o: rng.random() > 0.05 for o in orgs}
    offers = []
    for i in range(size):
        kind = rng.choices(["organisation", "digihelper", "course"], [1, 10, 9])[0]
        org = None if kind == "organisation" or rng.random() < 0.2 else rng.choice(orgs)
        offers.append(Offer(
            type=kind, id=f"{kind[:3]}-{i}", name=f"Aanbod {i}", active=rng.random() > 0.05,
            organisation_id=org, organisation_active=org_active[org] if org else None,
            themes=_some(rng, themes, 1, 4),
            kinds=_some(rng, ["hulpvraag", "leervraag"], 1, 2) if kind != "course" or rng.random() < 0.7 else (),
            languages=["nl", *_some(rng, LANGUAGES, 0, 2)],
            postcodes=_some(rng, POSTCODES, 0, 5) if rng.random() < 0.6 else (),
            accessibility=_some(rng, NEEDS, 0, 2), target_groups=_some(rng, GROUPS, 0, 2),
            max_open_cases=rng.randint(0, 6) if kind == "digihelper" else None,
            capacity=rng.choice([None, 8, 10, 12, 15]) if kind == "course" else None,
            sessions=[NOW + timedelta(days=rng.randint(-60, 90), hours=rng.randint(0, 10))
                      for _ in range(rng.randint(1, 4))] if kind == "course" else ()))
    return offers


def requests(count: int = 500, seed: int = 7) -> list[MatchRequest]:
    rng = random.Random(seed)
    themes = list(THEMES)
    return [MatchRequest(kind=rng.choice(["hulpvraag", "leervraag"]), themes=_some(rng, themes, 1, 2),
                         language=rng.choice(LANGUAGES), postcode=rng.choice([None, *POSTCODES]),
                         needs=_some(rng, NEEDS, 0, 1) if rng.random() < 0.3 else (),
                         target_groups=_some(rng, GROUPS, 0, 1), now=NOW)
            for _ in range(count)]


def load_for(offers: list[Offer], seed: int = 3) -> Load:
    rng = random.Random(seed)
    return Load(open_cases={o.id: rng.randint(0, 5) for o in offers if o.type == "digihelper"},
                taken_places={o.id: rng.randint(0, 12) for o in offers if o.type == "course"})
