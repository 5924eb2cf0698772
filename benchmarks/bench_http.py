"""HTTP benchmark on loopback: gunicorn (4 workers), 20 concurrent clients, fixed duration.

    .venv/bin/python benchmarks/bench_http.py [--db sqlite|postgres] [--seconds 20] [--clients 20] [--cpu]

Measures, in one run against one fresh database: a bare route returning a constant, a route doing
one plain insert (the cost of any write request in this stack), the intake POST (session, CSRF, form,
classify, store, redirect), the same POST followed by the request page it redirects to (where the
suggestions are matched: what the clerk waits for) and the digihelper's case list. Prints p50 / p99
latency and throughput for each, and the intake POST's throughput as a share of the plain insert's.
Only 127.0.0.1 is used.
With --cpu it also shows where the CPU went while each route was loaded (Linux /proc): the gunicorn
workers, the client processes, PostgreSQL, other processes and idle.
"""
import argparse
import multiprocessing as mp
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time

from _http import PYTHON, ROOT, Session, free_port, recreate_postgres, request, start_gunicorn, stop

PASSWORD = "benchmark-wachtwoord-" + secrets.token_hex(4)
PG_URL = os.environ.get("TRIAGE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench")
QUESTIONS = ["mijn itsme werkt niet meer sinds ik een nieuwe gsm heb", "wil leren videobellen met de kleinkinderen",
             "aangifte belastingen moet voor vrijdag ingediend", "laptop is heel traag geworden",
             "hoe betaal ik met payconiq", "geen computer thuis en moet online solliciteren"]


def client(port, scenario, seconds, start_at, results):
    session = None
    if scenario in ("intake", "intake_page"):
        session = Session(port, "balie@dijlegem.example", PASSWORD, form_page="/balie/nieuw")
    elif scenario == "cases":
        session = Session(port, "an@dijlegem.example", PASSWORD)
    while time.time() < start_at:
        time.sleep(0.001)
    latencies, errors, rng = [], 0, secrets.SystemRandom()
    end = start_at + seconds
    while time.time() < end:
        t0 = time.perf_counter()
        if scenario == "bare":
            status = request(port, "GET", "/_bench/bare")[0]
        elif scenario == "insert":
            status = request(port, "POST", "/_bench/insert", body=b"")[0]
        elif scenario in ("intake", "intake_page"):
            form = {"question": rng.choice(QUESTIONS), "language": "nl", "channel": "balie",
                    "postcode": rng.choice(["2800", "2801", "2811", ""]), "csrf_token": session.csrf,
                    "idempotency_key": secrets.token_hex(16)}
            response = session.send("POST", "/balie/nieuw", form)
            status = response.status
            if scenario == "intake_page" and status == 302:
                status = session.send("GET", response.headers["Location"]).status
        else:
            status = session.send("GET", "/dossiers/").status
        latencies.append((time.perf_counter() - t0) * 1000)
        errors += status not in (200, 302)
    results.put((latencies, errors))


def _ticks(pid: int) -> tuple[int, int]:
    """(parent pid, user + system clock ticks) of a live process; Linux /proc."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def cpu_snapshot(server_pid: int) -> dict:
    """CPU seconds so far: the gunicorn master and workers, PostgreSQL's backends for the benchmark
    database, this process's finished children (the clients), and all cores busy and idle."""
    tick = os.sysconf("SC_CLK_TCK")
    procs = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            ppid, ticks = _ticks(int(name))
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                procs[int(name)] = (ppid, ticks, handle.read())
        except OSError:
            pass  # ended meanwhile
    tree, grew = {server_pid}, True
    while grew:
        grew = False
        for pid, (ppid, _ticks_used, _cmd) in procs.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    with open("/proc/stat", encoding="ascii") as handle:
        jiffies = [int(x) for x in handle.readline().split()[1:]]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"server": sum(procs[p][1] for p in tree if p in procs) / tick,
            "postgres": sum(t for _pp, t, cmd in procs.values() if cmd.startswith(b"postgres: ")
                            and b" bench " in cmd) / tick,
            "clients": children.ru_utime + children.ru_stime,
            "all": sum(jiffies) / tick, "idle": (jiffies[3] + jiffies[4]) / tick}


def run_scenario(port, scenario, clients, seconds, server_pid=None):
    results = mp.Queue()
    start_at = time.time() + 3  # time for every client to log in first
    procs = [mp.Process(target=client, args=(port, scenario, seconds, start_at, results)) for _ in range(clients)]
    clients_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for p in procs:
        p.start()
    if server_pid:  # count from the start of the load, after the logins (argon2 is slow on purpose)
        time.sleep(max(start_at - time.time(), 0))
        before = cpu_snapshot(server_pid)
    collected = [results.get() for _ in procs]
    for p in procs:
        p.join()
    latencies = sorted(x for lat, _ in collected for x in lat)
    errors = sum(e for _, e in collected)
    row = {"n": len(latencies), "errors": errors, "rps": len(latencies) / seconds,
           "p50": statistics.median(latencies) if latencies else 0,
           "p99": latencies[int(len(latencies) * 0.99)] if latencies else 0}
    if server_pid:
        after = cpu_snapshot(server_pid)
        used = {k: after[k] - before[k] for k in after}
        # The clients' own CPU includes their login, a few requests each: small next to the load.
        used["clients"] = after["clients"] - (clients_before.ru_utime + clients_before.ru_stime)
        row["cpu"] = used
    return row


