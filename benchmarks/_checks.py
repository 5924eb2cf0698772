"""What load_faults.py checks in the database afterwards; each check returns counts and the problems found.

Every function takes a SQLAlchemy connection (SQLite or PostgreSQL) and plain data the clients
recorded, so tests/benchmarks/test_checks.py can run them on a small database in a few seconds.
"""
from collections import Counter

from sqlalchemy import text

# Referral states the lifecycle (triage/referrals/lifecycle.py) can never produce: name -> offending ids.
IMPOSSIBLE_REFERRALS = {
    "closed without an outcome or a closing time":
        "SELECT id FROM referrals WHERE status = 'closed' AND (outcome IS NULL OR closed_at IS NULL)",
    "an outcome but not closed":
        "SELECT id FROM referrals WHERE outcome IS NOT NULL AND status <> 'closed'",
    "accepted, in progress or closed without an acceptance time":
        "SELECT id FROM referrals WHERE status IN ('accepted', 'in_progress', 'closed') AND accepted_at IS NULL",
    "a digihelper's case in progress or closed that never started":
        "SELECT id FROM referrals WHERE mode = 'assigned' AND status IN ('in_progress', 'closed') "
        "AND started_at IS NULL",
    "declined without a reason or time":
        "SELECT id FROM referrals WHERE status = 'declined' AND (decline_reason IS NULL OR declined_at IS NULL)",
    "cancelled without a time": "SELECT id FROM referrals WHERE status = 'cancelled' AND cancelled_at IS NULL",
    "closed more than once": "SELECT referral_id FROM referral_events WHERE to_status = 'closed' AND kind = 'status' "
                             "GROUP BY referral_id HAVING count(*) > 1",
    "a closed referral whose request is not closed":
        "SELECT r.id FROM referrals r JOIN help_requests h ON h.id = r.request_id "
        "WHERE r.status = 'closed' AND h.status <> 'closed'",
    "a live referral whose request is not marked referred":
        "SELECT r.id FROM referrals r JOIN help_requests h ON h.id = r.request_id "
        "WHERE r.status IN ('proposed', 'accepted', 'in_progress') AND h.status <> 'referred'",
}
IMPOSSIBLE_REQUESTS = {
    "more than one live referral":
        "SELECT request_id FROM referrals WHERE status IN ('proposed', 'accepted', 'in_progress') "
        "GROUP BY request_id HAVING count(*) > 1",
    "marked referred without a live referral":
        "SELECT h.id FROM help_requests h WHERE h.status = 'referred' AND NOT EXISTS (SELECT 1 FROM referrals r "
        "WHERE r.request_id = h.id AND r.status IN ('proposed', 'accepted', 'in_progress'))",
    "one idempotency key stored twice":
        "SELECT min(id) FROM help_requests WHERE idempotency_key IS NOT NULL GROUP BY idempotency_key "
        "HAVING count(*) > 1",
}


def _ids(conn, sql: str) -> list:
    return [row[0] for row in conn.execute(text(sql))]


def check_requests(conn, acknowledged: dict[str, str], attempted: set[str]) -> tuple[dict, list[str]]:
    """Every request a client saw acknowledged (idempotency key -> reference) is stored exactly once, as that
    reference; a request sent but not acknowledged (its worker was killed) is stored at most once."""
    stored = Counter()
    references = {}
    for key, reference in conn.execute(text(
            "SELECT idempotency_key, reference FROM help_requests WHERE idempotency_key IS NOT NULL")):
        stored[key] += 1
        references[key] = reference
    problems = []
    missing = [k for k in acknowledged if stored[k] == 0]
    twice = [k for k in attempted | set(acknowledged) if stored[k] > 1]
    wrong = [k for k, ref in acknowledged.items() if stored[k] and references[k] != ref]
    if missing:
        problems.append(f"{len(missing)} acknowledged request(s) missing, e.g. key {missing[0]}")
    if twice:
        problems.append(f"{len(twice)} request(s) stored more than once, e.g. key {twice[0]}")
    if wrong:
        problems.append(f"{len(wrong)} acknowledged request(s) stored under another reference")
    unacknowledged = attempted - set(acknowledged)
    counts = {"requests sent": len(attempted), "acknowledged": len(acknowledged),
              "acknowledged and stored once": len(acknowledged) - len(missing) - len(wrong),
              "sent, not acknowledged": len(unacknowledged),
              "of those stored anyway (once)": sum(1 for k in unacknowledged if stored[k] == 1)}
    return counts, problems


