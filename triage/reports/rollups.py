"""The rollups' SQL: the Brussels day of a UTC time, a rebuild from the base tables, bulk loads.

The triggers that keep the rollups current live in migration 0005; `rebuild()` computes the same
rows in one pass each, for a bulk load (whose inserts skip the triggers) or a repair, and a test
checks that triggers and rebuild agree.
"""
from contextlib import contextmanager

from sqlalchemy import text

from triage.extensions import db

SUCCESS_SQL = "('geholpen', 'zelfstandig')"


def day_sql(column: str, dialect: str) -> str:
    """SQL for the Brussels calendar date of a naive UTC timestamp column.

    SQLite has no time zones: the EU rule (summer time from 01:00 UTC on the last Sunday of March
    to 01:00 UTC on the last Sunday of October) is written out.
    """
    if dialect == "postgresql":
        return f"CAST(({column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Brussels' AS DATE)"
    year = f"strftime('%Y', {column})"
    return (f"date({column}, CASE WHEN {column} >= date({year} || '-04-01', 'weekday 0', '-7 days') || ' 01:00:00' "
            f"AND {column} < date({year} || '-11-01', 'weekday 0', '-7 days') || ' 01:00:00' "
            f"THEN '+2 hours' ELSE '+1 hours' END)")


def hours_sql(start: str, end: str, dialect: str) -> str:
    if dialect == "postgresql":
        return f"EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0"
    return f"(julianday({end}) - julianday({start})) * 24"


