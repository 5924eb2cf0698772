"""The reports' numbers on referrals: loop closure, success rates, declines, catalogue load.

Without a filter or with one, from that filter's slice of the referral rollups; with more, from the base tables.
"""
import calendar
from collections import defaultdict
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import case, func, select

from triage.catalogue.codes import ENTRY_TYPES, KIND_LABELS, THEMES
from triage.catalogue.models import CatalogueEntry
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.referrals.lifecycle import SUCCESS_OUTCOMES
from triage.referrals.models import OPEN_STATUSES, Referral, Status
from triage.reports.filters import (
    Filters,
    brussels_date,
    local_midnight_utc,
    naive_utc,
    referral_filter,
    request_conditions,
    slice_of,
)
from triage.reports.models import ClosedRequestSlice, ClosedTargetSlice, ReferralSlice

# A success rate is shown only over at least this many closed referrals.
MIN_CLOSED = 5
NOT_A_LOOP = (Status.DECLINED.value, Status.CANCELLED.value)
NO_ORGANISATION = ("zonder-organisatie", "Zonder organisatie")


def request_only(f: Filters) -> Filters:
    return Filters(f.start, f.end, f.theme, f.kind, f.channel, f.postcode)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def in_slice(model, chosen: tuple[str, str], start: date, end: date) -> list:
    """WHERE conditions for one slice of a referral rollup and the days start..end."""
    return [model.dimension == chosen[0], model.value == chosen[1], model.day >= start, model.day <= end]


def loop_closure(f: Filters, now: datetime) -> dict:
    """Referrals made in the period whose follow-up time (FOLLOW_UP_DAYS) has passed by `now`, leaving out the
    declined and cancelled ones: how many are due, how many have an outcome (closed), and the share."""
    cutoff = naive_utc(now) - timedelta(days=current_app.config["FOLLOW_UP_DAYS"])
    lo, hi = f.utc_bounds()
    due = closed = 0

    def count(start: datetime, end: datetime) -> tuple[int, int]:
        query = referral_filter(select(func.count(), func.coalesce(func.sum(case(
            (Referral.status == Status.CLOSED, 1), else_=0)), 0)).where(
            Referral.created_at >= start, Referral.created_at < end,
            Referral.status.not_in((Status.DECLINED, Status.CANCELLED))), f)
        n, done = db.session.execute(query).one()
        return n, int(done)

    chosen = slice_of(f)
    if chosen is not None:
        # Whole days before the cutoff's day from the rollup; that day itself up to the cutoff from the rows.
        cutoff_day = brussels_date(cutoff)
        last = min(f.end, cutoff_day - timedelta(days=1))
        if last >= f.start:
            rows = db.session.execute(
                select(ReferralSlice.status, func.sum(ReferralSlice.n))
                .where(*in_slice(ReferralSlice, chosen, f.start, last)).group_by(ReferralSlice.status))
            for status, n in rows:
                due += int(n) if status not in NOT_A_LOOP else 0
                closed += int(n) if status == Status.CLOSED.value else 0
        if f.start <= cutoff_day <= f.end:
            n, done = count(local_midnight_utc(cutoff_day), cutoff)
            due, closed = due + n, closed + done
    elif min(hi, cutoff) > lo:
        due, closed = count(lo, min(hi, cutoff))
    return {"due": due, "closed": closed, "share": share(closed, due)}


def _catalogue() -> tuple[dict, dict]:
    """{id: (type, code, name, organisation id)} of every entry, and {organisation id: (code, name)}."""
    entries = {row.id: (row.entry_type, row.code, row.name, row.organisation_id) for row in db.session.execute(
        select(CatalogueEntry.id, CatalogueEntry.entry_type, CatalogueEntry.code, CatalogueEntry.name,
               CatalogueEntry.organisation_id))}
    organisations = {i: (code, name) for i, (kind, code, name, _) in entries.items() if kind == "organisation"}
    return entries, organisations


def _rows(counts: dict, labels: dict) -> list[dict]:
    out = []
    for key, (closed, successes) in counts.items():
        if closed:
            out.append({"key": key, "label": labels.get(key, key), "closed": closed, "successes": successes,
                        "rate": successes / closed if closed >= MIN_CLOSED else None})
    return sorted(out, key=lambda r: (-r["closed"], r["label"]))


