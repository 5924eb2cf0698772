"""The dashboard reads indexes, never a whole table: every statement it runs, explained (SQLite)."""
from datetime import date, datetime

import pytest
from sqlalchemy import event

from tests.reports.report_rows import entry, local, referral, request
from triage.extensions import db
from triage.reports import filters
from triage.reports import queries as q

BIG = ("help_requests", "referrals", "request_services", "unmet_needs", "report_journeys", "report_request_cube",
       "report_service_cube", "report_referral_slices", "report_closed_target_slices", "report_closed_request_slices",
       "report_hour_slices")
ONE_FILTER = [{"theme": "bankieren"}, {"kind": "leervraag"}, {"channel": "balie"}, {"postcode": "2800"},
              {"target_type": "digihelper"}, {"organisation": "org-a"}]


def plans_of_summary(f: q.Filters) -> list[tuple[str, list[str]]]:
    seen = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        q.summary(f, datetime(2026, 6, 1))
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    return [(statement, [row[3] for row in db.session.connection().exec_driver_sql(
        "EXPLAIN QUERY PLAN " + statement, parameters)]) for statement, parameters in seen]


@pytest.fixture
def some_rows(ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("query plans are checked on SQLite; PostgreSQL picks by table statistics")
    conn = db.session.connection()
    if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        # Statistics an earlier test left (flask demo generate runs ANALYZE) describe a few rows,
        # for which a scan is cheapest; the plans checked here are those of an unanalysed database.
        conn.exec_driver_sql("DELETE FROM sqlite_stat1")
        conn.exec_driver_sql("ANALYZE sqlite_schema")
    org = entry("organisation", "org-a")
    helper = entry("digihelper", "dh-a", organisation=org)
    ask = request(local(2026, 3, 2), citizen="a", services=("itsme",))
    referral(ask, helper, local(2026, 3, 2, 11), "closed", accepted=local(2026, 3, 2, 12),
             closed=local(2026, 3, 5), outcome="geholpen")


@pytest.mark.parametrize("criteria", [{}, *ONE_FILTER, {"theme": "bankieren", "channel": "balie"},
                                      {"kind": "hulpvraag", "target_type": "digihelper"}])
@pytest.mark.parametrize("period", [(date(2026, 1, 1), date(2026, 12, 31)), (date(2025, 5, 17), date(2026, 5, 16)),
                                    (date(2026, 3, 1), date(2026, 3, 20))])
def test_no_report_statement_scans_a_big_table(some_rows, criteria, period):
    for statement, plan in plans_of_summary(q.Filters(*period, **criteria)):
        scans = [line for line in plan if line.startswith("SCAN") and line.split()[1] in BIG]
        assert not scans, f"{statement}\n{plan}"


@pytest.mark.parametrize("criteria", [{}, *ONE_FILTER])
def test_no_filter_or_one_reads_the_rollups(some_rows, monkeypatch, criteria):
    monkeypatch.setattr(filters, "USE_ROLLUPS", True)
    statements = " ".join(s for s, _ in plans_of_summary(q.Filters(date(2025, 5, 17), date(2026, 5, 16), **criteria)))
    for table in ("report_request_cube", "report_service_cube", "report_referral_slices", "report_hour_slices",
                  "report_closed_target_slices", "report_closed_request_slices", "report_journeys"):
        assert table in statements, table
    # Every request count comes from a rollup; referrals are read for the open cases of the catalogue and for
    # the day on which the follow-up time ends (up to the hour).
    assert "FROM help_requests" not in statements


def test_requests_under_several_filters_are_counted_from_the_cubes(some_rows):
    f = q.Filters(date(2025, 5, 17), date(2026, 5, 16), theme="bankieren", channel="balie", postcode="2800")
    statements = [s for s, _ in plans_of_summary(f)]
    assert any("report_request_cube" in s for s in statements) and any("report_service_cube" in s for s in statements)
    # Only the citizens (first hulpvraag under two filters) and the referral numbers read the base tables.
    assert not [s for s in statements if "FROM help_requests" in s and "citizen_key" not in s]