def check_referrals(conn, closes: dict[int, list[str]]) -> tuple[dict, list[str]]:
    """No referral or request in a state the lifecycle forbids; every acknowledged close kept its outcome.

    closes: referral id -> the outcomes clients were told were saved (more than one is itself a problem).
    """
    problems = []
    for name, sql in {**IMPOSSIBLE_REFERRALS, **IMPOSSIBLE_REQUESTS}.items():
        found = _ids(conn, sql)
        if found:
            problems.append(f"{len(found)} {name}, e.g. id {found[0]}")
    twice = [rid for rid, outcomes in closes.items() if len(outcomes) > 1]
    if twice:
        problems.append(f"{len(twice)} referral(s) acknowledged as closed to more than one client, e.g. {twice[0]}")
    outcomes = dict(conn.execute(text("SELECT id, outcome FROM referrals WHERE status = 'closed'")).all())
    overwritten = [rid for rid, said in closes.items() if said and outcomes.get(rid) != said[0]]
    if overwritten:
        problems.append(f"{len(overwritten)} acknowledged close(s) not as acknowledged, e.g. referral {overwritten[0]}")
    by_status = dict(conn.execute(text("SELECT status, count(*) FROM referrals GROUP BY status")).all())
    counts = {"referrals by status": ", ".join(f"{k} {v}" for k, v in sorted(by_status.items())),
              "closes acknowledged": sum(len(v) for v in closes.values()),
              "problems": len(problems)}
    return counts, problems


def check_jobs(conn, expected: dict[str, int]) -> tuple[dict, list[str]]:
    """One run per job and period, none left running or failed; expected: job id -> periods that fell in the run."""
    problems = []
    rows = conn.execute(text("SELECT job_id, period, status FROM job_runs")).all()
    per_period = Counter((job, period) for job, period, _ in rows)
    doubled = [key for key, n in per_period.items() if n > 1]
    if doubled:
        problems.append(f"{len(doubled)} job period(s) run more than once, e.g. {doubled[0]}")
    unfinished = [(job, period, status) for job, period, status in rows if status != "succeeded"]
    if unfinished:
        problems.append(f"{len(unfinished)} run(s) not succeeded, e.g. {unfinished[0]}")
    runs = Counter(job for job, _, _ in rows)
    for job, periods in expected.items():
        if runs[job] != periods:
            problems.append(f"job {job}: {runs[job]} run(s) for {periods} period(s)")
    beats = conn.execute(text("SELECT count(*) FROM scheduler_heartbeats")).scalar()
    counts = {"job runs": ", ".join(f"{job} {n}" for job, n in sorted(runs.items())) or "none",
              "periods expected": ", ".join(f"{job} {n}" for job, n in sorted(expected.items())) or "none",
              "scheduler processes seen": beats}
    return counts, problems


def check_sqlite_file(conn) -> tuple[dict, list[str]]:
    """PRAGMA integrity_check and foreign_key_check on a SQLite connection."""
    integrity = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
    broken_keys = conn.execute(text("PRAGMA foreign_key_check")).all()
    problems = []
    if integrity != ["ok"]:
        problems.append(f"integrity_check: {'; '.join(integrity[:3])}")
    if broken_keys:
        problems.append(f"{len(broken_keys)} broken foreign key(s)")
    return {"PRAGMA integrity_check": "; ".join(integrity[:3]), "foreign keys broken": len(broken_keys)}, problems


# Each rollup table and the condition for a row that counts something (triggers leave zero rows behind).
ROLLUPS = {
    "report_request_cube": "n <> 0 OR gaps <> 0 OR solved <> 0",
    "report_service_cube": "n <> 0",
    "report_referral_slices": "n <> 0 OR reminders <> 0 OR escalations <> 0 OR accepted <> 0",
    "report_closed_target_slices": "n <> 0 OR successes <> 0 OR zelfstandig <> 0",
    "report_closed_request_slices": "n <> 0 OR successes <> 0 OR zelfstandig <> 0",
    "report_hour_slices": "n <> 0",
    "report_journeys": "1 = 1",
}


def _rollup_rows(conn) -> dict[str, set]:
    return {table: {tuple(row) for row in conn.execute(text(f"SELECT * FROM {table} WHERE {where}"))}  # noqa: S608
            for table, where in ROLLUPS.items()}


def check_rollups(conn, rebuild_statements) -> tuple[dict, list[str]]:
    """The reports' rollups, kept by triggers under load and killed workers, equal a rebuild from the base tables.

    rebuild_statements: triage.reports.rollups.rebuild_statements; run in a savepoint that is rolled back.
    """
    kept = _rollup_rows(conn)
    savepoint = conn.begin_nested()
    try:
        for statement in rebuild_statements(conn.dialect.name):
            conn.execute(text(statement))
        rebuilt = _rollup_rows(conn)
    finally:
        savepoint.rollback()
    differ = [table for table in ROLLUPS if kept[table] != rebuilt[table]]
    problems = [f"rollup {table} differs from a rebuild" for table in differ]
    return {"rollup rows checked against a rebuild": sum(len(rows) for rows in kept.values())}, problems
