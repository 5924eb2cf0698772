#!/usr/bin/env bash
# One command for the whole test suite: install, then run it on SQLite and on PostgreSQL.
# PostgreSQL: TRIAGE_TEST_POSTGRES_URL (default: postgres on 127.0.0.1:5432, database test).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh test || exit 1
PG_URL=${TRIAGE_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}

echo "== lint (ruff)"
.venv/bin/ruff check triage tests || exit 1
bash scripts/audit.sh || exit 1

# The two passes run side by side (one core each; TRIAGE_TEST_SERIAL=1 runs them one after the
# other). SQLite prints as it goes; PostgreSQL's output follows when it is done.
pg_status=0
pg_pid=""
pg_log=$(mktemp -t triage-pg-tests.XXXXXX)
trap 'rm -f "$pg_log"; [ -n "$pg_pid" ] && kill "$pg_pid" 2>/dev/null' EXIT
run_pg() { TRIAGE_DATABASE_URL="$PG_URL" exec .venv/bin/python -m pytest "$@"; }
pg_up=0
.venv/bin/python scripts/pg_ready.py "$PG_URL" && pg_up=1
if [ "$pg_up" = 1 ] && [ "${TRIAGE_TEST_SERIAL:-}" != "1" ]; then
  (run_pg "$@") >"$pg_log" 2>&1 &
  pg_pid=$!
fi

echo "== tests on SQLite"
env -u TRIAGE_DATABASE_URL .venv/bin/python -m pytest "$@"
sqlite_status=$?

echo "== tests on PostgreSQL ($PG_URL)"
if [ "$pg_up" = 1 ]; then
  if [ -n "$pg_pid" ]; then
    wait "$pg_pid"
    pg_status=$?
    pg_pid=""
    cat "$pg_log"
  else
    (run_pg "$@")
    pg_status=$?
  fi
else
  echo "PostgreSQL pass: NOT RUN. No PostgreSQL answers at $PG_URL."
  echo "  Start one (e.g. apt-get install postgresql, then pg_ctlcluster 15 main start;"
  echo "  createdb -U postgres test) or set TRIAGE_TEST_POSTGRES_URL, and run this script again."
  if [ "${CI:-}" = "true" ]; then pg_status=1; fi
fi

echo "== summary: SQLite exit $sqlite_status, PostgreSQL exit $pg_status"
[ "$sqlite_status" -eq 0 ] && [ "$pg_status" -eq 0 ]
