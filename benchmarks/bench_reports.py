"""Time every report query for several periods beside the plain SQL aggregate it stands for, and the dashboard.

    .venv/bin/python benchmarks/bench_reports.py --db sqlite [--requests 1000000] [--reuse]
    .venv/bin/python benchmarks/bench_reports.py --db postgres [--url postgresql+psycopg://...] [--reuse]

Fills the database with `flask demo generate` (unless --reuse finds enough requests there), then
for this month, last month, this quarter, the last year and the last two years prints the time of
each function of triage.reports.queries, of the plain aggregate on the base tables with the same
WHERE, and their ratio (--skip-queries leaves this out); then the whole dashboard, without a
filter, with each filter alone and with a few combinations: summary() (everything the page and the
JSON API show) and the page itself (GET /rapporten/ through the test client, logged in as a
coordinator the script adds). Times are the median of --repeat runs after one warm-up run (combined
filters, answered from the base tables, one run after the warm-up). --plans prints the query plans
of the plain aggregates and of the rollup reads.
"""
import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from triage import create_app  # noqa: E402
from triage.db import utcnow  # noqa: E402
from triage.extensions import db  # noqa: E402
from triage.intake.models import HelpRequest  # noqa: E402
from triage.reports import queries as q  # noqa: E402
from triage.reports.filters import brussels_date  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/reports_bench"
OPEN = "('proposed', 'accepted', 'in_progress')"
# (report, function called with (filters, now), the plain aggregate it stands for)
QUERIES = [
    ("volumes", lambda f, now: q.volumes(f),
     "SELECT theme, count(*) FROM help_requests WHERE created_at >= :lo AND created_at < :hi GROUP BY theme"),
    ("trend", lambda f, now: q.trend(f, "month"),
     "SELECT count(*), sum(CASE WHEN kind = 'hulpvraag' THEN 1 ELSE 0 END) FROM help_requests "
     "WHERE created_at >= :lo AND created_at < :hi"),
    ("loop_closure", q.loop_closure,
     "SELECT count(*), sum(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) FROM referrals "
     "WHERE created_at >= :lo AND created_at < :cutoff AND status NOT IN ('declined', 'cancelled')"),
    ("success_rates", lambda f, now: q.success_rates(f),
     "SELECT target_id, count(*), sum(CASE WHEN outcome IN ('geholpen', 'zelfstandig') THEN 1 ELSE 0 END) "
     "FROM referrals WHERE status = 'closed' AND closed_at >= :lo AND closed_at < :hi GROUP BY target_id"),
    ("timings", lambda f, now: q.timings(f),
     "SELECT count(*), max(accepted_at) FROM referrals WHERE mode = 'assigned' AND accepted_at IS NOT NULL "
     "AND created_at >= :lo AND created_at < :hi"),
    ("declines", lambda f, now: q.declines(f),
     "SELECT decline_reason, count(*) FROM referrals WHERE created_at >= :lo AND created_at < :hi "
     "AND status = 'declined' GROUP BY decline_reason"),
    ("unmet_needs", lambda f, now: q.unmet_needs(f),
     "SELECT theme, language, postcode, count(*) FROM unmet_needs WHERE created_at >= :lo AND created_at < :hi "
     "GROUP BY theme, language, postcode"),
    ("online_services", lambda f, now: q.online_services(f),
     "SELECT service, count(*) FROM request_services WHERE created_at >= :lo AND created_at < :hi GROUP BY service"),
    ("service_trend", lambda f, now: q.service_trend(f, "month"),
     "SELECT service, count(*) FROM request_services WHERE created_at >= :lo AND created_at < :hi GROUP BY service"),
    ("hulp_to_leer", lambda f, now: q.hulp_to_leer(f),
     "SELECT count(DISTINCT citizen_key) FROM help_requests WHERE kind = 'hulpvraag' AND citizen_key IS NOT NULL "
     "AND created_at >= :lo AND created_at < :hi"),
    ("catalogue_load", lambda f, now: q.catalogue_load(now),
     f"SELECT target_id, count(*) FROM referrals WHERE status IN {OPEN} GROUP BY target_id"),  # noqa: S608
]
ROLLUP_READS = [
    "SELECT kind, theme, channel, postcode, sum(n) FROM report_request_cube WHERE grain = 'm' AND period >= :start "
    "AND period <= :end AND theme = 'bankieren' GROUP BY kind, theme, channel, postcode",
    "SELECT target_id, sum(n) FROM report_closed_target_slices WHERE dimension = 'theme' AND value = 'bankieren' "
    "AND day >= :start AND day <= :end GROUP BY target_id",
    "SELECT hours, sum(n) FROM report_hour_slices WHERE dimension = 'channel' AND value = 'balie' AND metric = 'c' "
    "AND day >= :start AND day <= :end GROUP BY hours",
    "SELECT count(*), count(learned_at) FROM report_journeys WHERE created_at >= :lo AND created_at < :hi "
    "AND (prev_at IS NULL OR prev_at < :lo)",
]
# The dashboard's filters: none, each alone, and combinations (the query string the page takes).
SINGLE = [("none", {}), ("theme", {"theme": "digitale-sleutels"}), ("kind", {"kind": "leervraag"}),
          ("channel", {"channel": "balie"}), ("postcode", {"postcode": "2800"}),
          ("target type", {"target_type": "digihelper"}), ("organisation", {"organisation": "org-ocmw"})]
