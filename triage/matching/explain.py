"""Why a request is a gap, in plain Dutch, from the rules that eliminated the closest candidates."""
from collections.abc import Callable, Sequence

from triage.matching import rules, texts
from triage.matching.types import Load, MatchRequest, Offer


def no_offer_sentence(themes: Sequence[str]) -> str:
    return f"Er is geen aanbod voor {texts.themes_subject(themes)}."


def fallback_note(request: MatchRequest, has_offer: Callable[[str], bool]) -> tuple[str, ...]:
    """For suggestions found on the other themes because the first one has no offer at all."""
    absent = [t for t in request.themes if not has_offer(t)]
    present = [t for t in request.themes if has_offer(t)]
    return (no_offer_sentence(absent),
            f"Daarom gaan de suggesties over {texts.themes_subject(present)}.")


def _kind_sentence(request: MatchRequest, subject: str) -> str:
    if request.kind == "hulpvraag":
        return f"Er is aanbod voor {subject}, maar alleen om het zelf te leren, niet om het samen op te lossen."
    return f"Er is aanbod voor {subject}, maar alleen hulp om het op te lossen, geen les om het zelf te leren."


def _needs_sentence(request: MatchRequest, offers: list[Offer], subject: str) -> str:
    unmet = [n for n in request.needs if any(n not in o.accessibility for o in offers)]
    phrases = [texts.NEED_GAPS.get(n, n) for n in unmet]
    return f"Er is aanbod voor {subject}, maar niet {texts.join(phrases)}."


def _helpers_sentence(full: list[Offer], all_helpers: int, subject: str) -> str:
    if len(full) == all_helpers:
        return (f"De enige digihelper voor {subject} zit vol." if all_helpers == 1
                else f"Alle digihelpers voor {subject} zitten vol.")
    if len(full) == 1:
        return f"Er is een digihelper voor {subject}, maar die zit vol."
    return f"Er zijn digihelpers voor {subject}, maar ze zitten vol."


def _courses_sentence(past: bool, full: bool, count: int, subject: str) -> str:
    one = count == 1
    start = f"De cursus voor {subject}" if one else f"De cursussen voor {subject}"
    no_date = "heeft geen sessie meer na vandaag" if one else "hebben geen sessie meer na vandaag"
    no_place = "is volzet" if one else "zijn volzet"
    if past and full:
        return f"{start} {no_date} of {no_place}."
    return f"{start} {no_date if past else no_place}."


def explain_gap(request: MatchRequest, wanted: Sequence[str], fallback: bool,
                candidates: Sequence[Offer], load: Load,
                has_offer: Callable[[str], bool]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(Dutch sentences, missing codes) for a request where no candidate passed.

    `candidates` are the usable offers for the wanted themes. The sentences name the rules
    broken by the candidates that came closest (broke the fewest rules): what was missing.
    """
    lines, missing = [], []
    if fallback:
        lines.append(no_offer_sentence([t for t in request.themes if not has_offer(t)]))
        missing.append(rules.THEME)
    if not candidates:
        return tuple(lines), tuple(missing)
    subject = texts.themes_subject([t for t in wanted if has_offer(t)])
    broken = [(offer, rules.failures(offer, request, load)) for offer in candidates]
    fewest = min(len(codes) for _, codes in broken)
    close = [(offer, codes) for offer, codes in broken if len(codes) == fewest]

    def failing(code: str, offer_type: str | None = None) -> list[Offer]:
        return [o for o, codes in close if code in codes and offer_type in (None, o.type)]

    if failing(rules.KIND):
        lines.append(_kind_sentence(request, subject))
    if failing(rules.LANGUAGE):
        lines.append(f"Er is aanbod voor {subject}, maar niet {texts.in_language(request.language)}.")
    if failing(rules.AREA):
        lines.append(f"Er is aanbod voor {subject}, maar niet in postcode {request.postcode}.")
    if failing(rules.NEED):
        lines.append(_needs_sentence(request, failing(rules.NEED), subject))
    full_helpers = failing(rules.CAPACITY, "digihelper")
    if full_helpers:
        helpers = sum(o.type == "digihelper" for o in candidates)
        lines.append(_helpers_sentence(full_helpers, helpers, subject))
    past, full = failing(rules.DATE, "course"), failing(rules.CAPACITY, "course")
    if past or full:
        count = len({o.id for o in past + full})
        lines.append(_courses_sentence(bool(past), bool(full), count, subject))
    missing.extend(code for _, codes in close for code in codes)
    return tuple(lines), tuple(dict.fromkeys(missing))
