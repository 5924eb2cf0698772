"""The reports' numbers: what the pages, the JSON API and the CSV export show (the contract).

Every function takes Filters (a Brussels period, both dates inclusive, and optional filters) and
answers with plain numbers, lists and dicts; an empty database gives zeros, empty lists and None
rates. They are read from the rollups (models.py): the request and service cubes under any request
filters, the referral slices without a filter or with one; with two or more filters the referral
numbers come from the base tables, with the same meaning (tests run every number both ways). The
target filters (target type, organisation) narrow the referral numbers only: TARGET_FILTER_SECTIONS.
Who may see what (counts under 5 per digihelper) is for the pages to decide.
"""
import json
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import Integer, Text, case, cast, func, literal, select, union_all

from triage.extensions import db
from triage.intake.models import HelpRequest, RequestService, RequestStatus
from triage.intake.online_services import service_label
from triage.matching.models import UnmetNeed
from triage.reports import cube, filters
from triage.reports.citizen_queries import hulp_to_leer
from triage.reports.filters import Filters, bucket_of, periods, request_conditions
from triage.reports.models import RequestCube, ServiceCube
from triage.reports.referral_queries import MIN_CLOSED, catalogue_load, declines, loop_closure, success_rates
from triage.reports.timing_queries import timings

__all__ = ["MIN_CLOSED", "Filters", "catalogue_load", "declines", "hulp_to_leer", "loop_closure", "online_services",
           "service_trend", "success_rates", "summary", "timings", "trend", "unmet_needs", "volumes"]
KINDS = ("hulpvraag", "leervraag")
# What the target filters narrow; the other numbers count every request (and service, citizen, gap).
TARGET_FILTER_SECTIONS = ["loop_closure", "success_rates", "timings", "declines", "hulp_to_leer.closed",
                          "hulp_to_leer.zelfstandig", "hulp_to_leer.zelfstandig_share"]
# A compound SELECT may have at most 500 parts on SQLite: longer trends take several statements.
BUCKETS_PER_STATEMENT = 400


def _desc(counts: dict) -> list[tuple]:
    """(key, n) biggest first, then by key (None last); zero counts left out."""
    return sorted(((k, n) for k, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))


def volumes(f: Filters) -> dict:
    """Requests logged in the period: in total, by kind, theme, channel and postcode; gaps; solved at the counter."""
    if filters.USE_ROLLUPS:
        rows = cube.read(RequestCube, f, [RequestCube.kind, RequestCube.theme, RequestCube.channel,
                                          RequestCube.postcode], [RequestCube.n, RequestCube.gaps, RequestCube.solved])
    else:
        solved = case((HelpRequest.status == RequestStatus.SOLVED, 1), else_=0)
        gap = case((HelpRequest.gap.is_(True), 1), else_=0)
        rows = db.session.execute(
            select(HelpRequest.kind, HelpRequest.theme, HelpRequest.channel, HelpRequest.postcode, func.count(),
                   func.sum(gap), func.sum(solved)).where(*request_conditions(f))
            .group_by(HelpRequest.kind, HelpRequest.theme, HelpRequest.channel, HelpRequest.postcode)).all()
    totals = {"total": 0, "gap": 0, "solved": 0}
    by = {"kind": defaultdict(int), "theme": defaultdict(int), "channel": defaultdict(int),
          "postcode": defaultdict(int)}
    for kind, theme, channel, postcode, n, gaps, solved_here in rows:
        n = int(n)
        totals["total"] += n
        totals["gap"] += int(gaps or 0)
        totals["solved"] += int(solved_here or 0)
        by["kind"][kind or None] += n
        by["theme"][theme or None] += n
        by["channel"][getattr(channel, "value", channel) or None] += n
        by["postcode"][postcode or None] += n
    return {"total": totals["total"], "by_kind": {k: by["kind"].get(k, 0) for k in KINDS},
            "by_theme": _desc(by["theme"]), "by_channel": _desc(by["channel"]), "by_postcode": _desc(by["postcode"]),
            "gaps": totals["gap"], "solved_at_counter": totals["solved"]}


def _bucketed(f: Filters, granularity: str, make_select) -> tuple[list, list]:
    """Run make_select(i, lo, hi) for every period (in a few UNION ALL statements); (periods, rows)."""
    buckets = periods(f, granularity)
    rows = []
    for first in range(0, len(buckets), BUCKETS_PER_STATEMENT):
        part = [make_select(i, lo, hi) for i, (_, lo, hi) in enumerate(buckets[first:first + BUCKETS_PER_STATEMENT],
                                                                      start=first)]
        rows += db.session.execute(union_all(*part) if len(part) > 1 else part[0]).all()
    return buckets, rows