COMBINED = [("theme+channel", {"theme": "bankieren", "channel": "balie"}),
            ("kind+target type", {"kind": "hulpvraag", "target_type": "digihelper"}),
            ("theme+organisation", {"theme": "digitale-sleutels", "organisation": "org-ocmw"})]
QUERY_STRING = {"theme": "thema", "kind": "soort", "channel": "kanaal", "postcode": "postcode",
                "target_type": "doeltype", "organisation": "organisatie"}
COORDINATOR = ("rapporten@dijlegem.example", "Lange zin als wachtwoord voor de rapporten 2026")


def periods(today: date) -> list[tuple[str, q.Filters]]:
    month = today.replace(day=1)
    last_month = (month - timedelta(days=1)).replace(day=1)
    quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
    return [("this month", q.Filters(month, today)), ("last month", q.Filters(last_month, month - timedelta(days=1))),
            ("quarter", q.Filters(quarter, today)), ("year", q.Filters(today - timedelta(days=364), today)),
            ("two years", q.Filters(today - timedelta(days=729), today))]


def timed(fn, repeat: int, rollback: bool = True) -> float:
    fn()  # warm-up: caches and prepared plans, as on a page shown before
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
        if rollback:
            db.session.rollback()
    return statistics.median(runs) * 1000


def fill(app, count: int, seed: int) -> None:
    from triage.demo.generate import after_load, generate
    from triage.reports.rollups import bulk_load

    with app.app_context():
        started = time.perf_counter()
        with bulk_load():
            result = generate(count, seed=seed)
        db.session.commit()
        after_load()
        print(f"generated: {result.summary()}; with rollups, commit and statistics "
              f"{time.perf_counter() - started:.1f} s", flush=True)


def create_database_if_missing(url: str) -> None:
    """The PostgreSQL database named at the end of url, created the first time (kept for --reuse)."""
    import psycopg
    from psycopg import sql

    admin, name = url.replace("postgresql+psycopg://", "postgresql://").rsplit("/", 1)
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(args) -> object:
    url = args.url or (PG_URL if args.db == "postgres" else f"sqlite:///{args.dir}/bench_reports.sqlite")
    if url.startswith("postgresql"):
        create_database_if_missing(url)
    settings = {"DATABASE_URL": url, "INSTANCE_PATH": str(args.dir), "SECRET_KEY": "bench-reports",
                "WTF_CSRF_ENABLED": False}
    app = create_app(settings)
    with app.app_context():
        from flask_migrate import upgrade

        try:
            have = db.session.scalar(select(func.count()).select_from(HelpRequest))
        except Exception:  # noqa: BLE001 - no schema yet
            db.session.rollback()
            have = None
        if args.reuse and have is not None and have >= args.requests:
            print(f"reusing {url}: {have} requests", flush=True)
            return app
        db.session.remove()
        db.engine.dispose()
    if args.db == "postgres":
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.dir}/bench_reports.sqlite{suffix}").unlink(missing_ok=True)
    with app.app_context():
        upgrade()
    fill(app, args.requests, args.seed)
    return app


