"""Erasing a citizen's personal data, on request or when retention ends, keeping the reports' anonymous facts.

What goes (docs/privacy.md): contact details, the question in the citizen's own words (replaced by
a neutral marker), the classifier's explanation (it quotes those words), every free-text note on the
request, its referrals and their steps, and the outbox messages about them. What stays: kind,
themes, online services named, channel, language, postcode, needs, target groups, status, outcomes,
decline reasons and every date: what the reports count. The citizen key (a keyed hash of the phone
number or e-mail) is replaced by a random one once none of that citizen's requests keeps personal
data, so the reports still see one citizen's hulpvraag and later leervraag, but nobody can link
them to a phone number again.

Bulk SQL, so the ORM's audit hook does not see it: each erased request gets its own "erased" row.
The database triggers of the reports (migration 0005) react only to columns this never changes,
and to the citizen key, whose groups stay as they were: every report number stays the same.
"""
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, func, select, update

from triage.db import utcnow
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.notify.models import Message
from triage.privacy import audit
from triage.referrals.models import Referral, ReferralEvent

ERASED_QUESTION = "(gewist)"
# Every contact column (name, phone, e-mail, and any added later) except the consent, which is no data.
CONTACT_COLUMNS = tuple(c.name for c in HelpRequest.__table__.c if c.name.startswith("contact_")
                        and c.name != "contact_consent")
REASONS = {
    "verzoek": "op vraag van de burger",
    "onterecht": "onterecht bewaard",
    "bewaartermijn": "bewaartermijn verstreken",
}
# Statements with IN lists stay well below SQLite's and PostgreSQL's parameter limits.
CHUNK = 500


@dataclass
class Erased:
    requests: int = 0
    referrals: int = 0
    notes: int = 0
    messages: int = 0
    remaining: int = 0  # retention: expired requests left for the next run

    def summary(self) -> str:
        text = (f"{self.requests} vraag/vragen gewist ({self.referrals} doorverwijzing(en), {self.notes} notitie(s), "
                f"{self.messages} bericht(en))")
        return text + (f"; nog {self.remaining} te doen" if self.remaining else "")


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def erase_requests(request_ids, reason: str, actor: tuple[int | None, str | None] | None = None,
                   now: datetime | None = None) -> Erased:
    """Erase the personal data of these requests (those not erased yet); flushes, the caller commits."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    now = now or utcnow()
    result = Erased()
    keys: set[str] = set()
    rows = []
    for part in _chunks(sorted(set(request_ids))):
        todo = db.session.execute(select(HelpRequest.id, HelpRequest.reference, HelpRequest.citizen_key).where(
            HelpRequest.id.in_(part), HelpRequest.erased_at.is_(None))).all()
        if not todo:
            continue
        ids = [row.id for row in todo]
        keys.update(row.citizen_key for row in todo if row.citizen_key)
        db.session.execute(
            update(HelpRequest).where(HelpRequest.id.in_(ids))
            .values(question=ERASED_QUESTION, explanation=[], note=None, erased_at=now,
                    **dict.fromkeys(CONTACT_COLUMNS)).execution_options(synchronize_session=False))
        result.requests += len(ids)
        _erase_referrals(ids, result)
        rows += [audit.entry("erased", "request", row.id, row.reference, REASONS[reason], actor) for row in todo]
    _rekey_finished_citizens(keys)
    audit.record(rows)
    db.session.flush()
    return result


def _erase_referrals(request_ids: list[int], result: Erased) -> None:
    referral_ids = list(db.session.scalars(select(Referral.id).where(Referral.request_id.in_(request_ids))))
    result.referrals += len(referral_ids)
    for part in _chunks(referral_ids):
        notes = db.session.execute(
            update(Referral).where(Referral.id.in_(part),
                                   (Referral.decline_note.is_not(None)) | (Referral.outcome_note.is_not(None)))
            .values(decline_note=None, outcome_note=None).execution_options(synchronize_session=False))
        steps = db.session.execute(
            update(ReferralEvent).where(ReferralEvent.referral_id.in_(part), ReferralEvent.note.is_not(None))
            .values(note=None).execution_options(synchronize_session=False))
        result.notes += notes.rowcount + steps.rowcount
        messages = db.session.execute(
            delete(Message).where(Message.related_type == "referral", Message.related_id.in_(part))
            .execution_options(synchronize_session=False))
        result.messages += messages.rowcount


def _rekey_finished_citizens(keys: set[str]) -> None:
    """A citizen none of whose requests holds personal data any more gets a random key instead of the hash."""
    for key in sorted(keys):
        still_personal = db.session.scalar(select(exists().where(
            HelpRequest.citizen_key == key, HelpRequest.erased_at.is_(None))))
        if not still_personal:
            db.session.execute(update(HelpRequest).where(HelpRequest.citizen_key == key)
                               .values(citizen_key=secrets.token_hex(32)).execution_options(synchronize_session=False))


# ---- retention ----

def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day of a shorter month)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime(year, month, 1)).days
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def _closed_at():
    """When a finished request was finished: solved at the counter, else its last referral's closing."""
    last_close = select(func.max(Referral.closed_at)).where(Referral.request_id == HelpRequest.id).scalar_subquery()
    return func.coalesce(HelpRequest.closed_at, last_close, HelpRequest.created_at)


def expired_query(cutoff: datetime):
    """Finished (solved or closed) requests, not yet erased, finished before cutoff. Open ones never expire."""
    return select(HelpRequest.id).where(
        HelpRequest.erased_at.is_(None), HelpRequest.status.in_((RequestStatus.SOLVED, RequestStatus.CLOSED)),
        _closed_at() < cutoff)


def erase_expired(now: datetime, months: int, batch_size: int) -> Erased:
    """Retention: erase up to batch_size requests finished more than `months` months before now."""
    cutoff = months_before(now, months)
    ids = list(db.session.scalars(expired_query(cutoff).order_by(HelpRequest.id).limit(batch_size)))
    result = erase_requests(ids, "bewaartermijn", actor=(None, "taak erase-expired-personal-data"), now=now)
    if len(ids) == batch_size:
        result.remaining = db.session.scalar(select(func.count()).select_from(expired_query(cutoff).subquery()))
    return result
