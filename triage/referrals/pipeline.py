"""The triage engine's outside (TRIAGE.md): check the input, classify, match, record gaps."""
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from triage.catalogue.codes import NEEDS, THEMES
from triage.matching import Load, MatchRequest, OfferIndex, match
from triage.matching.service import offer_index, record_gap
from triage.referrals.queries import current_load

MAX_QUESTION = 5000
KINDS = ("hulpvraag", "leervraag")
_POSTCODE = re.compile(r"^[1-9][0-9]{3}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
FIELDS = {"question", "postcode", "language", "needs", "target_groups", "kind", "themes", "id"}
CONFIRMED = "De soort vraag en de thema's zijn door een medewerker bevestigd."


@dataclass(frozen=True)
class TriageInput:
    question: str
    postcode: str | None = None
    language: str = "nl"
    needs: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    kind: str | None = None
    themes: tuple[str, ...] = field(default=())


def _string_list(value, name: str, errors: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(f"{name}: moet een lijst van teksten zijn")
        return ()
    return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))


def parse_input(obj) -> tuple[TriageInput | None, list[str]]:
    """A request object -> TriageInput, or None and every problem in Dutch."""
    if not isinstance(obj, dict):
        return None, ["de vraag moet een JSON-object zijn"]
    errors = [f"{key}: onbekend veld" for key in obj if key not in FIELDS]
    question = obj.get("question")
    if not isinstance(question, str) or not question.strip():
        errors.append("question: vul de vraag van de burger in")
    elif len(question) > MAX_QUESTION:
        errors.append(f"question: de vraag is te lang (maximaal {MAX_QUESTION} tekens)")
    postcode = obj.get("postcode")
    if postcode in ("", None):
        postcode = None
    elif not isinstance(postcode, str) or not _POSTCODE.match(postcode.strip()):
        errors.append(f"postcode: ongeldige postcode {postcode!r}: een Belgische postcode heeft 4 cijfers")
    language = obj.get("language", "nl")
    if not isinstance(language, str) or not _LANGUAGE.match(language.strip().lower()):
        errors.append(f"language: ongeldige taalcode {language!r}: gebruik een ISO 639-code zoals nl of fr")
    needs = _string_list(obj.get("needs"), "needs", errors)
    errors += [f"needs: onbekende nood '{n}': kies uit {', '.join(NEEDS)}" for n in needs if n not in NEEDS]
    target_groups = _string_list(obj.get("target_groups"), "target_groups", errors)
    kind = obj.get("kind")
    if kind is not None and kind not in KINDS:
        errors.append(f"kind: onbekende soort {kind!r}: kies hulpvraag of leervraag")
    themes = _string_list(obj.get("themes"), "themes", errors)
    errors += [f"themes: onbekend thema '{t}'" for t in themes if t not in THEMES]
    if "themes" in obj and not themes and not errors:
        errors.append("themes: geef minstens één thema, of laat het veld weg")
    if (kind is None) != (not themes) and not errors:
        errors.append("kind en themes: geef ze samen, of laat ze allebei weg")
    if len(themes) > 2:
        errors.append("themes: hoogstens twee thema's")
    if errors:
        return None, errors
    return TriageInput(question=question.strip(), postcode=postcode.strip() if postcode else None,
                       language=language.strip().lower(), needs=needs, target_groups=target_groups,
                       kind=kind, themes=themes), []


def run(data: TriageInput, now: datetime | None = None, index: OfferIndex | None = None,
        load: Load | None = None, gap_source: str | None = None) -> dict:
    """The contract's output for one request; a gap is recorded when gap_source is given."""
    now = now or datetime.now(UTC)
    if data.kind and data.themes:
        kind, confidence = data.kind, 1.0
        themes = [{"code": code, "score": 1.0} for code in data.themes]
        explanation = [CONFIRMED]
    else:
        # Imported here so that commands and pages that never classify do not load scikit-learn.
        from triage.classify.store import current_classifier

        prediction = current_classifier().predict(data.question)
        kind, confidence = prediction.kind, round(float(prediction.confidence), 4)
        themes = [{"code": code, "score": round(float(score), 4)} for code, score in prediction.themes]
        explanation = list(prediction.explanation)
    request = MatchRequest(kind=kind, themes=tuple(t["code"] for t in themes[:2]), language=data.language,
                           postcode=data.postcode, needs=data.needs, target_groups=data.target_groups, now=now)
    result = match(request, index if index is not None else offer_index(),
                   load if load is not None else current_load())
    if result.gap and gap_source:
        record_gap(request, result, gap_source)
    return {"kind": kind, "confidence": confidence, "themes": themes,
            "explanation": explanation + list(result.explanation),
            "suggestions": [s.as_dict() for s in result.suggestions], "gap": result.gap}
