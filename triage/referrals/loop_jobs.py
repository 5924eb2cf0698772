"""The referral loop's job bodies: reminders, escalation, follow-ups, expiry, the outbox (each takes now, flushes)."""
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import func, select

from triage.extensions import db
from triage.notify.sender import SendSummary, send_due
from triage.referrals import messages, services
from triage.referrals.models import Mode, Referral, ReferralEvent, Status
from triage.referrals.workdays import working_days_between


def _naive(now: datetime) -> datetime:
    """Naive UTC, like the database; run_job passes an aware time."""
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now


def _mark(referral: Referral, kind: str, now: datetime, note: str) -> None:
    referral.events.append(ReferralEvent(kind=kind, from_status=referral.status.value,
                                         to_status=referral.status.value, at=now, note=note))


def _last_reminders(ids: list[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    rows = db.session.execute(select(ReferralEvent.referral_id, func.max(ReferralEvent.at))
                              .where(ReferralEvent.referral_id.in_(ids), ReferralEvent.kind == "reminder")
                              .group_by(ReferralEvent.referral_id))
    return dict(rows.all())


def send_reminders(now: datetime) -> str:
    """Unanswered digihelper referrals: reminder 1, reminder 2, then the coordinators, each a few working days apart."""
    now = _naive(now)
    step = current_app.config["REMINDER_WORKING_DAYS"]
    waiting = db.session.scalars(select(Referral).where(
        Referral.mode == Mode.ASSIGNED, Referral.status == Status.PROPOSED, Referral.escalated_at.is_(None))
        .order_by(Referral.id)).all()
    last = _last_reminders([r.id for r in waiting])
    reminded = escalated = 0
    for referral in waiting:
        since = last.get(referral.id) if referral.reminders_sent else referral.created_at
        if working_days_between(since or referral.created_at, now) < step:
            continue
        if referral.reminders_sent < 2:
            referral.reminders_sent += 1
            _mark(referral, "reminder", now, f"Herinnering {referral.reminders_sent} verstuurd")
            messages.reminder(referral, referral.reminders_sent, now=now)
            reminded += 1
        else:
            referral.escalated_at = now
            _mark(referral, "escalation", now, "Geen antwoord: coördinator verwittigd")
            messages.escalation(referral, now=now)
            escalated += 1
    db.session.flush()
    return f"{reminded} herinnering(en), {escalated} naar de coördinator"


def flag_follow_ups(now: datetime) -> str:
    """Signposted and enrolled referrals whose follow-up date has come: a task and an e-mail for the counter."""
    now = _naive(now)
    due = db.session.scalars(select(Referral).where(
        Referral.mode.in_((Mode.SIGNPOSTED, Mode.ENROLLED)), Referral.status == Status.ACCEPTED,
        Referral.follow_up_due.is_(False), Referral.follow_up_at <= now).order_by(Referral.id)).all()
    for referral in due:
        referral.follow_up_due = True
        messages.follow_up_due(referral, now=now)
    db.session.flush()
    return f"{len(due)} opvolging(en) klaargezet"


def expire_stale(now: datetime) -> str:
    """Escalated referrals still unanswered after EXPIRE_WORKING_DAYS are cancelled; the counter refers again."""
    now = _naive(now)
    limit = current_app.config["EXPIRE_WORKING_DAYS"]
    escalated = db.session.scalars(select(Referral).where(
        Referral.mode == Mode.ASSIGNED, Referral.status == Status.PROPOSED, Referral.escalated_at.is_not(None))
        .order_by(Referral.id)).all()
    expired = [r for r in escalated if working_days_between(r.escalated_at, now) >= limit]
    for referral in expired:
        services.transition(referral, "cancel", None, now=now, note="verlopen")
        messages.expired(referral, now=now)
    db.session.flush()
    return f"{len(expired)} doorverwijzing(en) verlopen"


def send_outbox(now: datetime) -> SendSummary:
    """Send the due outbox messages (each committed on its own, see notify.sender)."""
    return send_due(_naive(now))
