"""The rollups' SQL: the Brussels day of a UTC time, reported hours, what each referral counts, a rebuild.

The triggers that keep the rollups current live in migration 0009, built from a copy of the
expressions below (a migration keeps meaning what it meant): each adds (or takes away) what one
written row contributes, with one INSERT ... ON CONFLICT DO UPDATE per rollup. `rebuild()` computes
the same rows from the base tables in one pass each, for a bulk load (whose inserts skip the
triggers) or a repair, and a test checks that triggers and rebuild agree.
"""
from contextlib import contextmanager

from sqlalchemy import text

from triage.extensions import db
from triage.reports.models import DIMENSIONS

SUCCESS_SQL = "('geholpen', 'zelfstandig')"
TABLES = ("report_request_cube", "report_service_cube", "report_referral_slices", "report_closed_target_slices",
          "report_closed_request_slices", "report_hour_slices", "report_journeys", "catalogue_loads")


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


def month_sql(day: str, dialect: str) -> str:
    """The first day of the month of a date expression."""
    if dialect == "postgresql":
        return f"CAST(date_trunc('month', {day}) AS DATE)"
    return f"date({day}, 'start of month')"


def hours_sql(start: str, end: str, dialect: str) -> str:
    """The reported duration from start to end in whole hours: rounded to the hour under 48 hours, from
    48 hours on rounded to whole days (counted in hours: 48, 72, ...), from whole seconds on both databases.

    The reports show durations at that precision anyway ('5,5 uur', '3,2 dagen' for the median of many), and
    the coarser step keeps the histograms of long durations small.
    """
    if dialect == "postgresql":
        seconds = (f"(CAST(EXTRACT(EPOCH FROM date_trunc('second', {end})) AS BIGINT) "
                   f"- CAST(EXTRACT(EPOCH FROM date_trunc('second', {start})) AS BIGINT))")
    else:
        seconds = f"(CAST(strftime('%s', {end}) AS INTEGER) - CAST(strftime('%s', {start}) AS INTEGER))"
    return (f"CASE WHEN ({seconds} + 1800) / 3600 < 48 THEN ({seconds} + 1800) / 3600 "
            f"ELSE 24 * (({seconds} + 43200) / 86400) END")


# The value of each filter's slice for referral r of request h to entry e; NULL: in no slice of that filter.
SLICE_SQL = {"kind": "coalesce(h.kind, '')", "theme": "coalesce(h.theme, '')", "channel": "h.channel",
             "postcode": "coalesce(h.postcode, '')", "target_type": "e.entry_type",
             "organisation": "CAST(CASE WHEN e.entry_type = 'organisation' THEN e.id ELSE e.organisation_id END "
                             "AS TEXT)"}
CLOSED = "r.status = 'closed' AND r.closed_at IS NOT NULL"


def referral_parts(dialect: str) -> dict[str, tuple[str, dict, dict, str]]:
    """For each rollup of referrals: (table, key columns -> SQL, counted columns -> SQL, which referrals)."""
    day = lambda column: day_sql(column, dialect)  # noqa: E731
    success = f"CASE WHEN r.outcome IN {SUCCESS_SQL} THEN 1 ELSE 0 END"
    alone = "CASE WHEN r.outcome = 'zelfstandig' THEN 1 ELSE 0 END"
    closed = {"n": "1", "successes": success, "zelfstandig": alone}
    return {
        "referral": ("report_referral_slices",
                     {"day": day("r.created_at"), "status": "r.status",
                      "decline_reason": "coalesce(r.decline_reason, '')"},
                     {"n": "1", "reminders": "r.reminders_sent",
                      "escalations": "CASE WHEN r.escalated_at IS NOT NULL THEN 1 ELSE 0 END",
                      "accepted": "CASE WHEN r.mode = 'assigned' AND r.accepted_at IS NOT NULL THEN 1 ELSE 0 END"},
                     "true"),
        "closed_target": ("report_closed_target_slices", {"day": day("r.closed_at"), "target_id": "r.target_id"},
                          closed, CLOSED),
        "closed_request": ("report_closed_request_slices",
                           {"day": day("r.closed_at"), "kind": "coalesce(h.kind, '')",
                            "theme": "coalesce(h.theme, '')"}, closed, CLOSED),
        "accept_hours": ("report_hour_slices",
                         {"metric": "'a'", "day": day("r.created_at"),
                          "hours": hours_sql("r.created_at", "r.accepted_at", dialect)},
                         {"n": "1"}, "r.mode = 'assigned' AND r.accepted_at IS NOT NULL"),
        "close_hours": ("report_hour_slices",
                        {"metric": "'c'", "day": day("r.closed_at"),
                         "hours": hours_sql("r.created_at", "r.closed_at", dialect)},
                        {"n": "1"}, "r.closed_at IS NOT NULL"),
    }


def _window_before(column: str = "") -> str:
    """The citizen's latest earlier hulpvraag (with the same value of column; none when it has no value, as the
    triggers' `p.column = h.column` finds none)."""
    window = (f"max(h.created_at) OVER (PARTITION BY h.citizen_key{f', h.{column}' if column else ''} "
              "ORDER BY h.created_at, h.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)")
    return f"CASE WHEN h.{column} IS NOT NULL THEN {window} END" if column else window


