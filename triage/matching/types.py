"""Plain values the matching engine works on: offers, a request, the load, and its answer."""
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
OFFER_TYPES = ("digihelper", "course", "organisation")
KINDS = ("hulpvraag", "leervraag")
DEFAULT_MAX_OPEN_CASES = 5   # the catalogue schema's default
DEFAULT_COURSE_KINDS = ("leervraag",)


def _tuple(values) -> tuple:
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    return tuple(dict.fromkeys(values))


def _aware_utc(value: datetime) -> datetime:
    # Snapshots of the database carry naive UTC; everything else is already aware.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Offer:
    """A snapshot of one catalogue entry, detached from the database."""

    type: str
    id: str
    name: str
    active: bool = True
    organisation_id: str | None = None
    organisation_active: bool | None = None
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    max_open_cases: int | None = None
    capacity: int | None = None
    sessions: tuple[datetime, ...] = ()
    location: str | None = None
    address: str | None = None
    phone: str | None = None
    opening_hours: str | None = None

    def __post_init__(self) -> None:
        if self.type not in OFFER_TYPES:
            raise ValueError(f"unknown offer type {self.type!r}")
        for name in ("themes", "kinds", "languages", "postcodes", "accessibility", "target_groups"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        if self.type == "course" and not self.kinds:
            object.__setattr__(self, "kinds", DEFAULT_COURSE_KINDS)
        if self.type == "digihelper" and self.max_open_cases is None:
            object.__setattr__(self, "max_open_cases", DEFAULT_MAX_OPEN_CASES)
        object.__setattr__(self, "sessions", tuple(sorted(_aware_utc(s) for s in self.sessions or ())))


@dataclass(frozen=True, slots=True)
class MatchRequest:
    """What to match on: the confirmed (or predicted) kind and themes, and the citizen's situation."""

    kind: str
    themes: tuple[str, ...]
    language: str = "nl"
    postcode: str | None = None
    needs: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        themes = _tuple(self.themes)
        if not themes:
            raise ValueError("a request needs at least one theme")
        object.__setattr__(self, "themes", themes)
        object.__setattr__(self, "needs", _tuple(self.needs))
        object.__setattr__(self, "target_groups", _tuple(self.target_groups))
        object.__setattr__(self, "language", (self.language or "nl").strip().lower())
        object.__setattr__(self, "postcode", (self.postcode or "").strip() or None)
        # The contract reads a time without offset as Brussels time.
        if self.now.tzinfo is None:
            object.__setattr__(self, "now", self.now.replace(tzinfo=BRUSSELS))


@dataclass(frozen=True, slots=True)
class Load:
    """How busy the catalogue is right now, counted by the caller from the referrals."""

    open_cases: dict[str, int] = field(default_factory=dict)     # digihelper id -> open referrals
    taken_places: dict[str, int] = field(default_factory=dict)   # course id -> referrals not cancelled


NO_LOAD = Load()


@dataclass(frozen=True, slots=True)
class Suggestion:
    type: str
    id: str
    name: str
    score: float
    reasons: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"type": self.type, "id": self.id, "name": self.name, "score": self.score,
                "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Up to `limit` suggestions, best first; or a gap with what was missing.

    `missing` holds codes for reports (theme, kind, language, area, need, capacity, date);
    `explanation` says the same in Dutch for the counter clerk.
    """

    suggestions: tuple[Suggestion, ...] = ()
    gap: bool = False
    explanation: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()    # the themes matched on (more than the first after a fallback)

    def as_dict(self) -> dict:
        return {"suggestions": [s.as_dict() for s in self.suggestions], "gap": self.gap,
                "explanation": list(self.explanation)}
