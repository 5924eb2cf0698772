"""Date-times in the catalogue file: Brussels time when no offset is given, UTC in the database."""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def parse_datetime(value: str) -> datetime:
    """ISO 8601 text -> aware datetime; a value without offset is Brussels time."""
    if not isinstance(value, str):
        raise TypeError("not a string")
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=BRUSSELS)
    return parsed


def to_utc_naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def from_utc_naive(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC).astimezone(BRUSSELS)


def format_iso(value: datetime) -> str:
    """A stored UTC time as Brussels ISO text with its offset, e.g. 2026-12-08T14:00:00+01:00."""
    return from_utc_naive(value).isoformat(timespec="seconds")
