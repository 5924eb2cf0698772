"""What the reports' triggers cost the counter: one help_requests insert (and its service links), committed.

    .venv/bin/python benchmarks/bench_intake_triggers.py sqlite:////tmp/copy.sqlite [--rounds 6] [--per-round 300]
    .venv/bin/python benchmarks/bench_intake_triggers.py postgresql://postgres@127.0.0.1:5432/db

Inserts rows shaped like the counter's (55 % with a citizen key, a tenth of them a returning citizen,
a third naming an online service) with the raw driver, one transaction each, as the intake does, in
rounds that alternate between the triggers on and off (SQLite: the report triggers of help_requests and
request_services are dropped and created again; PostgreSQL: disabled), so that the load of a shared
machine weighs on both alike. Prints the median time per insert with and without the triggers and the
difference: the triggers' cost. Writes into the database it is given: use a copy.
"""
import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

TABLES = ("help_requests", "request_services")
COLUMNS = ("reference", "question", "channel", "language", "postcode", "needs", "target_groups", "predicted_kind",
           "predicted_themes", "confidence", "explanation", "kind", "theme", "gap", "status", "created_at",
           "contact_consent", "services", "citizen_key")
THEMES = ["digitale-sleutels", "bankieren", "belastingen", "smartphone-tablet", "communicatie", "burgerprofiel"]


class Database:
    def __init__(self, url: str):
        self.postgres = url.startswith("postgresql")
        if self.postgres:
            import psycopg

            self.conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
            self.mark = "%s"
        else:
            import sqlite3

            self.conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL"):
                self.conn.execute(f"PRAGMA {pragma}")
            self.mark = "?"
        self.saved: list[tuple[str, str]] = []

    def all(self, sql: str, params=()):
        return self.conn.execute(sql.replace("?", self.mark), params).fetchall()

    def triggers(self, on: bool) -> None:
        """Turn the report triggers of the intake's tables on or off."""
        if self.postgres:
            names = self.all("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal "
                             "AND tgname LIKE 'report%%' AND tgrelid::regclass::text IN ('help_requests', "
                             "'request_services')")
            for table, name in names:
                self.conn.execute(f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} TRIGGER {name}")
            self.conn.commit()
            return
        if on:
            for _, sql in self.saved:
                self.conn.execute(sql)
            self.saved = []
        else:
            self.saved = self.all("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report%' "
                                  "AND tbl_name IN ('help_requests', 'request_services')")
            for name, _ in self.saved:
                self.conn.execute(f'DROP TRIGGER "{name}"')

    def insert(self, row: dict, services: list[str]) -> None:
        """One request as the intake stores it: INSERT ... RETURNING id, its service links, COMMIT."""
        marks = ", ".join([self.mark] * len(COLUMNS))
        if not self.postgres:
            self.conn.execute("BEGIN IMMEDIATE")
        new_id = self.conn.execute(f"INSERT INTO help_requests ({', '.join(COLUMNS)}) VALUES ({marks}) "  # noqa: S608
                                   "RETURNING id",
                                   [row[c] for c in COLUMNS]).fetchone()[0]
        for code in services:
            self.conn.execute("INSERT INTO request_services (request_id, service, created_at) VALUES "  # noqa: S608
                              + ", ".join([self.mark] * 3).join("()"), (new_id, code, row["created_at"]))
        self.conn.commit() if self.postgres else self.conn.execute("COMMIT")


def rows(db: Database, count: int, seed: int):
    rng = random.Random(seed)
    known = [k for (k,) in db.all("SELECT citizen_key FROM help_requests WHERE citizen_key IS NOT NULL "
                                  "ORDER BY id DESC LIMIT 5000")]
    start = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    for i in range(count):
        at = start + timedelta(seconds=20 * i)
        key = None
        if rng.random() < 0.55:
            key = rng.choice(known) if known and rng.random() < 0.1 else f"bench-{seed}-{i}"
        theme = rng.choice(THEMES)
        row = {"reference": f"B{seed % 1000:03d}{i:08d}", "question": "Hoe log ik in met itsme?",
               "channel": rng.choice(["balie", "telefoon", "e-mail"]), "language": "nl",
               "postcode": rng.choice(["2800", "2801", "2811", None]), "needs": "[]", "target_groups": "[]",
               "predicted_kind": "hulpvraag", "predicted_themes": f'["{theme}"]', "confidence": 0.8,
               "explanation": "[]", "kind": rng.choice(["hulpvraag", "leervraag"]), "theme": theme, "gap": False,
               "status": "open", "created_at": at if db.postgres else at.isoformat(sep=" ", timespec="microseconds"),
               "contact_consent": key is not None, "services": "[]", "citizen_key": key}
        yield row, (["itsme"] if rng.random() < 0.33 else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--rounds", type=int, default=6, help="rounds with the triggers on, and as many off")
    parser.add_argument("--per-round", type=int, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    db = Database(args.url)
    stream = rows(db, 2 * args.rounds * args.per_round, args.seed)
    times: dict[bool, list[float]] = {True: [], False: []}
    for round_no in range(2 * args.rounds):
        on = round_no % 2 == 0
        db.triggers(on)
        for _ in range(args.per_round):
            row, services = next(stream)
            started = time.perf_counter()
            db.insert(row, services)
            times[on].append(time.perf_counter() - started)
    db.triggers(True)
    with_triggers, without = (statistics.median(times[k]) * 1e6 for k in (True, False))
    means = {k: statistics.fmean(times[k]) * 1e6 for k in times}
    print(f"{'postgresql' if db.postgres else 'sqlite'}: {len(times[True])} inserts each way, µs per insert "
          f"(median / mean): with triggers {with_triggers:.0f} / {means[True]:.0f}, without {without:.0f} / "
          f"{means[False]:.0f}; the triggers {with_triggers - without:.0f} / {means[True] - means[False]:.0f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
