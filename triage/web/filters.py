"""Jinja filters: Brussels dates, labels."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def to_brussels(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BRUSSELS)


def format_datetime(value) -> str:
    if not value:
        return ""
    return to_brussels(value).strftime("%d/%m/%Y %H:%M")


def format_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = to_brussels(value).date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def init_app(app) -> None:
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.globals["town_name"] = lambda: app.config["TOWN_NAME"]
