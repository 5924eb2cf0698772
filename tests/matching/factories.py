"""Small builders for offers and requests, at a fixed 'now' (1 December 2026, 9.00 in Brussels)."""
from datetime import datetime, timedelta

from triage.matching import MatchRequest, Offer
from triage.matching.types import BRUSSELS

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=BRUSSELS)
THEME = "digitale-sleutels"


def helper(id: str = "dh-an", **fields) -> Offer:
    values = {"name": id, "themes": (THEME,), "kinds": ("hulpvraag", "leervraag"),
              "languages": ("nl",), "max_open_cases": 5}
    return Offer(type="digihelper", id=id, **{**values, **fields})


def organisation(id: str = "org-punt", **fields) -> Offer:
    values = {"name": id, "themes": (THEME,), "kinds": ("hulpvraag", "leervraag"), "languages": ("nl",)}
    return Offer(type="organisation", id=id, **{**values, **fields})


def course(id: str = "cursus-a", **fields) -> Offer:
    values = {"name": id, "themes": (THEME,), "kinds": ("leervraag",), "languages": ("nl",),
              "capacity": 10, "sessions": (NOW + timedelta(days=7),)}
    return Offer(type="course", id=id, **{**values, **fields})


def ask(kind: str = "hulpvraag", themes=(THEME,), **fields) -> MatchRequest:
    return MatchRequest(kind=kind, themes=themes, now=fields.pop("now", NOW), **fields)


def ids(result) -> list[str]:
    return [s.id for s in result.suggestions]
