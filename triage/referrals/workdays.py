"""Working days in Brussels: weekends and Belgian public holidays (Easter computed) do not count."""
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Gregorian algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lx = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lx) // 451
    month, day = divmod(h + lx - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[date, str]:
    """The ten Belgian legal public holidays of a year, with their Dutch names."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Nieuwjaar",
        easter + timedelta(days=1): "Paasmaandag",
        date(year, 5, 1): "Dag van de Arbeid",
        easter + timedelta(days=39): "Onze-Lieve-Heer-Hemelvaart",
        easter + timedelta(days=50): "Pinkstermaandag",
        date(year, 7, 21): "Nationale feestdag",
        date(year, 8, 15): "Onze-Lieve-Vrouw-Hemelvaart",
        date(year, 11, 1): "Allerheiligen",
        date(year, 11, 11): "Wapenstilstand",
        date(year, 12, 25): "Kerstmis",
    }


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def _local(moment: datetime) -> datetime:
    """Brussels time; a naive datetime is UTC, like every timestamp in the database."""
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).astimezone(BRUSSELS)


def add_working_days(start: datetime, n: int) -> datetime:
    """The same Brussels time of day, n working days later (naive in, naive UTC out).

    Friday 15:00 + 2 is Tuesday 15:00; with Monday a holiday, Wednesday 15:00.
    """
    local = _local(start)
    day = local.date()
    for _ in range(n):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    result = datetime.combine(day, local.time(), tzinfo=BRUSSELS).astimezone(UTC)
    return result.replace(tzinfo=None) if start.tzinfo is None else result.astimezone(start.tzinfo)


def working_days_between(a: datetime, b: datetime) -> int:
    """Whole working days from a to b: the largest n with add_working_days(a, n) <= b (0 if b <= a)."""
    start, end = _local(a), _local(b)
    if end <= start:
        return 0
    count, day = 0, start.date() + timedelta(days=1)
    while day <= end.date():
        count += is_working_day(day)
        day += timedelta(days=1)
    # The last working day counts only once its time of day has passed that of a.
    if count and is_working_day(end.date()) and end.date() > start.date() and end.time() < start.time():
        count -= 1
    return count