def rebuild_statements(dialect: str) -> list[str]:
    """DELETE and INSERT ... SELECT statements that recompute every rollup from the base tables."""
    day = lambda column: day_sql(column, dialect)  # noqa: E731
    statements = [f"DELETE FROM {table}" for table in TABLES]
    statements.append(f"""
        INSERT INTO report_request_cube (grain, period, kind, theme, channel, postcode, n, gaps, solved)
        SELECT 'd', {day('created_at')}, coalesce(kind, ''), coalesce(theme, ''), channel, coalesce(postcode, ''),
               count(*), sum(CASE WHEN gap THEN 1 ELSE 0 END), sum(CASE WHEN status = 'solved' THEN 1 ELSE 0 END)
        FROM help_requests GROUP BY 2, 3, 4, 5, 6""")
    statements.append(f"""
        INSERT INTO report_service_cube (grain, period, service, kind, theme, channel, postcode, n)
        SELECT 'd', {day('s.created_at')}, s.service, coalesce(h.kind, ''), coalesce(h.theme, ''), h.channel,
               coalesce(h.postcode, ''), count(*)
        FROM request_services s JOIN help_requests h ON h.id = s.request_id GROUP BY 2, 3, 4, 5, 6, 7""")
    for table, keys in (("report_request_cube", "kind, theme, channel, postcode"),
                        ("report_service_cube", "service, kind, theme, channel, postcode")):
        counted = "sum(n), sum(gaps), sum(solved)" if table == "report_request_cube" else "sum(n)"
        columns = "n, gaps, solved" if table == "report_request_cube" else "n"
        statements.append(f"""
            INSERT INTO {table} (grain, period, {keys}, {columns})
            SELECT 'm', {month_sql('period', dialect)}, {keys}, {counted} FROM {table} WHERE grain = 'd'
            GROUP BY {month_sql('period', dialect)}, {keys}""")
    statements += _referral_rebuild(dialect)
    # Matching's counts per entry (referrals.models.CatalogueLoad), kept by triggers of migration 0011.
    statements.append("""
        INSERT INTO catalogue_loads (entry_id, open_referrals, active_referrals)
        SELECT target_id, sum(CASE WHEN status IN ('proposed', 'accepted', 'in_progress') THEN 1 ELSE 0 END),
               sum(CASE WHEN status <> 'cancelled' THEN 1 ELSE 0 END)
        FROM referrals GROUP BY target_id""")
    # Each known citizen's events in time order; at equal times a leervraag comes before a hulpvraag and a
    # course referral after it, as the triggers compare them (< and >=).
    statements.append(f"""
        INSERT INTO report_journeys (request_id, citizen_key, created_at, theme, channel, postcode, prev_at,
                                     prev_theme_at, prev_channel_at, prev_postcode_at, learned_at)
        WITH events AS (
            SELECT citizen_key, created_at AS at, 1 AS ord, id AS rid FROM help_requests
            WHERE citizen_key IS NOT NULL AND kind = 'hulpvraag'
            UNION ALL SELECT citizen_key, created_at, 0, id FROM help_requests
            WHERE citizen_key IS NOT NULL AND kind = 'leervraag'
            UNION ALL SELECT h.citizen_key, r.created_at, 2, r.id FROM referrals r
            JOIN help_requests h ON h.id = r.request_id WHERE h.citizen_key IS NOT NULL AND r.mode = 'enrolled'),
        learning AS (
            SELECT ord, rid, min(CASE WHEN ord <> 1 THEN at END) OVER (PARTITION BY citizen_key ORDER BY at, ord, rid
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS learned_at
            FROM events)
        SELECT h.id, h.citizen_key, h.created_at, h.theme, h.channel, h.postcode, {_window_before()},
               {_window_before('theme')}, {_window_before('channel')}, {_window_before('postcode')},
               l.learned_at
        FROM learning l JOIN help_requests h ON h.id = l.rid WHERE l.ord = 1""")
    return statements


# The rebuild's staging table: each referral once, with every key and count of every part and the value of
# every slice it is in, so that each slice is one GROUP BY over narrow rows (not a join per slice).
STAGE = "report_rebuild_referrals"


def _referral_rebuild(dialect: str) -> list[str]:
    parts = referral_parts(dialect)
    columns = {f"dim_{name}": sql for name, sql in SLICE_SQL.items()}
    for name, (_, keys, values, which) in parts.items():
        columns[f"{name}_in"] = f"CASE WHEN {which} THEN 1 ELSE 0 END"
        columns.update({f"{name}_{k}": sql for k, sql in keys.items()})
        columns.update({f"{name}_v_{v}": sql for v, sql in values.items() if sql != "1"})
    statements = [f"DROP TABLE IF EXISTS {STAGE}",
                  f"CREATE TEMPORARY TABLE {STAGE} AS SELECT "
                  + ", ".join(f"{sql} AS {name}" for name, sql in columns.items())
                  + " FROM referrals r JOIN help_requests h ON h.id = r.request_id "
                    "JOIN catalogue_entries e ON e.id = r.target_id"]
    for name, (table, keys, values, _) in parts.items():
        for dim in DIMENSIONS:
            value = f"dim_{dim}" if dim else "''"
            grouped = [value] if dim else []
            keyed = [f"{name}_{k}" for k in keys]
            sums = ["count(*)" if sql == "1" else f"sum({name}_v_{v})" for v, sql in values.items()]
            statements.append(
                f"INSERT INTO {table} (dimension, value, {', '.join([*keys, *values])}) "
                f"SELECT '{dim}', {value}, {', '.join(keyed)}, {', '.join(sums)} FROM {STAGE} "
                f"WHERE {name}_in = 1 AND {value} IS NOT NULL GROUP BY {', '.join([*grouped, *keyed])}")
    statements.append(f"DROP TABLE {STAGE}")
    return statements


def rebuild() -> None:
    """Recompute every rollup from the base tables; flushes, the caller commits."""
    conn = db.session.connection()
    for statement in rebuild_statements(conn.dialect.name):
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
    rebuild()
