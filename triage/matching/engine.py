"""Matching: the hard rules over an indexed catalogue, then the ranking; or a gap that says why."""
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from triage.matching.explain import explain_gap, fallback_note
from triage.matching.ranking import SuccessRates, reasons, score
from triage.matching.rules import RULES_AFTER_LANGUAGE, first_failure, is_usable, wanted_themes
from triage.matching.types import NO_LOAD, Load, MatchRequest, MatchResult, Offer, Suggestion

_POSTCODE = re.compile(r"\b[1-9][0-9]{3}\b")


@dataclass(frozen=True, slots=True)
class _Entry:
    offer: Offer
    near: frozenset[str]    # postcodes the offer itself lists or sits in (address, location)
    order: int              # position in the catalogue: the last tie-break


class OfferIndex:
    """A catalogue snapshot prepared once: usable offers per theme, in catalogue order.

    Inactive offers (rule 1) are left out, so `has_offer` is rule 2's "some active entry lists
    the theme". Build a new index when the catalogue changes; the load goes to `match`.
    """

    def __init__(self, offers: Iterable[Offer]):
        self.offers = tuple(offers)
        by_theme: dict[str, list[_Entry]] = {}
        by_key: dict[tuple[str, str, str], list[_Entry]] = {}
        for order, offer in enumerate(self.offers):
            if not is_usable(offer):
                continue
            place = f"{offer.address or ''} {offer.location or ''}"
            entry = _Entry(offer, frozenset(offer.postcodes) | frozenset(_POSTCODE.findall(place)), order)
            for theme in offer.themes:
                by_theme.setdefault(theme, []).append(entry)
                for kind in offer.kinds:
                    for language in offer.languages:
                        by_key.setdefault((theme, kind, language), []).append(entry)
        self._by_theme = {theme: tuple(entries) for theme, entries in by_theme.items()}
        # Usable offers by (theme, kind, language): rules 1, 3 and 4 settled in one look-up.
        self._by_key = {key: tuple(entries) for key, entries in by_key.items()}

    def __len__(self) -> int:
        return len(self.offers)

    def has_offer(self, theme: str) -> bool:
        return theme in self._by_theme

    def candidates(self, themes: Sequence[str]) -> tuple[_Entry, ...]:
        """Usable offers listing any of `themes`, each once, in catalogue order."""
        if len(themes) == 1:
            return self._by_theme.get(themes[0], ())
        seen = {e.order: e for theme in themes for e in self._by_theme.get(theme, ())}
        return tuple(seen[order] for order in sorted(seen))

    def eligible(self, themes: Sequence[str], kind: str, language: str) -> tuple[_Entry, ...]:
        """Usable offers listing any of `themes` that handle `kind` in `language`: rules 1-4."""
        if len(themes) == 1:
            return self._by_key.get((themes[0], kind, language), ())
        seen = {e.order: e for theme in themes for e in self._by_key.get((theme, kind, language), ())}
        return tuple(seen[order] for order in sorted(seen))


def match(request: MatchRequest, offers: Sequence[Offer] | OfferIndex, load: Load | None = None,
          success_rates: SuccessRates | None = None, limit: int = 5) -> MatchResult:
    """The best `limit` offers that pass every hard rule, with reasons; or a gap with why.

    Pass an `OfferIndex` when matching many requests against one catalogue.
    """
    index = offers if isinstance(offers, OfferIndex) else OfferIndex(offers)
    load = load or NO_LOAD
    wanted, fallback = wanted_themes(request, index.has_offer)
    passing = [e for e in index.eligible(wanted, request.kind, request.language)
               if first_failure(e.offer, request, load, RULES_AFTER_LANGUAGE) is None]
    if not passing:
        candidates = [e.offer for e in index.candidates(wanted)]
        explanation, missing = explain_gap(request, wanted, fallback, candidates, load, index.has_offer)
        return MatchResult(gap=True, explanation=explanation, missing=missing, themes=wanted)
    ranked = sorted(((score(e.offer, request, load, wanted, e.near, success_rates), e) for e in passing),
                    key=lambda pair: (-pair[0], pair[1].order))
    suggestions = tuple(
        Suggestion(e.offer.type, e.offer.id, e.offer.name, round(value, 2),
                   reasons(e.offer, request, load, wanted, e.near, success_rates))
        for value, e in ranked[:max(limit, 0)])
    explanation = fallback_note(request, index.has_offer) if fallback else ()
    return MatchResult(suggestions=suggestions, gap=False, explanation=explanation, themes=wanted)
