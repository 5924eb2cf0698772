"""The reports' numbers on known citizens: from a hulpvraag to learning (hulp to leer)."""
from sqlalchemy import case, func, or_, select

from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.referrals.models import Mode, Referral, Status
from triage.reports import filters
from triage.reports.filters import Filters, referral_filter, request_conditions, slice_of
from triage.reports.models import ClosedRequestSlice, Journey
from triage.reports.referral_queries import in_slice, request_only, share

# Under one of these filters, a citizen's first hulpvraag in the period is the one whose previous hulpvraag with
# the same value lies before it: the journey rows carry both.
JOURNEY_FILTERS = {"theme": (Journey.theme, Journey.prev_theme_at),
                   "channel": (Journey.channel, Journey.prev_channel_at),
                   "postcode": (Journey.postcode, Journey.prev_postcode_at)}


def _citizens_from_journeys(f: Filters) -> tuple[int, int] | None:
    """(citizens, followed by learning) from report_journeys, or None when f has two filters of JOURNEY_FILTERS."""
    chosen = [name for name in JOURNEY_FILTERS if getattr(f, name)]
    if not filters.USE_ROLLUPS or len(chosen) > 1:
        return None
    lo, hi = f.utc_bounds()
    conditions = [Journey.created_at >= lo, Journey.created_at < hi]
    previous = Journey.prev_at
    if chosen:
        column, previous = JOURNEY_FILTERS[chosen[0]]
        conditions.append(column == getattr(f, chosen[0]))
    citizens, learned = db.session.execute(
        select(func.count(), func.count(Journey.learned_at))
        .where(*conditions, or_(previous.is_(None), previous < lo))).one()
    return citizens, learned


def _citizens_from_requests(f: Filters) -> tuple[int, int]:
    first = (select(HelpRequest.citizen_key.label("key"), func.min(HelpRequest.created_at).label("at"))
             .where(HelpRequest.kind == "hulpvraag", HelpRequest.citizen_key.is_not(None), *request_conditions(f))
             .group_by(HelpRequest.citizen_key).subquery())
    later = HelpRequest.__table__.alias("later")
    course = Referral.__table__.alias("course")
    owner = HelpRequest.__table__.alias("owner")
    learning = or_(
        select(later.c.id).where(later.c.citizen_key == first.c.key, later.c.kind == "leervraag",
                                 later.c.created_at > first.c.at).exists(),
        select(course.c.id).join(owner, owner.c.id == course.c.request_id)
        .where(owner.c.citizen_key == first.c.key, course.c.mode == Mode.ENROLLED.value,
               course.c.created_at >= first.c.at).exists())
    citizens, learned = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((learning, 1), else_=0)), 0)).select_from(first)).one()
    return citizens, learned


def hulp_to_leer(f: Filters) -> dict:
    """Known citizens (citizen_key) with a hulpvraag in the period, how many of them later asked to learn (a
    leervraag, or a referral to a course); and of the hulpvragen's referrals closed in the period, the share
    closed as zelfstandig. The kind filter does not apply (the measure is about hulpvragen); the target filters
    narrow the closed referrals only."""
    lo, hi = f.utc_bounds()
    without_kind = Filters(f.start, f.end, f.theme, None, f.channel, f.postcode, f.target_type, f.organisation)
    citizens, learned = _citizens_from_journeys(without_kind) or _citizens_from_requests(without_kind)
    chosen = slice_of(without_kind)
    if chosen is not None:
        closed, alone = db.session.execute(
            select(func.coalesce(func.sum(ClosedRequestSlice.n), 0),
                   func.coalesce(func.sum(ClosedRequestSlice.zelfstandig), 0))
            .where(*in_slice(ClosedRequestSlice, chosen, f.start, f.end),
                   ClosedRequestSlice.kind == "hulpvraag")).one()
    else:
        query = referral_filter(
            select(func.count(), func.coalesce(func.sum(case((Referral.outcome == "zelfstandig", 1), else_=0)), 0))
            .where(Referral.status == Status.CLOSED, Referral.closed_at >= lo, Referral.closed_at < hi),
            Filters(f.start, f.end, target_type=f.target_type, organisation=f.organisation))
        query = query.join(HelpRequest, HelpRequest.id == Referral.request_id).where(
            HelpRequest.kind == "hulpvraag", *request_conditions(request_only(without_kind), with_period=False))
        closed, alone = db.session.execute(query).one()
    closed, alone = int(closed), int(alone)
    return {"citizens": citizens, "followed_by_learning": int(learned), "zelfstandig": alone, "closed": closed,
            "zelfstandig_share": share(alone, closed)}