def rebuild_statements(dialect: str, hours: bool = True) -> list[str]:
    """DELETE and INSERT ... SELECT statements that recompute every rollup from the base tables."""
    day = lambda column: day_sql(column, dialect)  # noqa: E731
    success = f"CASE WHEN r.outcome IN {SUCCESS_SQL} THEN 1 ELSE 0 END"
    alone = "CASE WHEN r.outcome = 'zelfstandig' THEN 1 ELSE 0 END"
    statements = [f"DELETE FROM {table}" for table in (
        "report_request_days", "report_service_days", "report_referral_days", "report_closed_target_days",
        "report_closed_request_days", "report_journeys")]
    statements.append(f"""
        INSERT INTO report_request_days (day, dimension, value, n)
        WITH g AS (
            SELECT {day('created_at')} AS day, coalesce(kind, '') AS kind, coalesce(theme, '') AS theme,
                   channel, coalesce(postcode, '') AS postcode, CASE WHEN gap THEN 1 ELSE 0 END AS gap,
                   CASE WHEN status = 'solved' THEN 1 ELSE 0 END AS solved, count(*) AS n
            FROM help_requests GROUP BY 1, 2, 3, 4, 5, 6, 7)
        SELECT day, dimension, value, sum(n) FROM (
            SELECT day, 'total' AS dimension, '' AS value, n FROM g
            UNION ALL SELECT day, 'kind', kind, n FROM g
            UNION ALL SELECT day, 'theme', theme, n FROM g
            UNION ALL SELECT day, 'channel', channel, n FROM g
            UNION ALL SELECT day, 'postcode', postcode, n FROM g
            UNION ALL SELECT day, 'gap', '', n FROM g WHERE gap = 1
            UNION ALL SELECT day, 'solved', '', n FROM g WHERE solved = 1) AS m
        GROUP BY day, dimension, value""")
    statements.append(f"""
        INSERT INTO report_service_days (day, service, n)
        SELECT {day('created_at')}, service, count(*) FROM request_services GROUP BY 1, 2""")
    statements.append(f"""
        INSERT INTO report_referral_days (day, status, decline_reason, n, reminders, escalations, accepted)
        SELECT {day('created_at')}, status, coalesce(decline_reason, ''), count(*), sum(reminders_sent),
               sum(CASE WHEN escalated_at IS NOT NULL THEN 1 ELSE 0 END),
               sum(CASE WHEN mode = 'assigned' AND accepted_at IS NOT NULL THEN 1 ELSE 0 END)
        FROM referrals GROUP BY 1, 2, 3""")
    statements.append(f"""
        INSERT INTO report_closed_target_days (day, target_id, n, successes, zelfstandig)
        SELECT {day('r.closed_at')}, r.target_id, count(*), sum({success}), sum({alone})
        FROM referrals r WHERE r.status = 'closed' AND r.closed_at IS NOT NULL GROUP BY 1, 2""")
    statements.append(f"""
        INSERT INTO report_closed_request_days (day, kind, theme, n, successes, zelfstandig)
        SELECT {day('r.closed_at')}, coalesce(h.kind, ''), coalesce(h.theme, ''), count(*), sum({success}),
               sum({alone})
        FROM referrals r JOIN help_requests h ON h.id = r.request_id
        WHERE r.status = 'closed' AND r.closed_at IS NOT NULL GROUP BY 1, 2, 3""")
    # Each known citizen's events in time order; at equal times a leervraag comes before a
    # hulpvraag and a course referral after it, as the triggers compare them (< and >=).
    statements.append("""
        INSERT INTO report_journeys (request_id, citizen_key, created_at, prev_at, learned_at)
        WITH events AS (
            SELECT citizen_key, created_at AS at, 1 AS ord, id AS rid FROM help_requests
            WHERE citizen_key IS NOT NULL AND kind = 'hulpvraag'
            UNION ALL SELECT citizen_key, created_at, 0, id FROM help_requests
            WHERE citizen_key IS NOT NULL AND kind = 'leervraag'
            UNION ALL SELECT h.citizen_key, r.created_at, 2, r.id FROM referrals r
            JOIN help_requests h ON h.id = r.request_id WHERE h.citizen_key IS NOT NULL AND r.mode = 'enrolled'),
        ordered AS (
            SELECT citizen_key, at, ord, rid,
                   max(CASE WHEN ord = 1 THEN at END) OVER (PARTITION BY citizen_key ORDER BY at, ord, rid
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_at,
                   min(CASE WHEN ord <> 1 THEN at END) OVER (PARTITION BY citizen_key ORDER BY at, ord, rid
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS learned_at
            FROM events)
        SELECT rid, citizen_key, at, prev_at, learned_at FROM ordered WHERE ord = 1""")
    if hours:
        statements.append(f"""
            UPDATE referrals SET
                accept_hours = CASE WHEN mode = 'assigned' AND accepted_at IS NOT NULL
                                    THEN {hours_sql('created_at', 'accepted_at', dialect)} END,
                close_hours = CASE WHEN closed_at IS NOT NULL
                                   THEN {hours_sql('created_at', 'closed_at', dialect)} END""")
    return statements


def rebuild(hours: bool = True) -> None:
    """Recompute every rollup (and the referral hours) from the base tables; flushes, the caller commits."""
    conn = db.session.connection()
    for statement in rebuild_statements(conn.dialect.name, hours=hours):
        conn.execute(text(statement))


@contextmanager
def bulk_load():
    """Inside: inserts and updates in this transaction skip the rollup triggers; on leaving, the rollups
    are rebuilt in one pass. The caller commits afterwards, once.

    PostgreSQL: the triggers' WHEN clause reads triage.bulk_load, set for this transaction only.
    SQLite (one writer at a time): the triggers are dropped and created again from their own SQL in
    sqlite_master, all in this transaction, so a failed load leaves them as they were.
    """
    conn = db.session.connection()
    postgres = conn.dialect.name == "postgresql"
    triggers = []
    if postgres:
        conn.execute(text("SELECT set_config('triage.bulk_load', 'on', true)"))
    else:
        triggers = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report%'").all()
        for name, _ in triggers:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    conn = db.session.connection()
    if postgres:
        conn.execute(text("SELECT set_config('triage.bulk_load', 'off', true)"))
    for _, sql in triggers:
        conn.exec_driver_sql(sql)
    rebuild(hours=False)