def prepare(env):
    flask = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "demo", "seed"], env=env, cwd=ROOT, check=True, capture_output=True)
    script = (
        "from triage import create_app\n"
        "from triage.extensions import db\n"
        "from triage.web.bench_views import bench_rows\n"
        "from triage.classify.service import get_classifier\n"
        "app = create_app()\n"
        "from triage.catalogue.services import find_entry\n"
        "from triage.intake.models import HelpRequest\n"
        "from triage.referrals.models import Mode, Referral, Status\n"
        "with app.app_context():\n"
        "    bench_rows.create(db.engine, checkfirst=True)\n"
        "    an = find_entry('digihelper', 'dh-an')\n"
        "    for i in range(40):\n"
        "        r = HelpRequest(reference=f'BEN-{i:03d}', question='itsme werkt niet meer', kind='hulpvraag',\n"
        "                        theme='digitale-sleutels', predicted_themes=['digitale-sleutels'])\n"
        "        db.session.add(r); db.session.flush()\n"
        "        status = Status.ACCEPTED if i < 4 else Status.CLOSED\n"
        "        db.session.add(Referral(request_id=r.id, target_id=an.id, mode=Mode.ASSIGNED, status=status,\n"
        "                                outcome=None if i < 4 else 'geholpen'))\n"
        "    db.session.commit()\n"
        "get_classifier()\n")
    subprocess.run([PYTHON, "-c", script], env=env, cwd=ROOT, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--cpu", action="store_true",
                        help="also show where the CPU went: server, clients, PostgreSQL, idle (Linux)")
    args = parser.parse_args()
    instance = tempfile.mkdtemp(prefix="triage-bench-")
    env = {**os.environ, "TRIAGE_INSTANCE_PATH": instance, "TRIAGE_BENCHMARK_ROUTES": "true",
           "TRIAGE_DEMO_PASSWORD": PASSWORD, "TRIAGE_SECRET_KEY": secrets.token_hex(32)}
    if args.db == "postgres":
        env["TRIAGE_DATABASE_URL"] = PG_URL
        recreate_postgres(PG_URL)
    else:
        env.pop("TRIAGE_DATABASE_URL", None)
    prepare(env)
    port = free_port()
    server = start_gunicorn(env, port, args.workers)
    try:
        run_scenario(port, "intake", args.workers * 2, 2)  # warm every worker's model and caches
        rows = {}
        for scenario in ("bare", "insert", "intake", "intake_page", "cases"):
            rows[scenario] = run_scenario(port, scenario, args.clients, args.seconds,
                                          server.pid if args.cpu else None)
    finally:
        stop(server)
    print(f"database {args.db}, gunicorn {args.workers} workers, {args.clients} clients, {args.seconds} s each, "
          f"{os.cpu_count()} cores")
    print(f"{'route':<28}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    names = {"bare": "bare GET (constant)", "insert": "plain insert POST", "intake": "intake POST",
             "intake_page": "intake POST + its page", "cases": "digihelper case list GET"}
    for scenario, row in rows.items():
        print(f"{names[scenario]:<28}{row['n']:>9}{row['errors']:>8}{row['rps']:>9.0f}{row['p50']:>9.1f}"
              f"{row['p99']:>9.1f}")
    ratio = rows["intake"]["rps"] / rows["insert"]["rps"] if rows["insert"]["rps"] else 0
    print(f"intake POST throughput / plain insert throughput = {ratio:.2f} (target at least 0.6)")
    if args.cpu:
        print(f"\nCPU while loaded, as a share of all {os.cpu_count()} cores, and per request:")
        print(f"{'route':<28}{'server':>8}{'clients':>8}{'pg':>6}{'other':>7}{'idle':>6}"
              f"{'server ms':>11}{'client ms':>11}{'pg ms':>7}")
        for scenario, row in rows.items():
            cpu, n = row["cpu"], max(row["n"], 1)
            other = cpu["all"] - cpu["idle"] - cpu["server"] - cpu["clients"] - cpu["postgres"]
            share = {k: v / cpu["all"] for k, v in cpu.items()}
            print(f"{names[scenario]:<28}{share['server']:>8.0%}{share['clients']:>8.0%}{share['postgres']:>6.0%}"
                  f"{other / cpu['all']:>7.0%}{share['idle']:>6.0%}{cpu['server'] / n * 1000:>11.2f}"
                  f"{cpu['clients'] / n * 1000:>11.2f}{cpu['postgres'] / n * 1000:>7.2f}")


if __name__ == "__main__":
    sys.exit(main())
