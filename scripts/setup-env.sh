#!/usr/bin/env bash
# Create .venv (if missing) and install the app with pinned dependencies; "test" adds test tools
# (and, through setup-browser.sh, Chromium and axe-core for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
  bash scripts/setup-browser.sh
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi
# Compiled staff-UI catalogues (.mo) are built here, never committed.
bash scripts/translations.sh compile
