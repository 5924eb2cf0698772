"""flask demo generate: N realistic requests over the two years before today, with referrals and outcomes.

Rows are built in Python with a seeded random generator and written in chunks: the compiled Core
insert() run as one executemany with driver-ready values on SQLite, COPY on PostgreSQL. Ids are
given explicitly (PostgreSQL sequences are moved past them in after_load()), so no row needs a
round trip. generate() only flushes: the caller runs it inside reports.rollups.bulk_load() (the
rollup triggers skip the rows, which are then counted in one pass) and commits once.
"""
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

from flask import current_app
from sqlalchemy import JSON, DateTime, bindparam, func, insert, select, text, update

from triage.db import utcnow
from triage.demo.generate_catalogue import ensure_catalogue, load_targets
from triage.demo.generate_referrals import Planner
from triage.demo.generate_requests import RequestMaker, day_counts
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestService
from triage.matching.models import UnmetNeed
from triage.referrals.models import Referral, ReferralEvent
from triage.web.filters import to_brussels

CHUNK = 20_000
TABLES = [HelpRequest.__table__, RequestService.__table__, UnmetNeed.__table__, Referral.__table__,
          ReferralEvent.__table__]
TOUCHED = {table.name for table in TABLES} | {"catalogue_entries", "entry_tags"}


@dataclass
class Generated:
    requests: int = 0
    referrals: int = 0
    events: int = 0
    unmet_needs: int = 0
    services: int = 0
    catalogue_created: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.requests} vragen, {self.referrals} doorverwijzingen, {self.events} stappen, "
                f"{self.unmet_needs} hiaten, {self.services} vermelde diensten in {self.seconds:.1f} s")


def _next_id(table) -> int:
    return (db.session.scalar(select(func.max(table.c.id))) or 0) + 1


_JSON_TEXT: dict[tuple, str] = {}


def _json(value: list | None) -> str | None:
    """JSON text of a list of codes; the same few lists come back all the time, so they are cached."""
    if value is None:
        return None
    key = tuple(value)
    if key not in _JSON_TEXT:
        _JSON_TEXT[key] = json.dumps(value)
    return _JSON_TEXT[key]


def _sqlite_datetime(value: datetime | None) -> str | None:
    # SQLAlchemy's own SQLite text format, microseconds always written, so that stored values and
    # bound parameters compare as text.
    return None if value is None else value.isoformat(sep=" ", timespec="microseconds")


def _write(conn, table, rows: list[dict]) -> None:
    """COPY on PostgreSQL; elsewhere the compiled Core insert(), executemany with driver-ready tuples."""
    if not rows:
        return
    columns = [c.name for c in table.columns]
    as_json = [i for i, c in enumerate(table.columns) if isinstance(c.type, JSON)]
    as_text = [i for i, c in enumerate(table.columns) if isinstance(c.type, DateTime)]
    values = itemgetter(*columns)
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                out = list(values(row))
                for i in as_json:
                    out[i] = _json(out[i])
                copy.write_row(out)
        return
    tuples = []
    for row in rows:
        out = list(values(row))
        for i in as_json:
            out[i] = _json(out[i])
        for i in as_text:
            out[i] = _sqlite_datetime(out[i])
        tuples.append(tuple(out))
    conn.exec_driver_sql(str(insert(table).compile(dialect=conn.dialect)), tuples)


def _flush(requests: list[dict], planner: Planner, counts: Generated) -> None:
    conn = db.session.connection()
    referrals, events, unmet, links = planner.take()
    services = [{"request_id": r["id"], "service": s, "created_at": r["created_at"]}
                for r in requests for s in r["services"]]
    for table, rows in zip(TABLES, (requests, services, unmet, referrals, events), strict=True):
        _write(conn, table, rows)
    if links:
        # A "doorverwezen" referral points at the one made after it, written in the same chunk.
        conn.execute(update(Referral.__table__).where(Referral.__table__.c.id == bindparam("rid"))
                     .values(next_referral_id=bindparam("next")),
                     [{"rid": link["id"], "next": link["next"]} for link in links])
    counts.requests += len(requests)
    counts.referrals += len(referrals)
    counts.events += len(events)
    counts.unmet_needs += len(unmet)
    counts.services += len(services)


def after_load() -> None:
    """After the commit: sequences past the explicit ids (PostgreSQL), then fresh planner statistics."""
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        for table in ("help_requests", "referrals", "referral_events", "unmet_needs"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - constants
                              f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"))
        db.session.commit()
        # VACUUM also sets the visibility map, which index-only scans need.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as auto:
            for table in db.metadata.sorted_tables:
                if table.name in TOUCHED or table.name.startswith("report_"):
                    auto.execute(text(f"VACUUM ANALYZE {table.name}"))
    else:
        # Full statistics (a few seconds): with sampled ones the planner picks poor indexes for the reports.
        conn.exec_driver_sql("PRAGMA analysis_limit=0")
        conn.exec_driver_sql("ANALYZE")
        db.session.commit()


def generate(count: int, seed: int = 1, progress: Callable[[int], None] | None = None,
             now: datetime | None = None) -> Generated:
    """Add `count` requests (and their referrals, events, gaps) to the database; flushes, the caller commits."""
    started = time.perf_counter()
    now = now or utcnow()
    rng = random.Random(seed)
    counts = Generated()
    counts.catalogue_created = ensure_catalogue(to_brussels(now).date(), rng)
    db.session.flush()
    targets = load_targets(rng)
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        # A bigger page cache keeps the unique reference index in memory while it grows.
        conn.exec_driver_sql("PRAGMA cache_size=-262144")
    first_request = _next_id(HelpRequest.__table__)
    taken = set(db.session.scalars(select(HelpRequest.reference))) if first_request > 1 else set()
    maker = RequestMaker(rng, current_app.config["SECRET_KEY"], first_request, taken)
    planner = Planner(rng, targets, now, current_app.config["FOLLOW_UP_DAYS"], _next_id(Referral.__table__),
                      _next_id(ReferralEvent.__table__), _next_id(UnmetNeed.__table__))
    buffer: list[dict] = []
    for day, n in day_counts(rng, to_brussels(now).date(), count):
        rows = maker.day(day, n)
        for row in rows:
            planner.plan(row)
        buffer.extend(rows)
        if len(buffer) >= CHUNK:
            _flush(buffer, planner, counts)
            if progress:
                progress(len(buffer))
            buffer = []
    _flush(buffer, planner, counts)
    if progress:
        progress(len(buffer))
    counts.seconds = time.perf_counter() - started
    return counts
