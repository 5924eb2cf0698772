"""Load and fault test on loopback: clients log requests and close referrals while workers are killed.

    .venv/bin/python benchmarks/load_faults.py [--db sqlite|postgres] [--seconds 60] [--clients 20] [--keep]

One fresh database (SQLite in a temporary folder, or PostgreSQL database reliability_privacy, dropped and
created; TRIAGE_RELIABILITY_POSTGRES_URL), the demo town and 600 cases in progress for digihelper An.
gunicorn (4 workers, --preload) and two scheduler processes (`flask jobs run`) run on 127.0.0.1 only.
For --seconds, --clients threads each log a question through the counter's form (with its idempotency
key, sent again after a lost connection, as a user would) or close one of An's cases through the API
(with the version they saw: of two at once, one wins); every 10 s one gunicorn worker gets SIGKILL.
Then it checks (benchmarks/_checks.py): each acknowledged request stored exactly once, no referral in
an impossible state, every acknowledged close as acknowledged, one job run per job and period, the
report rollups equal to a rebuild, and on SQLite PRAGMA integrity_check. It prints the counts and
exits 1 if anything is wrong. Bounded: at most 300 s, 50 clients and 20,000 operations a client.
"""
import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from _checks import check_jobs, check_referrals, check_requests, check_rollups, check_sqlite_file
from _http import (
    LOOPBACK,
    ROOT,
    VENV_BIN,
    Session,
    children,
    free_port,
    recreate_postgres,
    request,
    start_gunicorn,
    stop,
)

PG_URL = os.environ.get("TRIAGE_RELIABILITY_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/reliability_privacy")
PASSWORD = "betrouwbaar-" + secrets.token_hex(6)
MAX_SECONDS, MAX_CLIENTS, MAX_OPERATIONS = 300, 50, 20_000
KILL_EVERY = 10
CASES = 600
RETRIES = 4
QUESTIONS = ["mijn itsme werkt niet meer sinds ik een nieuwe gsm heb", "wil leren videobellen met de kleinkinderen",
             "aangifte belastingen moet voor vrijdag ingediend", "laptop is heel traag geworden",
             "hoe betaal ik met payconiq", "geen computer thuis en moet online solliciteren"]
OUTCOMES = ["geholpen", "zelfstandig", "deels", "niet_geholpen"]
LOST = (OSError, http.client.HTTPException)  # the worker died under the request


class Record:
    """What the clients saw, shared by their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent: set[str] = set()
        self.acknowledged: dict[str, str] = {}
        self.closes: dict[int, list[str]] = defaultdict(list)
        self.outcomes = Counter()
        self.latency = defaultdict(list)
        self.kills = 0

    def count(self, what: str, seconds: float | None = None) -> None:
        with self.lock:
            self.outcomes[what] += 1
            if seconds is not None:
                self.latency[what].append(seconds * 1000)


def prepare(app) -> tuple[list[int], str]:
    """Schema, demo town, CASES cases in progress for An; An's API token. Trains the classifier file once."""
    from flask_migrate import upgrade

    from triage.auth.services import create_token, find_user_by_email
    from triage.catalogue.services import find_entry
    from triage.classify.service import get_classifier
    from triage.db import utcnow
    from triage.demo.seed import seed
    from triage.extensions import db
    from triage.intake.models import HelpRequest, RequestStatus
    from triage.referrals.models import Mode, Referral, Status

    with app.app_context():
        upgrade()
        seed()
        an = find_entry("digihelper", "dh-an")
        now = utcnow() - timedelta(days=2)
        cases = []
        for i in range(CASES):
            request_ = HelpRequest(reference=f"LF-{i:05d}", question="itsme werkt niet meer", kind="hulpvraag",
                                   theme="digitale-sleutels", predicted_themes=["digitale-sleutels"],
                                   status=RequestStatus.REFERRED, created_at=now)
            db.session.add(request_)
            db.session.flush()
            cases.append(Referral(request_id=request_.id, target_id=an.id, mode=Mode.ASSIGNED,
                                  status=Status.IN_PROGRESS, created_at=now, accepted_at=now, started_at=now))
        db.session.add_all(cases)
        db.session.flush()
        token = create_token(find_user_by_email("an@dijlegem.example"))
        db.session.commit()
        ids = [c.id for c in cases]
        db.engine.dispose()
    get_classifier()
    return ids, token


