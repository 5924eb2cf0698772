"""The reports' timings: how many hours referrals took to be accepted and closed, median and 90th percentile.

Durations are reported in whole hours, from 48 hours on in whole days (rollups.hours_sql), on both
paths: the rollups keep a histogram per slice and day (report_hour_slices), the base tables group the
same rounded values; the percentiles are then exact over those values, with PostgreSQL's
percentile_cont interpolation.
"""
import math

from sqlalchemy import func, literal_column, select

from triage.extensions import db
from triage.referrals.models import Mode, Referral
from triage.reports.filters import Filters, referral_filter, slice_of
from triage.reports.models import HourSlice
from triage.reports.rollups import hours_sql

# metric: (the referrals counted, the time they are counted by, the time they end at)
METRICS = {"acceptance": ("a", Referral.created_at, Referral.accepted_at),
           "closure": ("c", Referral.closed_at, Referral.closed_at)}


def percentiles(histogram: list[tuple[int, int]]) -> dict:
    """n, median and 90th percentile of the values (value, how many), interpolated between the two
    neighbouring values like PostgreSQL's percentile_cont."""
    ordered = sorted((int(value), int(n)) for value, n in histogram if n)
    total = sum(n for _, n in ordered)
    if not total:
        return {"n": 0, "median_hours": None, "p90_hours": None}

    def value_at(rank: int) -> int:
        seen = 0
        for value, n in ordered:
            seen += n
            if rank < seen:
                return value
        return ordered[-1][0]

    out = []
    for share in (0.5, 0.9):
        position = share * (total - 1)
        rank = math.floor(position)
        low, high = value_at(rank), value_at(min(rank + 1, total - 1))
        out.append(float(low + (position - rank) * (high - low)))
    return {"n": total, "median_hours": out[0], "p90_hours": out[1]}


def _histogram(f: Filters, name: str) -> list[tuple[int, int]]:
    metric, at, end = METRICS[name]
    chosen = slice_of(f)
    if chosen is not None:
        return db.session.execute(
            select(HourSlice.hours, func.sum(HourSlice.n))
            .where(HourSlice.dimension == chosen[0], HourSlice.value == chosen[1], HourSlice.metric == metric,
                   HourSlice.day >= f.start, HourSlice.day <= f.end)
            .group_by(HourSlice.hours)).all()
    lo, hi = f.utc_bounds()
    dialect = db.session.get_bind().dialect.name
    hours = literal_column(hours_sql("referrals.created_at", f"referrals.{end.key}", dialect))
    conditions = [end.is_not(None), at >= lo, at < hi]
    if name == "acceptance":
        conditions.append(Referral.mode == Mode.ASSIGNED)
    return db.session.execute(referral_filter(select(hours, func.count()).select_from(Referral).where(*conditions), f)
                              .group_by(hours)).all()


def timings(f: Filters) -> dict:
    """Hours to acceptance (digihelper referrals made in the period, created_at to accepted_at) and to closure
    (referrals closed in the period, created_at to closed_at): how many, median, 90th percentile."""
    return {name: percentiles(_histogram(f, name)) for name in METRICS}
