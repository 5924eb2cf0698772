"""The reports' numbers on known citizens: from a hulpvraag to learning (hulp to leer)."""
from sqlalchemy import case, func, or_, select

from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.referrals.models import Mode, Referral, Status
from triage.reports.filters import Filters, from_rollups, referral_filter, request_conditions
from triage.reports.models import ClosedRequestDay, Journey
from triage.reports.referral_queries import request_only, share


def hulp_to_leer(f: Filters) -> dict:
    """Known citizens (citizen_key) with a hulpvraag in the period, how many of them later asked to learn (a
    leervraag, or a referral to a course); and of the hulpvragen's referrals closed in the period, the share
    closed as zelfstandig. The kind filter does not apply: the measure is about hulpvragen."""
    lo, hi = f.utc_bounds()
    without_kind = Filters(f.start, f.end, f.theme, None, f.channel, f.postcode, f.target_type, f.organisation)
    if from_rollups(without_kind):
        citizens, learned = db.session.execute(
            select(func.count(), func.count(Journey.learned_at))
            .where(Journey.created_at >= lo, Journey.created_at < hi,
                   or_(Journey.prev_at.is_(None), Journey.prev_at < lo))).one()
        closed, alone = db.session.execute(
            select(func.coalesce(func.sum(ClosedRequestDay.n), 0),
                   func.coalesce(func.sum(ClosedRequestDay.zelfstandig), 0))
            .where(ClosedRequestDay.day >= f.start, ClosedRequestDay.day <= f.end,
                   ClosedRequestDay.kind == "hulpvraag")).one()
    else:
        first = (select(HelpRequest.citizen_key.label("key"), func.min(HelpRequest.created_at).label("at"))
                 .where(HelpRequest.kind == "hulpvraag", HelpRequest.citizen_key.is_not(None),
                        *request_conditions(without_kind))
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
