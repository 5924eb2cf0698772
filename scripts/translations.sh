#!/usr/bin/env bash
# For translators: extract the texts, start a language, update it, compile it. No code changes needed.
#   bash scripts/translations.sh extract          # triage/translations/messages.pot and slip.pot
#   bash scripts/translations.sh init fr          # start the staff UI in French (messages domain)
#   bash scripts/translations.sh init-slip so     # start the citizen's slip in Somali (slip domain)
#   bash scripts/translations.sh update           # merge new texts into every existing .po
#   bash scripts/translations.sh compile          # .po -> .mo for the staff UI (setup-env.sh runs this)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=.venv/bin/pybabel
DIR=triage/translations

extract() {
  "$PYBABEL" -q extract -F babel.cfg -k _l -k lazy_gettext --sort-by-file --project triage \
    -o "$DIR/messages.pot" .
  "$PYBABEL" -q extract -F babel.cfg --no-default-keywords -k slip_ --sort-by-file --project triage \
    -o "$DIR/slip.pot" .
}

case "${1:-}" in
  extract) extract ;;
  init) extract; "$PYBABEL" -q init -i "$DIR/messages.pot" -d "$DIR" -D messages -l "$2" ;;
  init-slip) extract; "$PYBABEL" -q init -i "$DIR/slip.pot" -d "$DIR" -D slip -l "$2" ;;
  update)
    extract
    if compgen -G "$DIR/*/LC_MESSAGES/messages.po" >/dev/null; then
      "$PYBABEL" -q update -i "$DIR/messages.pot" -d "$DIR" -D messages
    fi
    "$PYBABEL" -q update -i "$DIR/slip.pot" -d "$DIR" -D slip ;;
  compile)
    # The staff UI's catalogues; the slip's .po files are read directly by the app.
    if compgen -G "$DIR/*/LC_MESSAGES/messages.po" >/dev/null; then
      "$PYBABEL" compile -d "$DIR" -D messages --statistics
    fi ;;
  *) echo "usage: $0 extract | init LANG | init-slip LANG | update | compile" >&2; exit 2 ;;
esac
