#!/usr/bin/env bash
# Static check (bandit) of triage/ and known vulnerabilities in the installed dependencies (pip-audit).
# Exit 1 on a new bandit finding or a vulnerability that scripts/audit-ignore.txt does not explain.
# Without a reachable vulnerability database the audit says NOT RUN and does not fail, unless
# TRIAGE_REQUIRE_AUDIT=1 (then it fails, so a release is never made without one). See docs/security.md.
set -uo pipefail
cd "$(dirname "$0")/.."

echo "== static check (bandit; accepted findings in scripts/bandit-baseline.json, explained in docs/security.md)"
.venv/bin/bandit -q -r triage -b scripts/bandit-baseline.json || exit 1

echo "== dependency audit (pip-audit)"
ignores=()
while read -r id _; do
  ignores+=(--ignore-vuln "$id")
done < <(grep -v '^\s*#' scripts/audit-ignore.txt | grep -v '^\s*$')
# PyPI's own vulnerability data: the one service reachable wherever the packages themselves are.
service=${TRIAGE_AUDIT_SERVICE:-pypi}
out=$(.venv/bin/pip-audit --local --skip-editable --progress-spinner off --strict --desc off \
      --vulnerability-service "$service" "${ignores[@]}" 2>&1)
status=$?
if [ $status -eq 0 ]; then
  echo "$out" | tail -n 1
  exit 0
fi
if ! echo "$out" | grep -q "known vulnerabilit" && \
   echo "$out" | grep -q "could not be audited\|Connection\|timed out\|Max retries"; then
  echo "pip-audit: NOT RUN. The vulnerability service ($service) did not answer for the installed packages."
  echo "$out" | grep -m 3 "could not be audited\|Connection\|timed out\|Max retries" | sed 's/^/  /'
  echo "  Run scripts/audit.sh where it is reachable (TRIAGE_AUDIT_SERVICE=osv or pypi) before a release."
  [ "${TRIAGE_REQUIRE_AUDIT:-0}" = "1" ] && exit 1
  exit 0
fi
echo "$out"
echo "pip-audit found a vulnerability: upgrade the package (pinned in setup.cfg), or explain it in"
echo "docs/security.md and add its id to scripts/audit-ignore.txt."
exit 1
