"""Pure matching: a MatchRequest and a catalogue snapshot in, ranked suggestions with reasons or a gap out."""
from triage.matching.engine import OfferIndex, match
from triage.matching.types import Load, MatchRequest, MatchResult, Offer, Suggestion

__all__ = ["Load", "MatchRequest", "MatchResult", "Offer", "OfferIndex", "Suggestion", "match"]