def success_rates(f: Filters) -> dict:
    """Referrals closed in the period (closed_at) and the share that succeeded (geholpen, zelfstandig), by type of
    offer, organisation, digihelper, course, the request's theme and kind, and overall; rate None under MIN_CLOSED."""
    by_target: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_request: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    chosen = slice_of(f)
    if chosen is not None:
        for target, n, s in db.session.execute(
                select(ClosedTargetSlice.target_id, func.sum(ClosedTargetSlice.n),
                       func.sum(ClosedTargetSlice.successes))
                .where(*in_slice(ClosedTargetSlice, chosen, f.start, f.end))
                .group_by(ClosedTargetSlice.target_id)):
            by_target[target] = [int(n), int(s)]
        for kind, theme, n, s in db.session.execute(
                select(ClosedRequestSlice.kind, ClosedRequestSlice.theme, func.sum(ClosedRequestSlice.n),
                       func.sum(ClosedRequestSlice.successes))
                .where(*in_slice(ClosedRequestSlice, chosen, f.start, f.end))
                .group_by(ClosedRequestSlice.kind, ClosedRequestSlice.theme)):
            by_request[(kind, theme)] = [int(n), int(s)]
    else:
        lo, hi = f.utc_bounds()
        success = func.coalesce(func.sum(case((Referral.outcome.in_(SUCCESS_OUTCOMES), 1), else_=0)), 0)
        query = referral_filter(select(Referral.target_id, HelpRequest.kind, HelpRequest.theme, func.count(), success)
                                .where(Referral.status == Status.CLOSED, Referral.closed_at >= lo,
                                       Referral.closed_at < hi), Filters(f.start, f.end, target_type=f.target_type,
                                                                        organisation=f.organisation))
        query = query.join(HelpRequest, HelpRequest.id == Referral.request_id).where(
            *request_conditions(request_only(f), with_period=False))
        for target, kind, theme, n, s in db.session.execute(
                query.group_by(Referral.target_id, HelpRequest.kind, HelpRequest.theme)):
            by_target[target][0] += n
            by_target[target][1] += int(s)
            by_request[(kind or "", theme or "")][0] += n
            by_request[(kind or "", theme or "")][1] += int(s)
    entries, organisations = _catalogue()
    groups = {name: defaultdict(lambda: [0, 0]) for name in ("type", "organisation", "digihelper", "course",
                                                              "theme", "kind", "overall")}
    labels = {"type": dict(ENTRY_TYPES), "organisation": {NO_ORGANISATION[0]: NO_ORGANISATION[1]},
              "digihelper": {}, "course": {}, "theme": {**THEMES, "": "Zonder thema"},
              "kind": {**KIND_LABELS, "": "Onbekend"}, "overall": {"all": "Alle doorverwijzingen"}}

    def add(group: str, key, counts: list[int]) -> None:
        groups[group][key][0] += counts[0]
        groups[group][key][1] += counts[1]

    for target, counts in by_target.items():
        kind, code, name, org_id = entries.get(target, ("onbekend", str(target), str(target), None))
        add("type", kind, counts)
        add("overall", "all", counts)
        org = target if kind == "organisation" else org_id
        if org in organisations:
            org_code, org_name = organisations[org]
            add("organisation", org_code, counts)
            labels["organisation"][org_code] = org_name
        else:
            add("organisation", NO_ORGANISATION[0], counts)
        if kind in ("digihelper", "course"):
            add(kind, code, counts)
            labels[kind][code] = name
    for (kind, theme), counts in by_request.items():
        add("theme", theme, counts)
        add("kind", kind, counts)
    out = {f"by_{name}": _rows(groups[name], labels[name]) for name in ("organisation", "digihelper", "course",
                                                                         "theme", "kind")}
    out["by_target_type"] = _rows(groups["type"], labels["type"])
    out["overall"] = _rows(groups["overall"], labels["overall"]) or [
        {"key": "all", "label": "Alle doorverwijzingen", "closed": 0, "successes": 0, "rate": None}]
    return out


def declines(f: Filters) -> dict:
    """Referrals made in the period: declined ones by reason (most first), reminders sent, escalations."""
    reasons: dict = defaultdict(int)
    chosen = slice_of(f)
    if chosen is not None:
        rows = db.session.execute(
            select(ReferralSlice.status, ReferralSlice.decline_reason, func.sum(ReferralSlice.n),
                   func.sum(ReferralSlice.reminders), func.sum(ReferralSlice.escalations))
            .where(*in_slice(ReferralSlice, chosen, f.start, f.end))
            .group_by(ReferralSlice.status, ReferralSlice.decline_reason)).all()
    else:
        lo, hi = f.utc_bounds()
        rows = db.session.execute(referral_filter(
            select(Referral.status, Referral.decline_reason, func.count(), func.sum(Referral.reminders_sent),
                   func.count(Referral.escalated_at))
            .where(Referral.created_at >= lo, Referral.created_at < hi), f)
            .group_by(Referral.status, Referral.decline_reason)).all()
    reminders = escalations = 0
    for status, reason, n, sent, escalated in rows:
        status = getattr(status, "value", status)
        if status == Status.DECLINED.value:
            reasons[reason or None] += int(n)
        reminders += int(sent or 0)
        escalations += int(escalated or 0)
    by_reason = sorted(((r, n) for r, n in reasons.items() if n), key=lambda kv: (-kv[1], kv[0] or ""))
    return {"by_reason": by_reason, "reminders": reminders, "escalations": escalations}


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def catalogue_load(now: datetime) -> list[dict]:
    """Every active catalogue entry (and inactive ones with open referrals): its open referrals (proposed,
    accepted, in progress), its capacity (a digihelper's maximum open cases, a course's places), when it was
    last verified, and whether that was 12 months ago or more (stale)."""
    entries = db.session.execute(select(
        CatalogueEntry.id, CatalogueEntry.entry_type, CatalogueEntry.code, CatalogueEntry.name,
        CatalogueEntry.organisation_id, CatalogueEntry.max_open_cases, CatalogueEntry.capacity,
        CatalogueEntry.last_verified_on, CatalogueEntry.active)).all()
    if not entries:
        return []
    open_cases = dict(db.session.execute(
        select(Referral.target_id, func.count())
        .where(Referral.target_id.in_([e.id for e in entries]), Referral.status.in_(OPEN_STATUSES))
        .group_by(Referral.target_id)).all())
    names = {e.id: e.name for e in entries}
    stale_from = _months_before(brussels_date(now), 12)
    order = {"digihelper": 0, "course": 1, "organisation": 2}
    out = []
    for e in sorted(entries, key=lambda e: (order.get(e.entry_type, 3), e.name.lower(), e.code)):
        n = open_cases.get(e.id, 0)
        if not e.active and not n:
            continue
        capacity = {"digihelper": e.max_open_cases, "course": e.capacity}.get(e.entry_type)
        out.append({"type": e.entry_type, "code": e.code, "name": e.name,
                    "organisation": names.get(e.organisation_id) if e.organisation_id else None, "open": n,
                    "capacity": capacity, "last_verified": e.last_verified_on,
                    "stale": e.last_verified_on is None or e.last_verified_on <= stale_from})
    return out
