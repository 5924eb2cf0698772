"""When a job runs: CronTrigger arguments in Brussels time, a Dutch label, and the period key of a run."""
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class Schedule:
    label: str  # Dutch, for `flask jobs list`
    cron: Mapping[str, object]  # APScheduler CronTrigger keyword arguments, Brussels time
    period: Callable[[datetime], str]  # now -> the key of the run that now belongs to


def as_utc(now: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as UTC, like every timestamp in the database."""
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def day_key(now: datetime) -> str:
    """The Brussels date: one run a day, even when a DST change makes a cron time occur twice."""
    return as_utc(now).astimezone(BRUSSELS).date().isoformat()


def slot_key(now: datetime, minutes: int) -> str:
    """The Brussels start of the `minutes`-long slot holding now, e.g. 2026-11-26T14:05."""
    local = as_utc(now).astimezone(BRUSSELS)
    key = f"{local:%Y-%m-%dT%H}:{local.minute - local.minute % minutes:02d}"
    # The hour repeated when summer time ends gets its offset, or its slots would be skipped as done.
    return f"{key}{local:%z}" if local.fold else key


def daily(at: str) -> Schedule:
    """daily("03:10"): every day at that Brussels time."""
    hour, minute = (int(part) for part in at.split(":"))
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"not a time of day: {at}")
    return Schedule(f"dagelijks om {hour:02d}:{minute:02d}", {"hour": hour, "minute": minute}, day_key)


def every(minutes: int) -> Schedule:
    """every(5): at :00, :05, :10, ... of each hour; minutes must divide 60."""
    if minutes < 1 or 60 % minutes:
        raise ValueError(f"minutes must divide 60: {minutes}")
    label = "elke minuut" if minutes == 1 else f"elke {minutes} minuten"
    return Schedule(label, {"minute": f"*/{minutes}"}, partial(slot_key, minutes=minutes))
