#!/usr/bin/env bash
# What the browser tests (tests/browser) need besides Python packages: Debian's Chromium and the
# pinned axe-core from npm (tests/browser/package-lock.json). Called by setup-env.sh test.
# Missing and not installable: a clear message; in CI (CI=true) that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${TRIAGE_CHROMIUM:-/usr/bin/chromium}
problems=()

if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get > /dev/null; then
    echo "Browser tests: Chromium is missing; installing it with apt-get (once)..."
    if ! apt-get install -y --no-install-recommends chromium > /tmp/triage-apt-chromium.log 2>&1; then
      apt-get update -qq > /dev/null 2>&1 || true
      apt-get install -y --no-install-recommends chromium > /tmp/triage-apt-chromium.log 2>&1 \
        || problems+=("apt-get install chromium failed, see /tmp/triage-apt-chromium.log")
    fi
    [ -x "$CHROMIUM" ] || problems+=("still no Chromium at $CHROMIUM after apt-get install chromium")
  else
    problems+=("no Chromium at $CHROMIUM: install it as root with 'apt-get install -y --no-install-recommends chromium'")
  fi
fi

AXE=tests/browser/node_modules/axe-core/package.json
WANTED=$(sed -n 's/.*"axe-core": "\(.*\)".*/\1/p' tests/browser/package.json)
if [ ! -f "$AXE" ] || ! grep -q "\"version\": \"$WANTED\"" "$AXE"; then
  if command -v npm > /dev/null; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error > /dev/null) \
      || problems+=("npm ci in tests/browser failed (axe-core $WANTED)")
  else
    problems+=("npm is missing: install Node.js 20 with npm, then run this script again (axe-core $WANTED)")
  fi
fi

if [ ${#problems[@]} -gt 0 ]; then
  for problem in "${problems[@]}"; do echo "Browser tests: $problem" >&2; done
  if [ "${CI:-}" = "true" ]; then
    exit 1
  fi
  echo "Browser tests: without these the browser tests are skipped (in CI they fail)." >&2
fi
