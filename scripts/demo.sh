#!/usr/bin/env bash
# One command for a fresh machine: install, build the SQLite database, add the demo town, run on :5000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
export FLASK_APP=wsgi
# The demo is served over plain http on this computer: no Secure flag, or a browser on another
# machine of the network would drop the session cookie. Never do this in production.
export TRIAGE_SESSION_COOKIE_SECURE=false
.venv/bin/flask db upgrade
if .venv/bin/flask demo seed; then
  echo "De wachtwoorden staan ook in instance/demo-accounts.txt."
else
  echo "De database had al gegevens; de demo-accounts staan in instance/demo-accounts.txt."
fi
echo "Het model voor de indeling van vragen wordt klaargezet (de eerste keer een paar seconden)..."
.venv/bin/python -c "from triage.classify.service import get_classifier; get_classifier()"
# The scheduler (reminders, follow-ups, the outbox) runs as its own process, as in production.
.venv/bin/flask jobs run > instance/scheduler.log 2>&1 &
scheduler=$!
trap 'kill $scheduler 2>/dev/null' EXIT
echo "E-mails komen zonder SMTP-server in instance/outbox.txt terecht."
echo "De app draait op http://127.0.0.1:5000 (stoppen met Ctrl+C)."
.venv/bin/flask run --host 127.0.0.1 --port 5000
