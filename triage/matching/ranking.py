"""Soft preferences: a score in [0, 1] for each offer that passed the hard rules, and its reasons."""
from datetime import datetime

from triage.matching import texts
from triage.matching.rules import free_places, next_session
from triage.matching.types import Load, MatchRequest, Offer

SuccessRates = dict[tuple[str, str], tuple[int, int]]   # (offer id, theme) -> (successes, closed)
MIN_CLOSED = 5          # fewer closed referrals say too little about an offer
SESSION_HORIZON = 30.0  # days: a session this far off scores half of one that starts now
NEUTRAL = 0.5           # for a preference that says nothing about this offer

# How well each type fits each kind: a leervraag wants a course, a hulpvraag someone who helps.
TYPE_FIT = {
    "leervraag": {"course": 1.0, "digihelper": 0.4, "organisation": 0.4},
    "hulpvraag": {"digihelper": 1.0, "organisation": 0.9, "course": 0.2},
}
WEIGHTS = {"type": 0.30, "target_group": 0.15, "postcode": 0.15, "load": 0.10,
           "session": 0.10, "themes": 0.10, "success": 0.10}


def matched_theme(offer: Offer, wanted: tuple[str, ...]) -> str:
    """The first wanted theme the offer covers: the one its success rate is counted on."""
    return next(t for t in wanted if t in offer.themes)


def success_rate(offer: Offer, theme: str, rates: SuccessRates | None) -> tuple[int, int] | None:
    """(successes, closed) when there are enough closed referrals to go by."""
    if not rates:
        return None
    found = rates.get((offer.id, theme))
    return found if found and found[1] >= MIN_CLOSED else None


def _load_fraction(offer: Offer, load: Load) -> float:
    """1.0 for an idle helper or an empty course, 0.0 for a full one."""
    if offer.type == "digihelper":
        return 1.0 - load.open_cases.get(offer.id, 0) / offer.max_open_cases
    if offer.type == "course":
        places = free_places(offer, load)
        return 1.0 if places is None else places / offer.capacity
    return NEUTRAL


def _session_score(offer: Offer, now: datetime) -> float:
    if offer.type != "course":
        return NEUTRAL
    start = next_session(offer, now)
    if start is None:
        return 0.0
    days = max((start - now).total_seconds(), 0.0) / 86400
    return 1.0 / (1.0 + days / SESSION_HORIZON)


def score(offer: Offer, request: MatchRequest, load: Load, wanted: tuple[str, ...],
          near: frozenset[str], rates: SuccessRates | None = None) -> float:
    """Weighted sum of the soft preferences, each in [0, 1]; `near` are the offer's own postcodes."""
    w = WEIGHTS
    total = w["type"] * TYPE_FIT[request.kind][offer.type]
    if request.target_groups and any(g in offer.target_groups for g in request.target_groups):
        total += w["target_group"]
    if request.postcode and request.postcode in near:
        total += w["postcode"]
    total += w["load"] * min(max(_load_fraction(offer, load), 0.0), 1.0)
    total += w["session"] * _session_score(offer, request.now)
    total += w["themes"] * sum(t in offer.themes for t in request.themes) / len(request.themes)
    found = success_rate(offer, matched_theme(offer, wanted), rates) if rates else None
    total += w["success"] * (found[0] / found[1] if found else NEUTRAL)
    return min(max(total, 0.0), 1.0)


def reasons(offer: Offer, request: MatchRequest, load: Load, wanted: tuple[str, ...],
            near: frozenset[str], rates: SuccessRates | None = None) -> tuple[str, ...]:
    """Why this offer fits, in plain Dutch, most important first."""
    out = []
    covered = [t for t in request.themes if t in offer.themes]
    verb = "cursus over" if offer.type == "course" else "helpt bij"
    out.append(f"{verb} {texts.theme_phrase(covered[0])}")
    out.extend(f"ook over {texts.theme_phrase(t)}" if offer.type == "course"
               else f"helpt ook bij {texts.theme_phrase(t)}" for t in covered[1:])
    out.append(f"les {texts.in_language(request.language)}" if offer.type == "course"
               else f"spreekt {texts.language_name(request.language)}")
    if request.postcode and request.postcode in offer.postcodes:
        out.append(f"voor wie in {request.postcode} woont" if offer.type == "course"
                   else f"werkt in {request.postcode}")
    elif request.postcode and request.postcode in near:
        out.append(f"ligt in {request.postcode}")
    for need in request.needs:
        out.append(texts.NEED_REASONS.get(need, need))
    if "aan-huis" in offer.accessibility and "aan-huis" not in request.needs:
        out.append(texts.NEED_REASONS["aan-huis"])
    groups = [texts.target_group_words(g) for g in request.target_groups if g in offer.target_groups]
    if groups:
        out.append(f"werkt vooral met {texts.join(groups)}")
    if offer.type == "digihelper":
        out.append(f"heeft nog plaats ({load.open_cases.get(offer.id, 0)} van "
                   f"{offer.max_open_cases} dossiers open)")
    elif offer.type == "course":
        start = next_session(offer, request.now)
        if start is not None:
            out.append(f"volgende sessie op {texts.format_moment(start, request.now)}")
        places = free_places(offer, load)
        if places is not None:
            out.append("nog 1 plaats vrij" if places == 1 else f"nog {places} plaatsen vrij")
    found = success_rate(offer, matched_theme(offer, wanted), rates)
    if found:
        out.append(f"hielp eerder {found[0]} van de {found[1]} mensen met dit thema")
    return tuple(out)