def log_question(session: Session, rng: random.Random, record: Record) -> None:
    key = secrets.token_hex(16)
    with record.lock:
        record.sent.add(key)
    form = {"question": rng.choice(QUESTIONS), "language": "nl", "channel": "balie", "postcode": "2800",
            "csrf_token": session.csrf, "idempotency_key": key}
    for _ in range(RETRIES):  # the same form sent again: a double click, or "back" and submit again
        started = time.perf_counter()
        try:
            response = session.send("POST", "/balie/nieuw", form, timeout=20)
        except LOST:
            record.count("intake: connection lost, sent again")
            time.sleep(0.2)
            continue
        location = response.headers.get("Location", "")
        if response.status == 302 and "/balie/vraag/" in location:
            with record.lock:
                record.acknowledged[key] = urlsplit(location).path.rsplit("/", 1)[-1]
            record.count("intake: acknowledged", time.perf_counter() - started)
            return
        record.count(f"intake: HTTP {response.status}, sent again")
        time.sleep(0.2)
    record.count("intake: given up")


def close_case(port: int, token: str, cases: list[int], rng: random.Random, record: Record) -> None:
    referral_id, outcome = rng.choice(cases), rng.choice(OUTCOMES)
    body = json.dumps({"version": 1, "outcome": outcome})  # the version the client saw when the case was listed
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    started = time.perf_counter()
    try:
        response = request(port, "POST", f"/api/v1/referrals/{referral_id}/close", body, headers, timeout=20)
    except LOST:
        record.count("close: connection lost")
        return
    if response.status == 200:
        with record.lock:
            record.closes[referral_id].append(outcome)
        record.count("close: acknowledged", time.perf_counter() - started)
    elif response.status == 409:
        record.count("close: refused, someone else was first (409)", time.perf_counter() - started)
    else:
        record.count(f"close: HTTP {response.status}")


def log_in(port: int) -> Session:
    """A counter clerk's browser session (argon2 is slow on purpose: done before the clock starts)."""
    return Session(port, "balie@dijlegem.example", PASSWORD, form_page="/balie/nieuw")


def client(number: int, port: int, token: str, cases: list[int], session: Session, start: threading.Event,
           deadline: list[float], record: Record) -> None:
    rng = random.Random(number)
    start.wait()
    for _ in range(MAX_OPERATIONS):
        if time.time() >= deadline[0]:
            return
        if rng.random() < 0.5:
            log_question(session, rng, record)
        else:
            close_case(port, token, cases, rng, record)


def killer(master: int, start: threading.Event, deadline: list[float], record: Record) -> None:
    """Every KILL_EVERY seconds, SIGKILL one of this gunicorn master's workers (only ours)."""
    rng = random.Random(7)
    start.wait()
    next_kill = time.time() + KILL_EVERY
    while next_kill < deadline[0]:
        time.sleep(max(next_kill - time.time(), 0))
        workers = children(master)
        if workers:
            os.kill(rng.choice(workers), signal.SIGKILL)
            record.kills += 1
        next_kill += KILL_EVERY


def expected_runs(start: datetime, end: datetime) -> dict[str, int]:
    """Per scheduled job, the periods whose firing time fell while both schedulers ran (naive UTC bounds)."""
    from triage.jobs.registry import JOBS
    from triage.jobs.schedules import BRUSSELS

    expected = {}
    for job in JOBS:
        cron, periods = job.trigger, set()
        minute = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
        while minute < end:
            local = minute.replace(tzinfo=UTC).astimezone(BRUSSELS)
            every = str(cron.get("minute", ""))
            if every.startswith("*/"):
                fires = local.minute % int(every[2:]) == 0
            else:
                fires = (local.hour, local.minute) == (cron.get("hour"), cron.get("minute"))
            if fires:
                periods.add(job.period(minute))
            minute += timedelta(minutes=1)
        if periods:
            expected[job.id] = len(periods)
    return expected