def plans(f: q.Filters, now) -> None:
    dialect = db.session.get_bind().dialect.name
    lo, hi = f.utc_bounds()
    params = {"lo": lo, "hi": hi, "cutoff": hi, "start": f.start, "end": f.end}
    for sql in [plain for _, _, plain in QUERIES] + ROLLUP_READS:
        prefix = "EXPLAIN QUERY PLAN " if dialect == "sqlite" else "EXPLAIN "
        rows = db.session.execute(text(prefix + sql), params).all()
        plan = " | ".join(str(r[-1]).strip() for r in rows)
        print(f"  {sql[:70]}...\n      {plan[:300]}")


def page_client(app):
    """A test client logged in as a coordinator (added to the database once)."""
    from triage.auth.models import User
    from triage.auth.services import create_user

    email, password = COORDINATOR
    with app.app_context():
        if db.session.scalar(select(User.id).where(User.email == email)) is None:
            create_user(email, "Rapporten", "coordinator", password)
            db.session.commit()
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.status_code
    return client


def page(client, f: q.Filters) -> None:
    args = {"periode": "aangepast", "van": f.start.isoformat(), "tot": f.end.isoformat()}
    args.update({QUERY_STRING[k]: v for k, v in vars(f).items() if k in QUERY_STRING and v})
    response = client.get("/rapporten/", query_string=args)
    assert response.status_code == 200, (response.status_code, args)


def dashboards(app, args, now, today) -> None:
    """summary() and the page, per period and filter."""
    client = page_client(app)
    print(f"\ndashboard per period and filter, ms (summary / page), median of {args.repeat} runs; combinations "
          "(base tables for the referral numbers) one run", flush=True)
    print(f"{'filter':<19}" + "".join(f"{label:>16}" for label, _ in periods(today)))
    for name, extra in SINGLE + COMBINED:
        cells = []
        repeat = args.repeat if (name, extra) in SINGLE else 1
        for _, f in periods(today):
            narrowed = q.Filters(f.start, f.end, **extra)
            with app.app_context():
                summary_ms = timed(lambda narrowed=narrowed: q.summary(narrowed, now), repeat)
            page_ms = timed(lambda narrowed=narrowed: page(client, narrowed), repeat, rollback=False)
            cells.append(f"{summary_ms:7.0f} /{page_ms:6.0f}")
        print(f"{name:<19}" + "".join(f"{cell:>16}" for cell in cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--url", help=f"database URL (default: a SQLite file in --dir, or {PG_URL})")
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "triage-bench-reports"))
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="keep a database that has enough requests")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plans", action="store_true")
    parser.add_argument("--skip-queries", action="store_true", help="only the dashboard per period and filter")
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    app = prepare(args)
    with app.app_context():
        now = utcnow()
        today = brussels_date(now)
        dialect = db.session.get_bind().dialect.name
        print(f"\n{dialect}, {db.session.scalar(select(func.count()).select_from(HelpRequest))} requests, "
              f"today {today}, median of {args.repeat} runs (ms)")
        if not args.skip_queries:
            print(f"{'query':<16} {'period':<11} {'report':>9} {'plain SQL':>10} {'ratio':>7}")
            for label, f in periods(today):
                lo, hi = f.utc_bounds()
                params = {"lo": lo, "hi": hi, "cutoff": min(hi, now - timedelta(days=14))}
                for name, function, plain in QUERIES:
                    report_ms = timed(lambda fn=function, f=f: fn(f, now), args.repeat)
                    plain_ms = timed(lambda sql=plain, p=params: db.session.execute(text(sql), p).all(), args.repeat)
                    print(f"{name:<16} {label:<11} {report_ms:9.1f} {plain_ms:10.1f} {report_ms / plain_ms:7.2f}")
                dashboard = timed(lambda f=f: q.summary(f, now), args.repeat)
                print(f"{'= dashboard':<16} {label:<11} {dashboard:9.1f}\n", flush=True)
            two_years = periods(today)[-1][1]
            print("each query, two years, with one filter (ms):")
            print(f"{'query':<16}" + "".join(f"{name:>13}" for name, _ in SINGLE[1:]))
            for name, function, _ in QUERIES:
                cells = [timed(lambda fn=function, e=extra: fn(q.Filters(two_years.start, two_years.end, **e), now),
                               args.repeat) for _, extra in SINGLE[1:]]
                print(f"{name:<16}" + "".join(f"{ms:13.1f}" for ms in cells), flush=True)
        if args.plans:
            print("\nquery plans (two years):")
            plans(periods(today)[-1][1], now)
        db.session.remove()
    dashboards(app, args, now, today)
    if args.db == "sqlite" and not args.reuse and not args.url:
        shutil.rmtree(args.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
