"""The reports' period filter: a named period or two dates -> inclusive (start, end) dates in Brussels."""
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_DAYS = 3 * 366  # "at most 3 years", leap days included

PERIODS = {
    "deze-maand": "Deze maand",
    "vorige-maand": "Vorige maand",
    "kwartaal": "Dit kwartaal",
    "jaar": "Dit jaar",
    "aangepast": "Andere periode (vul van en tot in)",
}
DEFAULT = "deze-maand"
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


class PeriodError(ValueError):
    """A period the user asked for that cannot be used; the message is Dutch, for the page."""


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{long_date(self.start)} tot en met {long_date(self.end)}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def today_in_brussels(now: datetime | None = None) -> date:
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(BRUSSELS).date()


def long_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_label(value: date) -> str:
    return f"{MONTHS[value.month - 1]} {value.year}"


def month_bounds(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def parse_date(value: str, name: str) -> date:
    """'2026-04-30' (what <input type=date> sends) or '30/04/2026' -> a date, else PeriodError."""
    value = (value or "").strip()
    if not value:
        raise PeriodError(f"Vul de datum '{name}' in.")
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise PeriodError(f"De datum '{name}' is geen geldige datum. Schrijf ze als dd/mm/jjjj, bijvoorbeeld 30/04/2026.")


# Reports cover the app's own years; dates far outside (0001-01-01) cannot become Brussels midnights.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def check_range(start: date, end: date) -> None:
    if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
        raise PeriodError("Kies datums tussen 2000 en 2100.")
    if end < start:
        raise PeriodError("De datum 'tot' ligt vóór de datum 'van'. Kies een einddatum na de begindatum.")
    if (end - start).days + 1 > MAX_DAYS:
        raise PeriodError("De periode is te lang. Kies een periode van hoogstens 3 jaar.")


def resolve(key: str | None, start_text: str = "", end_text: str = "", today: date | None = None) -> Period:
    """The period the filter names; raises PeriodError with a Dutch message when it cannot be used."""
    today = today or today_in_brussels()
    key = (key or "").strip()
    if not key:
        # Dates without a period choice: the user meant a custom period.
        key = "aangepast" if (start_text or end_text) else DEFAULT
    if key == "deze-maand":
        return Period(key, today.replace(day=1), today)
    if key == "vorige-maand":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(key, last.replace(day=1), last)
    if key == "kwartaal":
        return Period(key, date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)
    if key == "jaar":
        return Period(key, date(today.year, 1, 1), today)
    if key == "aangepast":
        start = parse_date(start_text, "van")
        end = parse_date(end_text, "tot")
        check_range(start, end)
        return Period(key, start, end)
    raise PeriodError("Kies een periode uit de lijst.")


def parse_month(text: str | None, today: date | None = None) -> tuple[date, date]:
    """'2026-04' -> (1 April, 30 April); empty -> last month; else PeriodError."""
    today = today or today_in_brussels()
    text = (text or "").strip()
    if not text:
        last = today.replace(day=1) - timedelta(days=1)
        return month_bounds(last.year, last.month)
    try:
        parsed = datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise PeriodError("De maand is niet geldig. Schrijf ze als jjjj-mm, bijvoorbeeld 2026-04.") from None
    if parsed.year < 2000 or parsed > today:
        raise PeriodError("Kies een maand tussen 2000 en nu.")
    return month_bounds(parsed.year, parsed.month)