def trend(f: Filters, granularity: str = "month") -> list[dict]:
    """Per week or month (its first day, Brussels): requests, hulpvragen, leervragen, gaps; empty periods included."""
    buckets = periods(f, granularity)
    out = {start: {"period": start, "requests": 0, "hulpvraag": 0, "leervraag": 0, "gaps": 0}
           for start, _, _ in buckets}
    if filters.USE_ROLLUPS:
        # Weeks need the day rows; months take whole months from the month rows.
        for period, kind, n, gaps in cube.read(RequestCube, f, [RequestCube.period, RequestCube.kind],
                                               [RequestCube.n, RequestCube.gaps], days_only=granularity == "week"):
            row = out[bucket_of(period, granularity)]
            row["requests"] += int(n)
            row["gaps"] += int(gaps)
            if kind in KINDS:
                row[kind] += int(n)
    else:
        def one(i, lo, hi):
            return select(literal(i, Integer).label("i"), func.count(),
                          func.coalesce(func.sum(case((HelpRequest.kind == "hulpvraag", 1), else_=0)), 0),
                          func.coalesce(func.sum(case((HelpRequest.kind == "leervraag", 1), else_=0)), 0),
                          func.coalesce(func.sum(case((HelpRequest.gap.is_(True), 1), else_=0)), 0)).where(
                HelpRequest.created_at >= lo, HelpRequest.created_at < hi, *request_conditions(f, with_period=False))
        _, rows = _bucketed(f, granularity, one)
        for i, n, hulp, leer, gaps in rows:
            out[buckets[i][0]].update(requests=n, hulpvraag=int(hulp), leervraag=int(leer), gaps=int(gaps))
    return list(out.values())


def online_services(f: Filters) -> list[dict]:
    """Online services named by the requests of the period, most named first."""
    counts: dict[str, int] = defaultdict(int)
    if filters.USE_ROLLUPS:
        rows = cube.read(ServiceCube, f, [ServiceCube.service], [ServiceCube.n])
    else:
        lo, hi = f.utc_bounds()
        rows = db.session.execute(
            select(RequestService.service, func.count())
            .join(HelpRequest, HelpRequest.id == RequestService.request_id)
            .where(RequestService.created_at >= lo, RequestService.created_at < hi,
                   *request_conditions(f, with_period=False))
            .group_by(RequestService.service))
    for code, n in rows:
        counts[code] += int(n)
    return [{"service": code, "label": service_label(code), "n": n} for code, n in _desc(counts)]


def service_trend(f: Filters, granularity: str = "month", top: int = 5) -> dict:
    """The `top` services of the period, counted per week or month: {"periods": [date], "series": {code: [n]}}."""
    codes = [s["service"] for s in online_services(f)[:top]]
    buckets = periods(f, granularity)
    index = {start: i for i, (start, _, _) in enumerate(buckets)}
    series = {code: [0] * len(buckets) for code in codes}
    if codes and filters.USE_ROLLUPS:
        for period, code, n in cube.read(ServiceCube, f, [ServiceCube.period, ServiceCube.service], [ServiceCube.n],
                                         days_only=granularity == "week", where=(ServiceCube.service.in_(codes),)):
            series[code][index[bucket_of(period, granularity)]] += int(n)
    elif codes:
        def one(i, lo, hi):
            return (select(literal(i, Integer).label("i"), RequestService.service, func.count())
                    .join(HelpRequest, HelpRequest.id == RequestService.request_id)
                    .where(RequestService.created_at >= lo, RequestService.created_at < hi,
                           RequestService.service.in_(codes), *request_conditions(f, with_period=False))
                    .group_by(RequestService.service))
        _, rows = _bucketed(f, granularity, one)
        for i, code, n in rows:
            series[code][i] = n
    return {"periods": [start for start, _, _ in buckets], "series": series}


def unmet_needs(f: Filters) -> list[dict]:
    """Gaps of the period by theme, language, postcode and need (a gap with two needs counts under each;
    none: need None), biggest first. The target filters do not apply: a gap has no referral."""
    lo, hi = f.utc_bounds()
    needs_text = cast(UnmetNeed.needs, Text)
    query = (select(UnmetNeed.theme, UnmetNeed.language, UnmetNeed.postcode, needs_text, func.count())
             .where(UnmetNeed.created_at >= lo, UnmetNeed.created_at < hi))
    if f.theme:
        query = query.where(UnmetNeed.theme == f.theme)
    if f.kind:
        query = query.where(UnmetNeed.kind == f.kind)
    if f.postcode:
        query = query.where(UnmetNeed.postcode == f.postcode)
    if f.channel:  # the gap's own copy of the request's channel: no join with a million requests
        query = query.where(UnmetNeed.channel == f.channel)
    counts: dict[tuple, int] = defaultdict(int)
    for theme, language, postcode, needs, n in db.session.execute(
            query.group_by(UnmetNeed.theme, UnmetNeed.language, UnmetNeed.postcode, needs_text)):
        for need in json.loads(needs or "[]") or [None]:
            counts[(theme, language, postcode, need)] += n
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1], kv[0][2] or "", kv[0][3] or ""))
    return [{"theme": theme, "language": language, "postcode": postcode, "need": need, "n": n}
            for (theme, language, postcode, need), n in ordered]


def _json_ready(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    return value


def summary(f: Filters, now: datetime) -> dict:
    """Everything above for one period and filters, JSON-ready (dates as ISO text, pairs as lists).
    Trends are per week for periods up to 92 days, per month beyond."""
    granularity = "week" if (f.end - f.start).days < 92 else "month"
    filters = {k: v for k, v in vars(f).items() if k not in ("start", "end") and v}
    return _json_ready({
        "period": {"start": f.start, "end": f.end}, "filters": filters, "granularity": granularity,
        "target_filters_apply_to": TARGET_FILTER_SECTIONS,
        "volumes": volumes(f), "trend": trend(f, granularity), "loop_closure": loop_closure(f, now),
        "success_rates": success_rates(f), "timings": timings(f), "declines": declines(f),
        "unmet_needs": unmet_needs(f), "online_services": online_services(f),
        "service_trend": service_trend(f, granularity), "hulp_to_leer": hulp_to_leer(f),
        "catalogue_load": catalogue_load(now)})