def run(args, env: dict, app) -> tuple[Record, dict[str, int], float]:
    cases, token = prepare(app)
    port = free_port()
    server = start_gunicorn(env, port, 4, "--timeout", "30", "--graceful-timeout", "5")
    logs = open(os.path.join(env["TRIAGE_INSTANCE_PATH"], "schedulers.log"), "w")  # noqa: SIM115
    schedulers_started = time.time()
    schedulers = [subprocess.Popen([str(VENV_BIN / "flask"), "--app", "wsgi", "jobs", "run"], env=env, cwd=ROOT,
                                   stdout=logs, stderr=subprocess.STDOUT) for _ in range(2)]
    record, start, deadline = Record(), threading.Event(), [0.0]
    try:
        sessions = [log_in(port) for _ in range(args.clients)]
        time.sleep(max(schedulers_started + 6 - time.time(), 0))  # the schedulers import the app, add their jobs
        threads = [threading.Thread(target=client, args=(n, port, token, cases, session, start, deadline, record))
                   for n, session in enumerate(sessions)]
        threads.append(threading.Thread(target=killer, args=(server.pid, start, deadline, record)))
        for thread in threads:
            thread.start()
        started = datetime.now(UTC).replace(tzinfo=None)
        began = time.time()
        deadline[0] = began + args.seconds
        start.set()
        for thread in threads:
            thread.join()
        elapsed = time.time() - began
        ended = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=2)
    finally:
        for process in schedulers:
            stop(process)
        stop(server)
        logs.close()
    return record, expected_runs(started, ended), elapsed


def check(app, record: Record, expected: dict[str, int], sqlite: bool) -> tuple[list, list[str]]:
    from triage.extensions import db
    from triage.reports.rollups import rebuild_statements

    sections, problems = [], []
    with app.app_context(), db.engine.connect() as conn:
        for name, (counts, found) in (
                ("requests", check_requests(conn, record.acknowledged, record.sent)),
                ("referrals", check_referrals(conn, dict(record.closes))),
                ("jobs", check_jobs(conn, expected)),
                ("reports", check_rollups(conn, rebuild_statements)),
                *((("sqlite file", check_sqlite_file(conn)),) if sqlite else ())):
            sections.append((name, counts))
            problems += [f"{name}: {p}" for p in found]
        db.engine.dispose()
    return sections, problems


def report(args, record: Record, elapsed: float, sections: list, problems: list[str]) -> None:
    print(f"load and fault test: {args.db}, {elapsed:.0f} s, {args.clients} clients, gunicorn 4 workers "
          f"(--preload), 2 scheduler processes, {os.cpu_count()} cores, {LOOPBACK} only")
    print(f"faults: {record.kills} gunicorn worker(s) killed with SIGKILL, one every {KILL_EVERY} s")
    print("what the clients saw:")
    for what, n in sorted(record.outcomes.items()):
        timing = record.latency.get(what)
        extra = (f"  (p50 {statistics.median(timing):.0f} ms, p99 {sorted(timing)[int(len(timing) * .99)]:.0f} ms)"
                 if timing else "")
        print(f"  {what:<48}{n:>7}{extra}")
    for name, counts in sections:
        print(f"{name}:")
        for key, value in counts.items():
            print(f"  {key:<48}{value!s:>7}" if not isinstance(value, str) or len(value) < 8
                  else f"  {key:<48}{value}")
    print("RESULT: all checks passed" if not problems else f"RESULT: {len(problems)} problem(s)")
    for problem in problems:
        print(f"  - {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=60, help=f"load duration (at most {MAX_SECONDS})")
    parser.add_argument("--clients", type=int, default=20, help=f"concurrent clients (at most {MAX_CLIENTS})")
    parser.add_argument("--keep", action="store_true", help="keep the database and the scheduler log")
    args = parser.parse_args()
    args.seconds = min(max(args.seconds, 5), MAX_SECONDS)
    args.clients = min(max(args.clients, 1), MAX_CLIENTS)
    instance = tempfile.mkdtemp(prefix="triage-reliability-")
    url = PG_URL if args.db == "postgres" else f"sqlite:///{instance}/triage.sqlite"
    secret = secrets.token_hex(32)
    env = {**os.environ, "TRIAGE_INSTANCE_PATH": instance, "TRIAGE_DATABASE_URL": url, "TRIAGE_SECRET_KEY": secret,
           "TRIAGE_DEMO_PASSWORD": PASSWORD}
    if args.db == "postgres":
        recreate_postgres(url)
    from triage import create_app

    app = create_app({"INSTANCE_PATH": instance, "DATABASE_URL": url, "SECRET_KEY": secret,
                      "DEMO_PASSWORD": PASSWORD})
    try:
        record, expected, elapsed = run(args, env, app)
        sections, problems = check(app, record, expected, sqlite=args.db == "sqlite")
        report(args, record, elapsed, sections, problems)
    finally:
        if args.keep:
            print(f"kept: {instance}" + (f" and {url}" if args.db == "postgres" else ""))
        else:
            shutil.rmtree(instance, ignore_errors=True)
            if args.db == "postgres":
                from triage.extensions import db

                with app.app_context():
                    db.engine.dispose()
                recreate_postgres(url, create=False)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
