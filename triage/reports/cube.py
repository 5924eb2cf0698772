"""Reading the request and service cubes: a period as whole months (month rows) and edge days (day rows)."""
from datetime import date, timedelta

from sqlalchemy import func, select, union_all

from triage.extensions import db
from triage.reports.filters import REQUEST_FIELDS, Filters


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def spans(start: date, end: date, days_only: bool = False) -> list[tuple[str, date, date]]:
    """(grain, first period, last period) that together cover start..end (both inclusive): the whole
    months inside from the month rows ('m', periods are first days), the days before and after them
    from the day rows ('d'). A period of two years reads about 24 month rows per combination of
    labels and at most 60 days, instead of 730 days."""
    if end < start:
        return []
    first_month = start if start.day == 1 else next_month(start)
    following = end + timedelta(days=1)
    after_months = following if following.day == 1 else end.replace(day=1)
    if days_only or first_month >= after_months:
        return [("d", start, end)]
    out = []
    if start < first_month:
        out.append(("d", start, first_month - timedelta(days=1)))
    out.append(("m", first_month, after_months - timedelta(days=1)))
    if after_months <= end:
        out.append(("d", after_months, end))
    return out


def read(model, f: Filters, keys: list, counts: list, days_only: bool = False, where: tuple = ()) -> list:
    """Rows (*keys, *sums of counts) of a cube over f's period under its request filters (any combination),
    grouped per span: the same keys may come back once per span, for the caller to add up."""
    conditions = [getattr(model, name) == getattr(f, name) for name in REQUEST_FIELDS if getattr(f, name)]
    parts = [select(*keys, *[func.sum(c) for c in counts])
             .where(model.grain == grain, model.period >= lo, model.period <= hi, *conditions, *where)
             .group_by(*keys)
             for grain, lo, hi in spans(f.start, f.end, days_only)]
    if not parts:
        return []
    return db.session.execute(union_all(*parts) if len(parts) > 1 else parts[0]).all()
