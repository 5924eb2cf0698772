"""The eight hard rules of the contract: each returns None when an offer passes, or why it fails."""
from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import datetime

from triage.matching.types import Load, MatchRequest, Offer

# Failure codes, also used by reports: the contract's "what was missing".
INACTIVE, THEME, KIND, LANGUAGE, AREA, NEED, CAPACITY, DATE = (
    "inactive", "theme", "kind", "language", "area", "need", "capacity", "date")


def is_usable(offer: Offer) -> bool:
    """Rule 1 as a plain test: active, and its organisation (if any) active."""
    return offer.active and offer.organisation_active is not False


def rule_active(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """1. Active, and its organisation (if any) active."""
    return None if is_usable(offer) else INACTIVE


def rule_theme(offer: Offer, wanted: Iterable[str]) -> str | None:
    """2. Covers one of the wanted themes (see `wanted_themes`)."""
    return None if any(t in offer.themes for t in wanted) else THEME


def wanted_themes(request: MatchRequest, has_offer: Callable[[str], bool]) -> tuple[tuple[str, ...], bool]:
    """Rule 2's scope: the first theme, or every theme of the request when the first has no offer at all.

    `has_offer(theme)` tells whether some usable (rule 1) entry lists the theme. Returns the themes
    and whether the fallback was taken.
    """
    first = request.themes[0]
    if has_offer(first):
        return (first,), False
    return request.themes, True


def rule_kind(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """3. Handles the request's kind; a course without kinds is a leervraag offer (types.Offer)."""
    return None if request.kind in offer.kinds else KIND


def rule_language(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """4. Speaks the request's language."""
    return None if request.language in offer.languages else LANGUAGE


def rule_area(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """5. Serves the postcode, only when the entry lists postcodes (its own) and the request has one."""
    if offer.postcodes and request.postcode and request.postcode not in offer.postcodes:
        return AREA
    return None


def rule_needs(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """6. Meets every need of the request with its own accessibility."""
    if not request.needs:
        return None
    return None if all(n in offer.accessibility for n in request.needs) else NEED


def rule_digihelper_capacity(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """7. A digihelper has fewer open referrals than max_open_cases (0 means never)."""
    if offer.type != "digihelper":
        return None
    return None if load.open_cases.get(offer.id, 0) < offer.max_open_cases else CAPACITY


def next_session(offer: Offer, now: datetime) -> datetime | None:
    """The first session that starts after now (sessions are sorted)."""
    i = bisect_right(offer.sessions, now)
    return offer.sessions[i] if i < len(offer.sessions) else None


def free_places(offer: Offer, load: Load) -> int | None:
    """Capacity minus the referrals that are not cancelled; None when the course has no limit."""
    if offer.capacity is None:
        return None
    return offer.capacity - load.taken_places.get(offer.id, 0)


def rule_course_date(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """8a. A course has a session that starts after now."""
    if offer.type != "course" or (offer.sessions and offer.sessions[-1] > request.now):
        return None
    return DATE


def rule_course_places(offer: Offer, request: MatchRequest, load: Load) -> str | None:
    """8b. A course has free places."""
    if offer.type != "course":
        return None
    places = free_places(offer, load)
    return None if places is None or places > 0 else CAPACITY


# Every rule but the theme, in the order the explanation walks them.
RULES = (rule_active, rule_kind, rule_language, rule_area, rule_needs,
         rule_digihelper_capacity, rule_course_date, rule_course_places)


# What is left to check once an index has settled rules 1-4 (engine.OfferIndex).
RULES_AFTER_LANGUAGE = RULES[3:]


def first_failure(offer: Offer, request: MatchRequest, load: Load, rules=RULES) -> str | None:
    """None when the offer passes rules 1 and 3-8 (or the given `rules`); else the first it breaks."""
    for rule in rules:
        code = rule(offer, request, load)
        if code is not None:
            return code
    return None


def failures(offer: Offer, request: MatchRequest, load: Load) -> tuple[str, ...]:
    """Every rule (1, 3-8) the offer breaks, in rule order, without repeats."""
    found = (rule(offer, request, load) for rule in RULES)
    return tuple(dict.fromkeys(code for code in found if code is not None))


def passes(offer: Offer, request: MatchRequest, load: Load, wanted: Iterable[str]) -> bool:
    """All eight rules, for one offer, given rule 2's wanted themes."""
    return rule_theme(offer, wanted) is None and first_failure(offer, request, load) is None
