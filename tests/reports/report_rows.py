"""Rows with known times for the report query tests, stored through the models (the rollup triggers see them)."""
from datetime import UTC, date, datetime
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from triage.catalogue.models import MODEL_BY_TYPE
from triage.extensions import db
from triage.intake.models import Channel, HelpRequest, RequestStatus
from triage.matching.models import UnmetNeed
from triage.referrals.models import Mode, Referral, Status
from triage.reports import filters

BRUSSELS = ZoneInfo("Europe/Brussels")
NUMBERS = count(1)
MODES = {"digihelper": Mode.ASSIGNED, "course": Mode.ENROLLED, "organisation": Mode.SIGNPOSTED}


@pytest.fixture(params=[True, False], ids=["rollups", "base-tables"])
def both_ways(request, monkeypatch):
    """Run a test once on the daily rollups and once on the base tables: the numbers must be the same."""
    monkeypatch.setattr(filters, "USE_ROLLUPS", request.param)
    return request.param


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0, second: int = 0) -> datetime:
    """A Brussels wall-clock time as naive UTC, as the database stores it."""
    return datetime(year, month, day, hour, minute, second, tzinfo=BRUSSELS).astimezone(UTC).replace(tzinfo=None)


def entry(entry_type: str, code: str, name: str | None = None, organisation=None, verified: date | None = None,
          **values):
    item = MODEL_BY_TYPE[entry_type](code=code, name=name or code, organisation=organisation,
                                     last_verified_on=verified, **values)
    db.session.add(item)
    db.session.flush()
    return item


def request(at: datetime, kind: str = "hulpvraag", theme: str = "bankieren", channel: str = "balie",
            postcode: str | None = "2800", gap: bool = False, status: str = "open", citizen: str | None = None,
            services: tuple = (), **values) -> HelpRequest:
    item = HelpRequest(reference=f"T{next(NUMBERS):06d}", question="Vraag voor de rapporten", kind=kind,
                       predicted_kind=kind, predicted_themes=[theme], theme=theme, channel=Channel(channel),
                       postcode=postcode, gap=gap, status=RequestStatus(status), created_at=at,
                       citizen_key=citizen, services=list(services), **values)
    db.session.add(item)
    db.session.flush()
    return item


def referral(for_request: HelpRequest, target, at: datetime, status: str = "proposed", accepted: datetime | None = None,
             closed: datetime | None = None, outcome: str | None = None, reason: str | None = None,
             reminders: int = 0, escalated: datetime | None = None) -> Referral:
    item = Referral(request_id=for_request.id, target_id=target.id, mode=MODES[target.entry_type],
                    status=Status(status), created_at=at, accepted_at=accepted, closed_at=closed, outcome=outcome,
                    decline_reason=reason, reminders_sent=reminders, escalated_at=escalated)
    db.session.add(item)
    db.session.flush()
    return item


def gap(at: datetime, theme: str = "bankieren", language: str = "nl", postcode: str | None = "2800",
        needs: tuple = (), kind: str = "hulpvraag", for_request: HelpRequest | None = None) -> UnmetNeed:
    item = UnmetNeed(created_at=at, source="intake", kind=kind, theme=theme, language=language, postcode=postcode,
                     needs=list(needs), missing=["theme"], help_request_id=for_request.id if for_request else None,
                     channel=for_request.channel.value if for_request else None)
    db.session.add(item)
    db.session.flush()
    return item
